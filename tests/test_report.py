"""report: the board paper from a scripted history; snapshots reviewed by eye.

Set UPDATE_SNAPSHOTS=1 to rewrite tests/snapshots/ after a deliberate change, then read
the diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import git

SNAPSHOTS = Path(__file__).parent / "snapshots"
NOW = {"ACTIONPLAN_NOW": "2009-04-20T09:00:00+00:00", "ACTIONPLAN_TODAY": "2009-04-20"}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    for k, v in NOW.items():
        monkeypatch.setenv(k, v)


def snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: UPDATE_SNAPSHOTS=1 to accept"


def test_default_report_covers_the_period_since_the_board_tag(story, run):
    r = run("report")
    assert r.exit_code == 0, r.output
    doc = json.loads(run("report", "--format", "json").stdout)
    assert doc["period"]["board_tag"] == "board/2009-03-01"
    assert doc["period"]["since"]["date"] == "2009-02-01"  # the commit the board was shown
    assert doc["period"]["since"]["quarter"] == "Q4 2008/09"
    assert doc["period"]["until"]["quarter"] == "Q1 2009/10"
    changes = doc["changes"]
    assert [(e["action"], e["old"], e["new"], e["author"]) for e in changes["status"]] == [
        ("SAM-T1-02", "off-track", "complete", "Carol Comms")
    ]
    assert [e["action"] for e in changes["completed"]] == ["SAM-T1-02"]
    assert [(e["action"], e["author"], e["date"]) for e in changes["owner"]] == [
        ("SAM-T2-01", "Bob Tiertwo", "2009-03-05")
    ]
    assert [(e["old"], e["new"]) for e in changes["redated"]] == [("2009-12-31", "2010-06-30")]
    assert [e["action"] for e in changes["added"]] == ["SAM-T1-03"]
    assert [e["action"] for e in changes["removed"]] == ["OTH-1"]
    assert changes["evidence"] == []  # added before the tag: not in this period
    snapshot("story-report.md", r.stdout)


def test_summary_direction_and_exceptions(story, run):
    doc = json.loads(run("report", "-f", "json").stdout)
    sample = next(p for p in doc["plans"] if p["id"] == "sample-strategy")
    # At the tag the plan's actions (those it holds now: SAM-T2-02 has moved to other)
    # were none complete, three exceptions; now one of four is complete, two exceptions.
    assert (sample["previous"]["percent_complete"], sample["previous"]["exceptions"]) == (0.0, 3)
    assert (sample["percent_complete"], sample["exceptions"]) == (25.0, 2)
    assert sample["direction"] == "improving"
    other = next(p for p in doc["plans"] if p["id"] == "other")
    assert other["previous"]["total"] == 2 and other["total"] == 1
    exc = {a["id"]: a for a in doc["exceptions"]}
    assert set(exc) == {"SAM-T1-01", "SAM-T2-01"}
    assert (
        exc["SAM-T2-01"]["original_due"] == "2009-12-31" and exc["SAM-T2-01"]["due"] == "2010-06-30"
    )
    assert exc["SAM-T2-01"]["redated"] is True
    assert exc["SAM-T1-01"]["latest_evidence"]["text"] == "Cover for trainer not found"
    assert [a["id"] for a in doc["coming_up"]["actions"]] == ["SAM-T1-03"]
    assert doc["coming_up"]["to"] == "2009-09-30"


def test_html_is_one_printable_file(story, run):
    r = run("report", "--format", "html")
    assert r.exit_code == 0
    html = r.stdout
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "<svg" in html
    snapshot("story-report.html", html)


def test_json_is_the_template_context(story, run):
    doc = json.loads(run("report", "-f", "json").stdout)
    assert set(doc) >= {
        "generated_at",
        "as_of",
        "commit",
        "period",
        "plans",
        "exceptions",
        "changes",
        "coming_up",
        "chart",
        "appendix",
        "shallow",
    }
    assert doc["chart"]["mermaid"].startswith("%%{init")
    assert doc["chart"]["points"][-1]["counts"]["complete"] == 2


def test_explicit_range(story, run):
    # The re-dating was committed on 03-10 on a branch merged on 03-20: it is in a period
    # that starts before the merge, and not in one that starts after it.
    doc = json.loads(
        run("report", "--since", "2009-03-08", "--until", "2009-04-05", "-f", "json").stdout
    )
    assert [(e["action"], e["author"], e["date"]) for e in doc["changes"]["redated"]] == [
        ("SAM-T2-01", "Bob Tiertwo", "2009-03-10")
    ]
    doc = json.loads(
        run("report", "--since", "2009-03-21", "--until", "2009-04-05", "-f", "json").stdout
    )
    assert doc["changes"]["redated"] == []
    assert doc["as_of"] == "2009-04-02"  # the until commit's date
    assert doc["changes"]["added"] == []


def test_rendered_twice_identical_but_for_generated_at(story, run, monkeypatch):
    first = run("report").stdout
    monkeypatch.setenv("ACTIONPLAN_NOW", "2030-01-01T00:00:00+00:00")
    second = run("report").stdout
    strip = lambda t: re.sub(r"\| \*\*Generated\*\* \|.*\n", "", t)  # noqa: E731
    assert first != second and strip(first) == strip(second)


def test_output_file_is_written_atomically(story, run):
    r = run("report", "-o", "paper.md")
    assert r.exit_code == 0 and r.stdout == ""
    assert (story / "paper.md").read_text().startswith("# Sample Board")
    assert not [p for p in story.iterdir() if p.name.endswith(".tmp")]
    r = run("report", "-o", "no/such/dir/paper.md")
    assert r.exit_code == 2 and "cannot write" in r.stderr


def test_user_text_cannot_break_tables_or_inject_markup(story, run):
    p = story / "plans" / "sample-strategy.toml"
    text = p.read_text().replace(
        'title = "Train Tier 1 staff"',
        'title = "Train | staff\\n<script>alert(1)</script> `code` **bold**"',
    )
    p.write_text(text)
    git(story, "commit", "-qam", "Awkward title", date="2009-04-18T10:00:00+00:00")
    md = run("report").stdout
    row = next(line for line in md.splitlines() if line.startswith("| SAM-T1-01 | sample-strategy"))
    assert (
        "Train \\| staff &lt;script&gt;alert(1)&lt;/script&gt; \\`code\\` \\*\\*bold\\*\\*" in row
    )
    assert row.count(" | ") == 8  # nine cells: the row is intact
    html = run("report", "-f", "html").stdout
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _add_evidence_links(story) -> None:
    """Two evidence items in the period: an ordinary https link and a hand-written
    javascript: one (update refuses it; a hand edit gets past that)."""
    p = story / "plans" / "sample-strategy.toml"
    text = p.read_text()
    block = text.index('id = "SAM-T2-01"')
    evidence = text.index("evidence = []", block)
    p.write_text(
        text[:evidence]
        + "evidence = [\n"
        + '  { date = 2009-04-16, text = "Minutes", link = "https://example.org/minutes?a=1&b=2" },\n'
        + '  { date = 2009-04-17, text = "Board pack", link = "javascript:alert(document.cookie)" },\n'
        + '  { date = 2009-04-17, text = "Tabbed", link = "java\\tscript:alert(1)" },\n'
        + "]"
        + text[evidence + len("evidence = []") :]
    )
    git(story, "commit", "-qam", "Evidence with links", date="2009-04-18T10:00:00+00:00")


def test_only_http_https_and_mailto_links_are_live_in_the_papers(story, run):
    _add_evidence_links(story)
    html = run("report", "--format", "html").stdout
    assert '<a href="https://example.org/minutes?a=1&amp;b=2">link</a>' in html
    assert "javascript" in html  # shown, as text
    assert not re.search(r"href\s*=\s*[\"']?\s*java", html, re.I)
    assert html.count("<a href=") == 1
    assert "(javascript:alert(document.cookie))" in html
    md = run("report").stdout
    assert "(<https://example.org/minutes?a=1&b=2>)" in md
    row = next(line for line in md.splitlines() if "Board pack" in line)
    assert "javascript\\:alert(document.cookie)" in row
    # No Markdown link or autolink, and no HTML, can be made of it.
    assert not re.search(r"\]\(\s*<?java|<java|href", md, re.I)
    assert "java script\\:alert(1)" in md  # the tab is a space: nothing joins the scheme


def test_templates_get_the_link_filters(story, run, tmp_path):
    _add_evidence_links(story)
    mine = tmp_path / "links.md.j2"
    mine.write_text(
        "{% for e in changes.evidence %}{{ e.new.link | href }} {{ e.new.link | link }}\n{% endfor %}"
    )
    r = run("report", "--template", str(mine))
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "https://example.org/minutes?a=1&b=2 <https://example.org/minutes?a=1&b=2>",
        "None javascript\\:alert(document.cookie)",
        "None java script\\:alert(1)",
    ]


def test_svg_chart_takes_only_numbers(story, run, tmp_path):
    mine = tmp_path / "chart.html.j2"
    rest = "'on-track': 0, 'at-risk': 0, 'off-track': 0, 'complete': 0, 'cancelled': 0"
    good = "{{ svg_chart([{'label': '<b>', 'counts': {'not-started': 1, REST}}]) }}\n"
    bad = "{{ svg_chart([{'label': 'x', 'counts': {'not-started': '1\" onload=\"x', REST}}]) }}"
    mine.write_text((good + bad).replace("REST", rest))
    r = run("report", "--template", str(mine), "-f", "html", "-o", "paper.html")
    assert r.exit_code == 2
    assert r.stderr == (
        "error: template chart.html.j2:2: TypeError: svg_chart: every status count must be a number\n"
    )
    assert not (story / "paper.html").exists()
    mine.write_text(mine.read_text().splitlines()[0])
    html = run("report", "--template", str(mine), "-f", "html").stdout
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_repository_template_overrides_and_option_overrides_both(story, run, tmp_path):
    (story / "templates").mkdir()
    (story / "templates" / "report.md.j2").write_text(
        "Repo template for {{ plans | length }} plans\n"
    )
    assert run("report").stdout == "Repo template for 2 plans\n"
    mine = tmp_path / "mine.j2"
    mine.write_text("{% for p in plans %}{{ p.id }}: {{ p.percent_complete }}%\n{% endfor %}")
    assert (
        run("report", "--template", str(mine)).stdout == "other: 100.0%\nsample-strategy: 25.0%\n"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% for x in plans %}\n{{ x.id }\n", "template bad.j2:2:"),
        (
            "line one\n{{ no_such_variable }}\n",
            "template bad.j2:2: 'no_such_variable' is undefined",
        ),
        ("{{ plans.append(1) }}", "template bad.j2:1:"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "template bad.j2:1:"),
        (
            "{{ cycler.__init__.__globals__.os.system('touch /tmp/actionplan-pwned') }}",
            "template bad.j2:1:",
        ),
    ],
)
def test_bad_and_hostile_templates_exit_2_with_name_and_line(
    story, run, tmp_path, template, message
):
    bad = tmp_path / "bad.j2"
    bad.write_text(template)
    Path("/tmp/actionplan-pwned").unlink(missing_ok=True)
    r = run("report", "--template", str(bad))
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("error: " + message), r.stderr
    assert "Traceback" not in r.stderr
    assert not Path("/tmp/actionplan-pwned").exists()


HEAD = "{# a user template #}\nPlans: {{ plans | length }}\n"


@pytest.mark.parametrize(
    ("attack", "message"),
    [
        ("{{ 'a' * 10**9 }}", "too large: the result of * would be 1,000,000,000 characters"),
        ("{{ 'a' | center(10**9) }}", "too large: the result of |center would be 1,000,000,000"),
        ("{{ 'a' | center(999999999) }}", "too large: the result of |center would be 999,999,999"),
        ('{{ "%999999999d" | format(1) }}', "too large: the result of |format would be"),
        ("{{ '{:>999999999}'.format(1) }}", "too large: the format field {:>999999999} would be"),
        ("{{ '{:{}}'.format(1, 10**9) }}", "too large: the format field {:1000000000} would be"),
        ("{{ '%*d' % (10**9, 1) }}", "too large: the result of the % format would be"),
        ("{{ [1] * 10**9 }}", "too large: the result of * would be 11,000,000,000 characters"),
        ("{{ 2 ** (10**9) }}", "too large: the result of ** would be 301,029,996 digits"),
        ("{{ 'a'.ljust(10**9) }}", "too large: the result of ljust would be"),
        ("{{ ('a' * 1000).replace('', 'b' * 10**6) }}", "too large: the result of replace"),
        ("{{ range(100000) | join('a' * 10**7) }}", "too large: the result of join would be"),
        ("{{ 'x' | indent(10**9) }}", "too large: the result of |indent would be"),
        ("{{ [1] | batch(10**9, 0) | list }}", "too large: a |batch would be 1,000,000,000 items"),
        ("{{ lipsum(10**6) }}", "too large: the result of lipsum would be"),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
            "too large: the result of ~ would be 67,108,864 characters",
        ),
        ("{% set a = 'x' * 10**7 %}{{ [a, a, a, a, a, a] }}", "too large: the printed value"),
        (
            "{% macro m() %}{% for i in range(100000) %}{{ 'a' * 1000 }}{% endfor %}{% endmacro %}"
            "{% for i in range(2) %}{{ m() }}{% endfor %}",
            "too large: what this block or macro writes would be",
        ),
        ("{% for i in range(10**9) %}{% endfor %}", "too large: Range too big."),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "too deeply nested"),
        ("{{ ''.encode('no-such-codec') }}", "LookupError: unknown encoding: no-such-codec"),
    ],
)
def test_a_template_cannot_exhaust_the_machine(story, run, tmp_path, attack, message):
    bad = tmp_path / "bad.j2"
    bad.write_text(HEAD + attack + "\n")
    paper = story / "paper.md"
    paper.write_text("the last paper\n")
    r = run("report", "--template", str(bad), "-o", "paper.md")
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(f"error: template bad.j2:3: {message}"), r.stderr
    assert len(r.stderr.splitlines()) == 1
    assert paper.read_text() == "the last paper\n"  # -o writes whole papers only
    assert sorted(p.name for p in story.iterdir() if p.name.startswith(".paper")) == []


def test_the_output_is_bounded_as_it_streams(story, run, tmp_path):
    bad = tmp_path / "big.j2"
    bad.write_text(HEAD + "{% for i in range(100000) %}\n{{ 'a' * 1000 }}\n{% endfor %}\n")
    r = run("report", "--template", str(bad), "-o", "paper.md")
    assert r.exit_code == 2
    assert r.stderr == (
        "error: template big.j2:4: too large: the output is over the limit of 50,000,000 bytes\n"
    )
    assert not (story / "paper.md").exists()
    assert [p.name for p in story.iterdir() if "paper" in p.name] == []
    # Just under the bound is fine.
    bad.write_text("{% for i in range(49000) %}{{ 'a' * 1000 }}{% endfor %}")
    r = run("report", "--template", str(bad), "-o", "paper.md")
    assert r.exit_code == 0, r.output
    assert (story / "paper.md").stat().st_size == 49_000_000


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux address-space limit")
def test_what_the_checks_miss_is_stopped_by_the_memory_limit(story, run, tmp_path, monkeypatch):
    from actionplan import sandbox

    monkeypatch.setattr(sandbox, "RENDER_HEADROOM", 300 << 20)
    bad = tmp_path / "grow.j2"
    # Each list is small, but together they keep 2 GB of strings alive.
    bad.write_text(
        "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
        "{% set ns.l = [ns.l, 'x' * 20000 ~ i] %}{% endfor %}{{ ns.l | length }}"
    )
    r = run("report", "--template", str(bad), "-o", "paper.md")
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("error: template grow.j2:")
    assert "out of memory: a render may use 300 MB" in r.stderr
    assert not (story / "paper.md").exists()
    # The limit is lifted afterwards.
    assert run("report").exit_code == 0


def test_a_template_that_runs_too_long_is_stopped(story, run, tmp_path, monkeypatch):
    from actionplan import sandbox

    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 1)
    slow = tmp_path / "slow.j2"
    slow.write_text(
        "{% for i in range(99999) %}\n{% for j in range(99999) %}{% endfor %}\n{% endfor %}\n"
    )
    r = run("report", "--template", str(slow), "-o", "paper.md")
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("error: template slow.j2:2: too slow: took longer than 1 second")
    assert not (story / "paper.md").exists()
    # The timer is gone afterwards.
    assert run("report").exit_code == 0


def test_missing_template(story, run):
    r = run("report", "--template", "nope.j2")
    assert r.exit_code == 2 and "no such file" in r.stderr


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="Linux /proc")
def test_a_template_linked_to_a_file_outside_its_directory_is_refused(story, tmp_path):
    from tests.conftest import actionplan

    (story / "templates").mkdir()
    (story / "templates" / "report.md.j2").symlink_to("/proc/self/environ")
    env = {"SECRET_TOKEN": "s3cr3t"}
    for args in [(), ("-o", "paper.md")]:
        r = actionplan("report", *args, cwd=story, env=env)
        assert r.returncode == 2, r.stdout + r.stderr
        assert r.stderr == (
            "error: template report.md.j2: a link to a file outside templates/ (refused)\n"
        )
        assert r.stdout == "" and "s3cr3t" not in r.stdout + r.stderr
        assert not (story / "paper.md").exists()
        assert [p.name for p in story.iterdir() if "paper" in p.name] == []


@pytest.mark.parametrize(
    ("main", "link", "target", "refused"),
    [
        ('{% include "x.md.j2" %}', "x.md.j2", "secret.txt", "x.md.j2"),
        ('{% import "x.md.j2" as x %}{{ x.s }}', "x.md.j2", "secret.txt", "x.md.j2"),
        ('{% extends "x.md.j2" %}', "x.md.j2", "secret.txt", "x.md.j2"),
        ('{% include "sub/secret.txt" %}', "sub", ".", "sub/secret.txt"),
    ],
    ids=["include", "import", "extends", "linked-directory"],
)
def test_an_include_that_leads_outside_through_a_link_is_refused(
    story, run, tmp_path, main, link, target, refused
):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("{% set s = 's3cr3t' %}s3cr3t\n")
    templates = story / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text("Plans: {{ plans | length }}\n" + main + "\n")
    (templates / link).symlink_to(outside / target)
    r = run("report", "-o", "paper.md")
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        f"error: template {refused}: a link to a file outside templates/ (refused)\n"
    )
    assert "s3cr3t" not in r.output
    assert not (story / "paper.md").exists()
    # The same through --template: what the file includes stays within its directory.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "mine.j2").write_text(main)
    (mine / link).symlink_to(outside / target)
    r = run("report", "--template", str(mine / "mine.j2"))
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        f"error: template {refused}: a link to a file outside {mine.resolve()}/ (refused)\n"
    )
    assert "s3cr3t" not in r.output


def test_links_that_stay_within_templates_are_followed(story, run):
    templates = story / "templates"
    (templates / "parts").mkdir(parents=True)
    (templates / "board.md.j2").write_text('Board: {% include "count.md.j2" %}')
    (templates / "parts" / "count.md.j2").write_text("{{ plans | length }} plans\n")
    (templates / "report.md.j2").symlink_to("board.md.j2")
    (templates / "count.md.j2").symlink_to(templates / "parts" / "count.md.j2")
    r = run("report")
    assert r.exit_code == 0, r.output
    assert r.stdout == "Board: 2 plans\n"


def test_a_templates_directory_linked_outside_the_repository_is_refused(story, run, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "report.md.j2").write_text("from outside\n")
    (story / "templates").symlink_to(outside, target_is_directory=True)
    out = story / "paper.md"
    r = run("report", "-o", str(out))
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        "error: templates/: a link to a directory outside the repository (refused)\n"
    )
    assert not out.exists()


def test_a_template_option_may_name_a_file_anywhere(story, run, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "paper.j2").write_text('Mine: {% include "part.j2" %}')
    (elsewhere / "part.j2").write_text("{{ plans | length }} plans\n")
    assert run("report", "--template", str(elsewhere / "paper.j2")).stdout == "Mine: 2 plans\n"
    # A link you name is followed; what it includes is looked for beside the file it leads to.
    (story / "my-paper.j2").symlink_to(elsewhere / "paper.j2")
    r = run("report", "--template", "my-paper.j2")
    assert r.exit_code == 0, r.output
    assert r.stdout == "Mine: 2 plans\n"


def test_report_warns_about_uncommitted_plan_changes(story, run):
    p = story / "plans" / "other.toml"
    p.write_text(p.read_text() + "\n")
    r = run("report")
    assert r.exit_code == 0 and "uncommitted changes" in r.stderr


def test_report_reads_the_committed_plans_whatever_the_cache_holds(story, run):
    """The plans at the report's end are the committed ones: the validated plans cached
    for the working tree serve only when its files are those, byte for byte."""

    def titles():
        doc = json.loads(run("report", "-f", "json").stdout)
        return {
            a["id"]: a["title"] for p in doc["appendix"] for t in p["tiers"] for a in t["actions"]
        }

    committed = titles()
    assert run("status").exit_code == 0  # caches the plans as the working tree has them
    assert titles() == committed
    p = story / "plans" / "other.toml"
    text = p.read_text()
    first = text.index('title = "', text.index("[[actions]]")) + len('title = "')
    p.write_text(text[:first] + "Changed in the working tree: " + text[first:])
    assert run("status").exit_code == 0  # now caches the changed plans
    assert titles() == committed


def test_a_report_never_caches_plans_the_read_commands_would_refuse(story, run):
    """report only reads the read commands' cache: a committed file they refuse (not
    UTF-8 here), or a plan file that is a link to another, stays refused after a report."""
    p = story / "plans" / "other.toml"
    p.write_bytes(p.read_bytes().replace(b'title = "', b'title = "\xe9', 1))
    git(story, "commit", "-qam", "Not UTF-8", date="2009-05-01T10:00:00")
    assert run("status").exit_code == 2
    run("report")
    assert run("status").exit_code == 2
    git(story, "checkout", "-q", "HEAD~1", "--", "plans/other.toml")
    (story / "plans" / "alias.toml").symlink_to("other.toml")
    git(story, "add", "-A")
    git(story, "commit", "-qm", "A link to a plan", date="2009-05-02T10:00:00")
    assert run("status").exit_code == 2  # every id twice
    run("report")
    assert run("status").exit_code == 2


def test_report_narrowed_to_a_plan(story, run):
    doc = json.loads(run("report", "other", "-f", "json").stdout)
    assert [p["id"] for p in doc["plans"]] == ["other"]
    assert all(e["plan"] == "other" for group in doc["changes"].values() for e in group)
    assert run("report", "nope").exit_code == 2


def test_shallow_report_says_it_is_partial(story_master, tmp_path, run, monkeypatch):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "3", f"file://{story_master}", str(clone))
    monkeypatch.chdir(clone)
    r = run("report")
    assert r.exit_code == 2 and "fetch-depth: 0" in r.stderr
    r = run("report", "--allow-shallow")
    assert r.exit_code == 0
    assert "Partial history" in r.stdout and "partial" in r.stderr


def test_a_broken_plan_at_the_tip_is_refused_with_its_position(story, run):
    p = story / "plans" / "other.toml"
    p.write_text(p.read_text().replace('status = "complete"', 'status = "finished"'))
    git(story, "commit", "-qam", "Typo", date="2009-04-18T10:00:00+00:00")
    r = run("report")
    assert r.exit_code == 2
    assert "plans/other.toml:" in r.stderr and "unknown status 'finished'" in r.stderr
    assert "in commit" in r.stderr


# --- framework coverage ------------------------------------------------------------------


def test_framework_coverage_section(framework_story, run):
    r = run("report")
    assert r.exit_code == 0, r.output
    md = r.stdout
    section = md[md.index("## 4. Framework coverage") : md.index("## 5. Changes in the period")]
    # The gaps are named first, then every principle with its actions and roll-up.
    assert section.index("**Gaps: no action serves 1 principle.**") < section.index(
        "| Principle | Section |"
    )
    assert "- **SF-ESCALATE** Clear escalation pathways" in section
    assert (
        "| **SF-RIGHTS** Rights-based | Core principles | SAM-T1-01 (at-risk); "
        "SAM-T2-01 (at-risk) | amber |" in section
    )
    assert (
        "| SAM-T2-01 | Clarify the role of primary mental health workers | SF-ACCESS → SF-RIGHTS |"
        in section
    )
    snapshot("framework-report.md", md)
    html = run("report", "--format", "html").stdout
    assert '">gap</span></td></tr>' in html
    snapshot("framework-report.html", html)


def test_framework_context_is_the_coverage_json(framework_story, run):
    doc = json.loads(run("report", "-f", "json").stdout)
    cov = json.loads(run("coverage", "--as-of", doc["as_of"], "-f", "json").stdout)
    assert doc["frameworks"] == cov["frameworks"]
    assert doc["frameworks_commit"] == doc["commit"]
    assert [(e["action"], e["old"], e["new"]) for e in doc["changes"]["aligns"]][-1] == (
        "SAM-T2-01",
        ["SF-ACCESS"],
        ["SF-RIGHTS"],
    )


def test_no_alignment_no_section_and_frameworks_unread(story, run):
    (story / "frameworks").mkdir()
    (story / "frameworks" / "broken.toml").write_text("not = [toml\n")
    r = run("report")
    assert r.exit_code == 0, r.output
    assert "Framework coverage" not in r.stdout
    doc = json.loads(run("report", "-f", "json").stdout)
    assert doc["frameworks"] == [] and doc["frameworks_commit"] is None


def test_frameworks_are_read_as_committed_at_until(framework_story, run):
    fw = framework_story / "frameworks" / "sample-framework.toml"
    # Uncommitted: a new principle and a broken file do not change the paper.
    fw.write_text(fw.read_text() + '\n[[principles]]\nid = "SF-NEW"\ntitle = "New"\n')
    doc = json.loads(run("report", "-f", "json").stdout)
    assert [p["id"] for p in doc["frameworks"][0]["principles"]] == [
        "SF-ACCESS",
        "SF-RIGHTS",
        "SF-ESCALATE",
    ]
    # At the commit that first aligned the plan, both actions served SF-ACCESS only.
    doc = json.loads(
        run("report", "--until", "2009-04-16", "--since", "2009-04-15", "-f", "json").stdout
    )
    rows = {p["id"]: [a["id"] for a in p["actions"]] for p in doc["frameworks"][0]["principles"]}
    assert rows == {"SF-ACCESS": ["SAM-T1-01", "SAM-T2-01"], "SF-RIGHTS": [], "SF-ESCALATE": []}
    # Before any action aligned there is no section.
    doc = json.loads(run("report", "--until", "2009-04-15", "-f", "json").stdout)
    assert doc["frameworks"] == []


def test_named_frameworks_path_that_does_not_exist(story, run):
    r = run("report", "--frameworks", "nope")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == "error: --frameworks: no such file or directory: nope\n"


def test_frameworks_named_outside_the_repository_are_read_from_disk(framework_story, run, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    text = (framework_story / "frameworks" / "sample-framework.toml").read_text()
    (outside / "sample-framework.toml").write_text(text.replace("Sample Framework", "Outside"))
    r = run("report", "--frameworks", str(outside), "-f", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["frameworks"][0]["title"] == "Outside" and doc["frameworks_commit"] is None
    assert "uses those in the working tree" in r.stderr


def test_uncommitted_frameworks_are_read_from_the_working_tree_with_a_warning(framework_story, run):
    git(framework_story, "rm", "-q", "--cached", "-r", "frameworks")
    git(framework_story, "commit", "-qm", "Untrack", date="2009-04-19T10:00:00+00:00")
    r = run("report")
    assert r.exit_code == 0, r.output
    assert "uses those in the working tree" in r.stderr
    assert "## 4. Framework coverage" in r.stdout
    assert json.loads(run("report", "-f", "json").stdout)["frameworks_commit"] is None


def test_unknown_aligns_at_the_tip_is_refused_with_its_position(framework_story, run):
    p = framework_story / "plans" / "sample-strategy.toml"
    p.write_text(p.read_text().replace('aligns = ["SF-RIGHTS"]', 'aligns = ["SF-RIGHT"]'))
    git(framework_story, "commit", "-qam", "Typo", date="2009-04-19T10:00:00+00:00")
    r = run("report")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("error: plans/sample-strategy.toml:")
    assert "aligns 'SF-RIGHT' is not a principle of any framework (did you mean 'SF-RIGHTS'?)" in (
        r.stderr
    )
    assert "in commit" in r.stderr and len(r.stderr.splitlines()) == 1


def test_a_broken_framework_at_the_tip_is_refused_with_its_position(framework_story, run):
    fw = framework_story / "frameworks" / "sample-framework.toml"
    fw.write_text(fw.read_text().replace('section = "risk"', 'section = "rsk"'))
    git(framework_story, "commit", "-qam", "Typo", date="2009-04-19T10:00:00+00:00")
    r = run("report")
    assert r.exit_code == 2
    assert r.stderr.startswith(
        "error: frameworks/sample-framework.toml:31:1: principle SF-ESCALATE"
    )
    assert "in commit" in r.stderr


def test_a_period_with_no_change_has_no_direction_even_as_of_an_earlier_day(story, run):
    """The start position is judged no later than the position date: a period in which
    nothing changed is 'no change' even when --as-of lies before the period's start."""
    assert run("update", "SAM-T1-03", "--due", "2009-02-01", "--status", "on-track").exit_code == 0
    git(story, "commit", "-qam", "Due in February", date="2009-05-01T10:00:00")
    # Judged at the start commit's day (May), SAM-T1-03 would be overdue then and not in
    # January: a change of direction where nothing changed.
    doc = json.loads(run("report", "--since", "HEAD", "--as-of", "2009-01-15", "-f", "json").stdout)
    assert {p["direction"] for p in doc["plans"]} == {"no change"}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_shipped_compiled_templates_are_current(fmt):
    """The package's templates ship compiled (report.SHIPPED). A module made by another
    Jinja2 is not used (the template is compiled from source instead); made by this one,
    it must be what the template compiles to now."""
    import importlib
    import os
    from pathlib import Path

    import jinja2

    from actionplan import report

    path = Path(report.__file__).parent / (report.SHIPPED[fmt].rsplit(".", 1)[1] + ".py")
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(report.shipped_source(fmt), encoding="utf-8")
    module = importlib.import_module(report.SHIPPED[fmt])
    if jinja2.__version__ != module.JINJA2:
        pytest.skip(f"made by Jinja2 {module.JINJA2}, {jinja2.__version__} installed")
    assert path.read_text(encoding="utf-8") == report.shipped_source(fmt), (
        "the template changed: UPDATE_SNAPSHOTS=1 to remake its compiled module"
    )
    assert report._shipped(report.environment(fmt, []), fmt) is not None


def test_a_compiled_template_that_does_not_match_its_source_is_not_used():
    import types

    import jinja2

    from actionplan import report

    env = report.environment("md", [])
    stale = types.SimpleNamespace(JINJA2=jinja2.__version__, SOURCE_SHA256="0" * 64)
    assert report._shipped(env, "md", stale) is None
    other = types.SimpleNamespace(JINJA2="2.0", SOURCE_SHA256=report._source_digest("md"))
    assert report._shipped(env, "md", other) is None


def test_a_report_since_a_version_with_a_date_beyond_range_is_not_an_internal_error(story, run):
    p = story / "plans" / "other.toml"
    good = p.read_text()
    far = 'status = "on-track"\ndue = 9999-12-31\nevery = "month"'
    assert 'status = "complete"\ndue = 2009-03-31' in good
    p.write_text(good.replace('status = "complete"\ndue = 2009-03-31', far, 1))
    git(story, "commit", "-qam", "Far future", date="2009-05-01T10:00:00")
    p.write_text(good)
    git(story, "commit", "-qam", "Mended", date="2009-05-02T10:00:00")
    r = run("report", "--since", "HEAD~1", "-f", "json")
    assert r.exit_code == 0, r.output
