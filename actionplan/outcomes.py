"""The board paper's "Outcome measures" section: its context (the report's `measures`
key) and its charts, a Mermaid line chart for Markdown and an inline SVG for HTML.

Plain data only, like the rest of the report context: what `report --format json`
prints is what templates see.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from actionplan.measures import RAGS, TRENDS, Measure, expected_value, number_text, to_json
from actionplan.model import Plan

# Readings a measure's chart shows: the last twelve (three years of quarterly returns).
CHART_READINGS = 12
# Readings in blue, the expected line in grey.
READINGS_COLOUR, EXPECTED_COLOUR = "#1565c0", "#757575"


def section(
    plans: list[Plan], as_of: date, events: Iterable[Any]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The context's `measures` and `measure_totals`: every measure judged as at as_of,
    with its chart and its changes in the period (the period's history.Events of kind
    "measure"); and the counts by RAG and by trend, late readings and the direction of
    travel."""
    changes: dict[str, list[dict[str, Any]]] = {}
    rows = [_row(m, as_of) for p in plans for m in p.measures]
    titles = {r["id"]: r["title"] for r in rows}
    for e in events:
        changes.setdefault(e.action, []).append(_change(e, titles))
    for r in rows:
        r["changes"] = changes.get(r["id"], [])
    counts = dict.fromkeys(RAGS, 0)
    trends = dict.fromkeys([*TRENDS, "none"], 0)
    for r in rows:
        counts[r["rag"]] += 1
        trends[r["trend"] or "none"] += 1
    totals = {
        "total": len(rows),
        "counts": counts,
        "late": sum(r["late"] for r in rows),
        "trends": trends,
        "direction": direction(trends),
    }
    return rows, totals


def direction(trends: dict[str, int]) -> str:
    """The measures' direction of travel from their trends: improving when more improved
    than worsened, worsening when more worsened, mixed when as many did each, no change
    when none moved, and not known when no measure has two readings yet."""
    up, down = trends["improving"], trends["worsening"]
    if up > down:
        return "improving"
    if down > up:
        return "worsening"
    if up:
        return "mixed"
    return "no change" if trends["no change"] else "not known"


def _row(m: Measure, as_of: date) -> dict[str, Any]:
    row = to_json(m, as_of)
    points = [
        {**r.to_json(), "expected": expected_value(m, r.date)}
        for r in m.readings(as_of)[-CHART_READINGS:]
    ]
    row["chart"] = {"points": points, "mermaid": mermaid(row, points)}
    return row


def _change(e: Any, titles: dict[str, str]) -> dict[str, Any]:
    from actionplan.history import paper_row, plain

    return {
        "measure": e.action,
        **paper_row(e, titles),
        "field": e.field,
        "old": plain(e.old),
        "new": plain(e.new),
    }


# --- charts --------------------------------------------------------------------------


def mermaid_text(value: Any, limit: int = 80) -> str:
    """User text for a quoted Mermaid string: letters, digits, spaces and plain
    punctuation only, so nothing can end the string, the statement or the Markdown code
    fence around the chart."""
    text = "".join(c if c.isalnum() or c in " -_.,:/()'+&%" else " " for c in str(value))
    text = " ".join(text.replace("%%", "%").split())
    return text[:limit].rstrip()


def _plain_number(value: float | int) -> str:
    return str(round(value, 2)) if isinstance(value, float) else str(value)


def _values(row: dict[str, Any], points: list[dict[str, Any]]) -> list[Any]:
    """Every value a chart shows: readings, expected values, target and baseline."""
    values = [p["value"] for p in points]
    values += [p["expected"] for p in points if p["expected"] is not None]
    return values + [x["value"] for x in (row["target"], row["baseline"]) if x]


def _range(row: dict[str, Any], points: list[dict[str, Any]]) -> tuple[float, float]:
    """The value axis: from zero (or below, for negative values) to the highest value
    shown, the target and the baseline included."""
    seen = _values(row, points)
    low, high = min([0, *seen]), max([0, *seen])
    return (low, high) if high > low else (low, low + 1)


def mermaid(row: dict[str, Any], points: list[dict[str, Any]]) -> str:
    """A Mermaid xychart-beta line chart of the readings and (with a target) the values
    expected at their dates; empty without readings."""
    if not points:
        return ""
    low, high = _range(row, points)
    colours = READINGS_COLOUR + (f", {EXPECTED_COLOUR}" if row["target"] else "")
    lines = [
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "' + colours + '"}}}}%%',
        "xychart-beta",
        f'    title "{mermaid_text(row["id"] + " " + row["title"])}"',
        "    x-axis [" + ", ".join(f'"{p["date"]}"' for p in points) + "]",
        f'    y-axis "{mermaid_text(row["unit"], 30)}" {_plain_number(low)} --> '
        f"{_plain_number(high)}",
        "    line [" + ", ".join(_plain_number(p["value"]) for p in points) + "]",
    ]
    if row["target"]:
        lines.append("    line [" + ", ".join(_plain_number(p["expected"]) for p in points) + "]")
    return "\n".join(lines)


def svg_readings(row: dict[str, Any]) -> Any:
    """An inline SVG line chart of a measure's readings (blue, each point titled with its
    date and value) and the values expected at their dates (grey, dashed): no scripts."""
    from html import escape

    from markupsafe import Markup

    points = row["chart"]["points"]
    if not points:
        return Markup("")
    # A user template may pass a measure of its own: only numbers reach the SVG unescaped.
    if not all(type(v) in (int, float) for v in _values(row, points)):
        raise TypeError("svg_readings: every value must be a number")
    w, h, pad = 640, 200, 44
    low, high = _range(row, points)
    n = len(points)
    x = [pad + (w - 2 * pad) * (i / max(1, n - 1)) for i in range(n)]

    def y(v: float) -> float:
        return h - pad - (h - 2 * pad) * (v - low) / (high - low)

    label = escape(f"Readings of {row['id']} {row['title']} ({row['unit']})")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
        f'height="{h}" role="img" aria-label="{label}">',
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="#555"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="#555"/>',
        f'<text x="{pad - 6}" y="{pad + 4}" font-size="10" text-anchor="end">'
        f"{_plain_number(high)}</text>",
        f'<text x="{pad - 6}" y="{h - pad + 4}" font-size="10" text-anchor="end">'
        f"{_plain_number(low)}</text>",
    ]
    for i in sorted({0, n - 1}):
        parts.append(
            f'<text x="{x[i]:.1f}" y="{h - pad + 16}" font-size="10" text-anchor="middle">'
            f"{escape(points[i]['date'])}</text>"
        )
    if row["target"]:
        coords = " ".join(f"{x[i]:.1f},{y(p['expected']):.1f}" for i, p in enumerate(points))
        parts.append(
            f'<polyline fill="none" stroke="{EXPECTED_COLOUR}" stroke-width="1.5" '
            f'stroke-dasharray="5,4" points="{coords}"><title>expected</title></polyline>'
        )
    coords = " ".join(f"{x[i]:.1f},{y(p['value']):.1f}" for i, p in enumerate(points))
    parts.append(
        f'<polyline fill="none" stroke="{READINGS_COLOUR}" stroke-width="2" '
        f'points="{coords}"><title>readings</title></polyline>'
    )
    for i, p in enumerate(points):
        parts.append(
            f'<circle cx="{x[i]:.1f}" cy="{y(p["value"]):.1f}" r="3" fill="{READINGS_COLOUR}">'
            f"<title>{escape(p['date'])}: {escape(_plain_number(p['value']))}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("\n".join(parts))


def describe_change(e: dict[str, Any]) -> str:
    """A measure's change in the period in words: 'reading 2009-06-30: 170 (Q1 return)',
    'reading 2009-09-30: 150 → 155', 'target: 0 by 2011-03-31 → 20 by 2011-03-31'."""
    old, new = e["old"], e["new"]
    if e["field"] == "value":
        if new and old:
            return f"reading {new['date']}: {num(old['value'])} → {num(new['value'])}"
        if new:
            note = f" ({new['note']})" if new.get("note") else ""
            return f"reading {new['date']}: {num(new['value'])}{note}"
        return f"reading {old['date']} removed" if old else "reading"
    if e["field"] == "target":

        def point(p: dict | None) -> str:
            if not p:
                return "none"
            return num(p["value"]) + (f" by {p['date']}" if p.get("date") else "")

        return f"target: {point(old)} → {point(new)}"
    if e["field"] in ("added", "removed"):
        return f"the measure {e['field']}" + (" to the plan" if e["field"] == "added" else "")
    return f"{e['field']}: {e['title']}"


def num(value: Any, places: int | None = None) -> str:
    """A number for the paper as measures.number_text writes it (an em dash for none)."""
    return "—" if value is None else number_text(value, places)
