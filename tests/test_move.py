"""move: an action's whole block to the end of a tier, in its plan or another; history
sees a tier (and plan) change; bad moves refused with the files byte-identical; moves and
updates running at once all land."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import OTHER, SAMPLE, git
from tests.test_edit import HAND_WRITTEN


def ids(path) -> list[tuple[str, str]]:
    return [(a["id"], a["tier"]) for a in tomllib.loads(path.read_text())["actions"]]


@pytest.fixture
def plans(workdir):
    return workdir / "plans"


@pytest.fixture
def repo(workdir):
    git(workdir, "init", "-q", "-b", "main")
    git(workdir, "config", "user.name", "Strategy Lead")
    git(workdir, "config", "user.email", "lead@example.org")
    git(workdir, "add", ".")
    git(workdir, "commit", "-qm", "Initial plans", date="2009-01-01T10:00:00+00:00")
    return workdir


@pytest.fixture
def hand(tmp_path, monkeypatch):
    d = tmp_path / "plans"
    d.mkdir()
    (d / "hand.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return d / "hand.toml"


def test_move_within_a_plan_takes_the_block_to_the_end_of_the_tier(plans, run):
    r = run("move", "SAM-T1-01", "--tier", "T2")
    assert r.exit_code == 0, r.output
    assert "SAM-T1-01 (plans/sample.toml)\n  tier: T1 → T2\n" in r.stdout
    text = (plans / "sample.toml").read_text()
    assert ids(plans / "sample.toml") == [
        ("SAM-T1-02", "T1"),
        ("SAM-T2-01", "T2"),
        ("SAM-T2-02", "T2"),
        ("SAM-T1-01", "T2"),
    ]
    # The block is the same text, with its tier line changed; the rest is as it was.
    block = SAMPLE[
        SAMPLE.index('[[actions]]\nid = "SAM-T1-01"') : SAMPLE.index(
            '\n[[actions]]\nid = "SAM-T1-02"'
        )
    ]
    assert text.endswith("\n" + block.replace('tier = "T1"', 'tier = "T2"'))
    assert text.replace("\n" + block.replace('tier = "T1"', 'tier = "T2"'), "") == SAMPLE.replace(
        block + "\n", ""
    )


def test_the_blocks_comments_and_evidence_style_move_with_it(hand, run):
    r = run("move", "H-2", "--tier", "T2")
    assert r.exit_code == 0, r.output
    text = hand.read_text()
    moved = (
        '# This comment describes H-2 and must stay above it.\n[[actions]]\nid = "H-2"\n'
        'tier = "T2"\ntitle = "No owner yet"\nstatus = "not-started"\n\n'
        '[[actions.evidence]]\ndate = 2009-02-01\ntext = "Scoping note"\n'
    )
    assert text.endswith("\n" + moved)
    # H-3's comment stays above H-3, and nothing else moved.
    assert '\n\n# And this one describes H-3.\n[[actions]]\nid = "H-3"' in text
    assert text.replace("\n" + moved, "") + "\n" == HAND_WRITTEN.replace(
        moved.replace('tier = "T2"', 'tier = "T1"') + "\n", ""
    ) or text.replace("\n" + moved, "") == HAND_WRITTEN.replace(
        "\n" + moved.replace('tier = "T2"', 'tier = "T1"'), ""
    )


def test_move_between_plans_with_one_commit_for_both_files(repo, run):
    plans = repo / "plans"
    r = run("move", "SAM-T2-02", "--tier", "X", "--to-plan", "other", "--commit", "-f", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["id"] == "SAM-T2-02" and doc["plan"] == "other"
    assert doc["files"] == ["plans/sample.toml", "plans/other.toml"]
    assert doc["changes"] == [
        {"field": "tier", "old": "T2", "new": "X"},
        {"field": "plan", "old": "sample", "new": "other"},
    ]
    assert doc["written"] is True and len(doc["commit"]) == 40
    assert ("SAM-T2-02", "X") in ids(plans / "other.toml")
    assert "SAM-T2-02" not in [i for i, _ in ids(plans / "sample.toml")]
    shown = git(repo, "show", "--stat", "--format=%s", "HEAD")
    assert shown.splitlines()[0] == "SAM-T2-02: tier T2 → X; plan sample → other"
    assert "plans/sample.toml" in shown and "plans/other.toml" in shown
    assert git(repo, "status", "--porcelain") == ""
    assert run("check").exit_code == 0


def test_history_shows_a_move_as_a_tier_and_plan_change(repo, run):
    assert run("move", "SAM-T1-02", "--tier", "T2", "--commit").exit_code == 0
    assert run("move", "SAM-T1-02", "--tier", "X", "--to-plan", "other", "--commit").exit_code == 0
    r = run("history", "SAM-T1-02", "-f", "json")
    assert r.exit_code == 0, r.output
    changes = [(e["field"], e["old"], e["new"], e["plan"]) for e in json.loads(r.stdout)["events"]]
    assert changes == [
        ("added", None, "Publish information for families", "other"),
        ("tier", "T1", "T2", "other"),
        ("plan", "sample", "other", "other"),
        ("tier", "T2", "X", "other"),
    ]
    table = run("history", "SAM-T1-02").stdout
    assert "plan: sample → other" in table and "removed" not in table


def test_a_move_to_a_tier_of_the_same_id_in_another_plan_is_a_plan_change(repo, run):
    """The block moves unchanged (its tier id is the same): history still sees the move."""
    other = repo / "plans" / "other.toml"
    other.write_text(
        other.read_text().replace(
            '[[tiers]]\nid = "X"',
            '[[tiers]]\nid = "T1"\nname = "Universal"\n\n[[tiers]]\nid = "X"',
            1,
        )
    )
    git(repo, "commit", "-qam", "A universal tier", date="2009-01-02T10:00:00+00:00")
    r = run("move", "SAM-T1-02", "--tier", "T1", "--to-plan", "other", "--commit")
    assert r.exit_code == 0, r.output
    events = json.loads(run("history", "SAM-T1-02", "-f", "json").stdout)["events"]
    assert [(e["field"], e["old"], e["new"]) for e in events][1:] == [("plan", "sample", "other")]
    doc = json.loads(run("report", "-f", "json").stdout)
    assert [e["action"] for e in doc["changes"]["plan"]] == ["SAM-T1-02"]


def test_renaming_a_plan_file_is_not_a_move(repo, run):
    git(repo, "mv", "plans/other.toml", "plans/other-2010.toml")
    git(repo, "commit", "-qm", "Rename", date="2009-02-01T10:00:00+00:00")
    doc = json.loads(run("history", "OTH-1", "-f", "json").stdout)
    assert [e["field"] for e in doc["events"]] == ["added"]


def test_moving_to_where_it_is_changes_nothing(plans, run):
    before = (plans / "sample.toml").read_bytes()
    r = run("move", "SAM-T1-01", "--tier", "T1")
    assert r.exit_code == 0
    assert "no change" in r.stderr
    assert (plans / "sample.toml").read_bytes() == before


def test_dry_run_shows_both_diffs_and_writes_nothing(plans, run):
    before = {p: p.read_bytes() for p in plans.glob("*.toml")}
    r = run("move", "OTH-1", "--tier", "T1", "--to-plan", "sample", "--dry-run")
    assert r.exit_code == 0, r.output
    assert "--- a/plans/other.toml" in r.stdout and "--- a/plans/sample.toml" in r.stdout
    assert "OTH-1 (plans/other.toml → plans/sample.toml)" in r.stdout
    assert {p: p.read_bytes() for p in plans.glob("*.toml")} == before


def test_a_moved_first_action_lands_after_its_new_tier(plans, run):
    # Into a tier that has no actions in the target: after the last action of an earlier
    # tier (here there is none before T1, so at the end).
    assert run("move", "OTH-1", "--tier", "T1", "--to-plan", "sample").exit_code == 0
    assert ids(plans / "sample.toml")[2] == ("OTH-1", "T1")
    other = (plans / "other.toml").read_text()
    assert "[[actions]]" not in other
    assert other == OTHER[: OTHER.index("\n[[actions]]")]


def test_crlf_and_lf_files_keep_their_own_line_endings(plans, run):
    (plans / "other.toml").write_bytes(OTHER.replace("\n", "\r\n").encode())
    assert run("move", "OTH-1", "--tier", "T2", "--to-plan", "sample").exit_code == 0
    sample, other = (plans / "sample.toml").read_bytes(), (plans / "other.toml").read_bytes()
    assert b"\r" not in sample
    assert b"\n" not in other.replace(b"\r\n", b"")
    assert run("move", "OTH-1", "--tier", "X", "--to-plan", "other").exit_code == 0
    assert (plans / "other.toml").read_bytes() == OTHER.replace("\n", "\r\n").encode()
    assert (plans / "sample.toml").read_text() == SAMPLE


def test_moves_into_and_out_of_a_plan_written_as_an_inline_array(plans, run):
    head = OTHER[: OTHER.index("[[tiers]]")]
    inline = (
        head + 'actions = [\n  { id = "OTH-1", tier = "X", title = "Agree the strategy", '
        'owner = "Cabinet", status = "not-started", due = 2009-01-01 },\n]\n\n'
        + OTHER[OTHER.index("[[tiers]]") : OTHER.index("\n[[actions]]")]
    )
    (plans / "other.toml").write_text(inline)
    r = run("move", "SAM-T2-01", "--tier", "X", "--to-plan", "other")
    assert r.exit_code == 0, r.output
    moved = next(
        a
        for a in tomllib.loads((plans / "other.toml").read_text())["actions"]
        if a["id"] == "SAM-T2-01"
    )
    assert moved["tier"] == "X" and moved["depends_on"] == ["SAM-T1-01"]
    # One more inline table in the array, on one line, and nothing else changed.
    after = (plans / "other.toml").read_text()
    assert after.count("\n  { id = ") == 2 and "[[actions]]" not in after
    added = next(line for line in after.split("\n") if "SAM-T2-01" in line)
    assert after.replace(added + "\n", "", 1) == inline
    assert run("move", "OTH-1", "--tier", "T2", "--to-plan", "sample").exit_code == 0
    # Written as a block of its own in the plan's style, with exactly its keys.
    assert (
        '[[actions]]\nid = "OTH-1"\ntier = "T2"\ntitle = "Agree the strategy"\n'
        in (plans / "sample.toml").read_text()
    )
    assert run("check").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SAM-T1-01", "--tier", "T3"], "no tier 'T3' in sample; tiers: T1, T2"),
        (["SAM-T1-01", "--tier", "t2"], "(did you mean 'T2'?)"),
        (
            ["SAM-T1-01", "--tier", "X", "--to-plan", "othr"],
            "no plan 'othr' (did you mean 'other'?)",
        ),
        (["SAM-T1-9", "--tier", "T2"], "no action 'SAM-T1-9' (did you mean"),
        (["SAM-T1-01"], "missing option '--tier'"),
    ],
)
def test_bad_moves_exit_2_and_leave_files_alone(plans, run, args, message):
    before = {p: p.read_bytes() for p in plans.glob("*.toml")}
    r = run("move", *args)
    assert r.exit_code == 2, r.output
    assert message in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in plans.glob("*.toml")} == before


def test_a_target_that_holds_the_id_already_is_refused_under_the_lock(plans):
    """The plans are checked before the move, so only a writer that got in between can
    put the id in the target: the editor looks again under the locks."""
    from actionplan.edit.requests import move_editor
    from actionplan.edit.write import apply_files
    from actionplan.errors import PlanError

    other = plans / "other.toml"
    other.write_text(
        OTHER + '\n[[actions]]\nid = "SAM-T1-01"\ntier = "X"\ntitle = "t"\nstatus = "not-started"\n'
    )
    before = {p: p.read_bytes() for p in plans.glob("*.toml")}
    editor = move_editor("SAM-T1-01", "X", ["X"], "sample", "other")
    with pytest.raises(PlanError, match="other already has an action 'SAM-T1-01'"):
        apply_files([plans / "sample.toml", other], "SAM-T1-01", editor)
    assert {p: p.read_bytes() for p in plans.glob("*.toml")} == before


def test_a_move_that_would_break_the_plans_is_refused(plans, run):
    # The other plan's period ends before SAM-T1-01's due date: a warning, allowed. A
    # duplicate title is fine too. But a tier the target lacks is refused before any lock.
    before = {p: p.read_bytes() for p in plans.glob("*.toml")}
    r = run("move", "SAM-T1-01", "--tier", "T1", "--to-plan", "other")
    assert r.exit_code == 2 and "no tier 'T1' in other" in r.stderr
    assert {p: p.read_bytes() for p in plans.glob("*.toml")} == before


MOVER = """
import sys
from actionplan.cli import app
sys.argv = ["actionplan", *sys.argv[1:]]
app()
"""


def test_concurrent_moves_and_updates_all_land_without_deadlock(repo):
    """Moves between the two plans in both directions and updates of both plans, all at
    once: each takes its locks in the same order, so none waits forever and every change
    lands."""
    workdir = repo
    plans = workdir / "plans"
    env = {**os.environ, "ACTIONPLAN_TODAY": "2009-10-01", "ACTIONPLAN_NO_CACHE": "1"}
    jobs = [
        ["move", "SAM-T1-02", "--tier", "X", "--to-plan", "other"],
        ["move", "OTH-1", "--tier", "T2", "--to-plan", "sample"],
        ["move", "SAM-T2-02", "--tier", "T1"],
        ["update", "SAM-T1-01", "--status", "complete"],
        ["update", "SAM-T2-01", "--evidence", "Role paper drafted", "--date", "2009-09-01"],
        ["update", "SAM-T1-02", "--owner", "Comms team"],
        ["update", "OTH-1", "--mitigation", "Cabinet date fixed"],
        ["move", "SAM-T2-01", "--tier", "X", "--to-plan", "other"],
    ]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", MOVER, *job],
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for job in jobs
    ]
    try:
        for p, job in zip(procs, jobs, strict=True):
            out, err = p.communicate(timeout=60)  # a deadlock would hang here
            assert p.returncode == 0, (job, err)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    sample = {a["id"]: a for a in tomllib.loads((plans / "sample.toml").read_text())["actions"]}
    other = {a["id"]: a for a in tomllib.loads((plans / "other.toml").read_text())["actions"]}
    assert set(sample) == {"SAM-T1-01", "SAM-T2-02", "OTH-1"}
    assert set(other) == {"SAM-T1-02", "SAM-T2-01"}
    assert sample["SAM-T1-01"]["status"] == "complete"
    assert sample["SAM-T2-02"]["tier"] == "T1"
    assert sample["OTH-1"]["tier"] == "T2" and sample["OTH-1"]["mitigation"] == "Cabinet date fixed"
    assert other["SAM-T1-02"]["tier"] == "X" and other["SAM-T1-02"]["owner"] == "Comms team"
    assert other["SAM-T2-01"]["evidence"][-1]["text"] == "Role paper drafted"
