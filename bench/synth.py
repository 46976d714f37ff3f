"""Synthetic plans and plan repositories for the benchmarks (deterministic: seeded)."""

from __future__ import annotations

import os
import random
import subprocess
from datetime import date, timedelta
from pathlib import Path

STATUSES = ["not-started", "on-track", "on-track", "on-track", "at-risk", "off-track", "complete"]
TIERS = [
    ("T1", "Universal Services"),
    ("T2", "Targeted Early Intervention"),
    ("T3", "Specialist CAMHS"),
    ("T4", "Very Specialist Services"),
    ("X", "Cross-cutting"),
]


def plan_text(n_actions: int, seed: int = 1, prefix: str = "SYN", principles: int = 0) -> str:
    """A plan of n_actions; with principles, each action aligns to one or two of that
    many framework principles (see framework_text)."""
    rng = random.Random(seed)
    out = [
        "# A synthetic plan for benchmarks.",
        'title = "Synthetic strategy"',
        'organisation = "Benchmark Trust"',
        "start = 2008-04-01",
        "end = 2011-03-31",
        'board = "Benchmark Board"',
        "",
    ]
    for tid, name in TIERS:
        out += ["[[tiers]]", f'id = "{tid}"', f'name = "{name}"', ""]
    for i in range(1, n_actions + 1):
        tid = TIERS[i % len(TIERS)][0]
        due = date(2008, 4, 1) + timedelta(days=rng.randrange(0, 1090))
        out += [
            "[[actions]]",
            f'id = "{prefix}-{tid}-{i:04d}"',
            f'tier = "{tid}"',
            f'title = "Synthetic action number {i} to improve services at tier {tid}"',
            f'owner = "Lead {rng.randrange(1, 40)}"',
            f'status = "{rng.choice(STATUSES)}"',
            f"due = {due.isoformat()}",
            f'source = "Benchmark source, section {i % 17}"',
            *([f"aligns = [{', '.join(_aligned(rng, principles))}]"] if principles else []),
            "evidence = [",
            f'  {{ date = {(due - timedelta(days=30)).isoformat()}, text = "Progress note {i}" }},',
            "]",
            "",
        ]
    return "\n".join(out)


def _aligned(rng: random.Random, principles: int) -> list[str]:
    picked = rng.sample(range(1, principles + 1), rng.choice((1, 1, 2)))
    return [f'"SYN-P{k:02d}"' for k in sorted(picked)]


def framework_text(principles: int, sections: int = 4) -> str:
    """A framework of that many principles, spread over sections."""
    out = ['title = "Synthetic framework"', 'publisher = "Benchmark"', ""]
    for s in range(1, sections + 1):
        out += ["[[sections]]", f'id = "s{s}"', f'name = "Section {s}"', ""]
    for k in range(1, principles + 1):
        out += [
            "[[principles]]",
            f'id = "SYN-P{k:02d}"',
            f'section = "s{(k - 1) % sections + 1}"',
            f'title = "Synthetic principle {k}: support that is easily and quickly accessible"',
            f'text = "The full wording of synthetic principle {k}, as the framework puts it."',
            f'source = "paragraph {k}"',
            "",
        ]
    return "\n".join(out)


def measures_text(n_measures: int, n_readings: int, seed: int = 3, prefix: str = "SYN") -> str:
    """[[measures]] blocks, each with n_readings quarterly readings (a multi-line array)."""
    rng = random.Random(seed)
    out = []
    quarters = [
        date(2001 + q // 4, [3, 6, 9, 12][q % 4], [31, 30, 30, 31][q % 4]) for q in range(200)
    ]
    for i in range(1, n_measures + 1):
        tid = TIERS[i % len(TIERS)][0]
        base = rng.randrange(50, 500)
        out += [
            "[[measures]]",
            f'id = "{prefix}-M{i:04d}"',
            f'title = "Synthetic outcome measure number {i} at tier {tid}"',
            f'unit = "{rng.choice(["children", "%", "days"])}"',
            f'better = "{rng.choice(["higher", "lower"])}"',
            'frequency = "quarterly"',
            f'tier = "{tid}"',
            f'owner = "Lead {rng.randrange(1, 40)}"',
            f"baseline = {{ date = 2000-12-31, value = {base} }}",
            f"target = {{ date = 2011-03-31, value = {base // 2} }}",
            f"tolerance = {rng.randrange(0, 20)}",
            'source = "Benchmark return"',
            "values = [",
            *[
                f"  {{ date = {quarters[q]}, value = {base + rng.randrange(-40, 40)}, "
                f'note = "Q{q % 4 + 1}" }},'
                for q in range(n_readings)
            ],
            "]",
            "",
        ]
    return "\n".join(out)


def write_aligned_dir(root: Path, n_actions: int, principles: int) -> None:
    """plans/ with n_actions aligned across frameworks/synthetic.toml's principles."""
    write_plan_dir(root, 0)
    (root / "plans" / "synthetic.toml").write_text(
        plan_text(n_actions, principles=principles), encoding="utf-8"
    )
    (root / "frameworks").mkdir(exist_ok=True)
    (root / "frameworks" / "synthetic.toml").write_text(
        framework_text(principles), encoding="utf-8"
    )


def write_measures_dir(root: Path, n_measures: int = 200, n_readings: int = 40) -> Path:
    """A plans directory whose one plan has a few actions and many measures."""
    plans = root / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    text = plan_text(20) + "\n" + measures_text(n_measures, n_readings)
    (plans / "outcomes.toml").write_text(text, encoding="utf-8")
    return plans


def git(repo: Path, *args: str, env: dict | None = None) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env
    ).stdout


def write_plan_dir(root: Path, n_actions: int) -> Path:
    plans = root / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    (plans / "synthetic.toml").write_text(plan_text(n_actions), encoding="utf-8")
    return plans


def history_repo(
    root: Path, n_actions: int = 200, n_commits: int = 2000, seed: int = 7, n_measures: int = 0
) -> Path:
    """A repository whose one plan changes 1-3 actions' status/owner/evidence per commit;
    with n_measures, the plan also has measures (with 8 readings each) and a third of the
    commits record a reading of one of them as well.

    Edits are made on the text (status lines, evidence and readings arrays) so that the
    file keeps its shape, as a person's edits would.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    git(root, "init", "-q", "-b", "main", env=env)
    plans = write_plan_dir(root, n_actions)
    path = plans / "synthetic.toml"
    if n_measures:
        text = path.read_text(encoding="utf-8") + "\n" + measures_text(n_measures, 8)
        path.write_text(text, encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    # The line that closes each measure's readings: a new reading goes just above it.
    readings_end = [
        i for i, line in enumerate(lines) if line == "]" and ", value = " in lines[i - 1]
    ]
    recorded = [date(2003, 3, 31)] * len(readings_end)
    status_lines = [i for i, line in enumerate(lines) if line.startswith("status = ")]
    owner_lines = [i for i, line in enumerate(lines) if line.startswith("owner = ")]
    evidence_lines = [i for i, line in enumerate(lines) if line == "evidence = ["]
    # fast-import keeps 2,000 commits to a second or two instead of minutes.
    start = date(2008, 4, 1)
    stream = []
    for c in range(n_commits):
        if c:
            for _ in range(rng.randint(1, 3)):
                k = rng.randrange(n_actions)
                what = rng.random()
                if what < 0.5:
                    lines[status_lines[k]] = f'status = "{rng.choice(STATUSES)}"'
                elif what < 0.7:
                    lines[owner_lines[k]] = f'owner = "Lead {rng.randrange(1, 40)}"'
                else:
                    day = start + timedelta(days=c // 2)
                    lines.insert(evidence_lines[k] + 1, f'  {{ date = {day}, text = "Note {c}" }},')
                    at = evidence_lines[k]
                    status_lines = [i + (i > at) for i in status_lines]
                    owner_lines = [i + (i > at) for i in owner_lines]
                    evidence_lines = [i + (i > at) for i in evidence_lines]
                    readings_end = [i + (i > at) for i in readings_end]
            if readings_end and c % 3 == 0:
                k = rng.randrange(len(readings_end))
                recorded[k] += timedelta(days=91)
                at = readings_end[k]
                lines.insert(at, f"  {{ date = {recorded[k]}, value = {rng.randrange(10, 500)} }},")
                status_lines = [i + (i >= at) for i in status_lines]
                owner_lines = [i + (i >= at) for i in owner_lines]
                evidence_lines = [i + (i >= at) for i in evidence_lines]
                readings_end = [i + (i >= at) for i in readings_end]
        data = "\n".join(lines).encode()
        when = 1207008000 + c * 3600 * 12
        msg = f"Update {c}".encode()
        stream += [
            b"commit refs/heads/main",
            f"author Author {c % 5} <a{c % 5}@example.org> {when} +0000".encode(),
            f"committer Author {c % 5} <a{c % 5}@example.org> {when} +0000".encode(),
            b"data %d" % len(msg),
            msg,
            b"M 100644 inline plans/synthetic.toml",
            b"data %d" % len(data),
            data,
            b"",
        ]
    subprocess.run(
        ["git", "fast-import", "--quiet"],
        cwd=root,
        input=b"\n".join(stream) + b"\n",
        check=True,
        env=env,
    )
    git(root, "checkout", "-q", "-f", "main", env=env)
    return root
