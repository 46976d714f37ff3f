"""Versions of a plan file cut into action blocks, each distinct block parsed once.

Blocks repeat across thousands of versions of a file, and consecutive versions differ in
a block or two, so the history engine works each version out from the last one and
parses only what changed (see Parser).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any, NamedTuple

from actionplan.planfiles import MAX_DEPTH, nested_deeper

# What tomllib raises on a version it cannot read: bad TOML; a value nested deep enough to
# exhaust the stack; an integer of thousands of digits. Such a version is taken as broken.
UNREADABLE = (tomllib.TOMLDecodeError, RecursionError, ValueError)


class Version(NamedTuple):
    """One version of one plan file, cut into actions: id -> (block text, parsed action).

    text is the file (after a newline) for finding what the next version changed; None
    for a file that had to be parsed whole. touched names the actions whose blocks differ
    from the version numbered base, the one this version was worked out from.
    """

    actions: dict[str, tuple[str, dict]]
    text: bytes | None
    serial: int
    base: int | None = None
    touched: frozenset[str] | None = None


DELIM = "\n[[actions]]"
_DELIM = DELIM.encode()


def split_blocks(text: str) -> list[str]:
    """The text before the first `[[actions]]` header, then what follows each header.

    A plain str.split, at C speed. A file written some other way (`[[ actions ]]`,
    indented headers, tables after the actions) yields blocks that do not parse as one
    action each, and is then parsed whole.
    """
    return ("\n" + text).split(DELIM)


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
        self.blocks: dict[str, dict | None] = {}
        self.recent: dict[str, Version] = {}  # by blob id; a few, for reverts and merges
        self.lines: dict[str, Any] = {}  # one line's parse, for fast_block
        self.serial = 0

    def parsed(self, block: str) -> dict | None:
        got = self.blocks.get(block, False)
        if got is False:
            got = fast_block(block, self.lines)
            if got is None:
                # A CRLF file leaves "\r" at the end of a block: a lone CR is not valid TOML.
                text = "[[actions]]" + (block[:-1] if block.endswith("\r") else block)
                got = _parse_block(text)
            self.blocks[block] = got
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
        parts = split_blocks(text[1:].decode("utf-8", "replace"))
        blocks = parts[1:]
        if (not blocks and "actions" in parts[0]) or len(set(blocks)) != len(blocks):
            return self._whole(text)  # `actions = [...]`, or identical blocks twice
        actions: dict[str, tuple[str, dict]] = {}
        for block in blocks:
            parsed = self.parsed(block)
            if parsed is None:
                return self._whole(text)
            actions.setdefault(parsed["id"], (block, parsed))
        return Version(actions, text, self._next())

    def _delta(self, previous: Version, text: bytes) -> Version | None:
        """This version from the previous one, or None to parse it in full."""
        old = previous.text
        assert old is not None
        p = common_prefix(old, text)
        if p == len(old) == len(text):
            return Version(previous.actions, text, self._next(), previous.serial, frozenset())
        s = common_suffix(old, text, min(len(old), len(text)) - p)
        start = text.rfind(_DELIM, 0, p)  # the last header wholly in the shared start
        if start < 0:
            return None  # the change reaches into the plan's own keys: start afresh
        end_old, end = old.find(_DELIM, len(old) - s), text.find(_DELIM, len(text) - s)
        if end < 0:
            end_old, end = len(old), len(text)
        was = [b.decode("utf-8", "replace") for b in old[start:end_old].split(_DELIM)[1:]]
        now = [b.decode("utf-8", "replace") for b in text[start:end].split(_DELIM)[1:]]
        gone, new = set(was) - set(now), set(now) - set(was)
        actions = dict(previous.actions)
        touched = set()
        for block in gone:
            parsed = self.blocks.get(block)
            if parsed is None:
                return None
            touched.add(parsed["id"])
            if actions.get(parsed["id"], ("",))[0] == block:
                del actions[parsed["id"]]
        for block in new:
            parsed = self.parsed(block)
            if parsed is None or parsed["id"] in actions:
                # An id written twice (an untouched block or another new one has it): which
                # one counts depends on their order in the file, so read the file whole.
                return None
            touched.add(parsed["id"])
            actions[parsed["id"]] = (block, parsed)
        return Version(actions, text, self._next(), previous.serial, frozenset(touched))

    def _whole(self, text: bytes) -> Version | None:
        """A file that cannot be cut into blocks: parse it whole (None when it is not
        valid TOML)."""
        try:
            data = tomllib.loads(text[1:].decode("utf-8-sig", "replace"))
        except UNREADABLE:
            return None
        if nested_deeper(data, MAX_DEPTH + 1):  # check's E010 (the root counts here)
            return None
        actions = {}
        for a in data.get("actions", []) if isinstance(data.get("actions"), list) else []:
            if isinstance(a, dict) and isinstance(a.get("id"), str):
                actions.setdefault(a["id"], (repr(sorted(a.items(), key=str)), a))
        return Version(actions, None, self._next())


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


def _parse_item(item: str) -> tuple[Any] | None:
    """One item line of a multi-line array (`{ ... },`), as a 1-tuple."""
    try:
        data = tomllib.loads(f"v = [{item}]")
    except UNREADABLE:
        return None
    if len(data["v"]) != 1 or nested_deeper(data["v"][0], MAX_DEPTH - 3):
        return None
    return (data["v"][0],)


def _parse_block(block: str) -> dict | None:
    try:
        data = tomllib.loads(block)
    except UNREADABLE:
        return None
    if nested_deeper(data, MAX_DEPTH + 1):  # the root counts here
        return None
    actions = data.get("actions")
    if (
        isinstance(actions, list)
        and len(actions) == 1
        and isinstance(actions[0], dict)
        and isinstance(actions[0].get("id"), str)
        and len(data) == 1
    ):
        return actions[0]
    return None
