from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actionplan.cli import app

SAMPLE = """\
# A small plan used across the tests.
title = "Sample Strategy"
organisation = "Sample Trust"
start = 2008-04-01
end = 2011-03-31
board = "Sample Board"

[[tiers]]
id = "T1"
name = "Universal Services"
purpose = "To promote mental health"

[[tiers]]
id = "T2"
name = "Targeted Services"

[[actions]]
id = "SAM-T1-01"
tier = "T1"
title = "Train Tier 1 staff"
owner = "Workforce lead"
status = "on-track"
due = 2010-03-31
evidence = [
  { date = 2009-01-15, text = "Training delivered to 120 staff", link = "https://example.org/x" },
]

[[actions]]
id = "SAM-T1-02"
tier = "T1"
title = "Publish information for families"
owner = "Comms lead"
status = "off-track"
due = 2009-06-30
evidence = []

[[actions]]
id = "SAM-T2-01"
tier = "T2"
title = "Clarify the role of primary mental health workers"
owner = "Tier 2 lead"
status = "at-risk"
due = 2009-12-31
depends_on = ["SAM-T1-01"]
evidence = []

[[actions]]
id = "SAM-T2-02"
tier = "T2"
title = "Review the service level agreement"
owner = "Finance lead"
status = "complete"
due = 2009-03-31
evidence = []
"""

OTHER = """\
title = "Other Strategy"
organisation = "Other Council"
start = 2007-01-01
end = 2010-03-31

[[tiers]]
id = "X"
name = "Joint commissioning"

[[actions]]
id = "OTH-1"
tier = "X"
title = "Agree the strategy"
owner = "Cabinet"
status = "not-started"
due = 2009-01-01
"""

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Committer",
    "GIT_COMMITTER_EMAIL": "committer@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(autouse=True)
def clean_env(tmp_path_factory, monkeypatch):
    """Each test starts with no plan-related settings, its own cache and a fixed today."""
    for var in (
        "ACTIONPLAN_PLANS",
        "ACTIONPLAN_TODAY",
        "NO_COLOR",
        "FORCE_COLOR",
        "GITHUB_ACTIONS",
        "COLUMNS",
        "ACTIONPLAN_NO_CACHE",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A directory holding plans/sample.toml and plans/other.toml; the cwd for the test."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "sample.toml").write_text(SAMPLE, encoding="utf-8")
    (plans / "other.toml").write_text(OTHER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict | None = None, input: str | None = None):
        return self.runner.invoke(app, list(args), env=env, input=input)


@pytest.fixture
def run() -> Run:
    return Run()


def git(repo: Path, *args: str, date: str | None = None, env: dict | None = None) -> str:
    """Run git in repo with a fixed identity (and a fixed date when given)."""
    full = {**os.environ, **GIT_ENV, **(env or {})}
    if date:
        full["GIT_AUTHOR_DATE"] = full["GIT_COMMITTER_DATE"] = date
    r = subprocess.run(["git", *args], cwd=repo, env=full, capture_output=True, text=True)
    if r.returncode:
        raise AssertionError(f"git {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def actionplan(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real CLI in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "actionplan", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
