"""Tables on a terminal (rich) and piped (plain), and the progress bar of long reads."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Terminal, actionplan, on_terminal

AS_OF = "2009-10-01"
ROOT = Path(__file__).resolve().parent.parent


def big_plan(n: int, status: str = "off-track", title: str = "Action") -> str:
    """A plan of n actions, all with the given status, due before AS_OF."""
    out = [
        'title = "Big Strategy"',
        'organisation = "Big Trust"',
        "start = 2008-04-01",
        "end = 2011-03-31",
        "",
        "[[tiers]]",
        'id = "T1"',
        'name = "Universal"',
    ]
    for i in range(1, n + 1):
        out += [
            "",
            "[[actions]]",
            f'id = "BIG-{i:03d}"',
            'tier = "T1"',
            f'title = "{title} {i}"',
            'owner = "Lead"',
            f'status = "{status}"',
            "due = 2009-06-30",
        ]
    return "\n".join(out) + "\n"


@pytest.fixture
def big(tmp_path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "big.toml").write_text(big_plan(14), encoding="utf-8")
    return tmp_path


def rows(out: bytes, prefix: str) -> list[str]:
    """The ids of the table rows drawn on a terminal (box-drawn: `│ ID …`)."""
    return re.findall(rf"│ ({prefix}-\d+) ", out.decode())


# --- piped -----------------------------------------------------------------------------


def test_piped_list_is_read_by_awk(workdir):
    """Piped tables are plain: a header, a rule, one line per row, so awk takes the ids."""
    lister = subprocess.Popen(
        [sys.executable, "-m", "actionplan", "list", "--as-of", AS_OF],
        cwd=workdir,
        stdout=subprocess.PIPE,
    )
    awk = subprocess.run(["awk", "{print $1}"], stdin=lister.stdout, capture_output=True, text=True)
    lister.stdout.close()
    assert lister.wait() == 0 and awk.returncode == 0
    lines = awk.stdout.splitlines()
    assert lines[0] == "ID" and set(lines[1]) == {"-"}
    assert lines[2:] == ["OTH-1", "SAM-T1-01", "SAM-T1-02", "SAM-T2-01", "SAM-T2-02"]
    assert "\x1b" not in awk.stdout


def test_piped_status_keeps_every_exception(big):
    r = actionplan("status", "--as-of", AS_OF, cwd=big)
    assert r.returncode == 0
    assert "Exceptions (14)" in r.stdout
    assert len(re.findall(r"^BIG-\d+ ", r.stdout, re.M)) == 14
    assert "more" not in r.stdout and "│" not in r.stdout
    doc = json.loads(actionplan("status", "--as-of", AS_OF, "-f", "json", cwd=big).stdout)
    assert len(doc["plans"][0]["exceptions"]) == 14


def test_piped_tables_do_not_import_rich(story):
    """history and report, piped, draw nothing with rich (status and list: test_startup)."""
    probe = (
        "import sys\nfrom actionplan.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('RICH=%s\\n' % ('rich' in sys.modules))\n"
    )
    for args in (["history"], ["history", "-f", "json"], ["report"], ["show", "SAM-T2-01"]):
        r = subprocess.run(
            [sys.executable, "-c", probe, *args], cwd=story, capture_output=True, text=True
        )
        assert "RICH=False" in r.stderr, (args, r.stderr)


# --- on a terminal ---------------------------------------------------------------------


def test_status_on_a_terminal_shows_the_first_exceptions_and_how_to_see_all(big):
    out = on_terminal(["status", "--as-of", AS_OF], big, {"NO_COLOR": "1"}, 100)
    text = out.decode()
    assert "┃" in text and "│" in text  # box-drawn
    assert rows(out, "BIG") == [f"BIG-{i:03d}" for i in range(1, 11)]
    hint = "… and 4 more (all 14: actionplan list big --exceptions --as-of 2009-10-01)"
    assert hint in text
    # The command in the hint lists exactly the plan's exceptions.
    r = actionplan("list", "big", "--exceptions", "--as-of", AS_OF, "-f", "json", cwd=big)
    assert [a["id"] for a in json.loads(r.stdout)["actions"]] == [
        f"BIG-{i:03d}" for i in range(1, 15)
    ]


def test_status_hint_carries_the_filters(big):
    out = on_terminal(
        ["status", "big", "--owner", "Lead", "--tier", "T1", "--plans", "plans", "--as-of", AS_OF],
        big,
        {"NO_COLOR": "1"},
        200,
    )
    assert (
        "(all 14: actionplan list big --exceptions --tier T1 --owner Lead --plans plans "
        "--as-of 2009-10-01)"
    ) in out.decode()


def test_list_exceptions_filter(workdir, run):
    r = run("list", "--exceptions", "--as-of", AS_OF, "-f", "json")
    assert [a["id"] for a in json.loads(r.stdout)["actions"]] == [
        "OTH-1",
        "SAM-T1-02",
        "SAM-T2-01",
    ]
    r = run("list", "--exceptions", "--status", "at-risk", "--as-of", AS_OF, "-f", "json")
    assert [a["id"] for a in json.loads(r.stdout)["actions"]] == ["SAM-T2-01"]


def test_status_counts_share_one_column_on_a_terminal(workdir):
    out = on_terminal(["status", "sample", "--as-of", AS_OF], workdir, {}, 100).decode()
    assert "By status" in out
    # Each count in its RAG colour: on-track green, at-risk amber, off-track red.
    assert "\x1b[32m1 on-track" in out and "\x1b[33m1 at-risk" in out
    assert "\x1b[1;31m1 off-track" in out and "\x1b[34m1 complete" in out
    assert max(len(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in out.splitlines()) <= 100


def test_long_lists_are_cut_on_a_terminal_only(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "big.toml").write_text(big_plan(120), encoding="utf-8")
    out = on_terminal(["list", "--as-of", AS_OF], tmp_path, {"NO_COLOR": "1"}, 120)
    assert len(rows(out, "BIG")) == 100
    assert "… and 20 more (every row: actionplan list --as-of 2009-10-01 | less)" in out.decode()
    piped = actionplan("list", "--as-of", AS_OF, cwd=tmp_path).stdout
    assert len(re.findall(r"^BIG-\d+ ", piped, re.M)) == 120


def test_user_text_is_not_markup_on_a_terminal(workdir):
    p = workdir / "plans" / "sample.toml"
    p.write_text(
        p.read_text().replace(
            'title = "Publish information for families"',
            'title = "[bold]Loud[/bold] [link=https://example.org]x[/link] :smile: \\u001b[31mred"',
        )
    )
    out = on_terminal(["list", "sample", "--as-of", AS_OF], workdir, {"NO_COLOR": "1"}, 200)
    text = out.decode()
    assert "[bold]Loud[/bold] [link=https://example.org]x[/link] :smile: \\x1b[31mred" in text
    assert "\x1b" not in text  # no colour asked for, and the user's escape is shown, not sent


def test_dumb_terminal_gets_no_escape_codes(workdir):
    out = on_terminal(["status", "sample", "--as-of", AS_OF], workdir, {"TERM": "dumb"}, 100)
    assert b"\x1b" not in out and "SAM-T1-02" in out.decode()


def test_ids_and_dates_never_break_on_a_narrow_terminal(workdir):
    """Columns that do not wrap keep every id and date whole: at 30 columns the table is
    drawn wider than the terminal rather than cut."""
    out = on_terminal(["overdue", "--as-of", AS_OF], workdir, {"NO_COLOR": "1"}, 30).decode()
    for whole in ("SAM-T1-02", "OTH-1", "2009-06-30", "(93d late)", "2009-01-01", "(273d late)"):
        assert whole in out
    # On a terminal how late an action is goes under its due date; piped, beside it.
    assert re.search(r"  2009-06-30 .*\n.*  \(93d late\) ", out)
    assert "│" not in out  # too narrow for borders: columns two spaces apart


def test_a_table_too_wide_for_borders_drops_them_and_fits(workdir):
    """At 75 columns the bordered overdue table does not fit; without borders it does."""
    wide = on_terminal(["overdue", "--as-of", AS_OF], workdir, {"NO_COLOR": "1"}, 120).decode()
    assert "┃ ID" in wide
    out = on_terminal(["overdue", "--as-of", AS_OF], workdir, {"NO_COLOR": "1"}, 75).decode()
    assert "┃" not in out and "─" in out
    assert max(len(line) for line in out.splitlines()) <= 75
    assert "2009-06-30 (93d late)" in actionplan("overdue", "--as-of", AS_OF, cwd=workdir).stdout


# --- progress on long reads ------------------------------------------------------------


@pytest.fixture(scope="module")
def long_history(tmp_path_factory) -> Path:
    """A repository of 4,000 commits, long enough for history to take over half a second."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return synth.history_repo(tmp_path_factory.mktemp("long") / "repo", 20, 4000)


def test_progress_bar_on_a_long_history(long_history):
    term = Terminal(["history", "--format", "json"], long_history, {"NO_COLOR": "1"})
    assert term.read_until(b"Reading history"), term.output[-500:]
    assert term.finish() == 0
    assert re.search(rb"\d+/4000 commits", term.output)


def test_no_progress_bar_when_stderr_is_not_a_terminal(long_history):
    for args in (["history", "-f", "json"], ["report", "-o", "paper.md"]):
        r = actionplan(*args, cwd=long_history)
        assert r.returncode == 0, r.stderr
        assert r.stderr in ("", "wrote paper.md\n")


def test_a_terminal_history_shows_the_latest_changes(long_history):
    out = on_terminal(["history"], long_history, {"NO_COLOR": "1"}).decode()
    shown = re.findall(r"│ (\d{4}-\d\d-\d\d) │", out)
    assert len(shown) == 100
    assert re.search(r"… \d+ earlier changes \(every row: actionplan history \| less\)", out)
    last = json.loads(actionplan("history", "-f", "json", cwd=long_history).stdout)["events"][-1]
    assert shown[-1] == last["date"][:10]


def test_ctrl_c_during_a_long_read_exits_130_and_removes_the_bar(long_history):
    term = Terminal(["history"], long_history, {"NO_COLOR": "1"})
    assert term.read_until(b"Reading history"), term.output[-500:]
    term.interrupt()
    assert term.finish() == 130
    after = term.output[term.output.rindex(b"Reading history") :]
    assert b"\x1b[2K" in after  # the bar's line is erased
    assert after.rstrip().endswith(b"error: interrupted")
    assert b"Traceback" not in term.output
    assert not any(p.name.endswith(".tmp") for p in Path(long_history).rglob("*"))


def test_progress_is_not_shown_for_short_reads(story):
    out = on_terminal(["history"], story, {"NO_COLOR": "1"}).decode()
    assert "Reading history" not in out and "SAM-T2-01" in out


def test_check_summary_is_a_table_on_a_terminal(workdir):
    p = workdir / "plans" / "sample.toml"
    p.write_text(
        p.read_text()
        .replace('status = "on-track"', 'status = "ontrack"')
        .replace('owner = "Comms lead"\n', "")
    )
    out = on_terminal(["check"], workdir, {"NO_COLOR": "1"}, 100).decode()
    assert "plans/sample.toml:22:1: error E004" in out  # the problem lines are unchanged
    assert "2 plan files checked: 1 error, 1 warning" in out
    assert re.search(r"│ plans/sample\.toml\s+│\s+1 │\s+1 │", out)
    assert re.search(r"│ plans/other\.toml\s+│\s+0 │\s+0 │", out)
    assert re.search(r"│ All\s+│\s+1 │\s+1 │", out)


def test_show_on_a_terminal_keeps_each_field_on_its_line(workdir):
    out = on_terminal(["show", "SAM-T1-02", "--as-of", AS_OF], workdir, {"NO_COLOR": "1"}, 100)
    text = out.decode()
    assert re.search(r"^due +2009-06-30 \(93d late\)\r?$", text, re.M)
    assert "depends on" not in text and "No evidence recorded." in text


def test_a_borderless_table_that_fits_exactly_is_not_drawn_wider(monkeypatch):
    """An id column of 20 and a wrapping one need 35 columns with borders and 30 without
    (20 + two spaces + the 8 a wrapping column keeps at least): at 30 to 34 columns the
    table is drawn without borders, within the terminal."""
    import io

    from actionplan.render import Column, Out

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    for width in (30, 32, 34):
        monkeypatch.setenv("COLUMNS", str(width))
        stream = Terminal()
        words = "lorem ipsum dolor sit amet consectetur adipiscing"
        Out(stream).table([Column("A"), Column("B", wrap=True)], [["a" * 20, words]])
        lines = stream.getvalue().splitlines()
        assert "┃" not in stream.getvalue()
        assert max(len(line) for line in lines) <= width, (width, lines)
