"""The plan model: immutable records and pure functions. No I/O.

Records are NamedTuples rather than dataclasses: they are immutable all the same, and
defining one costs a tenth of a frozen dataclass at start-up (~0.1 ms against ~0.8 ms),
and they pickle fast for the plan cache.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # measures.py imports this module; the records meet only in Plan
    from actionplan.measures import Measure


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


class Status(StrEnum):
    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    COMPLETE = "complete"
    CANCELLED = "cancelled"

    @property
    def rag(self) -> str:
        return RAG[self]

    @property
    def closed(self) -> bool:
        return self in (Status.COMPLETE, Status.CANCELLED)


RAG = {
    Status.NOT_STARTED: "grey",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "amber",
    Status.OFF_TRACK: "red",
    Status.COMPLETE: "blue",
    Status.CANCELLED: "grey",
}
STATUSES = [s.value for s in Status]
CLOSED = frozenset((Status.COMPLETE, Status.CANCELLED))
# A recurring action's period (`every`): its due date is the first occurrence.
EVERY = ["month", "quarter", "year"]


# The rules in words, for the board paper's RAG key: keep them true to the code below.
OVERDUE_RULE = (
    "An action is overdue when its due date is before the position date and it is "
    "neither complete nor cancelled."
)
EXCEPTION_RULE = "An exception is an action that is off track, at risk or overdue."


class Evidence(NamedTuple):
    date: date
    text: str
    link: str | None = None
    by: str | None = None


class Action(NamedTuple):
    id: str
    plan: str
    tier: str
    title: str
    status: Status = Status.NOT_STARTED
    owner: str | None = None
    due: date | None = None
    start: date | None = None
    source: str | None = None
    notes: str | None = None
    depends_on: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    aligns: tuple[str, ...] = ()  # framework principles the action serves
    every: str | None = None  # one of EVERY: a recurring action
    mitigation: str | None = None  # what is being done about an exception
    decision: str | None = None  # what the board is asked to decide
    evidence: tuple[Evidence, ...] = ()
    line: int = 0

    def is_overdue(self, as_of: date) -> bool:  # OVERDUE_RULE says it in words
        return self.due is not None and self.due < as_of and not self.status.closed

    def due_within(self, as_of: date, days: int) -> bool:
        """Open and due from as_of to as_of + days inclusive (not yet overdue)."""
        if self.due is None or self.status.closed:
            return False
        return 0 <= (self.due - as_of).days <= days

    @property
    def latest_evidence(self) -> Evidence | None:
        return self.evidence[-1] if self.evidence else None

    def is_exception(self, as_of: date) -> bool:  # EXCEPTION_RULE
        return self.status in (Status.OFF_TRACK, Status.AT_RISK) or self.is_overdue(as_of)

    def to_json(self, as_of: date) -> dict:
        """The action as JSON: the keys every command's --format json shares."""
        # Written out flat: commands print a thousand of these, and each helper call or
        # enum property read here costs ~1 ms per thousand.
        status, due, start = self.status, self.due, self.start
        return {
            "id": self.id,
            "plan": self.plan,
            "tier": self.tier,
            "title": self.title,
            "owner": self.owner,
            "status": status._value_,
            "rag": RAG[status],
            "due": due.isoformat() if due else None,
            "overdue": due is not None and due < as_of and status not in CLOSED,
            "start": start.isoformat() if start else None,
            "source": self.source,
            "notes": self.notes,
            "depends_on": list(self.depends_on),
            "tags": list(self.tags),
            "aligns": list(self.aligns),
            "every": self.every,
            "mitigation": self.mitigation,
            "decision": self.decision,
            "evidence": [
                {"date": iso(e.date), "text": e.text, "link": e.link, "by": e.by}
                for e in self.evidence
            ],
            "line": self.line,
        }


class Tier(NamedTuple):
    id: str
    name: str
    purpose: str | None = None


class Plan(NamedTuple):
    id: str
    title: str
    organisation: str
    start: date
    end: date
    path: str
    board: str | None = None
    source: str | None = None
    aims: tuple[str, ...] = ()
    tiers: tuple[Tier, ...] = ()
    actions: tuple[Action, ...] = ()
    file: str = ""  # the file's absolute path, for writers (path is for messages)
    measures: tuple[Measure, ...] = ()

    def tier(self, tier_id: str) -> Tier | None:
        return next((t for t in self.tiers if t.id == tier_id), None)

    def actions_in(self, tier_id: str) -> list[Action]:
        return [a for a in self.actions if a.tier == tier_id]


class Filters(NamedTuple):
    """Narrowing used by status and list; None means 'any'."""

    plans: tuple[str, ...] = ()
    tier: str | None = None
    owner: str | None = None
    status: Status | None = None
    overdue_only: bool = False

    def keep(self, action: Action, as_of: date) -> bool:
        if self.plans and action.plan not in self.plans:
            return False
        if self.tier and action.tier.lower() != self.tier.lower():
            return False
        if self.owner and self.owner.lower() not in (action.owner or "").lower():
            return False
        if self.status and action.status != self.status:
            return False
        return not (self.overdue_only and not action.is_overdue(as_of))


class Counts:
    """Actions by status, in total and overdue; built up by add()."""

    __slots__ = ("by_status", "total", "overdue")

    def __init__(self) -> None:
        self.by_status: dict[str, int] = dict.fromkeys(STATUSES, 0)
        self.total = 0
        self.overdue = 0

    def add(self, action: Action, as_of: date) -> None:
        self.by_status[action.status.value] += 1
        self.total += 1
        self.overdue += action.is_overdue(as_of)

    @property
    def percent_complete(self) -> float:
        """Complete as a share of actions still in scope (cancelled ones are not)."""
        in_scope = self.total - self.by_status["cancelled"]
        return round(100 * self.by_status["complete"] / in_scope, 1) if in_scope else 0.0


def count(actions: list[Action] | tuple[Action, ...], as_of: date) -> Counts:
    c = Counts()
    for a in actions:
        c.add(a, as_of)
    return c


def overdue_sort_key(action: Action) -> tuple:
    return (action.due or date.max, action.plan, action.id)


class PlanSummary(NamedTuple):
    plan: Plan
    tiers: list[tuple[Tier, Counts]]
    total: Counts
    exceptions: list[Action]


def summarise(plans: list[Plan], filters: Filters, as_of: date) -> list[PlanSummary]:
    """Counts per tier and the exceptions (off-track, at-risk, overdue) of each plan."""
    out = []
    for plan in plans:
        kept = [a for a in plan.actions if filters.keep(a, as_of)]
        tiers = [
            (t, count([a for a in kept if a.tier == t.id], as_of))
            for t in plan.tiers
            if not filters.tier or t.id.lower() == filters.tier.lower()
        ]
        exceptions = sorted(
            (a for a in kept if a.is_exception(as_of)),
            key=lambda a: (EXCEPTION_ORDER[a.status], a.due or date.max, a.id),
        )
        out.append(PlanSummary(plan, tiers, count(kept, as_of), exceptions))
    return out


# Off-track first, then at-risk, then whatever is merely overdue.
EXCEPTION_ORDER = {
    Status.OFF_TRACK: 0,
    Status.AT_RISK: 1,
    Status.NOT_STARTED: 2,
    Status.ON_TRACK: 2,
    Status.COMPLETE: 3,
    Status.CANCELLED: 3,
}


# --- frameworks ----------------------------------------------------------------------


class Section(NamedTuple):
    id: str
    name: str
    source: str | None = None
    text: str | None = None


class Principle(NamedTuple):
    """One principle or expectation of a framework; actions name it in `aligns`."""

    id: str
    framework: str
    title: str
    section: str | None = None  # a section id of its framework
    text: str | None = None
    source: str | None = None
    line: int = 0


class Framework(NamedTuple):
    id: str  # the file stem
    title: str
    path: str
    publisher: str | None = None
    source: str | None = None
    text: str | None = None
    sections: tuple[Section, ...] = ()
    principles: tuple[Principle, ...] = ()


def serving(actions: list[Action] | tuple[Action, ...]) -> list[Action]:
    """The actions that serve a principle they align to: a cancelled action does not."""
    return [a for a in actions if a.status is not Status.CANCELLED]


def rollup(actions: list[Action] | tuple[Action, ...], as_of: date) -> str | None:
    """The RAG of a principle from the actions aligned to it: None when no action serves
    it (a gap); blue when every serving action is complete; otherwise the worst open one,
    an overdue action counting as red (off track in all but name)."""
    serves = serving(actions)
    open_ = [a for a in serves if a.status is not Status.COMPLETE]
    if not open_:
        return "blue" if serves else None
    if any(a.status is Status.OFF_TRACK or a.is_overdue(as_of) for a in open_):
        return "red"
    if any(a.status is Status.AT_RISK for a in open_):
        return "amber"
    if any(a.status is Status.ON_TRACK for a in open_):
        return "green"
    return "grey"
