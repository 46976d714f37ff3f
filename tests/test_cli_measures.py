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
        "Plan",  # piped, always there, whichever plans are asked for
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
    # Stacked to fit: the baseline under the latest reading, the target under expected.
    assert "Latest / baseline" in out and "from 240" in out and "target 0" in out
    assert max(len(line) for line in out.splitlines()) <= 200


def test_sparkline():
    from actionplan.views.measures import sparkline

    assert sparkline([]) == ""
    assert sparkline([5, 5]) == "▄▄"
    assert sparkline([0, 7, 3.5, 14]) == "▁▅▃█"


# --- record ----------------------------------------------------------------------------


def record(run, *args):
    r = run("record", *args)
    return r


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    from tests.test_edit import diff_lines

    return diff_lines(before, after)


def test_record_appends_one_line_to_a_multiline_array(measured, run):
    before = measured.read_text()
    r = run("record", "MEA-M1", "180", "--date", "2009-06-30", "--note", "Q1 return")
    assert r.exit_code == 0, r.output
    assert (
        r.stdout == "MEA-M1 (plans/measured.toml)\n  reading added: 2009-06-30: 180 (Q1 return)\n"
    )
    assert changed_lines(before, measured.read_text()) == (
        [],
        ['  { date = 2009-06-30, value = 180, note = "Q1 return" },'],
    )
    m1 = doc(run, "--as-of", "2009-07-01")["measures"][0]
    assert m1["latest"] == {"date": "2009-06-30", "value": 180, "note": "Q1 return"}


def test_record_in_date_order(measured, run):
    before = measured.read_text()
    assert run("record", "MEA-M1", "235", "--date", "2008-05-31").exit_code == 0
    assert run("record", "MEA-M1", "210.5", "--date", "2008-08-31").exit_code == 0
    after = measured.read_text()
    assert changed_lines(before, after)[0] == []
    assert (
        "values = [\n"
        "  { date = 2008-05-31, value = 235 },\n"
        '  { date = 2008-06-30, value = 230, note = "Q1 return" },\n'
        "  { date = 2008-08-31, value = 210.5 },\n"
        "  { date = 2008-09-30, value = 200 },\n"
        "]\n"
    ) in after
    assert run("check").exit_code == 0


def test_record_keeps_sub_tables_as_sub_tables(measured, run):
    before = measured.read_text()
    assert run("record", "MEA-M2", "91%", "--date", "2010-03-31").exit_code == 0
    assert run("record", "MEA-M2", "80", "--date", "2008-03-31").exit_code == 0
    after = measured.read_text()
    removed, added = changed_lines(before, after)
    assert removed == []
    tail = after[after.index("target = { date = 2011-03-31, value = 96 }\n") :]
    assert tail.startswith(
        "target = { date = 2011-03-31, value = 96 }\n"
        "\n[[measures.values]]\ndate = 2008-03-31\nvalue = 80\n"
        '\n[[measures.values]]\ndate = 2009-03-31\nvalue = 88.5\nnote = "Annual survey"\n'
        "\n[[measures.values]]\ndate = 2010-03-31\nvalue = 91\n"
        "\n[[measures]]\n"
    )


def test_first_reading_makes_a_multiline_array_after_the_last_key(measured, run):
    assert run("record", "MEA-M3", "9.5", "--date", "2009-04-01").exit_code == 0
    assert measured.read_text().endswith(
        "baseline = { date = 2008-04-01, value = 10 }\n"
        "values = [\n  { date = 2009-04-01, value = 9.5 },\n]\n"
    )
    measured.write_text(MEASURED.replace("value = 10 }\n", "value = 10 }\nvalues = []\n"))
    assert run("record", "MEA-M3", "9", "--date", "2009-04-01").exit_code == 0
    assert measured.read_text().endswith("values = [\n  { date = 2009-04-01, value = 9 },\n]\n")


def test_one_line_arrays_get_one_more_item(measured, run):
    measured.write_text(
        MEASURED.replace(
            "value = 10 }\n", "value = 10 }\nvalues = [{date = 2009-04-01, value = 9}]\n"
        )
    )
    assert run("record", "MEA-M3", "8", "--date", "2010-04-01").exit_code == 0
    assert run("record", "MEA-M3", "11", "--date", "2008-04-01").exit_code == 0
    assert (
        "values = [{date = 2008-04-01, value = 11}, {date = 2009-04-01, value = 9}, "
        "{date = 2010-04-01, value = 8}]\n"
    ) in measured.read_text()


def test_a_second_reading_on_a_date_is_refused_unless_replace(measured, run):
    before = measured.read_bytes()
    r = run("record", "MEA-M1", "199", "--date", "2008-09-30")
    assert r.exit_code == 2
    assert r.stderr == (
        "error: MEA-M1 already has a reading for 2008-09-30 (200); give --replace to replace it\n"
    )
    assert measured.read_bytes() == before
    r = run("record", "MEA-M1", "199", "--date", "2008-09-30", "--replace", "-f", "json")
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    assert got["changes"] == [
        {
            "field": "value",
            "old": {"date": "2008-09-30", "value": 200, "note": None},
            "new": {"date": "2008-09-30", "value": 199, "note": None},
        }
    ]
    assert changed_lines(before.decode(), measured.read_text()) == (
        ["  { date = 2008-09-30, value = 200 },"],
        ["  { date = 2008-09-30, value = 199 },"],
    )
    # The note is kept unless a new one is given; a sub-table reading is edited in place.
    r = run("record", "MEA-M1", "231", "--date", "2008-06-30", "--replace")
    assert "reading 2008-06-30: 230 → 231 (Q1 return)" in r.stdout
    r = run("record", "MEA-M2", "89", "--date", "2009-03-31", "--replace", "--note", "Revised")
    assert r.exit_code == 0
    assert 'date = 2009-03-31\nvalue = 89\nnote = "Revised"\n' in measured.read_text()
    # Replacing a reading with the same value changes nothing.
    before = measured.read_bytes()
    r = run("record", "MEA-M2", "89.0", "--date", "2009-03-31", "--replace")
    assert r.exit_code == 0 and "no change" in r.stderr
    assert measured.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["MEA-M1", "abc"], "error: bad value 'abc': give a number such as 42, -3.5 or 0.25"),
        (["MEA-M1", "12%"], "error: bad value '12%'"),  # the unit is children, not %
        (["MEA-M1", "1,200"], "error: bad value '1,200'"),
        (["MEA-M1", "1e3"], "error: bad value '1e3'"),
        (["MEA-M1", "nan"], "error: bad value 'nan'"),
        (["MEA-M1", "9" * 30], "error: bad value '9999"),
        (["MEA-M1", "1" + "0" * 400 + ".5"], "error: bad value '1000"),  # a float: inf
        (["MEA-M1", "1000000000000001"], "error: bad value '1000000000000001': at most"),
        (["MEA-M1", "9" * 5000], "error: bad value '9999"),  # beyond int()'s own limit
        (["MEA-M1", "5", "--date", "9999-12-31"], "error: bad --date '9999-12-31': actionplan"),
        (["MEA-M1", "5", "--date", "2009-13-01"], "error: bad --date '2009-13-01'"),
        (["MEA-M1", "5", "--note", " "], "error: --note cannot be empty"),
        (["MEA-M1x", "5"], "error: no measure 'MEA-M1x' (did you mean 'MEA-M1'?)"),
        (["MEA-1", "5"], "error: 'MEA-1' is an action, not a measure"),
    ],
)
def test_bad_record_input_exits_2_and_leaves_files_alone(measured, run, args, message):
    before = measured.read_bytes()
    r = run("record", *args)
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(message), r.stderr
    assert len(r.stderr.splitlines()) == 1
    assert measured.read_bytes() == before


def test_negative_and_percent_values(measured, run):
    assert run("record", "MEA-M1", "-3", "--date", "2009-06-30").exit_code == 0
    assert run("record", "MEA-M2", "95.5%", "--date", "2010-03-31").exit_code == 0
    got = {m["id"]: m for m in doc(run, "--as-of", "2010-06-30")["measures"]}
    assert got["MEA-M1"]["latest"]["value"] == -3
    assert got["MEA-M2"]["latest"]["value"] == 95.5


def test_record_date_defaults_to_the_as_of_date(measured, run):
    assert run("record", "MEA-M3", "9", "--as-of", "2009-05-05").exit_code == 0
    assert "{ date = 2009-05-05, value = 9 }" in measured.read_text()
    assert run("record", "MEA-M3", "8", env={"ACTIONPLAN_TODAY": "2010-05-05"}).exit_code == 0
    assert "{ date = 2010-05-05, value = 8 }" in measured.read_text()


def test_record_dry_run(measured, run):
    before = measured.read_bytes()
    r = run("record", "MEA-M1", "180", "--date", "2009-06-30", "--dry-run")
    assert r.exit_code == 0
    assert "+  { date = 2009-06-30, value = 180 }," in r.stdout
    assert "dry run" in r.stderr
    assert measured.read_bytes() == before


def test_record_commits_only_that_plan(measured, run):
    from tests.conftest import git

    root = measured.parent.parent
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Strategy Lead")
    git(root, "config", "user.email", "lead@example.org")
    git(root, "add", ".")
    git(root, "commit", "-qm", "init", date="2009-01-01T10:00:00")
    (root / "plans" / "sample.toml").write_text((root / "plans" / "sample.toml").read_text() + "\n")
    r = run("record", "MEA-M1", "180", "--date", "2009-06-30", "--commit")
    assert r.exit_code == 0, r.output
    log = git(root, "log", "-1", "--format=%s", "--name-only").split()
    assert log[0:4] == ["MEA-M1:", "reading", "2009-06-30:", "180"]
    assert log[-1] == "plans/measured.toml"
    assert git(root, "status", "--porcelain").strip() == "M plans/sample.toml"
    r = run("record", "MEA-M1", "175", "--date", "2009-06-30", "--replace", "--commit", "-m", "Fix")
    assert git(root, "log", "-1", "--format=%s").strip() == "Fix"
    r = run("record", "MEA-M1", "170", "--date", "2009-09-30", "--commit")
    assert "MEA-M1: reading 2009-09-30: 170" in git(root, "log", "-1", "--format=%s")
    r = run("record", "MEA-M1", "171", "--date", "2009-09-30", "--replace", "--commit")
    assert git(root, "log", "-1", "--format=%s").strip() == "MEA-M1: reading 2009-09-30: 170 → 171"


def test_failed_record_write_leaves_the_file_byte_identical(measured, monkeypatch):
    from datetime import date

    from actionplan.edit import write
    from actionplan.edit.record import ReadingInput, record_editor

    before = measured.read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write.apply(measured, "MEA-M1", record_editor("MEA-M1", ReadingInput(date(2009, 6, 30), 1)))
    assert measured.read_bytes() == before
    assert not [p for p in measured.parent.iterdir() if p.name.endswith(".tmp")]


def test_concurrent_records_all_land(measured):
    import subprocess
    import sys
    import tomllib

    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "actionplan", "record", "MEA-M1", str(100 + i)]
            + ["--date", f"2009-{i + 1:02d}-28"],
            cwd=measured.parent.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(6)
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    values = tomllib.loads(measured.read_text())["measures"][0]["values"]
    assert [v["value"] for v in values] == [230, 200, 100, 101, 102, 103, 104, 105]


def test_record_on_a_plan_written_as_inline_tables(tmp_path, monkeypatch, run):
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (
        'title = "I"\norganisation = "O"\nstart = 2008-04-01\nend = 2011-03-31\n'
        'tiers = [{ id = "T1", name = "U" }]\n'
        "measures = [\n"
        '  { id = "I-M1", title = "A", unit = "%", better = "higher", frequency = "annual" },\n'
        '  { id = "I-M2", title = "B", unit = "%", better = "higher", frequency = "annual",'
        " values = [{ date = 2009-03-31, value = 5 }] },\n"
        "]\n"
    )
    (plans / "i.toml").write_text(text)
    monkeypatch.chdir(tmp_path)
    assert run("record", "I-M1", "4", "--date", "2009-03-31").exit_code == 0
    assert run("record", "I-M2", "6", "--date", "2010-03-31").exit_code == 0
    after = (plans / "i.toml").read_text()
    assert 'frequency = "annual", values = [{ date = 2009-03-31, value = 4 }] },\n' in after
    assert (
        "values = [{ date = 2009-03-31, value = 5 }, { date = 2010-03-31, value = 6 }] }" in after
    )


def test_an_action_cannot_take_a_measures_id(measured, run):
    before = measured.read_bytes()
    r = run("add", "measured", "--tier", "T1", "--title", "X", "--id", "MEA-M2")
    assert r.exit_code == 2 and "action id 'MEA-M2' is already taken" in r.stderr
    assert measured.read_bytes() == before


def test_a_measure_aligns_to_framework_principles_checked_like_an_action(fwdir, run):
    """A measure may name the principles it serves; an id no framework defines is E011,
    at the measure's aligns."""
    from tests.conftest import align

    path = fwdir / "plans" / "measured.toml"
    path.write_text(MEASURED, encoding="utf-8")
    align(fwdir, "MEA-M2", "SF-ACCESS", plan="measured")
    assert run("check").exit_code == 0
    align(fwdir, "MEA-M1", "SF-ACCES", plan="measured")
    r = run("check")
    assert r.exit_code == 1
    line = MEASURED[: MEASURED.index('id = "MEA-M1"')].count("\n") + 2
    assert r.stdout == (
        f"plans/measured.toml:{line}:1: error E011 measure MEA-M1: aligns 'SF-ACCES' is not "
        "a principle of any framework (did you mean 'SF-ACCESS'?)\n"
    )
    doc = json.loads(run("measures", "-f", "json").stdout)
    assert [m["aligns"] for m in doc["measures"]][:2] == [["SF-ACCES"], ["SF-ACCESS"]]


def test_a_measure_is_not_an_action(measured, run):
    before = measured.read_bytes()
    for args in (["show", "MEA-M1"], ["update", "mea-m1", "--status", "complete"]):
        r = run(*args)
        assert r.exit_code == 2
        assert r.stderr.startswith("error: 'MEA-M1' is a measure, not an action") or (
            r.stderr.startswith("error: 'mea-m1' is a measure, not an action")
        ), r.stderr
    assert measured.read_bytes() == before
