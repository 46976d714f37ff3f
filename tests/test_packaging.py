"""The wheel: built from this tree, installed into a fresh virtualenv outside the repo,
it runs and renders a report with the template it ships."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import build_story

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    return next(dist.glob("actionplan-*.whl"))


def test_wheel_ships_the_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "actionplan/templates/report.md.j2" in names
    assert "actionplan/templates/report.html.j2" in names
    assert not [n for n in names if n.startswith(("tests/", "plans/"))]


def test_installed_wheel_renders_a_report(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(py),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    # The dependencies come from this environment (no network needed), added after the
    # install so that pip cannot take this environment's actionplan for the wheel's.
    (site / "zz-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    repo = build_story(tmp_path / "elsewhere")
    where = subprocess.run(
        [py, "-c", "import actionplan; print(actionplan.__file__)"],
        cwd=repo,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(venv))
    # The wheel's templates are those its compiled modules were made from: used as such.
    shipped = subprocess.run(
        [py, "-c", "from actionplan import report as r\n"
         "print(all(r._shipped(r.environment(f, []), f) is not None for f in r.SHIPPED))"],
        cwd=repo, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert shipped.strip() == "True"
    exe = venv / "bin" / "actionplan"
    from actionplan import __version__

    assert (
        subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
        == f"actionplan {__version__}\n"
    )
    r = subprocess.run([exe, "report"], cwd=repo, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Sample Board: action plan progress report")
    r = subprocess.run(
        [exe, "report", "--format", "html"], cwd=repo, capture_output=True, text=True
    )
    assert r.returncode == 0 and "<!DOCTYPE html>" in r.stdout
    r = subprocess.run([py, "-m", "actionplan", "status"], cwd=repo, capture_output=True, text=True)
    assert r.returncode == 0 and "Sample Strategy" in r.stdout
