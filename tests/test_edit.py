"""update and add: byte-level diffs, style kept, safe writes, bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, git

HAND_WRITTEN = """\
# Hand-written plan: alignment, comments, literal strings, both evidence styles.
title        = "Hand Plan"
organisation = 'Hand Trust'
start        = 2008-04-01
end          = 2011-03-31

[[tiers]]
id   = "T1"
name = "Universal"

[[tiers]]
id   = "T2"
name = "Targeted"

[[actions]]
id     = "H-1"       # first action
tier   = "T1"
title  = 'Literal title'
owner  = "Lead A"
status = "on-track"  # reviewed at the March board
due    = 2010-03-31
evidence = [
  { date = 2009-01-15, text = "Kick-off" },
]

# This comment describes H-2 and must stay above it.
[[actions]]
id = "H-2"
tier = "T1"
title = "No owner yet"
status = "not-started"

[[actions.evidence]]
date = 2009-02-01
text = "Scoping note"

# And this one describes H-3.
[[actions]]
id = "H-3"
tier = "T2"
title = "Third"
owner = "Lead C"
status = "at-risk"
evidence = [{ date = 2009-03-01, text = "one" }]
"""


@pytest.fixture
def hand(tmp_path, monkeypatch) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    p = plans / "hand.toml"
    p.write_text(HAND_WRITTEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return p


def diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two texts."""
    import difflib

    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_status_change_moves_one_line_and_keeps_its_comment(hand, run):
    r = run("update", "H-1", "--status", "at-risk")
    assert r.exit_code == 0, r.output
    assert "status: on-track → at-risk" in r.stdout
    removed, added = diff_lines(HAND_WRITTEN, hand.read_text())
    assert removed == ['status = "on-track"  # reviewed at the March board']
    assert added == ['status = "at-risk"  # reviewed at the March board']


def test_literal_string_stays_literal(hand, run):
    assert run("update", "H-1", "--title", "New literal").exit_code == 0
    assert diff_lines(HAND_WRITTEN, hand.read_text()) == (
        ["title  = 'Literal title'"],
        ["title  = 'New literal'"],
    )
    # A title that cannot be a literal string becomes a basic one.
    assert run("update", "H-1", "--title", "It's here").exit_code == 0
    assert 'title  = "It\'s here"' in hand.read_text()


def test_new_key_goes_in_format_order_aligned(hand, run):
    assert run("update", "H-2", "--owner", "Lead B", "--due", "2010-12-31").exit_code == 0
    text = hand.read_text()
    removed, added = diff_lines(HAND_WRITTEN, text)
    assert removed == []
    assert added == ['owner = "Lead B"', "due = 2010-12-31"]
    # owner after title, due after status; the comment above H-3 is still above H-3.
    block = text.split('id = "H-2"')[1].split("[[actions.evidence]]")[0]
    assert block.index("title") < block.index("owner") < block.index("status") < block.index("due")
    assert '# And this one describes H-3.\n[[actions]]\nid = "H-3"' in text


def test_new_key_in_an_aligned_table_is_aligned(hand, run):
    text = HAND_WRITTEN.replace("due    = 2010-03-31\n", "")
    hand.write_text(text)
    assert run("update", "H-1", "--due", "2010-06-30").exit_code == 0
    assert diff_lines(text, hand.read_text()) == ([], ["due    = 2010-06-30"])


def test_evidence_appended_to_a_multiline_array(hand, run):
    r = run(
        "update",
        "H-1",
        "--evidence",
        "Second | note",
        "--date",
        "2009-06-01",
        "--link",
        "https://e.org/2",
    )
    assert r.exit_code == 0, r.output
    assert diff_lines(HAND_WRITTEN, hand.read_text()) == (
        [],
        ['  { date = 2009-06-01, text = "Second | note", link = "https://e.org/2" },'],
    )


def test_evidence_appended_to_a_one_line_array(hand, run):
    assert (
        run(
            "update", "H-3", "--evidence", "two", "--date", "2009-04-01", "--by", "Lead C"
        ).exit_code
        == 0
    )
    assert diff_lines(HAND_WRITTEN, hand.read_text()) == (
        ['evidence = [{ date = 2009-03-01, text = "one" }]'],
        [
            'evidence = [{ date = 2009-03-01, text = "one" }, { date = 2009-04-01, text = "two", by = "Lead C" }]'
        ],
    )


def inserted(before: str, after: str, block: str) -> None:
    """after is before with block inserted once, and nothing else changed."""
    assert after.count(block) == 1, after
    assert after.replace(block, "", 1) == before


def test_evidence_subtables_stay_subtables_and_comments_stay_put(hand, run):
    assert run("update", "H-2", "--evidence", "Draft", "--date", "2009-05-05").exit_code == 0
    text = hand.read_text()
    inserted(HAND_WRITTEN, text, '\n[[actions.evidence]]\ndate = 2009-05-05\ntext = "Draft"\n')
    assert 'text = "Draft"\n\n# And this one describes H-3.\n[[actions]]' in text


def test_first_evidence_makes_a_multiline_array(workdir, run):
    p = workdir / "plans" / "sample.toml"
    assert (
        run("update", "SAM-T2-01", "--evidence", "Started", "--date", "2009-07-07").exit_code == 0
    )
    removed, added = diff_lines(SAMPLE, p.read_text())
    assert removed == ["evidence = []"]
    assert added == ["evidence = [", '  { date = 2009-07-07, text = "Started" },', "]"]


def test_evidence_key_added_when_missing(hand, run):
    text = HAND_WRITTEN.replace('evidence = [{ date = 2009-03-01, text = "one" }]\n', "")
    hand.write_text(text)
    assert run("update", "H-3", "--evidence", "first", "--date", "2009-01-02").exit_code == 0
    assert diff_lines(text, hand.read_text()) == (
        [],
        ["evidence = [", '  { date = 2009-01-02, text = "first" },', "]"],
    )


def test_evidence_date_defaults_to_as_of(workdir, run):
    r = run(
        "update",
        "SAM-T2-01",
        "--evidence",
        "x",
        "-f",
        "json",
        env={"ACTIONPLAN_TODAY": "2009-08-08"},
    )
    assert json.loads(r.stdout)["changes"][0]["new"]["date"] == "2009-08-08"


@pytest.mark.parametrize(
    "text",
    [
        'quote " and backslash \\ and pipe |',
        "line one\nline two",
        "tab\there",
        "bell\x07",
        "ünïcödé ✓",
    ],
)
def test_awkward_text_round_trips(workdir, run, text):
    r = run("update", "SAM-T1-02", "--evidence", text, "--date", "2009-01-01", "--title", text)
    assert r.exit_code == 0, r.output
    doc = json.loads(run("show", "SAM-T1-02", "-f", "json").stdout)
    assert doc["title"] == text and doc["evidence"][-1]["text"] == text
    changed = diff_lines(SAMPLE, (workdir / "plans" / "sample.toml").read_text())
    assert len(changed[0]) == 2  # title and the empty evidence array: nothing else


def test_noop_leaves_file_byte_identical_and_makes_no_commit(workdir, run):
    git(workdir, "init", "-q")
    git(workdir, "add", ".")
    git(workdir, "commit", "-qm", "init")
    p = workdir / "plans" / "sample.toml"
    before = p.read_bytes()
    r = run("update", "SAM-T1-01", "--status", "on-track", "--owner", "Workforce lead", "--commit")
    assert r.exit_code == 0
    assert "no change" in r.stderr
    assert p.read_bytes() == before
    assert git(workdir, "rev-list", "--count", "HEAD").strip() == "1"


def test_crlf_bom_and_no_final_newline_are_kept(workdir, run):
    p = workdir / "plans" / "sample.toml"
    raw = b"\xef\xbb\xbf" + SAMPLE.rstrip("\n").replace("\n", "\r\n").encode()
    p.write_bytes(raw)
    assert (
        run(
            "update", "SAM-T2-01", "--evidence", "a", "--date", "2009-01-01", "--status", "on-track"
        ).exit_code
        == 0
    )
    out = p.read_bytes()
    assert out.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in out.replace(b"\r\n", b"")  # no lone LF: endings not mixed
    assert not out.endswith(b"\n")
    assert out.count(b"\r\n") == raw.count(b"\r\n") + 2


def test_dry_run_shows_the_diff_and_writes_nothing(workdir, run):
    p = workdir / "plans" / "sample.toml"
    before = p.read_bytes()
    r = run("update", "SAM-T1-01", "--status", "complete", "--dry-run")
    assert r.exit_code == 0
    assert '-status = "on-track"' in r.stdout and '+status = "complete"' in r.stdout
    assert "dry run" in r.stderr
    assert p.read_bytes() == before


def test_mode_kept_and_symlink_followed(workdir, run):
    real = workdir / "store" / "real.toml"
    real.parent.mkdir()
    real.write_text(SAMPLE)
    real.chmod(0o640)
    (workdir / "plans" / "sample.toml").unlink()
    (workdir / "plans" / "sample.toml").symlink_to(real)
    assert run("update", "SAM-T1-01", "--status", "complete").exit_code == 0
    assert (workdir / "plans" / "sample.toml").is_symlink()
    assert 'status = "complete"' in real.read_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["update", "SAM-T1-1", "--status", "complete"], "no action 'SAM-T1-1' (did you mean"),
        (["update", "SAM-T1-01", "--status", "finished"], "unknown status 'finished'"),
        (["update", "SAM-T1-01", "--due", "31/12/2009"], "use YYYY-MM-DD"),
        (["update", "SAM-T1-01", "--due", "9999-12-31"], "actionplan handles dates from"),
        (["update", "SAM-T1-01", "--evidence", "x", "--date", "0001-01-01"], "handles dates"),
        (["update", "SAM-T1-01"], "nothing to change"),
        (["update", "SAM-T1-01", "--link", "https://x"], "give --evidence TEXT too"),
        (
            ["update", "SAM-T1-01", "--evidence", "x", "--link", "javascript:alert(1)"],
            "--link must be an absolute http://, https:// or mailto: URL, not 'javascript:alert(1)'",
        ),
        (["update", "SAM-T1-01", "--owner", " "], "--owner cannot be empty"),
        (["update", "SAM-T1-01", "--due", "2007-01-01"], "outside"),
        (["add", "sample", "--tier", "T9", "--title", "x"], "no tier 'T9' in sample"),
        (
            ["add", "sampel", "--tier", "T1", "--title", "x"],
            "no plan 'sampel' (did you mean 'sample'?)",
        ),
        (["add", "sample", "--tier", "T1", "--title", "x", "--id", "OTH-1"], "already taken"),
        (["add", "sample", "--tier", "T1", "--title", "  "], "--title cannot be empty"),
    ],
)
def test_bad_input_exits_2_and_leaves_files_alone(workdir, run, args, message):
    before = {p: p.read_bytes() for p in (workdir / "plans").iterdir()}
    r = run(*args)
    if message == "outside":  # a warning, not an error: the edit is allowed
        assert r.exit_code == 0
        return
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in (workdir / "plans").iterdir()} == before


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.domain)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "reports/q1.html",
        "//evil.example/x",
        "https:///no-host",
        "https://exa mple.org/",
    ],
)
def test_a_link_that_could_run_script_is_refused(workdir, run, link):
    before = {p: p.read_bytes() for p in (workdir / "plans").iterdir()}
    r = run("update", "SAM-T1-01", "--evidence", "Board pack", "--link", link, "--commit")
    assert r.exit_code == 2, r.output
    assert (
        r.stderr
        == f"error: --link must be an absolute http://, https:// or mailto: URL, not {link!r}\n"
    )
    assert {p: p.read_bytes() for p in (workdir / "plans").iterdir()} == before


@pytest.mark.parametrize(
    "link", ["https://example.org/board/2009-06", "HTTP://Example.org", "mailto:camhs@example.org"]
)
def test_http_https_and_mailto_links_are_recorded(workdir, run, link):
    r = run("update", "SAM-T1-02", "--evidence", "Leaflet published", "--link", link)
    assert r.exit_code == 0, r.output
    text = (workdir / "plans" / "sample.toml").read_text()
    assert f'link = "{link}"' in text


def test_edit_that_would_break_the_plan_is_refused(workdir, run):
    p = workdir / "plans" / "sample.toml"
    p.write_text(p.read_text().replace('id = "SAM-T2-02"', 'id = "SAM-T2-02"\nstart = 2009-01-01'))
    before = p.read_bytes()
    r = run("update", "SAM-T2-02", "--due", "2008-12-31")
    assert r.exit_code == 2
    assert "would make the plans invalid" in r.stderr and "before start" in r.stderr
    assert p.read_bytes() == before


def test_add_uses_the_plans_id_pattern_and_style(workdir, run):
    p = workdir / "plans" / "sample.toml"
    r = run(
        "add",
        "sample",
        "--tier",
        "T1",
        "--title",
        "Third T1 action",
        "--owner",
        "Lead",
        "--due",
        "2010-01-31",
    )
    assert r.exit_code == 0, r.output
    assert "SAM-T1-03" in r.stdout
    text = p.read_text()
    inserted(
        SAMPLE,
        text,
        '\n[[actions]]\nid = "SAM-T1-03"\ntier = "T1"\ntitle = "Third T1 action"\nowner = "Lead"\n'
        'status = "not-started"\ndue = 2010-01-31\nevidence = []\n',
    )
    # After the last action of its tier, before the first T2 action.
    assert (
        text.index('id = "SAM-T1-02"')
        < text.index('id = "SAM-T1-03"')
        < text.index('id = "SAM-T2-01"')
    )
    doc = json.loads(run("show", "SAM-T1-03", "-f", "json").stdout)
    assert doc["tier"] == "T1" and doc["due"] == "2010-01-31"


def test_add_next_id_without_tier_in_pattern(workdir, run):
    r = run("add", "other", "--tier", "X", "--title", "Consult", "-f", "json")
    assert json.loads(r.stdout)["id"] == "OTH-2"
    assert (
        (workdir / "plans" / "other.toml")
        .read_text()
        .endswith(
            'owner = "Cabinet"\nstatus = "not-started"\ndue = 2009-01-01\n\n[[actions]]\nid = "OTH-2"\n'
            'tier = "X"\ntitle = "Consult"\nstatus = "not-started"\nevidence = []\n'
        )
    )


def test_add_keeps_comment_of_the_following_action(hand, run):
    assert run("add", "hand", "--tier", "T1", "--title", "New").exit_code == 0
    text = hand.read_text()
    # After H-2 (the last T1 action) and its evidence, before the comment about H-3;
    # aligned like the plan's first action.
    block = '\n[[actions]]\nid     = "H-4"\ntier   = "T1"\ntitle  = "New"\nstatus = "not-started"\n'
    inserted(HAND_WRITTEN, text, block + "evidence = []\n")
    assert 'text = "Scoping note"\n' + block in text
    assert '\n# And this one describes H-3.\n[[actions]]\nid = "H-3"' in text


def test_add_aligned_when_the_plan_aligns(tmp_path, monkeypatch, run):
    plans = tmp_path / "plans"
    plans.mkdir()
    p = plans / "a.toml"
    p.write_text(
        'title = "A"\norganisation = "O"\nstart = 2008-01-01\nend = 2010-01-01\n\n'
        '[[tiers]]\nid = "T1"\nname = "U"\n\n'
        '[[actions]]\nid     = "A-01"\ntier   = "T1"\ntitle  = "x"\nowner  = "o"\nstatus = "on-track"\n'
    )
    monkeypatch.chdir(tmp_path)
    assert run("add", "a", "--tier", "T1", "--title", "y").exit_code == 0
    assert p.read_text().endswith(
        '\n[[actions]]\nid     = "A-02"\ntier   = "T1"\ntitle  = "y"\nstatus = "not-started"\n'
        "evidence = []\n"
    )


# --- committing ---------------------------------------------------------------------


@pytest.fixture
def repo(workdir) -> Path:
    git(workdir, "init", "-q", "-b", "main")
    git(workdir, "config", "user.name", "Strategy Lead")
    git(workdir, "config", "user.email", "lead@example.org")
    git(workdir, "add", ".")
    git(workdir, "commit", "-qm", "init", date="2009-01-01T10:00:00")
    return workdir


def test_commit_commits_only_the_plan(repo, run):
    (repo / "notes.txt").write_text("staged, not ours")
    git(repo, "add", "notes.txt")
    r = run(
        "update",
        "SAM-T2-01",
        "--status",
        "off-track",
        "--evidence",
        "Role paper deferred",
        "--commit",
    )
    assert r.exit_code == 0, r.output
    assert "committed" in r.stderr
    log = git(repo, "log", "-1", "--format=%an|%s", "--name-only")
    assert (
        log.splitlines()[0] == "Strategy Lead|SAM-T2-01: status at-risk → off-track; evidence added"
    )
    assert log.splitlines()[-1] == "plans/sample.toml"
    assert "notes.txt" in git(repo, "diff", "--cached", "--name-only")  # still staged


def test_commit_message_option_and_json(repo, run):
    r = run(
        "update",
        "SAM-T1-01",
        "--owner",
        "New lead",
        "--commit",
        "-m",
        "Board 2009-06",
        "-f",
        "json",
    )
    doc = json.loads(r.stdout)
    assert doc["written"] is True and len(doc["commit"]) == 40
    assert git(repo, "log", "-1", "--format=%s").strip() == "Board 2009-06"


def test_add_with_commit(repo, run):
    r = run("add", "other", "--tier", "X", "--title", "Consult", "--commit")
    assert r.exit_code == 0
    assert git(repo, "log", "-1", "--format=%s").strip() == "OTH-2: added 'Consult'"


def test_commit_without_identity_is_refused(workdir, run):
    git(workdir, "init", "-q")
    r = run("update", "SAM-T1-01", "--status", "complete", "--commit")
    assert r.exit_code == 2
    assert "no git identity" in r.stderr
    assert "edited but not committed" in r.stderr
    assert 'status = "complete"' in (workdir / "plans" / "sample.toml").read_text()


def test_commit_outside_git(workdir, run):
    r = run("update", "SAM-T1-01", "--status", "complete", "--commit")
    assert r.exit_code == 2
    assert "not inside a git repository" in r.stderr and "edited but not committed" in r.stderr


def test_commit_with_a_locked_index(repo, run):
    (repo / ".git" / "index.lock").write_text("")
    r = run("update", "SAM-T1-01", "--status", "complete", "--commit")
    assert r.exit_code == 2
    assert "index is locked" in r.stderr and "edited but not committed" in r.stderr


def test_lock_file_is_kept_out_of_git(repo, run):
    assert run("update", "SAM-T1-01", "--status", "complete").exit_code == 0
    assert git(repo, "status", "--porcelain").strip() == "M plans/sample.toml"


# --- safety under concurrency and interruption ---------------------------------------


def test_concurrent_updates_all_land(workdir):
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "actionplan",
                "update",
                "SAM-T2-01",
                "--evidence",
                f"note {i}",
                "--date",
                "2009-01-01",
            ],
            cwd=workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(8)
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    import tomllib

    data = tomllib.loads((workdir / "plans" / "sample.toml").read_text())
    texts = sorted(e["text"] for e in data["actions"][2]["evidence"])
    assert texts == sorted(f"note {i}" for i in range(8))


def test_failed_write_leaves_the_original_and_no_temp_file(workdir, monkeypatch):
    from actionplan.edit import write
    from actionplan.edit.requests import UpdateRequest, update_editor

    p = workdir / "plans" / "sample.toml"
    before = p.read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write.apply(
            p, "SAM-T1-01", update_editor("SAM-T1-01", UpdateRequest.of({"status": "complete"}))
        )
    assert p.read_bytes() == before
    # Only the plans and the lock file (hidden beside the plan outside a git repository).
    assert sorted(x.name for x in p.parent.iterdir()) == [
        ".sample.toml.lock",
        "other.toml",
        "sample.toml",
    ]


INTERRUPTED = """
import sys
from pathlib import Path
from actionplan.edit.requests import EvidenceInput, UpdateRequest, update_editor
from actionplan.edit.write import apply
from actionplan.cli import exit_on_sigterm
exit_on_sigterm()
p = Path(sys.argv[1])
i = 0
while True:
    i += 1
    apply(p, "SAM-T2-01", update_editor("SAM-T2-01", UpdateRequest.of({}, EvidenceInput(
        __import__("datetime").date(2009, 1, 1), "x" * 5000 + str(i)))))
"""


@pytest.mark.parametrize(
    ("delay", "signame"),
    [(0.3, "SIGINT"), (0.45, "SIGINT"), (0.6, "SIGTERM"), (0.8, "SIGTERM")],
)
def test_interrupted_writer_leaves_a_whole_file(workdir, delay, signame):
    """Ctrl-C (or SIGTERM) at some moment of a busy writer: the plan parses and no temp
    file is left."""
    import signal
    import time
    import tomllib

    p = workdir / "plans" / "sample.toml"
    proc = subprocess.Popen([sys.executable, "-c", INTERRUPTED, str(p)], stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(getattr(signal, signame))
    proc.communicate(timeout=30)
    data = tomllib.loads(p.read_text())
    assert data["actions"][2]["id"] == "SAM-T2-01"
    assert not [x for x in os.listdir(p.parent) if x.endswith(".tmp")]


INLINE = """\
title = "I"
organisation = "O"
start = 2008-01-01
end = 2010-01-01
tiers = [{ id = "T1", name = "U" }]
actions = [
  { id = "I-1", tier = "T1", title = "One", owner = "A", status = "on-track" },  # first
  { id = "I-2", tier = "T1", title = "Two", owner = "B", status = "at-risk" },
]
"""


def test_plans_written_as_an_inline_array_are_edited_in_place(tmp_path, monkeypatch, run):
    (tmp_path / "plans").mkdir()
    p = tmp_path / "plans" / "inl.toml"
    p.write_text(INLINE)
    monkeypatch.chdir(tmp_path)
    assert (
        run(
            "update", "I-2", "--status", "complete", "--evidence", "done", "--date", "2009-01-01"
        ).exit_code
        == 0
    )
    assert diff_lines(INLINE, p.read_text()) == (
        ['  { id = "I-2", tier = "T1", title = "Two", owner = "B", status = "at-risk" },'],
        [
            '  { id = "I-2", tier = "T1", title = "Two", owner = "B", status = "complete", '
            'evidence = [{ date = 2009-01-01, text = "done" }] },'
        ],
    )
    before = p.read_text()
    r = run("add", "inl", "--tier", "T1", "--title", "Three")
    assert r.exit_code == 0, r.output
    assert diff_lines(before, p.read_text()) == (
        [],
        ['  { id = "I-3", tier = "T1", title = "Three", status = "not-started", evidence = [] },'],
    )


# --- verification of an edit to one block -------------------------------------------


@pytest.mark.parametrize(
    "smuggle",
    [
        # Besides the intended status, the editor also changes the plan's title...
        lambda t: t.replace('title = "Sample Strategy"', 'title = "Other"'),
        # ...or a line of another action...
        lambda t: t.replace('owner = "Comms lead"', 'owner = "Someone"'),
        # ...or ends the action's block with a table of its own...
        lambda t: t.replace(
            'status = "off-track"\n', 'status = "off-track"\n\n[extra]\nx = 1\n', 1
        ),
        # ...or gives the action a key more than it says.
        lambda t: t.replace('status = "at-risk"', 'status = "at-risk"\nnotes = "x"', 1),
    ],
)
def test_an_edit_that_does_more_than_it_says_is_refused(workdir, smuggle):
    """Verifying a one-block edit by parsing the block alone never lets through a text
    that changes anything else: such an edit is refused as a whole parse refuses it."""
    from actionplan.edit.requests import UpdateRequest, update_editor
    from actionplan.edit.write import apply
    from actionplan.errors import EditError

    p = workdir / "plans" / "sample.toml"
    before = p.read_bytes()
    honest = update_editor("SAM-T1-01", UpdateRequest.of({"status": "at-risk"}))

    def editor(src, data):
        text, changes, expected = honest(src, data)
        return smuggle(text), changes, expected

    with pytest.raises(EditError, match="change more than asked|not be valid TOML"):
        apply(p, "SAM-T1-01", editor)
    assert p.read_bytes() == before


TIGHT = """\
title = "T"
organisation = "O"
start = 2008-04-01
end = 2011-03-31

[[tiers]]
id = "T1"
name = "U"

[[actions]]
id = "A-1"
tier = "T1"
title = "A"
owner = "L"
status = "on-track"
[[actions.evidence]]
date = 2009-01-01
text = "one"

[[measures]]
id = "M-1"
title = "W"
unit = "children"
better = "lower"
frequency = "quarterly"
[[measures.values]]
date = 2009-03-31
value = 10
"""


def test_new_sub_tables_follow_the_files_spacing(tmp_path, monkeypatch, run):
    """Sub-tables written without a blank line before them get none either."""
    (tmp_path / "plans").mkdir()
    p = tmp_path / "plans" / "tight.toml"
    p.write_text(TIGHT)
    monkeypatch.chdir(tmp_path)
    assert run("update", "A-1", "--evidence", "two", "--date", "2009-02-01").exit_code == 0
    assert run("record", "M-1", "9", "--date", "2009-06-30").exit_code == 0
    text = p.read_text()
    assert 'text = "one"\n[[actions.evidence]]\ndate = 2009-02-01\ntext = "two"\n\n' in text
    assert "value = 10\n[[measures.values]]\ndate = 2009-06-30\nvalue = 9\n" in text
