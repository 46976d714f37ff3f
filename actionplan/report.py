"""The board paper: build the report context from the plans' git history, and render it
with Jinja2 (always in the immutable sandbox, undefined variables as errors).

The context is plain data (strings, numbers, lists, dicts; dates as ISO strings), so
`report --format json` prints exactly what templates see. README documents its keys.
The end of the module is the paper as `report` asks for it: the request refused before
any work, the caveats to warn of, and the paper's safe write.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from actionplan import git, history, outcomes
from actionplan.briefing import (
    PURPOSE_LABEL,
    Cover,
    executive_summary,
    rag_key,
    recommendation,
)
from actionplan.dates import fy_quarter, in_range, iso, next_quarter, quarter_bounds
from actionplan.errors import PlanError, TemplateError
from actionplan.links import href
from actionplan.load import select
from actionplan.model import STATUSES, Action, Plan, Status, count
from actionplan.planfiles import PlanFile, action_from, build_plan, parse_text

PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
SOURCE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAMES = {"md": "report.md.j2", "html": "report.html.j2"}
CHART_POINTS = 8


# --- the context ---------------------------------------------------------------------


def _action(a: Action, as_of: date, original_due: date | None = None) -> dict[str, Any]:
    """An action as the paper shows it: the common JSON keys, and the original due date
    (before any re-dating), days overdue and the latest evidence."""
    out = a.to_json(as_of)
    out["original_due"] = iso(original_due or a.due)
    out["redated"] = original_due is not None and original_due != a.due
    out["days_overdue"] = a.days_late(as_of)
    # A recurring action's next occurrence (its due date when it does not recur).
    out["next_due"] = iso(a.next_due(as_of))
    latest = a.latest_evidence
    out["latest_evidence"] = out["evidence"][-1] if out["evidence"] else None
    # How old the latest evidence is at the position date (negative: dated after it).
    out["evidence_age_days"] = (as_of - latest.date).days if latest else None
    return out


def _counts(actions: list[Action], as_of: date) -> dict[str, Any]:
    c = count(actions, as_of)
    exceptions = sum(a.is_exception(as_of) for a in actions)
    return {
        "counts": dict(c.by_status),
        "total": c.total,
        "overdue": c.overdue,
        "exceptions": exceptions,
        "percent_complete": c.percent_complete,
    }


def direction(now: dict[str, Any], before: dict[str, Any] | None) -> str:
    """Direction of travel: improving, worsening, mixed or no change; "new" for a plan
    that had no actions at the start of the period, "first report" without a start."""
    if before is None:
        return "first report"
    if before["total"] == 0:
        return "new"
    done = now["percent_complete"] - before["percent_complete"]
    worse = now["exceptions"] - before["exceptions"]
    if done > 0 and worse <= 0 or done == 0 and worse < 0:
        return "improving"
    if done < 0 and worse >= 0 or done == 0 and worse > 0:
        return "worsening"
    if done == 0 and worse == 0:
        return "no change"
    return "mixed"


def _files_at(repo: git.Repo, rel: str, commit: str) -> list[PlanFile]:
    """The TOML files under rel (a directory or one file) as committed at commit, parsed."""
    with git.Objects(repo.root) as objects:
        return _parsed(objects, repo, git.tree_files(objects, commit, rel))


def _parsed(objects: git.Objects, repo: git.Repo, blobs: dict[str, str]) -> list[PlanFile]:
    files = []
    for path, blob in sorted(blobs.items()):
        got = objects.get(blob)
        text = got[1].decode("utf-8-sig", "replace") if got else ""
        files.append(parse_text(repo.root / path, text))
    return files


def _as_in_working_tree(repo: git.Repo, paths: list[Path], blobs: dict[str, str]) -> bool:
    """Whether the plan files in the working tree are exactly the committed blobs (the
    same files, byte for byte: each hashes to its blob id)."""
    import hashlib

    try:
        root = Path(os.path.realpath(repo.root))
        by_rel = {Path(os.path.realpath(p)).relative_to(root).as_posix(): p for p in paths}
        if len(by_rel) != len(paths) or by_rel.keys() != blobs.keys():
            return False  # a link among the plan files, or files git does not hold
        for rel, blob in blobs.items():
            data = by_rel[rel].read_bytes()
            digest = hashlib.new("sha1" if len(blob) == 40 else "sha256")
            digest.update(b"blob %d\0" % len(data))
            digest.update(data)
            if digest.hexdigest() != blob:
                return False
    except (OSError, ValueError):
        return False
    return True


def _cached(repo: git.Repo, source: Path, blobs: dict[str, str]) -> list[Plan] | None:
    """The validated plans cached for the working tree's plan files, when those files are
    exactly the committed blobs (and none was saved while they were compared)."""
    from actionplan import cache
    from actionplan.planfiles import plan_paths

    try:
        paths = plan_paths(source)
    except PlanError:
        return None
    key = cache.fingerprint(paths)
    if key is None or not _as_in_working_tree(repo, paths, blobs):
        return None
    return cache.get(key) if cache.fingerprint(paths) == key else None


def _plans_at(repo: git.Repo, source: Path, commit: str) -> list[Plan]:
    """The plans as committed at commit, validated. When the working tree holds exactly
    those files, the validated plans the read commands cached for them serve. Only read:
    what is cached has passed every check the read commands make (a committed file they
    would refuse, one not UTF-8 say, is parsed here more leniently)."""
    from actionplan.check import first_error

    rel = git.plans_path(repo, source)
    with git.Objects(repo.root) as objects:
        blobs = git.tree_files(objects, commit, rel)
        cached = _cached(repo, source, blobs) if blobs else None
        if cached is not None:
            return cached
        files = _parsed(objects, repo, blobs)
    if not files:
        raise PlanError(f"no plan files in {rel or '.'} at commit {commit[:12]}")
    problem = first_error(files)
    if problem:
        raise PlanError(
            f"{problem.location()}: {problem.message} (in commit {commit[:12]}; "
            "run 'actionplan check' on that version)"
        )
    return [build_plan(f) for f in files]


def _framework_files(
    repo: git.Repo, commit: str, option: str | None
) -> tuple[list[PlanFile], str | None]:
    """The framework files as committed at commit, and that commit: the frameworks
    directory found as for other commands (--frameworks, $ACTIONPLAN_FRAMEWORKS,
    ./frameworks) when it is inside the repository, else frameworks/ at its root. When
    that commit holds none there, or the directory is outside the repository, the files
    in the working tree, and None for the commit."""
    from actionplan.planfiles import find_frameworks, framework_paths, read_file

    found = find_frameworks(option)
    rel: str | None = "frameworks"
    if found is not None:
        try:
            rel = git.plans_path(repo, found)
        except PlanError:
            rel = None
    files = _files_at(repo, rel, commit) if rel is not None else []
    if files:
        return files, commit
    return [read_file(p) for p in framework_paths(option)], None


def _coverage_at(
    repo: git.Repo,
    source: Path,
    commit: str,
    option: str | None,
    plans: list[Plan],
    as_of: date,
) -> tuple[list[dict[str, Any]], str | None]:
    """The frameworks' coverage by the plans (as `coverage` computes it) and the commit
    the framework files were read at; nothing when no action aligns."""
    from actionplan.check import alignment_problems, check_frameworks
    from actionplan.coverage import coverage
    from actionplan.planfiles import build_framework, find_frameworks

    find_frameworks(option)  # a frameworks path named but missing is an error regardless
    if not any(a.aligns for p in plans for a in p.actions):
        return [], None
    files, read_at = _framework_files(repo, commit, option)
    where = (
        f"in commit {commit[:12]}; run 'actionplan check' on that version"
        if read_at
        else "run 'actionplan check' to see every problem"
    )
    problems, principles = check_frameworks(files, warnings=False)
    if problems:
        raise PlanError(f"{problems[0].location()}: {problems[0].message} ({where})")
    if any(p.aligned_ids() - principles for p in plans):
        wrong = alignment_problems(
            _files_at(repo, git.plans_path(repo, source), commit), principles
        )
        only = {p.id for p in plans}
        first = next((x for x in wrong if Path(x.file).stem in only), None)
        if first is not None:
            raise PlanError(
                f"{first.location()}: {first.message} "
                f"(in commit {commit[:12]}; run 'actionplan check' on that version)"
            )
    frameworks = [build_framework(f) for f in files]
    return coverage(frameworks, plans, as_of)["frameworks"], read_at


def _point(p: git.Point) -> dict[str, Any] | None:
    if p.commit is None or p.when is None:
        return None
    day = p.when.date()
    return {
        "rev": p.given,
        "commit": p.commit,
        "short": p.commit[:12],
        "date": day.isoformat(),
        "quarter": fy_quarter(day),
    }


def build_in(
    repo: git.Repo,
    source: Path,
    since: str | None,
    until: str | None,
    as_of: date | None,
    only: tuple[str, ...] = (),
    today: date | None = None,
    cover: Cover | None = None,
    on_commit: Callable[[int, int], None] | None = None,
    frameworks_option: str | None = None,
) -> dict[str, Any]:
    """The report context for the plans in an opened repository. on_commit(done, total)
    follows the history read (for a progress bar)."""
    end = git.resolve_point(repo, until, repo.head, end=True)
    if end.commit is None:
        raise PlanError(f"no commit on or before {until}: nothing to report")
    board_tag = None
    if since is None:
        tag = git.latest_board_tag(repo, end.commit)
        if tag:
            board_tag = tag[0]
            start = git.Point(tag[0], tag[1], git.commit_time(repo, tag[1]))
        else:
            start = git.Point(None, None, None)
    else:
        start = git.resolve_point(repo, since, None, end=False, tip=end.commit)
        git.check_order(repo, start, end)
    as_of = as_of or (end.when.date() if until else (today or date.today()))
    keep = {start.commit} if start.commit else set()
    line = history.timeline(repo, source, end.commit, start.commit, keep, on_commit)
    plans = select(_plans_at(repo, source, end.commit), only)
    ids = {p.id for p in plans}
    before = line.states.get(start.commit) if start.commit else None
    start_day = start.when.date() if start.when else None

    original_due: dict[str, date] = {}
    for e in history.chronological(line.events):  # the due an action first had
        if e.field == "due" and e.action not in original_due:
            original_due[e.action] = e.old
    # An action belongs to the plan that holds it now (plan files may have been renamed,
    # actions moved); an action since removed stays with the plan it was in.
    home = {m.id: p.id for p in plans for m in p.measures}
    home.update({a.id: p.id for p in plans for a in p.actions})
    period = [e for e in history.rehome(line.in_range(), home) if e.plan in ids]

    summary = []
    for plan in plans:
        actions = list(plan.actions)
        now = _counts(actions, as_of)
        prev = None
        if before is not None and start_day is not None:
            old = [
                action_from(a, plan.id, plan_end=plan.end)
                for aid, (was, a) in before.items()
                if home.get(aid, was) == plan.id and _valid(a)
            ]
            prev = _counts(old, min(start_day, as_of))  # never judged later than now
        tiers = []
        for t in plan.tiers:
            in_tier = [a for a in actions if a.tier == t.id]
            tiers.append(
                {"id": t.id, "name": t.name, "purpose": t.purpose, **_counts(in_tier, as_of)}
            )
        summary.append(
            {
                "id": plan.id,
                "title": plan.title,
                "organisation": plan.organisation,
                "board": plan.board,
                "start": iso(plan.start),
                "end": iso(plan.end),
                "aims": list(plan.aims),
                **now,
                "previous": prev,
                "direction": direction(now, prev),
                "tiers": tiers,
            }
        )

    all_actions = [a for p in plans for a in p.actions]
    exceptions = sorted(
        (a for a in all_actions if a.is_exception(as_of)),
        key=lambda a: (
            {Status.OFF_TRACK: 0, Status.AT_RISK: 1}.get(a.status, 2),
            a.due or date.max,
            a.id,
        ),
    )
    _, horizon = next_quarter(as_of)
    coming = sorted(
        (a for a in all_actions if (d := a.next_due(as_of)) and as_of < d <= horizon),
        key=lambda a: (a.next_due(as_of), a.id),
    )
    titles = {a.id: a.title for a in all_actions}
    changes = _changes([e for e in period if e.kind == "action"], titles)
    measures, measure_totals = outcomes.section(
        plans, as_of, [e for e in period if e.kind == "measure"]
    )
    frameworks, frameworks_commit = _coverage_at(
        repo, source, end.commit, frameworks_option, plans, as_of
    )
    cover = cover or Cover()
    context = {
        "format_version": 2,
        "generated_at": _now(),
        "cover": {
            "meeting": cover.meeting,
            "author": cover.author,
            "purpose": cover.purpose,
            "purpose_label": PURPOSE_LABEL[cover.purpose],
        },
        "recommendation": recommendation(
            cover.purpose, [a.to_json(as_of) for a in all_actions], len(plans) > 1
        ),
        "as_of": as_of.isoformat(),
        "as_of_quarter": fy_quarter(as_of),
        "commit": end.commit,
        "commit_short": end.commit[:12],
        "detached": repo.detached,
        "shallow": line.shallow,
        "period": {
            "since": _point(start),
            "until": _point(end),
            "board_tag": board_tag,
            "whole_history": start.commit is None,
        },
        "boards": sorted({p.board for p in plans if p.board}),
        "plans": summary,
        "totals": _counts(all_actions, as_of),
        "exceptions": [_action(a, as_of, original_due.get(a.id)) for a in exceptions],
        "changes": changes,
        "coming_up": {
            "from": as_of.isoformat(),
            "to": horizon.isoformat(),
            "quarter": fy_quarter(horizon),
            "actions": [_action(a, as_of, original_due.get(a.id)) for a in coming],
        },
        "chart": _chart(line, end),
        "appendix": [
            {
                "id": p.id,
                "title": p.title,
                "tiers": [
                    {
                        "id": t.id,
                        "name": t.name,
                        "actions": [
                            _action(a, as_of, original_due.get(a.id)) for a in p.actions_in(t.id)
                        ],
                    }
                    for t in p.tiers
                ],
            }
            for p in plans
        ],
        "frameworks": frameworks,
        "frameworks_commit": frameworks_commit,
        "statuses": STATUSES,
        "rag_key": _rag_key(bool(measures)),
        "measures": measures,
        "measure_totals": measure_totals,
    }
    context["executive_summary"] = executive_summary(context)
    return context


def _rag_key(with_measures: bool) -> dict[str, Any]:
    """The RAG key, with the measures' rules when the paper shows measures."""
    from actionplan.measures import LATE_RULE, RAG_RULE

    key = rag_key()
    if with_measures:
        key["rules"] = [*key["rules"], RAG_RULE, LATE_RULE]
    return key


def _valid(a: dict) -> bool:
    return (
        isinstance(a.get("id"), str)
        and isinstance(a.get("tier"), str)
        and isinstance(a.get("title"), str)
        and a.get("status") in STATUSES
        and (a.get("due") is None or (type(a.get("due")) is date and in_range(a["due"])))
        and (a.get("start") is None or (type(a.get("start")) is date and in_range(a["start"])))
    )


def _now() -> str:
    fixed = os.environ.get("ACTIONPLAN_NOW")
    if fixed:
        return fixed
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# The groups of the paper's changes: a status move, a completion (also a status move),
# re-dating (due), and each other field an action's history records. Measures' readings
# and targets are listed with each measure.
CHANGE_GROUPS = (
    "status", "completed", "added", "removed", "redated", "owner", "evidence",
    "title", "tier", "plan", "aligns",
)  # fmt: skip


def _changes(events: list[history.Event], titles: dict[str, str]) -> dict[str, list]:
    """The period's events, grouped as the board paper lists them, oldest first."""

    def row(e: history.Event, **extra: Any) -> dict[str, Any]:
        return {"action": e.action, **history.paper_row(e, titles), **extra}

    out: dict[str, list] = {k: [] for k in CHANGE_GROUPS}
    for e in sorted(events, key=lambda e: (e.date, e.commit, e.action)):
        old, new = history.plain(e.old), history.plain(e.new)
        if e.field == "status":
            out["status"].append(row(e, old=old, new=new))
            if new == "complete":
                out["completed"].append(row(e, old=old, new=new))
        elif e.field == "due":
            out["redated"].append(row(e, old=old, new=new))
        elif e.field in out:
            out[e.field].append(row(e, old=old, new=new))
    return out


def _chart(line: history.Timeline, end: git.Point) -> dict[str, Any]:
    """Status counts at the end of each financial-year quarter, and at the end."""
    points: list[tuple[date, str, dict[str, int]]] = []
    mainline = line.mainline
    if not mainline:
        return {"points": [], "mermaid": ""}
    days = [datetime.fromtimestamp(c.committed, UTC).date() for c in mainline]
    _, q_end = quarter_bounds(days[0])
    last = end.when.date() if end.when else days[-1]
    i = 0
    while q_end < last:
        while i + 1 < len(mainline) and days[i + 1] <= q_end:
            i += 1
        if days[i] <= q_end:
            points.append((q_end, fy_quarter(q_end), line.counts.get(mainline[i].id, {})))
        q_end = quarter_bounds(q_end + timedelta(days=1))[1]
    points.append((last, f"{last.isoformat()}", line.counts.get(mainline[-1].id, {})))
    points = points[-CHART_POINTS:]
    rows = [
        {"date": d.isoformat(), "label": label, "counts": {s: c.get(s, 0) for s in STATUSES}}
        for d, label, c in points
    ]
    return {"points": rows, "mermaid": _mermaid(rows)}


# RAG colours, in STATUSES order: not-started, on-track, at-risk, off-track, complete, cancelled.
PALETTE = ["#9e9e9e", "#2e7d32", "#f9a825", "#c62828", "#1565c0", "#616161"]


def _mermaid(rows: list[dict]) -> str:
    if not rows:
        return ""
    top = max([max(r["counts"].values()) for r in rows] + [1])
    labels = ", ".join(f'"{r["label"]}"' for r in rows)
    lines = [
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "'
        + ", ".join(PALETTE)
        + '"}}}}%%',
        "xychart-beta",
        '    title "Actions by status"',
        f"    x-axis [{labels}]",
        f'    y-axis "Actions" 0 --> {top}',
    ]
    for status in STATUSES:
        values = ", ".join(str(r["counts"][status]) for r in rows)
        lines.append(f"    line [{values}]")
    return "\n".join(lines)


# --- rendering -----------------------------------------------------------------------


def md_cell(value: Any) -> str:
    """User text for a Markdown table cell: nothing in it can end the row, start markup
    or inject HTML."""
    return md_text(value).replace("|", "\\|")


# Markdown punctuation that could start markup is backslash-escaped; what a renderer might
# take as HTML becomes entities; control characters become spaces.
_MD_ESCAPES = str.maketrans(
    {
        **{c: "\\" + c for c in "\\`*_[]#!~"},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        **{chr(i): " " for i in [*range(32), 127]},
    }
)


def md_text(value: Any) -> str:
    """User text for Markdown prose: one line, markup and HTML escaped."""
    if value is None:
        return ""
    return " ".join(str(value).split()).translate(_MD_ESCAPES)


# What would end a Markdown autolink or a table cell is percent-encoded, as browsers
# encode these characters in a URL anyway.
_AUTOLINK_ESCAPES = str.maketrans({"<": "%3C", ">": "%3E", "|": "%7C", "`": "%60"})


def md_link(value: Any) -> str:
    """An evidence link for Markdown: an autolink (`<https://...>`) when it may be a live
    link (see links.py), else escaped text, its colon escaped too so that no renderer that
    links bare URLs sees a scheme."""
    url = href(value)
    if url is None:
        return md_cell(value).replace(":", "\\:")
    return f"<{url.translate(_AUTOLINK_ESCAPES)}>"


def age(days: int | None) -> str:
    """How old a thing dated `days` before the position date is, in words."""
    if days is None:
        return ""
    if days == 0:
        return "that day"
    if days < 0:
        return f"{-days} day{'s' * (days != -1)} after the position date"
    return f"{days} day{'s' * (days != 1)} old"


def _arrow(direction: str) -> str:
    arrows = {"improving": "↑", "worsening": "↓", "no change": "→", "mixed": "↕"}
    return arrows.get(direction, "")


def _contained_loader(dirs: list[tuple[Path, str]]):
    """Jinja2's FileSystemLoader over dirs, searched in order, that refuses a template
    (the main one or one it includes, imports or extends) that leads, through a link,
    to a file outside the real path of the directory it was found in. Each dir comes
    with how to name it in the refusal."""
    import posixpath

    import jinja2
    from jinja2.loaders import split_template_path

    labels = {str(d): label for d, label in dirs}

    class ContainedLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            pieces = split_template_path(template)
            for searchpath in self.searchpath:
                # The file FileSystemLoader.get_source would open: the first found.
                filename = posixpath.join(searchpath, *pieces)
                if os.path.isfile(filename):
                    root = os.path.realpath(searchpath)
                    if os.path.commonpath([root, os.path.realpath(filename)]) != root:
                        raise TemplateError(
                            f"template {template}: a link to a file outside "
                            f"{labels[searchpath]} (refused)"
                        )
                    break
            return super().get_source(environment, template)

    return ContainedLoader([str(d) for d, _ in dirs])


def environment(fmt: str, user_dirs: list[tuple[Path, str]]):
    """The bounded sandbox (see sandbox.py) with the paper's filters and globals.
    user_dirs: the directories searched before actionplan's own, each with its name."""
    import jinja2

    from actionplan import sandbox

    ours_dir = _our_templates()
    env = sandbox.environment_class()(
        loader=_contained_loader([*user_dirs, (ours_dir, "actionplan's templates/")]),
        undefined=jinja2.StrictUndefined,
        autoescape=fmt == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    ours = {
        "cell": md_cell,
        "text": md_text,
        "href": href,
        "link": md_link,
        "arrow": _arrow,
        "age": age,
        "quarter": lambda d: fy_quarter(date.fromisoformat(d)) if d else "",
        "num": outcomes.num,
    }
    for name, f in ours.items():
        env.filters[name] = sandbox.guard_filter(name, f)
    env.globals["svg_chart"] = svg_chart
    env.globals["svg_readings"] = outcomes.svg_readings
    return env


# The package's own templates, compiled ahead as Python modules (Jinja2's module form)
# so that a paper does not compile them each run (~60 ms): they are code shipped in the
# package, like the rest of it, and never written at run time. A module serves only when
# it was made by the Jinja2 that is installed, from the template as it is; else the
# template is compiled from its source as any other. `UPDATE_SNAPSHOTS=1 pytest
# tests/test_report.py` remakes them; a test checks they are current.
SHIPPED = {"md": "actionplan._paper_md", "html": "actionplan._paper_html"}


def _our_templates() -> Path:
    return PACKAGE_TEMPLATES if PACKAGE_TEMPLATES.is_dir() else SOURCE_TEMPLATES


def _source_digest(fmt: str) -> str:
    import hashlib

    return hashlib.sha256((_our_templates() / TEMPLATE_NAMES[fmt]).read_bytes()).hexdigest()


def shipped_source(fmt: str) -> str:
    """The module that SHIPPED[fmt] holds: the package template compiled in the paper's
    own environment (the sandbox, its filters and escaping), and what it was made from."""
    import jinja2

    name = TEMPLATE_NAMES[fmt]
    source = (_our_templates() / name).read_text(encoding="utf-8")
    code = environment(fmt, []).compile(source, name, name, raw=True, defer_init=True)
    return (
        f"{code}\n\n# Made by actionplan from templates/{name}; do not edit.\n"
        f"JINJA2 = {jinja2.__version__!r}\nSOURCE_SHA256 = {_source_digest(fmt)!r}\n"
    )


def _shipped(env: Any, fmt: str, module: Any = None) -> Any:
    """The package's template for fmt from its compiled module, or None when that module
    does not match the installed Jinja2 and the template's source."""
    import importlib

    import jinja2

    if module is None:
        try:
            module = importlib.import_module(SHIPPED[fmt])
        except ImportError:
            return None
    made = vars(module)
    if made.get("JINJA2") != jinja2.__version__ or made.get("SOURCE_SHA256") != _source_digest(fmt):
        return None
    return env.template_class.from_module_dict(env, made, env.make_globals(None))


def render(context: dict[str, Any], fmt: str, template: Path | None, repo_root: Path | None) -> str:
    """Render the context: --template FILE, else templates/ in the plan repository, else
    the template shipped with actionplan. Whatever the template does wrong, or asks for
    beyond the bounds, is one TemplateError naming the template and line."""
    import jinja2
    from jinja2.exceptions import SecurityError

    from actionplan import sandbox

    name = TEMPLATE_NAMES[fmt]
    # A template and all it includes, imports or extends must lie, after links are
    # followed, within the directory it was found in (see _contained_loader).
    dirs: list[tuple[Path, str]] = []
    if template is not None:
        if not template.is_file():
            raise TemplateError(f"template {template}: no such file")
        # The file itself may be anywhere (you named it); its directory bounds the rest.
        real = template.resolve()
        dirs.append((real.parent, f"{real.parent}/"))
        name = real.name
    elif repo_root is not None and (repo_root / "templates" / name).is_file():
        root, found = os.path.realpath(repo_root), os.path.realpath(repo_root / "templates")
        if os.path.commonpath([root, found]) != root:
            raise TemplateError(
                "templates/: a link to a directory outside the repository (refused)"
            )
        dirs.append((repo_root / "templates", "templates/"))
    env = environment(fmt, dirs)
    try:
        with sandbox.address_space_limit(), sandbox.time_limit():
            shipped = None if dirs else _shipped(env, fmt)
            paper = shipped or env.get_template(name)
            return _stream(paper.generate(context), name)
    except jinja2.TemplateSyntaxError as e:
        raise TemplateError(f"template {e.name or name}:{e.lineno}: {e.message}") from None
    except jinja2.TemplateNotFound as e:
        raise TemplateError(f"template {e.name}: not found") from None
    except SecurityError as e:
        raise TemplateError(f"template {_where(e, name)}: not allowed: {e}") from None
    except jinja2.TemplateError as e:
        raise TemplateError(f"template {_where(e, name)}: {e.message}") from None
    except sandbox.TimeLimitError as e:
        raise TemplateError(f"template {_where(e, name)}: too slow: {e}") from None
    except (sandbox.LimitError, OverflowError) as e:  # OverflowError: range() over 100,000
        raise TemplateError(f"template {_where(e, name)}: too large: {e}") from None
    except MemoryError as e:
        raise TemplateError(
            f"template {_where(e, name)}: out of memory: a render may use "
            f"{sandbox.RENDER_HEADROOM >> 20} MB"
        ) from None
    except RecursionError as e:
        raise TemplateError(f"template {_where(e, name)}: too deeply nested") from None
    except (
        TypeError,
        ValueError,
        LookupError,
        AttributeError,
        ArithmeticError,
    ) as e:
        raise TemplateError(f"template {_where(e, name)}: {type(e).__name__}: {e}") from None


def _stream(pieces: Iterator[str], name: str) -> str:
    """The rendered text, counted in UTF-8 bytes as it is produced, and refused as soon as
    it is over the bound (the template stops where it is)."""
    from actionplan import sandbox

    out: list[str] = []
    written = 0
    for piece in pieces:
        written += len(piece) if piece.isascii() else len(piece.encode("utf-8", "replace"))
        if written > sandbox.MAX_OUTPUT:
            where = _suspended_at(pieces, name)
            pieces.close()  # type: ignore[attr-defined]
            raise TemplateError(
                f"template {where}: too large: the output is over the limit of "
                f"{sandbox.MAX_OUTPUT:,} bytes"
            )
        out.append(piece)
    return "".join(out)


def _suspended_at(gen: Any, name: str) -> str:
    """NAME:LINE of the template statement a rendering generator stopped at."""
    where = f"{name}:?"
    while gen is not None and getattr(gen, "gi_frame", None) is not None:
        template = gen.gi_frame.f_globals.get("__jinja_template__")
        if template is not None:
            line = template.get_corresponding_lineno(gen.gi_frame.f_lineno)
            where = f"{template.name or name}:{line}"
        gen = gen.gi_yieldfrom
    return where


def _where(exc: BaseException, name: str) -> str:
    """NAME:LINE of the innermost template frame an error was raised in, from the
    traceback Jinja2 rewrites to point at template lines."""
    where = f"{name}:?"
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if "__jinja_exception__" in tb.tb_frame.f_globals or code.co_filename == "<template>":
            shown = name if code.co_filename.endswith(name) else os.path.basename(code.co_filename)
            where = f"{shown}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def svg_chart(points: list[dict]) -> Any:
    """A small inline SVG of status counts over time, for the HTML paper (no scripts)."""
    from html import escape

    from markupsafe import Markup

    if not points:
        return Markup("")
    # A user template may pass its own points: only numbers reach the SVG unescaped.
    for p in points:
        if not all(isinstance(p["counts"][s], int | float) for s in STATUSES):
            raise TypeError("svg_chart: every status count must be a number")
    w, h, pad = 640, 220, 36
    top = max([max(p["counts"].values()) for p in points] + [1])
    n = len(points)
    x = [pad + (w - 2 * pad) * (i / max(1, n - 1)) for i in range(n)]

    def y(v: int) -> float:
        return h - pad - (h - 2 * pad) * v / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
        f'height="{h}" role="img" aria-label="Actions by status over time">',
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="#555"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="#555"/>',
        f'<text x="{pad - 6}" y="{pad + 4}" font-size="10" text-anchor="end">{top}</text>',
        f'<text x="{pad - 6}" y="{h - pad + 4}" font-size="10" text-anchor="end">0</text>',
    ]
    for i, p in enumerate(points):
        parts.append(
            f'<text x="{x[i]:.1f}" y="{h - pad + 16}" font-size="10" text-anchor="middle">'
            f"{escape(p['label'])}</text>"
        )
    for status, colour in zip(STATUSES, PALETTE, strict=True):
        coords = " ".join(f"{x[i]:.1f},{y(p['counts'][status]):.1f}" for i, p in enumerate(points))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}">'
            f"<title>{status}</title></polyline>"
        )
    parts.append("</svg>")
    return Markup("\n".join(parts))


# --- the paper as `report` asks for it ------------------------------------------------


def refuse(target: Path | None, fmt: str, template: str | None) -> None:
    """Refuse, before any work, an -o path that cannot be written, a binary paper bound
    for a terminal, and a template for a paper it does not shape."""
    if target is None:
        if fmt == "docx" and _is_terminal(sys.stdout):
            raise PlanError("a Word paper is binary: write it with -o FILE, or redirect stdout")
    elif target.is_dir():
        raise PlanError(f"cannot write {target}: it is a directory")
    elif not target.parent.is_dir():
        raise PlanError(f"cannot write {target}: no such directory {target.parent}")
    if template and fmt in ("docx", "json"):
        raise PlanError(
            f"--template applies to the md and html papers, not {fmt} "
            "(the Word paper's layout is fixed)"
        )


def _is_terminal(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def repository(plans_option: str | None, allow_shallow: bool) -> tuple[git.Repo, Path]:
    """The repository holding the plans found from plans_option, and the plans' path."""
    from actionplan.planfiles import find_source

    source = find_source(plans_option)
    return git.open_repo(source, allow_shallow), source


def caveats(context: dict[str, Any], repo: git.Repo, source: Path, until: str | None) -> list[str]:
    """What a reader of the paper should be warned of: framework files read from the
    working tree, and plans with changes the paper (of the last commit) leaves out."""
    out = []
    if context["frameworks"] and context["frameworks_commit"] is None:
        out.append(
            f"no framework files are committed at {context['commit_short']}; "
            "the framework coverage uses those in the working tree"
        )
    if until is None and git.dirty_plans(repo, source):
        out.append("the plans have uncommitted changes; the report shows the last commit")
    return out


def write_paper(target: Path, data: bytes) -> None:
    """Write a paper atomically (a temp file beside it, then rename)."""
    from actionplan.edit.write import atomic_write

    try:
        atomic_write(target, data)
    except OSError as e:
        raise PlanError(f"cannot write {target}: {e.strerror or e}") from None
