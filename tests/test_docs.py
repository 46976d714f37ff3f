"""Every command documents itself, and the README stays true to the CLI and CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from actionplan.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(run, name):
    r = run(name, "--help")
    assert r.exit_code == 0
    assert "Example: actionplan " + name in " ".join(r.stdout.split())


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_every_command(name):
    assert f"### {name}" in README
    assert f"actionplan {name}" in README


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_cmd = blocks[1].strip()
    assert "pytest" in test_cmd
    ci = (ROOT / ".ci" / "run").read_text()
    venv, install, run_tests = (part.strip() for part in test_cmd.split("&&"))
    assert venv in ci and run_tests in ci
    assert "pip install --quiet '.[test]'" in ci


def test_readme_lists_every_check_code():
    from actionplan.check import CODES

    for code in CODES:
        assert f"| {code} |" in README, code
