"""The plan cache: a planted file cannot run code, and a store others can write is a miss."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from actionplan import cache, model
from actionplan.load import load_plans
from actionplan.planfiles import plan_paths
from tests.conftest import actionplan


class _RunsCode:
    """Pickles as a call to os.system: what a planted cache file would carry."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def _entry(workdir: Path) -> tuple[tuple, Path]:
    key = cache.fingerprint(plan_paths(workdir / "plans"))
    return key, cache._file_for(key)


def _env() -> dict:
    return {"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], "ACTIONPLAN_TODAY": "2009-10-01"}


@pytest.mark.parametrize("layout", ["bare pickle", "after the right key", "after another key"])
def test_a_planted_cache_file_cannot_run_code(workdir, tmp_path, layout):
    marker = tmp_path / "pwned"
    payload = pickle.dumps([_RunsCode(f"touch {marker}")], protocol=pickle.HIGHEST_PROTOCOL)
    # The payload is real: unpickled as the cache used to be read, it runs the command.
    subprocess.run([sys.executable, "-c", "import pickle,sys; pickle.loads(sys.stdin.buffer.read())"],
                   input=payload, check=True)  # fmt: skip
    assert marker.exists()
    marker.unlink()

    key, path = _entry(workdir)
    other = (*key[:2], "/elsewhere", key[3])
    header = {"bare pickle": b"", "after the right key": cache._header(key)}.get(
        layout, cache._header(other)
    )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(header + payload)
    os.chmod(path, 0o600)

    r = actionplan("status", cwd=workdir, env=_env())
    assert r.returncode == 0, r.stderr
    assert "Sample Strategy" in r.stdout
    assert not marker.exists()
    # The planted entry was a miss: the command parsed the plans and stored a good entry.
    assert cache.get(key) == load_plans(None)


def test_only_the_models_records_are_admitted(monkeypatch):
    allowed = cache._allowed()
    for record in ("Plan", "Tier", "Action", "Evidence", "Status", "Filters", "PlanSummary"):
        assert ("actionplan.model", record) in allowed
    assert ("datetime", "date") in allowed
    assert ("actionplan.model", "Counts") not in allowed  # a plain class, not a record
    assert ("actionplan.model", "count") not in allowed
    # The measures' records live in a room of their own, and are admitted the same way.
    for record in ("Measure", "Reading", "Point"):
        assert ("actionplan.measures", record) in allowed
    assert ("actionplan.measures", "assess") not in allowed
    assert not {m for m, _ in allowed} - {"actionplan.model", "actionplan.measures", "datetime"}

    # A record type added to the model later is admitted without a list to keep.
    class Measure(NamedTuple):
        name: str

    Measure.__module__ = model.__name__
    monkeypatch.setattr(model, "Measure", Measure, raising=False)
    cache._allowed.cache_clear()
    try:
        assert ("actionplan.model", "Measure") in cache._allowed()
    finally:
        monkeypatch.undo()
        cache._allowed.cache_clear()


def test_the_cache_hits_and_its_key_is_read_first(workdir):
    plans = load_plans(None)
    key, path = _entry(workdir)
    raw = path.read_bytes()
    assert raw.startswith(cache._header(key))  # one plain line, compared before unpickling
    assert cache.get(key) == plans
    assert (os.stat(path.parent).st_mode & 0o777) == 0o700
    assert (os.stat(path).st_mode & 0o777) == 0o600


@pytest.mark.parametrize("what", ["directory", "file"])
def test_a_store_others_can_write_is_a_miss(workdir, what):
    load_plans(None)
    key, path = _entry(workdir)
    assert cache.get(key) is not None
    os.chmod(path.parent if what == "directory" else path, 0o777 if what == "directory" else 0o666)
    assert cache.get(key) is None
    if what == "directory":  # nothing is written into it either
        path.unlink()
        assert len(load_plans(None)) == 2
        assert not path.exists()
    os.chmod(path.parent, 0o770)  # group-writable is as bad
    assert cache.get(key) is None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
@pytest.mark.parametrize("what", ["directory", "file"])
def test_a_store_another_user_owns_is_a_miss(workdir, what):
    load_plans(None)
    key, path = _entry(workdir)
    os.chown(path.parent if what == "directory" else path, 65534, 65534)
    assert cache.get(key) is None
    assert len(load_plans(None)) == 2


def test_a_symlinked_entry_is_a_miss(workdir, tmp_path):
    load_plans(None)
    key, path = _entry(workdir)
    elsewhere = tmp_path / "entry"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert cache.get(key) is None
