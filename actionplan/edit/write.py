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
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NamedTuple

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
            # As tomllib reads it, block by block (see versions.parse_plan): a plan of
            # thousands of readings is read in half the time.
            data = parse_plan(src.text)
        except (tomllib.TOMLDecodeError, ValueError) as e:
            raise PlanError(f"{shown}: not valid TOML ({e}); nothing was changed") from None
        except RecursionError:
            data = None
        # The plan may have changed since it was checked: tomlkit must not meet a value
        # nested deeper than check allows (E010), nor tomllib one it cannot recurse through.
        if data is None or nested_deeper(data, MAX_DEPTH + 1):
            raise PlanError(f"{shown}: {TOO_DEEP}; nothing was changed")
        new_text, changes, expected = editor(src, data)
        edit = Edit(path, action_id, changes, src.text, new_text)
        if not edit.changed:
            return edit
        _verify(new_text, expected, shown, src.text, data)
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


def _verify(
    text: str, expected: dict, shown: str, old_text: str | None = None, old: dict | None = None
) -> None:
    """The new text must parse to exactly the expected data. When the edit changed one
    action's or one measure's block and nothing else, parsing that block alone proves it
    (see _one_block); otherwise the whole text is parsed."""
    if old_text is not None and old is not None and _one_block(old_text, old, text, expected):
        return
    try:
        got = tomllib.loads(text)
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
