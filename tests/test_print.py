"""The HTML paper printed on A4 by a real browser (headless Chromium, then pdftotext):
no heading is left alone at the foot of a page, no table row is cut across pages, and a
table that runs on to the next page repeats its header row there."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import git

BROWSER = next(
    (b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
)
pytestmark = pytest.mark.skipif(
    BROWSER is None or shutil.which("pdftotext") is None,
    reason="needs headless Chromium and pdftotext (Debian: apt-get install chromium "
    "poppler-utils); .ci/run installs them where it can",
)

HEAD = """\
title = "Long Strategy"
organisation = "Long Trust"
start = 2008-04-01
end = 2011-03-31
board = "Long Board"

[[tiers]]
id = "T1"
name = "Universal Services"
"""


def long_plan(n: int) -> str:
    out = [HEAD]
    for i in range(1, n + 1):
        status = "at-risk" if i % 3 == 0 else "on-track"
        out.append(
            f'\n[[actions]]\nid = "LNG-{i:03d}"\ntier = "T1"\n'
            f'title = "Improve the local offer for families, part {i}, so that children are '
            f'seen sooner closing{i:03d}"\nowner = "Lead {i % 7}"\nstatus = "{status}"\n'
            f'due = 2010-03-31\nevidence = [\n  {{ date = 2009-01-15, text = "Progress '
            f'note for part {i}, with enough words to wrap in its cell" }},\n]\n'
        )
    return "".join(out)


def pages_of(html_path, tmp_path) -> list[str]:
    pdf = tmp_path / "paper.pdf"
    subprocess.run(
        [
            BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_path.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_html_paper_prints_on_a4_without_cut_rows_or_orphaned_headings(tmp_path, run, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "long.toml").write_text(long_plan(60))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Plan", date="2009-01-20T10:00:00+00:00")
    monkeypatch.chdir(repo)
    env = {"ACTIONPLAN_NOW": "2009-04-20T09:00:00+00:00"}
    r = run("report", "--as-of", "2009-04-20", "--format", "html", "-o", "paper.html", env=env)
    assert r.exit_code == 0, r.output
    ctx = json.loads(run("report", "--as-of", "2009-04-20", "-f", "json", env=env).stdout)
    pages = pages_of(repo / "paper.html", tmp_path)
    assert len(pages) > 3  # long enough for tables to run across pages

    headings = {"Executive summary", "RAG key", "Appendix: every action by tier"}
    headings |= {
        f"{p['title']}: {t['id']} {t['name']}" for p in ctx["appendix"] for t in p["tiers"]
    }
    headings |= {p["title"] for p in ctx["plans"]}
    for n, page in enumerate(pages, 1):
        last = [line.strip() for line in page.splitlines() if line.strip()][-1]
        is_heading = last in headings or (last[:1].isdigit() and ". " in last[:4])
        assert not is_heading, f"page {n} ends with the heading {last!r}"

    # Every row whole: an action's id and the last word of its title on one page.
    for i in range(1, 61):
        on = [n for n, page in enumerate(pages) if f"LNG-{i:03d}" in page]
        end = [n for n, page in enumerate(pages) if f"closing{i:03d}" in page]
        assert on and set(end) <= set(on), f"LNG-{i:03d}'s row is cut across pages"

    # A table that runs on repeats its header at the top of the next page.
    runs_on = 0
    for page in pages[1:]:
        first = next(line for line in page.splitlines() if line.strip()).split()
        if first[0].startswith("LNG-"):
            pytest.fail(f"a page starts with a row but no header: {' '.join(first)}")
        if first[:3] == ["Action", "Title", "Owner"] or first[:2] == ["Action", "Plan"]:
            runs_on += 1
    assert runs_on >= 1
