"""What coverage draws: each framework's principles against the plan tiers serving them."""

from __future__ import annotations

from typing import Any

from actionplan.views import Cell, Column, Out, Part


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
