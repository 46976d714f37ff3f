"""Finding the plans directory, reading files, the plan cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from actionplan.errors import PlanError
from actionplan.load import load_plans
from actionplan.planfiles import find_source, scan_positions
from tests.conftest import SAMPLE, git


def test_plans_option_beats_env_beats_cwd(workdir, tmp_path, monkeypatch):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "x.toml").write_text(SAMPLE)
    assert find_source(None) == workdir / "plans"
    monkeypatch.setenv("ACTIONPLAN_PLANS", str(other))
    assert find_source(None) == other
    assert find_source(str(workdir / "plans" / "sample.toml")).name == "sample.toml"


def test_git_root_plans_found_from_a_subdirectory(workdir, monkeypatch):
    git(workdir, "init", "-q")
    sub = workdir / "docs" / "deep"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert find_source(None).resolve() == (workdir / "plans").resolve()


def test_no_plans_anywhere(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    r = run("status")
    assert r.exit_code == 2
    assert "no plans directory found" in r.stderr
    r = run("status", "--plans", "missing")
    assert r.exit_code == 2 and "no such file or directory: missing" in r.stderr
    (tmp_path / "empty").mkdir()
    r = run("list", "--plans", "empty")
    assert r.exit_code == 2 and "no plan files" in r.stderr


def test_single_file_and_env(workdir, run):
    r = run("list", "-f", "json", "--plans", "plans/other.toml")
    assert [a["id"] for a in json.loads(r.stdout)["actions"]] == ["OTH-1"]
    r = run("list", "-f", "json", env={"ACTIONPLAN_PLANS": "plans/sample.toml"})
    assert len(json.loads(r.stdout)["actions"]) == 4


def test_bom_and_crlf_are_read(workdir, run):
    p = workdir / "plans" / "sample.toml"
    p.write_bytes(b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode())
    r = run("show", "SAM-T1-02", "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["line"] == 28


def test_not_utf8(workdir, run):
    (workdir / "plans" / "sample.toml").write_bytes(b'title = "caf\xe9"\n')
    r = run("status")
    assert r.exit_code == 2 and r.stderr.startswith("error: plans/sample.toml:1:1: not UTF-8")


def test_unreadable_file(workdir, run):
    (workdir / "plans" / "ghost.toml").symlink_to(workdir / "nowhere.toml")
    r = run("status")
    assert r.exit_code == 2
    assert r.stderr.startswith("error: plans/ghost.toml: cannot read: No such file or directory")


def test_positions_skip_multiline_strings():
    text = 'title = """\n[[actions]]\nid = 1\n"""\n\n[[actions]]\nid = "A"\n\n[[actions]]\n  id = "B"\n'
    pos = scan_positions(text)
    assert [a["id"] for a in pos.actions] == [(7, 1), (10, 3)]


def test_cache_sees_every_edit(workdir):
    first = load_plans(None)
    assert load_plans(None) == first  # served from the cache
    p = workdir / "plans" / "sample.toml"
    p.write_text(p.read_text().replace("Train Tier 1 staff", "Train more staff"))
    titles = [a.title for plan in load_plans(None) for a in plan.actions]
    assert "Train more staff" in titles
    p.write_text(p.read_text().replace('status = "on-track"', 'status = "nonsense"'))
    with pytest.raises(PlanError):
        load_plans(None)


def test_cache_survives_a_corrupt_or_unwritable_store(workdir, monkeypatch, tmp_path):
    load_plans(None)
    store = Path(os.environ["XDG_CACHE_HOME"]) / "actionplan"
    for f in store.iterdir():
        f.write_bytes(b"not a pickle")
    assert len(load_plans(None)) == 2
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/no-such-place")
    assert len(load_plans(None)) == 2
    monkeypatch.setenv("ACTIONPLAN_NO_CACHE", "1")
    assert len(load_plans(None)) == 2


def test_update_leaves_a_fresh_cache_entry(workdir, run):
    from actionplan import cache
    from actionplan.load import build_valid, read_files_at
    from actionplan.planfiles import plan_paths

    load_plans(None)
    assert run("update", "SAM-T1-01", "--status", "complete", "--evidence", "Done").exit_code == 0
    paths = plan_paths(workdir / "plans")
    cached = cache.get(cache.fingerprint(paths))
    assert cached is not None
    assert cached == build_valid(read_files_at(paths))
    # Any other change since the plans were loaded makes the writer skip the refresh.
    key = cache.fingerprint(paths)
    (workdir / "plans" / "other.toml").write_text(
        (workdir / "plans" / "other.toml").read_text() + "\n"
    )
    cache.refresh(key, workdir / "plans" / "sample.toml", cached)
    assert cache.get(cache.fingerprint(paths)) is None


def test_positions_inside_inline_readings_and_targets():
    text = (
        'title = "T"\n'
        "[[measures]]\n"
        'id = "M"\n'
        "target = { date = 2011-03-31, value = 0 }\n"
        'values = [{ date = 2009-01-01, value = 1, note = "a } { = b, c = [" }, '
        "{date=2009-02-01,value=2}, # a comment { x = 1 }\n"
        '  { note = """\n} = {""", date = 2009-03-01 },\n'
        "]\n"
        "[[measures]]\n"
        'id = "N"\n'
        "[[measures.values]]\n"
        "date = 2009-01-01\n"
        "  value = 3\n"
    )
    pos = scan_positions(text)
    assert pos.of_measure(0, "values") == (5, 1)
    assert pos.of_reading(0, 0) == (5, 11) and pos.of_reading(0, 0, "value") == (5, 32)
    second = text.splitlines()[4].index("{date") + 1
    assert pos.of_reading(0, 1) == (5, second)
    assert pos.of_reading(0, 1, "value") == (5, second + 17)
    assert pos.of_reading(0, 2, "date") == (7, 11)
    assert pos.of_reading(0, 9) == (5, 1)  # no such reading: the array
    assert pos.of_point(0, "target", "value") == (4, 31)
    assert pos.of_point(0, "baseline") == (2, 1)  # none written: the measure
    assert pos.of_reading(1, 0) == (11, 1) and pos.of_reading(1, 0, "value") == (13, 3)


def test_table_blocks_found_fast_equal_those_found_line_by_line():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from actionplan.planfiles import _table_blocks_by_line, _table_blocks_fast
    from tests.test_edit_properties import measure_plans, plans

    @settings(max_examples=200, deadline=None)
    @given(plan=st.one_of(plans(), measure_plans()), crlf=st.booleans(), extra=st.booleans())
    def agree(plan, crlf, extra):
        text = plan[0] + ("\n  [ [ other ] ]  # x\nk = 1\n" if extra else "")
        if crlf:
            text = text.replace("\n", "\r\n")
        for name in ("actions", "measures", "measures.values", "tiers"):
            assert _table_blocks_fast(text, name) == _table_blocks_by_line(text, name), name

    agree()
