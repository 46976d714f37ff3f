"""Text operations on one plan: new values written as TOML, fields set in an action's
block, new blocks spliced in, all in the file's own style.

In-place value changes, new keys and evidence appended to an inline array go through
tomlkit's round-trip document of the one action's block; whole new blocks (a new
action, a new [[actions.evidence]] sub-table) are spliced in as text after the last
content line of the action above, so that comments describing the next action stay with
it. Nothing here reads or writes files: write.py checks and writes what these return.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from actionplan.planfiles import action_blocks
from actionplan.schema import ACTION_FIELDS

FIELD_ORDER = [f.name for f in ACTION_FIELDS]

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


def toml_string(s: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for c in s:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def toml_value(v: Any) -> str:
    if isinstance(v, str):
        return toml_string(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to a plan")


def inline_table(d: dict[str, Any], padded: bool) -> str:
    body = ", ".join(f"{k} = {toml_value(v)}" for k, v in d.items())
    return f"{{ {body} }}" if padded else f"{{{body}}}"


def _set_value(table: Any, key: str, value: Any) -> None:
    """Set table[key] in the file's own style: a literal string stays literal where it
    can, a new key goes after the key that precedes it in the format's order, aligned
    like its neighbours."""
    from tomlkit.items import SingleKey, String, StringType

    if key in table:
        old = table.value.item(key)
        text = toml_value(value)
        if (
            isinstance(old, String)
            and old.type == StringType.SLL
            and isinstance(value, str)
            and "'" not in value
            and value.isprintable()
        ):
            text = f"'{value}'"
        table[key] = _parsed_item(text)
        return
    item = _parsed_item(toml_value(value))
    body = table.value.body
    keys = [k.key for k, _ in body if k is not None]
    rank = FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)
    before = [k for k in keys if k in FIELD_ORDER and FIELD_ORDER.index(k) < rank]
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


def set_fields(
    text: str, count: int, index: int, values: dict[str, Any], evidence: dict[str, Any] | None
) -> str:
    """Set the values on action `index` of `count` and append the evidence item, editing
    that action's text alone when it is a [[actions]] block: tomlkit then parses a dozen
    lines, not the whole plan, and nothing outside the block can move. (Plans written as
    `actions = [...]` are edited as a whole.)"""
    style = evidence_style(text)
    blocks = action_blocks(text)
    if len(blocks) != count:
        return _edit_table_text(text, index, values, evidence, style)
    lines = text.splitlines(keepends=True)
    start, end = blocks[index]
    body = "".join(lines[start : end + 1])
    new_body = _edit_table_text(body, 0, values, evidence, style)
    if not body.endswith("\n") and new_body.endswith("\n"):
        new_body = new_body[:-1]  # the block ended the file without a final newline
    return "".join(lines[:start]) + new_body + "".join(lines[end + 1 :])


def _edit_table_text(
    text: str,
    index: int,
    values: dict[str, Any],
    evidence: dict[str, Any] | None,
    style: tuple[bool, str],
) -> str:
    import tomlkit
    from tomlkit.items import AoT, Array, InlineTable

    doc = tomlkit.parse(text)
    table = doc["actions"][index]
    for key, value in values.items():
        _set_value(table, key, value)
    if evidence is None:
        return tomlkit.dumps(doc)
    padded, indent = style
    item_text = inline_table(evidence, padded)
    current = table.value.item("evidence") if "evidence" in table else None
    if isinstance(current, AoT):
        block = "\n[[actions.evidence]]\n" + "".join(
            f"{k} = {toml_value(v)}\n" for k, v in evidence.items()
        )
        return insert_after_action(tomlkit.dumps(doc), index, block)
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


def evidence_style(text: str) -> tuple[bool, str]:
    """How the file writes evidence: `{ padded }` inline tables or not, and the indent
    of items in multi-line arrays."""
    padded = not (_INLINE_TIGHT.search(text) and not _INLINE_PADDED.search(text))
    m = re.search(r"=\s*\[\r?\n([ \t]+)\{", text)
    return padded, m.group(1) if m else "  "


def insert_after_action(text: str, index: int, block: str) -> str:
    """Insert block (starting with a blank line) after action index's last content line."""
    blocks = action_blocks(text)
    last = blocks[index][1]
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(last + 1, block)
    return "".join(lines)


def insert_inline(text: str, position: int, new: dict[str, Any]) -> str:
    """Insert an action into an `actions = [...]` array of inline tables."""
    import tomlkit

    doc = tomlkit.parse(text)
    padded, _ = evidence_style(text)
    doc["actions"].insert(position, _parsed_item(inline_table(new, padded)))
    return tomlkit.dumps(doc)


def action_block(text: str, new: dict[str, Any]) -> str:
    """The new action's lines, aligned like the plan's first action when it aligns."""
    lines = [(k, toml_value(v)) for k, v in new.items()]
    lines.append(("evidence", "[]"))
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
