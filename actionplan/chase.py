"""What a strategy lead chases, owner by owner: overdue actions, actions due soon, open
actions gone quiet (no evidence for a while) and late measure readings. Pure rules on
the model; views/chase.py draws the result.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from actionplan.dates import iso
from actionplan.model import Action, Evidence, Plan

NO_OWNER = "(no owner)"


class Item(NamedTuple):
    """One action to chase, and the dates that say why."""

    action: Action
    late_since: date | None  # the due date (a recurring action: the occurrence) missed
    next_due: date | None  # the due date (or occurrence) coming up
    last_evidence: Evidence | None
    quiet_since: date  # the latest evidence's date, else the action's start, else the plan's

    def days_late(self, as_of: date) -> int | None:
        return (as_of - self.late_since).days if self.late_since else None

    def days_to_due(self, as_of: date) -> int | None:
        return (self.next_due - as_of).days if self.next_due else None

    def days_since_evidence(self, as_of: date) -> int:
        return (as_of - self.quiet_since).days

    def to_json(self, as_of: date) -> dict[str, Any]:
        """The action as every command prints it, and why it is chased. (Written out
        rather than through the methods above: chase prints a thousand of these.)"""
        a = self.action
        out = a.to_json(as_of)
        late, due, e, quiet = self.late_since, self.next_due, self.last_evidence, self.quiet_since
        # The dates are mostly ones the action's JSON has written already: reuse them.
        out["late_since"] = None if late is None else out["due"] if late == a.due else iso(late)
        out["days_late"] = (as_of - late).days if late else None
        out["next_due"] = None if due is None else out["due"] if due == a.due else iso(due)
        out["days_to_due"] = (due - as_of).days if due else None
        if e is None:
            out["last_evidence"] = None
            out["quiet_since"] = out["start"] if quiet == a.start else iso(quiet)
        else:
            written = out["evidence"][a.evidence.index(e)]
            out["last_evidence"] = written
            out["quiet_since"] = written["date"]
        out["days_since_evidence"] = (as_of - quiet).days
        return out


class OwnerChase(NamedTuple):
    """One owner's list: each action appears once, in the first list it belongs to."""

    owner: str  # as first written (trimmed), or NO_OWNER
    overdue: list[Item]
    due_soon: list[Item]
    stale: list[Item]
    late_measures: list[Any]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.stale or self.late_measures)

    def to_json(self, as_of: date) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "overdue": [i.to_json(as_of) for i in self.overdue],
            "due_soon": [i.to_json(as_of) for i in self.due_soon],
            "stale": [i.to_json(as_of) for i in self.stale],
            "late_measures": list(self.late_measures),
        }


def owner_key(owner: str | None) -> str:
    """Owners are the same owner whatever their case and surrounding spaces."""
    return owner.strip().casefold() if owner and owner.strip() else ""


def late_measure_readings(plans: list[Plan], as_of: date) -> list[tuple[str | None, Any]]:
    """(owner, measure) for each outcome measure whose reading is late as of the day, by
    the measures' own lateness rule (measures.is_late); the measure as `measures` prints
    it in JSON."""
    if not any(plan.measures for plan in plans):
        return []
    from actionplan.measures import is_late, to_json

    return [
        (m.owner, to_json(m, as_of)) for plan in plans for m in plan.measures if is_late(m, as_of)
    ]


def chase(
    plans: list[Plan],
    as_of: date,
    within: int = 30,
    stale: int = 90,
    owner: str | None = None,
) -> list[OwnerChase]:
    """Each owner with something to chase, in order of their names (no owner last).

    An open action (neither complete nor cancelled) is chased as overdue (oldest first),
    else as due within `within` days (soonest first), else as stale when no evidence has
    been recorded for `stale` days or more (quietest first), counted from its latest
    evidence dated by as_of, else its start, else its plan's start. owner narrows to
    owners whose name holds that text, in any case."""
    groups: dict[str, OwnerChase] = {}
    # Each owner as first written in the plans (their actions, then their measures),
    # whether or not that first one is chased.
    written: dict[str, str] = {}
    for plan in plans:
        for x in (*plan.actions, *plan.measures):
            if x.owner and x.owner.strip():
                written.setdefault(owner_key(x.owner), x.owner.strip())

    def group(name: str | None) -> OwnerChase:
        key = owner_key(name)  # every owner named is in written
        if key not in groups:
            groups[key] = OwnerChase(written[key] if key else NO_OWNER, [], [], [], [])
        return groups[key]

    soon_by = as_of + timedelta(days=within)
    quiet_by = as_of - timedelta(days=stale)
    for plan in plans:
        for a in plan.actions:
            if a.status.closed:
                continue
            if a.every is None:  # the model's rules, spelled out for the common case
                since = a.due if a.due is not None and a.due < as_of else None
                due = a.due if since is None else None
            else:
                since = a.overdue_since(as_of)
                due = None if since else a.next_due(as_of)
            latest = _latest(a.evidence, as_of)
            quiet = latest.date if latest else a.start or plan.start
            if since:
                group(a.owner).overdue.append(Item(a, since, due, latest, quiet))
            elif due is not None and due <= soon_by:
                group(a.owner).due_soon.append(Item(a, since, due, latest, quiet))
            elif quiet <= quiet_by:
                group(a.owner).stale.append(Item(a, since, due, latest, quiet))
    for name, measure in late_measure_readings(plans, as_of):
        group(name).late_measures.append(measure)

    wanted = owner_key(owner)
    out = []
    for key in sorted(groups, key=lambda k: (k == "", k)):
        g = groups[key]
        if wanted and wanted not in (key or NO_OWNER.casefold()):
            continue
        g.overdue.sort(key=lambda i: (i.late_since, i.action.plan, i.action.id))
        g.due_soon.sort(key=lambda i: (i.next_due, i.action.plan, i.action.id))
        g.stale.sort(key=lambda i: (i.quiet_since, i.action.plan, i.action.id))
        out.append(g)
    return out


def any_late(groups: list[OwnerChase]) -> bool:
    """Whether an owner has an overdue action or a late reading (chase then exits 1)."""
    return any(g.overdue or g.late_measures for g in groups)


def _latest(evidence: tuple[Evidence, ...], as_of: date) -> Evidence | None:
    """The latest item dated by as_of: evidence dated after the day does not count yet
    (as for recurring actions)."""
    latest = None
    for e in evidence:  # of items on the same day, the one written last
        if e.date <= as_of and (latest is None or e.date >= latest.date):
            latest = e
    return latest
