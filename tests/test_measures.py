"""The measure rules at their edges: expected value, RAG, trend, periods and lateness."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from actionplan.measures import (
    Measure,
    Period,
    Point,
    Reading,
    assess,
    due_period,
    exact,
    expected,
    is_late,
    period_of,
    rag,
    to_json,
    trend,
)

D = date.fromisoformat
BASELINE = Point(240, D("2009-04-01"))
TARGET = Point(0, D("2011-04-01"))


def measure(
    better: str = "lower",
    frequency: str = "quarterly",
    baseline: Point | None = BASELINE,
    target: Point | None = TARGET,
    tolerance: float | int | None = None,
    values: tuple = (),
) -> Measure:
    return Measure(
        "M-1",
        "p",
        "Waiting",
        "children",
        better,
        frequency,
        baseline=baseline,
        target=target,
        tolerance=tolerance,
        values=tuple(Reading(D(d), v) for d, v in values),
        plan_start=D("2008-04-01"),
        plan_end=D("2011-03-31"),
    )


# --- expected --------------------------------------------------------------------------


def test_numbers_are_the_decimals_written():
    assert exact(0.3) == Fraction(3, 10) and exact(10.3) - exact(10) == exact(0.3)
    assert exact(-2) == -2 and exact(1e16) == 10**16


def test_expected_is_the_straight_line_between_dated_baseline_and_target():
    m = measure()  # 240 on 2009-04-01 down to 0 on 2011-04-01 (730 days)
    assert expected(m, D("2009-04-01")) == 240
    assert expected(m, D("2010-04-01")) == 120  # half way: 365 of 730 days
    assert expected(m, D("2011-04-01")) == 0
    assert expected(m, D("2009-04-02")) == 240 - Fraction(240, 730)


def test_expected_before_the_baseline_and_after_the_target():
    m = measure()
    assert expected(m, D("2008-01-01")) == 240  # the line has not started: the baseline
    assert expected(m, D("2012-06-30")) == 0  # past the target date: the target


@pytest.mark.parametrize(
    ("baseline", "target"),
    [
        (None, Point(50, D("2011-03-31"))),  # no baseline
        (Point(240), Point(50, D("2011-03-31"))),  # an undated baseline
        (Point(240, D("2009-01-01")), Point(50)),  # an undated target
        (Point(240, D("2011-03-31")), Point(50, D("2011-03-31"))),  # both on one day
    ],
)
def test_expected_is_the_target_without_a_dated_line(baseline, target):
    m = measure(baseline=baseline, target=target)
    assert expected(m, D("2009-01-01")) == 50 == expected(m, D("2015-01-01"))


def test_no_target_no_expected_value():
    assert expected(measure(target=None), D("2010-01-01")) is None


# --- RAG -------------------------------------------------------------------------------


def flat(better: str, value, tolerance=None) -> Measure:
    """A measure whose expected value is always 100, with one reading."""
    return measure(
        better=better,
        baseline=None,
        target=Point(100),
        tolerance=tolerance,
        values=(("2009-06-30", value),),
    )


AS_OF = D("2009-07-01")


@pytest.mark.parametrize(
    ("better", "value", "tolerance", "want"),
    [
        ("lower", 100, None, "green"),  # exactly on expected
        ("lower", 99, None, "green"),  # better
        ("lower", 101, None, "red"),  # worse, with no tolerance: red
        ("lower", 105, 5, "amber"),  # worse by exactly the tolerance
        ("lower", 105.0001, 5, "red"),  # worse by a hair more
        ("lower", 101, 0, "red"),
        ("higher", 100, 2, "green"),
        ("higher", 101, 2, "green"),
        ("higher", 98, 2, "amber"),  # exactly the tolerance below
        ("higher", 97.99, 2, "red"),
        ("higher", 99.7, 0.3, "amber"),  # decimals compared as written, not as floats
        ("lower", 100.3, 0.3, "amber"),
    ],
)
def test_rag_boundaries(better, value, tolerance, want):
    assert rag(flat(better, value, tolerance), AS_OF) == want


def test_rag_on_the_line_at_the_reading_date():
    m = measure(values=(("2010-04-01", 120),), tolerance=10)  # expected 120 that day
    assert rag(m, D("2010-05-01")) == "green"
    m = measure(values=(("2010-04-01", 130),), tolerance=10)
    assert rag(m, D("2010-05-01")) == "amber"
    m = measure(values=(("2010-04-01", 130.5),), tolerance=10)
    assert rag(m, D("2010-05-01")) == "red"


def test_grey_without_readings_or_target():
    assert rag(measure(), AS_OF) == "grey"
    assert rag(measure(target=None, values=(("2009-06-30", 1),)), AS_OF) == "grey"


def test_readings_after_the_as_of_date_are_not_counted():
    m = flat("lower", 90)._replace(
        values=(Reading(D("2009-06-30"), 90), Reading(D("2009-09-30"), 150))
    )
    assert rag(m, D("2009-07-01")) == "green"
    assert rag(m, D("2009-09-30")) == "red"
    assert rag(m, D("2009-06-29")) == "grey"


# --- trend -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("better", "values", "want"),
    [
        ("lower", (), None),
        ("lower", (("2009-06-30", 5),), None),  # one reading: no trend
        ("lower", (("2009-06-30", 5), ("2009-09-30", 4)), "improving"),
        ("lower", (("2009-06-30", 5), ("2009-09-30", 6)), "worsening"),
        ("higher", (("2009-06-30", 5), ("2009-09-30", 6)), "improving"),
        ("higher", (("2009-06-30", 5), ("2009-09-30", 4.5)), "worsening"),
        ("higher", (("2009-06-30", 5), ("2009-09-30", 5.0)), "no change"),
        # Only the last two count.
        ("lower", (("2009-03-31", 1), ("2009-06-30", 9), ("2009-09-30", 8)), "improving"),
    ],
)
def test_trend(better, values, want):
    assert trend(measure(better=better, values=values), D("2010-01-01")) == want


# --- periods and lateness --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "frequency", "start", "end"),
    [
        ("2009-02-14", "monthly", "2009-02-01", "2009-02-28"),
        ("2008-02-29", "monthly", "2008-02-01", "2008-02-29"),
        ("2009-12-31", "monthly", "2009-12-01", "2009-12-31"),
        ("2009-04-01", "quarterly", "2009-04-01", "2009-06-30"),
        ("2009-03-31", "quarterly", "2009-01-01", "2009-03-31"),
        ("2009-12-31", "quarterly", "2009-10-01", "2009-12-31"),
        ("2009-04-01", "annual", "2009-04-01", "2010-03-31"),
        ("2009-03-31", "annual", "2008-04-01", "2009-03-31"),
        ("2010-01-01", "annual", "2009-04-01", "2010-03-31"),
    ],
)
def test_periods(day, frequency, start, end):
    assert period_of(D(day), frequency) == Period(D(start), D(end), frequency)


@pytest.mark.parametrize(
    ("frequency", "as_of", "start", "end"),
    [
        # The reading for a period is due within 30 days of its end.
        ("quarterly", "2009-07-30", "2009-01-01", "2009-03-31"),  # Q1's grace runs to 07-30
        ("quarterly", "2009-07-31", "2009-04-01", "2009-06-30"),
        ("monthly", "2009-07-30", "2009-05-01", "2009-05-31"),
        ("monthly", "2009-07-31", "2009-06-01", "2009-06-30"),
        ("annual", "2010-04-30", "2008-04-01", "2009-03-31"),
        ("annual", "2010-05-01", "2009-04-01", "2010-03-31"),
        # After the plan's end (2011-03-31), its last period stays due.
        ("quarterly", "2020-01-01", "2011-01-01", "2011-03-31"),
        ("annual", "2020-01-01", "2010-04-01", "2011-03-31"),
    ],
)
def test_the_due_period(frequency, as_of, start, end):
    m = measure(frequency=frequency, baseline=None)
    assert due_period(m, D(as_of))[:2] == (D(start), D(end))
    assert (due_period(m, D(as_of)).due - D(end)).days == 30


def test_late_when_no_reading_in_the_due_period_or_since():
    m = measure(baseline=None, values=(("2009-03-31", 200),))
    assert not is_late(m, D("2009-07-30"))  # Jan-Mar is due: the 03-31 reading is in it
    assert is_late(m, D("2009-07-31"))  # Apr-Jun is due: nothing dated in it
    on_first_day = measure(baseline=None, values=(("2009-04-01", 200),))
    assert not is_late(on_first_day, D("2009-07-31"))
    later = measure(baseline=None, values=(("2009-07-15", 200),))  # a reading since counts
    assert not is_late(later, D("2009-07-31"))


def test_readings_after_the_as_of_date_do_not_make_a_measure_on_time():
    m = measure(baseline=None, values=(("2009-09-30", 200),))
    assert is_late(m, D("2009-08-15"))
    assert not is_late(m, D("2009-09-30"))


def test_the_baseline_counts_as_a_reading_and_nothing_is_due_before_it():
    m = measure(baseline=Point(240, D("2009-05-01")))
    assert not is_late(m, D("2009-07-31"))  # Apr-Jun holds the baseline
    assert is_late(m, D("2009-10-31"))  # Jul-Sep: nothing
    begun_later = measure(baseline=Point(240, D("2009-07-15")))
    assert due_period(begun_later, D("2009-07-31")) is None  # Apr-Jun ended before it
    assert not is_late(begun_later, D("2009-07-31"))
    undated = measure(baseline=Point(240))  # measuring began with the plan (2008-04-01)
    assert due_period(undated, D("2008-05-01")) is None
    assert is_late(undated, D("2008-07-31"))


def test_a_measure_without_a_target_can_still_be_late():
    m = measure(target=None, baseline=None)
    assert rag(m, D("2010-01-01")) == "grey" and is_late(m, D("2010-01-01"))


def test_assessment_and_json():
    m = measure(values=(("2010-01-01", 130), ("2010-04-01", 125)), tolerance=10)
    a = assess(m, D("2010-05-01"))
    assert (a.rag, a.trend, a.late) == ("amber", "improving", False)
    assert a.expected == 120 and a.expected_at == D("2010-04-01")
    doc = to_json(m, D("2010-05-01"))
    assert doc["latest"] == {"date": "2010-04-01", "value": 125, "note": None}
    assert doc["expected"] == 120 and doc["expected_at"] == "2010-04-01"
    assert doc["target"] == {"date": "2011-04-01", "value": 0}
    assert doc["baseline"] == {"date": "2009-04-01", "value": 240}
    assert doc["due_period"] == {
        "start": "2010-01-01",
        "end": "2010-03-31",
        "due": "2010-04-30",
        "label": "Q4 2009/10",
    }
    assert period_of(D("2009-06-03"), "monthly").label == "June 2009"
    assert period_of(D("2009-06-03"), "annual").label == "2009/10"
    assert [v["value"] for v in doc["values"]] == [130, 125]
    # Not whole: rounded to four places for JSON.
    assert to_json(m, D("2010-01-01"))["expected"] == round(float(expected(m, D("2010-01-01"))), 4)
    nothing = to_json(measure(target=None), D("2010-05-01"))
    assert (nothing["latest"], nothing["expected"], nothing["expected_at"]) == (None, None, None)
    assert (nothing["rag"], nothing["trend"]) == ("grey", None)


# --- RAG judged in floats agrees with exact arithmetic -----------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

DECIMALS = st.decimals(min_value=-10_000, max_value=10_000, places=3, allow_nan=False)


def _reference_rag(m: Measure, as_of: date) -> str:
    """RAG worked out in fractions only, as the rule reads."""
    seen = m.readings(as_of)
    if m.target is None or not seen:
        return "grey"
    gap = exact(seen[-1].value) - expected(m, seen[-1].date)
    gap = -gap if m.better == "higher" else gap
    if gap <= 0:
        return "green"
    return "amber" if gap <= exact(m.tolerance or 0) else "red"


def _number(d) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


@settings(max_examples=300, deadline=None)
@given(
    better=st.sampled_from(["higher", "lower"]),
    base=DECIMALS,
    target=DECIMALS,
    tolerance=st.decimals(min_value=0, max_value=100, places=2),
    day=st.integers(min_value=0, max_value=800),
    nudge=st.sampled_from(["0", "0.001", "-0.001", "0.000001", "-0.000001"]),
    edge=st.sampled_from(["on", "tolerance", "free"]),
    free=DECIMALS,
    dated=st.booleans(),
)
def test_rag_in_floats_agrees_with_fractions(
    better, base, target, tolerance, day, nudge, edge, free, dated
):
    from decimal import Decimal

    m = measure(
        better=better,
        baseline=Point(_number(base), D("2009-04-01") if dated else None),
        target=Point(_number(target), D("2011-04-01")),
        tolerance=_number(tolerance),
    )
    at = date.fromordinal(D("2009-04-01").toordinal() + day)
    wanted = expected(m, at)
    # Readings right on the expected value or the tolerance's edge (when that is a
    # decimal), nudged by a hair; or anywhere.
    sign = -1 if better == "higher" else 1
    if edge == "free" or wanted.denominator not in (1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100):
        value = free
    else:
        edge_value = Decimal(wanted.numerator) / Decimal(wanted.denominator)
        if edge == "tolerance":
            edge_value += sign * tolerance
        value = edge_value + Decimal(nudge)
    m = m._replace(values=(Reading(at, _number(value)),))
    assert rag(m, at) == _reference_rag(m, at)
    assert assess(m, at).rag == _reference_rag(m, at)
