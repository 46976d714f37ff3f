"""Text operations on one plan: new values written as TOML, fields set in an action's
(or a measure's) block, new blocks spliced in, all in the file's own style.

In-place value changes, new keys and items added to an inline array (evidence, a
measure's readings) go through tomlkit's round-trip document of the one block; whole new
blocks (a new action, a new [[actions.evidence]] or [[measures.values]] sub-table) are
spliced in as text after the last content line of what comes before, so that comments
describing the next block stay with it. Nothing here reads or writes files: write.py
checks and writes what these return.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from actionplan.planfiles import action_blocks, table_blocks
from actionplan.schema import ACTION_FIELDS, MEASURE_FIELDS, READING_FIELDS

FIELD_ORDER = [f.name for f in ACTION_FIELDS]
MEASURE_ORDER = [f.name for f in MEASURE_FIELDS]
READING_ORDER = [f.name for f in READING_FIELDS]

# --- TOML text for new values --------------------------------------------------------

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _escaped(s: str, keep: str = "") -> str:
    """s with quotes, backslashes and control characters escaped for a TOML basic
    string (the characters in keep as they are)."""
    out = []
    for c in s:
        if c in keep:
            out.append(c)
        elif c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return "".join(out)


def toml_string(s: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    return '"' + _escaped(s) + '"'


# Prose keys: text with newlines in them is written as a multi-line string.
PROSE = ("notes", "mitigation", "decision")


def toml_multiline(s: str) -> str | None:
    """s as a TOML multi-line basic string, one line of text per line of the file; None
    when s has no newline, or a line of it starts with '[' and would read like a table
    header to anything that reads the file by lines."""
    if "\n" not in s or any(line.lstrip().startswith("[") for line in s.split("\n")):
        return None
    # Quotes are escaped too: no run of three can end the string early.
    return '"""\n' + _escaped(s, keep="\n\t") + '"""'


def toml_value(v: Any) -> str:
    if isinstance(v, str):
        return toml_string(v)
    if isinstance(v, date):
        return v.isoformat()
    if type(v) is int:
        return str(v)
    if type(v) is float and math.isfinite(v):
        return repr(v)  # the shortest text that reads back as the same float
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):  # an evidence item, or a table moved with its action
        return inline_table(v, True)
    if isinstance(v, bool):  # an unknown key moved with its action
        return "true" if v else "false"
    if isinstance(v, float):  # nan or inf, as TOML spells them
        return "nan" if v != v else ("inf" if v > 0 else "-inf")
    raise TypeError(f"cannot write {type(v).__name__} to a plan")


def inline_table(d: dict[str, Any], padded: bool) -> str:
    body = ", ".join(f"{k} = {toml_value(v)}" for k, v in d.items())
    return f"{{ {body} }}" if padded else f"{{{body}}}"


def _set_value(table: Any, key: str, value: Any, order: list[str] = FIELD_ORDER) -> None:
    """Set table[key] in the file's own style: a literal string stays literal where it
    can, prose with newlines becomes a multi-line string (in a table, not in an inline
    one), a list keeps the text of the items it keeps, a new key goes after the key that
    precedes it in the format's order (order), aligned like its neighbours."""
    from tomlkit.items import Array, InlineTable, SingleKey, String, StringType

    text = toml_value(value)
    if key in PROSE and isinstance(value, str) and not isinstance(table, InlineTable):
        text = toml_multiline(value) or text
    if key in table:
        old = table.value.item(key)
        if (
            isinstance(old, String)
            and old.type == StringType.SLL
            and isinstance(value, str)
            and "'" not in value
            and value.isprintable()
        ):
            text = f"'{value}'"
        if isinstance(old, Array) and isinstance(value, list):
            _set_list(table, key, old, value)
            return
        table[key] = _parsed_item(text)
        return
    item = _parsed_item(text)
    body = table.value.body
    # A key written as a sub-table ([measures.target]) is no anchor: what follows it in
    # the text is inside that table.
    keys = [k.key for k, v in body if k is not None and not _is_table(v)]
    rank = order.index(key) if key in order else len(order)
    before = [k for k in keys if k in order and order.index(k) < rank]
    anchor = before[-1] if before else None
    if anchor is None:
        # Nothing of the format precedes it: after the last key that is not a table.
        plain = [k for k, v in body if k is not None and not _is_table(v)]
        anchor = plain[-1] if plain else None
    new_key = SingleKey(key, sep=_separator(body, key))
    if anchor is None:
        table.value._insert_at(0, new_key, item)
    else:
        table.value._insert_after(anchor, new_key, item)


def _set_list(table: Any, key: str, old: Any, value: list) -> None:
    """Make the array old hold value: the items it keeps keep their text (and in a
    multi-line array their lines and comments), new ones are added at the end."""
    import tomlkit

    items = list(old)
    if "\n" in old.as_string():
        # One item per line: take out what goes, append what comes, in place.
        for i in reversed(range(len(items))):
            if items[i] not in value:
                del old[i]
        for v in value:
            if v not in items:
                old.append(v)
        return
    texts, spare = [], [(v, v.as_string().strip()) for v in items]
    for v in value:
        kept = next((t for t in spare if t[0] == v), None)
        if kept is not None:
            spare.remove(kept)
        texts.append(kept[1] if kept is not None else toml_value(v))
    written = old.as_string()
    pad = " " if written.startswith("[ ") and written.rstrip().endswith(" ]") else ""
    body = ", ".join(texts)
    table[key] = tomlkit.parse(f"v = [{pad}{body}{pad}]\n" if body else "v = []\n")["v"]


def _parsed_item(text: str) -> Any:
    """A tomlkit item written exactly as text (with the newline that ends its line)."""
    import tomlkit

    return tomlkit.parse(f"v = {text}\n")["v"]


def _is_table(item: Any) -> bool:
    from tomlkit.items import AoT, Table

    return isinstance(item, Table | AoT)


def _separator(body: list, key: str) -> str:
    """' = ', or padding that lines '=' up with the table's other keys when they align."""
    # A parsed key keeps its own padding ("id     "); its sep is then "= ".
    written = [k.as_string() + k.sep for k, v in body if k is not None and not _is_table(v)]
    columns = [w.rindex("=") for w in written if "=" in w]
    width = _aligned_column(columns)
    padded = any(w[: w.rindex("=")].endswith("  ") for w in written if "=" in w)
    if width and padded and width > len(key):
        return " " * (width - len(key)) + "= "
    return " = "


def _aligned_column(columns: list[int]) -> int:
    """The column of '=' that most keys share, when they are aligned (0 when not).

    Keys count as aligned when more than half of them, and at least two whose names
    differ in length, put '=' in the same column beyond a single space.
    """
    if len(columns) < 2:
        return 0
    best = max(set(columns), key=columns.count)
    if columns.count(best) * 2 <= len(columns) or columns.count(best) < 2:
        return 0
    return best


_INLINE_PADDED = re.compile(r"=\s*\[\s*\{ ", re.M)
_INLINE_TIGHT = re.compile(r"=\s*\[\s*\{\S", re.M)


def edit_block(
    text: str, table: str, count: int, index: int, edit: Callable[[str, int], str]
) -> str:
    """Run edit(text, index) on the text of table `index` of `count` alone when the plan
    writes them as [[table]] blocks (as edit(block, 0)): tomlkit then parses a dozen
    lines, not the whole plan, and nothing outside the block can move. A plan written as
    `table = [...]` is edited as a whole."""
    blocks = table_blocks(text, table)
    if len(blocks) != count:
        return edit(text, index)
    lines = text.splitlines(keepends=True)
    start, end = blocks[index]
    body = "".join(lines[start : end + 1])
    new_body = edit(body, 0)
    if not body.endswith("\n") and new_body.endswith("\n"):
        # The block ended the file without a final newline.
        new_body = new_body[: -2 if new_body.endswith("\r\n") else -1]
    return "".join(lines[:start]) + new_body + "".join(lines[end + 1 :])


class BlockEdit(NamedTuple):
    """What to do to one action's table."""

    values: dict[str, Any]  # key -> new value; a new key goes in the format's order
    delete: tuple[str, ...] = ()  # keys to take out
    evidence: dict[str, Any] | None = None  # an item to append
    remove_evidence: tuple[int, int] | None = None  # (index, how many there are) to take out


def edit_action(text: str, count: int, index: int, change: BlockEdit) -> str:
    """Make the change to action `index` of `count` (see edit_block): evidence taken out
    by cutting its lines where it can be, the rest through tomlkit."""
    style = evidence_style(text)

    def edit(body: str, i: int) -> str:
        nonlocal change
        if change.remove_evidence is not None and body is not text:
            item, items = change.remove_evidence
            cut = _cut_evidence(body, item, items)
            if cut is not None:
                if items == 1 and any(_EVIDENCE_TABLE.match(x) for x in body.splitlines()):
                    # The last sub-table is gone: `evidence = []` keeps the key.
                    change = change._replace(values={**change.values, "evidence": []})
                change = change._replace(remove_evidence=None)
                body = cut
        if body is not text and not (change.delete or change.evidence or change.remove_evidence):
            simple = _set_lines(body, change.values)
            if simple is not None:
                return simple
        return _edit_table_text(body, i, change, style)

    return edit_block(text, "actions", count, index, edit)


def add_reading(
    text: str,
    count: int,
    index: int,
    reading: dict[str, Any],
    position: int,
    replace: bool = False,
) -> str:
    """Put the reading at `position` among the readings of measure `index` of `count`
    (or, with replace, in place of the reading there), in the style the measure writes
    its readings: one more line of a multi-line array, one more item of a one-line
    array, one more [[measures.values]] sub-table; the first reading turns `values = []`
    into a multi-line array."""
    style = evidence_style(text)

    def edit(body: str, i: int) -> str:
        # One measure's block (cut out of the plan: not the text itself, which is a plan
        # written as `measures = [...]`) usually gets its reading as plain text, a line
        # or a sub-table; tomlkit (~35 ms to import) does everything else.
        quick = None
        if not replace and body is not text:
            quick = _reading_lines(body, reading, position)
        if quick is None:
            quick = _reading_text(body, i, reading, position, replace, style)
        return quick

    return edit_block(text, "measures", count, index, edit)


_VALUES_OPEN = re.compile(r"[ \t]*values[ \t]*=[ \t]*\[[ \t]*(#.*)?")
_ITEM = re.compile(r"([ \t]*)(\{.*\})([ \t]*)(,?)([ \t]*#.*)?")
_CLOSE = re.compile(r"[ \t]*\][ \t]*(#.*)?")


def _reading_lines(block: str, reading: dict[str, Any], position: int) -> str | None:
    """The reading put into one [[measures]] block as text, when the block writes its
    readings as [[measures.values]] sub-tables or as a multi-line array with one item a
    line; None otherwise. The text is verified like any edit (write.py)."""
    import tomllib

    if table_blocks(block, "measures.values"):
        lines = "".join(f"{k} = {toml_value(v)}\n" for k, v in reading.items())
        return _insert_sub_table(block, 0, position, "\n[[measures.values]]\n" + lines)
    lines = block.splitlines(keepends=True)
    opens = [i for i, line in enumerate(lines) if _VALUES_OPEN.fullmatch(line.rstrip("\r\n"))]
    if len(opens) != 1:
        return None
    items, close = [], None
    for j in range(opens[0] + 1, len(lines)):
        line = lines[j].rstrip("\r\n")
        if _CLOSE.fullmatch(line):
            close = j
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not _ITEM.fullmatch(line):
            return None
        items.append(j)
    try:
        values = tomllib.loads(block)["measures"][0]["values"]
    except (tomllib.TOMLDecodeError, KeyError, IndexError, TypeError):
        return None
    # One item a line: as many item lines as readings, each starting and ending a table.
    if close is None or not items or len(values) != len(items):
        return None
    first = _ITEM.fullmatch(lines[items[0]].rstrip("\r\n"))
    assert first is not None
    eol = lines[items[0]][len(lines[items[0]].rstrip("\r\n")) :] or "\n"
    new = f"{first.group(1)}{inline_table(reading, first.group(2).startswith('{ '))},{eol}"
    if position >= len(items):
        last = _ITEM.fullmatch(lines[items[-1]].rstrip("\r\n"))
        assert last is not None
        if not last.group(4):  # the last item has no comma yet: it needs one now
            if last.group(5):
                return None
            lines[items[-1]] = last.group(1) + last.group(2) + last.group(3) + "," + eol
        lines.insert(items[-1] + 1, new)
    else:
        # After the item before (or the opening line): a comment above an item stays
        # with it.
        lines.insert((items[position - 1] if position else opens[0]) + 1, new)
    return "".join(lines)


def _reading_text(
    text: str,
    index: int,
    reading: dict[str, Any],
    position: int,
    replace: bool,
    style: tuple[bool, str],
) -> str:
    import tomlkit
    from tomlkit.items import AoT, Array, InlineTable

    doc = tomlkit.parse(text)
    table = doc["measures"][index]
    current = table.value.item("values") if "values" in table else None
    if replace:
        old = current[position]
        for key in ("value", "note"):
            if key in reading:
                _set_value(old, key, reading[key], READING_ORDER)
        return tomlkit.dumps(doc)
    padded, indent = style
    item_text = inline_table(reading, padded)
    if isinstance(current, AoT):
        block = "\n[[measures.values]]\n" + "".join(
            f"{k} = {toml_value(v)}\n" for k, v in reading.items()
        )
        return _insert_sub_table(tomlkit.dumps(doc), index, position, block)
    if isinstance(current, Array) and len(current) > 0:
        # Items spaced like the readings already there: `{ date = ...}` or `{date = ...}`.
        first = current[0]
        if isinstance(first, InlineTable):
            item_text = inline_table(reading, first.as_string().startswith("{ "))
        new = tomlkit.parse(f"v = [{item_text}]")["v"][0]
        if position == 0 and "\n" not in current.as_string():
            # tomlkit would write `[{new},{old}`: the new item takes the first place's
            # spacing instead, and the old first item moves up one with the usual one.
            current.insert(1, current[0])
            current[0] = new
        else:
            current.insert(position, new)
        return tomlkit.dumps(doc)
    # A measure written as an inline table must stay on one line.
    one_line = isinstance(table, InlineTable)
    array = f"[{item_text}]" if one_line else f"[\n{indent}{item_text},\n]"
    if not isinstance(current, Array):  # no values key yet: add one in format order
        _set_value(table, "values", [], MEASURE_ORDER)
    table["values"] = _parsed_item(array)
    return tomlkit.dumps(doc)


def _insert_sub_table(text: str, index: int, position: int, block: str) -> str:
    """Insert a [[measures.values]] block (starting with a blank line) so that it is
    reading number `position` of measure `index`: after the last content line of the
    reading before it, or of the measure's own keys."""
    start, end = table_blocks(text, "measures")[index]
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    body = "".join(lines[start : end + 1])
    subs = [(start + a, start + b) for a, b in table_blocks(body, "measures.values")]
    block = _gap(lines, [a for a, _ in subs]) + block.lstrip("\n")
    if position >= len(subs):
        after = end
    elif position > 0:
        after = subs[position - 1][1]
    else:  # before the first reading: after the measure's last key above it
        after = subs[0][0] - 1
        while after > start and (not lines[after].strip() or lines[after].lstrip()[0] == "#"):
            after -= 1
    lines.insert(after + 1, block)
    return "".join(lines)


_KEY_LINE = re.compile(r"^([ \t]*)([A-Za-z0-9_-]+)([ \t]*=[ \t]*)(.*?)(\r?\n)?$")


def _set_lines(body: str, values: dict[str, Any]) -> str | None:
    """The block with each value written over the old one on that key's own line,
    keeping the key's spacing, a literal string's quotes and a comment after the value:
    no tomlkit (importing it alone costs ~35 ms). None when that cannot be done so simply
    (a key not there yet, a list, prose over several lines, multi-line strings in the
    block): tomlkit then does it."""
    import tomllib

    if '"""' in body or "'''" in body:
        return None
    lines = body.splitlines(keepends=True)
    own = next((n for n in range(1, len(lines)) if lines[n].lstrip().startswith("[")), len(lines))
    for key, value in values.items():
        if not isinstance(value, str | date) or (isinstance(value, str) and "\n" in value):
            return None
        found = [n for n in range(1, own) if (m := _KEY_LINE.match(lines[n])) and m[2] == key]
        if len(found) != 1:
            return None
        m = _KEY_LINE.match(lines[found[0]])
        assert m is not None
        rest = m[4]
        # The value ends where what follows it is blank or a comment and it parses alone.
        for cut in [i for i, c in enumerate(rest) if c == "#"] + [len(rest)]:
            written = rest[:cut].rstrip()
            try:
                tomllib.loads(f"v = {written}")
            except tomllib.TOMLDecodeError:
                continue
            break
        else:
            return None
        text = toml_value(value)
        literal = written.startswith("'") and isinstance(value, str)
        if literal and "'" not in value and value.isprintable():
            text = f"'{value}'"
        lines[found[0]] = m[1] + m[2] + m[3] + text + rest[len(written) :] + (m[5] or "")
    return "".join(lines)


def _edit_table_text(text: str, index: int, change: BlockEdit, style: tuple[bool, str]) -> str:
    import tomlkit
    from tomlkit.items import AoT, Array, InlineTable

    doc = tomlkit.parse(text)
    table = doc["actions"][index]
    for key, value in change.values.items():
        _set_value(table, key, value)
    for key in change.delete:
        if key in table:
            del table[key]
    current = table.value.item("evidence") if "evidence" in table else None
    if change.remove_evidence is not None:
        _remove_item(table, current, change.remove_evidence[0])
        current = table.value.item("evidence") if "evidence" in table else None
    evidence = change.evidence
    if evidence is None:
        return tomlkit.dumps(doc)
    padded, indent = style
    item_text = inline_table(evidence, padded)
    if isinstance(current, AoT):
        text = tomlkit.dumps(doc)
        start, end = table_blocks(text, "actions")[index]
        lines = text.splitlines(keepends=True)
        headers = [i for i in range(start + 1, end + 1) if _is_header(lines[i], "actions.evidence")]
        block = (
            _gap(lines, headers)
            + "[[actions.evidence]]\n"
            + "".join(f"{k} = {toml_value(v)}\n" for k, v in evidence.items())
        )
        return insert_after_action(text, index, block)
    if isinstance(current, Array) and len(current) > 0:
        current.append(tomlkit.parse(f"v = [{item_text}]")["v"][0])
        return tomlkit.dumps(doc)
    # An action written as an inline table must stay on one line.
    one_line = isinstance(table, InlineTable)
    array = f"[{item_text}]" if one_line else f"[\n{indent}{item_text},\n]"
    if not isinstance(current, Array):  # no evidence key yet: add one in format order
        _set_value(table, "evidence", [])
    # `evidence = []` becomes a one-item multi-line array, ready for the next item.
    table["evidence"] = _parsed_item(array)
    return tomlkit.dumps(doc)


def _remove_item(table: Any, current: Any, index: int) -> None:
    """Take evidence item `index` out where the text could not be cut by lines: a
    one-line array keeps the other items' text; sub-tables go through tomlkit."""
    from tomlkit.items import Array

    if isinstance(current, Array):
        kept = [v for i, v in enumerate(current) if i != index]
        _set_list(table, "evidence", current, kept)
        return
    del current[index]
    if len(current) == 0:
        del table["evidence"]
        _set_value(table, "evidence", [])


_EVIDENCE_OPEN = re.compile(r"^([ \t]*evidence[ \t]*=[ \t]*)\[[ \t]*(#.*)?$")
_EVIDENCE_TABLE = re.compile(
    r"^[ \t]*\[\[[ \t]*actions[ \t]*\.[ \t]*evidence[ \t]*\]\][ \t]*(#.*)?$"
)
_ARRAY_CLOSE = re.compile(r"^[ \t]*\][ \t]*(#.*)?$")


def _cut_evidence(block: str, index: int, count: int) -> str | None:
    """The block without evidence item `index` of `count`, cut out by lines when the
    evidence is written one item per line or as [[actions.evidence]] sub-tables: every
    other line stays as it was. The last item of a multi-line array leaves
    `evidence = []`; the last sub-table leaves no evidence key. None for any other
    layout (then tomlkit does it)."""
    lines = block.splitlines(keepends=True)
    bare = [line.rstrip("\r\n") for line in lines]
    headers = [n for n, line in enumerate(bare) if _EVIDENCE_TABLE.match(line)]
    if headers:
        if len(headers) != count:
            return None
        first = headers[index]
        while first > 0 and bare[first - 1].lstrip().startswith("#"):
            first -= 1  # comments right above a sub-table belong to it
        while first > 0 and not bare[first - 1].strip():
            first -= 1
        last = headers[index + 1] if index + 1 < len(headers) else len(lines)
        while last - 1 > first and (
            not bare[last - 1].strip() or bare[last - 1].lstrip().startswith("#")
        ):
            last -= 1  # blank lines and the next sub-table's comments stay
        return "".join(lines[:first] + lines[last:])
    opening = next((n for n, line in enumerate(bare) if _EVIDENCE_OPEN.match(line)), None)
    if opening is None:
        return None
    items, closing = _item_lines(bare, opening)
    if closing is None or len(items) != count:
        return None
    if count == 1:  # the only item: `evidence = []`
        prefix = _EVIDENCE_OPEN.match(bare[opening]).group(1)  # type: ignore[union-attr]
        ending = lines[closing][len(bare[closing]) :]
        return "".join([*lines[:opening], f"{prefix}[]{ending}", *lines[closing + 1 :]])
    return "".join(lines[: items[index]] + lines[items[index] + 1 :])


def _item_lines(bare: list[str], opening: int) -> tuple[list[int], int | None]:
    """The lines of a multi-line array's items, each one item, and the closing line;
    (.., None) when an item spans lines or the array does not close."""
    import tomllib

    items = []
    for n in range(opening + 1, len(bare)):
        line = bare[n]
        if _ARRAY_CLOSE.match(line):
            return items, n
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            if len(tomllib.loads(f"v = [{line}]")["v"]) != 1:
                return items, None
        except tomllib.TOMLDecodeError:
            return items, None
        items.append(n)
    return items, None


def evidence_style(text: str) -> tuple[bool, str]:
    """How the file writes evidence: `{ padded }` inline tables or not, and the indent
    of items in multi-line arrays."""
    padded = not (_INLINE_TIGHT.search(text) and not _INLINE_PADDED.search(text))
    m = re.search(r"=\s*\[\r?\n([ \t]+)\{", text)
    return padded, m.group(1) if m else "  "


def _is_header(line: str, name: str) -> bool:
    return line.strip().replace(" ", "").startswith(f"[[{name}]]")


def _gap(lines: list[str], headers: list[int]) -> str:
    """A blank line before a new sub-table when the item's sub-tables already there are
    set off by one (or there are none yet), so that it is written in their style."""
    if not headers:
        return "\n"
    return "\n" if headers[0] > 0 and not lines[headers[0] - 1].strip() else ""


def insert_after_action(text: str, index: int, block: str) -> str:
    """Insert block (starting with a blank line) after action index's last content line."""
    return insert_after_block(text, "actions", index, block)


def insert_after_block(text: str, table: str, index: int, block: str) -> str:
    """Insert block (starting with a blank line) after [[table]] index's last content line."""
    blocks = table_blocks(text, table)
    last = blocks[index][1]
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(last + 1, block)
    return "".join(lines)


_ACTIONS_OPEN = re.compile(r"^[ \t]*actions[ \t]*=[ \t]*\[[ \t]*(#.*)?$")


def insert_inline(text: str, position: int, new: dict[str, Any]) -> str:
    """Insert an action into an `actions = [...]` array of inline tables: as a line of its
    own when the array has one action per line (the others stay as written), else
    through tomlkit."""
    import tomlkit

    padded, _ = evidence_style(text)
    item = inline_table(new, padded)
    lines = text.splitlines(keepends=True)
    bare = [line.rstrip("\r\n") for line in lines]
    opening = next((n for n, line in enumerate(bare) if _ACTIONS_OPEN.match(line)), None)
    if opening is not None:
        items, closing = _item_lines(bare, opening)
        if closing is not None and items and position <= len(items):
            indent = bare[items[0]][: len(bare[items[0]]) - len(bare[items[0]].lstrip())]
            if position == 0:
                return "".join([*lines[: items[0]], f"{indent}{item},\n", *lines[items[0] :]])
            after = items[position - 1]
            line = bare[after]
            if not line.rstrip().endswith(","):  # the last item may have no comma yet
                line = line.rstrip() + "," if "#" not in line else ""
            if line:
                ending = lines[after][len(bare[after]) :]
                return "".join(
                    [*lines[:after], line + ending, f"{indent}{item},\n", *lines[after + 1 :]]
                )
    doc = tomlkit.parse(text)
    doc["actions"].insert(position, _parsed_item(item))
    return tomlkit.dumps(doc)


def action_block(text: str, new: dict[str, Any]) -> str:
    """An action's lines, aligned like the plan's first action when it aligns; its
    evidence (`[]` for a new action) as a multi-line array."""
    lines = [
        (k, (k in PROSE and isinstance(v, str) and toml_multiline(v)) or toml_value(v))
        for k, v in new.items()
        if k != "evidence"
    ]
    if "evidence" in new:
        _, indent = evidence_style(text)
        items = "".join(f"{indent}{toml_value(e)},\n" for e in new["evidence"])
        lines.append(("evidence", f"[\n{items}]" if items else "[]"))
    width = _aligned_width(text)
    out = ["[[actions]]\n"]
    for key, value in lines:
        pad = " " * max(1, width - len(key)) if width else " "
        out.append(f"{key}{pad}= {value}\n")
    return "".join(out)


def _aligned_width(text: str) -> int:
    """The '=' column of the first action's keys when they are aligned, else 0."""
    blocks = action_blocks(text)
    if not blocks:
        return 0
    start, end = blocks[0]
    found = [
        (len(m.group(1)), len(m.group(1)) + len(m.group(2)))
        for m in (
            re.match(r"^([A-Za-z0-9_-]+)(\s*)=", line)
            for line in text.splitlines()[start + 1 : end + 1]
        )
        if m
    ]
    column = _aligned_column([col for _, col in found])
    # Plain `key = value` lines all differ in column too; aligned ones pad beyond one space.
    if column and any(col - name > 1 for name, col in found if col == column):
        return column
    return 0


# --- moving a block ------------------------------------------------------------------


def cut_action(text: str, index: int) -> tuple[str, str]:
    """The text without action `index`'s block, and the block: its lines, and the comment
    lines right above its header (they describe it). The blank lines before it go too, so
    that the spacing around the gap stays as it was."""
    lines = text.splitlines(keepends=True)
    start, end = action_blocks(text)[index]
    first = start
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    gap = first
    while gap > 0 and not lines[gap - 1].strip():
        gap -= 1
    block = "".join(lines[first : end + 1])
    if not block.endswith("\n"):
        block += "\n"  # (a CRLF file gets its CR back when it is written)
    rest = "".join(lines[:gap] + lines[end + 1 :])
    if end + 1 == len(lines) and not text.endswith("\n") and rest.endswith("\n"):
        rest = rest[: -2 if rest.endswith("\r\n") else -1]  # the file had no final newline
    return rest, block


def insert_block(text: str, position: int, count: int, block: str) -> str:
    """Insert a whole block (comments and all) as action `position` of the `count` in a
    [[actions]] file, after a blank line: after the action before it, else at the end."""
    if position > 0 and count:
        return insert_after_action(text, position - 1, "\n" + block)
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "\n" + block


def remove_inline(text: str, index: int) -> str:
    """Take action `index` out of an `actions = [...]` array of inline tables."""
    import tomlkit

    doc = tomlkit.parse(text)
    del doc["actions"][index]
    return tomlkit.dumps(doc)
