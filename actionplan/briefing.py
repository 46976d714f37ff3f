"""The board paper's own words, computed from its context: the cover settings (options,
else the `[report]` table of the plan repository's actionplan.toml), the recommendation
that fits the paper's purpose, the executive summary and the RAG key.

Everything here is deterministic plain English built from numbers already in the
context, so the Markdown, HTML and Word papers say the same thing and tests can read it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from actionplan.check import Problem
from actionplan.errors import PlanError, did_you_mean
from actionplan.model import EXCEPTION_RULE, OVERDUE_RULE, PURPOSES, RAG, Status
from actionplan.words import counted, joined

PURPOSE_LABEL = {
    "decision": "For decision",
    "discussion": "For discussion",
    "information": "For information",
}
CONFIG_FILE = "actionplan.toml"
REPORT_KEYS = ["meeting", "author", "purpose"]


class Cover(NamedTuple):
    meeting: str | None = None
    author: str | None = None
    purpose: str = "information"


# --- the cover -----------------------------------------------------------------------


def cover(
    root: Path | None,
    meeting: str | None = None,
    author: str | None = None,
    purpose: str | None = None,
) -> tuple[Cover, list[Problem]]:
    """The cover settings: each option, else the `[report]` table of actionplan.toml at
    root, else the default. An error in the file is raised (PlanError, exit 2) even when
    the options say everything it would: a broken file is worth fixing before a paper is
    published. Warnings are returned for stderr."""
    table, problems = settings(root)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise PlanError(f"{errors[0].location()}: {errors[0].message}")
    chosen = {
        "meeting": meeting if meeting is not None else table.get("meeting"),
        "author": author if author is not None else table.get("author"),
        "purpose": purpose if purpose is not None else table.get("purpose", "information"),
    }
    if chosen["purpose"] not in PURPOSES:  # an option typer did not check (a caller's)
        raise PlanError(_unknown_purpose(chosen["purpose"]))
    return Cover(**chosen), problems


def _unknown_purpose(value: object) -> str:
    return (
        f"unknown purpose {value!r}{did_you_mean(str(value), set(PURPOSES))}; "
        f"valid: {', '.join(PURPOSES)}"
    )


def settings(root: Path | None) -> tuple[dict[str, Any], list[Problem]]:
    """The `[report]` table of root/actionplan.toml ({} without one) and every problem
    with the file, each with its position."""
    if root is None:
        return {}, []
    path = root / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return {}, []
    from actionplan.errors import PlanSyntaxError
    from actionplan.planfiles import display_path, parse_text

    shown = display_path(path)

    def problem(line: int, col: int, code: str, message: str, severity: str = "error") -> Problem:
        return Problem(shown, line, col, severity, code, message)

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except IsADirectoryError:
        return {}, [problem(1, 1, "E001", "cannot read: it is a directory, not a file")]
    except OSError as e:
        return {}, [problem(1, 1, "E001", f"cannot read: {e.strerror or e}")]
    except UnicodeDecodeError:
        return {}, [problem(1, 1, "E001", "not UTF-8 text")]
    try:
        data = parse_text(path, text).data
    except PlanSyntaxError as e:
        return {}, [problem(e.line, e.column, e.code, e.detail)]
    table = data.get("report", {})
    keys = _keys_of_report(text)
    if not isinstance(table, dict):
        line, col = _key_position(text, "report")
        return {}, [problem(line, col, "E003", "'report' must be a table ([report])")]
    problems = []
    for key in data:
        if key != "report":
            line, col = _key_position(text, key)
            problems.append(
                problem(
                    line,
                    col,
                    "W009",
                    f"unknown key {key!r}{did_you_mean(key, {'report'})}; "
                    "actionplan.toml holds a [report] table",
                    "warning",
                )
            )
    for key, value in table.items():
        line, col = keys.get(key, (1, 1))
        if key not in REPORT_KEYS:
            problems.append(
                problem(
                    line,
                    col,
                    "W009",
                    f"[report]: unknown key {key!r}{did_you_mean(key, set(REPORT_KEYS))}; "
                    f"known: {', '.join(REPORT_KEYS)}",
                    "warning",
                )
            )
        elif not isinstance(value, str):
            problems.append(problem(line, col, "E003", f"[report] {key} must be a string"))
        elif key == "purpose" and value not in PURPOSES:
            problems.append(problem(line, col, "E013", f"[report] {_unknown_purpose(value)}"))
    return {k: v for k, v in table.items() if k in REPORT_KEYS}, problems


def _key_position(text: str, key: str) -> tuple[int, int]:
    """Where a top-level key is written: `key = ...`, `key.sub = ...` or `[key]`."""
    m = re.search(rf"^(\s*\[{{0,2}}\s*){re.escape(key)}\s*[=.\]]", text, re.M)
    if not m:
        return (1, 1)
    return text.count("\n", 0, m.start()) + 1, len(m.group(1)) + 1


def _keys_of_report(text: str) -> dict[str, tuple[int, int]]:
    """Line and column of each key written under the `[report]` header."""
    found: dict[str, tuple[int, int]] = {}
    inside = False
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = re.fullmatch(r"\[\s*report\s*\]\s*(#.*)?", stripped) is not None
            continue
        m = re.match(r"(\s*)([A-Za-z0-9_-]+)\s*=", line)
        if inside and m:
            found.setdefault(m.group(2), (n, len(m.group(1)) + 1))
    return found


# --- the recommendation --------------------------------------------------------------


def recommendation(purpose: str, actions: list[dict[str, Any]], plural: bool) -> dict[str, Any]:
    """What the board is asked to do, fitting the purpose; for a decision, the decisions
    sought (open actions that carry one)."""
    plans = "action plans" if plural else "action plan"
    decisions = [
        {"id": a["id"], "plan": a["plan"], "title": a["title"], "decision": a["decision"]}
        for a in actions
        if a.get("decision") and a["status"] not in ("complete", "cancelled")
    ]
    if purpose == "decision":
        if decisions:
            text = "The board is asked to decide the matters below, and to note progress."
        else:
            text = (
                "No decision is recorded against any open action; the board is asked to "
                f"note progress against the {plans} and the exceptions in this paper."
            )
    elif purpose == "discussion":
        text = (
            "The board is asked to discuss the exceptions in this paper and what is being "
            f"done about them, and to note progress against the {plans}."
        )
    else:
        text = (
            f"The board is asked to note progress against the {plans}, the exceptions in "
            "this paper and what is being done about them."
        )
    return {
        "purpose": purpose,
        "label": PURPOSE_LABEL[purpose],
        "text": text,
        "decisions": decisions if purpose == "decision" else [],
        "decisions_recorded": decisions,
    }


# --- the executive summary -----------------------------------------------------------


def executive_summary(ctx: dict[str, Any]) -> list[str]:
    """Three to six sentences: the position (with the direction of travel), the
    exceptions and where they concentrate, the changes in the period, and - when there
    are any - outcome measures, framework coverage and the decisions sought."""
    sentences = [_position(ctx), _exceptions(ctx), _changes(ctx)]
    for extra in (_measures(ctx), _coverage(ctx), _decisions(ctx)):
        if extra:
            sentences.append(extra)
    return sentences


_OPEN = [
    ("on-track", "is on track", "are on track"),
    ("at-risk", "is at risk", "are at risk"),
    ("off-track", "is off track", "are off track"),
    ("not-started", "has not started", "have not started"),
    ("cancelled", "is cancelled", "are cancelled"),
]


def _breakdown(counts: dict[str, int]) -> str:
    """'3 are on track, 1 is at risk and 2 have not started': the statuses other than
    complete that any action has."""
    return joined(
        [
            f"{counts[s]} {one if counts[s] == 1 else many}"
            for s, one, many in _OPEN
            if counts.get(s)
        ]
    )


def _position(ctx: dict[str, Any]) -> str:
    plans, totals = ctx["plans"], ctx["totals"]
    done, total = totals["counts"]["complete"], totals["total"]
    if len(plans) == 1:
        text = f"Of the {counted(total, 'action')} in the {plans[0]['title']}, {done} "
        text += "is" if done == 1 else "are"
    else:
        text = f"Across the {len(plans)} plans, {done} of {counted(total, 'action')} "
        text += "is" if done == 1 else "are"
    text += f" complete ({totals['percent_complete']:.0f}%)"
    rest = _breakdown(totals["counts"])
    if rest:
        text += f"; {rest}"
    overdue = totals["overdue"]
    if overdue:
        text += f"; {overdue} {'is' if overdue == 1 else 'are'} overdue"
    since = ctx["period"]["since"]
    if since and any(p["previous"] is not None for p in plans):
        if len(plans) == 1:
            prev = plans[0]["previous"]
            text += (
                f"; since {since['date']} the direction of travel is "
                f"{_way(plans[0]['direction'])} (from {prev['percent_complete']:.0f}% complete "
                f"and {counted(prev['exceptions'], 'exception')})"
            )
        else:
            ways: dict[str, list[str]] = {}
            for p in plans:
                ways.setdefault(_way(p["direction"]), []).append(p["title"])
            text += f"; since {since['date']} the direction of travel is " + ", ".join(
                f"{way} for {joined(titles)}" for way, titles in ways.items()
            )
    return text + "."  # one sentence: with the others, never more than six


def _way(direction: str) -> str:
    """A direction of travel as it reads in a sentence ('no change' is a table's word)."""
    return "unchanged" if direction == "no change" else direction


def _exceptions(ctx: dict[str, Any]) -> str:
    exceptions = ctx["exceptions"]
    if not exceptions:
        return f"No action is off track, at risk or overdue as at {ctx['as_of']}."
    if len(exceptions) == 1:
        a = exceptions[0]
        return f"One action is an exception: {a['id']} ({a['title']}), {_state(a)}."
    tiers = {(p["id"], t["id"]): t["name"] for p in ctx["plans"] for t in p["tiers"]}
    several_plans = len(ctx["plans"]) > 1
    by_tier = Counter((a["plan"], a["tier"]) for a in exceptions)
    by_owner = Counter((a["owner"] or "no owner") for a in exceptions)
    text = f"{len(exceptions)} actions are exceptions (off track, at risk or overdue)"
    top = _most(by_tier)
    if top is not None:
        plan, tier = top
        label = f"{tier} {tiers.get(top, '')}".strip()
        if several_plans:
            label += f" ({plan})"
        text += f"; most are in {label} ({by_tier[top]} of {len(exceptions)})"
    owner = _most(by_owner)
    if owner is not None:
        text += f"{' and' if top is not None else '; most'} with {owner} ({by_owner[owner]})"
    if top is None and owner is None:
        tiers, owners = counted(len(by_tier), "tier"), counted(len(by_owner), "owner")
        text += f", spread across {tiers} and {owners}"
    return text + "."


def _most(counter: Counter) -> Any:
    """The key holding most, when it holds more than one and more than any other."""
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _state(a: dict[str, Any]) -> str:
    status = a["status"].replace("-", " ")
    if a["overdue"]:
        return f"{status} and {counted(a['days_overdue'], 'day')} overdue"
    return status


def _changes(ctx: dict[str, Any]) -> str:
    c = ctx["changes"]
    parts = []
    if c["completed"]:
        parts.append(f"{counted(len(c['completed']), 'action')} completed")
    moved = len(c["status"]) - len(c["completed"])
    if moved > 0:
        parts.append(f"{counted(moved, 'other status change')}")
    if c["added"]:
        parts.append(f"{counted(len(c['added']), 'new action')}")
    if c["removed"]:
        parts.append(f"{counted(len(c['removed']), 'action')} removed")
    if c["redated"]:
        parts.append(f"{counted(len(c['redated']), 'action')} re-dated")
    if c["owner"]:
        parts.append(f"{counted(len(c['owner']), 'owner change')}")
    if c["title"]:
        parts.append(f"{counted(len(c['title']), 'action')} retitled")
    moved = {e["action"] for e in c["tier"] + c["plan"]}
    if moved:
        parts.append(f"{counted(len(moved), 'action')} moved")
    if c["evidence"]:
        parts.append(f"{counted(len(c['evidence']), 'evidence item')} recorded")
    if not parts:
        return "No changes were recorded in the period."
    return f"In the period: {joined(parts)}."


def _measures(ctx: dict[str, Any]) -> str | None:
    measures = ctx.get("measures") or []
    if not measures:
        return None
    late = sum(1 for m in measures if m.get("late"))
    if len(measures) == 1:
        m = measures[0]
        state = {
            "red": "off target (red)",
            "amber": "off target (amber, within its tolerance)",
            "green": "on target",
        }.get(m["rag"], "without a reading or a target to judge it by")
        text = f"The outcome measure {m['id']} is {state}"
        return text + ("; its return is late." if late else ".")
    rag = Counter(m["rag"] for m in measures)
    off = rag["red"] + rag["amber"]
    text = f"Of {len(measures)} outcome measures, {off} {'is' if off == 1 else 'are'} off target"
    if off:
        text += f" ({joined([f'{rag[c]} {c}' for c in ('red', 'amber') if rag[c]])})"
    parts = []
    if rag["green"]:
        parts.append(f"{rag['green']} on target")
    if rag["grey"]:
        parts.append(f"{rag['grey']} without a reading or target")
    if parts:
        text += ", " + joined(parts)
    if late:
        text += f"; {counted(late, 'return')} {'is' if late == 1 else 'are'} late"
    return text + "."


def _coverage(ctx: dict[str, Any]) -> str | None:
    frameworks = ctx.get("frameworks") or []
    if not frameworks:
        return None
    parts = []
    for f in frameworks:
        gaps = [p["id"] for p in f["principles"] if not p["covered"]]
        if gaps:
            parts.append(
                f"{len(gaps)} of the {f['total']} principles of {f['title']} "
                f"{'is' if len(gaps) == 1 else 'are'} served by no action ({', '.join(gaps)})"
            )
        else:
            parts.append(f"every one of the {f['total']} principles of {f['title']} is served")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _decisions(ctx: dict[str, Any]) -> str | None:
    decisions = ctx["recommendation"]["decisions_recorded"]
    if not decisions:
        return None
    ids = joined([d["id"] for d in decisions])
    return f"The board is asked to decide {counted(len(decisions), 'matter')}: {ids}."


# --- the RAG key ---------------------------------------------------------------------


def rag_key() -> dict[str, Any]:
    """The colours and the rules behind them, from the definitions the code uses."""
    colours = []
    for colour in ("red", "amber", "green", "blue", "grey"):
        statuses = [s.value for s in Status if RAG[s] == colour]
        colours.append({"rag": colour, "statuses": statuses})
    return {"colours": colours, "rules": [OVERDUE_RULE, EXCEPTION_RULE]}
