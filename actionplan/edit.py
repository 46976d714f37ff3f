"""The only writer of plan files.

Edits change only the lines they must. In-place value changes, new keys and evidence
appended to an inline array go through tomlkit's round-trip document; whole new blocks (a
new action, a new [[actions.evidence]] sub-table) are spliced in as text after the last
content line of the action above, so that comments describing the next action stay with
it. Either way the result is parsed again with tomllib and must equal the old data plus
exactly the intended change before anything is written.

Writes are atomic (temp file in the same directory, fsync, rename, mode kept) and
serialised by an flock on a separate lock file: never the plan itself, which os.replace
swaps out from under any lock held on it.
"""

from __future__ import annotations

import copy
import difflib
import fcntl
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from actionplan.errors import EditError, PlanError, UnknownIdError, did_you_mean
from actionplan.planfiles import action_blocks, display_path, git_root
from actionplan.schema import ACTION_FIELDS

FIELD_ORDER = [f.name for f in ACTION_FIELDS]


class Change(NamedTuple):
    field: str  # status | owner | due | title | evidence | added
    old: Any
    new: Any


class EvidenceInput(NamedTuple):
    date: date
    text: str
    link: str | None = None
    by: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"date": self.date, "text": self.text}
        if self.link:
            d["link"] = self.link
        if self.by:
            d["by"] = self.by
        return d


class Edit(NamedTuple):
    """The outcome of an edit: what changed, and the file before and after."""

    path: Path
    action_id: str
    changes: list[Change]
    before: str
    after: str
    checked: Any = None  # what validate() returned for the new text

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        name = display_path(self.path)
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                f"a/{name}",
                f"b/{name}",
            )
        )


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


def _inline_table(d: dict[str, Any], padded: bool) -> str:
    body = ", ".join(f"{k} = {toml_value(v)}" for k, v in d.items())
    return f"{{ {body} }}" if padded else f"{{{body}}}"


# --- reading and writing files -------------------------------------------------------


class Source(NamedTuple):
    text: str  # without BOM
    bom: bool
    crlf: bool

    def encode(self, text: str) -> bytes:
        if self.crlf:
            text = re.sub(r"(?<!\r)\n", "\r\n", text)
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")


def decode(raw: bytes, shown: str) -> Source:
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        raise PlanError(f"{shown}: not UTF-8 text; nothing was changed") from None
    lf = text.count("\n")
    crlf = lf > 0 and text.count("\r\n") == lf
    return Source(text, bom, crlf)


def _lock_path(real: Path) -> Path:
    """A lock file out of git's way: inside .git when the plan is in a repository,
    else a hidden file beside the plan."""
    root = git_root(real.parent)
    gitdir = root / ".git" if root else None
    if gitdir and gitdir.is_file():  # a worktree: .git is a file naming the real git dir
        text = gitdir.read_text(encoding="utf-8", errors="replace").strip()
        gitdir = (root / text[len("gitdir:") :].strip()) if text.startswith("gitdir:") else None
    if gitdir and gitdir.is_dir():
        rel = str(real.relative_to(root)).replace(os.sep, "%")
        return gitdir / "actionplan-locks" / f"{rel}.lock"
    return real.parent / f".{real.name}.lock"


@contextmanager
def locked(real: Path) -> Iterator[None]:
    lock = _lock_path(real)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise PlanError(
            f"cannot create lock file {lock}: {e.strerror}; nothing was changed"
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def atomic_write(real: Path, data: bytes) -> None:
    """Replace (or create) real with data: temp file in the same directory, fsync, rename.

    An existing file's permission bits are kept; a new one gets the usual 0666 less the
    umask. On any error or interrupt the temp file is removed and the original is
    untouched.
    """
    try:
        mode = real.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    try:
        dfd = os.open(real.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass  # some file systems cannot fsync a directory; the rename has happened


# --- the edit driver -----------------------------------------------------------------

Editor = Callable[[Source, dict], tuple[str, list[Change], dict]]


def apply(
    path: Path,
    action_id: str,
    editor: Editor,
    *,
    dry_run: bool = False,
    validate: Callable[[str, dict, str, dict], None] | None = None,
    after_write: Callable[[Edit], None] | None = None,
) -> Edit:
    """Run editor on the file under the lock, verify, and write atomically.

    editor(source, data) returns (new text, changes, expected data). The new text must
    parse to exactly the expected data; validate(old text, old data, new text, new data)
    may refuse the result
    (e.g. it introduces check errors). after_write runs while the lock is still held
    (the commit, so that no other writer slips in between).
    """
    real = Path(os.path.realpath(path))
    shown = display_path(path)
    with locked(real):
        try:
            raw = real.read_bytes()
        except OSError as e:
            raise PlanError(f"{shown}: cannot read: {e.strerror}") from None
        src = decode(raw, shown)
        try:
            data = tomllib.loads(src.text)
        except tomllib.TOMLDecodeError as e:
            raise PlanError(f"{shown}: not valid TOML ({e}); nothing was changed") from None
        new_text, changes, expected = editor(src, data)
        edit = Edit(path, action_id, changes, src.text, new_text)
        if not edit.changed:
            return edit
        _verify(new_text, expected, shown)
        if validate:
            edit = edit._replace(checked=validate(src.text, data, new_text, expected))
        if dry_run:
            return edit
        new_raw = src.encode(new_text)
        atomic_write(real, new_raw)
        try:
            # The text was verified with tomllib above; the same bytes read back from disk
            # parse to the same data.
            if real.read_bytes() != new_raw:
                raise EditError(f"{shown}: the file read back differs from what was written")
        except BaseException:
            atomic_write(real, raw)
            raise
        if after_write:
            after_write(edit)
        return edit


def _verify(text: str, expected: dict, shown: str) -> None:
    try:
        got = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise EditError(
            f"{shown}: the edit would not be valid TOML ({e}); nothing was changed"
        ) from None
    if got != expected:
        raise EditError(f"{shown}: the edit would change more than asked; nothing was changed")


def _find(data: dict, action_id: str, shown: str) -> int:
    actions = data.get("actions") if isinstance(data.get("actions"), list) else []
    for i, a in enumerate(actions):
        if isinstance(a, dict) and a.get("id") == action_id:
            return i
    ids = {a.get("id") for a in actions if isinstance(a, dict) and isinstance(a.get("id"), str)}
    raise UnknownIdError(f"{shown}: no action {action_id!r}{did_you_mean(action_id, ids)}")


# --- update --------------------------------------------------------------------------


def update_editor(
    action_id: str,
    values: dict[str, Any],
    evidence: EvidenceInput | None,
) -> Editor:
    """An editor that sets scalar fields (status, owner, due, title) and appends evidence."""

    def edit(src: Source, data: dict) -> tuple[str, list[Change], dict]:
        index = _find(data, action_id, "plan")
        old = data["actions"][index]
        changes = [Change(k, old.get(k), v) for k, v in values.items() if old.get(k) != v]
        if not changes and evidence is None:
            return src.text, [], data
        expected = copy.deepcopy(data)
        target = expected["actions"][index]
        for change in changes:
            target[change.field] = change.new
        if evidence is not None:
            target.setdefault("evidence", []).append(evidence.as_dict())
        text = _edit_action_text(src.text, len(data["actions"]), index, changes, evidence)
        if evidence is not None:
            changes.append(Change("evidence", None, evidence.as_dict()))
        return text, changes, expected

    return edit


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


def _edit_action_text(
    text: str, count: int, index: int, changes: list[Change], evidence: EvidenceInput | None
) -> str:
    """Apply the changes to the text of action `index` alone when it is a [[actions]]
    block: tomlkit then parses a dozen lines, not the whole plan, and nothing outside the
    block can move. (Plans written as `actions = [...]` are edited as a whole.)"""
    style = _evidence_style(text)
    blocks = action_blocks(text)
    if len(blocks) != count:
        return _edit_table_text(text, index, changes, evidence, style)
    lines = text.splitlines(keepends=True)
    start, end = blocks[index]
    body = "".join(lines[start : end + 1])
    new_body = _edit_table_text(body, 0, changes, evidence, style)
    if not body.endswith("\n") and new_body.endswith("\n"):
        new_body = new_body[:-1]  # the block ended the file without a final newline
    return "".join(lines[:start]) + new_body + "".join(lines[end + 1 :])


def _edit_table_text(
    text: str, index: int, changes: list[Change], evidence: EvidenceInput | None, style: tuple
) -> str:
    import tomlkit
    from tomlkit.items import AoT, Array, InlineTable

    doc = tomlkit.parse(text)
    table = doc["actions"][index]
    for change in changes:
        _set_value(table, change.field, change.new)
    if evidence is None:
        return tomlkit.dumps(doc)
    padded, indent = style
    item_text = _inline_table(evidence.as_dict(), padded)
    current = table.value.item("evidence") if "evidence" in table else None
    if isinstance(current, AoT):
        block = "\n[[actions.evidence]]\n" + "".join(
            f"{k} = {toml_value(v)}\n" for k, v in evidence.as_dict().items()
        )
        return _insert_after_action(tomlkit.dumps(doc), index, block)
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


def _evidence_style(text: str) -> tuple[bool, str]:
    """How the file writes evidence: `{ padded }` inline tables or not, and the indent
    of items in multi-line arrays."""
    padded = not (_INLINE_TIGHT.search(text) and not _INLINE_PADDED.search(text))
    m = re.search(r"=\s*\[\r?\n([ \t]+)\{", text)
    return padded, m.group(1) if m else "  "


def _insert_after_action(text: str, index: int, block: str) -> str:
    """Insert block (starting with a blank line) after action index's last content line."""
    blocks = action_blocks(text)
    last = blocks[index][1]
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(last + 1, block)
    return "".join(lines)


# --- add -----------------------------------------------------------------------------

_ID = re.compile(r"^(.*?)(\d+)$")


def next_id(
    plan_id: str, tier: str, tier_ids: list[str], plan_ids: list[str], taken: set[str]
) -> str:
    """The next free id in the plan's own pattern: LEI-T2-07 after LEI-T2-06, KEN-8
    after KEN-7. Tier siblings decide the pattern when they share one."""
    for family in (tier_ids, plan_ids):
        parsed = [m.groups() for m in map(_ID.match, family) if m]
        if not parsed:
            continue
        prefixes: dict[str, list[str]] = {}
        for prefix, num in parsed:
            prefixes.setdefault(prefix, []).append(num)
        prefix, nums = max(prefixes.items(), key=lambda kv: (len(kv[1]), kv[0]))
        width = (
            max(len(n) for n in nums) if all(n.startswith("0") or len(n) > 1 for n in nums) else 1
        )
        n = max(int(x) for x in nums) + 1
        while f"{prefix}{n:0{width}d}" in taken:
            n += 1
        return f"{prefix}{n:0{width}d}"
    base = re.sub(r"[^A-Z0-9]", "", plan_id.upper())[:3] or "ACT"
    n = 1
    while f"{base}-{tier}-{n:02d}" in taken:
        n += 1
    return f"{base}-{tier}-{n:02d}"


def add_editor(new: dict[str, Any], tier_order: list[str]) -> Editor:
    """An editor that inserts a new action after the last action of its tier."""

    def edit(src: Source, data: dict) -> tuple[str, list[Change], dict]:
        actions = data.get("actions") if isinstance(data.get("actions"), list) else []
        tier = new["tier"]
        position = _position_for(actions, tier, tier_order)
        expected = copy.deepcopy(data)
        expected.setdefault("actions", []).insert(position, {**new, "evidence": []})
        if actions and len(action_blocks(src.text)) != len(actions):
            # `actions = [...]`: one more inline table in the array.
            text = _insert_inline(src.text, position, {**new, "evidence": []})
            return text, [Change("added", None, new["title"])], expected
        block = "\n" + _action_block(src.text, actions, new)
        if position == 0 and not actions:
            text = src.text
            if text and not text.endswith("\n"):
                text += "\n"
            text += block
        elif position == len(actions):
            text = _insert_after_action(src.text, len(actions) - 1, block)
        else:
            text = _insert_after_action(src.text, position - 1, block)
        return text, [Change("added", None, new["title"])], expected

    return edit


def _insert_inline(text: str, position: int, new: dict[str, Any]) -> str:
    """Insert an action into an `actions = [...]` array of inline tables."""
    import tomlkit

    doc = tomlkit.parse(text)
    padded, _ = _evidence_style(text)
    doc["actions"].insert(position, _parsed_item(_inline_table(new, padded)))
    return tomlkit.dumps(doc)


def _position_for(actions: list, tier: str, tier_order: list[str]) -> int:
    """After the last action of the tier; else after the last action of an earlier tier;
    else at the end."""
    tiers = [a.get("tier") if isinstance(a, dict) else None for a in actions]
    if tier in tiers:
        return max(i for i, t in enumerate(tiers) if t == tier) + 1
    earlier = tier_order[: tier_order.index(tier)] if tier in tier_order else []
    found = [i for i, t in enumerate(tiers) if t in earlier]
    if found and len(actions) > 0:
        return max(found) + 1
    return len(actions)


def _action_block(text: str, actions: list, new: dict[str, Any]) -> str:
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


# --- finding what to edit ------------------------------------------------------------


def refuse_errors(path: Path, others: list[Path]) -> Callable[[str, dict, str, dict], Any]:
    """A validate() for apply(): the edited plan must pass check without errors, together
    with the other plans (ids are unique across plans). Returns the new PlanFile."""

    def validate(old_text: str, old: dict, new_text: str, new: dict) -> Any:
        from actionplan.check import check_files
        from actionplan.planfiles import PlanFile, read_file, scan_positions

        after = PlanFile(path, new_text, new, scan_positions(new_text))
        rest = [read_file(p) for p in others]
        errors = [p for p in check_files([*rest, after], warnings=False) if p.severity == "error"]
        if errors:
            p = errors[0]
            raise EditError(
                f"the edit would make the plans invalid: {p.location()}: {p.message}; "
                "nothing was changed"
            )
        return after

    return validate


def describe(changes: list[Change]) -> str:
    """'status on-track → at-risk; evidence added' for commit messages."""
    parts = []
    for c in changes:
        if c.field == "evidence":
            parts.append("evidence added")
        elif c.field == "added":
            parts.append(f"added {c.new!r}")
        else:
            old = "—" if c.old is None else c.old
            parts.append(f"{c.field} {old} → {c.new}")
    return "; ".join(parts)


# --- requests: what update and add were asked, checked; running an edit ----------------


def update_request(
    status: str | None,
    owner: str | None,
    due: str | None,
    title: str | None,
    evidence: str | None,
    link: str | None,
    on: str | None,
    by: str | None,
    as_of: date,
) -> tuple[dict[str, Any], EvidenceInput | None]:
    """The field values and evidence item an update asks for, checked (PlanError when
    the request is wrong or empty)."""
    from actionplan.dates import parse_date
    from actionplan.model import STATUSES

    values: dict[str, Any] = {}
    if status is not None:
        if status not in STATUSES:
            raise PlanError(
                f"unknown status {status!r}{did_you_mean(status, set(STATUSES))}; "
                f"valid: {', '.join(STATUSES)}"
            )
        values["status"] = status
    for name, value in (("owner", owner), ("title", title)):
        if value is not None:
            if not value.strip():
                raise PlanError(f"--{name} cannot be empty")
            values[name] = value
    if due is not None:
        values["due"] = parse_date(due, "--due date")
    if evidence is None and (link or on or by):
        raise PlanError(
            "--link, --date and --by describe an evidence item: give --evidence TEXT too"
        )
    item = None
    if evidence is not None:
        if not evidence.strip():
            raise PlanError("--evidence cannot be empty")
        day = parse_date(on, "--date") if on else as_of
        item = EvidenceInput(day, evidence, link or None, by or None)
    if not values and item is None:
        raise PlanError("nothing to change: give --status, --owner, --due, --title or --evidence")
    return values, item


def new_action(
    plans: list[Any],
    plan_id: str,
    tier: str,
    title: str,
    owner: str | None = None,
    due: date | None = None,
    status: str = "not-started",
    action_id: str | None = None,
) -> tuple[Any, dict[str, Any]]:
    """The plan to add to, and the new action's keys in the format's order; the id is
    the next in the plan's pattern unless one is given (and free)."""
    from actionplan.load import select

    target = select(plans, [plan_id])[0]
    tiers = [t.id for t in target.tiers]
    if tier not in tiers:
        raise UnknownIdError(
            f"no tier {tier!r} in {plan_id}{did_you_mean(tier, set(tiers))}; "
            f"tiers: {', '.join(tiers)}"
        )
    if not title.strip():
        raise PlanError("--title cannot be empty")
    taken = {a.id for p in plans for a in p.actions}
    if action_id is not None:
        if action_id in taken:
            raise PlanError(f"action id {action_id!r} is already taken")
        if not action_id.strip() or not action_id.isprintable():
            raise PlanError(f"bad action id {action_id!r}")
    new: dict[str, Any] = {
        "id": action_id
        or next_id(
            plan_id,
            tier,
            [a.id for a in target.actions if a.tier == tier],
            [a.id for a in target.actions],
            taken,
        ),
        "tier": tier,
        "title": title,
    }
    if owner:
        new["owner"] = owner
    new["status"] = status
    if due:
        new["due"] = due
    return target, new


def run(
    plans: list[Any],
    key: Any,
    plan: Any,
    action_id: str,
    editor: Editor,
    *,
    dry_run: bool = False,
    commit: bool = False,
    message: str | None = None,
) -> tuple[Edit, str | None]:
    """Edit one plan of the loaded plans: under its lock, check the result against all
    of them, write, refresh the plan cache and (with commit) commit the file. Returns
    the edit and the commit id."""
    from actionplan import cache
    from actionplan.errors import GitError
    from actionplan.planfiles import build_plan

    path = Path(plan.file)
    others = [Path(p.file) for p in plans if p.file != plan.file]
    committed: list[str] = []

    def after_write(edit: Edit) -> None:
        # Still under the plan's lock: no other writer can slip in before the commit.
        fresh = build_plan(edit.checked)
        cache.refresh(key, path, [fresh if p.file == plan.file else p for p in plans])
        if not commit:
            return
        from actionplan.git import commit_file

        try:
            committed.append(commit_file(path, message or f"{action_id}: {describe(edit.changes)}"))
        except GitError as e:
            raise GitError(
                f"{e.message}; {display_path(path)} is edited but not committed"
            ) from None

    edit = apply(
        path,
        action_id,
        editor,
        dry_run=dry_run,
        validate=refuse_errors(path, others),
        after_write=after_write,
    )
    return edit, committed[0] if committed else None
