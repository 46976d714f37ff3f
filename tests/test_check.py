"""check: each rule, with its position, exit codes and JSON."""

from __future__ import annotations

import json

import pytest

from actionplan.check import nhs_number_valid, personal_data

HEAD = """\
title = "T"
organisation = "O"
start = 2008-04-01
end = 2011-03-31

[[tiers]]
id = "T1"
name = "Universal"
"""


def write(workdir, body: str, name: str = "bad.toml") -> None:
    for p in (workdir / "plans").glob("*.toml"):
        p.unlink()
    (workdir / "plans" / name).write_text(HEAD + body, encoding="utf-8")


def problems(run, *args):
    r = run("check", *args, "--format", "json")
    return r.exit_code, json.loads(r.stdout)["problems"]


def test_clean_plans_pass(workdir, run):
    r = run("check")
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert "2 plan files checked: 0 errors, 0 warnings" in r.stderr


def test_syntax_error_has_line_and_column(workdir, run):
    write(workdir, '\n[[actions]]\nid "X-1"\n')
    r = run("check")
    assert r.exit_code == 1
    assert r.stdout.startswith("plans/bad.toml:11:4: error E001 ")
    # Read commands refuse the file with the same position, exit 2.
    r = run("status")
    assert r.exit_code == 2
    assert r.stderr.startswith("error: plans/bad.toml:11:4: ")
    assert len(r.stderr.strip().splitlines()) == 1


ACTION = """
[[actions]]
id = "X-1"
tier = "T1"
title = "A"
owner = "Lead"
status = "on-track"
"""


@pytest.mark.parametrize(
    ("body", "code", "line", "col", "text"),
    [
        (ACTION.replace('title = "A"\n', ""), "E002", 10, 1, "missing required key 'title'"),
        (ACTION.replace('title = "A"', "title = 3"), "E003", 13, 1, "'title' must be a string"),
        (ACTION + 'due = "2009-01-01"\n', "E003", 16, 1, "'due' must be a date"),
        (
            ACTION.replace('"on-track"', '"ontrack"'),
            "E004",
            15,
            1,
            "unknown status 'ontrack' (did you mean 'on-track'?); valid: not-started",
        ),
        (ACTION.replace('tier = "T1"', 'tier = "T7"'), "E005", 12, 1, "unknown tier 'T7'"),
        (ACTION + ACTION, "E006", 18, 1, "duplicate action id 'X-1' (first at line 10)"),
        (ACTION + 'depends_on = ["X-9"]\n', "E007", 16, 1, "depends_on 'X-9' is not an action"),
        (
            ACTION + "start = 2010-01-01\ndue = 2009-01-01\n",
            "E008",
            17,
            1,
            "due 2009-01-01 is before start 2010-01-01",
        ),
        (
            ACTION + 'every = "fortnight"\n',
            "E013",
            16,
            1,
            "unknown every 'fortnight'; valid: month, quarter, year",
        ),
        (ACTION + 'aligns = "P-1"\n', "E003", 16, 1, "'aligns' must be an array of strings"),
        (
            ACTION + "due = 9999-12-31\n",
            "E003",
            16,
            1,
            "'due' 9999-12-31 is not a date actionplan handles (1900-01-01 to 2999-12-31)",
        ),
        (
            ACTION + "start = 0001-01-01\n",
            "E003",
            16,
            1,
            "'start' 0001-01-01 is not a date actionplan handles",
        ),
        (
            ACTION + 'every = "year"\n',
            "E017",
            16,
            1,
            "action X-1: recurs every year but has no due date (its first occurrence)",
        ),
    ],
)
def test_each_error_with_position(workdir, run, body, code, line, col, text):
    write(workdir, body)
    exit_code, found = problems(run)
    assert exit_code == 1
    match = [p for p in found if p["code"] == code]
    assert match, found
    p = match[0]
    assert (p["file"], p["line"], p["column"], p["severity"]) == (
        "plans/bad.toml",
        line,
        col,
        "error",
    )
    assert text in p["message"]


def test_plan_end_before_start(workdir, run):
    (workdir / "plans" / "other.toml").write_text(
        HEAD.replace("end = 2011-03-31", "end = 2001-03-31")
    )
    _, found = problems(run)
    assert any(p["code"] == "E009" and p["line"] == 4 for p in found)


def test_duplicate_ids_across_plans(workdir, run):
    write(workdir, ACTION, "a.toml")
    (workdir / "plans" / "b.toml").write_text(HEAD + ACTION)
    exit_code, found = problems(run)
    assert exit_code == 1
    dup = [p for p in found if p["code"] == "E006"]
    assert dup and dup[0]["file"] == "plans/b.toml"
    assert "also in plans/a.toml:11" in dup[0]["message"]


@pytest.mark.parametrize(
    ("body", "code", "line", "text"),
    [
        (ACTION + "ownr = 'x'\n", "W001", 16, "unknown key 'ownr' (did you mean 'owner'?)"),
        (ACTION + "[extra]\nx = 1\n", "W001", 16, "plan: unknown key 'extra'"),  # col 2
        (ACTION + "[t.u]\ny = 2\n", "W001", 16, "plan: unknown key 't'"),
        (ACTION + "due = 2012-01-01\n", "W002", 16, "due 2012-01-01 is outside the plan period"),
        (ACTION.replace('owner = "Lead"\n', ""), "W003", 10, "no owner"),
        (ACTION + 'notes = "Child NHS no 943 476 5919 seen"\n', "W004", 16, "NHS number"),
        (ACTION + 'notes = "ask jane.smith@nhs.net"\n', "W005", 16, "email"),
        (ACTION + 'notes = "call 0116 295 0000"\n', "W006", 16, "phone"),
        (ACTION + 'depends_on = ["X-1"]\n', "W007", 16, "depends on itself"),
    ],
)
def test_each_warning(workdir, run, body, code, line, text):
    write(workdir, body)
    exit_code, found = problems(run)
    assert exit_code == 0, found
    match = [p for p in found if p["code"] == code]
    assert match, found
    assert match[0]["line"] == line and match[0]["severity"] == "warning"
    assert text in match[0]["message"]
    assert run("check", "--strict").exit_code == 1


def test_text_output_format(workdir, run):
    write(workdir, ACTION.replace('"on-track"', '"red"'))
    r = run("check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "plans/bad.toml:15:1: error E004 action X-1: unknown status 'red'; valid: "
        "not-started, on-track, at-risk, off-track, complete, cancelled"
    ]


def test_check_narrowed_to_one_plan(workdir, run):
    (workdir / "plans" / "broken.toml").write_text(HEAD + ACTION.replace("on-track", "nope"))
    assert run("check", "sample").exit_code == 0
    assert run("check", "broken").exit_code == 1
    assert run("check", "nope").exit_code == 2


def test_evidence_items_are_checked(workdir, run):
    write(workdir, ACTION + 'evidence = [{ text = "no date" }]\n')
    _, found = problems(run)
    assert any(p["code"] == "E002" and "evidence #1" in p["message"] for p in found)
    write(workdir, ACTION + "\n[[actions.evidence]]\ndate = 2009-01-01\ntext = 'ok'\nlinky = 'x'\n")
    exit_code, found = problems(run)
    assert exit_code == 0
    assert [p["code"] for p in found] == ["W001"]


LINKS = (
    ACTION
    + """evidence = [
  { date = 2009-01-15, text = "Minutes", link = "https://example.org/minutes" },
  { date = 2009-01-16, text = "Board pack", link = "javascript:alert(1)" },
  { date = 2009-01-17, text = "Tabbed", link = "java\\tscript:alert(1)" },
  { date = 2009-01-18, text = "Mail", link = "mailto:camhs@example.org" },
]

[[actions]]
id = "X-2"
tier = "T1"
title = "B"
owner = "Lead"
status = "on-track"

[[actions.evidence]]
date = 2009-01-01
text = "Leaflet"
'link' = 'data:text/html,<script>alert(1)</script>'
"""
)


def test_a_link_that_is_not_http_https_or_mailto_is_reported_with_its_position(workdir, run):
    write(workdir, LINKS)
    exit_code, found = problems(run)
    assert exit_code == 0, found  # a warning: the papers show such a link as text
    assert [(p["code"], p["line"], p["column"]) for p in found] == [
        ("W008", 18, 52),
        ("W008", 19, 48),
        ("W008", 33, 10),
    ]
    assert found[0]["message"] == (
        "action X-1 evidence #2: link 'javascript:alert(1)' is not an absolute http://, "
        "https:// or mailto: URL, so the board paper shows it as text"
    )
    assert "'java\\tscript:alert(1)'" in found[1]["message"]
    assert run("check", "--strict").exit_code == 1
    r = run("check")
    assert "plans/bad.toml:18:52: warning W008 action X-1 evidence #2: link" in r.stdout


def test_role_mailboxes_are_not_personal():
    assert not list(personal_data("write to info@example.org or camhs@leics.nhs.uk"))
    assert [c for c, *_ in personal_data("a.person@example.org")] == ["W005"]


def test_nhs_number_check_digit():
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("1234567890")  # check digit would be 10: never issued
    assert not [c for c, *_ in personal_data("ref 9434765918") if c == "W004"]


def test_uk_phone_numbers():
    found = lambda s: [c for c, *_ in personal_data(s) if c == "W006"]  # noqa: E731
    assert found("Tel: 01304-222320")
    assert found("+44 7700 900123")
    assert not found("strategy 2008 - 2011, 0 - 19 years")


# --- measures -------------------------------------------------------------------------

MEASURE = """
[[measures]]
id = "M-1"
title = "Waiting over 18 weeks"
unit = "children"
better = "lower"
frequency = "quarterly"
baseline = { date = 2008-04-01, value = 240 }
target = { date = 2011-03-31, value = 0 }
values = [
  { date = 2009-06-30, value = 180, note = "Q1 return" },
  { date = 2009-09-30, value = 170 },
]
"""
# Line 10 is `[[measures]]`; the readings are on lines 19 and 20.


@pytest.mark.parametrize(
    ("body", "code", "line", "col", "text"),
    [
        (MEASURE.replace('unit = "children"\n', ""), "E002", 10, 1, "missing required key 'unit'"),
        (MEASURE.replace('better = "lower"\n', ""), "E002", 10, 1, "key 'better'"),
        (MEASURE.replace('frequency = "quarterly"\n', ""), "E002", 10, 1, "key 'frequency'"),
        (
            MEASURE.replace("value = 170 }", "date2 = 1 }"),
            "E002",
            20,
            3,
            "measure M-1 reading #2: missing required key 'value'",
        ),
        (
            MEASURE.replace("value = 170", 'value = "170"'),
            "E003",
            20,
            24,
            "measure M-1 reading #2: 'value' must be a number (e.g. 42 or 12.5), not str",
        ),
        (
            MEASURE.replace("value = 170", "value = nan"),
            "E003",
            20,
            24,
            "'value' must be a number (e.g. 42 or 12.5), not nan",
        ),
        (MEASURE.replace("value = 170", "value = true"), "E003", 20, 24, "not bool"),
        (MEASURE + "tolerance = -5\n", "E003", 22, 1, "'tolerance' must be zero or more, not -5"),
        (
            MEASURE.replace("value = 240 }", 'value = "240" }'),
            "E003",
            16,
            33,
            "measure M-1 baseline: 'value' must be a number",
        ),
        (
            MEASURE.replace('"lower"', '"down"'),
            "E013",
            14,
            1,
            "measure M-1: unknown better 'down'; valid: higher, lower",
        ),
        (
            MEASURE.replace('"quarterly"', '"quartely"'),
            "E013",
            15,
            1,
            "unknown frequency 'quartely' (did you mean 'quarterly'?); "
            "valid: monthly, quarterly, annual",
        ),
        (
            MEASURE.replace("2009-09-30", "2009-03-31"),
            "E014",
            20,
            5,
            "reading #2 (2009-03-31) comes after one dated 2009-06-30",
        ),
        (
            MEASURE.replace("2009-09-30", "2009-06-30"),
            "E015",
            20,
            5,
            "two readings on 2009-06-30 (#1 and #2)",
        ),
        (
            MEASURE.replace("date = 2011-03-31", "date = 2008-03-31"),
            "E016",
            17,
            12,
            "target date 2008-03-31 is before the baseline date 2008-04-01",
        ),
        (
            MEASURE.replace('id = "M-1"', 'id = "X-1"') + ACTION,
            "E006",
            11,
            1,
            "duplicate measure id 'X-1' (first at line 23, an action)",
        ),
        (MEASURE + 'tier = "T9"\n', "E005", 22, 1, "measure M-1: unknown tier 'T9'"),
        (
            MEASURE.replace("value = 170", "value = 1.7e308"),
            "E003",
            20,
            24,
            "measure M-1 reading #2: 'value' 1.7e+308 is larger than actionplan handles "
            "(at most 1,000,000,000,000,000 either way)",
        ),
        (
            MEASURE.replace("value = 240", "value = -2_000_000_000_000_000"),
            "E003",
            16,
            33,
            "measure M-1 baseline: 'value' -2000000000000000 is larger than actionplan handles",
        ),
        (
            MEASURE.replace("date = 2009-09-30", "date = 3009-09-30"),
            "E003",
            20,
            5,
            "measure M-1 reading #2: 'date' 3009-09-30 is not a date actionplan handles",
        ),
    ],
)
def test_each_measure_error_with_position(workdir, run, body, code, line, col, text):
    test_each_error_with_position(workdir, run, body, code, line, col, text)


def test_measure_readings_as_sub_tables_have_their_own_positions(workdir, run):
    body = MEASURE.replace(
        'values = [\n  { date = 2009-06-30, value = 180, note = "Q1 return" },\n'
        "  { date = 2009-09-30, value = 170 },\n]\n",
        "\n[[measures.values]]\ndate = 2009-06-30\nvalue = 180\n"
        "\n[[measures.values]]\ndate = 2009-03-31\nvalue = 'x'\nnot_a_key = 1\n"
        "\n[measures.target]\ndate = 2001-01-01\nvalue = 0\n",
    ).replace("target = { date = 2011-03-31, value = 0 }\n", "")
    write(workdir, body)
    _, found = problems(run)
    got = {(p["code"], p["line"], p["column"]) for p in found}
    assert ("E014", 23, 1) in got  # the second [[measures.values]]'s date
    assert ("E003", 24, 1) in got  # its value
    assert ("W001", 25, 1) in got
    assert ("E016", 28, 1) in got  # [measures.target]'s date


def test_measures_and_actions_share_one_id_space_across_plans(workdir, run):
    write(workdir, ACTION, "a.toml")
    (workdir / "plans" / "b.toml").write_text(HEAD + MEASURE.replace('"M-1"', '"X-1"'))
    exit_code, found = problems(run)
    assert exit_code == 1
    dup = [p for p in found if p["code"] == "E006"]
    assert [(p["file"], p["line"]) for p in dup] == [("plans/b.toml", 11)]
    assert dup[0]["message"] == "duplicate measure id 'X-1' (also in plans/a.toml:11, an action)"
    # depends_on must still name an action: a measure's id is not one.
    write(workdir, ACTION + 'depends_on = ["M-1"]\n' + MEASURE)
    _, found = problems(run)
    assert any(p["code"] == "E007" and "'M-1' is not an action" in p["message"] for p in found)


def test_a_valid_measure_and_one_without_a_target_pass(workdir, run):
    bare = '\n[[measures]]\nid = "M-2"\ntitle = "T"\nunit = "%"\nbetter = "higher"\n'
    bare += 'frequency = "annual"\n'
    write(workdir, ACTION + MEASURE + bare)
    exit_code, found = problems(run)
    assert (exit_code, found) == (0, [])
    write(workdir, MEASURE + "colour = 'x'\n")
    exit_code, found = problems(run)
    assert exit_code == 0
    assert [(p["code"], p["line"]) for p in found] == [("W001", 22)]


def test_actionplan_toml_problems_are_listed_with_the_plans(story, run):
    (story / "actionplan.toml").write_text(
        '[reprot]\nx = 1\n\n[report]\nmeting = "Board"\nauthor = 3\npurpose = "approve"\n',
        encoding="utf-8",
    )
    code, found = problems(run)
    assert code == 1
    assert [(p["file"], p["line"], p["column"], p["severity"], p["code"]) for p in found] == [
        ("actionplan.toml", 1, 2, "warning", "W009"),
        ("actionplan.toml", 5, 1, "warning", "W009"),
        ("actionplan.toml", 6, 1, "error", "E003"),
        ("actionplan.toml", 7, 1, "error", "E013"),
    ]
    assert "(did you mean 'report'?)" in found[0]["message"]
    assert "(did you mean 'meeting'?)" in found[1]["message"]
    r = run("check")
    assert "actionplan.toml:7:1: error E013 [report] unknown purpose 'approve'" in r.stdout
    assert "and actionplan.toml checked: 2 errors, 2 warnings" in r.stderr


def test_actionplan_toml_that_does_not_parse_is_e001(story, run):
    (story / "actionplan.toml").write_text("[report\n", encoding="utf-8")
    code, found = problems(run)
    assert code == 1
    assert [(p["file"], p["line"], p["code"]) for p in found] == [("actionplan.toml", 1, "E001")]


def test_a_warning_in_actionplan_toml_fails_only_strict(story, run):
    (story / "actionplan.toml").write_text('[report]\nmeting = "Board"\n', encoding="utf-8")
    assert run("check").exit_code == 0
    assert run("check", "--strict").exit_code == 1
