"""What check draws: a line per problem, then the summary (per file, on a terminal)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from actionplan.views import Cell, Column, Out
from actionplan.words import counted, joined

if TYPE_CHECKING:
    from actionplan.load import Checked


def check_json(found: Checked) -> dict[str, Any]:
    return {
        "problems": [p.to_json() for p in found.problems],
        "errors": found.errors,
        "warnings": found.warnings,
    }


def render_check(found: Checked, out: Out, summary: Out) -> None:
    """One line per problem, `path:line:col: severity CODE message`, on out; then the
    summary on summary (stderr)."""
    for p in found.problems:
        out.stream.write(f"{p}\n")
    out.stream.flush()  # the problems before the summary, on a terminal too
    settings = [found.settings_file] if found.settings_file else []
    render_check_summary(found.plan_files, found.problems, summary, found.framework_files, settings)


def render_check_summary(
    files: list[str],
    problems: Sequence,
    out: Out,
    frameworks: Sequence[str] = (),
    settings: Sequence[str] = (),
) -> None:
    """check's summary: one line when piped; on a terminal a table of errors and warnings
    per plan (and framework, and actionplan.toml) file under that line."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    n, m = len(files), len(frameworks)
    parts = [counted(n, "plan file")]
    if m:
        parts.append(counted(m, "framework file"))
    summary = (
        f"{joined([*parts, *settings])} checked: "
        f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
    )
    if not out.terminal:
        out.line(summary)
        return

    def counts(e: int, w: int) -> list[Cell]:
        return [(str(e), "red" if e else "green"), (str(w), "amber" if w else "green")]

    rows: list[list[Cell]] = []
    for f in [*files, *frameworks, *settings]:
        mine = [p for p in problems if p.file == f]
        e = sum(p.severity == "error" for p in mine)
        rows.append([f, *counts(e, len(mine) - e)])
    out.table(
        [
            Column("File" if m or settings else "Plan file", wrap=True),
            Column("Errors", right=True),
            Column("Warnings", right=True),
        ],
        rows,
        title=summary,
        footer=[("All", "bold"), *counts(errors, warnings)] if n + m + len(settings) > 1 else None,
    )
