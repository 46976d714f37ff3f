"""The plan model: immutable records and pure functions. No I/O.

Records are NamedTuples rather than dataclasses: they are immutable all the same, and
defining one costs a tenth of a frozen dataclass at start-up (~0.1 ms against ~0.8 ms),
and they pickle fast for the plan cache.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from actionplan.dates import iso

if TYPE_CHECKING:  # the records meet only in Plan: start-up need not import measures
    from actionplan.measures import Measure


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
# What a board paper asks of the board (report --purpose, [report] purpose).
PURPOSES = ["decision", "discussion", "information"]
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
# Evidence up to this many days after an occurrence still meets it.
GRACE_DAYS = 30


def add_months(d: date, months: int) -> date:
    """d moved on by whole months, on the same day of the month, or on the month's last
    day when the month is shorter (31 Jan + 1 month = 28 or 29 Feb)."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


# The rules in words, for the board paper's RAG key: keep them true to the code below.
OVERDUE_RULE = (
    "An action is overdue when its due date is before the position date and it is "
    "neither complete nor cancelled; a recurring action, when no evidence meets its "
    "latest occurrence before the position date (an item dated after the occurrence "
    "before it and at most 30 days after it)."
)
EXCEPTION_RULE = "An exception is an action that is off track, at risk or overdue."


class Evidence(NamedTuple):
    date: date
    text: str
    link: str | None = None
    by: str | None = None


class Occurrence(NamedTuple):
    """One occurrence of a recurring action, as judged on a day."""

    due: date
    state: str  # met | late (unmet, grace running) | missed | upcoming
    evidence: Evidence | None = None  # the item that met it


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
    plan_end: date | None = None  # the plan's end, where a recurring action's occurrences stop

    # --- when it is due: the one rule for overdue, for every command ---------------------

    def is_overdue(self, as_of: date) -> bool:  # OVERDUE_RULE says it in words
        return self.overdue_since(as_of) is not None

    def overdue_since(self, as_of: date) -> date | None:
        """The due date the action is late from, or None when it is not overdue.

        An open action is overdue when its due date is before as_of; a recurring one when
        its latest occurrence before as_of is unmet (by evidence dated up to as_of)."""
        if self.due is None or self.status.closed:
            return None
        if self.every is None:
            return self.due if self.due < as_of else None
        past = [o for o in self.occurrence_states(as_of) if o.due < as_of]
        return past[-1].due if past and past[-1].state != "met" else None

    def days_late(self, as_of: date) -> int:
        since = self.overdue_since(as_of)
        return (as_of - since).days if since else 0

    def next_due(self, as_of: date) -> date | None:
        """The due date on or after as_of that is still to be met: the due date, or for a
        recurring action its first occurrence from as_of on that evidence has not met."""
        if self.due is None or self.status.closed:
            return None
        if self.every is None:
            return self.due if self.due >= as_of else None
        return next((o.due for o in self.occurrence_states(as_of) if o.state == "upcoming"), None)

    def due_within(self, as_of: date, days: int) -> bool:
        """Open and due from as_of to as_of + days inclusive (not yet overdue)."""
        due = self.next_due(as_of)
        return due is not None and (due - as_of).days <= days

    def occurrences(self) -> list[date]:
        """A recurring action's due dates: due, then one period on at a time up to the
        plan's end (each counted from due, so 31 Jan, 28 Feb, 31 Mar). Just due for an
        action that does not recur."""
        if self.due is None:
            return []
        months = PERIOD_MONTHS.get(self.every or "")
        if months is None:
            return [self.due]
        end = self.plan_end or self.due
        out = [self.due]
        while (d := add_months(self.due, months * len(out))) <= end:
            out.append(d)
        return out

    def occurrence_states(self, as_of: date) -> list[Occurrence]:
        """Each occurrence met, late, missed or upcoming as of a day.

        An occurrence is met by an evidence item dated after the previous occurrence and
        on or before this one plus GRACE_DAYS (the first: any item up to then); each item
        meets one occurrence at most, the earliest it can. Items dated after as_of are
        not counted yet."""
        items = sorted((e for e in self.evidence if e.date <= as_of), key=lambda e: e.date)
        out, i, previous = [], 0, None
        for due in self.occurrences():
            grace = due + timedelta(days=GRACE_DAYS)
            # Items before this window are spent or too early for it.
            while i < len(items) and previous is not None and items[i].date <= previous:
                i += 1
            if i < len(items) and items[i].date <= grace:
                out.append(Occurrence(due, "met", items[i]))
                i += 1
            elif due >= as_of:
                out.append(Occurrence(due, "upcoming"))
            elif as_of <= grace:
                out.append(Occurrence(due, "late"))
            else:
                out.append(Occurrence(due, "missed"))
            previous = due
        return out

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
        if self.every is None:  # the model's overdue rule, spelled out for the common case
            overdue = due is not None and due < as_of and status not in CLOSED
            upcoming = due if due is not None and not overdue and status not in CLOSED else None
        else:
            overdue, upcoming = self.is_overdue(as_of), self.next_due(as_of)
        return {
            "id": self.id,
            "plan": self.plan,
            "tier": self.tier,
            "title": self.title,
            "owner": self.owner,
            "status": status._value_,
            "rag": RAG[status],
            "due": due.isoformat() if due else None,
            "next_due": upcoming.isoformat() if upcoming else None,
            "overdue": overdue,
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

    def aligned_ids(self) -> set[str]:
        """Every principle id the plan's actions and measures name in `aligns`."""
        return {pid for item in (*self.actions, *self.measures) for pid in item.aligns}

    def actions_in(self, tier_id: str) -> list[Action]:
        return [a for a in self.actions if a.tier == tier_id]


class Filters(NamedTuple):
    """Narrowing used by status and list; None means 'any'."""

    plans: tuple[str, ...] = ()
    tier: str | None = None
    owner: str | None = None
    status: Status | None = None
    overdue_only: bool = False
    exceptions_only: bool = False  # off-track, at-risk or overdue

    def select(self, plans: list[Plan], as_of: date) -> list[Action]:
        """The actions kept, in plan order."""
        return [a for p in plans for a in p.actions if self.keep(a, as_of)]

    def keep(self, action: Action, as_of: date) -> bool:
        if self.plans and action.plan not in self.plans:
            return False
        if self.tier and action.tier.lower() != self.tier.lower():
            return False
        if self.owner and self.owner.lower() not in (action.owner or "").lower():
            return False
        if self.status and action.status != self.status:
            return False
        if self.overdue_only and not action.is_overdue(as_of):
            return False
        return not (self.exceptions_only and not action.is_exception(as_of))


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


def overdue_actions(plans: list[Plan], as_of: date) -> list[Action]:
    """The plans' overdue actions, oldest first."""
    late = (a for p in plans for a in p.actions if a.is_overdue(as_of))
    return sorted(late, key=overdue_sort_key)


def actions_due_within(plans: list[Plan], as_of: date, days: int) -> list[Action]:
    """The plans' open actions due in the next days days (not yet overdue), soonest first."""
    return sorted(
        (a for p in plans for a in p.actions if a.due_within(as_of, days)), key=overdue_sort_key
    )


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
