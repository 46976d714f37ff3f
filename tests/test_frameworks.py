"""Framework files: discovery, reading, check (with positions) and alignment (E011)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplan.planfiles import build_framework, read_file
from tests.conftest import FRAMEWORK, align, git

ROOT = Path(__file__).resolve().parent.parent


def problems(run, *args):
    r = run("check", *args, "--format", "json")
    return r.exit_code, json.loads(r.stdout)["problems"]


def write_framework(workdir: Path, text: str, name: str = "sample-framework.toml") -> Path:
    path = workdir / "frameworks" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_framework_is_read_into_the_model(fwdir):
    fw = build_framework(read_file(fwdir / "frameworks" / "sample-framework.toml"))
    assert fw.id == "sample-framework" and fw.title == "Sample Framework"
    assert fw.publisher == "Sample Government"
    assert [s.id for s in fw.sections] == ["core", "risk"]
    assert [(p.id, p.section, p.line) for p in fw.principles] == [
        ("SF-ACCESS", "core", 16),
        ("SF-RIGHTS", "core", 23),
        ("SF-ESCALATE", "risk", 29),
    ]
    assert fw.principles[0].text == "Support should be easily and quickly accessible."


def test_aligned_plans_and_framework_check_clean(fwdir, run):
    align(fwdir, "SAM-T1-01", "SF-ACCESS", "SF-RIGHTS")
    r = run("check")
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert "2 plan files and 1 framework file checked: 0 errors, 0 warnings" in r.stderr


def test_no_frameworks_and_no_aligns_check_as_before(workdir, run):
    r = run("check")
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr == "2 plan files checked: 0 errors, 0 warnings\n"


def test_aligns_with_no_framework_anywhere_is_e011(workdir, run):
    align(workdir, "SAM-T1-01", "SF-ACCESS")
    code, found = problems(run)
    assert code == 1
    assert [(p["file"], p["line"], p["column"], p["code"]) for p in found] == [
        ("plans/sample.toml", 19, 1, "E011")
    ]
    assert found[0]["message"] == (
        "action SAM-T1-01: aligns 'SF-ACCESS' is not a principle of any framework "
        "(no framework defines any principle)"
    )
    # Read commands that do not need frameworks do not judge alignment.
    assert run("status", "--as-of", "2009-01-01").exit_code == 0


def test_unknown_aligns_id_is_e011_with_did_you_mean(fwdir, run):
    align(fwdir, "SAM-T2-01", "SF-ACCES")
    r = run("check")
    assert r.exit_code == 1
    assert r.stdout == (
        "plans/sample.toml:39:1: error E011 action SAM-T2-01: aligns 'SF-ACCES' is not a "
        "principle of any framework (did you mean 'SF-ACCESS'?)\n"
    )


def test_aligns_as_a_string_is_e003(fwdir, run):
    text = (fwdir / "plans" / "sample.toml").read_text()
    text = text.replace('id = "SAM-T1-02"\n', 'id = "SAM-T1-02"\naligns = "SF-ACCESS"\n')
    (fwdir / "plans" / "sample.toml").write_text(text)
    code, found = problems(run)
    assert code == 1
    assert [(p["line"], p["column"], p["code"]) for p in found] == [(30, 1, "E003")]
    assert "'aligns' must be an array of strings, not str" in found[0]["message"]


def test_framework_that_is_not_toml_is_e001_and_hides_e011(fwdir, run):
    align(fwdir, "SAM-T1-01", "SF-ACCESS")
    write_framework(fwdir, FRAMEWORK.replace('title = "Rights-based"', 'title = "Rights'))
    r = run("check")
    assert r.exit_code == 1
    assert r.stdout.startswith("frameworks/sample-framework.toml:26:16: error E001 ")
    assert "E011" not in r.stdout  # its principles are unknown until it parses
    assert len(r.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "col", "text"),
    [
        (
            'id = "SF-RIGHTS"\n',
            "",
            "E002",
            23,
            1,
            "principle #2: missing required key 'id'",
        ),
        (
            'title = "Sample Framework"\n',
            "",
            "E002",
            1,
            1,
            "framework: missing required key 'title'",
        ),
        ('name = "Risk and escalation"\n', "", "E002", 11, 1, "section risk: missing"),
        ('title = "Rights-based"', "title = 7", "E003", 26, 1, "'title' must be a string"),
        (
            'title = "Rights-based"',
            'title = "Rights-based"\ntitel = "x"',
            "W001",
            27,
            1,
            "principle SF-RIGHTS: unknown key 'titel' (did you mean 'title'?)",
        ),
        (
            'publisher = "Sample Government"',
            'publsher = "Sample Government"',
            "W001",
            3,
            1,
            "framework: unknown key 'publsher' (did you mean 'publisher'?)",
        ),
        ('id = "SF-RIGHTS"', 'id = "SF-ACCESS"', "E006", 24, 1, "duplicate principle id"),
        ('id = "risk"', 'id = "core"', "E006", 12, 1, "duplicate section id 'core'"),
        (
            'section = "risk"',
            'section = "rsk"',
            "E012",
            31,
            1,
            "principle SF-ESCALATE: unknown section 'rsk' (did you mean 'risk'?); "
            "sections: core, risk",
        ),
    ],
)
def test_framework_rules_with_positions(fwdir, run, old, new, code, line, col, text):
    assert old in FRAMEWORK
    write_framework(fwdir, FRAMEWORK.replace(old, new, 1))
    _, found = problems(run)
    hits = [p for p in found if p["code"] == code]
    assert hits, found
    p = hits[0]
    assert (p["file"], p["line"], p["column"]) == ("frameworks/sample-framework.toml", line, col)
    assert text in p["message"], p["message"]


def test_two_frameworks_defining_one_id(fwdir, run):
    write_framework(
        fwdir,
        'title = "Other"\n\n[[principles]]\nid = "SF-RIGHTS"\ntitle = "Rights again"\n',
        "other-framework.toml",
    )
    code, found = problems(run)
    assert code == 1
    assert [(p["file"], p["line"], p["code"]) for p in found] == [
        ("frameworks/sample-framework.toml", 24, "E006")
    ]
    assert found[0]["message"] == (
        "duplicate principle id 'SF-RIGHTS' (also in frameworks/other-framework.toml:4)"
    )


def test_framework_problems_show_when_check_narrows_to_a_plan(fwdir, run):
    write_framework(fwdir, FRAMEWORK.replace('section = "risk"', 'section = "rsk"'))
    code, found = problems(run, "other")
    assert code == 1 and [p["code"] for p in found] == ["E012"]


# --- discovery -------------------------------------------------------------------------


def test_named_frameworks_path_that_does_not_exist(workdir, run):
    for cmd in (["check"], ["coverage"]):
        r = run(*cmd, "--frameworks", "nope")
        assert r.exit_code == 2
        assert r.stderr == "error: --frameworks: no such file or directory: nope\n"
    r = run("check", env={"ACTIONPLAN_FRAMEWORKS": "gone"})
    assert r.exit_code == 2
    assert r.stderr == "error: $ACTIONPLAN_FRAMEWORKS: no such file or directory: gone\n"


def test_named_empty_directory_is_an_error_but_a_found_one_is_none(workdir, run):
    (workdir / "frameworks").mkdir()
    assert run("check").exit_code == 0  # ./frameworks found by looking, empty: no frameworks
    r = run("check", "--frameworks", "frameworks")
    assert r.exit_code == 2 and r.stderr == "error: no framework files (*.toml) in frameworks\n"


def test_frameworks_found_by_option_env_cwd_and_git_root(workdir, run, tmp_path, monkeypatch):
    align(workdir, "SAM-T1-01", "SF-ACCESS")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_framework(elsewhere.parent / "elsewhere", FRAMEWORK)  # elsewhere/frameworks/
    fw = elsewhere / "frameworks"
    assert run("check").exit_code == 1  # none found: E011
    assert run("check", "--frameworks", str(fw)).exit_code == 0
    assert run("check", "--frameworks", str(fw / "sample-framework.toml")).exit_code == 0
    assert run("check", env={"ACTIONPLAN_FRAMEWORKS": str(fw)}).exit_code == 0
    # ./frameworks, then frameworks/ at the root of the enclosing git work tree.
    (workdir / "frameworks").symlink_to(fw)
    assert run("check").exit_code == 0
    git(workdir, "init", "-q")
    sub = workdir / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert run("check", "--plans", str(workdir / "plans")).exit_code == 0


# --- schema ----------------------------------------------------------------------------


def test_framework_schema_is_published_and_in_sync(run):
    r = run("schema", "--framework")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert doc["required"] == ["title", "principles"]
    assert doc["definitions"]["principle"]["required"] == ["id", "title"]
    assert doc["properties"]["principles"]["items"] == {"$ref": "#/definitions/principle"}
    published = (ROOT / "schema" / "framework-v1.schema.json").read_text(encoding="utf-8")
    assert published == r.stdout
    plan = json.loads(run("schema").stdout)
    assert "aligns" in plan["definitions"]["action"]["properties"]


def test_known_principles_for_editors(fwdir, workdir):
    from actionplan.check import unknown_principle
    from actionplan.load import known_principles

    known = known_principles(None)
    assert known == {"SF-ACCESS", "SF-RIGHTS", "SF-ESCALATE"}
    assert unknown_principle("SF-ACCESS", known) is None
    assert unknown_principle("sf-access", known) == (
        "aligns 'sf-access' is not a principle of any framework (did you mean 'SF-ACCESS'?)"
    )
    (fwdir / "frameworks" / "sample-framework.toml").unlink()
    assert known_principles(None) == set()
    assert unknown_principle("X", set()).endswith("(no framework defines any principle)")


def test_check_summary_on_a_terminal_lists_framework_files(fwdir):
    from tests.conftest import on_terminal

    out = on_terminal(["check"], fwdir, {"NO_COLOR": "1"}, 100).decode()
    words = " ".join(out.split())  # the table's title wraps at the table's width
    assert "2 plan files and 1 framework file checked: 0 errors, 0 warnings" in words
    assert "File" in out and "frameworks/sample-framework.toml" in out
