"""A measure's life in git: eight quarterly returns recorded with `record --commit` by
several people (one on a branch merged back, one corrected with --replace), its target
revised and its plan file renamed; then RAG, trend, lateness, history events and the
board paper's "Outcome measures" section.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ALICE, BOB, CAROL, GIT_ENV, Run, _edit, git

OUTCOMES = """\
# Outcome measures for the sample strategy.
title = "Outcomes Strategy"
organisation = "Outcomes Trust"
start = 2008-04-01
end = 2011-03-31
board = "Outcomes Board"

[[tiers]]
id = "T1"
name = "Universal"

[[tiers]]
id = "T3"
name = "Specialist"

[[actions]]
id = "OUT-1"
tier = "T3"
title = "Commission more specialist capacity"
owner = "CAMHS commissioner"
status = "on-track"
due = 2010-03-31
evidence = []

[[measures]]
id = "OUT-M1"
title = "Children waiting over 18 weeks for specialist CAMHS"
unit = "children"
better = "lower"
frequency = "quarterly"
tier = "T3"
owner = "CAMHS commissioner"
baseline = { date = 2008-03-31, value = 240 }
target = { date = 2011-03-31, value = 0 }
tolerance = 20
source = "CAMHS quarterly return"
values = []

[[measures]]
id = "OUT-M2"
title = "Needs met at the universal | early intervention level"
unit = "%"
better = "higher"
frequency = "annual"
tier = "T1"
owner = "Strategic group"
target = { date = 2011-03-31, value = 96 }

[[measures.values]]
date = 2008-03-31
value = 85
note = "Baseline survey"
"""

# The quarterly returns of OUT-M1: (reading date, value, committed on, by).
RETURNS = [
    ("2008-06-30", "230", "2008-07-10", BOB),
    ("2008-09-30", "200", "2008-10-10", BOB),
    ("2008-12-31", "190", "2009-01-12", BOB),
    ("2009-03-31", "195", "2009-04-14", BOB),
    # 2009-06-30: recorded on a branch, below
    ("2009-09-30", "150", "2009-10-09", BOB),
    ("2009-12-31", "160", "2010-01-11", BOB),
    ("2010-03-31", "140", "2010-04-12", BOB),
]


def _who(person: dict, when: str) -> dict:
    return {
        **GIT_ENV,
        **person,
        "GIT_AUTHOR_DATE": f"{when}T10:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{when}T10:00:00+00:00",
        "ACTIONPLAN_NO_CACHE": "1",
    }


def build_outcomes(root: Path) -> Path:
    root.mkdir(parents=True)
    plans = root / "plans"
    plans.mkdir()
    plan = plans / "outcomes.toml"
    plan.write_text(OUTCOMES, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Outcome measures", date="2008-04-05T10:00:00+00:00", env=ALICE)
    run = Run()
    cwd = os.getcwd()
    os.chdir(root)
    try:

        def record(*args: str, when: str, who: dict) -> None:
            r = run("record", *args, "--commit", env=_who(who, when))
            assert r.exit_code == 0, r.output

        for day, value, when, who in RETURNS[:4]:
            record("OUT-M1", value, "--date", day, when=when, who=who)
        record("OUT-M2", "88", "--date", "2009-03-31", when="2009-04-20", who=CAROL)
        git(root, "tag", "-a", "board/2009-04-30", "-m", "Board", date="2009-04-30T12:00:00")
        # Carol records Q1 2009/10 on a branch; Alice merges it.
        git(root, "checkout", "-q", "-b", "returns")
        record(
            "OUT-M1",
            "170",
            "--date",
            "2009-06-30",
            "--note",
            "Q1 return",
            when="2009-07-08",
            who=CAROL,
        )
        git(root, "checkout", "-q", "main")
        git(
            root,
            "merge",
            "-q",
            "--no-ff",
            "returns",
            "-m",
            "Merge returns",
            date="2009-07-15T10:00:00+00:00",
            env=ALICE,
        )
        # The board revises the target; the plan file is renamed.
        _edit(
            plan,
            "target = { date = 2011-03-31, value = 0 }",
            "target = { date = 2011-03-31, value = 20 }",
        )
        git(
            root,
            "commit",
            "-qam",
            "Revise the waiting target",
            date="2009-08-01T10:00:00+00:00",
            env=ALICE,
        )
        git(root, "mv", "plans/outcomes.toml", "plans/outcomes-2008.toml")
        git(
            root,
            "commit",
            "-qm",
            "Rename the plan file",
            date="2009-09-01T10:00:00+00:00",
            env=ALICE,
        )
        for day, value, when, who in RETURNS[4:5]:
            record("OUT-M1", value, "--date", day, when=when, who=who)
        record(
            "OUT-M1",
            "155",
            "--date",
            "2009-09-30",
            "--replace",
            "-m",
            "Corrected Q2 return",
            when="2009-10-12",
            who=BOB,
        )
        for day, value, when, who in RETURNS[5:]:
            record("OUT-M1", value, "--date", day, when=when, who=who)
        record("OUT-M2", "90", "--date", "2010-03-31", when="2010-04-15", who=CAROL)
    finally:
        os.chdir(cwd)
    return root  # fmt: skip


@pytest.fixture(scope="module")
def outcomes_master(tmp_path_factory) -> Path:
    return build_outcomes(tmp_path_factory.mktemp("outcomes") / "repo")


@pytest.fixture
def outcomes(outcomes_master, tmp_path, monkeypatch) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(outcomes_master, repo, symlinks=True)
    monkeypatch.chdir(repo)
    return repo


def measures_at(run, as_of: str) -> dict[str, dict]:
    r = run("measures", "--as-of", as_of, "-f", "json")
    assert r.exit_code == 0, r.output
    return {m["id"]: m for m in json.loads(r.stdout)["measures"]}


def test_eight_quarters_of_readings(outcomes, run):
    m1 = measures_at(run, "2010-04-30")["OUT-M1"]
    assert [(v["date"], v["value"]) for v in m1["values"]] == [
        ("2008-06-30", 230),
        ("2008-09-30", 200),
        ("2008-12-31", 190),
        ("2009-03-31", 195),
        ("2009-06-30", 170),
        ("2009-09-30", 155),
        ("2009-12-31", 160),
        ("2010-03-31", 140),
    ]
    assert m1["target"] == {"date": "2011-03-31", "value": 20}
    assert run("check").exit_code == 0


@pytest.mark.parametrize(
    ("as_of", "latest", "expected", "rag", "trend", "late"),
    [
        # The line runs from 240 on 2008-03-31 to 20 on 2011-03-31 (1,095 days); the
        # tolerance is 20.
        ("2008-06-29", None, None, "grey", None, False),  # the baseline covers Jan-Mar
        ("2008-07-31", 230, 221.7169, "amber", None, False),  # 8.28 worse than expected
        ("2008-10-31", 200, 203.2329, "green", "improving", False),
        ("2009-02-15", 190, 184.7489, "amber", "improving", False),
        ("2009-05-01", 195, 166.6667, "red", "worsening", False),  # 28.33 worse
        ("2009-08-01", 170, 148.3836, "red", "improving", False),  # 21.62 worse
        ("2010-01-30", 160, 111.4155, "red", "worsening", False),
        ("2010-07-30", 140, 93.3333, "red", "improving", False),  # Apr-Jun not due yet
        ("2010-07-31", 140, 93.3333, "red", "improving", True),  # now it is: late
    ],
)
def test_rag_trend_and_lateness_over_time(outcomes, run, as_of, latest, expected, rag, trend, late):
    m1 = measures_at(run, as_of)["OUT-M1"]
    assert (m1["latest"] or {}).get("value") == latest
    assert (m1["rag"], m1["trend"], m1["late"]) == (rag, trend, late)
    if expected is not None:
        assert m1["expected"] == expected


def measure_events(run, *args):
    r = run("history", *args, "--format", "json")
    assert r.exit_code == 0, r.output
    return [e for e in json.loads(r.stdout)["events"] if e["kind"] == "measure"]


def test_history_of_a_measure(outcomes, run):
    events = measure_events(run, "OUT-M1")
    brief = [(e["field"], e["author"], e["date"][:10]) for e in events]
    assert brief[0] == ("added", "Alice Lead", "2008-04-05")
    values = [e for e in events if e["field"] == "value"]
    assert [(e["old"], e["new"]["date"], e["new"]["value"]) for e in values] == [
        (None, "2008-06-30", 230),
        (None, "2008-09-30", 200),
        (None, "2008-12-31", 190),
        (None, "2009-03-31", 195),
        (None, "2009-06-30", 170),
        (None, "2009-09-30", 150),
        ({"date": "2009-09-30", "value": 150, "note": None}, "2009-09-30", 155),
        (None, "2009-12-31", 160),
        (None, "2010-03-31", 140),
    ]
    assert values[4]["new"] == {"date": "2009-06-30", "value": 170, "note": "Q1 return"}
    # Merged from a branch: credited to Carol's commit on it, once, not to the merge.
    merged = values[4]
    assert (merged["author"], merged["message"]) == (
        "Carol Comms",
        "OUT-M1: reading 2009-06-30: 170",
    )
    assert values[6]["message"] == "Corrected Q2 return"
    target = [e for e in events if e["field"] == "target"]
    assert [(e["old"], e["new"], e["author"]) for e in target] == [
        (
            {"date": "2011-03-31", "value": 0},
            {"date": "2011-03-31", "value": 20},
            "Alice Lead",
        )
    ]
    # Made while the file was outcomes.toml: listed under the plan that holds it now.
    assert {e["plan"] for e in events} == {"outcomes-2008"}
    assert all(e["action"] == "OUT-M1" for e in events)
    # Ids match case-insensitively, as for actions.
    assert measure_events(run, "out-m1") == events


def test_measure_history_in_a_period_and_in_the_table(outcomes, run):
    since = measure_events(run, "--since", "board/2009-04-30", "--until", "2009-12-31")
    assert [(e["action"], e["field"], (e["new"] or {}).get("value")) for e in since] == [
        ("OUT-M1", "value", 170),
        ("OUT-M1", "target", 20),
        ("OUT-M1", "value", 150),
        ("OUT-M1", "value", 155),
    ]
    r = run("history", "OUT-M1")
    assert "target: 0 by 2011-03-31 → 20 by 2011-03-31" in r.stdout
    assert "reading 2009-09-30: 150 → 155" in r.stdout
    assert "reading added: 2009-06-30: 170 (Q1 return)" in r.stdout
    # An action's history has no measure events, and the other way round.
    assert {
        e["kind"] for e in json.loads(run("history", "OUT-1", "-f", "json").stdout)["events"]
    } == {"action"}


def test_sub_table_readings_are_tracked_too(outcomes, run):
    events = measure_events(run, "OUT-M2")
    assert [(e["field"], e["new"] if e["field"] != "added" else None) for e in events] == [
        ("added", None),
        ("value", {"date": "2009-03-31", "value": 88, "note": None}),
        ("value", {"date": "2010-03-31", "value": 90, "note": None}),
    ]


# --- the board paper -------------------------------------------------------------------

PAPER = {"ACTIONPLAN_NOW": "2010-05-01T09:00:00+00:00"}


def test_the_outcome_measures_section(outcomes, run):
    from tests.test_report import snapshot

    doc = json.loads(run("report", "--as-of", "2010-05-01", "-f", "json", env=PAPER).stdout)
    rows, totals = doc["measures"], doc["measure_totals"]
    assert [m["id"] for m in rows] == ["OUT-M1", "OUT-M2"]
    assert totals["counts"] == {"green": 0, "amber": 0, "red": 2, "grey": 0}
    assert totals["trends"] == {"improving": 2, "worsening": 0, "no change": 0, "none": 0}
    assert (totals["direction"], totals["late"], totals["total"]) == ("improving", 0, 2)
    m1 = rows[0]
    assert m1["chart"]["points"][-1] == {
        "date": "2010-03-31",
        "value": 140,
        "note": None,
        "expected": 93.3333,
    }
    assert "xychart-beta" in m1["chart"]["mermaid"]
    assert "line [230, 200, 190, 195, 170, 155, 160, 140]" in m1["chart"]["mermaid"]
    # The period (since the board tag) holds the readings and the target change since.
    assert [(c["field"], c["author"], c["date"]) for c in m1["changes"]] == [
        ("value", "Carol Comms", "2009-07-08"),
        ("target", "Alice Lead", "2009-08-01"),
        ("value", "Bob Tiertwo", "2009-10-09"),
        ("value", "Bob Tiertwo", "2009-10-12"),
        ("value", "Bob Tiertwo", "2010-01-11"),
        ("value", "Bob Tiertwo", "2010-04-12"),
    ]
    assert m1["changes"][3]["old"] == {"date": "2009-09-30", "value": 150, "note": None}
    assert [c["new"]["value"] for c in rows[1]["changes"]] == [90]
    # A measure's events are not the actions' changes.
    assert all(e["action"] == "OUT-1" for group in doc["changes"].values() for e in group)
    md = run("report", "--as-of", "2010-05-01", env=PAPER).stdout
    assert "## 4. Outcome measures" in md
    assert "**Outcome measures:** direction of travel ↑ improving" in md
    snapshot("outcomes-report.md", md)
    html = run("report", "--as-of", "2010-05-01", "-f", "html", env=PAPER).stdout
    assert "<script" not in html
    assert html.count("<svg") == 3  # the status chart, and one for each measure
    snapshot("outcomes-report.html", html)


def test_late_readings_in_the_paper(outcomes, run):
    doc = json.loads(run("report", "--as-of", "2010-08-01", "-f", "json", env=PAPER).stdout)
    m1 = doc["measures"][0]
    assert (m1["late"], m1["due_period"]["label"]) == (True, "Q1 2010/11")
    md = run("report", "--as-of", "2010-08-01", env=PAPER).stdout
    assert "| late: Q1 2010/11 |" in md and "1 with a late reading" in md


def test_user_text_cannot_break_the_chart_or_the_tables(outcomes, run):
    plan = outcomes / "plans" / "outcomes-2008.toml"
    _edit(
        plan,
        'title = "Children waiting over 18 weeks for specialist CAMHS"',
        'title = "Waiting \\"18\\" weeks\\n```\\n%%{init}%% | <b>x</b> ]"',
    )
    _edit(plan, 'unit = "children"', 'unit = "kids\\"]"')
    git(outcomes, "commit", "-qam", "Awkward", date="2010-04-20T10:00:00+00:00")
    md = run("report", "--as-of", "2010-05-01", env=PAPER).stdout
    start = md.index("```mermaid", md.index("### OUT-M1"))
    chart = md[start : md.index("```", start + 3) + 3]
    assert chart.count("```") == 2  # the fence is not closed early
    assert 'title "OUT-M1 Waiting 18 weeks % init % b x /b"' in chart
    assert 'y-axis "kids" 0 --> 240' in chart
    row = next(line for line in md.splitlines() if line.startswith("| **OUT-M1**"))
    assert row.count(" | ") == 7 and "<b>" not in row
    html = run("report", "--as-of", "2010-05-01", "-f", "html", env=PAPER).stdout
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_a_paper_without_measures_has_no_measures_section(story, run):
    md = run("report").stdout
    assert "Outcome measures" not in md
    doc = json.loads(run("report", "-f", "json").stdout)
    assert doc["measures"] == [] and doc["measure_totals"]["direction"] == "not known"


def test_the_word_paper_has_the_outcome_measures_too(outcomes, run):
    from tests.test_paper import cells, fill, open_docx

    r = run("report", "--as-of", "2010-05-01", "--format", "docx", "-o", "paper.docx", env=PAPER)
    assert r.exit_code == 0, r.output
    doc = open_docx((outcomes / "paper.docx").read_bytes())
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "4. Outcome measures" in headings
    assert "OUT-M1 Children waiting over 18 weeks for specialist CAMHS" in headings
    table = next(t for t in doc.tables if cells(t)[0][:2] == ["Measure", "Plan"])
    assert cells(table)[1][2:] == [
        "140 (2010-03-31)",
        "93.33",
        "20 by 2011-03-31",
        "red",
        "improving",
        "—",
    ]
    assert fill(table.rows[1].cells[5]) == "C62828"  # red
    readings = next(t for t in doc.tables if cells(t)[0][:2] == ["Date", "Reading (children)"])
    assert len(readings.rows) == 9  # a header and eight quarters
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Outcome measures: direction of travel improving" in text
    assert "reading 2009-09-30: 150 → 155 — Bob Tiertwo, 2009-10-12" in text
