"""Coverage: how the plans' actions serve each framework's principles.

One plain-data document (strings, numbers, lists, dicts; dates as ISO strings) serves
`coverage --format json`, the terminal matrix and the board paper's "Framework coverage"
section alike. The roll-up rule itself is model.rollup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from actionplan.errors import UnknownIdError, did_you_mean
from actionplan.model import STATUSES, Action, Framework, Plan, Principle, Status, rollup


def load_coverage(
    plans_option: str | None,
    frameworks_option: str | None,
    only: list[str] | tuple[str, ...],
    as_of: date,
) -> dict[str, Any]:
    """The coverage document of the frameworks named in only (all when it is empty) by
    every plan, both read and validated as commands read them (load.py): the first error
    stops the command, and so does an aligns id no framework defines."""
    from actionplan.load import check_aligns, load_frameworks, load_plans

    found = load_frameworks(frameworks_option)
    plans = load_plans(plans_option)
    check_aligns(plans, found)
    return coverage(select_frameworks(found, only), plans, as_of)


def has_gaps(doc: dict[str, Any]) -> bool:
    """Whether a principle of the document is served by no action (coverage exits 1)."""
    return any(f["gaps"] for f in doc["frameworks"])


def select_frameworks(frameworks: list[Framework], only: list[str] | tuple[str, ...] = ()):
    """The frameworks named in only (all when it is empty); an unknown id is an error."""
    if not only:
        return frameworks
    known = {f.id for f in frameworks}
    for wanted in only:
        if wanted not in known:
            raise UnknownIdError(
                f"no framework {wanted!r}{did_you_mean(wanted, known)}; "
                f"frameworks: {', '.join(sorted(known))}"
            )
    return [f for f in frameworks if f.id in only]


def aligned(plans: list[Plan]) -> dict[str, list[Action]]:
    """Principle id -> the actions that name it in aligns, in plan and file order."""
    out: dict[str, list[Action]] = {}
    for plan in plans:
        for a in plan.actions:
            for pid in dict.fromkeys(a.aligns):  # an id written twice counts once
                out.setdefault(pid, []).append(a)
    return out


def coverage(frameworks: list[Framework], plans: list[Plan], as_of: date) -> dict[str, Any]:
    """The coverage document: {as_of, frameworks[...]} (README, "coverage")."""
    by_principle = aligned(plans)
    shown: dict[str, dict[str, Any]] = {}  # each action's JSON once, however many it serves
    return {
        "as_of": as_of.isoformat(),
        "frameworks": [_framework(f, plans, by_principle, as_of, shown) for f in frameworks],
    }


def in_order(framework: Framework) -> list[Principle]:
    """Principles grouped by section, in the order the file gives sections and principles;
    principles without a section come last."""
    rank = {s.id: i for i, s in enumerate(framework.sections)}
    last = len(rank)
    return sorted(framework.principles, key=lambda p: rank.get(p.section or "", last))


def _framework(
    fw: Framework,
    plans: list[Plan],
    by_principle: dict[str, list[Action]],
    as_of: date,
    shown: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    principles = in_order(fw)
    # The columns: every tier, plan by plan, that holds an action serving this framework.
    used = {
        (a.plan, a.tier)
        for p in principles
        for a in by_principle.get(p.id, ())
        if a.status is not Status.CANCELLED
    }
    columns = [
        {"plan": plan.id, "plan_title": plan.title, "tier": t.id, "name": t.name}
        for plan in plans
        for t in plan.tiers
        if (plan.id, t.id) in used
    ]
    rows = [_principle(p, by_principle.get(p.id, []), columns, as_of, shown) for p in principles]
    return {
        "id": fw.id,
        "title": fw.title,
        "publisher": fw.publisher,
        "source": fw.source,
        "path": fw.path,
        "covered": sum(r["covered"] for r in rows),
        "total": len(rows),
        "gaps": [r["id"] for r in rows if not r["covered"]],
        "sections": [{"id": s.id, "name": s.name, "source": s.source} for s in fw.sections],
        "columns": columns,
        "principles": rows,
    }


def _principle(
    p: Principle,
    actions: list[Action],
    columns: list[dict[str, Any]],
    as_of: date,
    shown: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    counts = dict.fromkeys(STATUSES, 0)
    cells: dict[tuple[str, str], int] = {}
    listed = []
    covered = False
    for a in actions:
        doc = shown.get(a.id)
        if doc is None:
            doc = shown[a.id] = a.to_json(as_of)
        listed.append(doc)
        counts[doc["status"]] += 1
        if a.status is not Status.CANCELLED:  # a cancelled action serves nothing
            covered = True
            cells[(a.plan, a.tier)] = cells.get((a.plan, a.tier), 0) + 1
    return {
        "id": p.id,
        "section": p.section,
        "title": p.title,
        "text": p.text,
        "source": p.source,
        "actions": listed,
        "counts": counts,
        "overdue": sum(doc["overdue"] for doc in listed),
        "rag": rollup(actions, as_of),
        "covered": covered,
        "cells": [
            {"plan": c["plan"], "tier": c["tier"], "count": cells.get((c["plan"], c["tier"]), 0)}
            for c in columns
        ],
    }
