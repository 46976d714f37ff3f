"""Output: JSON documents, and the tables people read. No business logic.

Every table the tool prints goes through one renderer, `Out.table` (render.py), which
draws it one of two ways:

* on a terminal (the stream is a tty): with rich - box-drawn, a header row, coloured by
  RAG, wrapped within the terminal's width by rich itself. rich is imported only on this
  path (it costs ~35 ms to import and ~1 ms a row to lay out);
* anywhere else (a pipe, a file, a CI log): a plain writer that never imports rich - a
  title line, a header line, a dashed rule, one line per row, columns padded with two
  spaces, never wrapped, no borders, no ANSI codes (unless FORCE_COLOR asks for them),
  stable column order - so that grep and awk work.

Adding a table (a coverage matrix, a measures table, a chase list):

    from actionplan.views import Column, Out

    out = Out()                               # stdout; Out(sys.stderr) for stderr
    out.table(
        [Column("ID"), Column("Owner", wrap=True), Column("Overdue", right=True)],
        [[("KEN-1", "bold"), owner, ("3", "red")], ...],
        title="Chase (12)",                   # optional: a line above the table
        footer=["All", "", "7"],              # optional: a totals row under a rule
        limit=10,                             # optional: at most 10 rows on a terminal
        more=lambda n: f"… and {n} more (all: actionplan chase --all)",
    )

* `Column(header, right=False, wrap=False, optional=False)`. `right` aligns right
  (numbers). `wrap=True` lets the column wrap at spaces to fit the terminal (titles,
  owners, evidence). Any other column never wraps or breaks (ids, dates, counts): it is
  as wide as its widest cell, and a table whose unwrappable columns cannot fit the
  terminal is drawn wider than the terminal rather than cut. `optional=True` leaves the
  column out on a terminal when all its cells are empty (piped output keeps it, so that
  columns stay where scripts expect them).
* A cell is a string; or `(text, style)`, style naming an entry of STYLES: a RAG colour
  (`green`, `amber`, `red`, `blue`, `grey`; `Status.rag` gives one) or a role (`bold`,
  `dim`, `late`); or a list of such parts, drawn side by side (a sparkline, a count per
  status), where the part BREAK starts a new line on a terminal and is a space when
  piped (a due date above how late it is). Cells are user text: control characters are
  shown escaped (`\\x1b`) and nothing is read as markup - they reach rich as `Text`,
  never as markup strings.
* `limit` bounds the rows drawn on a terminal, where rich's layout costs grow with the
  rows: the first `limit` rows are drawn (with `latest=True`, the last: a history), and
  the line `more(n)` - under the table, or above it with `latest` - says how to see the
  n rows left out. Piped output and JSON never drop a row.
* `out.line(text, style)` writes one line (text, or a list of parts); `out.fields()`
  name/value lines; `out.terminal` tells a view which way it is drawn, when it wants a
  different shape there (status puts its counts per status in one column).

Colour follows rich and the no-color convention: NO_COLOR (non-empty) turns it off, also
when FORCE_COLOR is set; FORCE_COLOR turns it on, also for piped output; TERM=dumb turns
it off. `Progress` is the progress bar long history reads show on stderr.

The views live by area, each imported only by the commands that draw it: actions.py
(status, list, overdue, show), edit.py (what update, add, record and move changed),
check.py, history.py, measures.py, coverage.py and chase.py. This module holds what they
share: the renderer's names, JSON, and numbers as people read them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from actionplan.errors import PlanError
from actionplan.model import Status
from actionplan.render import BREAK, STYLES, Cell, Column, Out, Part, Progress, clean

__all__ = ["BREAK", "STYLES", "Cell", "Column", "Out", "Part", "Progress", "clean"]

# Status's exceptions on a terminal: enough to act on, few enough to appear at once.
EXCEPTIONS_SHOWN = 10
# Rows of list, overdue and history on a terminal. rich lays a table out at ~1 ms a row
# (a 1,000-action `list` took 0.8 s against 0.13 s piped), so longer tables are cut there.
ROWS_SHOWN = 100

# --- JSON ----------------------------------------------------------------------------


def emit_json(doc: Any, out: TextIO | None = None) -> None:
    """One JSON document on one line: the same bytes on a terminal, a pipe or a file.
    (json's indent= switches to its pure-Python encoder, 5x slower on big plans.)"""
    out = out or sys.stdout
    out.write(json_text(doc))
    out.write("\n")


def json_text(doc: Any, indent: int | None = None) -> str:
    """doc as JSON. A value nested deeper than the encoder can go is a user error (the
    plans are checked for it, E010, so this is the last line of defence)."""
    import json

    try:
        # The documents are built here as trees (an action's dict may appear twice, as in
        # coverage, but nothing refers back to itself), so the encoder's cycle check is
        # only cost; nesting too deep still ends in RecursionError.
        return json.dumps(
            doc, ensure_ascii=False, default=_json_default, indent=indent, check_circular=False
        )
    except RecursionError:
        raise PlanError("cannot write JSON: a value is nested too deeply") from None


def _json_default(o: object) -> Any:
    if isinstance(o, date):
        return o.isoformat()
    if isinstance(o, Status):
        return o.value
    raise TypeError(f"cannot encode {type(o).__name__} as JSON")


def warn(warnings: Iterable[str]) -> None:
    """Each warning on a line of its own on stderr."""
    for w in warnings:
        sys.stderr.write(f"warning: {w}\n")
