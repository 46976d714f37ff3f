"""Read-only commands stay light: no git, Jinja2, tomlkit (or rich) at start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ["git", "jinja2", "tomlkit", "rich"]

PROBE = """
import sys
from actionplan.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
heavy = [m for m in {heavy!r} if m in sys.modules]
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\\n")
"""


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--format", "json"],
        ["list"],
        ["show", "SAM-T1-01"],
        ["overdue"],
        ["chase"],
        ["chase", "--format", "json"],
        ["check"],
        ["measures"],
        ["measures", "--format", "json", "--rag", "red"],
        ["schema"],
        ["--help"],
    ],
)
def test_read_commands_do_not_import_heavy_modules(workdir, args):
    r = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert "HEAVY=\n" in r.stderr, r.stderr


def test_python_dash_m_runs(workdir):
    r = subprocess.run(
        [sys.executable, "-m", "actionplan", "status", "--as-of", "2009-10-01"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and "Sample Strategy" in r.stdout
