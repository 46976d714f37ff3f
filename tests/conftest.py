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

FRAMEWORK = """\
# A small framework used across the tests.
title = "Sample Framework"
publisher = "Sample Government"
source = "Sample supports framework, 2020"

[[sections]]
id = "core"
name = "Core principles"
source = "paragraph 1"

[[sections]]
id = "risk"
name = "Risk and escalation"
source = "paragraphs 5-6"

[[principles]]
id = "SF-ACCESS"
section = "core"
title = "Easily accessible"
text = "Support should be easily and quickly accessible."
source = "paragraph 1"

[[principles]]
id = "SF-RIGHTS"
section = "core"
title = "Rights-based"
source = "paragraph 1"

[[principles]]
id = "SF-ESCALATE"
section = "risk"
title = "Clear escalation pathways, in hours and out of hours"
source = "paragraph 5"
"""

MEASURED = """\
# A plan with outcome measures, in both reading styles.
title = "Measured Strategy"
organisation = "Measured Trust"
start = 2008-04-01
end = 2011-03-31

[[tiers]]
id = "T1"
name = "Universal"

[[tiers]]
id = "T3"
name = "Specialist"

[[actions]]
id = "MEA-1"
tier = "T3"
title = "Commission more specialist capacity"
owner = "CAMHS commissioner"
status = "on-track"
due = 2010-03-31
evidence = []

[[measures]]
id = "MEA-M1"
title = "Children waiting over 18 weeks for specialist CAMHS"
unit = "children"
better = "lower"
frequency = "quarterly"
tier = "T3"
owner = "CAMHS commissioner"
baseline = { date = 2008-03-31, value = 240 }
target = { date = 2011-03-31, value = 0 }
tolerance = 20
source = "CAMHS quarterly return"
values = [
  { date = 2008-06-30, value = 230, note = "Q1 return" },
  { date = 2008-09-30, value = 200 },
]

[[measures]]
id = "MEA-M2"
title = "Needs met at the universal / early intervention level"
unit = "%"
better = "higher"
frequency = "annual"
tier = "T1"
owner = "Strategic group"
target = { date = 2011-03-31, value = 96 }

[[measures.values]]
date = 2009-03-31
value = 88.5
note = "Annual survey"

[[measures]]
id = "MEA-M3"
title = "Children and young people with mental health difficulties"
unit = "%"
better = "lower"
frequency = "annual"
baseline = { date = 2008-04-01, value = 10 }
"""

# Run from a git hook or `git rebase -x`, the tests would inherit variables that point git
# at the enclosing repository: their own `git init` and `git commit` would then act on it.
# Every test repository is a temp directory of its own, so drop them for the whole run.
for _var in (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_PREFIX",
):
    os.environ.pop(_var, None)

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
        "ACTIONPLAN_FRAMEWORKS",
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


def align(workdir: Path, action_id: str, *principles: str, plan: str = "sample") -> None:
    """Give an action of plans/<plan>.toml an aligns line (after its id)."""
    path = workdir / "plans" / f"{plan}.toml"
    text = path.read_text(encoding="utf-8")
    line = f'id = "{action_id}"\n'
    assert line in text, action_id
    ids = ", ".join(f'"{p}"' for p in principles)
    path.write_text(text.replace(line, f"{line}aligns = [{ids}]\n", 1), encoding="utf-8")


@pytest.fixture
def fwdir(workdir) -> Path:
    """workdir with frameworks/sample-framework.toml beside plans/."""
    (workdir / "frameworks").mkdir()
    (workdir / "frameworks" / "sample-framework.toml").write_text(FRAMEWORK, encoding="utf-8")
    return workdir


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


class Terminal:
    """The CLI running with a pseudo-terminal of a given width as stdout and stderr, as a
    person's shell runs it: in a process group of its own, which Ctrl-C interrupts."""

    def __init__(
        self, args: list[str], cwd: Path, env: dict | None = None, columns: int = 200
    ) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        base = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "actionplan", *args],
            cwd=cwd,
            stdout=follower,
            stderr=follower,
            stdin=subprocess.DEVNULL,
            env={**base, **(env or {})},
            start_new_session=True,
        )
        os.close(follower)
        self.output = b""

    def read_until(self, needle: bytes, timeout: float = 30.0) -> bool:
        """Read the terminal until needle appears (True) or it closes (False)."""
        import select
        import time

        end = time.monotonic() + timeout
        while needle not in self.output and time.monotonic() < end:
            ready, _, _ = select.select([self.leader], [], [], 0.1)
            if ready and not self._read():
                return needle in self.output
        return needle in self.output

    def _read(self) -> bool:
        try:
            chunk = os.read(self.leader, 65536)
        except OSError:  # the child closed the terminal
            return False
        self.output += chunk
        return bool(chunk)

    def interrupt(self) -> None:
        """Ctrl-C: SIGINT to the whole process group (git's processes too)."""
        import signal

        os.killpg(self.proc.pid, signal.SIGINT)

    def finish(self, timeout: float = 30.0) -> int:
        """Read to the end and return the exit code."""
        while self._read():
            pass
        code = self.proc.wait(timeout)
        os.close(self.leader)
        return code


def on_terminal(args: list[str], cwd, env: dict, columns: int = 200) -> bytes:
    """Run the CLI with a pseudo-terminal of the given width as stdout and stderr."""
    term = Terminal(args, cwd, env, columns)
    term.finish()
    return term.output


ALICE = {"GIT_AUTHOR_NAME": "Alice Lead", "GIT_AUTHOR_EMAIL": "alice@example.org"}
BOB = {"GIT_AUTHOR_NAME": "Bob Tiertwo", "GIT_AUTHOR_EMAIL": "bob@example.org"}
CAROL = {"GIT_AUTHOR_NAME": "Carol Comms", "GIT_AUTHOR_EMAIL": "carol@example.org"}
NEW_ACTION = """
[[actions]]
id = "SAM-T1-03"
tier = "T1"
title = "Run a parents' information evening"
owner = "Comms lead"
status = "not-started"
due = 2009-09-30
evidence = []
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_story(root: Path) -> Path:
    """A plan repository with a history a board would see: several authors, a board tag,
    a branch merged with --no-ff, a renamed plan file, an action moved between plans."""
    root.mkdir(parents=True, exist_ok=True)
    plans = root / "plans"
    plans.mkdir()
    (plans / "sample.toml").write_text(SAMPLE, encoding="utf-8")
    (plans / "other.toml").write_text(OTHER, encoding="utf-8")
    sample = plans / "sample.toml"

    def commit(msg: str, when: str, who: dict) -> None:
        git(root, "add", "-A")
        git(root, "commit", "-qm", msg, date=when, env=who)

    git(root, "init", "-q", "-b", "main")
    commit("Initial action plan", "2009-01-10T10:00:00+00:00", ALICE)
    _edit(sample, 'status = "on-track"', 'status = "at-risk"')
    _edit(
        sample,
        '"https://example.org/x" },\n]',
        '"https://example.org/x" },\n  { date = 2009-02-01, text = "Cover for trainer not found" },\n]',
    )
    commit("Training at risk", "2009-02-01T09:30:00+00:00", ALICE)
    git(
        root,
        "tag",
        "-a",
        "board/2009-03-01",
        "-m",
        "Board 1 March 2009",
        date="2009-03-01T12:00:00+00:00",
    )
    git(root, "checkout", "-q", "-b", "pmhw")
    _edit(sample, 'owner = "Tier 2 lead"', 'owner = "PMHW lead"')
    commit("New PMHW lead", "2009-03-05T11:00:00+00:00", BOB)
    _edit(sample, "due = 2009-12-31", "due = 2010-06-30")
    commit("Re-date the PMHW role paper", "2009-03-10T11:00:00+00:00", BOB)
    git(root, "checkout", "-q", "main")
    _edit(sample, 'status = "off-track"', 'status = "complete"')
    commit("Information published", "2009-03-07T16:00:00+00:00", CAROL)
    git(
        root,
        "merge",
        "-q",
        "--no-ff",
        "pmhw",
        "-m",
        "Merge branch 'pmhw'",
        date="2009-03-20T10:00:00+00:00",
        env=ALICE,
    )
    git(root, "mv", "plans/sample.toml", "plans/sample-strategy.toml")
    commit("Rename the plan file", "2009-04-02T10:00:00+00:00", ALICE)
    sample = plans / "sample-strategy.toml"
    _edit(
        sample,
        '[[actions]]\nid = "SAM-T2-01"',
        NEW_ACTION.lstrip("\n") + '\n[[actions]]\nid = "SAM-T2-01"',
    )
    commit("Add the parents' evening", "2009-04-10T10:00:00+00:00", CAROL)
    # Bob moves SAM-T2-02 into the other plan and removes OTH-1 there.
    text = sample.read_text()
    block = text[text.index('[[actions]]\nid = "SAM-T2-02"') :]
    sample.write_text(text.replace("\n" + block, ""))
    other = plans / "other.toml"
    other_text = other.read_text()
    other.write_text(
        other_text[: other_text.index("[[actions]]")] + block.replace('tier = "T2"', 'tier = "X"')
    )
    commit("Move the SLA review to the other plan; drop OTH-1", "2009-04-15T10:00:00+00:00", BOB)
    return root


def build_framework_story(root: Path) -> Path:
    """The story, then a framework committed beside the plans and actions aligned to it,
    re-aligned, and an alignment merely reordered."""
    build_story(root)
    sample = root / "plans" / "sample-strategy.toml"

    def commit(msg: str, when: str, who: dict) -> None:
        git(root, "add", "-A")
        git(root, "commit", "-qm", msg, date=when, env=who)

    (root / "frameworks").mkdir()
    (root / "frameworks" / "sample-framework.toml").write_text(FRAMEWORK, encoding="utf-8")
    align(root, "SAM-T1-01", "SF-ACCESS", plan="sample-strategy")
    align(root, "SAM-T2-01", "SF-ACCESS", plan="sample-strategy")
    commit("Align the plan to the framework", "2009-04-16T10:00:00+00:00", ALICE)
    _edit(sample, 'aligns = ["SF-ACCESS"]\ntier = "T2"', 'aligns = ["SF-RIGHTS"]\ntier = "T2"')
    _edit(sample, 'aligns = ["SF-ACCESS"]\n', 'aligns = ["SF-ACCESS", "SF-RIGHTS"]\n')
    commit("Re-align the PMHW and training actions", "2009-04-17T10:00:00+00:00", BOB)
    _edit(sample, 'aligns = ["SF-ACCESS", "SF-RIGHTS"]', 'aligns = ["SF-RIGHTS", "SF-ACCESS"]')
    commit("Reorder an alignment", "2009-04-18T10:00:00+00:00", CAROL)
    return root


@pytest.fixture(scope="module")
def story_master(tmp_path_factory) -> Path:
    """The story repository, built once per test module; tests use a copy (story)."""
    return build_story(tmp_path_factory.mktemp("story") / "repo")


@pytest.fixture
def story(story_master, tmp_path, monkeypatch) -> Path:
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(story_master, repo, symlinks=True)
    monkeypatch.chdir(repo)
    return repo


@pytest.fixture(scope="module")
def framework_story_master(tmp_path_factory) -> Path:
    return build_framework_story(tmp_path_factory.mktemp("fwstory") / "repo")


@pytest.fixture
def framework_story(framework_story_master, tmp_path, monkeypatch) -> Path:
    """A copy of the framework story repository; the cwd for the test."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(framework_story_master, repo, symlinks=True)
    monkeypatch.chdir(repo)
    return repo
