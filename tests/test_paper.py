"""The board paper, version 2: cover settings, recommendation, executive summary, RAG key,
exceptions ready for a decision, and the Word document."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest

from actionplan.briefing import executive_summary, rag_key
from tests.conftest import git

NOW = {"ACTIONPLAN_NOW": "2009-04-20T09:00:00+00:00", "ACTIONPLAN_TODAY": "2009-04-20"}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    for k, v in NOW.items():
        monkeypatch.setenv(k, v)


def context(run, *args: str) -> dict:
    r = run("report", "--format", "json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def commit_all(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message, date=when)


# --- cover and purpose ---------------------------------------------------------------


def test_cover_from_options(story, run):
    doc = context(
        run, "--meeting", "Strategic Group, 2009-07-15", "--author", "A. Secretary",
        "--purpose", "discussion",
    )  # fmt: skip
    assert doc["cover"] == {
        "meeting": "Strategic Group, 2009-07-15",
        "author": "A. Secretary",
        "purpose": "discussion",
        "purpose_label": "For discussion",
    }
    assert doc["recommendation"]["purpose"] == "discussion"
    assert doc["recommendation"]["text"].startswith("The board is asked to discuss")
    md = run("report", "--meeting", "Strategic Group, 2009-07-15", "--purpose", "discussion")
    assert "| **Meeting** | Strategic Group, 2009-07-15 |" in md.stdout
    assert "| **Purpose** | For discussion |" in md.stdout


def test_default_purpose_is_information_and_asks_the_board_to_note(story, run):
    doc = context(run)
    assert doc["cover"]["purpose"] == "information"
    assert doc["cover"]["meeting"] is None and doc["cover"]["author"] is None
    assert doc["recommendation"]["text"].startswith("The board is asked to note progress")
    assert doc["recommendation"]["decisions"] == []


def test_report_table_in_actionplan_toml_and_options_win(story, run):
    (story / "actionplan.toml").write_text(
        '[report]\nmeeting = "Board, 2009-06-15"\nauthor = "Board secretary"\n'
        'purpose = "decision"\n'
    )
    doc = context(run)
    assert doc["cover"]["meeting"] == "Board, 2009-06-15"
    assert doc["cover"]["author"] == "Board secretary"
    assert doc["cover"]["purpose"] == "decision"
    doc = context(run, "--author", "Someone else", "--purpose", "information")
    assert doc["cover"]["meeting"] == "Board, 2009-06-15"
    assert doc["cover"]["author"] == "Someone else"
    assert doc["cover"]["purpose"] == "information"


def test_decision_purpose_lists_the_decisions_sought(story, run):
    plan = story / "plans" / "sample-strategy.toml"
    plan.write_text(
        plan.read_text().replace(
            'owner = "PMHW lead"\n',
            'owner = "PMHW lead"\nmitigation = "Interim cover from Tier 3"\n'
            'decision = "Agree to fund a fixed-term PMHW post"\n',
        )
    )
    commit_all(story, "Ask the board", "2009-04-18T10:00:00+00:00")
    doc = context(run, "--purpose", "decision")
    assert doc["recommendation"]["decisions"] == [
        {
            "id": "SAM-T2-01",
            "plan": "sample-strategy",
            "title": "Clarify the role of primary mental health workers",
            "decision": "Agree to fund a fixed-term PMHW post",
        }
    ]
    exc = {a["id"]: a for a in doc["exceptions"]}
    assert exc["SAM-T2-01"]["mitigation"] == "Interim cover from Tier 3"
    assert doc["executive_summary"][-1] == "The board is asked to decide 1 matter: SAM-T2-01."
    md = run("report", "--purpose", "decision").stdout
    assert "Agree to fund a fixed-term PMHW post" in md
    assert "Interim cover from Tier 3" in md
    # Asked only to note, the paper still shows the decision against the exception.
    info = context(run)
    assert info["recommendation"]["decisions"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[report\nmeeting = "x"\n', "actionplan.toml:1:8: "),
        ('report = "x"\n', "actionplan.toml:1:1: 'report' must be a table"),
        ("[report]\nauthor = 3\n", "actionplan.toml:2:1: [report] author must be a string"),
        (
            '[report]\npurpose = "approve"\n',
            "actionplan.toml:2:1: [report] unknown purpose 'approve'; valid: decision,",
        ),
    ],
)
def test_bad_actionplan_toml_is_one_line_exit_2(story, run, text, message):
    (story / "actionplan.toml").write_text(text)
    r = run("report", "-o", "paper.md")
    assert r.exit_code == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (story / "paper.md").exists()


def test_actionplan_toml_that_is_a_directory(story, run):
    (story / "actionplan.toml").mkdir()
    r = run("report", "-o", "paper.md")
    assert r.exit_code == 2
    assert r.stderr == ("error: actionplan.toml:1:1: cannot read: it is a directory, not a file\n")
    assert not (story / "paper.md").exists()


def test_unknown_report_key_is_a_warning(story, run):
    (story / "actionplan.toml").write_text('[report]\nmeting = "Board"\n')
    r = run("report", "-f", "json")
    assert r.exit_code == 0
    assert (
        "warning: actionplan.toml:2:1: W009 [report]: unknown key 'meting' "
        "(did you mean 'meeting'?)" in r.stderr
    )


def test_bad_purpose_option(story, run):
    r = run("report", "--purpose", "approve")
    assert r.exit_code == 2
    assert "'approve' is not one of 'decision', 'discussion', 'information'" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("where", ["a-directory", "missing/paper.md"])
def test_output_to_a_directory_or_a_missing_parent(story, run, where):
    (story / "a-directory").mkdir()
    r = run("report", "-o", where)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"error: cannot write {where}")
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (story / "missing").exists()


# --- the executive summary -----------------------------------------------------------


def test_executive_summary_of_the_story(story, run):
    doc = context(run)
    assert doc["executive_summary"] == [
        "Across the 2 plans, 2 of 5 actions are complete (40%); 2 are at risk and 1 has not "
        "started; since 2009-02-01 the direction of travel is "
        "improving for Other Strategy and Sample Strategy.",
        "2 actions are exceptions (off track, at risk or overdue), spread across 2 tiers "
        "and 2 owners.",
        "In the period: 1 action completed, 1 new action, 1 action removed, 1 action "
        "re-dated, 1 owner change and 1 action moved.",
    ]
    md = run("report").stdout
    assert "## Executive summary" in md
    assert doc["executive_summary"][0] in md


@pytest.fixture
def base(story, run) -> dict:
    return context(run)


def test_summary_of_one_plan_with_its_direction(base):
    ctx = copy.deepcopy(base)
    ctx["plans"] = [p for p in ctx["plans"] if p["id"] == "sample-strategy"]
    first = executive_summary(ctx)[0]
    assert first.startswith("Of the 5 actions in the Sample Strategy")
    assert (
        "; since 2009-02-01 the direction of travel is improving (from 0% complete and 3 exceptions)."
        in first
    )


def test_summary_without_a_previous_period_says_no_direction(base):
    ctx = copy.deepcopy(base)
    ctx["period"]["since"] = None
    for p in ctx["plans"]:
        p["previous"] = None
    assert "direction" not in executive_summary(ctx)[0]


def test_summary_direction_words_read_as_english(base):
    ctx = copy.deepcopy(base)
    ctx["plans"][0]["direction"] = "no change"
    first = executive_summary(ctx)[0]
    assert "is unchanged for Other Strategy, improving for Sample Strategy." in first
    assert "no change" not in first


def test_summary_of_overdue_actions(base):
    ctx = copy.deepcopy(base)
    ctx["totals"]["overdue"] = 2
    assert "; 2 are overdue; since 2009-02-01" in executive_summary(ctx)[0]


def test_summary_when_there_are_no_exceptions_and_no_changes(base):
    ctx = copy.deepcopy(base)
    ctx["exceptions"] = []
    ctx["changes"] = {k: [] for k in ctx["changes"]}
    sentences = executive_summary(ctx)
    assert sentences[1] == "No action is off track, at risk or overdue as at 2009-04-20."
    assert sentences[2] == "No changes were recorded in the period."
    assert len(sentences) == 3


def test_summary_of_one_exception(base):
    ctx = copy.deepcopy(base)
    ctx["exceptions"] = ctx["exceptions"][:1]
    a = ctx["exceptions"][0]
    a.update(overdue=True, days_overdue=12)
    assert executive_summary(ctx)[1] == (
        f"One action is an exception: {a['id']} ({a['title']}), "
        f"{a['status'].replace('-', ' ')} and 12 days overdue."
    )


def test_summary_names_where_exceptions_concentrate(base):
    ctx = copy.deepcopy(base)
    one = ctx["exceptions"][0]
    ctx["exceptions"] = [
        {**one, "id": f"X-{i}", "plan": "sample-strategy", "tier": "T2", "owner": "PMHW lead"}
        for i in range(3)
    ] + [{**one, "id": "X-9", "plan": "other", "tier": "X", "owner": "Cabinet"}]
    assert executive_summary(ctx)[1] == (
        "4 actions are exceptions (off track, at risk or overdue); most are in "
        "T2 Targeted Services (sample-strategy) (3 of 4) and with PMHW lead (3)."
    )


def test_summary_of_measures_and_frameworks(base):
    ctx = copy.deepcopy(base)
    ctx["measures"] = [
        {"id": "M1", "rag": "red", "late": True},
        {"id": "M2", "rag": "amber", "late": False},
        {"id": "M3", "rag": "green", "late": False},
        {"id": "M4", "rag": "grey", "late": True},
    ]
    ctx["frameworks"] = [
        {
            "id": "scf",
            "title": "Supports framework",
            "covered": 2,
            "total": 3,
            "principles": [
                {"id": "P-1", "covered": True},
                {"id": "P-2", "covered": False},
                {"id": "P-3", "covered": True},
            ],
        }
    ]
    sentences = executive_summary(ctx)
    assert sentences[3] == (
        "Of 4 outcome measures, 2 are off target (1 red and 1 amber), 1 on target and 1 "
        "without a reading or target; 2 returns are late."
    )
    assert (
        sentences[4] == "1 of the 3 principles of Supports framework is served by no action (P-2)."
    )
    ctx["frameworks"][0]["principles"][1]["covered"] = True
    assert (
        executive_summary(ctx)[4]
        == "Every one of the 3 principles of Supports framework is served."
    )
    assert 3 <= len(sentences) <= 6


def test_summary_of_a_single_measure(base):
    ctx = copy.deepcopy(base)
    ctx["measures"] = [{"id": "M1", "rag": "grey", "late": True}]
    assert executive_summary(ctx)[3] == (
        "The outcome measure M1 is without a reading or a target to judge it by; its return "
        "is late."
    )
    ctx["measures"] = [{"id": "M1", "rag": "amber", "late": False}]
    assert executive_summary(ctx)[3] == (
        "The outcome measure M1 is off target (amber, within its tolerance)."
    )


def test_rag_key_comes_from_the_models_definitions():
    from actionplan.model import OVERDUE_RULE, RAG, Status

    key = rag_key()
    assert {c["rag"] for c in key["colours"]} == set(RAG.values())
    for c in key["colours"]:
        assert c["statuses"] == [s.value for s in Status if RAG[s] == c["rag"]]
    assert OVERDUE_RULE in key["rules"]


# --- the Word paper ------------------------------------------------------------------


def open_docx(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def fill(cell) -> str | None:
    from docx.oxml.ns import qn

    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shd.get(qn("w:fill")) if shd is not None else None


def test_docx_paper_has_the_sections_tables_and_shading(story, run):
    r = run("report", "--format", "docx", "-o", "paper.docx", "--meeting", "Board, 2009-04-21")
    assert r.exit_code == 0, r.output
    doc = open_docx((story / "paper.docx").read_bytes())
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for wanted in (
        "Executive summary",
        "1. Purpose",
        "2. Summary",
        "3. Exceptions",
        "4. Changes in the period",
        "5. Coming up",
        "6. Status over time",
        "RAG key",
        "Appendix: every action by tier",
    ):
        assert wanted in headings, headings
    tables = [cells(t) for t in doc.tables]
    cover = tables[0]
    assert ["Meeting", "Board, 2009-04-21"] in cover
    exceptions = next(t for t in tables if t[0][:3] == ["Action", "Plan / tier", "Title"])
    assert [row[0] for row in exceptions[1:]] == ["SAM-T1-01", "SAM-T2-01"]
    table = next(t for t in doc.tables if cells(t)[0][:3] == ["Action", "Plan / tier", "Title"])
    status_col = cells(table)[0].index("Status")
    assert fill(table.rows[1].cells[status_col]) == "F9A825"  # at risk: amber
    # Header rows repeat on every page.
    from docx.oxml.ns import qn

    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # A4 portrait, landscape only for the wide summary tables.
    sizes = [(round(s.page_width.mm), round(s.page_height.mm)) for s in doc.sections]
    assert sizes[0] == (210, 297) and (297, 210) in sizes and sizes[-1] == (210, 297)


def test_docx_is_reproducible_and_written_to_a_pipe_only(story, run):
    first = run("report", "--format", "docx").stdout_bytes
    second = run("report", "--format", "docx").stdout_bytes
    assert first[:2] == b"PK" and first == second


def test_docx_links_only_safe_evidence_links(story, run):
    plan = story / "plans" / "sample-strategy.toml"
    plan.write_text(
        plan.read_text().replace(
            '{ date = 2009-02-01, text = "Cover for trainer not found" },',
            '{ date = 2009-02-01, text = "Cover for trainer not found" },\n'
            '  { date = 2009-04-01, text = "Minutes", link = "https://example.org/minutes" },\n'
            '  { date = 2009-04-02, text = "Trap", link = "javascript:alert(1)" },',
        )
    )
    commit_all(story, "Evidence with links", "2009-04-18T10:00:00+00:00")
    r = run("report", "--format", "docx", "-o", "paper.docx")
    assert r.exit_code == 0, r.output
    doc = open_docx((story / "paper.docx").read_bytes())
    targets = {rel.target_ref for rel in doc.part.rels.values() if rel.is_external}
    assert "https://example.org/minutes" in targets
    assert not [t for t in targets if "javascript" in t]
    texts = " ".join(c for t in doc.tables for row in cells(t) for c in row)
    assert "Trap" in texts


def test_user_text_cannot_corrupt_the_docx(story, run):
    plan = story / "plans" / "sample-strategy.toml"
    plan.write_text(
        plan.read_text().replace(
            'title = "Train Tier 1 staff"',
            'title = "Train <staff> & \\"carers\\" \\u001b[31m]]> \\u0000 </w:t>"',
        )
    )
    commit_all(story, "Awkward title", "2009-04-18T10:00:00+00:00")
    r = run("report", "--format", "docx", "-o", "paper.docx")
    assert r.exit_code == 0, r.output
    doc = open_docx((story / "paper.docx").read_bytes())
    texts = [c for t in doc.tables for row in cells(t) for c in row]
    assert 'Train <staff> & "carers" \\x1b[31m]]> \\x00 </w:t>' in texts


def test_docx_has_the_framework_coverage_when_actions_align(framework_story, run):
    r = run("report", "--format", "docx", "-o", "paper.docx")
    assert r.exit_code == 0, r.output
    doc = open_docx((framework_story / "paper.docx").read_bytes())
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("4. Framework coverage") < headings.index("RAG key")
    assert "Sample Framework" in headings
    texts = [p.text for p in doc.paragraphs]
    assert "Gaps: no action serves 1 principle." in texts
    assert "SF-ESCALATE Clear escalation pathways, in hours and out of hours" in texts
    table = next(t for t in doc.tables if cells(t)[0][0] == "Principle")
    rows = cells(table)
    assert rows[2] == [
        "SF-RIGHTS Rights-based",
        "Core principles",
        "SAM-T1-01 (at-risk); SAM-T2-01 (at-risk)",
        "amber",
    ]
    assert rows[3][3] == "gap" and fill(table.rows[3].cells[3]) == "C62828"


def test_docx_without_alignment_has_no_framework_section(story, run):
    assert run("report", "--format", "docx", "-o", "paper.docx").exit_code == 0
    doc = open_docx((story / "paper.docx").read_bytes())
    assert "4. Framework coverage" not in [p.text for p in doc.paragraphs]


# --- the whole paper -----------------------------------------------------------------

MEASURE = """
[[measures]]
id = "SAM-M1"
title = "Children waiting over 18 weeks for a first appointment"
unit = "children"
better = "lower"
frequency = "quarterly"
tier = "T2"
owner = "Tier 2 lead"
baseline = { date = 2008-03-31, value = 240 }
target = { date = 2011-03-31, value = 0 }
tolerance = 20
values = [
  { date = 2008-12-31, value = 200, note = "Q3 return" },
  { date = 2009-03-31, value = 190, note = "Q4 return" },
]
"""


@pytest.fixture
def paper_story(framework_story) -> Path:
    """The framework story, then a measure with two quarterly returns, and the PMHW
    action's mitigation and the decision the board is asked for."""
    plan = framework_story / "plans" / "sample-strategy.toml"
    text = plan.read_text().replace(
        'owner = "PMHW lead"\n',
        'owner = "PMHW lead"\nmitigation = "Interim cover from the Tier 3 team"\n'
        'decision = "Agree to fund a fixed-term PMHW post"\n',
    )
    plan.write_text(text + MEASURE)
    commit_all(
        framework_story, "Q4 return; ask the board about the PMHW post", "2009-04-19T10:00:00+00:00"
    )
    return framework_story


PAPER_ARGS = (
    "--meeting",
    "Sample Board, 2009-04-21",
    "--author",
    "Strategy lead",
    "--purpose",
    "decision",
)


def test_the_whole_paper_in_markdown_html_and_word(paper_story, run):
    from tests.test_report import snapshot

    doc = context(run, *PAPER_ARGS)
    summary = doc["executive_summary"]
    assert len(summary) == 6  # every category, each one sentence
    assert all(s.count(". ") == 0 and s.endswith(".") for s in summary), summary
    assert summary[3] == "The outcome measure SAM-M1 is off target (red)."
    assert summary[4].startswith("1 of the ")  # the framework's gap
    assert summary[5] == "The board is asked to decide 1 matter: SAM-T2-01."
    md = run("report", *PAPER_ARGS)
    assert md.exit_code == 0, md.output
    headings = [line for line in md.stdout.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Executive summary",
        "## 1. Purpose",
        "## 2. Summary",
        "## 3. Exceptions",
        "## 4. Outcome measures",
        "## 5. Framework coverage",
        "## 6. Changes in the period",
        "## 7. Coming up",
        "## 8. Status over time",
        "## RAG key",
        "## Appendix: every action by tier",
    ]
    assert "| **Meeting** | Sample Board, 2009-04-21 |" in md.stdout
    assert (
        "1. **SAM-T2-01** Clarify the role of primary mental health workers: Agree to fund"
        in md.stdout
    )
    assert (
        "| Interim cover from the Tier 3 team | Agree to fund a fixed-term PMHW post |" in md.stdout
    )
    snapshot("paper-report.md", md.stdout)
    html = run("report", "-f", "html", *PAPER_ARGS)
    assert html.exit_code == 0 and "<script" not in html.stdout
    snapshot("paper-report.html", html.stdout)

    r = run("report", "-f", "docx", "-o", "paper.docx", *PAPER_ARGS)
    assert r.exit_code == 0, r.output
    word = open_docx((paper_story / "paper.docx").read_bytes())
    found = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert found == [h.removeprefix("## ") for h in headings]
    texts = [c for t in word.tables for row in cells(t) for c in row]
    assert "Agree to fund a fixed-term PMHW post" in texts
    assert "Sample Board, 2009-04-21" in texts
    assert word.core_properties.author == "Strategy lead"
