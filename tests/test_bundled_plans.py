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
    r = run("check", "--strict", "--plans", str(ROOT / "plans"), "-f", "json")
    assert r.exit_code == 0, r.stdout
    assert json.loads(r.stdout)["problems"] == []
