"""What status, list, overdue and show draw: actions, counts per status, an action in
full."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from actionplan.model import Action, Counts, Plan, PlanSummary, Status
from actionplan.views import BREAK, EXCEPTIONS_SHOWN, ROWS_SHOWN, Cell, Column, Out, Part
from actionplan.views.history import render_history


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


def counts_json(c: Counts) -> dict[str, Any]:
    return {
        "counts": dict(c.by_status),
        "total": c.total,
        "overdue": c.overdue,
        "percent_complete": c.percent_complete,
    }


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
    every: Callable[[str], str] | None = None,
) -> None:
    """Each plan's counts per tier, then its exceptions. On a terminal the statuses share
    one column and at most EXCEPTIONS_SHOWN exceptions are drawn; every(plan id) is the
    command that lists them all."""
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
                more=_all_exceptions(every, plan.id),
            )
        else:
            out.line("No exceptions: nothing off track, at risk or overdue.", "green")


def _all_exceptions(
    every: Callable[[str], str] | None, plan_id: str
) -> Callable[[int], str] | None:
    """The line under a plan's exceptions cut short: how to see all of them."""
    if every is None:
        return None
    return lambda n: f"… and {n} more (all {n + EXCEPTIONS_SHOWN}: {every(plan_id)})"


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


def actions_json(actions: Sequence[Action], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "actions": [a.to_json(as_of) for a in actions]}


def render_list(
    actions: Sequence[Action],
    as_of: date,
    out: Out,
    plan_column: bool = False,
    more: Callable[[int], str] | None = None,
) -> None:
    """list: the actions, at most ROWS_SHOWN on a terminal (more(n) says how to see the n
    left out); a line on stderr when there are none. The Plan column shows on a terminal
    when the actions come from more than one plan, and always when piped (so that a
    script's columns stay where they are whichever plans it asks for)."""
    if not actions:
        sys.stderr.write("no matching actions\n")
        return
    plan_column = plan_column or not out.terminal
    render_actions(actions, as_of, out, plan_column=plan_column, limit=ROWS_SHOWN, more=more)


def overdue_json(
    late: Sequence[Action], soon: Sequence[Action] | None, as_of: date, within: int | None
) -> dict[str, Any]:
    """overdue's document: the overdue actions and, with --within, those due soon."""
    doc = actions_json(late, as_of)
    if within is not None:
        doc["within_days"] = within
        doc["due_soon"] = [a.to_json(as_of) for a in soon or ()]
    return doc


def render_overdue(
    late: Sequence[Action],
    soon: Sequence[Action] | None,
    as_of: date,
    within: int | None,
    out: Out,
    more: Callable[[int], str] | None = None,
) -> None:
    """The overdue actions with their latest evidence, then (with --within) those due in
    the next days; a line on stderr for a list that is empty."""
    if late:
        render_actions(
            late,
            as_of,
            out,
            title=f"Overdue as of {as_of} ({len(late)})",
            evidence=True,
            plan_column=True,
            limit=ROWS_SHOWN,
            more=more,
        )
    else:
        sys.stderr.write(f"nothing overdue as of {as_of}\n")
    if within is None:
        return
    if soon:
        render_actions(
            soon,
            as_of,
            out,
            title=f"Due in the next {within} days ({len(soon)})",
            plan_column=True,
            limit=ROWS_SHOWN,
            more=more,
        )
    else:
        sys.stderr.write(f"nothing due in the next {within} days\n")


def show_json(
    a: Action, as_of: date, history: list[dict] | None, note: str | None
) -> dict[str, Any]:
    """The action as every command prints it, with its occurrences and its history."""
    doc = a.to_json(as_of)
    doc["occurrences"] = occurrences_json(a, as_of)
    doc["history"] = history
    if note:
        doc["history_note"] = note
    return doc


def render_show(
    a: Action,
    plan: Plan,
    as_of: date,
    history: list[dict] | None,
    out: Out,
    more: Callable[[int], str] | None = None,
    note: str | None = None,
) -> None:
    """The action's fields, occurrences, evidence and history (more(n): how to see the n
    earlier changes left out); the note on the history, if any, on stderr."""
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
    if note:
        sys.stderr.write(f"note: {note}\n")


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
