"""Input that would make a parser or a walk recurse without bound is a user error (E010, or
one exit-2 line), never an internal error: one test per parser and walk it reaches."""

from __future__ import annotations

import json

import pytest

from tests.conftest import git

AS_OF = "2009-10-01"
DEEP = 3000  # far past what tomllib can recurse through
TOO_DEEP = "value nested too deeply (more than 32 arrays or tables inside one another)"


def arrays(n: int) -> str:
    return "[" * n + "]" * n


def tables(n: int) -> str:
    return "{ a = " * n + "1" + " }" * n


def append(workdir, text: str, plan: str = "sample") -> bytes:
    p = workdir / "plans" / f"{plan}.toml"
    p.write_text(p.read_text() + text)
    return p.read_bytes()


def assert_one_line(r, starts: str) -> None:
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(starts), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "internal error" not in r.stderr


def test_arrays_too_deep_for_tomllib_are_e010_with_a_position(workdir, run):
    append(workdir, f"x = {arrays(DEEP)}\n")
    r = run("check")
    assert r.exit_code == 1, r.output
    # Line 55 of the sample plan; the 33rd bracket opens at column 5 + 32.
    assert f"plans/sample.toml:55:37: error E010 {TOO_DEEP}" in r.stdout
    assert_one_line(run("status", "--as-of", AS_OF), "error: plans/sample.toml:55:37: value nested")


def test_inline_tables_too_deep_for_tomllib_are_e010(workdir, run):
    append(workdir, f"x = {tables(DEEP)}\n")
    r = run("check")
    assert r.exit_code == 1
    assert "plans/sample.toml:55:" in r.stdout and "error E010" in r.stdout
    assert_one_line(run("list"), "error: plans/sample.toml:55:")


def test_values_tomllib_reads_but_check_refuses(workdir, run):
    """A value 100 levels deep parses, but is refused at its key, like any error."""
    p = workdir / "plans" / "sample.toml"
    p.write_text(p.read_text().replace('title = "Train Tier 1 staff"', f"notes = {arrays(100)}"))
    r = run("check")
    assert r.exit_code == 1
    line = next(x for x in r.stdout.splitlines() if "E010" in x)
    assert line.startswith("plans/sample.toml:20:1: error E010 action SAM-T1-01: 'notes': ")
    assert_one_line(run("overdue", "--as-of", AS_OF), "error: plans/sample.toml:")


def test_deep_tables_from_dotted_keys_do_not_recurse_the_checks(workdir, run):
    """Dotted keys build tables 2,000 deep without recursing tomllib; check's walk over
    every string (the personal-data warnings) must not recurse either."""
    p = workdir / "plans" / "other.toml"
    p.write_text("x." + ".".join(["a"] * 2000) + ' = "07700 900123"\n' + p.read_text())
    r = run("check")
    assert r.exit_code == 1 and "internal error" not in r.stderr
    assert f"plans/other.toml:1:1: error E010 plan: 'x': {TOO_DEEP}" in r.stdout
    assert "W006" in r.stdout  # the string at the bottom was still read
    p.write_text("[" + ".".join(["b"] * 2000) + "]\nc = 1\n" + p.read_text())
    r = run("check", "other")
    assert f"plans/other.toml:1:2: error E010 plan: 'b': {TOO_DEEP}" in r.stdout


def test_an_integer_of_thousands_of_digits_is_a_syntax_error(workdir, run):
    append(workdir, "x = 1" + "0" * 5000 + "\n")
    r = run("check")
    assert r.exit_code == 1
    assert "plans/sample.toml:55:5: error E001 exceeds the limit (4300 digits)" in r.stdout
    assert_one_line(run("status"), "error: plans/sample.toml:55:5: exceeds the limit")


def test_edits_refuse_a_plan_nested_too_deeply(workdir, run):
    """update and add read (and check) the plans before tomlkit, whose own limit is 100
    levels, sees them: exit 2, the file left byte-identical."""
    before = append(workdir, f"x = {arrays(60)}\n")
    for args in (
        ["update", "SAM-T1-01", "--status", "complete"],
        ["add", "sample", "--tier", "T1", "--title", "New"],
    ):
        r = run(*args)
        assert_one_line(r, "error: plans/sample.toml:55:1: ")
        assert TOO_DEEP in r.stderr
        assert (workdir / "plans" / "sample.toml").read_bytes() == before


@pytest.mark.parametrize("depth", [100, DEEP])
def test_history_takes_a_version_nested_too_deeply_as_broken(workdir, run, depth):
    """A commit whose plan nests too deeply (tomllib reads 100 levels, not 3,000) changes
    nothing in the history, as a commit that broke the TOML; JSON output stays whole."""
    git(workdir, "init", "-q", "-b", "main")
    git(workdir, "add", "-A")
    git(workdir, "commit", "-qm", "Plans", date="2009-01-10T10:00:00+00:00")
    p = workdir / "plans" / "sample.toml"
    good = p.read_text()
    p.write_text(good.replace('title = "Train Tier 1 staff"', f"title = {arrays(depth)}"))
    git(workdir, "commit", "-qam", "Deep title", date="2009-01-11T10:00:00+00:00")
    p.write_text(good.replace('status = "on-track"', 'status = "at-risk"'))
    git(workdir, "commit", "-qam", "At risk", date="2009-01-12T10:00:00+00:00")
    r = run("history", "-f", "json")
    assert r.exit_code == 0, r.output
    changes = [(e["action"], e["field"]) for e in json.loads(r.stdout)["events"]]
    assert ("SAM-T1-01", "title") not in changes
    assert changes[-1] == ("SAM-T1-01", "status")
    r = run("report", "-f", "json", "--as-of", AS_OF)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["changes"]["status"][0]["new"] == "at-risk"


def test_json_too_deep_to_encode_is_a_user_error():
    from actionplan.errors import PlanError
    from actionplan.views import json_text

    deep: list = []
    for _ in range(DEEP):
        deep = [deep]
    with pytest.raises(PlanError, match="nested too deeply"):
        json_text({"x": deep})


@pytest.mark.parametrize("depth", [60, DEEP])
def test_the_writer_refuses_a_plan_that_became_too_deep_after_it_was_checked(workdir, depth):
    """The writer reads the plan again under its lock; if it changed in between into one
    nested too deeply, nothing reaches tomlkit and nothing is written."""
    from actionplan.edit.requests import UpdateRequest, update_editor
    from actionplan.edit.write import apply
    from actionplan.errors import PlanError

    p = workdir / "plans" / "sample.toml"
    before = append(workdir, f"x = {arrays(depth)}\n")
    with pytest.raises(PlanError, match="nested too deeply"):
        apply(p, "SAM-T1-01", update_editor("SAM-T1-01", UpdateRequest.of({"status": "complete"})))
    assert p.read_bytes() == before
