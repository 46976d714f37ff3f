"""The whole edit surface of update and add: every field set, cleared and (for lists)
added to and taken from; evidence taken out; bad requests refused with the files
byte-identical."""

from __future__ import annotations

import json
import tomllib

import pytest

from tests.conftest import SAMPLE, git
from tests.test_edit import HAND_WRITTEN, diff_lines


def action(path, action_id: str) -> dict:
    return next(a for a in tomllib.loads(path.read_text())["actions"] if a["id"] == action_id)


FRAMEWORK = """\
title = "A framework"

[[principles]]
id = "P-1"
title = "One"

[[principles]]
id = "P-2"
title = "Two"
"""


@pytest.fixture
def sample(workdir):
    # A framework beside the plans, so that --align has principles to name.
    (workdir / "frameworks").mkdir()
    (workdir / "frameworks" / "fw.toml").write_text(FRAMEWORK, encoding="utf-8")
    return workdir / "plans" / "sample.toml"


@pytest.fixture
def repo(workdir):
    git(workdir, "init", "-q", "-b", "main")
    git(workdir, "config", "user.name", "Strategy Lead")
    git(workdir, "config", "user.email", "lead@example.org")
    git(workdir, "add", ".")
    git(workdir, "commit", "-qm", "init", date="2009-01-01T10:00:00")
    return workdir


@pytest.fixture
def hand(tmp_path, monkeypatch):
    plans = tmp_path / "plans"
    plans.mkdir()
    p = plans / "hand.toml"
    p.write_text(HAND_WRITTEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return p


def test_every_scalar_field_can_be_set_each_a_line_in_format_order(sample, run):
    r = run(
        "update",
        "SAM-T2-01",
        "--start",
        "2009-01-01",
        "--source",
        "Strategy, section 4",
        "--notes",
        "Full wording",
        "--mitigation",
        "Interim cover agreed",
        "--decision",
        "Approve the role paper",
        "--every",
        "quarter",
    )
    assert r.exit_code == 0, r.output
    removed, added = diff_lines(SAMPLE, sample.read_text())
    assert removed == []
    assert added == [
        "start = 2009-01-01",
        'every = "quarter"',
        'source = "Strategy, section 4"',
        'notes = "Full wording"',
        'mitigation = "Interim cover agreed"',
        'decision = "Approve the role paper"',
    ]
    block = sample.read_text().split('id = "SAM-T2-01"')[1].split("[[actions]]")[0]
    order = ["status", "due", "start", "every", "source", "notes", "mitigation", "decision"]
    assert [block.index(f"\n{k} =") for k in order] == sorted(
        block.index(f"\n{k} =") for k in order
    )
    assert "depends_on" in block.split("decision")[1]  # depends_on stays after them
    for line in ("start: — → 2009-01-01", "every: — → quarter", "decision: — → Approve"):
        assert line in r.stdout


def test_multi_line_notes_are_a_multi_line_string(sample, run):
    notes = 'First line\nSecond line with "quotes" and a \\ backslash\n\tIndented third'
    r = run("update", "SAM-T1-02", "--notes", notes)
    assert r.exit_code == 0, r.output
    text = sample.read_text()
    assert (
        'notes = """\nFirst line\nSecond line with \\"quotes\\" and a \\\\ backslash\n'
        '\tIndented third"""\n' in text
    )
    assert action(sample, "SAM-T1-02")["notes"] == notes
    # The next action is still read where it was, and so is every other line.
    assert run("check", "--strict").exit_code == 0
    doc = json.loads(run("show", "SAM-T2-01", "-f", "json").stdout)
    assert doc["line"] == SAMPLE.splitlines().index('id = "SAM-T2-01"') + 1 + 3


def test_multi_line_notes_in_a_crlf_file_keep_crlf(sample, run):
    sample.write_bytes(SAMPLE.replace("\n", "\r\n").encode())
    assert run("update", "SAM-T1-02", "--mitigation", "one\ntwo").exit_code == 0
    raw = sample.read_bytes()
    assert b'mitigation = """\r\none\r\ntwo"""\r\n' in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert tomllib.loads(raw.decode())["actions"][1]["mitigation"] == "one\ntwo"


def test_a_line_that_would_read_as_a_header_stays_escaped(sample, run):
    assert run("update", "SAM-T1-02", "--notes", "see\n[[actions]]\nbelow").exit_code == 0
    assert 'notes = "see\\n[[actions]]\\nbelow"' in sample.read_text()
    assert action(sample, "SAM-T1-02")["notes"] == "see\n[[actions]]\nbelow"


def test_tags_added_and_taken_out_keep_the_others_text(hand, run):
    text = HAND_WRITTEN.replace('title = "Third"\n', 'title = "Third"\ntags = [ \'one\', "two" ]\n')
    hand.write_text(text)
    assert run("update", "H-3", "--tag", "three", "--untag", "two").exit_code == 0
    assert diff_lines(text, hand.read_text()) == (
        ["tags = [ 'one', \"two\" ]"],
        ["tags = [ 'one', \"three\" ]"],
    )
    # Adding what is there changes nothing; taking out the last leaves an empty list.
    before = hand.read_bytes()
    r = run("update", "H-3", "--tag", "one")
    assert r.exit_code == 0 and "no change" in r.stderr and hand.read_bytes() == before
    assert run("update", "H-3", "--untag", "one", "--untag", "three").exit_code == 0
    assert action(hand, "H-3")["tags"] == []
    # A list the action lacks is added in format order.
    assert run("update", "H-1", "--tag", "workforce", "--tag", "workforce").exit_code == 0
    assert action(hand, "H-1")["tags"] == ["workforce"]
    assert diff_lines(HAND_WRITTEN, hand.read_text())[1][0] == 'tags   = ["workforce"]'


def test_multi_line_lists_keep_their_lines_and_comments(hand, run):
    text = HAND_WRITTEN.replace(
        'title = "Third"\n', 'title = "Third"\ntags = [\n  "one",  # why\n  "two",\n]\n'
    )
    hand.write_text(text)
    assert run("update", "H-3", "--untag", "two", "--tag", "three").exit_code == 0
    removed, added = diff_lines(text, hand.read_text())
    assert removed == ['  "two",'] and added == ['  "three",']
    assert '  "one",  # why\n' in hand.read_text()


def test_an_align_id_no_framework_defines_is_refused_as_check_refuses_it(sample, run):
    before = sample.read_bytes()
    r = run("update", "SAM-T1-02", "--align", "P-3")
    assert r.exit_code == 2
    assert r.stderr == (
        "error: --align: aligns 'P-3' is not a principle of any framework (did you mean 'P-2'?)\n"
    )
    r = run("add", "sample", "--tier", "T1", "--title", "x", "--align", "P-9")
    assert r.exit_code == 2 and "aligns 'P-9' is not a principle" in r.stderr
    # The same words as check's E011 for the same id written by hand.
    sample.write_text(
        sample.read_text().replace('id = "SAM-T1-02"', 'id = "SAM-T1-02"\naligns = ["P-3"]')
    )
    problems = json.loads(run("check", "-f", "json").stdout)["problems"]
    e011 = next(p for p in problems if p["code"] == "E011")
    assert e011["message"].endswith(
        "aligns 'P-3' is not a principle of any framework (did you mean 'P-2'?)"
    )
    sample.write_bytes(before)
    # With --frameworks naming another directory, its principles are the known ones.
    other = sample.parent.parent / "elsewhere"
    other.mkdir()
    (other / "fw.toml").write_text(FRAMEWORK.replace("P-2", "P-3"), encoding="utf-8")
    assert run("update", "SAM-T1-02", "--align", "P-3", "--frameworks", str(other)).exit_code == 0
    assert sample.read_bytes() != before


def test_unaligning_needs_no_framework(workdir, run):
    p = workdir / "plans" / "sample.toml"
    p.write_text(p.read_text().replace('id = "SAM-T1-02"', 'id = "SAM-T1-02"\naligns = ["OLD-1"]'))
    assert run("update", "SAM-T1-02", "--unalign", "OLD-1").exit_code == 0
    assert action(p, "SAM-T1-02")["aligns"] == []


def test_dependencies_and_alignments(sample, run):
    r = run("update", "SAM-T1-02", "--depends-on", "SAM-T1-01", "--align", "P-1", "--align", "P-2")
    assert r.exit_code == 0, r.output
    a = action(sample, "SAM-T1-02")
    assert a["depends_on"] == ["SAM-T1-01"] and a["aligns"] == ["P-1", "P-2"]
    assert (
        run("update", "SAM-T1-02", "--no-depends-on", "SAM-T1-01", "--unalign", "P-1").exit_code
        == 0
    )
    a = action(sample, "SAM-T1-02")
    assert a["depends_on"] == [] and a["aligns"] == ["P-2"]


def test_clear_takes_the_field_line_out(hand, run):
    r = run("update", "H-1", "--clear", "due", "--clear", "owner", "-f", "json")
    assert r.exit_code == 0, r.output
    assert diff_lines(HAND_WRITTEN, hand.read_text()) == (
        ['owner  = "Lead A"', "due    = 2010-03-31"],
        [],
    )
    doc = json.loads(r.stdout)
    assert doc["changes"] == [
        {"field": "owner", "old": "Lead A", "new": None},
        {"field": "due", "old": "2010-03-31", "new": None},
    ]
    # Clearing what is not there is a no-op.
    before = hand.read_bytes()
    assert run("update", "H-1", "--clear", "notes").exit_code == 0
    assert hand.read_bytes() == before


def test_clear_a_trailing_comment_goes_with_its_line(hand, run):
    assert run("update", "H-1", "--clear", "status").exit_code == 2
    text = HAND_WRITTEN.replace('owner  = "Lead A"', 'owner  = "Lead A"  # until April')
    hand.write_text(text)
    assert run("update", "H-1", "--clear", "owner").exit_code == 0
    assert diff_lines(text, hand.read_text()) == (['owner  = "Lead A"  # until April'], [])


def test_remove_evidence_from_a_multi_line_array_takes_one_line(sample, run):
    text = SAMPLE.replace(
        '  { date = 2009-01-15, text = "Training delivered to 120 staff", link = "https://example.org/x" },\n',
        '  { date = 2009-01-15, text = "Training delivered to 120 staff", link = "https://example.org/x" },\n'
        '  { date = 2009-02-01, text = "Entered on the wrong action" },  # oops\n'
        '  { date = 2009-03-01, text = "Third" },\n',
    )
    sample.write_text(text)
    r = run("update", "SAM-T1-01", "--remove-evidence", "2", "-f", "json")
    assert r.exit_code == 0, r.output
    assert diff_lines(text, sample.read_text()) == (
        ['  { date = 2009-02-01, text = "Entered on the wrong action" },  # oops'],
        [],
    )
    change = json.loads(r.stdout)["changes"][0]
    assert change == {
        "field": "evidence",
        "old": {"date": "2009-02-01", "text": "Entered on the wrong action"},
        "new": None,
    }
    # The only item left leaves `evidence = []` after the rest go.
    assert run("update", "SAM-T1-01", "--remove-evidence", "2").exit_code == 0
    assert run("update", "SAM-T1-01", "--remove-evidence", "1").exit_code == 0
    assert 'due = 2010-03-31\nevidence = []\n\n[[actions]]\nid = "SAM-T1-02"' in sample.read_text()


def test_remove_evidence_from_a_one_line_array_keeps_the_others_text(hand, run):
    text = HAND_WRITTEN.replace(
        'evidence = [{ date = 2009-03-01, text = "one" }]',
        "evidence = [{ date = 2009-03-01, text = 'one' }, {date=2009-03-02,text=\"two\"}]",
    )
    hand.write_text(text)
    r = run("update", "H-3", "--remove-evidence", "1")
    assert r.exit_code == 0, r.output
    assert 'evidence = [{date=2009-03-02,text="two"}]\n' in hand.read_text()
    assert "evidence removed: 2009-03-01: one" in r.stdout


def test_remove_evidence_sub_tables(hand, run):
    text = HAND_WRITTEN.replace(
        'text = "Scoping note"\n',
        'text = "Scoping note"\n\n# the second\n[[actions.evidence]]\ndate = 2009-02-02\ntext = "Two"\n',
    )
    hand.write_text(text)
    assert run("update", "H-2", "--remove-evidence", "1").exit_code == 0
    after = hand.read_text()
    assert after == text.replace(
        '\n[[actions.evidence]]\ndate = 2009-02-01\ntext = "Scoping note"\n', ""
    )
    assert (
        '\n\n# the second\n[[actions.evidence]]\ndate = 2009-02-02\ntext = "Two"\n\n# And this'
        in after
    )
    # The last one: the key stays, as an empty list, and H-3's comment stays above H-3.
    assert run("update", "H-2", "--remove-evidence", "1").exit_code == 0
    after = hand.read_text()
    assert action(hand, "H-2")["evidence"] == []
    assert "[[actions.evidence]]" not in after
    assert '\n# And this one describes H-3.\n[[actions]]\nid = "H-3"' in after


def test_remove_and_add_evidence_in_one_update(hand, run):
    r = run(
        "update", "H-1", "--remove-evidence", "1", "--evidence", "Right one", "--date", "2009-02-02"
    )
    assert r.exit_code == 0, r.output
    assert action(hand, "H-1")["evidence"] == [
        {"date": tomllib.loads("d = 2009-02-02")["d"], "text": "Right one"}
    ]


def test_add_takes_every_field(sample, run):
    r = run(
        "add",
        "sample",
        "--tier",
        "T2",
        "--title",
        "Annual review",
        "--owner",
        "Lead",
        "--due",
        "2009-12-31",
        "--start",
        "2009-04-01",
        "--every",
        "year",
        "--source",
        "Section 2",
        "--notes",
        "Line one\nLine two",
        "--mitigation",
        "m",
        "--decision",
        "d",
        "--depends-on",
        "SAM-T2-01",
        "--tag",
        "a",
        "--tag",
        "b",
        "--align",
        "P-1",
    )
    assert r.exit_code == 0, r.output
    block = sample.read_text().split('id = "SAM-T2-03"')[1]
    keys = [line.split(" =")[0] for line in block.splitlines() if " = " in line]
    assert keys == [
        "tier",
        "title",
        "owner",
        "status",
        "due",
        "start",
        "every",
        "source",
        "notes",
        "mitigation",
        "decision",
        "depends_on",
        "tags",
        "aligns",
        "evidence",
    ]
    assert 'notes = """\nLine one\nLine two"""\n' in block
    a = action(sample, "SAM-T2-03")
    assert a["tags"] == ["a", "b"] and a["every"] == "year" and a["notes"] == "Line one\nLine two"


def test_update_commit_message_names_the_new_fields(repo, run):
    r = run("update", "SAM-T1-02", "--decision", "Fund it", "--clear", "owner", "--commit")
    assert r.exit_code == 0, r.output
    assert git(repo, "log", "-1", "--format=%s").strip() == (
        "SAM-T1-02: owner Comms lead → —; decision — → Fund it"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["update", "SAM-T1-01", "--every", "fortnightly"],
            "unknown --every 'fortnightly'; valid: month, quarter, year",
        ),
        (
            ["update", "SAM-T1-01", "--clear", "colour"],
            "--clear: unknown field 'colour'; fields that can be cleared: owner, due, start, "
            "every, source, notes, mitigation, decision, depends_on, tags, aligns",
        ),
        (["update", "SAM-T1-01", "--clear", "ownr"], "(did you mean 'owner'?)"),
        (["update", "SAM-T1-01", "--clear", "title"], "title is required and cannot be cleared"),
        (["update", "SAM-T1-01", "--clear", "evidence"], "--remove-evidence N"),
        (["update", "SAM-T1-01", "--clear", "owner", "--owner", "x"], "give one or the other"),
        (["update", "SAM-T1-01", "--tag", "a", "--untag", "a"], "both name 'a'"),
        (["update", "SAM-T1-01", "--tag", ""], "--tag needs a non-empty value"),
        (["update", "SAM-T1-01", "--notes", ""], "--notes cannot be empty (to take it out"),
        (["update", "SAM-T1-01", "--start", "2009-13-01"], "bad --start date"),
        (["update", "SAM-T1-01", "--remove-evidence", "0"], "numbered from 1"),
        (
            ["update", "SAM-T1-01", "--remove-evidence", "2"],
            "--remove-evidence 2: SAM-T1-01 has 1 evidence item, numbered 1 to 1",
        ),
        (["update", "SAM-T1-02", "--remove-evidence", "1"], "SAM-T1-02 has no evidence"),
        (["update", "SAM-T1-01", "--remove-evidence", "x"], "is not a valid int"),
        (["update", "SAM-T1-01", "--depends-on", "SAM-T9-99"], "'SAM-T9-99' is not an action"),
        (["update", "SAM-T1-01", "--depends-on", "SAM-T1-01"], "cannot depend on itself"),
        (["update", "SAM-T1-01", "--start", "2010-04-01"], "before start 2010-04-01"),
        (["update", "SAM-T1-01", "--clear", "due", "--every", "year"], "has no due date"),
        (["update", "SAM-T1-02", "--clear", "due", "--start", "2009-01-01"], None),
        (
            ["add", "sample", "--tier", "T1", "--title", "x", "--every", "year"],
            "recurs every year but has no due date",
        ),
        (
            ["add", "sample", "--tier", "T1", "--title", "x", "--depends-on", "NOPE"],
            "'NOPE' is not an action",
        ),
        (
            ["add", "sample", "--tier", "T1", "--title", "x", "--id", "N-1", "--depends-on", "N-1"],
            "N-1 cannot depend on itself",
        ),
        (["add", "sample", "--tier", "T1", "--title", "x", "--every", "weekly"], "valid: month"),
    ],
)
def test_bad_requests_exit_2_and_leave_files_alone(workdir, run, args, message):
    before = {p: p.read_bytes() for p in (workdir / "plans").glob("*.toml")}
    r = run(*args)
    if message is None:  # allowed: a control for the refusals around it
        assert r.exit_code == 0, r.output
        return
    assert r.exit_code == 2, r.output
    assert message in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in (workdir / "plans").glob("*.toml")} == before


def test_every_without_due_is_refused_as_e017(sample, run):
    before = sample.read_bytes()
    r = run("update", "SAM-T1-02", "--clear", "due", "--every", "month")
    assert r.exit_code == 2
    assert run("update", "SAM-T1-02", "--every", "month").exit_code == 0
    r = run("update", "SAM-T1-02", "--clear", "due")
    assert r.exit_code == 2
    assert "would make the plans invalid" in r.stderr and "no due date" in r.stderr
    assert sample.read_bytes() != before  # the --every edit landed; the clear did not
    assert action(sample, "SAM-T1-02")["due"].isoformat() == "2009-06-30"


def test_dry_run_of_a_clear_and_a_removal_writes_nothing(sample, run):
    before = sample.read_bytes()
    r = run("update", "SAM-T1-01", "--clear", "owner", "--remove-evidence", "1", "--dry-run")
    assert r.exit_code == 0, r.output
    assert '-owner = "Workforce lead"' in r.stdout
    assert "-  { date = 2009-01-15" in r.stdout
    assert sample.read_bytes() == before


def test_a_missing_dependency_is_never_matched_to_the_action_itself(workdir, run):
    r = run(
        "add", "sample", "--tier", "T1", "--title", "x", "--id", "SAM-T1-77",
        "--depends-on", "SAM-T1-78",
    )  # fmt: skip
    assert r.exit_code == 2
    assert "'SAM-T1-78' is not an action" in r.stderr
    assert "SAM-T1-77" not in r.stderr.split("is not an action", 1)[1]


def test_spaces_around_a_one_line_value_are_not_written(workdir, run):
    r = run(
        "update", "SAM-T1-01", "--owner", "  Parenting lead ", "--title", " Tidy ", "-f", "json"
    )
    assert r.exit_code == 0, r.output
    text = (workdir / "plans" / "sample.toml").read_text()
    assert 'owner = "Parenting lead"' in text and 'title = "Tidy"' in text
    r = run("add", "sample", "--tier", "T1", "--title", "  Spaced  ", "--owner", " O ")
    assert r.exit_code == 0, r.output
    text = (workdir / "plans" / "sample.toml").read_text()
    assert 'title = "Spaced"' in text and 'owner = "O"' in text
