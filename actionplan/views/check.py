"""What check draws under its problems: the summary, per file on a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from actionplan.views import Cell, Column, Out


def render_check_summary(
    files: list[str], problems: Sequence, out: Out, frameworks: Sequence[str] = ()
) -> None:
    """check's summary: one line when piped; on a terminal a table of errors and warnings
    per plan (and framework) file under that line."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    n, m = len(files), len(frameworks)
    also = f" and {m} framework file{'s' * (m != 1)}" if m else ""
    summary = (
        f"{n} plan file{'s' * (n != 1)}{also} checked: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    )
    if not out.terminal:
        out.line(summary)
        return

    def counts(e: int, w: int) -> list[Cell]:
        return [(str(e), "red" if e else "green"), (str(w), "amber" if w else "green")]

    rows: list[list[Cell]] = []
    for f in [*files, *frameworks]:
        mine = [p for p in problems if p.file == f]
        e = sum(p.severity == "error" for p in mine)
        rows.append([f, *counts(e, len(mine) - e)])
    out.table(
        [
            Column("Framework or plan file" if m else "Plan file", wrap=True),
            Column("Errors", right=True),
            Column("Warnings", right=True),
        ],
        rows,
        title=summary,
        footer=[("All", "bold"), *counts(errors, warnings)] if n + m > 1 else None,
    )
