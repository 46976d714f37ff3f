"""The model's rules: recurring actions (occurrences, met and missed, overdue) at their
boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from actionplan.model import Action, Evidence, Status, add_months

D = date.fromisoformat


def recurring(
    due: str = "2009-03-31",
    every: str = "year",
    end: str = "2011-03-31",
    evidence: tuple[str, ...] = (),
    status: Status = Status.ON_TRACK,
) -> Action:
    return Action(
        "R-1",
        "p",
        "T1",
        "Annual consultation",
        status=status,
        due=D(due),
        every=every,
        evidence=tuple(Evidence(D(d), f"held {d}") for d in evidence),
        plan_end=D(end),
    )


def states(a: Action, as_of: str) -> list[tuple[str, str]]:
    return [(o.due.isoformat(), o.state) for o in a.occurrence_states(D(as_of))]


@pytest.mark.parametrize(
    "start, months, expected",
    [
        ("2009-01-31", 1, "2009-02-28"),
        ("2008-01-31", 1, "2008-02-29"),  # leap year
        ("2009-01-31", 2, "2009-03-31"),  # counted from the start: the 31st again
        ("2009-11-30", 3, "2010-02-28"),
        ("2008-02-29", 12, "2009-02-28"),
        ("2009-12-15", 1, "2010-01-15"),
    ],
)
def test_months_are_added_on_the_same_day_or_the_months_last(start, months, expected):
    assert add_months(D(start), months) == D(expected)


def test_occurrences_run_from_due_to_the_plans_end_inclusive():
    assert recurring().occurrences() == [D("2009-03-31"), D("2010-03-31"), D("2011-03-31")]
    assert recurring(end="2011-03-30").occurrences() == [D("2009-03-31"), D("2010-03-31")]
    # The first occurrence is always there, even past the plan's end.
    assert recurring(due="2012-01-01").occurrences() == [D("2012-01-01")]


def test_monthly_occurrences_from_the_31st_come_back_to_the_31st():
    a = recurring(due="2009-01-31", every="month", end="2009-05-31")
    assert a.occurrences() == [
        D("2009-01-31"),
        D("2009-02-28"),
        D("2009-03-31"),
        D("2009-04-30"),
        D("2009-05-31"),
    ]


def test_quarterly_occurrences():
    a = recurring(due="2009-06-30", every="quarter", end="2010-03-31")
    assert a.occurrences() == [D("2009-06-30"), D("2009-09-30"), D("2009-12-30"), D("2010-03-30")]


def test_an_action_that_does_not_recur_has_its_due_date_as_its_one_occurrence():
    a = recurring()._replace(every=None)
    assert a.occurrences() == [D("2009-03-31")]
    assert a._replace(due=None).occurrences() == []


def test_grace_day_30_meets_and_day_31_does_not():
    on_30 = recurring(evidence=("2009-04-30",))  # 2009-03-31 + 30 days
    assert states(on_30, "2009-06-01")[0] == ("2009-03-31", "met")
    on_31 = recurring(evidence=("2009-05-01",))
    assert states(on_31, "2009-06-01")[0] == ("2009-03-31", "missed")
    # The day-31 item is after the first occurrence, so it meets the second.
    assert states(on_31, "2010-04-01")[1] == ("2010-03-31", "met")


def test_the_first_occurrence_is_met_by_any_earlier_item():
    a = recurring(evidence=("2008-05-01",))
    assert states(a, "2009-04-01") == [
        ("2009-03-31", "met"),
        ("2010-03-31", "upcoming"),
        ("2011-03-31", "upcoming"),
    ]


def test_evidence_exactly_on_an_occurrence_meets_it_and_not_the_next():
    a = recurring(evidence=("2009-03-31",))
    assert states(a, "2010-06-01")[:2] == [("2009-03-31", "met"), ("2010-03-31", "missed")]
    # The day after the occurrence opens the next one's window.
    b = recurring(evidence=("2009-03-31", "2009-04-01"))
    assert states(b, "2010-06-01")[:2] == [("2009-03-31", "met"), ("2010-03-31", "met")]


def test_one_item_meets_one_occurrence_only():
    # Held 15 days late: it meets the 2009 occurrence, not 2010's as well.
    a = recurring(evidence=("2009-04-15",))
    assert states(a, "2010-04-01")[:2] == [("2009-03-31", "met"), ("2010-03-31", "late")]
    assert a.is_overdue(D("2010-04-01"))


def test_states_late_missed_and_upcoming():
    a = recurring()
    assert states(a, "2009-03-31")[0] == ("2009-03-31", "upcoming")  # due today
    assert states(a, "2009-04-01")[0] == ("2009-03-31", "late")
    assert states(a, "2009-04-30")[0] == ("2009-03-31", "late")  # grace's last day
    assert states(a, "2009-05-01")[0] == ("2009-03-31", "missed")


def test_overdue_when_the_latest_past_occurrence_is_unmet():
    a = recurring(evidence=("2009-03-01",))  # 2009 met, nothing since
    assert not a.is_overdue(D("2009-04-01"))
    assert not a.is_overdue(D("2010-03-31"))  # the next occurrence is today
    assert a.is_overdue(D("2010-04-01"))
    assert a.overdue_since(D("2010-04-01")) == D("2010-03-31")
    assert a.days_late(D("2010-04-11")) == 11
    # An earlier missed occurrence does not matter once the latest is met.
    b = recurring(evidence=("2010-03-01",))
    assert states(b, "2010-04-01")[:2] == [("2009-03-31", "missed"), ("2010-03-31", "met")]
    assert not b.is_overdue(D("2010-04-01"))
    # After the plan's end the last occurrence stays the one that counts.
    assert recurring().overdue_since(D("2015-01-01")) == D("2011-03-31")


def test_evidence_dated_after_as_of_does_not_count_yet():
    a = recurring(evidence=("2009-04-10",))
    assert a.is_overdue(D("2009-04-05"))
    assert not a.is_overdue(D("2009-04-10"))


def test_closed_recurring_actions_are_never_overdue():
    for status in (Status.COMPLETE, Status.CANCELLED):
        a = recurring(status=status)
        assert not a.is_overdue(D("2010-06-01"))
        assert a.next_due(D("2010-06-01")) is None


def test_next_due_and_due_within_use_the_next_unmet_occurrence():
    a = recurring(evidence=("2009-03-01",))
    assert a.next_due(D("2009-04-01")) == D("2010-03-31")
    assert a.due_within(D("2010-03-01"), 30)
    assert not a.due_within(D("2010-03-01"), 29)
    # Met early: the 2010 occurrence is not due any more.
    b = recurring(evidence=("2009-03-01", "2010-02-01"))
    assert b.next_due(D("2010-03-01")) == D("2011-03-31")
    assert recurring().next_due(D("2012-01-01")) is None


def test_the_one_overdue_rule_for_actions_that_do_not_recur():
    a = Action("A", "p", "T1", "t", due=D("2009-06-30"))
    assert not a.is_overdue(D("2009-06-30"))
    assert a.is_overdue(D("2009-07-01"))
    assert a.days_late(D("2009-07-01")) == 1
    assert a.next_due(D("2009-06-30")) == D("2009-06-30")
    assert a.next_due(D("2009-07-01")) is None
    assert a.due_within(D("2009-06-01"), 29) and not a.due_within(D("2009-06-01"), 28)
    assert not a._replace(status=Status.COMPLETE).is_overdue(D("2010-01-01"))
