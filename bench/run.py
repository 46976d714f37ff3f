"""Benchmarks: each command's time as a ratio to a floor measured in the same run.

    python bench/run.py                 # everything
    python bench/run.py startup         # just start-up (status on 1,000 actions)
    python bench/run.py update history  # pick sections

Floors:
  * start-up: a bare Typer app with one command, in this same Python environment;
  * history: git's own plumbing over the same repository - one `git log --raw` stream
    plus one `git cat-file --batch` that reads every version of the plan file.
Times are the median of several runs of a fresh process; peak memory is the largest
resident set of the measured process (ru_maxrss of the child).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

PY = sys.executable
BARE = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = "x") -> None:
    print(name)
app()
"""


def run_once(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one fresh process; a crash or a traceback stops the
    benchmark (exit 1 is allowed: it is `overdue`'s answer when something is overdue)."""
    env = {**os.environ, "ACTIONPLAN_TODAY": "2009-10-01", **(env or {})}
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - t
        p.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode()
    if code not in (0, 1) or "Traceback" in message:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {message}")
    return elapsed, usage.ru_maxrss / 1024


def interleaved(cases: dict[str, tuple[list[str], dict]], cwd: Path, runs: int) -> dict:
    """Median seconds and peak RSS per case, running the cases in turn each round so that
    machine noise falls on every case alike."""
    times: dict[str, list[float]] = {k: [] for k in cases}
    peaks: dict[str, float] = dict.fromkeys(cases, 0.0)
    for _ in range(runs):
        for name, (cmd, env) in cases.items():
            t, rss = run_once(cmd, cwd, env)
            times[name].append(t)
            peaks[name] = max(peaks[name], rss)
    return {k: (statistics.median(v), peaks[k]) for k, v in times.items()}


def actionplan(*args: str) -> list[str]:
    """The installed console script, as users run it (python -m adds runpy's cost)."""
    script = Path(sys.prefix) / "bin" / "actionplan"
    return [str(script), *args] if script.exists() else [PY, "-m", "actionplan", *args]


def report(results: dict, floor_name: str) -> None:
    floor = results[floor_name][0]
    print(f"{'what':44} {'median':>8} {'ratio':>6} {'peak RSS':>9}")
    for what, (t, rss) in results.items():
        print(f"{what:44} {t * 1000:6.0f}ms {t / floor:5.2f}x {rss:7.0f}MB")


def bench_startup(tmp: Path, runs: int = 21) -> None:
    synth.write_plan_dir(tmp, 1000)
    bare = tmp / "bare.py"
    bare.write_text(BARE)
    run_once(actionplan("status"), tmp)  # warm the plan cache, as any second run would
    floor = "floor: bare Typer app"
    cases = {floor: ([PY, str(bare)], {})}
    for args in (["status"], ["status", "--format", "json"], ["list"], ["overdue"], ["check"]):
        cases[f"{' '.join(args)} (1,000 actions)"] = (actionplan(*args), {})
    cases["status, plan cache off (1,000 actions)"] = (
        actionplan("status"),
        {"ACTIONPLAN_NO_CACHE": "1"},
    )
    report(interleaved(cases, tmp, runs), floor)


def bench_update(tmp: Path, runs: int = 11) -> None:
    """update on a 1,000-action plan: tomlkit parses only the plan being edited."""
    synth.write_plan_dir(tmp, 1000)
    (tmp / "plans" / "other.toml").write_text(synth.plan_text(10, prefix="OTH"))
    bare = tmp / "bare.py"
    bare.write_text(BARE)
    target = "SYN-T2-0501"
    floor = "floor: bare Typer app"
    cases = {floor: ([PY, str(bare)], {})}
    # The first two alternate, so each run really changes the file.
    for args in (["--status", "at-risk"], ["--status", "on-track"], ["--evidence", "note"]):
        cases[f"update {args[0]} {args[1]} (1,000 actions)"] = (
            actionplan("update", target, *args),
            {},
        )
    report(interleaved(cases, tmp, runs), floor)


SECTIONS = {"startup": bench_startup, "update": bench_update}


def main(argv: list[str]) -> None:
    wanted = argv or list(SECTIONS)
    with tempfile.TemporaryDirectory() as d:
        os.environ["XDG_CACHE_HOME"] = str(Path(d) / "cache")
        for name in wanted:
            tmp = Path(d) / name
            tmp.mkdir()
            print(f"== {name}")
            SECTIONS[name](tmp)


if __name__ == "__main__":
    main(sys.argv[1:])
