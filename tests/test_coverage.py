"""coverage: counts per plan and tier, the roll-up, gaps, exit codes, JSON and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from actionplan.model import Action, Status, rollup
from tests.conftest import FRAMEWORK, align

AS_OF = "2009-06-01"


def cover(run, *args: str):
    r = run("coverage", "--as-of", AS_OF, *args, "--format", "json")
    return r.exit_code, json.loads(r.stdout) if r.stdout else None


@pytest.fixture
def aligned(fwdir):
    """The sample plans aligned to all but SF-ESCALATE."""
    align(fwdir, "SAM-T1-01", "SF-ACCESS", "SF-RIGHTS")  # on-track
    align(fwdir, "SAM-T2-01", "SF-ACCESS")  # at-risk
    align(fwdir, "OTH-1", "SF-RIGHTS", plan="other")  # not-started, due 2009-01-01: overdue
    return fwdir


def test_counts_rollup_and_gaps(aligned, run):
    code, doc = cover(run)
    assert code == 1  # SF-ESCALATE is served by nothing
    assert doc["as_of"] == AS_OF
    [fw] = doc["frameworks"]
    assert (fw["id"], fw["title"], fw["covered"], fw["total"]) == (
        "sample-framework",
        "Sample Framework",
        2,
        3,
    )
    assert fw["gaps"] == ["SF-ESCALATE"]
    # Plans in file order (other.toml, sample.toml), then tiers in plan order.
    assert [(c["plan"], c["tier"]) for c in fw["columns"]] == [
        ("other", "X"),
        ("sample", "T1"),
        ("sample", "T2"),
    ]
    rows = {p["id"]: p for p in fw["principles"]}
    assert list(rows) == ["SF-ACCESS", "SF-RIGHTS", "SF-ESCALATE"]  # the file's order
    access, rights, escalate = rows["SF-ACCESS"], rows["SF-RIGHTS"], rows["SF-ESCALATE"]
    assert [a["id"] for a in access["actions"]] == ["SAM-T1-01", "SAM-T2-01"]
    assert [c["count"] for c in access["cells"]] == [0, 1, 1]
    assert access["counts"]["on-track"] == 1 and access["counts"]["at-risk"] == 1
    assert access["rag"] == "amber" and access["covered"] is True
    # OTH-1 is not started but overdue: the principle rolls up red.
    assert [c["count"] for c in rights["cells"]] == [1, 1, 0]
    assert rights["rag"] == "red" and rights["overdue"] == 1
    assert escalate["actions"] == [] and escalate["rag"] is None
    assert escalate["covered"] is False and sum(escalate["counts"].values()) == 0


def test_json_shape(aligned, run):
    _, doc = cover(run)
    assert set(doc) == {"as_of", "frameworks"}
    fw = doc["frameworks"][0]
    assert {"id", "title", "covered", "total", "principles"} <= set(fw)
    p = fw["principles"][0]
    assert {"id", "section", "title", "actions", "counts", "rag", "covered"} <= set(p)
    assert p["section"] == "core"
    assert list(p["counts"]) == [
        "not-started",
        "on-track",
        "at-risk",
        "off-track",
        "complete",
        "cancelled",
    ]
    # The actions are as every other command prints them.
    listed = json.loads(run("list", "--as-of", AS_OF, "-f", "json").stdout)["actions"]
    assert p["actions"][0] == next(a for a in listed if a["id"] == "SAM-T1-01")


def test_every_principle_served_exits_0(aligned, run):
    align(aligned, "SAM-T1-02", "SF-ESCALATE")
    code, doc = cover(run)
    assert code == 0 and doc["frameworks"][0]["gaps"] == []


def test_cancelled_actions_do_not_serve_and_complete_rolls_up_blue(aligned, run):
    path = aligned / "plans" / "sample.toml"
    align(aligned, "SAM-T1-02", "SF-ESCALATE")  # off-track ...
    path.write_text(path.read_text().replace('status = "off-track"', 'status = "cancelled"'))
    align(aligned, "SAM-T2-02", "SF-ESCALATE")  # ... and complete
    code, doc = cover(run)
    esc = doc["frameworks"][0]["principles"][2]
    assert code == 0 and esc["rag"] == "blue"
    assert [a["id"] for a in esc["actions"]] == ["SAM-T1-02", "SAM-T2-02"]
    assert esc["counts"]["cancelled"] == 1 and esc["counts"]["complete"] == 1
    assert [c["count"] for c in esc["cells"]] == [0, 0, 1]  # the cancelled one is not counted
    path.write_text(path.read_text().replace('status = "complete"', 'status = "cancelled"'))
    code, doc = cover(run)
    esc = doc["frameworks"][0]["principles"][2]
    assert code == 1 and esc["covered"] is False and esc["rag"] is None
    assert doc["frameworks"][0]["gaps"] == ["SF-ESCALATE"]


def _action(status: str, due: date | None = None) -> Action:
    return Action("A", "p", "T1", "t", Status(status), due=due)


@pytest.mark.parametrize(
    ("statuses", "rag"),
    [
        ([], None),
        (["cancelled"], None),
        (["complete"], "blue"),
        (["complete", "cancelled"], "blue"),
        (["not-started"], "grey"),
        (["complete", "not-started"], "grey"),
        (["not-started", "on-track", "complete"], "green"),
        (["on-track", "at-risk"], "amber"),
        (["at-risk", "off-track", "on-track"], "red"),
        (["off-track", "cancelled"], "red"),
    ],
)
def test_rollup_is_the_worst_open_status(statuses, rag):
    assert rollup([_action(s) for s in statuses], date(2009, 1, 1)) == rag


def test_an_overdue_open_action_rolls_up_red():
    late = _action("on-track", due=date(2008, 12, 31))
    assert rollup([late], date(2009, 1, 1)) == "red"
    assert rollup([late], date(2008, 12, 31)) == "green"  # due today: not yet overdue
    done = _action("complete", due=date(2008, 12, 31))
    assert rollup([done], date(2009, 1, 1)) == "blue"


def test_table_lists_gaps_first_and_after_the_table(aligned, run):
    r = run("coverage", "--as-of", AS_OF)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0] == "Sample Framework"
    assert "2 of 3 principles served" in lines[1]
    assert (
        lines[2]
        == "Columns: other: X Joint commissioning; sample: T1 Universal Services, T2 Targeted Services"
    )
    assert "\x1b[" not in r.stdout  # piped: no colour, one row per line
    header = next(line for line in lines if line.startswith("ID"))
    assert header.split() == [
        "ID",
        "Principle",
        "other",
        "X",
        "sample",
        "T1",
        "sample",
        "T2",
        "RAG",
        "Actions",
    ]
    body = "\n".join(lines)
    assert body.index("Risk and escalation") < body.index("SF-ESCALATE  Clear escalation")
    row = next(line for line in lines if line.startswith("SF-ACCESS "))
    assert row.split()[-6:] == ["0", "1", "1", "amber", "SAM-T1-01,", "SAM-T2-01"]
    row = next(line for line in lines if line.startswith("SF-ESCALATE "))
    assert row.split()[-4:] == ["0", "0", "0", "gap"]
    after = lines[lines.index("Gaps (1): principles no action serves") :]
    assert after[1].split() == [
        "SF-ESCALATE",
        "Clear",
        "escalation",
        "pathways,",
        "in",
        "hours",
        "and",
        "out",
        "of",
        "hours",
    ]


def test_gaps_come_first_within_a_section(fwdir, run):
    align(fwdir, "SAM-T1-01", "SF-RIGHTS", "SF-ESCALATE")
    r = run("coverage", "--as-of", AS_OF)
    ids = [line.split()[0] for line in r.stdout.splitlines() if line.startswith("SF-")]
    assert ids[:3] == ["SF-ACCESS", "SF-RIGHTS", "SF-ESCALATE"]  # SF-ACCESS is the gap
    doc = json.loads(run("coverage", "--as-of", AS_OF, "-f", "json").stdout)
    assert doc["frameworks"][0]["gaps"] == ["SF-ACCESS"]
    # In the file, SF-RIGHTS comes first in its section only once it is a gap too.
    path = fwdir / "plans" / "sample.toml"
    path.write_text(path.read_text().replace('"SF-RIGHTS", ', ""))
    r = run("coverage", "--as-of", AS_OF)
    ids = [line.split()[0] for line in r.stdout.splitlines() if line.startswith("SF-")]
    assert ids[:2] == ["SF-ACCESS", "SF-RIGHTS"] and "Gaps (2)" in r.stdout


def test_cancelled_actions_are_shown_apart(aligned, run):
    path = aligned / "plans" / "sample.toml"
    align(aligned, "SAM-T1-02", "SF-ESCALATE")
    path.write_text(path.read_text().replace('status = "off-track"', 'status = "cancelled"'))
    r = run("coverage", "--as-of", AS_OF)
    row = next(line for line in r.stdout.splitlines() if line.startswith("SF-ESCALATE "))
    assert row.split()[-3:] == ["gap", "(cancelled:", "SAM-T1-02)"]


def test_matrix_on_a_100_column_terminal(tmp_path):
    """The bundled matrix at 100 columns: nothing wider, titles wrapped, ids whole."""
    from tests.conftest import on_terminal

    root = Path(__file__).resolve().parent.parent
    out = on_terminal(
        [
            "coverage",
            "--as-of",
            "2022-06-30",
            "--plans",
            str(root / "plans"),
            "--frameworks",
            str(root / "frameworks"),
        ],
        tmp_path,
        {"NO_COLOR": "1"},
        100,
    ).decode()
    lines = out.replace("\r", "").splitlines()
    assert max(len(line) for line in lines) <= 100
    assert any(line.startswith("┏") for line in lines)  # drawn by rich
    cells = [part.strip() for line in lines for part in line.split("│")]
    words = {w.rstrip(",") for c in cells for w in c.split()}
    from actionplan.load import load_frameworks, load_plans

    for fw in load_frameworks(str(root / "frameworks")):
        for p in fw.principles:
            assert p.id in words, p.id  # never broken across lines
    for plan in load_plans(str(root / "plans"), ["scotland"]):
        for a in plan.actions:
            assert a.id in words, a.id
    # Long titles wrap: the longest principle title is spread over several lines.
    assert "SCF-RISK-WHOLE-SYSTEM" in out and "CAMHS services" in out
    assert "No gaps: every principle is served by at least one action." in out


def test_narrowed_to_a_framework_and_unknown_framework(aligned, run):
    (aligned / "frameworks" / "other-framework.toml").write_text(
        'title = "Other"\n\n[[principles]]\nid = "OF-1"\ntitle = "One"\n'
    )
    code, doc = cover(run)
    assert code == 1 and [f["id"] for f in doc["frameworks"]] == [
        "other-framework",
        "sample-framework",
    ]
    other = doc["frameworks"][0]
    assert other["principles"][0]["section"] is None and other["columns"] == []
    code, doc = cover(run, "sample-framework")
    assert [f["id"] for f in doc["frameworks"]] == ["sample-framework"]
    r = run("coverage", "sample-framwork")
    assert r.exit_code == 2
    assert r.stderr == (
        "error: no framework 'sample-framwork' (did you mean 'sample-framework'?); "
        "frameworks: other-framework, sample-framework\n"
    )


# --- bad input: one exit-2 line ----------------------------------------------------------


def test_no_framework_anywhere_is_exit_2_not_an_empty_matrix(workdir, run):
    r = run("coverage")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("error: no framework found: give --frameworks PATH")
    assert len(r.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'title = "Rights-based"',
            'title = "Rights',
            "error: frameworks/sample-framework.toml:26:16: ",
        ),
        (
            'id = "SF-RIGHTS"\n',
            "",
            "error: frameworks/sample-framework.toml:23:1: principle #2: missing required key "
            "'id' (run 'actionplan check' to see every problem)",
        ),
    ],
)
def test_bad_framework_file_is_one_line(aligned, run, old, new, message):
    path = aligned / "frameworks" / "sample-framework.toml"
    path.write_text(FRAMEWORK.replace(old, new))
    before = path.read_bytes()
    r = run("coverage")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith(message) and len(r.stderr.splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr and path.read_bytes() == before
    # Commands that do not need frameworks do not read them.
    for cmd in (["status"], ["list"], ["show", "SAM-T1-01"], ["overdue"]):
        assert run(*cmd, "--as-of", "2008-06-01").exit_code == 0, cmd


def test_two_frameworks_defining_one_id_is_one_line(aligned, run):
    (aligned / "frameworks" / "other.toml").write_text(
        'title = "Other"\n\n[[principles]]\nid = "SF-ACCESS"\ntitle = "Again"\n'
    )
    r = run("coverage")
    assert r.exit_code == 2
    assert r.stderr.startswith(
        "error: frameworks/sample-framework.toml:17:1: duplicate principle id 'SF-ACCESS' "
        "(also in frameworks/other.toml:4)"
    )


def test_unknown_aligns_id_is_one_line_with_its_position(aligned, run):
    align(aligned, "SAM-T1-02", "SF-ESCALAT")
    r = run("coverage")
    assert r.exit_code == 2
    assert r.stderr == (
        "error: plans/sample.toml:31:1: action SAM-T1-02: aligns 'SF-ESCALAT' is not a "
        "principle of any framework (did you mean 'SF-ESCALATE'?) "
        "(run 'actionplan check' to see every problem)\n"
    )


def test_a_measures_unknown_aligns_id_is_refused_like_an_actions(aligned, run):
    path = aligned / "plans" / "sample.toml"
    path.write_text(
        path.read_text() + '\n[[measures]]\nid = "SAM-M1"\ntitle = "Waiting"\nunit = "children"\n'
        'better = "lower"\nfrequency = "quarterly"\naligns = ["SF-ESCALAT"]\n'
    )
    r = run("coverage")
    assert r.exit_code == 2
    assert r.stderr.startswith(
        "error: plans/sample.toml:64:1: measure SAM-M1: aligns 'SF-ESCALAT' is not a "
        "principle of any framework (did you mean 'SF-ESCALATE'?)"
    ), r.stderr


def test_aligns_as_a_string_is_one_line(aligned, run):
    path = aligned / "plans" / "sample.toml"
    path.write_text(
        path.read_text().replace('id = "SAM-T1-02"\n', 'id = "SAM-T1-02"\naligns = "SF-ACCESS"\n')
    )
    r = run("coverage")
    assert r.exit_code == 2
    assert r.stderr.startswith("error: plans/sample.toml:31:1: action SAM-T1-02: 'aligns' must")


def test_coverage_does_not_import_heavy_modules(aligned):
    probe = (
        "import sys\nfrom actionplan.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('git', 'jinja2', 'tomlkit', 'rich') if m in sys.modules]\n"
        "sys.stderr.write('HEAVY=' + ','.join(heavy) + '\\n')\n"
    )
    for args in (["coverage"], ["coverage", "--format", "json"]):
        r = subprocess.run(
            [sys.executable, "-c", probe, *args], cwd=aligned, capture_output=True, text=True
        )
        assert "HEAVY=\n" in r.stderr, r.stderr


def test_frameworks_are_cached_and_a_changed_file_is_read_again(aligned, run):
    fw = aligned / "frameworks" / "sample-framework.toml"
    assert cover(run)[1]["frameworks"][0]["title"] == "Sample Framework"
    fw.write_text(fw.read_text().replace('title = "Sample Framework"', 'title = "Renamed"'))
    assert cover(run)[1]["frameworks"][0]["title"] == "Renamed"
    # The same files read as plans are never taken for the cached frameworks.
    r = run("status", "--plans", "frameworks")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert "missing required key" in r.stderr
