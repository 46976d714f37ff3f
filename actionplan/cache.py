"""A cache of validated plans, so that read commands on an unchanged plan directory skip
parsing and validation (tomllib takes ~75 ms for a 1,000-action plan).

An entry is keyed by every plan file's path, size, inode and change times, the working
directory (paths in messages are relative to it) and the actionplan version. Anything
else - an unreadable or corrupt cache, a read-only home - is a miss, never an error.
Set ACTIONPLAN_NO_CACHE=1 to turn it off.

The cache directory may be shared more widely than the user thinks (a CI cache restored
from another branch's job), so loading an entry cannot run code: the key is a plain
header compared before anything is unpickled, the unpickler admits only `datetime.date`
and the record types of actionplan.model and actionplan.measures, and a directory or
file that another user owns, or that others may write, is a miss (and nothing is written
into such a directory).
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import stat
import zlib
from pathlib import Path

from actionplan import __version__, measures, model
from actionplan.model import Plan

Key = tuple
# Bump when the pickled records (actionplan.model, actionplan.measures) or the file
# layout change, or what makes a plan valid (a cached plan skips the checks).
MODEL_VERSION = 6


def _dir() -> Path | None:
    if os.environ.get("ACTIONPLAN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "actionplan"


def _trusted(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (always true where there are no
    POSIX owners)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted_dir(d: Path) -> bool:
    try:
        return _trusted(os.stat(d))
    except OSError:
        return False


@functools.cache
def _allowed() -> frozenset[tuple[str, str]]:
    """`datetime.date` and every record type actionplan.model and actionplan.measures
    define (their NamedTuples and Enums), read from the modules so that a new record type
    is admitted without a list to keep."""
    from enum import Enum

    return frozenset(
        {("datetime", "date")}
        | {
            (module.__name__, name)
            for module in (model, measures)
            for name, obj in vars(module).items()
            if isinstance(obj, type)
            and obj.__module__ == module.__name__
            and (issubclass(obj, Enum) or issubclass(obj, tuple) and hasattr(obj, "_fields"))
        }
    )


class _RecordsOnly(pickle.Unpickler):
    """An unpickler that can build the model's records and nothing else: every other
    global (os.system, builtins.eval, ...) is refused, so a planted file cannot run code."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in _allowed():
            raise pickle.UnpicklingError(f"{module}.{name} is not a plan record")
        return super().find_class(module, name)


def _header(key: Key) -> bytes:
    # repr escapes newlines and control characters, so the header is exactly one line.
    return repr(key).encode("utf-8") + b"\n"


def fingerprint(paths: list[Path]) -> Key | None:
    """The cache key for these plan files; None (no caching) when one cannot be read, so
    that reading it reports the problem."""
    files = []
    try:
        for p in paths:
            st = p.stat()
            files.append((str(p.resolve()), st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns))
    except OSError:
        return None
    return (__version__, MODEL_VERSION, os.getcwd(), tuple(files))


def _file_for(key: Key | None) -> Path | None:
    d = _dir()
    if d is None or key is None:
        return None
    # One entry per directory of plans and working directory; a new fingerprint replaces it.
    where = repr((key[2], [f[0] for f in key[3]])).encode()
    return d / f"plans-{zlib.crc32(where):08x}-{len(where)}.pickle"


def get(key: Key | None) -> list[Plan] | None:
    plans = _load(_file_for(key), key)
    return plans if isinstance(plans, list) else None


def _load(path: Path | None, key: Key | None) -> object:
    """What is stored at path under key; None for a miss."""
    if path is None or not _trusted_dir(path.parent):
        return None
    expected = _header(key)
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or not _trusted(st):
                return None
            if f.read(len(expected)) != expected:  # another key: nothing is unpickled
                return None
            return _RecordsOnly(f).load()
    except Exception:  # a partial, corrupt or foreign file is simply a miss
        return None


def put(key: Key | None, plans: list[Plan]) -> None:
    _store(_file_for(key), key, plans)


def _store(path: Path | None, key: Key | None, value: object) -> None:
    if path is None:
        return
    import tempfile

    try:
        # Only the cache's own directory is made private; its parents get the usual mode.
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted_dir(path.parent):
            return
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_header(key))
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            # Ctrl-C can land just after the rename: the temp file is gone then, and the
            # interrupt must not turn into a missing-file error that the OSError below
            # would swallow (an interrupted edit would carry on).
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    except OSError:
        pass


# --- one plan file's parsed data, for writers -----------------------------------------
#
# A writer reads the plan it edits under its lock, and tomllib takes ~50-80 ms over a
# 1,000-action plan. The data a writer last parsed or wrote is kept per file, keyed like
# the plans by the file's path, size, inode and change times, so that the next edit of an
# unchanged file reads it back (~4 ms) instead. It holds only dicts, lists, strings and
# dates, which the records-only unpickler admits.


def _file_key(real: Path, st: os.stat_result | None = None) -> Key | None:
    try:
        st = st or real.stat()
    except OSError:
        return None
    return (__version__, MODEL_VERSION, str(real), st.st_size, st.st_ino, st.st_mtime_ns,
            st.st_ctime_ns)  # fmt: skip


def _data_file(real: Path) -> Path | None:
    d = _dir()
    if d is None:
        return None
    where = str(real).encode()
    return d / f"data-{zlib.crc32(where):08x}-{len(where)}.pickle"


def get_data(real: Path, st: os.stat_result) -> dict | None:
    """The parsed data of the plan file at real (a resolved path) as a writer last had
    it, when the file is as it was then: st, its status when it was read, must be that
    of the file now as well (else it changed while it was read)."""
    key = _file_key(real, st)
    if key is None or key != _file_key(real):
        return None
    data = _load(_data_file(real), key)
    return data if isinstance(data, dict) else None


def put_data(real: Path, data: dict) -> None:
    """Keep the data the plan file at real parses to, as it is now."""
    key = _file_key(real)
    if key is not None:
        _store(_data_file(real), key, data)


def refresh(old: Key | None, changed: Path, plans: list[Plan]) -> None:
    """Store plans after a writer changed one file, so the next command need not parse.

    Only when nothing but that file changed since old was taken; call it while holding
    the writer's lock on that file.
    """
    if old is None:
        return
    new = fingerprint([Path(f[0]) for f in old[3]])
    if new is None:
        return
    target = str(changed.resolve())
    if new[:3] != old[:3] or [f[0] for f in new[3]] != [f[0] for f in old[3]]:
        return
    if all(a == b for a, b in zip(old[3], new[3], strict=True) if a[0] != target):
        put(new, plans)
