"""The bundled plans encode the seed strategies faithfully."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplan.load import load_plans

ROOT = Path(__file__).resolve().parent.parent

# Every priority and recommendation in the source documents, in their own words.
LLR_ACTION_PLAN = [
    "continue to 'do more' of the things that promote resilience",
    "Maintain and recognise key importance Primary Mental Health Workers and clarify role",
    "Better define the relationship between the Common Assessment Framework (CAF) and workers in this Tier",
    "Retain robust and purposeful Tier 2 services through sustaining investment in Tier 2 services",
    "The 'critical mass' for services means that this Tier needs to be retained",
    "Small numbers of staff but high levels of demand mean capacity needs to be increased",
    "'Modernise' and develop new ways of working",
    "Maintain difficult (and expensive) balance between safe inpatient care and determined outreach",
    "Contribute to the regional commissioning of Tier 4 services",
    "Review current membership of CAMHS board",
    "Improve/develop active performance management systems",
    "Tiers linking appropriately with Tiers above and below",
    "Services 'reaching out', engaging with commonly excluded groups",
    "Evidence effectiveness of Specialist CAMHS services",
    "Explore ways of ensuring effectiveness of infant mental health services",
    "Ensure CAMHS framework allows early assessment (using the Common Assessment Framework)",
    "Ensure that there is sufficient management capacity to deliver the strategic objectives",
    "Ensuring financial transparency by developing a separate Service Level Agreement",
    "Annual consultation activity with young people",
]
LEICESTERSHIRE_PRIORITIES = [
    "Deliver the key elements relating to emotional well-being and mental health through local and national initiatives",
    "Healthy Lives, Brighter Futures",
    "The Healthy Child Programme",
    "Social and Emotional Aspects of Development (SEAD) and Social and Emotional Aspects of Learning (SEAL)",
    "The National Healthy Schools Programme and Enhanced National Healthy Schools Programme",
    "Aiming High for Short Breaks for Disabled children and young people and Transitions Support programme",
    "Enhance the capacity within the children's workforce",
    "Tier 1 staff and volunteers, having the knowledge and understanding of other tiers",
    "Provide easy to access and quality sources of information",
    "Engage schools and settings with Leicestershire's Children's Trust",
    "Promote activities that develop the resilience of children and young people",
    "Support Tier 1 staff and volunteers to feel confident",
    "Support the continued development of integrated processes and relationships within locality working",
    "Provide coherent service development through identifying gaps in service provision",
    "Provide Specialist CAMHS Tier 3 services to support CAMHS Tier 2 service",
    "Ensure effective engagement at a strategic level from the local authority with specialist CAMHS",
    "Ensure the best use of current resources available",
    "Ensure efficient use of highly specialist resources",
    "Maintain an intensive service for populations identified as most at risk",
    "Ensure outreach programmes provide effective local re-integration",
    "Establish a Leicestershire County Emotional Well-being and Mental Health Monitoring Group",
    "Establish a Leicestershire Emotional Well-being and Mental Health Strategic Group",
]
KENT = [
    "That the Commissioning recommendations within the Strategy are agreed",
    "A joint investment programme is determined and implemented",
    "That the Strategy is distributed across key stakeholders for consultation prior to implementation",
    "mental health promotion",
    "prevention",
    "early intervention",
    "complex mental health needs",
]


# Seeds 003/004, the Scottish supports framework. Every principle and expectation, with
# its section, title, paragraph and words.
SCOTLAND_PRINCIPLES = [
    ("SCF-ACCESSIBLE", "core", "Easily Accessible", 21, "include self-referral options"),
    ("SCF-ACCESSIBLE-TO-ALL", "core", "Accessible to all", 21, "reduce health inequalities"),
    ("SCF-STRENGTHS", "core", "Strengths-based", 21, "avoiding over-medicalising"),
    ("SCF-RELATIONSHIPS", "core", "Relationship-based", 21, "trusted relationship"),
    ("SCF-PREVENTION", "core", "Prevention-focused", 21, "first concerns or signs of distress"),
    ("SCF-RIGHTS", "core", "Rights-based and person-centred", 21, "shared decision-making"),
    ("SCF-RIGHT-HELP", "core", "Get the right help at the right time", 21, "streamlined"),
    ("SCF-STORY-ONCE", "core", "Tell your story only once", 21, "“no wrong door”"),
    (
        "SCF-STIGMA-AWARENESS",
        "stigma",
        "Raising awareness and understanding around mental health",
        22,
        "seeking, accessing and receiving the right help and support",
    ),
    (
        "SCF-STIGMA-MYTHS",
        "stigma",
        "Challenging myths, misconceptions and stereotypes around mental health",
        22,
        "social factors like poverty",
    ),
    (
        "SCF-STIGMA-EMPATHY",
        "stigma",
        "Promoting empathy, compassion and listening",
        22,
        "open and supportive communities within staff teams",
    ),
    (
        "SCF-RISK-OVERSIGHT",
        "risk",
        "Manage that change and risk, with professional oversight, and necessary safeguards",
        51,
        "their own capacity to assess risk at a local level",
    ),
    (
        "SCF-RISK-COLLABORATION",
        "risk",
        "Collaborate on how risk will be managed and monitored across the range of local "
        "support and services",
        52,
        "right support at the right time without delay",
    ),
    (
        "SCF-RISK-WHOLE-SYSTEM",
        "risk",
        "Embedding community supports and services within the whole system locally, with "
        "excellent connections between community based and CAMHS services",
        53,
        "Important risk management aspects",
    ),
    (
        "SCF-RISK-STAFF-TRAINING",
        "risk",
        "An explicit approach to staff training and support in place",
        53,
        "an explicit approach to staff training and support in place",
    ),
    (
        "SCF-ESCALATION",
        "risk",
        "Clear escalation pathways both in hours and out of hours agreed with CAMHS",
        54,
        "easily accessible from anywhere 24/7",
    ),
    (
        "SCF-RISK-EVIDENCE",
        "risk",
        "Manage the risk of using less well-evidenced supports",
        55,
        "Practitioners should manage this risk as appropriate",
    ),
]
# Every "should" the framework addresses to local partnerships, supports and services or
# practitioners (and paragraphs 51-54's expectations put as "will require", "will
# include", "needs to"), each with the principle its action must align to. Left out, as
# they ask nothing of anyone: the two documents' opening lines ("the support that
# children and young people should be able to access", "the broad approach that should be
# taken") and paragraph 21's lead-in ("families should expect the following core
# principles"), whose principles are the framework itself.
SCOTLAND_SHOULDS = [
    ("should be easily and quickly accessible to anyone requesting assistance", "SCF-ACCESSIBLE"),
    ("should include self-referral options", "SCF-ACCESSIBLE"),
    ("should be highly visible within the whole system", "SCF-ACCESSIBLE"),
    ("publicly available and kept updated", "SCF-ACCESSIBLE"),
    ("equitably accessible to those with additional and complex needs", "SCF-ACCESSIBLE-TO-ALL"),
    ("targeted provision for those considered at-risk", "SCF-ACCESSIBLE-TO-ALL"),
    ("conscious efforts made to reduce health inequalities", "SCF-ACCESSIBLE-TO-ALL"),
    ("systematically focus on children and young people with protected", "SCF-ACCESSIBLE-TO-ALL"),
    ("a focus on building resilience, listening and talking", "SCF-STRENGTHS"),
    ("work collaboratively with the child or young person", "SCF-STRENGTHS"),
    ("should be relationship-based", "SCF-RELATIONSHIPS"),
    ("trusted relationship with the child or young person should be helped", "SCF-RELATIONSHIPS"),
    ("sustainably resourced to allow for the development of relationships", "SCF-RELATIONSHIPS"),
    ("early intervention and preventative approaches should be prioritised", "SCF-PREVENTION"),
    ("provide an early response to the first concerns or signs of distress", "SCF-PREVENTION"),
    ("should be empowered to express their views", "SCF-RIGHTS"),
    ("should take part in shared decision-making", "SCF-RIGHTS"),
    ("should consider the mental health impact", "SCF-RIGHTS"),
    ("engaged in design, delivery and evaluation", "SCF-RIGHTS"),
    ("should work closely with CAMHS", "SCF-RIGHT-HELP"),
    ("clear and explicit about how the different services are expected", "SCF-RIGHT-HELP"),
    ("tell their story once and should be supported through seamless", "SCF-STORY-ONCE"),
    ("“no wrong door” to support", "SCF-STORY-ONCE"),
    ("professionals should facilitate transition", "SCF-STORY-ONCE"),
    ("tackle stigma and discrimination, for example by: Raising awareness", "SCF-STIGMA-AWARENESS"),
    ("tackle stigma and discrimination, for example by: Challenging myths", "SCF-STIGMA-MYTHS"),
    ("tackle stigma and discrimination, for example by: Promoting empathy", "SCF-STIGMA-EMPATHY"),
    ("partnerships will require to manage that change and risk", "SCF-RISK-OVERSIGHT"),
    ("this will require professional oversight, and necessary safeguards", "SCF-RISK-OVERSIGHT"),
    ("all staff being aware of the need to assess risk", "SCF-RISK-OVERSIGHT"),
    ("should collaborate on how risk will be managed and monitored", "SCF-RISK-COLLABORATION"),
    ("deliver the right support at the right time without delay", "SCF-RISK-COLLABORATION"),
    ("embedding community supports and services within the whole system", "SCF-RISK-WHOLE-SYSTEM"),
    ("excellent connections between community based and CAMHS", "SCF-RISK-WHOLE-SYSTEM"),
    ("an explicit approach to staff training and support in place", "SCF-RISK-STAFF-TRAINING"),
    ("there should be clear escalation pathways both in hours and out of", "SCF-ESCALATION"),
    ("how to seek advice from a CAMHS clinician", "SCF-ESCALATION"),
    ("access urgent assessment from other professionals", "SCF-ESCALATION"),
    ("needs to be easily accessible from anywhere 24/7", "SCF-ESCALATION"),
    ("practitioners should manage this risk as appropriate", "SCF-RISK-EVIDENCE"),
]


@pytest.fixture(scope="module")
def plans():
    return {p.id: p for p in load_plans(str(ROOT / "plans"))}


def _texts(plan):
    return [f"{a.title}\n{a.notes or ''}".lower() for a in plan.actions]


@pytest.mark.parametrize("phrase", LLR_ACTION_PLAN + LEICESTERSHIRE_PRIORITIES)
def test_every_leicestershire_priority_is_an_action(plans, phrase):
    assert any(phrase.lower() in t for t in _texts(plans["leicestershire"])), phrase


@pytest.mark.parametrize("phrase", KENT)
def test_every_kent_recommendation_and_programme_is_an_action(plans, phrase):
    assert any(phrase.lower() in t for t in _texts(plans["kent"])), phrase


def test_no_invented_progress(plans):
    for plan in plans.values():
        for a in plan.actions:
            assert a.status.value == "not-started", a.id
            assert a.evidence == (), a.id
            assert a.source, a.id
            assert a.owner, a.id
            assert a.due is not None and plan.start <= a.due <= plan.end, a.id


def test_dates_from_the_seeds(plans):
    lei = {a.id: a for a in plans["leicestershire"].actions}
    assert str(lei["LEI-X-05"].due) == "2009-04-01"  # "from 2009"
    assert str(lei["LEI-X-10"].due) == "2009-03-31"  # annual: the end of the first year
    # ... and every year after, up to the plan's end.
    assert lei["LEI-X-10"].every == "year"
    assert [str(d) for d in lei["LEI-X-10"].occurrences()] == [
        "2009-03-31",
        "2010-03-31",
        "2011-03-31",
    ]
    kent = {a.id: a for a in plans["kent"].actions}
    assert str(kent["KEN-4"].start) == "2007-04-01"  # "implementation from April 2007"
    assert str(kent["KEN-1"].due) == "2007-01-15"  # the Cabinet meeting


def test_tier_purposes_and_aims_are_kept(plans):
    lei = plans["leicestershire"]
    assert [t.id for t in lei.tiers] == ["T1", "T2", "T3", "T4", "X"]
    assert lei.tier("T1").purpose == "To promote mental health and emotional wellbeing"
    assert lei.tier("T3").purpose.startswith(
        "Targeted towards children and young people with significant"
    )
    assert len(lei.aims) == 3 and lei.aims[1].startswith("Prevent children acquiring complex needs")
    assert len(plans["kent"].actions) == 7


def test_bundled_plans_check_clean(run):
    r = run(
        "check",
        "--strict",
        "--plans",
        str(ROOT / "plans"),
        "--frameworks",
        str(ROOT / "frameworks"),
        "-f",
        "json",
    )
    assert r.exit_code == 0, r.stdout
    assert json.loads(r.stdout)["problems"] == []


@pytest.fixture(scope="module")
def scotland_framework():
    from actionplan.load import load_frameworks

    [fw] = load_frameworks(str(ROOT / "frameworks"))
    return fw


def test_every_principle_and_expectation_is_in_the_framework(scotland_framework):
    fw = scotland_framework
    assert fw.id == "scotland-community-supports"
    assert fw.title == (
        "Children and young people - community mental health and wellbeing: "
        "supports and services framework"
    )
    assert [s.id for s in fw.sections] == ["core", "stigma", "risk"]
    got = {p.id: p for p in fw.principles}
    assert list(got) == [row[0] for row in SCOTLAND_PRINCIPLES]  # nothing more, in order
    for pid, section, title, paragraph, words in SCOTLAND_PRINCIPLES:
        p = got[pid]
        assert (p.section, p.title) == (section, title), pid
        assert p.source.endswith(f"paragraph {paragraph}"), (pid, p.source)
        document = "Community mental health" if paragraph >= 50 else "Children and young people"
        assert p.source.startswith(document), pid
        assert words in p.text, pid


def test_every_should_is_an_action_aligned_to_its_principle(plans):
    actions = list(plans["scotland"].actions)
    assert len(actions) == len(SCOTLAND_SHOULDS)
    # Each "should" has an action of its own: match them one to one (augmenting paths).
    fits = [
        [
            i
            for i, a in enumerate(actions)
            if phrase.lower() in f"{a.title}\n{a.notes}".lower() and principle in a.aligns
        ]
        for phrase, principle in SCOTLAND_SHOULDS
    ]
    owner: dict[int, int] = {}

    def place(k: int, seen: set[int]) -> bool:
        for i in fits[k]:
            if i not in seen:
                seen.add(i)
                if i not in owner or place(owner[i], seen):
                    owner[i] = k
                    return True
        return False

    for k, (phrase, _) in enumerate(SCOTLAND_SHOULDS):
        assert place(k, set()), phrase


def test_scotland_plan_assumptions(plans):
    plan = plans["scotland"]
    assert (str(plan.start), str(plan.end)) == ("2021-04-01", "2024-03-31")
    assert [t.id for t in plan.tiers] == ["X", "S", "P"]
    owners = {a.owner for a in plan.actions}
    assert owners == {
        "local partnership",
        "supports and services",
        "professionals",
        "practitioners",
        "all agencies working with a child",
    }
    for a in plan.actions:
        assert a.due == plan.end, a.id
        assert a.aligns and a.notes, a.id
        assert "paragraph" in a.source, a.id


def test_bundled_coverage_has_no_gap(run):
    r = run(
        "coverage",
        "--plans",
        str(ROOT / "plans"),
        "--frameworks",
        str(ROOT / "frameworks"),
        "--as-of",
        "2022-06-30",
        "-f",
        "json",
    )
    assert r.exit_code == 0, r.output
    [fw] = json.loads(r.stdout)["frameworks"]
    assert (fw["covered"], fw["total"], fw["gaps"]) == (17, 17, [])
    # Only the Scottish plan aligns: its three tiers are the columns.
    assert [(c["plan"], c["tier"]) for c in fw["columns"]] == [
        ("scotland", "X"),
        ("scotland", "S"),
        ("scotland", "P"),
    ]
    assert {p["rag"] for p in fw["principles"]} == {"grey"}  # nothing started, nothing late


def test_the_seeds_figures_are_measures_with_their_baselines_and_targets(plans):
    kent = {m.id: m for m in plans["kent"].measures}
    assert [(m.unit, m.baseline.value, str(m.baseline.date)) for m in kent.values()] == [
        ("%", 10, "2007-01-15"),  # one in ten
        ("%", 7, "2007-01-15"),
        ("children", 24000, "2007-01-15"),
    ]
    for m in kent.values():
        assert m.target is None and "sets no target" in m.source  # the report states none
    lei = plans["leicestershire"].measures
    assert [(m.id, m.unit, m.better, m.target.value, str(m.target.date)) for m in lei] == [
        ("LEI-M1", "%", "higher", 96, "2011-03-31")
    ]
    assert "96% of mental & emotional well-being needs" in lei[0].source
    assert lei[0].baseline is None
    for m in [*kent.values(), *lei]:
        assert m.values == (), m.id  # no invented readings
        assert m.owner and m.frequency == "annual"


def test_measures_from_a_fresh_clone_show_the_baselines(run):
    r = run("measures", "--plans", str(ROOT / "plans"), "--as-of", "2009-06-30", "-f", "json")
    assert r.exit_code == 0
    got = {m["id"]: m for m in json.loads(r.stdout)["measures"]}
    assert got["KEN-M1"]["baseline"] == {"date": "2007-01-15", "value": 10}
    assert got["KEN-M3"]["baseline"]["value"] == 24000
    assert {m["rag"] for m in got.values()} == {"grey"}
    assert got["LEI-M1"]["expected"] == 96
    table = run("measures", "--plans", str(ROOT / "plans"), "--as-of", "2009-06-30").stdout
    assert "24,000 (2007-01-15)" in table and "96 (by 2011-03-31)" in table
