"""A cache of validated plans, so that read commands on an unchanged plan directory skip
parsing and validation (tomllib takes ~75 ms for a 1,000-action plan).

An entry is keyed by every plan file's path, size, inode and change times, the working
directory (paths in messages are relative to it) and the actionplan version. Anything
else - an unreadable or corrupt cache, a read-only home - is a miss, never an error.
Set ACTIONPLAN_NO_CACHE=1 to turn it off.
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

from actionplan import __version__
from actionplan.model import Plan

Key = tuple
# Bump when the pickled records (actionplan.model) change shape.
MODEL_VERSION = 2


def _dir() -> Path | None:
    if os.environ.get("ACTIONPLAN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "actionplan"


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
    path = _file_for(key)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            stored_key, plans = pickle.load(f)
    except Exception:  # a missing, partial or foreign file is simply a miss
        return None
    return plans if stored_key == key else None


def put(key: Key | None, plans: list[Plan]) -> None:
    path = _file_for(key)
    if path is None:
        return
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((key, plans), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


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
