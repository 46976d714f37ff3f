"""Recurring actions through every command that judges overdue: list --overdue, overdue,
status and the report all use the model's one rule."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import git

RECURRING = """
[[actions]]
id = "SAM-X-01"
tier = "T1"
title = "Annual consultation with young people"
owner = "Participation lead"
status = "on-track"
due = 2009-03-31
every = "year"
evidence = [
  { date = 2009-03-20, text = "Consultation held" },
]
"""


@pytest.fixture
def recurring(workdir):
    p = workdir / "plans" / "sample.toml"
    p.write_text(p.read_text() + RECURRING)
    return workdir


def ids(doc: dict, key: str = "actions") -> list[str]:
    return [a["id"] for a in doc[key]]


def test_met_occurrence_is_not_overdue_and_the_unmet_next_one_is(recurring, run):
    # 2009 was met; the 2010 occurrence is not due yet.
    doc = json.loads(run("list", "--overdue", "-f", "json", "--as-of", "2009-10-01").stdout)
    assert "SAM-X-01" not in ids(doc)
    # A day after the 2010 occurrence, with no new evidence: overdue everywhere.
    day = "2010-04-01"
    doc = json.loads(run("list", "--overdue", "-f", "json", "--as-of", day).stdout)
    assert "SAM-X-01" in ids(doc)
    r = run("overdue", "-f", "json", "--as-of", day)
    assert r.exit_code == 1
    assert "SAM-X-01" in ids(json.loads(r.stdout))
    status = json.loads(run("status", "sample", "-f", "json", "--as-of", day).stdout)
    assert "SAM-X-01" in ids(status["plans"][0], "exceptions")
    t1 = status["plans"][0]["tiers"][0]
    assert t1["overdue"] == 3  # SAM-T1-01 (due 2010-03-31), SAM-T1-02 and this one


def test_every_json_document_judges_a_recurring_action_by_the_same_rule(recurring, run):
    """The action's JSON (list, show, status, the report's appendix) says overdue by the
    recurring rule, and gives the next occurrence to meet."""
    as_of = "2009-10-01"  # the 2009 occurrence was met; 2010's is still to come
    doc = json.loads(run("list", "-f", "json", "--as-of", as_of).stdout)
    action = next(a for a in doc["actions"] if a["id"] == "SAM-X-01")
    assert action["overdue"] is False
    assert (action["due"], action["next_due"]) == ("2009-03-31", "2010-03-31")
    shown = json.loads(run("show", "SAM-X-01", "-f", "json", "--as-of", as_of).stdout)
    assert shown["overdue"] is False and shown["next_due"] == "2010-03-31"
    late = json.loads(run("list", "-f", "json", "--as-of", "2010-05-01").stdout)
    action = next(a for a in late["actions"] if a["id"] == "SAM-X-01")
    assert action["overdue"] is True and action["next_due"] == "2011-03-31"
    # An ordinary action: next_due is its due date while it is still to come.
    plain = next(a for a in doc["actions"] if a["id"] == "SAM-T1-01")
    assert plain["next_due"] == "2010-03-31"


def test_overdue_within_lists_the_next_occurrence(recurring, run):
    doc = json.loads(run("overdue", "--within", "30", "-f", "json", "--as-of", "2010-03-15").stdout)
    assert "SAM-X-01" in ids(doc, "due_soon")
    doc = json.loads(run("overdue", "--within", "10", "-f", "json", "--as-of", "2010-03-15").stdout)
    assert "SAM-X-01" not in ids(doc, "due_soon")


def test_the_table_shows_days_late_from_the_missed_occurrence(recurring, run):
    r = run("overdue", "--as-of", "2010-04-11")
    row = next(line for line in r.stdout.splitlines() if line.startswith("SAM-X-01"))
    assert "2010-03-31 (11d late)" in row


def test_report_counts_days_overdue_from_the_occurrence_and_lists_the_next_one(recurring, run):
    git(recurring, "init", "-q", "-b", "main")
    git(recurring, "add", "-A")
    git(recurring, "commit", "-qm", "plans", date="2009-01-10T10:00:00+00:00")
    doc = json.loads(run("report", "-f", "json", "--as-of", "2010-04-11").stdout)
    late = next(a for a in doc["exceptions"] if a["id"] == "SAM-X-01")
    assert late["days_overdue"] == 11
    assert late["next_due"] == "2011-03-31"
    doc = json.loads(run("report", "-f", "json", "--as-of", "2010-02-01").stdout)
    coming = next(a for a in doc["coming_up"]["actions"] if a["id"] == "SAM-X-01")
    assert coming["next_due"] == "2010-03-31"
    md = run("report", "--as-of", "2010-02-01").stdout
    coming_up = md.split("## 5.")[1].split("## 6.")[0]
    assert "| 2010-03-31 |" in coming_up


def test_show_lists_occurrences_met_late_missed_and_upcoming(recurring, run):
    r = run(
        "update",
        "SAM-X-01",
        "--evidence",
        "Held again",
        "--date",
        "2010-04-20",
        "--as-of",
        "2011-03-01",
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(run("show", "SAM-X-01", "-f", "json", "--as-of", "2011-04-05").stdout)
    assert doc["occurrences"] == [
        {
            "due": "2009-03-31",
            "state": "met",
            "evidence": {"date": "2009-03-20", "text": "Consultation held"},
        },
        {
            "due": "2010-03-31",
            "state": "met",
            "evidence": {"date": "2010-04-20", "text": "Held again"},
        },
        {"due": "2011-03-31", "state": "late", "evidence": None},
    ]
    out = run("show", "SAM-X-01", "--as-of", "2011-04-05").stdout
    assert "\nevery   year: 2011-03-31 is 5d late\n" in out
    assert "\ndue     2009-03-31\n" in out
    assert "Occurrences, every year (2 of 3 met)" in out
    assert re.search(r"\n2010-03-31 +met +2010-04-20: Held again\n", out)
    assert re.search(r"\n2011-03-31 +late\n", out)
    later = run("show", "SAM-X-01", "--as-of", "2011-06-01").stdout
    assert re.search(r"\n2011-03-31 +missed\n", later)
    # An action that does not recur has no occurrences.
    assert json.loads(run("show", "SAM-T1-01", "-f", "json").stdout)["occurrences"] == []
