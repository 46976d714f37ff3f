"""chase: what to chase, owner by owner, as a table, JSON and an email in Markdown."""

from __future__ import annotations

import json

import pytest

from tests.conftest import actionplan

HEAD = """\
title = "Chase Plan"
organisation = "Chase Trust"
start = 2009-01-01
end = 2011-03-31

[[tiers]]
id = "T1"
name = "Universal"
"""


def action(aid: str, owner: str | None, status: str = "on-track", **keys: str) -> str:
    lines = ["", "[[actions]]", f'id = "{aid}"', 'tier = "T1"', f'title = "Action {aid}"']
    if owner is not None:
        lines.append(f"owner = {json.dumps(owner)}")
    lines.append(f'status = "{status}"')
    lines += [f"{k} = {v}" for k, v in keys.items()]
    return "\n".join(lines) + "\n"


AS_OF = "2009-10-01"
PLAN = HEAD + "".join(
    [
        # Overdue, by 1 and by 30 days; the owners differ only in case and spaces.
        action("C-1", "Comms lead", due="2009-09-30"),
        action("C-2", "  COMMS LEAD ", due="2009-09-01"),
        # Due today and in exactly 30 days: due soon; in 31 days: not.
        action("C-3", "comms lead", due="2009-10-01"),
        action("C-4", "Finance", due="2009-10-31"),
        action("C-5", "Finance", due="2009-11-01", evidence='[{ date = 2009-09-01, text = "ok" }]'),
        # Quiet for exactly 90 days (evidence) and 89 days (start): stale and not.
        action("C-6", "Finance", evidence='[{ date = 2009-07-03, text = "Met the *board*" }]'),
        action("C-7", "Finance", start="2009-07-04"),
        # No evidence and no start: counted from the plan's start (273 days).
        action("C-8", None),
        # Closed actions are never chased.
        action("C-9", "Finance", status="complete", due="2009-01-01"),
        action("C-10", "Finance", status="cancelled", due="2009-01-01"),
        # Evidence dated after as-of does not count yet.
        action("C-11", "Finance", evidence='[{ date = 2009-12-01, text = "later" }]'),
    ]
)


@pytest.fixture
def plans(tmp_path, monkeypatch):
    d = tmp_path / "plans"
    d.mkdir()
    (d / "chase.toml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return d


def doc(run, *args):
    r = run("chase", "--as-of", AS_OF, "-f", "json", *args)
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)


def lists(d: dict) -> dict[str, dict[str, list[str]]]:
    return {
        o["owner"]: {k: [a["id"] for a in o[k]] for k in ("overdue", "due_soon", "stale")}
        for o in d["owners"]
    }


def test_owners_grouped_alike_whatever_their_case_and_spaces(plans, run):
    d = doc(run)
    assert set(d) == {"as_of", "owners"} and d["as_of"] == AS_OF
    assert [set(o) for o in d["owners"]] == [
        {"owner", "overdue", "due_soon", "stale", "late_measures"}
    ] * 3
    assert lists(d) == {
        # Shown as first written (trimmed); overdue oldest first.
        "Comms lead": {"overdue": ["C-2", "C-1"], "due_soon": ["C-3"], "stale": []},
        "Finance": {"overdue": [], "due_soon": ["C-4"], "stale": ["C-11", "C-6"]},
        "(no owner)": {"overdue": [], "due_soon": [], "stale": ["C-8"]},
    }
    assert all(o["late_measures"] == [] for o in d["owners"])


def test_why_each_action_is_chased(plans, run):
    items = {
        a["id"]: a
        for o in doc(run)["owners"]
        for k in ("overdue", "due_soon", "stale")
        for a in o[k]
    }
    c2 = items["C-2"]
    assert (c2["days_late"], c2["late_since"], c2["overdue"]) == (30, "2009-09-01", True)
    assert (items["C-3"]["days_to_due"], items["C-4"]["days_to_due"]) == (0, 30)
    c6 = items["C-6"]
    assert c6["days_since_evidence"] == 90 and c6["quiet_since"] == "2009-07-03"
    assert c6["last_evidence"] == {
        "date": "2009-07-03",
        "text": "Met the *board*",
        "link": None,
        "by": None,
    }
    assert (
        items["C-8"]["days_since_evidence"] == 273 and items["C-8"]["quiet_since"] == "2009-01-01"
    )
    assert items["C-11"]["last_evidence"] is None
    # The action keys every command prints are all there.
    assert {"id", "plan", "tier", "title", "owner", "status", "due", "overdue", "evidence"} <= set(
        c2
    )


def test_thresholds_are_options(plans, run):
    assert lists(doc(run, "--within", "31"))["Finance"]["due_soon"] == ["C-4", "C-5"]
    # C-7 went quiet 89 days ago: stale at 89, not at 90.
    assert "C-7" in lists(doc(run, "--stale", "89"))["Finance"]["stale"]
    assert "C-7" not in lists(doc(run))["Finance"]["stale"]


def test_owner_option_narrows_to_matching_owners(plans, run):
    assert list(lists(doc(run, "--owner", " COMMS "))) == ["Comms lead"]
    assert list(lists(doc(run, "--owner", "no owner"))) == ["(no owner)"]
    assert lists(doc(run, "--owner", "nobody")) == {}


def test_exit_1_when_anything_is_overdue_else_0(plans, run):
    assert run("chase", "--as-of", AS_OF).exit_code == 1
    r = run("chase", "--as-of", AS_OF, "--owner", "finance")
    assert r.exit_code == 0
    r = run("chase", "--as-of", "2008-01-01", "--stale", "9999")
    assert r.exit_code == 0 and r.stdout == "" and "nothing to chase as of 2008-01-01" in r.stderr


def test_markdown_is_an_email_per_owner(plans, run):
    r = run("chase", "--as-of", AS_OF, "-f", "md")
    assert r.exit_code == 1
    md = r.stdout
    assert md.startswith("# Actions to chase, as of 2009-10-01\n\n## Comms lead\n\n")
    comms = md.split("## Comms lead\n")[1].split("\n## ")[0]
    assert "2 overdue and 1 due in the next 30 days." in comms
    assert (
        "- **C-2** Action C-2 — due 2009-09-01, 30 days late; no evidence recorded in 273 days"
        in comms
    )
    assert "- **C-3** Action C-3 — due 2009-10-01, in 0 days;" in comms
    finance = md.split("## Finance\n")[1].split("\n## ")[0]
    assert "**No evidence for 90 days or more**" in finance
    # User text is escaped: the evidence's *board* cannot turn bold.
    assert "last evidence 2009-07-03 (90 days ago): Met the \\*board\\*" in finance
    assert md.index("## Finance") < md.index("## (no owner)")


def test_markdown_escapes_whatever_an_owner_or_title_holds(plans, run):
    (plans / "chase.toml").write_text(
        HEAD
        + action("X-1", "# Lead <b>", due="2009-01-01").replace(
            'title = "Action X-1"', 'title = "[click](http://x) `code` _em_"'
        )
    )
    md = run("chase", "--as-of", AS_OF, "-f", "md").stdout
    assert "## \\# Lead &lt;b&gt;\n" in md
    assert "**X-1** \\[click\\](http://x) \\`code\\` \\_em\\_ —" in md


def test_table_piped_names_the_owner_on_every_row(plans, run):
    r = run("chase", "--as-of", AS_OF)
    lines = r.stdout.splitlines()
    assert lines[0] == (
        "To chase as of 2009-10-01: 2 overdue, 2 due in the next 30 days, "
        "3 with no evidence for 90 days or more"
    )
    rows = [line for line in lines[3:] if line.strip()]
    assert len(rows) == 7
    assert sum(line.startswith("Comms lead ") for line in rows) == 3
    assert any(line.startswith("(no owner)") and "C-8" in line for line in rows)
    assert "\x1b[" not in r.stdout


def test_a_recurring_action_is_chased_for_its_missed_occurrence(plans, run):
    (plans / "chase.toml").write_text(
        HEAD
        + action(
            "R-1",
            "Participation",
            due="2009-03-31",
            every='"year"',
            evidence='[{ date = 2009-03-20, text = "Held" }]',
        )
    )
    d = doc(run, "--as-of", "2010-04-10")
    item = d["owners"][0]["overdue"][0]
    assert (item["late_since"], item["days_late"]) == ("2010-03-31", 10)
    assert (
        "due 2010-03-31 (yearly), 10 days late"
        in run("chase", "--as-of", "2010-04-10", "-f", "md").stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--within", "-1"], "--within"),
        (["--stale", "x"], "--stale"),
        (["--format", "csv"], "--format"),
        (["nope"], "no plan 'nope'"),
        (["--as-of", "30/06/2009"], "use YYYY-MM-DD"),
        (["--within", "99999999999"], "not in the range 0<=x<=36500"),
        (["--within", "3000000"], "not in the range 0<=x<=36500"),
        (["--stale", "99999999999"], "not in the range 0<=x<=36500"),
        (["--as-of", "9999-12-31"], "actionplan handles dates from 1900-01-01 to 2999-12-31"),
        (["--as-of", "0001-01-01"], "actionplan handles dates from 1900-01-01 to 2999-12-31"),
    ],
)
def test_bad_input_exits_2(plans, run, args, message):
    r = run("chase", *args)
    assert r.exit_code == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_the_bundled_plans_from_a_fresh_clone(tmp_path):
    """From the repository's own plans: what the strategy lead chases mid-strategy."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    r = actionplan("chase", "--as-of", "2009-06-30", "-f", "json", cwd=root)
    assert r.returncode == 1, r.stderr
    owners = {o["owner"]: o for o in json.loads(r.stdout)["owners"]}
    assert "LLR CAMHS board" in owners
    # The annual consultation recurs every year: its first year is overdue.
    late = [a["id"] for a in owners["LLR CAMHS board"]["overdue"]]
    assert "LEI-X-10" in late
    md = actionplan("chase", "--as-of", "2009-06-30", "-f", "md", cwd=root).stdout
    assert "## LLR CAMHS board" in md and "## Kent County Council Cabinet" in md


def test_on_a_terminal_each_owner_heads_their_rows(plans):
    import os

    from tests.conftest import on_terminal

    out = on_terminal(
        ["chase", "--as-of", AS_OF], cwd=plans.parent, env={**os.environ, "NO_COLOR": "1"}
    ).decode()
    assert "┃ Owner" in out and "│ overdue" in out  # drawn by the terminal renderer
    rows = [line for line in out.splitlines() if "│" in line and "C-" in line]
    assert sum("Comms lead" in row for row in rows) == 1
    assert len(rows) == 7


def test_late_measure_readings_are_chased_under_the_measures_owner(plans, run):
    (plans / "chase.toml").write_text(
        HEAD
        + action(
            "C-1", "Finance", due="2010-01-01", evidence='[{ date = 2009-09-01, text = "ok" }]'
        )
        + """
[[measures]]
id = "C-M1"
title = "Waiting over 18 weeks"
unit = "children"
better = "lower"
frequency = "quarterly"
owner = " finance "
target = { date = 2010-03-31, value = 0 }
values = [
  { date = 2009-03-31, value = 120, note = "Q4 return" },
]

[[measures]]
id = "C-M2"
title = "On time"
unit = "%"
better = "higher"
frequency = "quarterly"
owner = "Finance"
values = [
  { date = 2009-06-30, value = 80 },
]
"""
    )
    # As of 2009-10-01 the April-June reading (due by 30 July) is the one that counts:
    # C-M1's latest is March's, so it is late; C-M2 has June's.
    r = run("chase", "--as-of", AS_OF, "-f", "json")
    assert r.exit_code == 1  # a late reading is something to chase, like an overdue action
    (owner,) = json.loads(r.stdout)["owners"]
    assert owner["owner"] == "Finance"
    assert [m["id"] for m in owner["late_measures"]] == ["C-M1"]
    m = owner["late_measures"][0]
    assert m["late"] is True and m["due_period"]["label"] == "Q1 2009/10"
    md = run("chase", "--as-of", AS_OF, "-f", "md").stdout
    assert (
        "- **C-M1** Waiting over 18 weeks — the reading for Q1 2009/10 was due by 2009-07-30; "
        "last reading 2009-03-31: 120 (Q4 return)" in md
    )
    assert "## Finance\n\n1 late measure reading.\n" in md
    table = run("chase", "--as-of", AS_OF).stdout
    assert "late reading" in table and "C-M1" in table and "Q1 2009/10, due 2009-07-30" in table
    # Nothing overdue and no late reading: exit 0.
    assert run("chase", "--as-of", "2009-07-15", "--owner", "finance").exit_code == 0


def test_the_latest_evidence_is_the_latest_dated_wherever_it_is_written(plans, run):
    (plans / "chase.toml").write_text(
        HEAD
        + action(
            "E-1",
            "Lead",
            evidence='[{ date = 2009-08-01, text = "later" }, { date = 2009-03-01, text = "earlier" }]',
        )
        + action(
            "E-2",
            "Lead",
            evidence='[{ date = 2009-03-01, text = "first" }, { date = 2009-03-01, text = "second" }]',
        )
    )
    d = doc(run, "--stale", "0")
    items = {a["id"]: a for a in d["owners"][0]["stale"]}
    assert items["E-1"]["last_evidence"]["text"] == "later"
    assert items["E-1"]["days_since_evidence"] == 61
    assert items["E-2"]["last_evidence"]["text"] == "second"
