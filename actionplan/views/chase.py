"""What chase draws: owner by owner, as a table, JSON or an email per owner in Markdown."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from actionplan.measures import number_text
from actionplan.views import BREAK, ROWS_SHOWN, Cell, Column, Out
from actionplan.words import counted, joined

EVERY_WORD = {"month": "monthly", "quarter": "quarterly", "year": "yearly"}


def chase_json(groups: Sequence[Any], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "owners": [g.to_json(as_of) for g in groups]}


def _chase_rows(g: Any, within: int, stale: int) -> list[tuple[Cell, Any]]:
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
    terminal, only the first row of each owner does. A line on stderr when there is
    nothing to chase."""
    if not groups:
        sys.stderr.write(f"nothing to chase as of {as_of}\n")
        return
    rows: list[list[Cell]] = []
    for g in groups:
        items = _chase_rows(g, within, stale)
        for n, (what, item) in enumerate(items):
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
        for n, m in enumerate(g.late_measures, len(items)):
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
        + (f", {counted(readings, 'late measure reading')}" if readings else "")
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
            counted(len(g.late_measures), "late measure reading") if g.late_measures else "",
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
    return counted(n or 0, "day")


def _sentence(parts: list[str]) -> str:
    text = joined(parts)
    return text[:1].upper() + text[1:]
