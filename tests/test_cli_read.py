"""status, list, show, overdue and schema end to end through the CLI."""

from __future__ import annotations

import json

import pytest

from tests.conftest import actionplan, on_terminal

AS_OF = "2009-10-01"


def test_status_table_lists_tiers_counts_and_exceptions(workdir, run):
    r = run("status", "sample", "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Sample Strategy" in out
    assert "T1 Universal Services" in out and "T2 Targeted Services" in out
    assert "Exceptions (2)" in out
    # Off-track first, then at-risk; complete and on-track are not exceptions.
    assert out.index("SAM-T1-02") < out.index("SAM-T2-01")
    assert "SAM-T2-02" not in out.split("Exceptions")[1]
    assert "\x1b[" not in out  # not a terminal: no colour


def test_status_json_shape(workdir, run):
    r = run("status", "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["as_of"] == AS_OF
    assert [p["id"] for p in doc["plans"]] == ["other", "sample"]
    sample = doc["plans"][1]
    assert {"id", "title", "counts", "overdue", "tiers"} <= set(sample)
    assert sample["counts"] == {
        "not-started": 0,
        "on-track": 1,
        "at-risk": 1,
        "off-track": 1,
        "complete": 1,
        "cancelled": 0,
    }
    assert sample["overdue"] == 1
    assert sample["percent_complete"] == 25.0
    t1 = sample["tiers"][0]
    assert {"id", "name", "counts", "overdue"} <= set(t1)
    assert t1["id"] == "T1" and t1["overdue"] == 1
    assert [a["id"] for a in sample["exceptions"]] == ["SAM-T1-02", "SAM-T2-01"]


def test_status_filters(workdir, run):
    doc = json.loads(run("status", "sample", "--tier", "T2", "-f", "json", "--as-of", AS_OF).stdout)
    assert [t["id"] for t in doc["plans"][0]["tiers"]] == ["T2"]
    assert doc["plans"][0]["total"] == 2
    doc = json.loads(run("status", "--owner", "finance", "-f", "json", "--as-of", AS_OF).stdout)
    assert sum(p["total"] for p in doc["plans"]) == 1
    doc = json.loads(run("status", "--status", "at-risk", "-f", "json", "--as-of", AS_OF).stdout)
    assert sum(p["total"] for p in doc["plans"]) == 1


def test_json_is_identical_whatever_the_terminal_width(workdir, run):
    narrow = run("list", "-f", "json", "--as-of", AS_OF, env={"COLUMNS": "40"}).stdout
    wide = run("list", "-f", "json", "--as-of", AS_OF, env={"COLUMNS": "300"}).stdout
    assert narrow == wide
    piped = actionplan("list", "-f", "json", "--as-of", AS_OF, cwd=workdir, env={"COLUMNS": "20"})
    assert piped.stdout == wide


def test_list_json_action_keys(workdir, run):
    r = run("list", "--as-of", AS_OF, "-f", "json")
    doc = json.loads(r.stdout)
    assert doc["as_of"] == AS_OF
    a = next(a for a in doc["actions"] if a["id"] == "SAM-T1-01")
    for key in ("id", "plan", "tier", "title", "owner", "status", "due", "overdue", "evidence"):
        assert key in a
    assert a["plan"] == "sample" and a["due"] == "2010-03-31" and a["overdue"] is False
    assert a["evidence"] == [
        {
            "date": "2009-01-15",
            "text": "Training delivered to 120 staff",
            "link": "https://example.org/x",
            "by": None,
        }
    ]


def test_version_2_action_keys_are_read_and_shown_in_json(workdir, run):
    """every, mitigation and decision (and aligns) are optional keys; a plan without them
    reads as before, with empty values."""
    plan = workdir / "plans" / "sample.toml"
    plan.write_text(
        plan.read_text().replace(
            'status = "off-track"\n',
            'status = "off-track"\nevery = "quarter"\nmitigation = "Interim leaflet"\n'
            'decision = "Approve the reprint"\n',
        )
    )
    doc = json.loads(run("list", "--as-of", AS_OF, "-f", "json").stdout)
    a = {a["id"]: a for a in doc["actions"]}
    assert a["SAM-T1-02"]["every"] == "quarter"
    assert a["SAM-T1-02"]["mitigation"] == "Interim leaflet"
    assert a["SAM-T1-02"]["decision"] == "Approve the reprint"
    assert (a["SAM-T1-01"]["every"], a["SAM-T1-01"]["aligns"]) == (None, [])


def test_list_filters_and_overdue(workdir, run):
    ids = lambda r: [a["id"] for a in json.loads(r.stdout)["actions"]]  # noqa: E731
    assert ids(run("list", "--overdue", "-f", "json", "--as-of", AS_OF)) == ["OTH-1", "SAM-T1-02"]
    assert ids(run("list", "sample", "--tier", "t1", "-f", "json")) == ["SAM-T1-01", "SAM-T1-02"]
    assert ids(run("list", "--status", "complete", "-f", "json")) == ["SAM-T2-02"]
    r = run("list", "--status", "done")
    assert r.exit_code == 2
    assert "unknown status 'done'" in r.stderr and "valid: not-started" in r.stderr
    r = run("list", "--tier", "T9")
    assert r.exit_code == 2 and "no tier 'T9'" in r.stderr


def test_list_table_is_not_wrapped_when_piped(workdir, run):
    long_title = "A very long title " * 10
    p = workdir / "plans" / "sample.toml"
    p.write_text(p.read_text().replace("Train Tier 1 staff", long_title.strip()))
    r = actionplan("list", "sample", cwd=workdir, env={"COLUMNS": "80"})
    line = next(line for line in r.stdout.splitlines() if "SAM-T1-01" in line)
    assert long_title.strip() in line and len(line) > 200


def test_show_action_in_full(workdir, run):
    r = run("show", "SAM-T2-01", "--as-of", AS_OF)
    assert r.exit_code == 0
    assert "SAM-T2-01  Clarify the role of primary mental health workers" in r.stdout
    assert "depends on  SAM-T1-01" in r.stdout
    assert "plans/sample.toml:" in r.stdout
    doc = json.loads(run("show", "SAM-T1-01", "-f", "json").stdout)
    assert doc["id"] == "SAM-T1-01" and doc["evidence"][0]["text"].startswith("Training")


def test_show_unknown_id_suggests(workdir, run):
    r = run("show", "SAM-T1-03")
    assert r.exit_code == 2
    assert r.stderr.strip().startswith("error: no action 'SAM-T1-03' (did you mean 'SAM-T1-0")
    assert r.stdout == ""


def test_show_is_case_insensitive(workdir, run):
    assert run("show", "sam-t1-01").exit_code == 0


def test_overdue_exit_codes(workdir, run):
    r = run("overdue", "--as-of", "2009-07-01")
    assert r.exit_code == 1
    assert "SAM-T1-02" in r.stdout and "OTH-1" in r.stdout
    # Oldest first.
    assert r.stdout.index("OTH-1") < r.stdout.index("SAM-T1-02")
    r = run("overdue", "sample", "--as-of", "2009-06-30")
    assert r.exit_code == 0
    assert "nothing overdue" in r.stderr


def test_overdue_within_lists_what_falls_due_soon(workdir, run):
    r = run("overdue", "sample", "--as-of", "2009-06-01", "--within", "30", "-f", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["actions"] == []
    assert [a["id"] for a in doc["due_soon"]] == ["SAM-T1-02"]
    # Complete actions are never due soon.
    doc = json.loads(run("overdue", "--as-of", "2009-03-01", "--within", "60", "-f", "json").stdout)
    assert "SAM-T2-02" not in [a["id"] for a in doc["due_soon"]]


def test_overdue_uses_actionplan_today(workdir, run):
    r = run("overdue", "sample", "-f", "json", env={"ACTIONPLAN_TODAY": "2009-07-01"})
    assert json.loads(r.stdout)["as_of"] == "2009-07-01"
    r = run("overdue", env={"ACTIONPLAN_TODAY": "yesterday"})
    assert r.exit_code == 2 and "ACTIONPLAN_TODAY" in r.stderr


def test_bad_dates_are_refused_with_the_accepted_form(workdir, run):
    for bad in ("31/12/2009", "20091231", "2009-02-30", "soon"):
        r = run("status", "--as-of", bad)
        assert r.exit_code == 2, bad
        assert r.stderr.startswith("error: bad --as-of date"), r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    assert "use YYYY-MM-DD" in run("status", "--as-of", "31/12/2009").stderr


@pytest.mark.parametrize("command", ["status", "list", "overdue", "chase", "measures", "report"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_dates_beyond_what_actionplan_handles_are_refused(workdir, run, command, day):
    """Date arithmetic near Python's limits (year 1 or 9999) would overflow: such a date
    is one exit-2 line, never an internal error."""
    r = run(command, "--as-of", day)
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        f"error: bad --as-of date '{day}': actionplan handles dates from 1900-01-01 to 2999-12-31\n"
    )


def test_a_huge_within_is_refused(workdir, run):
    r = run("overdue", "--within", "99999999999")
    assert r.exit_code == 2 and "not in the range 0<=x<=36500" in r.stderr


def test_unknown_plan_and_bad_option(workdir, run):
    r = run("status", "kentt")
    assert r.exit_code == 2 and "no plan 'kentt'" in r.stderr
    r = run("status", "--format", "xml")
    assert r.exit_code == 2
    assert r.stderr.startswith("error: invalid value for '--format'")
    assert "Traceback" not in r.stderr


def test_user_text_is_printed_literally(workdir, run):
    p = workdir / "plans" / "sample.toml"
    p.write_text(
        p.read_text().replace(
            'evidence = []\n\n[[actions]]\nid = "SAM-T2-01"',
            'evidence = [{ date = 2009-05-01, text = "[/red] closing [bold]tag \\u001b[31m" }]\n\n'
            '[[actions]]\nid = "SAM-T2-01"',
        )
    )
    r = run("status", "sample", "--as-of", AS_OF, env={"FORCE_COLOR": "1"})
    assert r.exit_code == 0, r.output
    assert "[/red] closing [bold]tag \\x1b[31m" in r.stdout
    assert "\x1b[31m2009" in r.stdout or "\x1b[1;31m" in r.stdout  # colour forced on


def test_no_color_wins_over_force_color(workdir, run):
    r = run("status", "--as-of", AS_OF, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in r.stdout


def test_github_actions_does_not_force_escape_codes(workdir):
    r = actionplan("status", "--as-of", AS_OF, cwd=workdir, env={"GITHUB_ACTIONS": "true"})
    assert r.returncode == 0 and "\x1b[" not in r.stdout + r.stderr
    r = actionplan("status", "--format", "nope", cwd=workdir, env={"GITHUB_ACTIONS": "true"})
    assert r.returncode == 2 and "\x1b[" not in r.stderr


def test_schema_is_json_schema(run):
    doc = json.loads(run("schema").stdout)
    assert doc["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert set(doc["required"]) == {"title", "organisation", "start", "end", "tiers"}
    action = doc["definitions"]["action"]
    assert action["properties"]["status"]["enum"] == [
        "not-started",
        "on-track",
        "at-risk",
        "off-track",
        "complete",
        "cancelled",
    ]
    assert set(action["required"]) == {"id", "tier", "title", "status"}


def test_version(run):
    from actionplan import __version__

    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"actionplan {__version__}"


def test_colour_on_a_terminal(workdir):
    """On a real terminal (a pty), statuses are coloured by RAG; NO_COLOR turns it off."""

    def on_tty(env: dict) -> bytes:
        return on_terminal(["status", "sample", "--as-of", AS_OF], workdir, env)

    coloured = on_tty({})
    assert b"\x1b[1;31moff-track" in coloured or b"\x1b[1;31m" in coloured
    assert b"\x1b[33mat-risk" in coloured
    assert b"\x1b[" not in on_tty({"NO_COLOR": "1"})


def test_tables_fit_a_narrow_terminal_without_breaking_words(tmp_path):
    """On a 100-column terminal long titles wrap within their column, at word breaks;
    rows are box-drawn (README: Terminal output)."""
    from pathlib import Path

    plans = Path(__file__).resolve().parent.parent / "plans"
    out = on_terminal(
        ["list", "kent", "--plans", str(plans), "--as-of", AS_OF], tmp_path, {"NO_COLOR": "1"}, 100
    )
    lines = out.decode().splitlines()
    assert max(len(line) for line in lines) <= 100
    assert any("Commissioning" in line for line in lines)  # a whole word, not "Com-missioning"
    assert sum(line.startswith("│ KEN-") for line in lines) == 7


def test_show_has_every_field_and_numbers_the_evidence(workdir, run):
    p = workdir / "plans" / "sample.toml"
    p.write_text(
        p.read_text().replace(
            'owner = "Workforce lead"\n',
            'owner = "Workforce lead"\nmitigation = "Agency trainer booked"\n'
            'decision = "Fund a second cohort"\naligns = ["P-1", "P-2"]\n',
            1,
        )
    )
    out = run("show", "SAM-T1-01", "--as-of", AS_OF).stdout
    assert "mitigation  Agency trainer booked\n" in out
    assert "decision    Fund a second cohort\n" in out
    assert "aligns      P-1, P-2\n" in out
    # Evidence numbered as update --remove-evidence takes it.
    assert "#  Date" in out and "\n1  2009-01-15  Training delivered to 120 staff" in out


def test_status_exceptions_show_mitigation_and_decision(workdir, run):
    p = workdir / "plans" / "sample.toml"
    p.write_text(
        p.read_text().replace(
            'status = "off-track"\n',
            'status = "off-track"\nmitigation = "Comms team seconded"\ndecision = "Approve spend"\n',
        )
    )
    out = run("status", "sample", "--as-of", AS_OF).stdout
    exceptions = out.split("Exceptions (2)")[1]
    header = exceptions.splitlines()[1]
    assert header.split()[-4:] == ["evidence", "Mitigation", "Decision", "sought"]
    row = next(line for line in exceptions.splitlines() if line.startswith("SAM-T1-02"))
    assert row.endswith("Comms team seconded  Approve spend")
    doc = json.loads(run("status", "sample", "-f", "json", "--as-of", AS_OF).stdout)
    first = doc["plans"][0]["exceptions"][0]
    assert (first["mitigation"], first["decision"]) == ("Comms team seconded", "Approve spend")


def test_piped_list_keeps_its_plan_column_whichever_plans_are_asked_for(workdir, run):
    one = run("list", "sample", "--as-of", AS_OF).stdout.splitlines()[0].split()
    every = run("list", "--as-of", AS_OF).stdout.splitlines()[0].split()
    assert one == every and one[:3] == ["ID", "Plan", "Tier"]
