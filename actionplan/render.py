"""The one renderer for every table the tool prints, and the progress bar on stderr.

On a terminal tables are drawn with rich (imported here only, and only then); anywhere
else by a plain writer that never imports rich. The docstring of views/__init__.py
describes the API.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TextIO

# Each style's look: the rich style on a terminal, and the SGR code piped output uses
# when FORCE_COLOR asks for colour. The RAG colours are the statuses' (model.RAG).
STYLES: dict[str, tuple[str, str]] = {
    "green": ("green", "32"),
    "amber": ("yellow", "33"),
    "red": ("bold red", "1;31"),
    "blue": ("blue", "34"),
    "grey": ("bright_black", "90"),
    "bold": ("bold", "1"),
    "dim": ("dim", "2"),
    "late": ("red", "31"),
}

# The width a wrapping column is assumed to need at least, when judging whether a table
# can fit the terminal at all.
WRAP_AT_LEAST = 8


# --- tables --------------------------------------------------------------------------


class Column(NamedTuple):
    header: str
    right: bool = False  # aligned right (numbers)
    wrap: bool = False  # may wrap at spaces on a terminal; otherwise never wraps or breaks
    optional: bool = False  # left out on a terminal when every cell in it is empty


Part = tuple[str, str | None]  # text and a STYLES name (or None)
Cell = str | Part | list[Part]  # plain text, styled text, or styled parts in a row
# A part that breaks the line within a cell on a terminal; piped, it is a space.
BREAK: Part = ("\n", None)


def wants_colour(stream: TextIO) -> bool:
    """Colour on a terminal only; NO_COLOR wins, FORCE_COLOR asks for it when piped, and
    a dumb terminal gets none (as rich and no-color.org have it)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return isatty(stream)


def isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def clean(value: object) -> str:
    """User text for one line or cell: control characters escaped, never interpreted."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _parts(cell: Cell | None) -> list[Part]:
    """A cell as cleaned (text, style) parts."""
    if isinstance(cell, tuple):
        return [(clean(cell[0]), cell[1])]
    if isinstance(cell, list):
        return [p if p == BREAK else (clean(p[0]), p[1]) for p in cell]
    return [(clean(cell), None)]


def _plain(parts: list[Part]) -> str:
    """The cell's text as piped output shows it (a BREAK is a space)."""
    if len(parts) == 1:
        return parts[0][0]
    return "".join(" " if p == BREAK else p[0] for p in parts)


def _runs(parts: list[Part]) -> list[Part]:
    """Parts as piped output colours them: a BREAK is a space (in its neighbours' style
    when they share one), and neighbours of one style make one run."""
    out: list[Part] = []
    for i, (text, style) in enumerate(parts):
        if (text, style) == BREAK:
            before = out[-1][1] if out else None
            after = parts[i + 1][1] if i + 1 < len(parts) else None
            text, style = " ", before if before == after else None
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


def _lines(parts: list[Part]) -> list[str]:
    """The cell's lines as a terminal shows them."""
    return "".join(t for t, _ in parts).split("\n")


class Out:
    """Where a view writes: a terminal (rich) or anything else (plain lines)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.terminal = isatty(self.stream)
        self.colour = wants_colour(self.stream)
        self._console: Any = None

    # -- lines

    def line(self, text: Cell = "", style: str | None = None) -> None:
        """One line: text in one of STYLES, or styled parts. User text is cleaned."""
        parts = _parts((text, style) if isinstance(text, str) else text)
        if self.terminal:
            self.console.print(self._text(parts))
        else:
            self.stream.write(self._sgr(parts) + "\n")

    def fields(self, fields: Sequence[tuple[str, Cell | None]]) -> None:
        """Name/value lines, names dimmed and aligned; None values are left out."""
        shown = [(n, v) for n, v in fields if v is not None]
        pad = max((len(n) for n, _ in shown), default=0) + 2
        for name, value in shown:
            # One line each: a BREAK in a value is a space here.
            self.line([(name.ljust(pad), "dim"), *_runs(_parts(value))])

    # -- tables

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        title: str | None = None,
        *,
        footer: Sequence[Cell] | None = None,
        limit: int | None = None,
        more: Callable[[int], str] | None = None,
        latest: bool = False,
    ) -> None:
        """Draw a table (the module's docstring describes the API)."""
        body = [[_parts(c) for c in r] for r in rows]
        foot = [_parts(c) for c in footer] if footer is not None else None
        if not self.terminal:
            self._plain_table(columns, body, title, foot)
            return
        left_out = 0
        if limit is not None and len(body) > limit:
            left_out = len(body) - limit
            body = body[-limit:] if latest else body[:limit]
            if latest:
                self.line(more(left_out) if more else f"… {left_out} earlier rows", "dim")
        keep = [
            i
            for i, c in enumerate(columns)
            if not c.optional or any(_plain(r[i]) for r in (*body, *([foot] if foot else [])))
        ]
        if len(keep) < len(columns):
            columns = [columns[i] for i in keep]
            body = [[r[i] for i in keep] for r in body]
            foot = [foot[i] for i in keep] if foot else None
        self._rich_table(columns, body, title, foot)
        if left_out and not latest:
            self.line(more(left_out) if more else f"… and {left_out} more rows", "dim")

    def _plain_table(
        self,
        columns: Sequence[Column],
        body: list[list[list[Part]]],
        title: str | None,
        foot: list[list[Part]] | None,
    ) -> None:
        """A header line, a dashed rule, one line per row (the footer last); never wrapped.
        Widths are counted in characters: wide characters are not told apart here."""
        rows = [*body, foot] if foot else body
        widths = [len(c.header) for c in columns]
        for row in rows:
            for i, parts in enumerate(row):
                n = len(_plain(parts))
                if n > widths[i]:
                    widths[i] = n
        right = [c.right for c in columns]
        sgr = self._sgr

        def fmt(row: list[list[Part]]) -> str:
            shown = []
            for i, parts in enumerate(row):
                pad = " " * (widths[i] - len(_plain(parts)))
                shown.append(pad + sgr(parts) if right[i] else sgr(parts) + pad)
            return "  ".join(shown).rstrip()

        lines = [sgr([(clean(title), "bold")])] if title else []
        lines.append(fmt([[(c.header, "bold")] for c in columns]))
        lines.append(sgr([("-" * (sum(widths) + 2 * (len(widths) - 1)), "dim")]))
        lines += [fmt(row) for row in rows]
        self.stream.write("\n".join(lines) + "\n")

    def _rich_table(
        self,
        columns: Sequence[Column],
        body: list[list[list[Part]]],
        title: str | None,
        foot: list[list[Part]] | None,
    ) -> None:
        from rich.cells import cell_len
        from rich.table import Table

        table = Table(
            title=self._text([(clean(title), "bold")]) if title else None,
            title_justify="left",
            show_footer=foot is not None,
            header_style="bold",
            footer_style="bold",
        )
        # A column that never wraps gets its widest cell as its minimum width, so that
        # rich never narrows it (it would cut an id to fit); wrapping columns shrink.
        needed = 1  # the table's left edge
        for i, col in enumerate(columns):
            widest = max(
                cell_len(line) for r in (*body, *([foot] if foot else [])) for line in _lines(r[i])
            )
            widest = max(widest, cell_len(col.header))
            needed += 3 + (min(widest, WRAP_AT_LEAST) if col.wrap else widest)
            table.add_column(
                self._text([(col.header, None)]),
                footer=self._text(foot[i]) if foot else "",
                justify="right" if col.right else "left",
                no_wrap=not col.wrap,
                overflow="fold",
                min_width=None if col.wrap else widest,
            )
        text = self._text
        for r in body:
            table.add_row(*[text(parts) for parts in r])
        console = self.console
        if needed > console.width:
            # Too wide for borders: the columns apart by two spaces and a rule under the
            # header, which leaves the wrapping columns a third more room.
            from rich import box

            table.box, table.show_edge, table.pad_edge = box.SIMPLE_HEAD, False, False
            table.collapse_padding = True
            needed -= len(columns) + 3  # no edges (2), one space less between columns
        if needed > console.width:
            # Too wide even so, with every wrapping column narrowed: draw it wider than
            # the terminal (which folds its lines) rather than cut ids and dates.
            console = self._new_console(width=needed)
        console.print(table)

    # -- rich and SGR

    @property
    def console(self) -> Any:
        """The rich console for this terminal, made on first use."""
        if self._console is None:
            self._console = self._new_console()
        return self._console

    def _new_console(self, width: int | None = None) -> Any:
        from rich.console import Console  # only ever imported for a terminal

        return Console(
            file=self.stream,
            width=width,
            force_terminal=True,
            # None: no escape codes at all, not even bold (NO_COLOR, TERM=dumb).
            color_system="auto" if self.colour else None,
            markup=False,
            emoji=False,
            highlight=False,
        )

    @staticmethod
    def _text(parts: list[Part]) -> Any:
        from rich.text import Text

        if len(parts) == 1:
            text, style = parts[0]
            return Text(text, style=STYLES[style][0] if style else "")
        return Text.assemble(*((t, STYLES[s][0] if s else "") for t, s in parts))

    def _sgr(self, parts: list[Part]) -> str:
        if not self.colour:
            return _plain(parts)
        return "".join(f"\x1b[{STYLES[s][1]}m{t}\x1b[0m" if s and t else t for t, s in _runs(parts))


# --- progress ------------------------------------------------------------------------


class Progress:
    """A progress bar on stderr for a long read, as a callback: progress(done, total).

    Shown only when stderr is a terminal (not a dumb one) and the read has taken longer
    than DELAY seconds, so quick reads and CI logs never see it; removed when the read
    ends, also when it is interrupted. rich is imported only when the bar appears.
    """

    DELAY = 0.5

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.wanted = isatty(self.stream) and os.environ.get("TERM", "").lower() not in (
            "dumb",
            "unknown",
        )
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not self.wanted or time.monotonic() - self.started < self.DELAY:
                return
            self._show(done, total)
        self.bar.update(self.task, completed=done, total=total)

    def _show(self, done: int, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console(
            file=self.stream,
            force_terminal=True,
            color_system="auto" if wants_colour(self.stream) else None,
            markup=False,
            emoji=False,
            highlight=False,
        )
        self.bar = Progress(
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("commits"),
            console=console,
            transient=True,  # the bar is removed when the read ends
        )
        self.task = self.bar.add_task(self.label, total=total, completed=done)
        self.bar.start()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
