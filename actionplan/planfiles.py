"""Find the plans and frameworks directories and read their files with tomllib into the
model.

Every value keeps the line and column it was written at, so that messages can point at
it. tomllib gives no positions, so a light line scanner recovers them.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from actionplan.errors import PlanError, PlanSyntaxError
from actionplan.measures import Measure, Point, Reading
from actionplan.model import (
    Action,
    Evidence,
    Framework,
    Plan,
    Principle,
    Section,
    Status,
    Tier,
)

Pos = tuple[int, int]


class Positions:
    """Where keys were written: top-level, and per table of each array of tables such as
    [[tiers]], [[actions]], [[measures]], [[sections]] or [[principles]]; and per measure,
    per reading (1-based line, column).

    Keys inside inline tables and arrays (a measure's `values = [...]`, `target = {...}`)
    are found only when a message asks for them: most files never need them, and a
    character scan of thousands of readings would cost every read.
    """

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.top: dict[str, Pos] = {}
        self.arrays: dict[str, list[dict[str, Pos]]] = {}
        self.tiers = self.arrays.setdefault("tiers", [])
        self.actions = self.arrays.setdefault("actions", [])
        self.measures = self.arrays.setdefault("measures", [])
        # Per measure: its [[measures.values]] sub-tables, and its [measures.target]-style
        # sub-tables by name.
        self.reading_tables: list[list[dict[str, Pos]]] = []
        self.sub_tables: list[dict[str, dict[str, Pos]]] = []
        self._inline: dict[tuple[int, str], list[dict[str, Pos]]] = {}
        self._line_starts: list[int] | None = None

    def of(self, array: str, index: int, key: str = "") -> Pos:
        """Where key of the index-th table of array is (its header when the key is not
        written; the array's own key when it was written inline)."""
        tables = self.arrays.get(array, ())
        if index < len(tables):
            keys = tables[index]
            return keys.get(key) or keys.get("") or (1, 1)
        return self.top.get(array, (1, 1))

    def of_action(self, index: int, key: str = "") -> Pos:
        if index < len(self.actions):
            keys = self.actions[index]
            return keys.get(key) or keys.get("") or (1, 1)
        return self.top.get("actions", (1, 1))

    def of_tier(self, index: int, key: str = "") -> Pos:
        if index < len(self.tiers):
            keys = self.tiers[index]
            return keys.get(key) or keys.get("") or (1, 1)
        return self.top.get("tiers", (1, 1))

    def of_measure(self, index: int, key: str = "") -> Pos:
        if index < len(self.measures):
            keys = self.measures[index]
            return keys.get(key) or keys.get("") or (1, 1)
        return self.top.get("measures", (1, 1))

    def of_reading(self, index: int, reading: int, key: str = "") -> Pos:
        """Where reading number `reading` of measure `index` (or its key) is written."""
        if index < len(self.reading_tables) and self.reading_tables[index]:
            tables = self.reading_tables[index]
            if reading < len(tables):
                return tables[reading].get(key) or tables[reading][""]
            return self.of_measure(index, "values")
        items = self._inline_of(index, "values")
        if reading < len(items):
            return items[reading].get(key) or items[reading][""]
        return self.of_measure(index, "values")

    def of_point(self, index: int, name: str, key: str = "") -> Pos:
        """Where a measure's baseline or target (or one of its keys) is written."""
        if index < len(self.sub_tables) and name in self.sub_tables[index]:
            keys = self.sub_tables[index][name]
            return keys.get(key) or keys[""]
        items = self._inline_of(index, name)
        if items and key in items[0]:
            return items[0][key]
        return self.of_measure(index, name)

    def _inline_of(self, index: int, key: str) -> list[dict[str, Pos]]:
        """The items of an inline array (or the one inline table) written as measure
        index's key, with their keys' positions; found on first use."""
        found = self._inline.get((index, key))
        if found is None:
            found = []
            at = self.measures[index].get(key) if index < len(self.measures) else None
            if at is not None:
                if self._line_starts is None:
                    self._line_starts = [0]
                    self._line_starts += [m.end() for m in re.finditer("\n", self.text)]
                offset = self._line_starts[at[0] - 1] + at[1] - 1
                eq = self.text.find("=", offset)
                found = _inline_items(self.text, eq + 1, self._line_starts) if eq >= 0 else []
            self._inline[(index, key)] = found
        return found


class PlanFile(NamedTuple):
    path: Path
    text: str
    data: dict
    pos: Positions

    @property
    def plan_id(self) -> str:
        return self.path.stem

    @property
    def display(self) -> str:
        return display_path(self.path)

    def locate(self, needle: str) -> Pos:
        """Line and column of the first occurrence of needle in the file, or 1:1."""
        i = self.text.find(needle)
        return line_col(self.text, i) if i >= 0 else (1, 1)


def display_path(path: Path) -> str:
    """The path as the user would name it: relative to the working directory when inside
    it, and without following symlinks (a linked plan is shown by its link's name)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(os.getcwd())))
    except ValueError:
        return str(path)


# --- finding plans -------------------------------------------------------------------


def git_root(start: Path) -> Path | None:
    """The enclosing git work tree's root, found without running git."""
    for d in [start, *start.parents]:
        if (d / ".git").exists():
            return d
    return None


def _find(option: str | None, flag: str, env: str, name: str) -> Path | None:
    """The option, else $env, else ./name, else name/ at the git root; None when there is
    none. A path named but missing is an error."""
    given = option or os.environ.get(env)
    if given:
        p = Path(given)
        if not p.exists():
            origin = flag if option else f"${env}"
            raise PlanError(f"{origin}: no such file or directory: {given}")
        return p
    here = Path.cwd()
    if (here / name).is_dir():
        return here / name
    root = git_root(here)
    if root and (root / name).is_dir():
        return root / name
    return None


def find_source(option: str | None) -> Path:
    """--plans, else $ACTIONPLAN_PLANS, else ./plans, else plans/ at the git root."""
    found = _find(option, "--plans", "ACTIONPLAN_PLANS", "plans")
    if found is None:
        raise PlanError(
            "no plans directory found: give --plans PATH, set ACTIONPLAN_PLANS, "
            "or run where ./plans exists"
        )
    return found


def find_frameworks(option: str | None) -> Path | None:
    """--frameworks, else $ACTIONPLAN_FRAMEWORKS, else ./frameworks, else frameworks/ at
    the git root; None when there is none. A path named but missing is an error."""
    return _find(option, "--frameworks", "ACTIONPLAN_FRAMEWORKS", "frameworks")


def framework_paths(option: str | None) -> list[Path]:
    """The framework files (see find_frameworks); none when there is no frameworks
    directory, or when one found by looking is empty. A named directory must hold some."""
    source = find_frameworks(option)
    if source is None:
        return []
    if source.is_file():
        return [source]
    paths = sorted(p for p in source.glob("*.toml") if p.is_file() or p.is_symlink())
    if not paths and (option or os.environ.get("ACTIONPLAN_FRAMEWORKS")):
        raise PlanError(f"no framework files (*.toml) in {display_path(source)}")
    return paths


NO_FRAMEWORK = (
    "no framework found: give --frameworks PATH, set ACTIONPLAN_FRAMEWORKS, "
    "or run where ./frameworks exists"
)


def plan_paths(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    # A dangling symlink is kept, so that reading it reports the broken link.
    paths = sorted(p for p in source.glob("*.toml") if p.is_file() or p.is_symlink())
    if not paths:
        raise PlanError(f"no plan files (*.toml) in {display_path(source)}")
    return paths


# --- reading one file ----------------------------------------------------------------

_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
# What matters to find keys in inline tables and arrays: strings (skipped whole), comments,
# brackets, separators and bare keys.
_INLINE_TOKEN = re.compile(
    r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{},=\n]|[A-Za-z0-9_-]+'
)
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.\s*[A-Za-z0-9_"'-]+\s*)*=""")


def scan_positions(text: str) -> Positions:
    """Positions of keys by table. Lines inside multi-line strings are skipped."""
    pos = Positions(text)
    current: dict[str, Pos] = pos.top
    in_multiline: str | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            name = header.group(2).replace(" ", "")
            col = line.index("[") + 1
            array = header.group(1) == "[["
            # A table's header is where its top-level key is written ([extra], [t.u]).
            pos.top.setdefault(name.split(".", 1)[0], (n, header.start(2) + 1))
            if array and "." not in name:
                current = {"": (n, col)}
                pos.arrays.setdefault(name, []).append(current)
                if name == "measures":
                    pos.reading_tables.append([])
                    pos.sub_tables.append({})
            elif name.startswith("actions.") and pos.actions:
                # [[actions.evidence]] and the like belong to the action above.
                sub = name.split(".", 1)[1]
                pos.actions[-1].setdefault(sub, (n, col))
                current = {}
            elif name.startswith("measures.") and pos.measures:
                # [[measures.values]] is one reading of the measure above; [measures.target]
                # its target written as a table.
                sub = name.split(".", 1)[1]
                pos.measures[-1].setdefault(sub, (n, col))
                current = {"": (n, col)}
                if sub == "values" and array:
                    pos.reading_tables[-1].append(current)
                elif not array:
                    pos.sub_tables[-1][sub] = current
            else:
                current = {}
            continue
        key = _KEY.match(line)
        if key:
            current.setdefault(key.group(2).strip("\"'"), (n, len(key.group(1)) + 1))
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_multiline = quote
                break
    return pos


def _inline_items(text: str, start: int, line_starts: list[int]) -> list[dict[str, Pos]]:
    """The inline tables of the array (or the one inline table) that starts after offset
    start: each as its keys' positions, "" for its opening brace."""
    import bisect

    def at(offset: int) -> Pos:
        line = bisect.bisect_right(line_starts, offset)
        return (line, offset - line_starts[line - 1] + 1)

    i = start
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] not in "[{":
        return []
    level = ["{"] if text[i] == "{" else ["[", "{"]  # the nesting of the item tables
    items: list[dict[str, Pos]] = []
    stack: list[str] = []
    expect_key = False
    while True:
        m = _INLINE_TOKEN.search(text, i)
        if m is None:
            break
        token, i = m.group(), m.end()
        if token in ('"""', "'''"):
            close = text.find(token, i)
            if close < 0:
                break
            i, expect_key = close + 3, False
        elif token[0] == "#" or token == "\n":
            continue
        elif token in ("[", "{"):
            stack.append(token)
            if token == "{" and stack == level:
                items.append({"": at(m.start())})
                expect_key = True
        elif token in ("]", "}"):
            if stack:
                stack.pop()
            if not stack:
                break
            expect_key = False
        elif token == ",":
            expect_key = stack[-1:] == ["{"]
        elif token == "=":
            expect_key = False
        else:
            if expect_key and items and stack == level:
                items[-1].setdefault(token.strip("\"'"), at(m.start()))
            expect_key = False
    return items


def action_blocks(text: str) -> list[tuple[int, int]]:
    """For each [[actions]] table: its header line and its last content line (0-based)."""
    return table_blocks(text, "actions")


def measure_blocks(text: str) -> list[tuple[int, int]]:
    """For each [[measures]] table: its header line and its last content line (0-based)."""
    return table_blocks(text, "measures")


def table_blocks(text: str, name: str) -> list[tuple[int, int]]:
    """For each [[name]] table: its header line and its last content line (0-based).

    Blank and comment lines after a table's last key belong to whatever follows (a
    comment above `[[actions]]` describes the action below it), so new text is inserted
    right after the content line. Sub-tables such as [[actions.evidence]] or
    [[measures.values]] belong to the table above them.
    """
    if '"""' not in text and "'''" not in text:
        return _table_blocks_fast(text, name)
    return _table_blocks_by_line(text, name)


def _table_blocks_by_line(text: str, name: str) -> list[tuple[int, int]]:
    """table_blocks line by line, minding multi-line strings."""
    blocks: list[list[int]] = []
    inside = False
    in_multiline: str | None = None
    sub = name + "."
    for n, line in enumerate(text.splitlines()):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            if inside:
                blocks[-1][1] = n
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            found = header.group(2).replace(" ", "")
            if found == name and header.group(1) == "[[":
                blocks.append([n, n])
                inside = True
            elif not found.startswith(sub):
                inside = False
        if inside:
            blocks[-1][1] = n
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_multiline = quote
                break
    return [(a, b) for a, b in blocks]


_HEADER_LINES = re.compile(r"(?m)^[ \t]*(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*(#.*)?\r?$")


def _table_blocks_fast(text: str, name: str) -> list[tuple[int, int]]:
    """table_blocks for a text without multi-line strings: the headers are found by one
    regular expression over the whole text instead of a look at every line (a plan of
    thousands of readings has ten thousand lines)."""
    lines = text.splitlines()
    sub = name + "."
    heads: list[tuple[int, bool]] = []  # (header line, whether it opens a [[name]] block)
    line, at = 0, 0
    for m in _HEADER_LINES.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        found = m.group(2).replace(" ", "")
        if found == name and m.group(1) == "[[":
            heads.append((line, True))
        elif not found.startswith(sub):
            heads.append((line, False))
    blocks = []
    for k, (start, opens) in enumerate(heads):
        if not opens:
            continue
        end = heads[k + 1][0] - 1 if k + 1 < len(heads) else len(lines) - 1
        while end > start and (not lines[end].strip() or lines[end].lstrip().startswith("#")):
            end -= 1
        blocks.append((start, end))
    return blocks


def read_file(path: Path) -> PlanFile:
    """Parse one plan file; a syntax error raises PlanSyntaxError naming file:line:col."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise PlanError(f"{shown}: cannot read: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise PlanSyntaxError(shown, line, 1, "not UTF-8 text") from None
    return parse_text(path, text)


def parse_text(path: Path, text: str) -> PlanFile:
    """Parse a plan's text (already decoded, BOM removed)."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = _TOML_POS.search(msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        msg = _TOML_POS.sub("", msg)
        msg = msg[:1].lower() + msg[1:]
        raise PlanSyntaxError(display_path(path), line, col, msg) from None
    except RecursionError:
        # tomllib recurses once per nested array or inline table, so a few hundred levels
        # exhaust Python's stack (the limit check.py applies, E010, is far lower).
        line, col = nesting_position(text, MAX_DEPTH)
        raise PlanSyntaxError(display_path(path), line, col, TOO_DEEP, code="E010") from None
    except ValueError as e:
        # Python refuses to convert an integer of thousands of digits (a bound on work).
        m = re.search(r"\d{1000,}", text)
        line, col = line_col(text, m.start()) if m else (1, 1)
        detail = str(e).split(";")[0]
        raise PlanSyntaxError(
            display_path(path), line, col, detail[:1].lower() + detail[1:]
        ) from None
    return PlanFile(path, text, data, scan_positions(text))


# --- nesting -------------------------------------------------------------------------

# Arrays and tables inside one another. A plan needs four (actions, an action, its
# evidence, an item); past this, a value is refused (check's E010) before anything that
# recurses - tomllib, tomlkit (100 levels), the JSON encoder - can meet it.
MAX_DEPTH = 32
TOO_DEEP = f"value nested too deeply (more than {MAX_DEPTH} arrays or tables inside one another)"


def nested_deeper(value: object, limit: int) -> bool:
    """True when value holds arrays or tables more than limit levels inside one another
    (value itself counting as one). Iterative: it must not recurse either."""
    if not isinstance(value, (list, dict)):
        return False
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if depth > limit:
            return True
        for x in v.values() if isinstance(v, dict) else v:  # type: ignore[union-attr]
            if isinstance(x, (list, dict)):
                stack.append((x, depth + 1))
    return False


def nesting_position(text: str, limit: int) -> Pos:
    """Line and column of the first `[` or `{` that opens a value more than limit levels
    deep, skipping strings, comments and table headers; 1:1 when there is none."""
    depth, i, n = 0, 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            end = i + len(quote)
            while True:
                j = text.find(quote, end)
                if j < 0:
                    return (1, 1)
                if quote[0] == '"' and _escaped(text, j):
                    end = j + 1
                    continue
                i = j + len(quote)
                break
            at_line_start = False
            continue
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c == "\n":
            at_line_start = True
        elif c in "[{":
            if depth == 0 and c == "[" and at_line_start:  # a table header
                j = text.find("\n", i)
                i = n if j < 0 else j
                continue
            depth += 1
            if depth > limit:
                return line_col(text, i)
        elif c in "]}":
            depth = max(0, depth - 1)
        if not c.isspace():
            at_line_start = False
        i += 1
    return (1, 1)


def _escaped(text: str, j: int) -> bool:
    """True when the character at j is escaped by an odd number of backslashes."""
    k = j
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (j - k) % 2 == 1


def line_col(text: str, i: int) -> Pos:
    """1-based line and column of text[i]."""
    return (text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1)


# --- building the model --------------------------------------------------------------


def action_from(a: dict, plan_id: str, line: int = 0, plan_end: date | None = None) -> Action:
    """An Action from a validated action table; plan_end is its plan's end, where a
    recurring action's occurrences stop."""
    return Action(
        id=a["id"],
        plan=plan_id,
        tier=a["tier"],
        title=a["title"],
        status=Status(a["status"]),
        owner=a.get("owner"),
        due=a.get("due"),
        start=a.get("start"),
        source=a.get("source"),
        notes=a.get("notes"),
        depends_on=tuple(a.get("depends_on", ())),
        tags=tuple(a.get("tags", ())),
        aligns=tuple(a.get("aligns", ())),
        every=a.get("every"),
        mitigation=a.get("mitigation"),
        decision=a.get("decision"),
        evidence=tuple(
            Evidence(e["date"], e["text"], e.get("link"), e.get("by"))
            for e in a.get("evidence", [])
        ),
        line=line,
        plan_end=plan_end,
    )


def measure_from(m: dict, plan_id: str, line: int = 0, period: tuple = (None, None)) -> Measure:
    """A Measure from a validated measure table; period is the plan's start and end."""

    def point(d: dict | None) -> Point | None:
        return Point(d["value"], d.get("date")) if d is not None else None

    return Measure(
        id=m["id"],
        plan=plan_id,
        title=m["title"],
        unit=m["unit"],
        better=m["better"],
        frequency=m["frequency"],
        tier=m.get("tier"),
        owner=m.get("owner"),
        baseline=point(m.get("baseline")),
        target=point(m.get("target")),
        tolerance=m.get("tolerance"),
        source=m.get("source"),
        aligns=tuple(m.get("aligns", ())),
        values=tuple(Reading(r["date"], r["value"], r.get("note")) for r in m.get("values", [])),
        line=line,
        plan_start=period[0],
        plan_end=period[1],
    )


def build_plan(pf: PlanFile) -> Plan:
    """Turn a validated file into the model (check.errors_in must have found no errors)."""
    d = pf.data
    actions = [
        action_from(a, pf.plan_id, pf.pos.of_action(i)[0], d["end"])
        for i, a in enumerate(d.get("actions", []))
    ]
    return Plan(
        id=pf.plan_id,
        title=d["title"],
        organisation=d["organisation"],
        start=d["start"],
        end=d["end"],
        path=pf.display,
        board=d.get("board"),
        source=d.get("source"),
        aims=tuple(d.get("aims", ())),
        tiers=tuple(Tier(t["id"], t["name"], t.get("purpose")) for t in d.get("tiers", [])),
        actions=tuple(actions),
        file=str(pf.path.absolute()),
        measures=tuple(
            measure_from(m, pf.plan_id, pf.pos.of_measure(i)[0], (d["start"], d["end"]))
            for i, m in enumerate(d.get("measures", []))
        ),
    )


def build_framework(pf: PlanFile) -> Framework:
    """Turn a validated framework file into the model (the framework id is the stem)."""
    d = pf.data
    fid = pf.plan_id
    return Framework(
        id=fid,
        title=d["title"],
        path=pf.display,
        publisher=d.get("publisher"),
        source=d.get("source"),
        text=d.get("text"),
        sections=tuple(
            Section(s["id"], s["name"], s.get("source"), s.get("text"))
            for s in d.get("sections", [])
        ),
        principles=tuple(
            Principle(
                id=p["id"],
                framework=fid,
                title=p["title"],
                section=p.get("section"),
                text=p.get("text"),
                source=p.get("source"),
                line=pf.pos.of("principles", i)[0],
            )
            for i, p in enumerate(d.get("principles", []))
        ),
    )
