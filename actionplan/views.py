"""Output: JSON documents and plain tables for the terminal. No business logic.

Tables are drawn here rather than with rich: rich took ~50 ms to import and draw the
bundled plans' status and ~400 ms for a 1,000-action plan, against a start-up budget of
1.5x a bare Typer app (see README, Performance). User text is printed as text: control
characters are shown escaped, never sent to the terminal, and nothing is markup.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple, TextIO

from actionplan.model import Action, Counts, Plan, PlanSummary, Status, Tier

# SGR codes by RAG colour and by role.
RAG_STYLE = {"green": "32", "amber": "33", "red": "1;31", "blue": "34", "grey": "90"}
BOLD, DIM, RED, GREEN = "1", "2", "31", "32"


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
    import json

    out = out or sys.stdout
    out.write(json.dumps(doc, ensure_ascii=False, default=_json_default))
    out.write("\n")


def _json_default(o: object) -> Any:
    if isinstance(o, date):
        return o.isoformat()
    if isinstance(o, Status):
        return o.value
    raise TypeError(f"cannot encode {type(o).__name__} as JSON")


# --- the terminal --------------------------------------------------------------------


def wants_colour(stream: TextIO) -> bool:
    """Colour on a terminal only; NO_COLOR wins, FORCE_COLOR asks for it when piped."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Out:
    """Where a view writes: knows whether to colour and how wide the terminal is."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.colour = wants_colour(self.stream)
        # Piped output is read by programs and by people with wide windows: never wrap it.
        self.width = _terminal_width() if _isatty(self.stream) else None

    def style(self, text: str, sgr: str | None) -> str:
        return f"\x1b[{sgr}m{text}\x1b[0m" if sgr and self.colour and text else text

    def line(self, text: str = "", sgr: str | None = None) -> None:
        self.stream.write(self.style(text, sgr) + "\n")


def clean(value: object) -> str:
    """User text for one table cell: control characters escaped, never interpreted."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _terminal_width() -> int:
    try:
        return int(os.environ.get("COLUMNS") or os.get_terminal_size().columns)
    except (OSError, ValueError):
        return 80


def width(text: str) -> int:
    """Columns a string takes on a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)

    w = 0
    for c in text:
        if unicodedata.combining(c):
            continue
        w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return w


def _wrap(text: str, limit: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, limit, break_long_words=True, break_on_hyphens=False) or [""]


class Column(NamedTuple):
    header: str
    right: bool = False
    flex: bool = False  # may wrap to fit the terminal


Cell = str | tuple[str, str | None]  # text, or (text, SGR style)


def render_table(
    out: Out, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], title: str | None = None
) -> None:
    """A plain table: a header, a rule, one line per row (more where a flex column wraps)."""
    # Each cell once: (text, style, columns it takes).
    cells = []
    for r in rows:
        row = []
        for c in r:
            text, sgr = (c, None) if not isinstance(c, tuple) else c
            text = clean(text)
            row.append((text, sgr, width(text)))
        cells.append(row)
    widths = [width(col.header) for col in columns]
    for row in cells:
        for i, cell in enumerate(row):
            if cell[2] > widths[i]:
                widths[i] = cell[2]
    gap = "  "
    if out.width:
        _fit(widths, columns, out.width - len(gap) * (len(columns) - 1), cells)
    if title:
        out.line(clean(title), BOLD)
    right = [c.right for c in columns]
    style = out.style

    def fmt(parts: list[tuple[str, str | None, int]]) -> str:
        shown = []
        for i, (text, sgr, w) in enumerate(parts):
            pad = " " * (widths[i] - w) if widths[i] > w else ""
            shown.append(pad + style(text, sgr) if right[i] else style(text, sgr) + pad)
        return gap.join(shown).rstrip()

    lines = [fmt([(c.header, BOLD, width(c.header)) for c in columns])]
    lines.append(style("-" * (sum(widths) + len(gap) * (len(widths) - 1)), DIM))
    for row in cells:
        if not any(columns[i].flex and w > widths[i] for i, (_, _, w) in enumerate(row)):
            lines.append(fmt(row))
            continue
        wrapped = [
            _wrap(text, widths[i]) if columns[i].flex and w > widths[i] else [text]
            for i, (text, _, w) in enumerate(row)
        ]
        for k in range(max(len(w) for w in wrapped)):
            lines.append(
                fmt(
                    [
                        ((t := w[k] if k < len(w) else ""), row[i][1], width(t))
                        for i, w in enumerate(wrapped)
                    ]
                )
            )
    out.stream.write("\n".join(lines) + "\n")


def _fit(widths: list[int], columns: Sequence[Column], room: int, cells: list) -> None:
    """Narrow the flex columns, widest first, until the table fits the terminal; none is
    made narrower than its longest word (up to 20 columns), so that words stay whole."""
    flex = [i for i, c in enumerate(columns) if c.flex]
    floor = {
        i: min(widths[i], max(8, min(20, max((_longest_word(r[i][0]) for r in cells), default=0))))
        for i in flex
    }
    while sum(widths) > room:
        shrinkable = [i for i in flex if widths[i] > floor[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda k: widths[k])] -= 1


def _longest_word(text: str) -> int:
    return max((width(w) for w in text.split()), default=0)


def _status_cell(status: Status) -> Cell:
    return (status.value, RAG_STYLE[status.rag])


def _due_cell(a: Action, as_of: date) -> Cell:
    if a.due is None:
        return ""
    if a.is_overdue(as_of):
        return (f"{a.due} ({(as_of - a.due).days}d late)", RED)
    return a.due.isoformat()


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


def render_status(summary: list[PlanSummary], as_of: date, out: Out) -> None:
    columns = [
        Column("Tier", flex=True),
        Column("Actions", right=True),
        *[Column(st.value, right=True) for st in Status],
        Column("% complete", right=True),
        Column("Overdue", right=True),
    ]
    for i, s in enumerate(summary):
        plan = s.plan
        if i:
            out.line()
        out.line(clean(plan.title), BOLD)
        out.line(
            clean(f"{plan.id} · {plan.organisation} · {plan.start} to {plan.end} · as of {as_of}"),
            DIM,
        )
        out.line()
        rows: list[list[Cell]] = []
        tiers: list[tuple[Tier | None, Counts]] = [*s.tiers, (None, s.total)]
        for tier, c in tiers:
            rows.append(
                [
                    f"{tier.id} {tier.name}" if tier else ("All tiers", BOLD),
                    str(c.total),
                    *[
                        (
                            str(c.by_status[st.value]),
                            RAG_STYLE[st.rag] if c.by_status[st.value] else None,
                        )
                        for st in Status
                    ],
                    f"{c.percent_complete:.0f}%",
                    (str(c.overdue), RED if c.overdue else None),
                ]
            )
        render_table(out, columns, rows)
        out.line()
        if s.exceptions:
            render_actions(
                s.exceptions, as_of, out, title=f"Exceptions ({len(s.exceptions)})", evidence=True
            )
        else:
            out.line("No exceptions: nothing off track, at risk or overdue.", GREEN)


def render_actions(
    actions: Sequence[Action],
    as_of: date,
    out: Out,
    title: str | None = None,
    evidence: bool = False,
    plan_column: bool = False,
) -> None:
    columns = [Column("ID")]
    if plan_column:
        columns.append(Column("Plan"))
    columns += [
        Column("Tier"),
        Column("Status"),
        Column("Due"),
        Column("Owner", flex=True),
        Column("Title", flex=True),
    ]
    if evidence:
        columns.append(Column("Latest evidence", flex=True))
    rows = []
    for a in actions:
        row: list[Cell] = [(a.id, BOLD)]
        if plan_column:
            row.append(a.plan)
        row += [a.tier, _status_cell(a.status), _due_cell(a, as_of), a.owner or "—", a.title]
        if evidence:
            row.append(_evidence_text(a))
        rows.append(row)
    render_table(out, columns, rows, title)


def render_fields(out: Out, fields: Sequence[tuple[str, Cell | None]]) -> None:
    """Name/value lines, names dimmed and aligned; None values are left out."""
    shown = [(n, v) for n, v in fields if v is not None]
    pad = max((len(n) for n, _ in shown), default=0) + 2
    for name, value in shown:
        text, sgr = value if isinstance(value, tuple) else (value, None)
        out.stream.write(out.style(name.ljust(pad), DIM) + out.style(clean(text), sgr) + "\n")


def render_show(a: Action, plan: Plan, as_of: date, history: list[dict] | None, out: Out) -> None:
    tier = plan.tier(a.tier)
    out.line(clean(f"{a.id}  {a.title}"), BOLD)
    out.line()
    render_fields(
        out,
        [
            ("plan", f"{plan.id} ({plan.title})"),
            ("tier", f"{a.tier} {tier.name}" if tier else a.tier),
            ("status", _status_cell(a.status)),
            ("owner", a.owner or "—"),
            ("start", str(a.start) if a.start else None),
            ("due", _due_cell(a, as_of) if a.due else "—"),
            ("source", a.source),
            ("tags", ", ".join(a.tags) if a.tags else None),
            ("depends on", ", ".join(a.depends_on) if a.depends_on else None),
            ("notes", a.notes),
            ("file", f"{plan.path}:{a.line}"),
        ],
    )
    out.line()
    if a.evidence:
        render_table(
            out,
            [Column("Date"), Column("Text", flex=True), Column("By"), Column("Link", flex=True)],
            [[str(e.date), e.text, e.by or "", e.link or ""] for e in a.evidence],
            title=f"Evidence ({len(a.evidence)})",
        )
    else:
        out.line("No evidence recorded.", DIM)
    if history is not None:
        out.line()
        render_history(history, out, title="History")


def render_history(events: list[dict], out: Out, title: str | None = None) -> None:
    if not events:
        out.line("No changes recorded in git history.", DIM)
        return
    render_table(
        out,
        [
            Column("Date"),
            Column("Commit"),
            Column("Author"),
            Column("Action"),
            Column("Change", flex=True),
            Column("Message", flex=True),
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
    )


def describe_event(e: dict) -> str:
    field, old, new = e["field"], e["old"], e["new"]
    if field == "added":
        return f"added: {new}"
    if field == "removed":
        return f"removed: {old}"
    if field == "evidence":
        return f"evidence: {new['date']}: {new['text']}" if isinstance(new, dict) else "evidence"
    return f"{field}: {old if old is not None else '—'} → {new if new is not None else '—'}"


def render_changes(action_id: str, file: str, changes: Sequence, out: Out) -> None:
    """What an update or add changed, one line per field."""
    out.line(clean(f"{action_id} ({file})"), BOLD)
    for c in changes:
        if c.field == "added":
            out.line(clean(f"  added: {c.new}"))
        elif c.field == "evidence":
            e = c.new
            extra = "".join(f" [{k}: {e[k]}]" for k in ("link", "by") if e.get(k))
            out.line(clean(f"  evidence added: {e['date']}: {e['text']}{extra}"))
        else:
            old = "—" if c.old is None else c.old
            out.line(clean(f"  {c.field}: {old} → {c.new}"))
