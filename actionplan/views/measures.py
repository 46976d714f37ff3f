"""What measures draws: each outcome measure against its target, with a sparkline on a
terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from actionplan.measures import number_text
from actionplan.views import BREAK, ROWS_SHOWN, Cell, Column, Out, Part

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


def measures_json(measures: Sequence, as_of: date) -> dict[str, Any]:
    from actionplan.measures import to_json

    return {"as_of": as_of.isoformat(), "measures": [to_json(m, as_of) for m in measures]}


def render_measures(
    measures: Sequence,
    as_of: date,
    out: Out,
    plan_column: bool = False,
    limit: int | None = ROWS_SHOWN,
    more: Callable[[int], str] | None = None,
) -> None:
    """One row per measure: baseline, latest reading, expected value, target, RAG, trend,
    lateness. Piped, each in a column of its own; on a terminal, where width is short,
    stacked in fewer columns (the unit after the title in brackets, the baseline under the
    latest reading, the target under the expected value, trend and lateness under the
    RAG), with a sparkline of the last readings. A line on stderr when there are none."""
    if not measures:
        sys.stderr.write("no matching measures\n")
        return
    from actionplan.measures import assess

    terminal = out.terminal
    columns = [Column("ID")]
    plan_column = plan_column or not terminal  # piped, always: a script's columns stay put
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
