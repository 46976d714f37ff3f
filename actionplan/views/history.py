"""What history draws (and show, under an action): change events, and a change told in
words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from actionplan.measures import number_text
from actionplan.views import ROWS_SHOWN, Column, Out

if TYPE_CHECKING:
    from actionplan.history import Event, Span


def history_json(span: Span, events: list[Event]) -> dict[str, Any]:
    return {
        "shallow": span.repo.shallow,
        "since": span.start.commit,
        "until": span.end.commit,
        "events": [e.to_json() for e in events],
    }


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
