"""history: events by action id from a scripted repository; git driven safely."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import git


def events(run, *args):
    r = run("history", *args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def brief(doc):
    return [
        (e["action"], e["field"], e["old"], e["new"], e["author"], e["date"][:10])
        for e in doc["events"]
    ]


def test_history_reports_exactly_the_changes_made(story, run):
    doc = events(run)
    assert doc["shallow"] is False
    added = [e for e in brief(doc) if e[1] == "added"]
    assert [a[0] for a in added] == [
        "OTH-1",
        "SAM-T1-01",
        "SAM-T1-02",
        "SAM-T2-01",
        "SAM-T2-02",
        "SAM-T1-03",
    ]
    rest = [e for e in brief(doc) if e[1] != "added"]
    assert rest == [
        ("SAM-T1-01", "status", "on-track", "at-risk", "Alice Lead", "2009-02-01"),
        (
            "SAM-T1-01",
            "evidence",
            None,
            {"date": "2009-02-01", "text": "Cover for trainer not found", "link": None, "by": None},
            "Alice Lead",
            "2009-02-01",
        ),
        ("SAM-T2-01", "owner", "Tier 2 lead", "PMHW lead", "Bob Tiertwo", "2009-03-05"),
        ("SAM-T1-02", "status", "off-track", "complete", "Carol Comms", "2009-03-07"),
        ("SAM-T2-01", "due", "2009-12-31", "2010-06-30", "Bob Tiertwo", "2009-03-10"),
        ("OTH-1", "removed", "Agree the strategy", None, "Bob Tiertwo", "2009-04-15"),
        # A move between plan files is a plan change (the earlier rename of the file was
        # not one), and the tier change that came with it.
        ("SAM-T2-02", "plan", "sample-strategy", "other", "Bob Tiertwo", "2009-04-15"),
        ("SAM-T2-02", "tier", "T2", "X", "Bob Tiertwo", "2009-04-15"),
    ]


def test_merged_changes_are_credited_to_the_branch_commit(story, run):
    doc = events(run, "SAM-T2-01")
    owner = [e for e in doc["events"] if e["field"] == "owner"]
    assert len(owner) == 1
    assert owner[0]["author"] == "Bob Tiertwo"
    assert owner[0]["message"] == "New PMHW lead"
    merge = git(story, "rev-parse", "HEAD~3").strip()  # the merge commit
    assert all(e["commit"] != merge for e in events(run)["events"])


def test_keys_of_an_event(story, run):
    e = events(run)["events"][0]
    assert set(e) >= {
        "commit",
        "date",
        "author",
        "plan",
        "action",
        "field",
        "old",
        "new",
        "message",
    }
    assert len(e["commit"]) == 40 and e["date"].startswith("2009-01-10T10:00:00")


def test_narrow_to_a_plan_and_by_revision_and_date(story, run):
    assert {e["plan"] for e in events(run, "other")["events"]} == {"other"}
    since_tag = brief(events(run, "--since", "board/2009-03-01"))
    assert [e[:2] for e in since_tag] == [
        ("SAM-T2-01", "owner"),
        ("SAM-T1-02", "status"),
        ("SAM-T2-01", "due"),
        ("SAM-T1-03", "added"),
        ("OTH-1", "removed"),
        ("SAM-T2-02", "plan"),
        ("SAM-T2-02", "tier"),
    ]
    # Dates pick the last mainline commit before (since) or by the end of (until) a day.
    by_date = brief(events(run, "--since", "2009-04-01", "--until", "2009-04-10"))
    assert [e[:2] for e in by_date] == [("SAM-T1-03", "added")]


@pytest.mark.parametrize("command", ["history", "report"])
@pytest.mark.parametrize(
    ("since", "until", "said"),
    [
        ("2009-04-10", "2009-04-01", "--since 2009-04-10 is after --until 2009-04-01"),
        ("HEAD", "board/2009-03-01", "--since HEAD does not come before --until board/2009-03-01"),
    ],
)
def test_a_reversed_period_is_refused(story, run, command, since, until, said):
    r = run(command, "--since", since, "--until", until)
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert r.stderr.startswith("error: " + said) and r.stderr.count("\n") == 1


def test_a_period_of_one_commit_is_not_reversed(story, run):
    doc = events(run, "--since", "board/2009-03-01", "--until", "board/2009-03-01")
    assert doc["events"] == []


def test_history_of_a_removed_action(story, run):
    doc = events(run, "OTH-1")
    assert [e["field"] for e in doc["events"]] == ["added", "removed"]


def test_unknown_target(story, run):
    r = run("history", "SAM-T9-99")
    assert r.exit_code == 2 and "no plan or action 'SAM-T9-99'" in r.stderr


def test_table_output(story, run):
    r = run("history", "SAM-T1-02")
    assert r.exit_code == 0
    assert "status: off-track → complete" in r.stdout and "Carol Comms" in r.stdout


def test_show_gains_the_timeline(story, run):
    r = run("show", "SAM-T2-01")
    assert r.exit_code == 0
    assert "History" in r.stdout and "owner: Tier 2 lead → PMHW lead" in r.stdout
    doc = json.loads(run("show", "SAM-T2-01", "-f", "json").stdout)
    assert [e["field"] for e in doc["history"]] == ["added", "owner", "due"]


@pytest.mark.parametrize(
    "args",
    [
        ["--since=--output=/tmp/actionplan-injected"],
        ["--until", "--output=/tmp/actionplan-injected"],
        ["--since", "-n1"],
        ["--since", "HEAD\n--all"],
        ["--since", "no-such-tag"],
    ],
)
def test_revisions_are_never_options(story, run, args):
    target = Path("/tmp/actionplan-injected")
    target.unlink(missing_ok=True)
    r = run("history", *args)
    assert r.exit_code == 2, r.output
    assert "revision" in r.stderr
    assert not target.exists()
    r = run("report", *args)
    assert r.exit_code == 2 and not target.exists()


def test_shallow_clone_is_detected(story_master, tmp_path, run, monkeypatch):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{story_master}", str(clone))
    monkeypatch.chdir(clone)
    r = run("history")
    assert r.exit_code == 2
    assert (
        "shallow clone" in r.stderr and "fetch-depth: 0" in r.stderr and "--unshallow" in r.stderr
    )
    r = run("history", "--allow-shallow", "-f", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["shallow"] is True
    assert "partial" in r.stderr
    # Read commands do not need history.
    assert run("status").exit_code == 0
    assert "partial" in run("show", "SAM-T1-03").stderr


def test_no_git_and_empty_repository(workdir, run):
    r = run("history")
    assert r.exit_code == 2 and "not inside a git repository" in r.stderr
    assert run("status").exit_code == 0
    r = run("show", "SAM-T1-01")
    assert r.exit_code == 0 and "no history" in r.stderr
    git(workdir, "init", "-q")
    r = run("history")
    assert r.exit_code == 2 and "no commits yet" in r.stderr
    assert run("report").exit_code == 2


def test_detached_head(story, run):
    git(story, "checkout", "-q", "--detach", "HEAD~2")
    doc = events(run)
    assert "SAM-T1-03" not in {e["action"] for e in doc["events"]}
    assert any(e["field"] == "owner" for e in doc["events"])


def test_git_processes_are_closed(story):
    """Every git process the engine opens has been waited for when it returns."""
    import os

    from actionplan import git, history

    repo = git.open_repo(story / "plans")
    history.timeline(repo, story / "plans", repo.head)
    with pytest.raises(ChildProcessError):  # no child left, running or unreaped
        os.waitpid(-1, os.WNOHANG)


# --- the block parser ---------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from actionplan.versions import _parse_block, fast_block, split_blocks  # noqa: E402
from tests.test_edit_properties import plans  # noqa: E402

AWKWARD = [
    '\nid = "A"\ntier = "T1"\ntitle = "x = y # not a comment"\nstatus = "on-track"  # note\n',
    '\nid = "A"\nnotes = """\nkey = "inside a string"\n"""\ntitle = "t"\n',
    '\nid = "A"\nevidence = [\n  { date = 2009-01-01, text = "a" },  # first\n]\n',
    '\nid = "A"\nevidence = [ { date = 2009-01-01, text = "a" },\n]\n',
    '\nid = "A"\ntags = [\n  "a",\n  "b"\n]\n',
    '\nid = "A"\nid = "B"\n',
    '\nid = "A"\nx.y = 1\n',
    '\n"id" = "A"\n',
    '\nid = "A"\n\n[[actions.evidence]]\ndate = 2009-01-01\ntext = "t"\n',
    " # header comment\nid = \"A\"\nstatus = 'lit'\n",
    '\nid = "A"\nevidence = [\n  [1, 2],\n  { a = 1 }, { b = 2 },\n]\n',
]


def _agree(block: str) -> None:
    fast = fast_block(block, {})
    if fast is None:
        return
    text = "[[actions]]" + (block[:-1] if block.endswith("\r") else block)
    assert fast == _parse_block(text), block


@pytest.mark.parametrize("block", AWKWARD)
def test_fast_block_parser_agrees_with_tomllib_on_awkward_blocks(block):
    _agree(block)
    _agree(block.replace("\n", "\r\n"))


@settings(max_examples=150, deadline=None)
@given(plan=plans(), crlf=st.booleans())
def test_fast_block_parser_agrees_with_tomllib(plan, crlf):
    text, _ = plan
    if crlf:
        text = text.replace("\n", "\r\n")
    for block in split_blocks(text)[1:]:
        _agree(block)


def test_a_broken_commit_and_its_fix_make_no_events(story, run):
    p = story / "plans" / "sample-strategy.toml"
    good = p.read_text()
    p.write_text(good.replace('title = "Train Tier 1 staff"', 'title = "Train Tier 1 staff'))
    git(story, "commit", "-qam", "Oops", date="2009-05-01T10:00:00+00:00")
    p.write_text(good.replace('status = "at-risk"', 'status = "on-track"', 1))
    git(
        story,
        "commit",
        "-qam",
        "Fix, and SAM-T1-01 back on track",
        date="2009-05-02T10:00:00+00:00",
    )
    doc = events(run, "--since", "2009-04-30")
    assert brief(doc) == [
        ("SAM-T1-01", "status", "at-risk", "on-track", "Test Author", "2009-05-02")
    ]


def test_events_belong_to_the_plan_that_holds_the_action_now(story, run):
    doc = events(run, "sample-strategy")
    # Made while the file was still plans/sample.toml, listed under its present name.
    assert ("SAM-T1-02", "status") in [(e["action"], e["field"]) for e in doc["events"]]
    assert {e["plan"] for e in doc["events"]} == {"sample-strategy"}
    moved = [e for e in events(run, "other")["events"] if e["action"] == "SAM-T2-02"]
    assert moved and all(e["plan"] == "other" for e in moved)


def test_a_duplicated_id_in_a_new_version_is_read_as_a_fresh_parse_reads_it():
    """A version that writes an id twice: the first block counts, as when the file is
    read whole, even when only the second block is new."""
    from actionplan.versions import Parser

    def block(aid: str, tier: str) -> str:
        return (
            f'[[actions]]\nid = "{aid}"\ntier = "{tier}"\ntitle = "K"\nstatus = "not-started"\n\n'
        )

    head = 'title = "P"\n\n'
    old = head + block("A-0", "T1") + block("A-1", "T2")
    new = head + block("A-0", "T1") + block("A-0", "T2")
    parser = Parser()
    first = parser.version("a", old.encode())
    second = parser.version("b", new.encode(), first)
    assert second.actions["A-0"][1]["tier"] == "T1"
    assert "A-1" not in second.actions


@settings(max_examples=100, deadline=None)
@given(plan=plans(), other=plans(), cut=st.integers(min_value=0, max_value=10_000))
def test_a_version_worked_out_from_the_last_one_equals_a_fresh_parse(plan, other, cut):
    """The delta between two versions (found by shared start and end bytes) gives the
    same actions as parsing the new version from scratch: here the new version is the
    old one with a slice of another plan spliced in, so anything can change."""
    from actionplan.versions import Parser

    old_text = plan[0]
    splice = other[0][cut % max(1, len(other[0])) :]
    at = cut % max(1, len(old_text))
    new_text = old_text[:at] + splice[: len(splice) // 2] + old_text[at:]

    def actions(version):
        return {k: v[1] for k, v in version.actions.items()}

    import tomllib

    try:
        tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        return  # a broken version carries the last one's actions over (tested above)
    parser = Parser()
    first = parser.version("a", old_text.encode())
    second = parser.version("b", new_text.encode(), first)
    assert actions(second) == actions(Parser().version("b", new_text.encode()))
    if second.base == first.serial:  # worked out as a delta: it says what it touched
        changed = {
            k
            for k in actions(first).keys() | actions(second).keys()
            if actions(first).get(k) != actions(second).get(k)
        }
        assert changed <= second.touched


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plan=plans(),
    pick=st.integers(min_value=0, max_value=3),
    how=st.sampled_from(["status", "evidence", "add", "drop"]),
)
def test_delta_after_real_edits_equals_a_fresh_parse(tmp_path, plan, pick, how):
    from datetime import date

    from actionplan.edit.requests import EvidenceInput, UpdateRequest, add_editor, update_editor
    from actionplan.edit.write import apply
    from actionplan.planfiles import action_blocks
    from actionplan.versions import Parser

    text, n = plan
    index = pick % n
    path = tmp_path / "p.toml"
    path.write_text(text)
    if how == "status":
        apply(
            path,
            f"A-{index}",
            update_editor(f"A-{index}", UpdateRequest.of({"status": "cancelled"})),
        )
    elif how == "evidence":
        ev = EvidenceInput(date(2010, 1, 1), "more")
        apply(path, f"A-{index}", update_editor(f"A-{index}", UpdateRequest.of({}, ev)))
    elif how == "add":
        new = {"id": "NEW-1", "tier": "T2", "title": "New", "status": "not-started"}
        apply(path, "NEW-1", add_editor(new, ["T1", "T2"]))
    else:  # drop the action's block
        lines = text.splitlines(keepends=True)
        start, end = action_blocks(text)[index]
        path.write_text("".join(lines[:start] + lines[end + 1 :]))
    new_text = path.read_text()
    if new_text == text:
        return  # the status was already that

    def actions(version):
        return {k: v[1] for k, v in version.actions.items()}

    parser = Parser()
    first = parser.version("a", text.encode())
    second = parser.version("b", new_text.encode(), first)
    assert actions(second) == actions(Parser().version("b", new_text.encode()))
    changed = {
        k
        for k in actions(first).keys() | actions(second).keys()
        if actions(first).get(k) != actions(second).get(k)
    }
    assert changed
    if second.base == first.serial:  # worked out as a delta (not when the header changed)
        assert changed <= second.touched


# --- alignment ---------------------------------------------------------------------------


def test_alignment_changes_are_events_and_reordering_is_not(framework_story, run):
    doc = events(run, "--since", "2009-04-15")
    aligns = [e[:5] for e in brief(doc) if e[1] == "aligns"]
    assert aligns == [
        ("SAM-T1-01", "aligns", [], ["SF-ACCESS"], "Alice Lead"),
        ("SAM-T2-01", "aligns", [], ["SF-ACCESS"], "Alice Lead"),
        ("SAM-T1-01", "aligns", ["SF-ACCESS"], ["SF-ACCESS", "SF-RIGHTS"], "Bob Tiertwo"),
        ("SAM-T2-01", "aligns", ["SF-ACCESS"], ["SF-RIGHTS"], "Bob Tiertwo"),
    ]
    # The last commit only reordered a list: no event from it.
    assert not [e for e in doc["events"] if e["message"] == "Reorder an alignment"]
    r = run("history", "SAM-T2-01", "--since", "2009-04-15")
    assert "aligns: SF-ACCESS → SF-RIGHTS" in r.stdout
    assert "aligns: none → SF-ACCESS" in r.stdout


def test_a_realignment_merged_from_a_branch_is_credited_once(framework_story, run):
    from tests.conftest import BOB, CAROL, _edit

    sample = framework_story / "plans" / "sample-strategy.toml"
    git(framework_story, "checkout", "-q", "-b", "realign")
    _edit(sample, 'aligns = ["SF-RIGHTS"]\n', 'aligns = ["SF-ESCALATE"]\n')
    git(framework_story, "commit", "-qam", "Escalation", date="2009-04-19T10:00:00+00:00", env=BOB)
    git(framework_story, "checkout", "-q", "main")
    _edit(sample, "due = 2010-06-30", "due = 2010-09-30")
    git(framework_story, "commit", "-qam", "Re-date", date="2009-04-19T11:00:00+00:00")
    git(
        framework_story,
        "merge",
        "-q",
        "--no-ff",
        "realign",
        "-m",
        "Merge realign",
        date="2009-04-19T12:00:00+00:00",
        env=CAROL,
    )
    doc = events(run, "SAM-T2-01", "--since", "2009-04-18")
    assert [(e["field"], e["old"], e["new"], e["author"], e["message"]) for e in doc["events"]] == [
        ("aligns", ["SF-RIGHTS"], ["SF-ESCALATE"], "Bob Tiertwo", "Escalation"),
        ("due", "2010-06-30", "2010-09-30", "Test Author", "Re-date"),
    ]


# --- measures in file versions -------------------------------------------------------

from tests.test_edit_properties import READING_DATES, measure_plans  # noqa: E402


def _items(version):
    return (
        {k: v[1] for k, v in version.actions.items()},
        {k: v[1] for k, v in version.measures.items()},
    )


@settings(max_examples=100, deadline=None)
@given(plan=measure_plans(), other=measure_plans(), cut=st.integers(min_value=0, max_value=10_000))
def test_versions_with_measures_equal_a_fresh_parse(plan, other, cut):
    """As above, on plans with measures: the actions and the measures (with their
    [[measures.values]] sub-tables) of a version worked out from the last one equal a
    fresh parse, and touched names every id whose table changed."""
    import tomllib

    from actionplan.versions import Parser

    old_text = plan[0]
    splice = other[0][cut % max(1, len(other[0])) :]
    at = cut % max(1, len(old_text))
    new_text = old_text[:at] + splice[: len(splice) // 2] + old_text[at:]
    try:
        data = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        return
    parser = Parser()
    first = parser.version("a", old_text.encode())
    assert _items(first)[1] == {m["id"]: m for m in tomllib.loads(old_text)["measures"]}
    second = parser.version("b", new_text.encode(), first)
    fresh = Parser().version("b", new_text.encode())
    assert _items(second) == _items(fresh)
    measures = data.get("measures", [])
    if isinstance(measures, list) and all(isinstance(m, dict) for m in measures):
        want = {}
        for m in measures:
            if isinstance(m.get("id"), str):
                want.setdefault(m["id"], m)
        assert _items(fresh)[1] == want
    if second.base == first.serial:
        changed = set()
        for before, after in zip(_items(first), _items(second), strict=True):
            changed |= {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        assert changed <= second.touched


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plan=measure_plans(),
    pick=st.integers(min_value=0, max_value=2),
    day=st.sampled_from(READING_DATES),
)
def test_delta_after_a_recorded_reading_touches_only_that_measure(tmp_path, plan, pick, day):
    from actionplan.edit.record import ReadingInput, record_editor
    from actionplan.edit.write import apply
    from actionplan.errors import PlanError
    from actionplan.versions import Parser

    text, n = plan
    index = pick % n
    path = tmp_path / "p.toml"
    path.write_text(text)
    try:
        apply(path, f"M-{index}", record_editor(f"M-{index}", ReadingInput(day, 7)))
    except PlanError:
        return  # that date already had a reading
    new_text = path.read_text()
    parser = Parser()
    first = parser.version("a", text.encode())
    second = parser.version("b", new_text.encode(), first)
    assert _items(second) == _items(Parser().version("b", new_text.encode()))
    assert second.base == first.serial and second.touched == {f"M-{index}"}
    assert second.text is not None  # cut into blocks, not parsed whole


@settings(max_examples=200, deadline=None)
@given(
    plan=st.one_of(plans(), measure_plans()),
    other=st.one_of(plans(), measure_plans()),
    cut=st.integers(min_value=0, max_value=10_000),
    crlf=st.booleans(),
    splice=st.booleans(),
)
def test_a_plan_parsed_block_by_block_reads_as_tomllib_reads_it(plan, other, cut, crlf, splice):
    """versions.parse_plan (what edits read a plan with) gives what tomllib gives, for
    plans in many hand styles and for texts spliced into anything; and what it returns
    shares no list or table between blocks (an editor may change one)."""
    import tomllib

    from actionplan.versions import parse_plan

    text = plan[0]
    if splice:
        at = cut % max(1, len(text))
        text = text[:at] + other[0][cut % max(1, len(other[0])) :][:200] + text[at:]
    if crlf:
        text = text.replace("\n", "\r\n")
    try:
        want = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        with pytest.raises(tomllib.TOMLDecodeError):
            parse_plan(text)
        return
    got = parse_plan(text)
    assert got == want

    def containers(value, found):
        if isinstance(value, list | dict):
            assert id(value) not in found
            found.add(id(value))
            for v in value.values() if isinstance(value, dict) else value:
                containers(v, found)

    containers(got, set())


@pytest.mark.parametrize(
    "item",
    [
        "  { date = 2009-01-01, value = 1e3 },",
        "  { date = 2009-01-01, value = 1_000 },",
        "  { date = 2009-01-01, value = 0x1F },",
        "  { date = 2009-01-01T10:00:00, value = 1 },",
        '  { date = 2009-01-01, value = 1, note = "tab\\there" },',
        "  { date = 2009-01-01, value = 1, note = 'literal' },",
        '  { date = 2009-01-01, value = -0.0, note = "é ✓" },  # a comment',
        "  { date = 2009-01-01, value = +12.50 }",
        "  {date=2009-01-01,value=7}",
        "  { date = 2009-01-01, value = 1 }, { date = 2009-02-01, value = 2 },",
        '  { "date" = 2009-01-01, value = 1 },',
        "  { date = 2009-01-01, d.x = 1 },",
    ],
)
def test_reading_items_read_without_tomllib_agree_with_it(item):
    import tomllib

    from actionplan.versions import _parse_item

    want = tomllib.loads(f"v = [\n{item}\n]")["v"]
    got = _parse_item(item)
    if len(want) == 1:
        assert got == (want[0],)
    else:
        assert got is None


@pytest.mark.parametrize("closed", ["the stream", "the reader"])
def test_a_stream_left_early_ends_promptly(tmp_path, closed):
    """Leaving the object stream half-way (an interrupt sent to this process alone, an
    error) must not wait for ever on git, blocked writing answers nobody reads: whether
    the stream is closed first, or the reader while the stream is still open."""
    import threading

    from actionplan.git import Objects

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    blob = tmp_path / "blob"
    blob.write_bytes(b"x" * 4096)
    sha = (
        subprocess.run(
            ["git", "hash-object", "-w", str(blob)], cwd=tmp_path, check=True, capture_output=True
        )
        .stdout.decode()
        .strip()
    )
    objects = Objects(tmp_path)
    stream = objects.stream([sha] * 100_000)  # far more than the pipes hold
    assert next(stream) == b"x" * 4096
    closing = threading.Thread(
        target=stream.close if closed == "the stream" else objects.close, daemon=True
    )
    closing.start()
    closing.join(timeout=20)
    assert not closing.is_alive(), f"{closed} hung on close"
    objects.close()


def test_any_byte_but_nul_in_a_subject_or_name_is_read(story, run):
    """The log stream is read field by field: a \\x01 (the byte that opens each commit in
    it) inside a subject or an author's name does not split a commit in two."""
    assert run("update", "SAM-T1-03", "--owner", "Odd lead").exit_code == 0
    subject = "Odd \x01 subject \x01" + "a" * 40
    git(
        story, "commit", "-qam", subject, date="2009-05-01T10:00:00",
        env={"GIT_AUTHOR_NAME": "Odd \x01 Name"},
    )  # fmt: skip
    last = events(run, "SAM-T1-03")["events"][-1]
    assert (last["field"], last["new"], last["message"]) == ("owner", "Odd lead", subject)
    assert last["author"] == "Odd \x01 Name"
    assert run("report").exit_code == 0


def test_a_since_date_is_read_along_the_until_branch(story, run):
    """A --since date means a commit on the --until revision's own main line, not HEAD's:
    a branch made before the date and committed to after it gives its own change."""
    git(story, "checkout", "-q", "-b", "feature", "HEAD~2")  # main goes on after it
    assert run("update", "SAM-T1-02", "--owner", "Branch lead").exit_code == 0
    git(story, "commit", "-qam", "On the branch", date="2009-06-01T10:00:00")
    git(story, "checkout", "-q", "-")
    doc = events(run, "--since", "2009-05-15", "--until", "feature")
    assert [(e["action"], e["field"], e["new"]) for e in doc["events"]] == [
        ("SAM-T1-02", "owner", "Branch lead")
    ]
