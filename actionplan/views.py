"""Output: JSON documents, and the tables people read. No business logic.

Every table the tool prints goes through one renderer, `Out.table` (render.py), which
draws it one of two ways:

* on a terminal (the stream is a tty): with rich - box-drawn, a header row, coloured by
  RAG, wrapped within the terminal's width by rich itself. rich is imported only on this
  path (it costs ~35 ms to import and ~1 ms a row to lay out);
* anywhere else (a pipe, a file, a CI log): a plain writer that never imports rich - a
  title line, a header line, a dashed rule, one line per row, columns padded with two
  spaces, never wrapped, no borders, no ANSI codes (unless FORCE_COLOR asks for them),
  stable column order - so that grep and awk work.

Adding a table (a coverage matrix, a measures table, a chase list):

    from actionplan.views import Column, Out

    out = Out()                               # stdout; Out(sys.stderr) for stderr
    out.table(
        [Column("ID"), Column("Owner", wrap=True), Column("Overdue", right=True)],
        [[("KEN-1", "bold"), owner, ("3", "red")], ...],
        title="Chase (12)",                   # optional: a line above the table
        footer=["All", "", "7"],              # optional: a totals row under a rule
        limit=10,                             # optional: at most 10 rows on a terminal
        more=lambda n: f"… and {n} more (all: actionplan chase --all)",
    )

* `Column(header, right=False, wrap=False, optional=False)`. `right` aligns right
  (numbers). `wrap=True` lets the column wrap at spaces to fit the terminal (titles,
  owners, evidence). Any other column never wraps or breaks (ids, dates, counts): it is
  as wide as its widest cell, and a table whose unwrappable columns cannot fit the
  terminal is drawn wider than the terminal rather than cut. `optional=True` leaves the
  column out on a terminal when all its cells are empty (piped output keeps it, so that
  columns stay where scripts expect them).
* A cell is a string; or `(text, style)`, style naming an entry of STYLES: a RAG colour
  (`green`, `amber`, `red`, `blue`, `grey`; `Status.rag` gives one) or a role (`bold`,
  `dim`, `late`); or a list of such parts, drawn side by side (a sparkline, a count per
  status), where the part BREAK starts a new line on a terminal and is a space when
  piped (a due date above how late it is). Cells are user text: control characters are
  shown escaped (`\\x1b`) and nothing is read as markup - they reach rich as `Text`,
  never as markup strings.
* `limit` bounds the rows drawn on a terminal, where rich's layout costs grow with the
  rows: the first `limit` rows are drawn (with `latest=True`, the last: a history), and
  the line `more(n)` - under the table, or above it with `latest` - says how to see the
  n rows left out. Piped output and JSON never drop a row.
* `out.line(text, style)` writes one line (text, or a list of parts); `out.fields()`
  name/value lines; `out.terminal` tells a view which way it is drawn, when it wants a
  different shape there (status puts its counts per status in one column).

Colour follows rich and the no-color convention: NO_COLOR (non-empty) turns it off, also
when FORCE_COLOR is set; FORCE_COLOR turns it on, also for piped output; TERM=dumb turns
it off. `Progress` is the progress bar long history reads show on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TextIO

from actionplan.errors import PlanError
from actionplan.model import Action, Counts, Plan, PlanSummary, Status
from actionplan.render import BREAK, STYLES, Cell, Column, Out, Part, Progress, clean

__all__ = ["BREAK", "STYLES", "Cell", "Column", "Out", "Part", "Progress", "clean"]

# Status's exceptions on a terminal: enough to act on, few enough to appear at once.
EXCEPTIONS_SHOWN = 10
# Rows of list, overdue and history on a terminal. rich lays a table out at ~1 ms a row
# (a 1,000-action `list` took 0.8 s against 0.13 s piped), so longer tables are cut there.
ROWS_SHOWN = 100

# --- JSON ----------------------------------------------------------------------------


def counts_json(c: Counts) -> dict[str, Any]:
    return {
        "counts": dict(c.by_status),
        "total": c.total,
        "overdue": c.overdue,
        "percent_complete": c.percent_complete,
    }


def emit_json(doc: Any, out: TextIO | None = None) -> None:
    """One JSON document on one line: the same bytes on a terminal, a pipe or a file.
    (json's indent= switches to its pure-Python encoder, 5x slower on big plans.)"""
    out = out or sys.stdout
    out.write(json_text(doc))
    out.write("\n")


def json_text(doc: Any, indent: int | None = None) -> str:
    """doc as JSON. A value nested deeper than the encoder can go is a user error (the
    plans are checked for it, E010, so this is the last line of defence)."""
    import json

    try:
        # The documents are built here as trees (an action's dict may appear twice, as in
        # coverage, but nothing refers back to itself), so the encoder's cycle check is
        # only cost; nesting too deep still ends in RecursionError.
        return json.dumps(
            doc, ensure_ascii=False, default=_json_default, indent=indent, check_circular=False
        )
    except RecursionError:
        raise PlanError("cannot write JSON: a value is nested too deeply") from None


def _json_default(o: object) -> Any:
    if isinstance(o, date):
        return o.isoformat()
    if isinstance(o, Status):
        return o.value
    raise TypeError(f"cannot encode {type(o).__name__} as JSON")


# --- the views -----------------------------------------------------------------------


def _status_cell(status: Status) -> Cell:
    return (status.value, status.rag)


def _due_cell(a: Action, as_of: date) -> Cell:
    """The due date; when overdue, in red with how late (under it, on a terminal)."""
    if a.due is None:
        return ""
    since = a.overdue_since(as_of)  # a recurring action: the occurrence it missed
    if since:
        return [(str(since), "late"), BREAK, (f"({(as_of - since).days}d late)", "late")]
    return (a.next_due(as_of) or a.due).isoformat()


def _evidence_text(a: Action) -> str:
    e = a.latest_evidence
    return f"{e.date}: {e.text}" if e else ""


def summary_json(summary: list[PlanSummary], as_of: date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "plans": [
            {
                "id": s.plan.id,
                "title": s.plan.title,
                "organisation": s.plan.organisation,
                "board": s.plan.board,
                **counts_json(s.total),
                "tiers": [{"id": t.id, "name": t.name, **counts_json(c)} for t, c in s.tiers],
                "exceptions": [a.to_json(as_of) for a in s.exceptions],
            }
            for s in summary
        ],
    }


def _count_cells(c: Counts) -> list[Cell]:
    """Counts as piped output shows them: one column per status."""
    return [
        str(c.total),
        *[(str(c.by_status[st.value]), st.rag if c.by_status[st.value] else None) for st in Status],
        f"{c.percent_complete:.0f}%",
        (str(c.overdue), "late" if c.overdue else None),
    ]


def _count_cells_terminal(c: Counts) -> list[Cell]:
    """Counts as a terminal shows them: the statuses in one cell, each in its RAG
    colour, so that the table fits 100 columns."""
    by_status: list[Part] = []
    for st in Status:
        n = c.by_status[st.value]
        if n:
            if by_status:
                by_status.append((", ", None))
            by_status.append((f"{n} {st.value}", st.rag))
    return [
        str(c.total),
        by_status or "—",
        f"{c.percent_complete:.0f}%",
        (str(c.overdue), "late" if c.overdue else None),
    ]


def render_status(
    summary: list[PlanSummary],
    as_of: date,
    out: Out,
    more: Callable[[str, int], str] | None = None,
) -> None:
    """Each plan's counts per tier, then its exceptions. On a terminal the statuses share
    one column and at most EXCEPTIONS_SHOWN exceptions are drawn; more(plan id, n) says
    how to see the rest."""
    if out.terminal:
        statuses = [Column("By status", wrap=True)]
        cells = _count_cells_terminal
    else:
        statuses = [Column(st.value, right=True) for st in Status]
        cells = _count_cells
    columns = [
        Column("Tier", wrap=True),
        Column("Actions", right=True),
        *statuses,
        Column("% complete", right=True),
        Column("Overdue", right=True),
    ]
    for i, s in enumerate(summary):
        plan = s.plan
        if i:
            out.line()
        out.line(plan.title, "bold")
        out.line(
            f"{plan.id} · {plan.organisation} · {plan.start} to {plan.end} · as of {as_of}", "dim"
        )
        out.line()
        rows = [[f"{tier.id} {tier.name}", *cells(c)] for tier, c in s.tiers]
        out.table(columns, rows, footer=[("All tiers", "bold"), *cells(s.total)])
        out.line()
        if s.exceptions:
            render_actions(
                s.exceptions,
                as_of,
                out,
                title=f"Exceptions ({len(s.exceptions)})",
                evidence=True,
                response=True,
                limit=EXCEPTIONS_SHOWN,
                more=(lambda n, p=plan.id: more(p, n)) if more else None,
            )
        else:
            out.line("No exceptions: nothing off track, at risk or overdue.", "green")


def render_actions(
    actions: Sequence[Action],
    as_of: date,
    out: Out,
    title: str | None = None,
    evidence: bool = False,
    plan_column: bool = False,
    limit: int | None = None,
    more: Callable[[int], str] | None = None,
    response: bool = False,
) -> None:
    """Actions one row each; evidence adds the latest evidence, response the mitigation
    and the decision sought (exceptions: what is being done, what the board must decide;
    on a terminal these columns show only when some action has them)."""
    columns = [Column("ID")]
    if plan_column:
        columns.append(Column("Plan"))
    columns += [
        Column("Tier"),
        Column("Status"),
        Column("Due"),
        Column("Owner", wrap=True),
        Column("Title", wrap=True),
    ]
    if evidence:
        columns.append(Column("Latest evidence", wrap=True, optional=True))
    if response:
        columns += [
            Column("Mitigation", wrap=True, optional=True),
            Column("Decision sought", wrap=True, optional=True),
        ]
    rows = []
    for a in actions:
        row: list[Cell] = [(a.id, "bold")]
        if plan_column:
            row.append(a.plan)
        row += [a.tier, _status_cell(a.status), _due_cell(a, as_of), a.owner or "—", a.title]
        if evidence:
            row.append(_evidence_text(a))
        if response:
            row += [a.mitigation or "", a.decision or ""]
        rows.append(row)
    out.table(columns, rows, title, limit=limit, more=more)


def render_show(
    a: Action,
    plan: Plan,
    as_of: date,
    history: list[dict] | None,
    out: Out,
    more: Callable[[int], str] | None = None,
) -> None:
    tier = plan.tier(a.tier)
    out.line(f"{a.id}  {a.title}", "bold")
    out.line()
    out.fields(
        [
            ("plan", f"{plan.id} ({plan.title})"),
            ("tier", f"{a.tier} {tier.name}" if tier else a.tier),
            ("status", _status_cell(a.status)),
            ("owner", a.owner or "—"),
            ("start", str(a.start) if a.start else None),
            ("due", (_due_cell(a, as_of) if not a.every else str(a.due)) if a.due else "—"),
            ("every", _every_cell(a, as_of) if a.every else None),
            ("source", a.source),
            ("tags", ", ".join(a.tags) if a.tags else None),
            ("depends on", ", ".join(a.depends_on) if a.depends_on else None),
            ("aligns", ", ".join(a.aligns) if a.aligns else None),
            ("notes", a.notes),
            ("mitigation", a.mitigation),
            ("decision", a.decision),
            ("file", f"{plan.path}:{a.line}"),
        ]
    )
    out.line()
    if a.every:
        render_occurrences(a, as_of, out)
        out.line()
    if a.evidence:
        # Numbered as `update --remove-evidence N` takes them.
        out.table(
            [
                Column("#", right=True),
                Column("Date"),
                Column("Text", wrap=True),
                Column("By", wrap=True),
                Column("Link", wrap=True),
            ],
            [
                [str(n), str(e.date), e.text, e.by or "", e.link or ""]
                for n, e in enumerate(a.evidence, 1)
            ],
            title=f"Evidence ({len(a.evidence)})",
        )
    else:
        out.line("No evidence recorded.", "dim")
    if history is not None:
        out.line()
        render_history(history, out, title="History", more=more)


def _every_cell(a: Action, as_of: date) -> Cell:
    """A recurring action's period, and where it stands: late since an occurrence, or
    when it is next due."""
    since = a.overdue_since(as_of)
    if since:
        return [(f"{a.every}: ", None), (f"{since} is {(as_of - since).days}d late", "late")]
    upcoming = a.next_due(as_of)
    return f"{a.every}: next due {upcoming}" if upcoming else f"{a.every}: no occurrence left"


# How each state of an occurrence is shown.
OCCURRENCE_STYLE = {"met": "green", "late": "late", "missed": "red", "upcoming": "dim"}


def occurrences_json(a: Action, as_of: date) -> list[dict[str, Any]]:
    """A recurring action's occurrences (none for one that does not recur)."""
    if not a.every:
        return []
    return [
        {
            "due": o.due.isoformat(),
            "state": o.state,
            "evidence": (
                {"date": o.evidence.date.isoformat(), "text": o.evidence.text}
                if o.evidence
                else None
            ),
        }
        for o in a.occurrence_states(as_of)
    ]


def render_occurrences(a: Action, as_of: date, out: Out) -> None:
    """Each occurrence met (by which item), late (grace running), missed or upcoming."""
    states = a.occurrence_states(as_of)
    met = sum(o.state == "met" for o in states)
    out.table(
        [Column("Due"), Column("State"), Column("Met by", wrap=True)],
        [
            [
                str(o.due),
                (o.state, OCCURRENCE_STYLE[o.state]),
                f"{o.evidence.date}: {o.evidence.text}" if o.evidence else "",
            ]
            for o in states
        ],
        title=f"Occurrences, every {a.every} ({met} of {len(states)} met)",
    )


def render_history(
    events: list[dict],
    out: Out,
    title: str | None = None,
    more: Callable[[int], str] | None = None,
) -> None:
    """Events oldest first; on a terminal the latest ROWS_SHOWN, and more(n) before
    them says how to see the n earlier ones."""
    if not events:
        out.line("No changes recorded in git history.", "dim")
        return
    out.table(
        [
            Column("Date"),
            Column("Commit"),
            Column("Author", wrap=True),
            Column("Action"),
            Column("Change", wrap=True),
            Column("Message", wrap=True),
        ],
        [
            [
                e["date"][:10],
                e["commit"][:10],
                e["author"],
                e["action"],
                describe_event(e),
                e["message"],
            ]
            for e in events
        ],
        title,
        limit=ROWS_SHOWN,
        more=more,
        latest=True,
    )


def describe_event(e: dict) -> str:
    field, old, new = e["field"], e["old"], e["new"]
    if field == "added":
        return f"added: {new}"
    if field == "removed":
        return f"removed: {old}"
    if field == "evidence":
        return f"evidence: {new['date']}: {new['text']}" if isinstance(new, dict) else "evidence"
    if field == "value":
        return describe_reading(old, new)
    if field == "target":
        return f"target: {_point_text(old)} → {_point_text(new)}"
    return f"{field}: {_value(old)} → {_value(new)}"


def _value(v: Any) -> str:
    """An event's old or new value as a person reads it: lists joined, nothing as —."""
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "none"
    return "—" if v is None else str(v)


def render_check_summary(
    files: list[str], problems: Sequence, out: Out, frameworks: Sequence[str] = ()
) -> None:
    """check's summary: one line when piped; on a terminal a table of errors and warnings
    per plan (and framework) file under that line."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    n, m = len(files), len(frameworks)
    also = f" and {m} framework file{'s' * (m != 1)}" if m else ""
    summary = (
        f"{n} plan file{'s' * (n != 1)}{also} checked: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    )
    if not out.terminal:
        out.line(summary)
        return

    def counts(e: int, w: int) -> list[Cell]:
        return [(str(e), "red" if e else "green"), (str(w), "amber" if w else "green")]

    rows: list[list[Cell]] = []
    for f in [*files, *frameworks]:
        mine = [p for p in problems if p.file == f]
        e = sum(p.severity == "error" for p in mine)
        rows.append([f, *counts(e, len(mine) - e)])
    out.table(
        [
            Column("Framework or plan file" if m else "Plan file", wrap=True),
            Column("Errors", right=True),
            Column("Warnings", right=True),
        ],
        rows,
        title=summary,
        footer=[("All", "bold"), *counts(errors, warnings)] if n + m > 1 else None,
    )


def _point_text(point: dict | None) -> str:
    """'0 by 2011-03-31' for a target table; '—' for none."""
    if not point:
        return "—"
    when = f" by {point['date']}" if point.get("date") else ""
    return f"{number_text(point.get('value'))}{when}"


def describe_reading(old: dict | None, new: dict | None) -> str:
    """'reading 2009-06-30: 180 (Q1 return)', or 'reading 2009-06-30: 180 → 175'."""
    if new is None:
        return f"reading removed: {old['date']}: {number_text(old['value'])}" if old else ""
    note = f" ({new['note']})" if new.get("note") else ""
    if old is None:
        return f"reading added: {new['date']}: {number_text(new['value'])}{note}"
    return f"reading {new['date']}: {number_text(old['value'])} → {number_text(new['value'])}{note}"


def render_changes(action_id: str, file: str, changes: Sequence, out: Out) -> None:
    """What an update or add changed, one line per field."""
    out.line(f"{action_id} ({file})", "bold")
    for c in changes:
        if c.field == "added":
            out.line(f"  added: {c.new}")
        elif c.field == "evidence":
            e, verb = (c.new, "added") if c.new is not None else (c.old, "removed")
            extra = "".join(f" [{k}: {e[k]}]" for k in ("link", "by") if e.get(k))
            out.line(f"  evidence {verb}: {e['date']}: {e['text']}{extra}")
        elif c.field == "value":
            out.line(f"  {describe_reading(c.old, c.new)}")
        else:
            old, new = (
                "—" if v is None else "[" + ", ".join(v) + "]" if isinstance(v, list) else v
                for v in (c.old, c.new)
            )
            out.line(f"  {c.field}: {old} → {new}")


def render_coverage(doc: dict[str, Any], out: Out) -> None:
    """Per framework: its principles (rows, by section, the gaps first in each) against
    the plan tiers that serve it (a count per cell), each with its roll-up and the
    actions serving it; then the gaps named. Principle and action ids never break: they
    sit in columns that do not wrap, or between spaces in one that does."""
    for n, fw in enumerate(doc["frameworks"]):
        if n:
            out.line()
        out.line(fw["title"], "bold")
        out.line(
            f"{fw['id']} · {fw['covered']} of {fw['total']} principles served"
            f" · as of {doc['as_of']}",
            "dim",
        )
        cols = fw["columns"]
        plans = list(dict.fromkeys(c["plan"] for c in cols))
        if cols:
            # The tier columns are headed by their ids (with the plan's when several
            # plans serve the framework); this line names them.
            named = "; ".join(
                f"{plan}: "
                + ", ".join(f"{c['tier']} {c['name']}" for c in cols if c["plan"] == plan)
                for plan in plans
            )
            out.line(f"Columns: {named}", "dim")
        out.line()
        heads = [c["tier"] if len(plans) == 1 else f"{c['plan']} {c['tier']}" for c in cols]
        columns = [
            Column("ID"),
            Column("Principle", wrap=True),
            *[Column(h, right=True) for h in heads],
            Column("RAG"),
            Column("Actions", wrap=True),
        ]
        rows: list[list[Cell]] = []
        names = {s["id"]: s["name"] for s in fw["sections"]}
        for section, principles in coverage_groups(fw):
            name = names.get(section, "Other principles") if section else "Other principles"
            rows.append(["", (name, "bold"), *[""] * (len(columns) - 2)])
            for p in principles:
                rag = p["rag"]
                serving = [a["id"] for a in p["actions"] if a["status"] != "cancelled"]
                cancelled = [a["id"] for a in p["actions"] if a["status"] == "cancelled"]
                actions: list[Part] = [(", ".join(serving), None)]
                if cancelled:
                    gap = " " if serving else ""
                    actions.append((f"{gap}(cancelled: {', '.join(cancelled)})", "dim"))
                rows.append(
                    [
                        (p["id"], "bold"),
                        p["title"],
                        *[(str(c["count"]), None if c["count"] else "dim") for c in p["cells"]],
                        (rag, rag) if rag else ("gap", "red"),
                        actions,
                    ]
                )
        out.table(columns, rows)
        out.line()
        gaps = [p for p in fw["principles"] if not p["covered"]]
        if gaps:
            out.line(f"Gaps ({len(gaps)}): principles no action serves", "red")
            for p in gaps:
                out.line([(f"  {p['id']}", "bold"), (f"  {p['title']}", None)])
        else:
            out.line("No gaps: every principle is served by at least one action.", "green")


def coverage_groups(fw: dict[str, Any]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """The principles by section, in the framework's order, the gaps first in each."""
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for p in fw["principles"]:
        groups.setdefault(p["section"], []).append(p)
    return [(s, sorted(ps, key=lambda p: p["covered"])) for s, ps in groups.items()]


# --- measures ------------------------------------------------------------------------

SPARKS = "▁▂▃▄▅▆▇█"
SPARK_READINGS = 8  # the readings a sparkline shows: two years of quarters


def sparkline(values: Sequence[float]) -> str:
    """The values as a row of block characters, lowest ▁ to highest █."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((v - low) / (high - low) * top)] for v in values)


def number_text(value: Any, places: int | None = None) -> str:
    """A value as people read it: thousands separated; with places, rounded to at most
    that many decimals (for worked-out values: a reading is shown as written)."""
    if value is None:
        return ""
    if type(value) is float and places is not None:
        return f"{value:,.{places}f}".rstrip("0").rstrip(".")
    if type(value) in (int, float):
        return f"{value:,}"
    return str(value)  # what a broken version of a plan held


def _dated(value: Any, when: date | None, word: str = "") -> Cell:
    """'180 (2009-06-30)', or with word 'by ' '0 (by 2011-03-31)'; on a terminal the date
    goes on a line of its own (dimmed), so that the column stays narrow."""
    if not when:
        return number_text(value)
    return [(number_text(value), None), BREAK, (f"({word}{when})", "dim")]


def _parts_of(cell: Cell) -> list[Part]:
    """A cell as a list of parts, to be put beside others in one cell."""
    if isinstance(cell, list):
        return cell
    return [cell] if isinstance(cell, tuple) else [(cell, None)]


def render_measures(
    measures: Sequence,
    as_of: date,
    out: Out,
    plan_column: bool = False,
    limit: int | None = None,
    more: Callable[[int], str] | None = None,
) -> None:
    """One row per measure: baseline, latest reading, expected value, target, RAG, trend,
    lateness. Piped, each in a column of its own; on a terminal, where width is short,
    stacked in fewer columns (the unit under the title, the baseline under the latest
    reading, the target under the expected value, trend and lateness under the RAG),
    with a sparkline of the last readings."""
    from actionplan.measures import assess

    terminal = out.terminal
    columns = [Column("ID")]
    if plan_column:
        columns.append(Column("Plan"))
    if terminal:
        columns += [
            Column("Title", wrap=True),
            Column("Latest / baseline"),
            Column("Expected / target", right=True),
            Column("RAG / trend"),
            Column("Readings", optional=True),
        ]
    else:
        columns += [
            Column("Title"),
            Column("Unit"),
            Column("Baseline"),
            Column("Latest"),
            Column("Expected", right=True),
            Column("Target"),
            Column("RAG"),
            Column("Trend"),
            Column("Late"),
        ]
    rows = []
    for m in measures:
        a = assess(m, as_of)
        row: list[Cell] = [(m.id, "bold")]
        if plan_column:
            row.append(m.plan)
        baseline = _dated(m.baseline.value, m.baseline.date) if m.baseline else ""
        latest = _dated(a.latest.value, a.latest.date) if a.latest else "none yet"
        target = _dated(m.target.value, m.target.date, "by ") if m.target else "none"
        late = f"late: {a.period.label}" if a.late and a.period else ""
        if terminal:
            seen = m.readings(as_of)[-SPARK_READINGS:]
            row += [
                [(m.title, None), (f" ({m.unit})", "dim")],
                [
                    *_parts_of(latest),
                    *([BREAK, ("from ", "dim"), *_parts_of(baseline)] if baseline else []),
                ],
                [
                    (number_text(a.expected, 2) or "—", None),
                    BREAK,
                    ("target ", "dim"),
                    *_parts_of(target),
                ],
                [
                    (a.rag, a.rag),
                    *([BREAK, (a.trend, None)] if a.trend else []),
                    *([BREAK, (late, "late")] if late else []),
                ],
                (sparkline([float(r.value) for r in seen]), a.rag),
            ]
        else:
            row += [
                m.title,
                m.unit,
                baseline,
                latest,
                number_text(a.expected, 2),
                target,
                (a.rag, a.rag),
                a.trend or "",
                (late, "late") if late else "",
            ]
        rows.append(row)
    out.table(columns, rows, limit=limit, more=more)


# --- chase ---------------------------------------------------------------------------

EVERY_WORD = {"month": "monthly", "quarter": "quarterly", "year": "yearly"}


def chase_json(groups: Sequence[Any], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "owners": [g.to_json(as_of) for g in groups]}


def _chase_rows(g: Any, as_of: date, within: int, stale: int) -> list[tuple[Cell, Any]]:
    """(what, item) for each action an owner is chased about, in the lists' order."""
    return [
        *[(("overdue", "late"), i) for i in g.overdue],
        *[((f"due in {within}d", "amber"), i) for i in g.due_soon],
        *[((f"quiet {stale}d+", "grey"), i) for i in g.stale],
    ]


def _chase_due(item: Any, as_of: date) -> Cell:
    a = item.action
    if item.late_since:
        return [(str(item.late_since), "late"), BREAK, (f"({item.days_late(as_of)}d late)", "late")]
    if item.next_due:
        return [(str(item.next_due), None), BREAK, (f"(in {item.days_to_due(as_of)}d)", "dim")]
    return str(a.due) if a.due else "—"


def _chase_evidence(item: Any, as_of: date) -> str:
    e = item.last_evidence
    days = item.days_since_evidence(as_of)
    if e is None:
        return f"none ({days}d since {item.quiet_since})"
    return f"{e.date} ({days}d ago): {e.text}"


def render_chase(groups: Sequence[Any], as_of: date, within: int, stale: int, out: Out) -> None:
    """One table, owner by owner: piped, every row names its owner (for grep); on a
    terminal, only the first row of each owner does."""
    rows: list[list[Cell]] = []
    for g in groups:
        for n, (what, item) in enumerate(_chase_rows(g, as_of, within, stale)):
            a = item.action
            rows.append(
                [
                    (g.owner, "bold") if n == 0 or not out.terminal else "",
                    what,
                    (a.id, "bold"),
                    _chase_due(item, as_of),
                    a.title + (f" ({EVERY_WORD[a.every]})" if a.every in EVERY_WORD else ""),
                    _chase_evidence(item, as_of),
                ]
            )
        for n, m in enumerate(g.late_measures, len(_chase_rows(g, as_of, within, stale))):
            rows.append(
                [
                    (g.owner, "bold") if n == 0 or not out.terminal else "",
                    ("late reading", "late"),
                    (m["id"], "bold"),
                    _late_reading_due(m),
                    m["title"],
                    _latest_reading(m),
                ]
            )
    late = sum(len(g.overdue) for g in groups)
    soon = sum(len(g.due_soon) for g in groups)
    quiet = sum(len(g.stale) for g in groups)
    readings = sum(len(g.late_measures) for g in groups)
    title = (
        f"To chase as of {as_of}: {late} overdue, {soon} due in the next {within} days, "
        f"{quiet} with no evidence for {stale} days or more"
        + (f", {_plural(readings, 'late measure reading')}" if readings else "")
    )
    out.table(
        [
            Column("Owner", wrap=True),
            Column("Chase"),
            Column("ID"),
            Column("Due"),
            Column("Title", wrap=True),
            Column("Last evidence", wrap=True),
        ],
        rows,
        title,
        limit=ROWS_SHOWN,
        more=lambda n: f"… and {n} more (all of them: actionplan chase --format md, or piped)",
    )


def _late_reading_due(m: dict[str, Any]) -> str:
    """A late measure's missing reading: for which period, due by when."""
    period = m.get("due_period")
    return f"{period['label']}, due {period['due']}" if period else ""


def _latest_reading(m: dict[str, Any]) -> str:
    latest = m.get("latest")
    if not latest:
        return "no reading yet"
    value = number_text(latest["value"])
    return f"{latest['date']}: {value}" + (f" ({latest['note']})" if latest.get("note") else "")


def chase_markdown(groups: Sequence[Any], as_of: date, within: int, stale: int) -> str:
    """One section per owner, ready to paste into an email: the owner as a heading, a
    sentence saying what there is, and one line per action (id, title, due, days late,
    last evidence). User text is escaped, so nothing in it becomes markup."""
    from actionplan.report import md_text  # the board paper's escaping, one rule for both

    def line(item: Any) -> str:
        a = item.action
        recurs = f" ({EVERY_WORD[a.every]})" if a.every in EVERY_WORD else ""
        if item.late_since:
            due = f"due {item.late_since}{recurs}, {_days(item.days_late(as_of))} late"
        elif item.next_due:
            due = f"due {item.next_due}{recurs}, in {_days(item.days_to_due(as_of))}"
        else:
            due = f"due {a.due}{recurs}" if a.due else "no due date"
        e = item.last_evidence
        quiet = _days(item.days_since_evidence(as_of))
        if e is None:
            seen = f"no evidence recorded in {quiet}"
        else:
            seen = f"last evidence {e.date} ({quiet} ago): {md_text(e.text)}"
        return f"- **{md_text(a.id)}** {md_text(a.title)} — {due}; {seen}"

    out = [f"# Actions to chase, as of {as_of}", ""]
    if not groups:
        out += [
            f"Nothing to chase: nothing overdue, due in the next {within} days or "
            f"without evidence for {stale} days.",
            "",
        ]
    for g in groups:
        counts = [
            f"{len(g.overdue)} overdue" if g.overdue else "",
            f"{len(g.due_soon)} due in the next {within} days" if g.due_soon else "",
            f"{len(g.stale)} with no evidence for {stale} days or more" if g.stale else "",
            _plural(len(g.late_measures), "late measure reading") if g.late_measures else "",
        ]
        out += [f"## {md_text(g.owner)}", "", _sentence([c for c in counts if c]) + ".", ""]
        for heading, items in (
            ("Overdue", g.overdue),
            (f"Due in the next {within} days", g.due_soon),
            (f"No evidence for {stale} days or more", g.stale),
        ):
            if items:
                out += [f"**{heading}**", "", *[line(i) for i in items], ""]
        if g.late_measures:
            out += ["**Late measure readings**", ""]
            out += [
                f"- **{md_text(m['id'])}** {md_text(m['title'])} — the reading for "
                + (
                    f"{m['due_period']['label']} was due by {m['due_period']['due']}"
                    if m.get("due_period")
                    else "the last period is late"
                )
                + (
                    f"; last reading {md_text(_latest_reading(m))}"
                    if m.get("latest")
                    else "; no reading recorded yet"
                )
                for m in g.late_measures
            ]
            out += [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _days(n: int | None) -> str:
    return _plural(n or 0, "day")


def _plural(n: int, what: str) -> str:
    return f"{n} {what}{'s' * (n != 1)}"


def _sentence(parts: list[str]) -> str:
    text = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    return text[:1].upper() + text[1:]
