"""`measures` and `record` end to end, on real plan files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MEASURED

AS_OF = "2009-06-30"


@pytest.fixture
def measured(workdir) -> Path:
    """workdir with plans/measured.toml beside the sample plans."""
    path = workdir / "plans" / "measured.toml"
    path.write_text(MEASURED, encoding="utf-8")
    return path


def doc(run, *args):
    r = run("measures", *args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_measures_json(measured, run):
    got = doc(run, "--as-of", AS_OF)
    assert got["as_of"] == AS_OF
    assert [m["id"] for m in got["measures"]] == ["MEA-M1", "MEA-M2", "MEA-M3"]
    m1, m2, m3 = got["measures"]
    assert set(m1) >= {
        "id",
        "plan",
        "title",
        "unit",
        "better",
        "frequency",
        "latest",
        "expected",
        "target",
        "baseline",
        "rag",
        "trend",
        "late",
        "values",
    }
    assert m1["latest"] == {"date": "2008-09-30", "value": 200, "note": None}
    # 240 on 2008-03-31 to 0 on 2011-03-31: 183 of 1,095 days along, 199.89 expected.
    assert m1["expected"] == 199.8904 and m1["expected_at"] == "2008-09-30"
    assert (m1["rag"], m1["trend"], m1["late"]) == ("amber", "improving", True)
    assert m1["due_period"]["label"] == "Q4 2008/09"
    assert m1["values"][0] == {"date": "2008-06-30", "value": 230, "note": "Q1 return"}
    # Readings written as [[measures.values]] sub-tables read the same.
    assert m2["values"] == [{"date": "2009-03-31", "value": 88.5, "note": "Annual survey"}]
    assert (m2["rag"], m2["trend"], m2["late"]) == ("red", None, False)
    assert (m3["target"], m3["rag"], m3["expected"]) == (None, "grey", None)


def test_filters(measured, run):
    ids = lambda *a: [m["id"] for m in doc(run, "--as-of", AS_OF, *a)["measures"]]  # noqa: E731
    assert ids("--tier", "T3") == ["MEA-M1"]
    assert ids("--tier", "t1") == ["MEA-M2"]
    assert ids("--owner", "commissioner") == ["MEA-M1"]
    assert ids("--rag", "grey") == ["MEA-M3"]
    assert ids("--rag", "red") == ["MEA-M2"]
    assert ids("--late") == ["MEA-M1"]
    assert ids("measured", "--late", "--rag", "amber") == ["MEA-M1"]
    assert ids("sample") == []


def test_bad_filters_exit_2(measured, run):
    r = run("measures", "--rag", "gren")
    assert r.exit_code == 2
    assert r.stderr == (
        "error: unknown RAG 'gren' (did you mean 'green'?); valid: green, amber, red, grey\n"
    )
    r = run("measures", "--tier", "T9")
    assert r.exit_code == 2 and "no tier 'T9'" in r.stderr
    r = run("measures", "nope")
    assert r.exit_code == 2 and "no plan 'nope'" in r.stderr
    assert run("measures", "--as-of", "30/06/2009").exit_code == 2


def test_table(measured, run):
    r = run("measures", "measured", "--as-of", AS_OF)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split() == [
        "ID",
        "Title",
        "Unit",
        "Baseline",
        "Latest",
        "Expected",
        "Target",
        "RAG",
        "Trend",
        "Late",
    ]
    row = next(line for line in lines if line.startswith("MEA-M1"))
    assert "240 (2008-03-31)  200 (2008-09-30)" in row and "199.89" in row
    assert "0 (by 2011-03-31)" in row and "amber" in row
    assert "improving" in row and "late: Q4 2008/09" in row
    m3 = next(line for line in lines if line.startswith("MEA-M3"))
    assert m3.split()[-4:] == ["none", "yet", "none", "grey"] and "10 (2008-04-01)" in m3
    assert "▁" not in r.stdout  # no sparkline when piped


def test_a_plan_without_measures_and_one_without_actions(workdir, run):
    r = run("measures")
    assert r.exit_code == 0 and r.stdout == "" and "no matching measures" in r.stderr
    only = MEASURED[: MEASURED.index("[[actions]]")] + MEASURED[MEASURED.index("[[measures]]") :]
    (workdir / "plans" / "measured.toml").write_text(only)
    assert [m["id"] for m in doc(run)["measures"]] == ["MEA-M1", "MEA-M2", "MEA-M3"]
    assert run("status", "measured").exit_code == 0


def test_a_broken_measure_stops_the_command_with_its_position(measured, run):
    measured.write_text(MEASURED.replace("2008-09-30", "2008-03-30"))
    r = run("measures")
    assert r.exit_code == 2
    assert r.stderr.startswith("error: plans/measured.toml:38:5: measure MEA-M1: reading #2")
    assert "actionplan check" in r.stderr


def test_sparkline_on_a_terminal(measured):
    from tests.test_cli_read import on_terminal

    out = on_terminal(
        ["measures", "measured", "--as-of", AS_OF], measured.parent.parent, {"NO_COLOR": "1"}
    ).decode()
    assert "█▁" in out  # 230 then 200: high, then low
    assert "Readings" in out


def test_sparkline():
    from actionplan.views import sparkline

    assert sparkline([]) == ""
    assert sparkline([5, 5]) == "▄▄"
    assert sparkline([0, 7, 3.5, 14]) == "▁▅▃█"
