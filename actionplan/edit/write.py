"""The safe write: read a plan under its lock, run an editor on the text, verify the
result, and replace the file atomically.

Writes are atomic (temp file in the same directory, fsync, rename, mode kept) and
serialised by an flock on a separate lock file: never the plan itself, which os.replace
swaps out from under any lock held on it. The new text must parse (tomllib) to exactly
the data the editor says it meant before anything is written.
"""

from __future__ import annotations

import difflib
import fcntl
import os
import re
import signal
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Any, NamedTuple

from actionplan import cache
from actionplan.errors import EditError, PlanError
from actionplan.planfiles import MAX_DEPTH, TOO_DEEP, display_path, git_root, nested_deeper
from actionplan.versions import parse_plan


class Change(NamedTuple):
    field: str  # status | owner | due | title | evidence | added
    old: Any
    new: Any


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
def locked(real: Path, exclusive: bool = True) -> Iterator[None]:
    """Hold the plan's lock: exclusive to write it, shared to read it whole while another
    writer may be moving an action out of or into it.

    A reader never makes a lock file beside a plan (outside git, where it would litter
    the plans directory): a plan never edited has none yet, and is read unlocked."""
    lock = _lock_path(real)
    beside = lock.parent == real.parent
    try:
        if exclusive or not beside:
            lock.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDWR | (os.O_CREAT if exclusive or not beside else 0)
        fd = os.open(lock, flags, 0o644)
    except OSError as e:
        if not exclusive:  # no lock to take (or none can be made): read unlocked
            yield
            return
        raise PlanError(
            f"cannot create lock file {lock}: {e.strerror}; nothing was changed"
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
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
    # Ctrl-C or SIGTERM between mkstemp creating the file and returning its name would
    # leave the temp file behind: hold those signals until the name is known.
    held = {signal.SIGINT, signal.SIGTERM}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a held signal is raised here
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        if tmp is not None:
            with suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
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
# An edit of several files at once (a move between plans): the sources and their data in,
# the new texts, the changes and the data each file must then hold out.
FilesEditor = Callable[[list[Source], list[dict]], tuple[list[str], list[Change], list[dict]]]


class Result(NamedTuple):
    """One file of an edit, as validate() sees it: its text and data before and after."""

    path: Path
    before: str
    old: dict
    after: str
    new: dict


# validate(results) returns what each file was checked as (Edit.checked), or raises.
FilesValidator = Callable[[list[Result]], list[Any]]


@contextmanager
def locks(exclusive: list[Path], shared: list[Path] = ()) -> Iterator[None]:
    """Hold the lock of each plan (real paths): exclusive for the files being written,
    shared for the files that are only read for the check. Every writer takes its locks
    in one order (sorted paths), so two writers can never each wait for the other."""
    wanted = {p: True for p in exclusive}
    for p in shared:
        wanted.setdefault(p, False)
    with ExitStack() as stack:
        for real in sorted(wanted):
            stack.enter_context(locked(real, exclusive=wanted[real]))
        yield


def one_file(editor: Editor) -> FilesEditor:
    """An editor of one file as an editor of a list of (one) files."""

    def edit(sources: list[Source], data: list[dict]) -> tuple[list[str], list[Change], list[dict]]:
        text, changes, expected = editor(sources[0], data[0])
        return [text], changes, [expected]

    return edit


def apply(path: Path, action_id: str, editor: Editor, *, dry_run: bool = False) -> Edit:
    """Run editor on one file under its lock, verify, and write atomically (apply_files
    for one file). editor(source, data) returns (new text, changes, expected data); the
    new text must parse to exactly the expected data."""
    return apply_files([path], action_id, one_file(editor), dry_run=dry_run)[0]


def apply_files(
    paths: list[Path],
    action_id: str,
    editor: FilesEditor,
    *,
    shared: list[Path] = (),
    dry_run: bool = False,
    validate: FilesValidator | None = None,
    after_write: Callable[[list[Edit]], None] | None = None,
) -> list[Edit]:
    """Run editor on several files under their locks (shared paths are locked for
    reading), verify each result, and write them atomically; if one write fails, the
    files already written get their old bytes back. Returns one Edit per path."""
    reals = [Path(os.path.realpath(p)) for p in paths]
    shown = [display_path(p) for p in paths]
    with locks(reals, [Path(os.path.realpath(p)) for p in shared]):
        raws, sources, data = [], [], []
        for real, name in zip(reals, shown, strict=True):
            try:
                st = real.stat()
                raw = real.read_bytes()
            except OSError as e:
                raise PlanError(f"{name}: cannot read: {e.strerror}") from None
            src = decode(raw, name)
            # The data a writer last had for this very file (same size, inode and change
            # times) spares reading it again; else read it, and keep that for next time.
            parsed = cache.get_data(real, st)
            if parsed is None:
                try:
                    # As tomllib reads it, block by block (see versions.parse_plan): a plan
                    # of thousands of readings is read in half the time.
                    parsed = parse_plan(src.text)
                except (tomllib.TOMLDecodeError, ValueError) as e:
                    raise PlanError(f"{name}: not valid TOML ({e}); nothing was changed") from None
                except RecursionError:
                    parsed = None
                else:
                    cache.put_data(real, parsed)
            # The plan may have changed since it was checked: tomlkit must not meet a value
            # nested deeper than check allows (E010), nor tomllib one it cannot recurse
            # through.
            if parsed is None or nested_deeper(parsed, MAX_DEPTH + 1):
                raise PlanError(f"{name}: {TOO_DEEP}; nothing was changed")
            raws.append(raw)
            sources.append(src)
            data.append(parsed)
        texts, changes, expected = editor(sources, data)
        edits = [
            Edit(p, action_id, changes, src.text, text)
            for p, src, text in zip(paths, sources, texts, strict=True)
        ]
        if not any(e.changed for e in edits):
            return edits
        for i, e in enumerate(edits):
            if e.changed:
                verify(e.before, e.after, data[i], expected[i], shown[i])
        if validate:
            checked = validate(
                [
                    Result(p, src.text, old, text, new)
                    for p, src, old, text, new in zip(
                        paths, sources, data, texts, expected, strict=True
                    )
                ]
            )
            edits = [e._replace(checked=c) for e, c in zip(edits, checked, strict=True)]
        if dry_run:
            return edits
        written: list[int] = []
        try:
            for i, e in enumerate(edits):
                if not e.changed:
                    continue
                new_raw = sources[i].encode(e.after)
                written.append(i)
                atomic_write(reals[i], new_raw)
                # The text was verified above; the same bytes read back from disk parse to
                # the same data.
                if reals[i].read_bytes() != new_raw:
                    raise EditError(f"{shown[i]}: the file read back differs from what was written")
        except BaseException:
            for i in written:
                atomic_write(reals[i], raws[i])
            raise
        for i in written:  # verified above: the new text parses to exactly this
            cache.put_data(reals[i], expected[i])
        if after_write:
            after_write(edits)
        return edits


# --- verification --------------------------------------------------------------------

_HEADER = "[[actions]]"


def verify(old: str, new: str, data: dict, expected: dict, shown: str) -> None:
    """The new text must parse to exactly the expected data, or nothing is written.

    Parsing a 1,000-action plan takes tomllib ~0.1 s, so when the texts differ only
    within a run of whole [[actions]] tables, only that run is parsed: the bytes around it
    are the same as before, so they still mean what they meant (see _changed_run). Any
    doubt, and the whole text is parsed. (An edit of one measure's block is proved the
    same way, by _one_block.)"""
    if _one_block(old, data, new, expected):
        return
    run = _changed_run(old, new)
    if run is not None and _run_matches(old, new, data, expected, *run):
        return
    try:
        got = tomllib.loads(new)
    except tomllib.TOMLDecodeError as e:
        raise EditError(
            f"{shown}: the edit would not be valid TOML ({e}); nothing was changed"
        ) from None
    if got != expected:
        raise EditError(f"{shown}: the edit would change more than asked; nothing was changed")


def _one_block(old_text: str, old: dict, text: str, expected: dict) -> bool:
    """True when expected is old with one [[actions]] or [[measures]] table changed, the
    texts differ only inside that table's block, and the old and new blocks, each parsed
    alone, are the old and the expected table: then the new text parses to expected (the
    block starts at its header and ends before the next header that is not its own
    sub-table, so nothing outside it can read it differently), and a plan of thousands
    of lines is not parsed again for a one-line edit. False means: parse it all."""
    from actionplan.planfiles import table_blocks

    if old.keys() != expected.keys():
        return False
    changed = [k for k in old if old[k] is not expected[k] and old[k] != expected[k]]
    if len(changed) != 1 or changed[0] not in ("actions", "measures"):
        return False
    table = changed[0]
    was, now = old[table], expected[table]
    if not (isinstance(was, list) and isinstance(now, list) and len(was) == len(now)):
        return False
    diff = [i for i, (a, b) in enumerate(zip(was, now, strict=True)) if a is not b and a != b]
    if len(diff) != 1:
        return False
    k = diff[0]
    old_blocks, new_blocks = table_blocks(old_text, table), table_blocks(text, table)
    if len(old_blocks) != len(was) or len(new_blocks) != len(now):
        return False
    old_lines, new_lines = old_text.splitlines(keepends=True), text.splitlines(keepends=True)
    (a, b), (c, d) = old_blocks[k], new_blocks[k]
    if old_lines[:a] != new_lines[:c] or old_lines[b + 1 :] != new_lines[d + 1 :]:
        return False
    try:
        return tomllib.loads("".join(old_lines[a : b + 1])) == {table: [was[k]]} and (
            tomllib.loads("".join(new_lines[c : d + 1])) == {table: [now[k]]}
        )
    except tomllib.TOMLDecodeError:
        return False


def _changed_run(old: str, new: str) -> tuple[int, int, int] | None:
    """(start, old end, new end) of the span the two texts differ in, widened to whole
    [[actions]] tables: it starts at a `[[actions]]` header that begins a line, and what
    follows it is the same in both texts and starts (after blank and comment lines) with
    a table header or the end of the file. None when there is no such span."""
    from actionplan.versions import common_prefix, common_suffix

    shift = len(new) - len(old)
    # Written for bytes; str slices compare just as well.
    p = common_prefix(old, new)  # type: ignore[arg-type]
    s = common_suffix(old, new, min(len(old), len(new)) - p)  # type: ignore[arg-type]
    header = old.rfind("\n" + _HEADER, 0, p)  # wholly in the shared start
    if header >= 0:
        start = header + 1
    elif old.startswith(_HEADER):
        start = 0
    else:
        return None
    # The run ends before the next header after the change that starts a table of its
    # own ([[actions.evidence]] and the like belong to the action above them).
    at = max(start, len(new) - s - 1)
    while True:
        after = new.find("\n[", at)
        new_end = len(new) if after < 0 else after + 1
        if after < 0 or _starts_a_table(new[new_end : new.find("\n", new_end) + 1 or None]):
            break
        at = new_end
    old_end = new_end - shift
    if old_end < start or new_end < start:
        return None
    return start, old_end, new_end


def _starts_a_table(text: str) -> bool:
    """Whether text is empty or its first line that is not blank or a comment is a table
    header other than an action's sub-table (which would belong to the table above)."""
    for line in text.splitlines():
        bare = line.strip()
        if not bare or bare.startswith("#"):
            continue
        if bare.startswith("[["):
            name = bare[2:].split("]]")[0].strip()
        elif bare.startswith("["):
            name = bare[1:].split("]")[0].strip()
        else:
            return False
        return name == "actions" or not name.startswith("actions")
    return True


def _run_matches(
    old: str, new: str, data: dict, expected: dict, start: int, old_end: int, new_end: int
) -> bool:
    """Whether the changed run, parsed alone, holds exactly the actions expected there and
    the rest of expected is the old data (whose text did not change)."""
    try:
        was = tomllib.loads(old[start:old_end])
        now = tomllib.loads(new[start:new_end])
    except tomllib.TOMLDecodeError:
        return False
    if not set(was) <= {"actions"} or not set(now) <= {"actions"}:
        return False
    old_run, new_run = was.get("actions", []), now.get("actions", [])
    actions = data.get("actions")
    if not isinstance(actions, list) or not isinstance(expected.get("actions"), list):
        return False
    first = old.count("\n" + _HEADER, 0, start) + (start > 0 and old.startswith(_HEADER))
    if actions[first : first + len(old_run)] != old_run:
        return False
    rest = {k: v for k, v in data.items() if k != "actions"}
    if rest != {k: v for k, v in expected.items() if k != "actions"}:
        return False
    return expected["actions"] == actions[:first] + new_run + actions[first + len(old_run) :]
