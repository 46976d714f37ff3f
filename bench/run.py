"""Benchmarks: each command's time as a ratio to a floor measured in the same run.

    python bench/run.py                 # everything
    python bench/run.py startup         # just start-up (status on 1,000 actions)
    python bench/run.py update history  # pick sections
    python bench/run.py coverage        # coverage on 1,000 aligned actions
    python bench/run.py measures history-measures

Floors:
  * start-up: a bare Typer app with one command, in this same Python environment;
  * terminal: a bare Typer app that prints one small rich table, run like the commands
    measured against it with a pseudo-terminal as stdout and stderr (rich draws then);
  * history: git's own plumbing over the same repository - one `git log --raw` stream
    plus one `git cat-file --batch` that reads every version of the plan file.
Times are the median of several runs of a fresh process, the cases taking turns; peak
memory is the high-water mark of the measured Python process itself (VmHWM), from one
more run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
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
    """Seconds of one fresh process; a crash or a traceback stops the benchmark (exit 1
    is allowed: it is `overdue`'s answer when something is overdue). With TERMINAL in
    env, stdout and stderr are a pseudo-terminal of that many columns."""
    env = {**os.environ, "ACTIONPLAN_TODAY": "2009-10-01", **(env or {})}
    columns = env.pop(TERMINAL, None)
    if columns is not None:
        return on_pty(cmd, cwd, env, int(columns))
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status = os.waitpid(p.pid, 0)
        elapsed = time.perf_counter() - t
        p.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode()
    if code not in (0, 1) or "Traceback" in message:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {message}")
    return elapsed, 0.0


TERMINAL = "BENCH_TERMINAL_COLUMNS"  # a case's env key: run it on a pseudo-terminal


def on_pty(cmd: list[str], cwd: Path, env: dict, columns: int) -> tuple[float, float]:
    """Seconds of one fresh process writing to a pseudo-terminal, read as it writes."""
    import fcntl
    import pty
    import struct
    import termios
    import threading

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in env.items() if k != "COLUMNS"}
    out: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the process closed the terminal
                return
            if not chunk:
                return
            out.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=follower, stderr=follower)
    _, status = os.waitpid(p.pid, 0)
    elapsed = time.perf_counter() - t
    os.close(follower)
    reader.join()
    os.close(leader)
    code = os.waitstatus_to_exitcode(status)
    text = b"".join(out).decode("utf-8", "replace")
    if code not in (0, 1) or "Traceback" in text or "┃" not in text:
        raise SystemExit(f"{' '.join(cmd)} failed on a terminal ({code}): {text[-2000:]}")
    return elapsed, 0.0


# Runs a command's Python program and reports the peak resident memory of that process
# alone: VmHWM, the high-water mark of its own memory. (ru_maxrss will not do: Linux
# carries it over from the parent across fork and exec, and wait4's figure also counts
# the git processes the command waited for.)
SELF_RSS = """
import atexit, runpy, sys
def peak():
    with open("/proc/self/status") as f:
        kb = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    sys.stderr.write("PEAK_RSS_KB %d\\n" % kb)
atexit.register(peak)
sys.argv = sys.argv[1:]
if sys.argv[0] == "-c":
    sys.argv = sys.argv[1:]
    exec(compile(sys.argv[0], "<floor>", "exec"), {"__name__": "__main__"})
elif sys.argv[0].endswith(".py"):
    runpy.run_path(sys.argv[0], run_name="__main__")
else:
    sys.argv[0] = "actionplan"
    runpy.run_module("actionplan", run_name="__main__")
"""


def peak_rss(cmd: list[str], cwd: Path, env: dict) -> float:
    """Peak RSS (MB) of the command's own Python process (piped, also for cases run on a
    terminal: rich is not loaded then, so those figures are low by its ~5 MB)."""
    env = {k: v for k, v in env.items() if k != TERMINAL}
    args = cmd[1:] if cmd[0] == PY else ["actionplan", *cmd[1:]]
    r = subprocess.run(
        [PY, "-c", SELF_RSS, *args],
        cwd=cwd,
        env={**os.environ, "ACTIONPLAN_TODAY": "2009-10-01", **env},
        capture_output=True,
        text=True,
    )
    found = [line for line in r.stderr.splitlines() if line.startswith("PEAK_RSS_KB ")]
    return int(found[-1].split()[1]) / 1024 if found else float("nan")


Command = list[str] | Callable[[int], list[str]]


def interleaved(cases: dict[str, tuple[Command, dict]], cwd: Path, runs: int) -> dict:
    """Median seconds and peak RSS per case, running the cases in turn each round so that
    machine noise falls on every case alike. A case's command may be a function of the
    round (from 0), for a command that must differ each time (a new reading's date)."""
    times: dict[str, list[float]] = {k: [] for k in cases}
    for i in range(runs):
        for name, (cmd, env) in cases.items():
            t, _ = run_once(cmd(i) if callable(cmd) else cmd, cwd, env)
            times[name].append(t)
    peaks = {
        name: peak_rss(cmd(runs) if callable(cmd) else cmd, cwd, env)
        for name, (cmd, env) in cases.items()
    }
    return {k: (statistics.median(v), peaks[k]) for k, v in times.items()}


def actionplan(*args: str) -> list[str]:
    """The installed console script, as users run it (python -m adds runpy's cost)."""
    script = Path(sys.prefix) / "bin" / "actionplan"
    return [str(script), *args] if script.exists() else [PY, "-m", "actionplan", *args]


def report(results: dict, floor_name: str) -> None:
    floor = results[floor_name][0]
    print(f"{'what':50} {'median':>8} {'ratio':>6} {'peak RSS':>9}")
    for what, (t, rss) in results.items():
        print(f"{what:50} {t * 1000:6.0f}ms {t / floor:5.2f}x {rss:7.0f}MB")


def bench_startup(tmp: Path, runs: int = 21) -> None:
    synth.write_plan_dir(tmp, 1000)
    bare = tmp / "bare.py"
    bare.write_text(BARE)
    run_once(actionplan("status"), tmp)  # warm the plan cache, as any second run would
    floor = "floor: bare Typer app"
    cases = {floor: ([PY, str(bare)], {})}
    for args in (
        ["status"],
        ["status", "--format", "json"],
        ["list"],
        ["overdue"],
        ["chase", "--format", "json"],
        ["check"],
    ):
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
    # Each pair alternates, so each run really changes the file.
    for args in (
        ["--status", "at-risk"],
        ["--status", "on-track"],
        ["--evidence", "note"],
        ["--tag", "bench"],
        ["--untag", "bench"],
    ):
        cases[f"update {args[0]} {args[1]} (1,000 actions)"] = (
            actionplan("update", target, *args),
            {},
        )
    report(interleaved(cases, tmp, runs), floor)


FLOOR = """
import subprocess, sys
log = subprocess.run(
    ["git", "log", "--raw", "-z", "--no-abbrev", "--format=%x01%H", "HEAD", "--", "plans"],
    capture_output=True, check=True,
).stdout
blobs = [f.split()[3] for f in log.split(b"\\0") if f.lstrip(b"\\n").startswith(b":")]
cat = subprocess.run(["git", "cat-file", "--batch"], input=b"\\n".join(blobs) + b"\\n",
                     capture_output=True, check=True).stdout
print(len(blobs), len(cat))
"""


def bench_history(tmp: Path, runs: int = 5) -> None:
    """history and report over 2,000 commits of a 200-action plan, against git's own
    plumbing reading the same history."""
    t = time.perf_counter()
    synth.history_repo(tmp, n_actions=200, n_commits=2000)
    print(f"(built the repository in {time.perf_counter() - t:.1f}s)")
    floor = "floor: git log --raw + cat-file --batch"
    cases = {
        floor: ([PY, "-c", FLOOR], {}),
        "history --format json (2,000 commits)": (actionplan("history", "--format", "json"), {}),
        "report (2,000 commits, whole history)": (actionplan("report"), {}),
        "report --format html": (actionplan("report", "--format", "html"), {}),
        # The Word paper: goal at most the Markdown paper's time plus 0.4 s.
        "report --format docx": (actionplan("report", "--format", "docx", "-o", "paper.docx"), {}),
    }
    report(interleaved(cases, tmp, runs), floor)


BARE_TABLE = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = "x") -> None:
    from rich.console import Console
    from rich.table import Table
    table = Table(title="Floor")
    for header in ("Tier", "Actions", "Overdue"):
        table.add_column(header)
    for row in (("T1", "12", "3"), ("T2", "6", "0"), ("All tiers", "18", "3")):
        table.add_row(*row)
    Console().print(table)
app()
"""


def bench_terminal(tmp: Path, runs: int = 21) -> None:
    """status on a terminal (a pseudo-terminal of 100 columns), where tables are drawn
    with rich, against a bare Typer app printing one small rich table there."""
    bundled = tmp / "bundled"
    (bundled / "plans").mkdir(parents=True)
    for plan in sorted((HERE.parent / "plans").glob("*.toml")):
        (bundled / "plans" / plan.name).write_bytes(plan.read_bytes())
    synth.write_plan_dir(tmp, 1000)
    (tmp / "bare.py").write_text(BARE)
    (tmp / "bare_table.py").write_text(BARE_TABLE)
    run_once(actionplan("status"), tmp)  # warm the plan caches, as any second run would
    run_once(actionplan("status"), bundled)
    pty = {TERMINAL: "100"}
    floor = "floor: bare Typer app + a rich table, terminal"
    cases = {
        floor: ([PY, str(tmp / "bare_table.py")], pty),
        "bare Typer app, piped": ([PY, str(tmp / "bare.py")], {}),
        "status, bundled plans, terminal": (actionplan("status", "--plans", "bundled/plans"), pty),
        "status, bundled plans, piped": (actionplan("status", "--plans", "bundled/plans"), {}),
        "status (1,000 actions), terminal": (actionplan("status"), pty),
        "list (1,000 actions: 100 rows shown), terminal": (actionplan("list"), pty),
        "status --format json (1,000 actions)": (actionplan("status", "-f", "json"), {}),
    }
    report(interleaved(cases, tmp, runs), floor)


def bench_coverage(tmp: Path, runs: int = 21) -> None:
    """coverage on 1,000 actions aligned across a 40-principle framework."""
    synth.write_aligned_dir(tmp, 1000, 40)
    bare = tmp / "bare.py"
    bare.write_text(BARE)
    run_once(actionplan("status"), tmp)  # warm the plan cache, as any second run would
    floor = "floor: bare Typer app"
    cases = {
        floor: ([PY, str(bare)], {}),
        "coverage --format json (1,000 actions, 40 principles)": (
            actionplan("coverage", "--format", "json"),
            {},
        ),
        "coverage (table, piped)": (actionplan("coverage"), {}),
        "status --format json (same plans)": (actionplan("status", "--format", "json"), {}),
    }
    report(interleaved(cases, tmp, runs), floor)


def bench_measures(tmp: Path, runs: int = 11) -> None:
    """measures and record on a plan of 200 measures with 40 readings each (and 20
    actions), against the bare Typer app; update on a 1,000-action plan in the same run,
    the bound record is held to."""
    measured = synth.write_measures_dir(tmp / "measured")
    actions = synth.write_plan_dir(tmp / "actions", 1000)
    bare = tmp / "bare.py"
    bare.write_text(BARE)
    m, a = ["--plans", str(measured)], ["--plans", str(actions)]
    run_once(actionplan("measures", *m), tmp)  # warm the plan cache, as any second run would
    floor = "floor: bare Typer app"
    cases = {floor: ([PY, str(bare)], {})}
    cases["measures --format json (200 x 40)"] = (actionplan("measures", "-f", "json", *m), {})
    cases["measures (table, piped)"] = (actionplan("measures", *m), {})
    cases["measures, plan cache off"] = (
        actionplan("measures", "-f", "json", *m),
        {"ACTIONPLAN_NO_CACHE": "1"},
    )
    # Each run really changes the file: a reading for the next day each time (after the
    # 40 there are); and a replacement, the two values taking turns on one date.
    cases["record (a new reading; 200 x 40)"] = (
        lambda i: actionplan(
            "record", "SYN-M0100", str(100 + i), "--date", str(date(2012, 1, 1) + timedelta(i)), *m
        ),
        {},
    )
    for value in ("101", "102"):
        cases[f"record --replace {value} (200 x 40)"] = (
            actionplan("record", "SYN-M0101", value, "--date", "2011-03-31", "--replace", *m),
            {},
        )
    for status in ("at-risk", "on-track"):
        cases[f"update --status {status} (1,000 actions)"] = (
            actionplan("update", "SYN-T2-0501", "--status", status, *a),
            {},
        )
    report(interleaved(cases, tmp, runs), floor)


def bench_history_measures(tmp: Path, runs: int = 5) -> None:
    """history and report over 2,000 commits of a plan with 200 actions and 50 measures,
    where a third of the commits also record a reading, against git's plumbing."""
    t = time.perf_counter()
    synth.history_repo(tmp, n_actions=200, n_commits=2000, n_measures=50)
    print(f"(built the repository in {time.perf_counter() - t:.1f}s)")
    floor = "floor: git log --raw + cat-file --batch"
    cases = {
        floor: ([PY, "-c", FLOOR], {}),
        "history --format json (2,000 commits, measures)": (
            actionplan("history", "--format", "json"),
            {},
        ),
        "report (2,000 commits, measures)": (actionplan("report"), {}),
    }
    report(interleaved(cases, tmp, runs), floor)


SECTIONS = {
    "startup": bench_startup,
    "terminal": bench_terminal,
    "update": bench_update,
    "history": bench_history,
    "coverage": bench_coverage,
    "measures": bench_measures,
    "history-measures": bench_history_measures,
}


def main(argv: list[str]) -> None:
    # Measure as installed programs run: with their compiled bytecode cached.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
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
