"""Versions of a plan file cut into action and measure blocks, each distinct block
parsed once.

Blocks repeat across thousands of versions of a file, and consecutive versions differ in
a block or two, so the history engine works each version out from the last one and
parses only what changed (see Parser). A measure's [[measures.values]] sub-tables stay
in its block, as an action's [[actions.evidence]] stay in the action's.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any, NamedTuple

from actionplan.planfiles import MAX_DEPTH, nested_deeper

# What tomllib raises on a version it cannot read: bad TOML; a value nested deep enough to
# exhaust the stack; an integer of thousands of digits. Such a version is taken as broken.
UNREADABLE = (tomllib.TOMLDecodeError, RecursionError, ValueError)

# id -> (block, parsed table). A block is the bytes after its header (a file parsed whole
# has a text of its own instead, which equals no block).
Blocks = dict[str, tuple[bytes | str, dict]]
_NO_MEASURES: Blocks = {}  # shared, never changed: versions copy before they change


class Version(NamedTuple):
    """One version of one plan file, cut into actions and measures: id -> (block,
    parsed table).

    text is the file (after a newline) for finding what the next version changed; None
    for a file that had to be parsed whole. touched names the actions and measures whose
    blocks differ from the version numbered base, the one this version was worked out
    from.
    """

    actions: Blocks
    text: bytes | None
    serial: int
    base: int | None = None
    touched: frozenset[str] | None = None
    measures: Blocks = _NO_MEASURES


DELIM = "\n[[actions]]"
_DELIM = DELIM.encode()
MEASURES_DELIM = "\n[[measures]]"
_MEASURES_DELIM = MEASURES_DELIM.encode()
# A file whose head (the text before its first [[actions]] or [[measures]] header) may
# hold measures some other way (`measures = [...]`, `[[ measures ]]`) is parsed whole.
_MEASURES_ELSEWHERE = re.compile(rb"(?m)^[ \t]*(\[\[?[ \t]*)?[\"']?measures\b")


def split_blocks(text: str) -> list[str]:
    """The text before the first `[[actions]]` header, then what follows each header.

    A plain str.split, at C speed. A file written some other way (`[[ actions ]]`,
    indented headers, tables after the actions) yields blocks that do not parse as one
    action each, and is then parsed whole.
    """
    return ("\n" + text).split(DELIM)


def cut(region: bytes) -> tuple[bytes, list[bytes], list[bytes]]:
    """Bytes that start with a newline, cut at `[[actions]]` and `[[measures]]` headers:
    what comes before the first header, the action blocks and the measure blocks (each
    what follows its header). Plain splits at C speed, on bytes: a block is decoded only
    when it must be parsed."""
    if _MEASURES_DELIM not in region:
        parts = region.split(_DELIM)
        return parts[0], parts[1:], []
    # Measures usually follow the actions: split at them first, so that only a measure
    # block with actions after it needs a second split.
    first, *rest = region.split(_MEASURES_DELIM)
    head, *actions = first.split(_DELIM)
    measures = []
    for part in rest:
        if _DELIM in part:
            measure, *more = part.split(_DELIM)
            measures.append(measure)
            actions += more
        else:
            measures.append(part)
    return head, actions, measures


def _first_header(buf: bytes, at: int) -> int:
    """Where the first [[actions]] or [[measures]] header at or after at starts; -1."""
    found = [i for i in (buf.find(_DELIM, at), buf.find(_MEASURES_DELIM, at)) if i >= 0]
    return min(found) if found else -1


def common_prefix(a: bytes, b: bytes) -> int:
    """How many leading bytes a and b share: big strides first, then halving ones."""
    n, i, step = min(len(a), len(b)), 0, 8192
    while step:
        while i + step <= n and a[i : i + step] == b[i : i + step]:
            i += step
        step //= 2
    return i


def common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """How many trailing bytes a and b share, at most limit."""
    la, lb, i, step = len(a), len(b), 0, 8192
    while step:
        while i + step <= limit and a[la - i - step : la - i] == b[lb - i - step : lb - i]:
            i += step
        step //= 2
    return i


class Parser:
    """Parses plan file versions, each distinct action block once.

    A version is worked out from the previous version of the same file: the bytes both
    share at the start and at the end are found by comparing slices (memcmp), and only
    the action blocks between are split out and looked at. Usually that is one block.
    """

    def __init__(self) -> None:
        self.blocks: dict[bytes, dict | None] = {}
        self.measure_blocks: dict[bytes, dict | None] = {}
        self.recent: dict[str, Version] = {}  # by blob id; a few, for reverts and merges
        self.lines: dict[str, Any] = {}  # one line's parse, for fast_block
        self.serial = 0

    def parsed(self, block: bytes, table: str = "actions") -> dict | None:
        """The block of a [[table]] (actions or measures) parsed: None when it is not one
        table with an id."""
        cache = self.blocks if table == "actions" else self.measure_blocks
        got = cache.get(block, False)
        if got is False:
            text = block.decode("utf-8", "replace")
            got = fast_block(text, self.lines)
            if got is None:
                # A CRLF file leaves "\r" at the end of a block: a lone CR is not valid TOML.
                text = f"[[{table}]]" + (text[:-1] if text.endswith("\r") else text)
                got = _parse_block(text, table)
            cache[block] = got
        return got

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def version(self, blob: str, raw: bytes, previous: Version | None = None) -> Version:
        got = self.recent.get(blob)
        if got is not None:
            return got
        text = b"\n" + raw
        version = None
        if previous is not None and previous.text is not None:
            version = self._delta(previous, text)
        if version is None:
            version = self._full(text)
        if version is None:
            # Not valid TOML: its actions are taken to be as they were, so a broken
            # commit and its fix make no removed and re-added events.
            return previous if previous is not None else Version({}, None, self._next())
        if len(self.recent) > 32:
            self.recent.pop(next(iter(self.recent)))
        self.recent[blob] = version
        return version

    def _full(self, text: bytes) -> Version | None:
        head, blocks, measure_blocks = cut(text)
        if (
            (not blocks and b"actions" in head)
            or len(set(blocks)) != len(blocks)
            or len(set(measure_blocks)) != len(measure_blocks)
            or _MEASURES_ELSEWHERE.search(head)
        ):
            # `actions = [...]`, measures written some other way, or a block twice.
            return self._whole(text)
        found: list[Blocks] = []
        for table, cut_blocks in (("actions", blocks), ("measures", measure_blocks)):
            items: Blocks = {}
            for block in cut_blocks:
                parsed = self.parsed(block, table)
                if parsed is None:
                    return self._whole(text)
                items.setdefault(parsed["id"], (block, parsed))
            found.append(items)
        return Version(found[0], text, self._next(), measures=found[1] or _NO_MEASURES)

    def _delta(self, previous: Version, text: bytes) -> Version | None:
        """This version from the previous one, or None to parse it in full."""
        old = previous.text
        assert old is not None
        p = common_prefix(old, text)
        if p == len(old) == len(text):
            return previous._replace(
                text=text, serial=self._next(), base=previous.serial, touched=frozenset()
            )
        s = common_suffix(old, text, min(len(old), len(text)) - p)
        # The last header wholly in the shared start.
        start = max(text.rfind(_DELIM, 0, p), text.rfind(_MEASURES_DELIM, 0, p))
        if start < 0:
            return None  # the change reaches into the plan's own keys: start afresh
        end_old, end = _first_header(old, len(old) - s), _first_header(text, len(text) - s)
        if end < 0:
            end_old, end = len(old), len(text)
        _, was, was_m = cut(old[start:end_old])
        _, now, now_m = cut(text[start:end])
        touched: set[str] = set()
        changed = []
        for table, before, after, kept in (
            ("actions", was, now, previous.actions),
            ("measures", was_m, now_m, previous.measures),
        ):
            if len(before) == len(after):
                # Blocks edited in place (the usual case): compare them pair by pair, so
                # that the many unchanged blocks between two edits cost a memcmp, not a
                # hash.
                pairs = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
                before, after = [b for b, _ in pairs], [a for _, a in pairs]
            gone, new = set(before) - set(after), set(after) - set(before)
            if not gone and not new:
                changed.append(kept)
                continue
            items = self._moved(table, gone, new, kept, touched)
            if items is None:
                return None
            changed.append(items)
        return Version(
            changed[0], text, self._next(), previous.serial, frozenset(touched), changed[1]
        )

    def _moved(
        self, table: str, gone: set[bytes], new: set[bytes], kept: Blocks, touched: set[str]
    ) -> Blocks | None:
        """kept without the gone blocks and with the new ones (their ids added to
        touched); None when the version must be read whole."""
        cache = self.blocks if table == "actions" else self.measure_blocks
        items = dict(kept)
        for block in gone:
            parsed = cache.get(block)
            if parsed is None:
                return None
            touched.add(parsed["id"])
            if items.get(parsed["id"], ("",))[0] == block:
                del items[parsed["id"]]
        for block in new:
            parsed = self.parsed(block, table)
            if parsed is None or parsed["id"] in items:
                # An id written twice (an untouched block or another new one has it): which
                # one counts depends on their order in the file, so read the file whole.
                return None
            touched.add(parsed["id"])
            items[parsed["id"]] = (block, parsed)
        return items

    def _whole(self, text: bytes) -> Version | None:
        """A file that cannot be cut into blocks: parse it whole (None when it is not
        valid TOML)."""
        try:
            data = tomllib.loads(text[1:].decode("utf-8-sig", "replace"))
        except UNREADABLE:
            return None
        if nested_deeper(data, MAX_DEPTH + 1):  # check's E010 (the root counts here)
            return None
        found: list[Blocks] = []
        for table in ("actions", "measures"):
            items: Blocks = {}
            for a in data.get(table, []) if isinstance(data.get(table), list) else []:
                if isinstance(a, dict) and isinstance(a.get("id"), str):
                    items.setdefault(a["id"], (repr(sorted(a.items(), key=str)), a))
            found.append(items)
        return Version(found[0], None, self._next(), measures=found[1] or _NO_MEASURES)


_KEY_LINE = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=")
_ARRAY_OPEN = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*\[[ \t]*(#.*)?")
_ARRAY_CLOSE = re.compile(r"[ \t]*\][ \t]*(#.*)?")
_MISS = object()


def fast_block(block: str, cache: dict[str, Any]) -> dict | None:
    """An action block parsed line by line, each distinct line parsed once.

    Consecutive versions of a block differ in a line or two (a status, one more evidence
    item), so this turns most block parses into dictionary look-ups. It accepts only
    blocks made of `key = value` lines with single-line values, and multi-line arrays
    with one item per line; anything else (sub-tables, multi-line strings, dotted or
    repeated keys) returns None and is parsed by tomllib whole. tests/test_history.py
    checks that both agree.
    """
    lines = block.split("\n")
    head = lines[0].strip()
    if head and not head.startswith("#"):
        return None
    out: dict[str, Any] = {}
    i, n = 1, len(lines)
    while i < n:
        line = lines[i].rstrip("\r")
        i += 1
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        got = cache.get(line, _MISS)
        if got is _MISS:
            got = cache[line] = _parse_line(line)
        if got is None:
            opener = _ARRAY_OPEN.fullmatch(line)
            if opener is None:
                return None
            key, items = opener.group(1), []
            while True:
                if i >= n:
                    return None
                item = lines[i].rstrip("\r")
                i += 1
                bare = item.strip()
                if not bare or bare[0] == "#":
                    continue
                if _ARRAY_CLOSE.fullmatch(item):
                    break
                value = cache.get("\0" + item, _MISS)
                if value is _MISS:
                    value = cache["\0" + item] = _parse_item(item)
                if value is None:
                    return None
                items.append(value[0])
            got = (key, items)
        key, value = got
        if key in out:
            return None
        out[key] = value
    return out if isinstance(out.get("id"), str) else None


def _parse_line(line: str) -> tuple[str, Any] | None:
    """`key = value` on one line, as (key, value); None for anything else."""
    m = _KEY_LINE.match(line)
    if m is None:
        return None
    try:
        data = tomllib.loads(line)
    except UNREADABLE:
        return None
    key = m.group(1)
    if list(data) != [key] or nested_deeper(data[key], MAX_DEPTH - 2):
        return None  # a deep value: the whole block is parsed, and refused, by tomllib
    return (key, data[key])


# An inline table of plain values, as readings and evidence items are written: bare keys;
# dates, decimal integers and floats, basic strings without escapes. Anything else (and
# anything this reads differently from TOML, which the tests look for) goes to tomllib.
_ITEM_OPEN = re.compile(r"[ \t]*\{")
_ITEM_PAIR = re.compile(
    r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*"
    r"(?:(\d{4}-\d{2}-\d{2})|([+-]?(?:0|[1-9]\d*))(\.\d+)?(?![\w.:+-])"
    r'|"([^"\\\x00-\x08\x0a-\x1f\x7f]*)")[ \t]*([,}])'
)
_ITEM_END = re.compile(r"[ \t]*,?[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?")


def _plain_item(item: str) -> dict | None:
    """An item line `{ date = 2009-06-30, value = 180, note = "Q1" },` read without
    tomllib (a plan may hold thousands); None for anything else."""
    from datetime import date

    m = _ITEM_OPEN.match(item)
    if m is None:
        return None
    pos, out = m.end(), {}
    while True:
        pair = _ITEM_PAIR.match(item, pos)
        if pair is None:
            return None
        key, day, whole, fraction, text, end = pair.groups()
        if key in out:
            return None
        if day is not None:
            try:
                out[key] = date.fromisoformat(day)
            except ValueError:
                return None
        elif whole is not None:
            out[key] = float(whole + fraction) if fraction else int(whole)
        else:
            out[key] = text
        pos = pair.end()
        if end == "}":
            break
    return out if _ITEM_END.fullmatch(item, pos) else None


def _parse_item(item: str) -> tuple[Any] | None:
    """One item line of a multi-line array (`{ ... },`), as a 1-tuple."""
    plain = _plain_item(item)
    if plain is not None:
        return (plain,)
    try:
        data = tomllib.loads(f"v = [{item}]")
    except UNREADABLE:
        return None
    if len(data["v"]) != 1 or nested_deeper(data["v"][0], MAX_DEPTH - 3):
        return None
    return (data["v"][0],)


def parse_plan(text: str) -> dict:
    """A plan's text parsed as tomllib parses it, faster for big plans: the part before the
    first [[actions]] or [[measures]] header by tomllib, each block line by line as the
    history engine reads them (each distinct line once; a reading item without tomllib).
    A text this does not cut cleanly into blocks is parsed by tomllib whole (raising its
    errors)."""
    head, actions, measures = cut(("\n" + text).encode())
    if not actions and not measures:
        return tomllib.loads(text)
    try:
        data = tomllib.loads(head[1:].decode("utf-8"))
    except (*UNREADABLE, UnicodeDecodeError):
        return tomllib.loads(text)
    if "actions" in data or "measures" in data or nested_deeper(data, MAX_DEPTH + 1):
        return tomllib.loads(text)
    lines: dict[str, Any] = {}
    for table, blocks in (("actions", actions), ("measures", measures)):
        if not blocks:
            continue
        tables = []
        for block in blocks:
            body = block.decode("utf-8", "replace")
            got = fast_block(body, lines)
            if got is None:
                body = f"[[{table}]]" + (body[:-1] if body.endswith("\r") else body)
                got = _parse_block(body, table)
                if got is None:
                    return tomllib.loads(text)
            tables.append(_fresh(got))
        data[table] = tables
    return data


def _fresh(value: Any) -> Any:
    """value with lists and tables of its own: lines parsed once are shared between
    blocks, and an editor must be free to change one block's data."""
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    return value


def _parse_block(block: str, table: str = "actions") -> dict | None:
    """One [[table]] block (with its header) parsed whole; None unless it is exactly one
    table with an id."""
    try:
        data = tomllib.loads(block)
    except UNREADABLE:
        return None
    if nested_deeper(data, MAX_DEPTH + 1):  # the root counts here
        return None
    items = data.get(table)
    if (
        isinstance(items, list)
        and len(items) == 1
        and isinstance(items[0], dict)
        and isinstance(items[0].get("id"), str)
        and len(data) == 1
    ):
        return items[0]
    return None
