"""Outcome measures: immutable records and the pure rules that judge them (expected value,
RAG, trend, lateness). No I/O.

Numbers are compared exactly. Each value is taken as the decimal its author wrote (a TOML
float's shortest representation: `0.3` is 3/10, not the nearest binary fraction) and the
straight line from baseline to target is worked out in fractions, so "exactly on the
expected value" and "worse by exactly the tolerance" mean what they say. Fractions are
slow, so RAG is first judged in floats and worked out exactly only when a reading lies
within a hair (a billionth) of a boundary, where float rounding could tip it.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from actionplan.dates import iso

# The largest size of a value (a reading, a baseline, a target, a tolerance): far beyond
# any count of children or percentage, and small enough that the rules' arithmetic (a
# straight line between baseline and target, differences, a chart's scale) stays exact
# enough and finite.
MAX_NUMBER = 10**15

if TYPE_CHECKING:  # fractions (and decimal) cost ~2 ms to import: only the rules need them
    from fractions import Fraction

BETTER = ["higher", "lower"]
FREQUENCIES = ["monthly", "quarterly", "annual"]
RAGS = ["green", "amber", "red", "grey"]
TRENDS = ["improving", "worsening", "no change"]
# A reading is late this many days after the end of the period it is for.
GRACE_DAYS = 30

# The rules in words, for the board paper's RAG key: keep them true to the code below.
RAG_RULE = (
    "A measure is green when its latest reading is at or better than the value expected "
    "by the reading's date (on the straight line from baseline to target, when both are "
    "dated), amber when worse by no more than its tolerance, red when worse by more, and "
    "grey without a target or a reading."
)
LATE_RULE = (
    f"A measure's reading is late when none is dated within the last month, quarter or "
    f"financial year due (its frequency), {GRACE_DAYS} days after that period's end."
)

Number = int | float


def number_text(value: Any, places: int | None = None) -> str:
    """A value as people read it: thousands separated; with places, rounded to at most
    that many decimals (for worked-out values: a reading is shown as written)."""
    if value is None:
        return ""
    if type(value) is float and places is not None:
        return f"{value:,.{places}f}".rstrip("0").rstrip(".")
    if type(value) in (int, float):
        return f"{value:,}"
    return str(value)  # what a broken version of a plan held


class Reading(NamedTuple):
    date: date
    value: Number
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"date": iso(self.date), "value": self.value, "note": self.note}


class Point(NamedTuple):
    """A baseline or a target: a value, and the date it holds at (optional)."""

    value: Number
    date: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"date": iso(self.date), "value": self.value}


class Period(NamedTuple):
    """One period of a measure's frequency (a month, a quarter, a financial year)."""

    start: date
    end: date
    frequency: str = "quarterly"

    @property
    def label(self) -> str:
        """'June 2009', 'Q1 2009/10' (a financial-year quarter) or '2009/10'."""
        if self.frequency == "monthly":
            return self.start.strftime("%B %Y")
        fy = f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        if self.frequency == "annual":
            return fy
        from actionplan.dates import fy_quarter

        return fy_quarter(self.start)

    @property
    def due(self) -> date:
        """The last day a reading for the period is on time."""
        return self.end + timedelta(days=GRACE_DAYS)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": iso(self.start),
            "end": iso(self.end),
            "due": iso(self.due),
            "label": self.label,
        }


class Measure(NamedTuple):
    id: str
    plan: str
    title: str
    unit: str
    better: str  # one of BETTER
    frequency: str  # one of FREQUENCIES
    tier: str | None = None
    owner: str | None = None
    baseline: Point | None = None
    target: Point | None = None
    tolerance: Number | None = None
    source: str | None = None
    aligns: tuple[str, ...] = ()
    values: tuple[Reading, ...] = ()  # oldest first (check enforces it)
    line: int = 0
    # The plan's period: no reading is due for a period after the plan has ended.
    plan_start: date | None = None
    plan_end: date | None = None

    def readings(self, as_of: date) -> tuple[Reading, ...]:
        """The readings dated on or before as_of: later ones were not known then."""
        if not self.values or self.values[-1].date <= as_of:
            return self.values
        return self.values[: bisect_right(self.values, as_of, key=_DATE)]


_DATE = attrgetter("date")


class Assessment(NamedTuple):
    """A measure judged as at a date."""

    latest: Reading | None
    previous: Reading | None
    expected: Number | None  # as expected_value gives it
    expected_at: date | None  # the latest reading's date, else the as-of date
    rag: str  # one of RAGS
    trend: str | None  # one of TRENDS; None with fewer than two readings
    late: bool
    period: Period | None  # the last period a reading was due for (None: none yet)


# --- the rules -----------------------------------------------------------------------


def exact(value: Number) -> Fraction:
    """The number as its author wrote it, as an exact fraction."""
    from fractions import Fraction

    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(value))


def expected(m: Measure, at: date) -> Fraction | None:
    """The value expected at a date: None without a target; the straight line from the
    baseline to the target when both are dated (the baseline's value up to its date, the
    target's from its date on); otherwise the target's value."""
    return _line(m, at, exact)


def _line(m: Measure, at: date, num: Any) -> Any:
    """expected() with the numbers made by num: exact() for fractions, float for speed."""
    target, base = m.target, m.baseline
    if target is None:
        return None
    if base is None or base.date is None or target.date is None or target.date <= base.date:
        return num(target.value)
    if at <= base.date:
        return num(base.value)
    if at >= target.date:
        return num(target.value)
    start, end = num(base.value), num(target.value)
    return start + (end - start) * num((at - base.date).days) / num((target.date - base.date).days)


def expected_value(m: Measure, at: date) -> Number | None:
    """The expected value as JSON and tables show it: a whole number as an int, else a
    float rounded to 4 places (worked out in floats: only RAG needs it exactly)."""
    value = _line(m, at, float)
    if value is None:
        return None
    value = round(value, 4) + 0.0  # + 0.0: never -0.0
    return int(value) if value.is_integer() else value


def shortfall(better: str, value: Number, wanted: Fraction) -> Fraction:
    """How far value is on the wrong side of wanted (zero or less: at or better)."""
    gap = exact(value) - wanted
    return -gap if better == "higher" else gap


def rag(m: Measure, as_of: date) -> str:
    """Green at or better than expected; amber worse by at most the tolerance; red worse
    by more; grey with no target or no reading by as_of."""
    seen = m.readings(as_of)
    if m.target is None or not seen:
        return "grey"
    return _rag(m, seen[-1].value, seen[-1].date)


def _rag(m: Measure, value: Number, at: date) -> str:
    """The RAG of a reading of value dated at: judged in floats, and exactly when it is
    within a billionth of a boundary."""
    wanted = _line(m, at, float)
    if wanted is None:
        return "grey"
    gap = value - wanted if m.better == "lower" else wanted - value
    tolerance = float(m.tolerance or 0)
    hair = 1e-9 * max(1.0, abs(value), abs(wanted), tolerance)
    if gap < -hair:
        return "green"
    if hair < gap < tolerance - hair:
        return "amber"
    if gap > tolerance + hair:
        return "red"
    exact_gap = shortfall(m.better, value, expected(m, at))
    if exact_gap <= 0:
        return "green"
    return "amber" if exact_gap <= exact(m.tolerance or 0) else "red"


def trend(m: Measure, as_of: date, seen: tuple[Reading, ...] | None = None) -> str | None:
    """The latest reading against the one before, in the better direction; None with
    fewer than two readings."""
    seen = m.readings(as_of) if seen is None else seen
    if len(seen) < 2:
        return None
    # Two values as written compare the same as the floats they read as: rounding to the
    # nearest float keeps order, and equal text makes equal floats.
    now, before = seen[-1].value, seen[-2].value
    if now == before:
        return "no change"
    return "improving" if (now > before) == (m.better == "higher") else "worsening"


def period_of(day: date, frequency: str) -> Period:
    """The calendar month, the quarter (financial-year quarters: April-June, July-
    September, October-December, January-March) or the financial year (April to March)
    that holds day."""
    if frequency == "monthly":
        first = day.replace(day=1)
    elif frequency == "quarterly":
        first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    else:
        first = date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    months = {"monthly": 1, "quarterly": 3}.get(frequency, 12)
    year, month = divmod(first.month - 1 + months, 12)
    return Period(first, date(first.year + year, month + 1, 1) - timedelta(days=1), frequency)


def due_period(m: Measure, as_of: date) -> Period | None:
    """The last period whose reading was due by as_of: the latest one that ended more than
    GRACE_DAYS before it, or the plan's last period when the plan has ended. None when
    that period ended before measuring began (the baseline's date, else the plan's start)."""
    cutoff = as_of - timedelta(days=GRACE_DAYS + 1)  # the latest end whose grace is over
    period = period_of(cutoff, m.frequency)
    if period.end > cutoff:
        period = period_of(period.start - timedelta(days=1), m.frequency)
    if m.plan_end is not None and period.start > m.plan_end:
        period = period_of(m.plan_end, m.frequency)
    began = m.baseline.date if m.baseline and m.baseline.date else m.plan_start
    if began is not None and period.end < began:
        return None
    return period


def is_late(m: Measure, as_of: date) -> bool:
    """No reading (nor the baseline) is dated within the last due period or since."""
    return _late(m, as_of, m.readings(as_of), due_period(m, as_of))


def _late(m: Measure, as_of: date, seen: tuple[Reading, ...], period: Period | None) -> bool:
    if period is None:
        return False
    if seen and seen[-1].date >= period.start:  # the latest by as_of is in it or since
        return False
    base = m.baseline.date if m.baseline is not None else None
    return not (base is not None and period.start <= base <= as_of)


def assess(m: Measure, as_of: date) -> Assessment:
    """Everything the rules say about a measure as at a date."""
    seen = m.readings(as_of)
    latest = seen[-1] if seen else None
    at = latest.date if latest else as_of
    period = due_period(m, as_of)
    return Assessment(
        latest=latest,
        previous=seen[-2] if len(seen) > 1 else None,
        expected=expected_value(m, at),
        expected_at=at if m.target is not None else None,
        rag=_rag(m, latest.value, latest.date) if latest else "grey",
        trend=trend(m, as_of, seen),
        late=_late(m, as_of, seen, period),
        period=period,
    )


# Readings share their dates (quarter ends), so each date is written out once: a plan of
# 200 measures with 40 readings each is listed in half the time.
_ISO_DATES: dict[date, str] = {}


def _iso_date(day: date) -> str:
    text = _ISO_DATES[day] = day.isoformat()
    return text


def _values_json(values: tuple[Reading, ...]) -> list[dict[str, Any]]:
    known = _ISO_DATES.get
    return [
        {"date": known(day) or _iso_date(day), "value": value, "note": note}
        for day, value, note in values
    ]


def to_json(m: Measure, as_of: date) -> dict[str, Any]:
    """The measure as JSON, judged as at as_of."""
    a = assess(m, as_of)
    return {
        "id": m.id,
        "plan": m.plan,
        "title": m.title,
        "unit": m.unit,
        "better": m.better,
        "frequency": m.frequency,
        "tier": m.tier,
        "owner": m.owner,
        "latest": a.latest.to_json() if a.latest else None,
        "expected": a.expected,
        "expected_at": iso(a.expected_at),
        "target": m.target.to_json() if m.target else None,
        "baseline": m.baseline.to_json() if m.baseline else None,
        "tolerance": m.tolerance,
        "rag": a.rag,
        "trend": a.trend,
        "late": a.late,
        "due_period": a.period.to_json() if a.period else None,
        "source": m.source,
        "aligns": list(m.aligns),
        "values": _values_json(m.values),
        "line": m.line,
    }


class MeasureFilters(NamedTuple):
    """Narrowing used by `measures`; None means 'any'."""

    plans: tuple[str, ...] = ()
    tier: str | None = None
    owner: str | None = None
    rag: str | None = None
    late_only: bool = False

    def keep(self, m: Measure, as_of: date) -> bool:
        if self.plans and m.plan not in self.plans:
            return False
        if self.tier and (m.tier or "").lower() != self.tier.lower():
            return False
        if self.owner and self.owner.lower() not in (m.owner or "").lower():
            return False
        if self.rag and rag(m, as_of) != self.rag:
            return False
        return not (self.late_only and not is_late(m, as_of))

    def select(self, plans: list[Any], as_of: date) -> list[Measure]:
        """The measures kept, in plan order."""
        return [m for p in plans for m in p.measures if self.keep(m, as_of)]
