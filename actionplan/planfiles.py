"""Find the plans and frameworks directories and read their files with tomllib into the
model.

Every value keeps the line and column it was written at, so that messages can point at
it. tomllib gives no positions, so a light line scanner recovers them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from actionplan.errors import PlanError, PlanSyntaxError
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
    [[tiers]], [[actions]], [[sections]] or [[principles]] (1-based line, column)."""

    def __init__(self) -> None:
        self.top: dict[str, Pos] = {}
        self.arrays: dict[str, list[dict[str, Pos]]] = {}
        self.tiers = self.arrays.setdefault("tiers", [])
        self.actions = self.arrays.setdefault("actions", [])

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


def find_source(option: str | None) -> Path:
    """--plans, else $ACTIONPLAN_PLANS, else ./plans, else plans/ at the git root."""
    given = option or os.environ.get("ACTIONPLAN_PLANS")
    if given:
        p = Path(given)
        if not p.exists():
            origin = "--plans" if option else "$ACTIONPLAN_PLANS"
            raise PlanError(f"{origin}: no such file or directory: {given}")
        return p
    here = Path.cwd()
    if (here / "plans").is_dir():
        return here / "plans"
    root = git_root(here)
    if root and (root / "plans").is_dir():
        return root / "plans"
    raise PlanError(
        "no plans directory found: give --plans PATH, set ACTIONPLAN_PLANS, "
        "or run where ./plans exists"
    )


def find_frameworks(option: str | None) -> Path | None:
    """--frameworks, else $ACTIONPLAN_FRAMEWORKS, else ./frameworks, else frameworks/ at
    the git root; None when there is none. A path named but missing is an error."""
    given = option or os.environ.get("ACTIONPLAN_FRAMEWORKS")
    if given:
        p = Path(given)
        if not p.exists():
            origin = "--frameworks" if option else "$ACTIONPLAN_FRAMEWORKS"
            raise PlanError(f"{origin}: no such file or directory: {given}")
        return p
    here = Path.cwd()
    if (here / "frameworks").is_dir():
        return here / "frameworks"
    root = git_root(here)
    if root and (root / "frameworks").is_dir():
        return root / "frameworks"
    return None


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
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.\s*[A-Za-z0-9_"'-]+\s*)*=""")


def scan_positions(text: str) -> Positions:
    """Positions of keys by table. Lines inside multi-line strings are skipped."""
    pos = Positions()
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
            if header.group(1) == "[[" and "." not in name:
                current = {"": (n, col)}
                pos.arrays.setdefault(name, []).append(current)
            elif name.startswith("actions.") and pos.actions:
                # [[actions.evidence]] and the like belong to the action above.
                sub = name.split(".", 1)[1]
                pos.actions[-1].setdefault(sub, (n, col))
                current = {}
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


def action_blocks(text: str) -> list[tuple[int, int]]:
    """For each [[actions]] table: its header line and its last content line (0-based).

    Blank and comment lines after an action's last key belong to whatever follows (a
    comment above `[[actions]]` describes the action below it), so new text is inserted
    right after the content line. Sub-tables such as [[actions.evidence]] belong to the
    action above them.
    """
    blocks: list[list[int]] = []
    in_action = False
    in_multiline: str | None = None
    for n, line in enumerate(text.splitlines()):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            if in_action:
                blocks[-1][1] = n
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            name = header.group(2).replace(" ", "")
            if name == "actions" and header.group(1) == "[[":
                blocks.append([n, n])
                in_action = True
            elif not name.startswith("actions."):
                in_action = False
        if in_action:
            blocks[-1][1] = n
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_multiline = quote
                break
    return [(a, b) for a, b in blocks]


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


def action_from(a: dict, plan_id: str, line: int = 0) -> Action:
    """An Action from a validated action table."""
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
    )


def build_plan(pf: PlanFile) -> Plan:
    """Turn a validated file into the model (check.errors_in must have found no errors)."""
    d = pf.data
    actions = [
        action_from(a, pf.plan_id, pf.pos.of_action(i)[0])
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
