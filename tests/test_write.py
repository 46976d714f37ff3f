"""The safe write's verification: an edit inside whole [[actions]] tables is checked by
parsing just those tables; anything it cannot vouch for is parsed whole."""

from __future__ import annotations

import copy
import os
import tomllib

import pytest

from actionplan.edit import write
from actionplan.errors import EditError

PLAN = """\
title = "P"
organisation = "O"
start = 2008-04-01
end = 2011-03-31

[[tiers]]
id = "T1"
name = "One"
""" + "".join(
    f'\n[[actions]]\nid = "A-{i}"\ntier = "T1"\ntitle = "Action {i}"\nstatus = "on-track"\n'
    for i in range(200)
)


@pytest.fixture
def parsed(monkeypatch) -> list[int]:
    """The length of every text verify() hands to tomllib."""
    sizes: list[int] = []
    real = tomllib.loads

    def loads(text: str, **kw):
        sizes.append(len(text))
        return real(text, **kw)

    monkeypatch.setattr(write.tomllib, "loads", loads)
    return sizes


def edited(index: int, old: str, new: str) -> tuple[str, dict, dict]:
    data = tomllib.loads(PLAN)
    text = PLAN.replace(old, new, 1)
    expected = copy.deepcopy(data)
    expected["actions"][index] = tomllib.loads(text)["actions"][index]
    return text, data, expected


def test_a_change_inside_one_action_parses_only_that_action(parsed):
    text, data, expected = edited(150, 'title = "Action 150"', 'title = "Renamed"')
    parsed.clear()
    write.verify(PLAN, text, data, expected, "p.toml")
    assert parsed and max(parsed) < 200  # two small runs, never the whole plan


def test_a_new_action_between_two_parses_only_the_run(parsed):
    block = '\n[[actions]]\nid = "NEW"\ntier = "T1"\ntitle = "New"\nstatus = "on-track"\n'
    at = PLAN.index('\n[[actions]]\nid = "A-101"')
    text = PLAN[:at] + block + PLAN[at:]
    data = tomllib.loads(PLAN)
    expected = copy.deepcopy(data)
    expected["actions"].insert(101, tomllib.loads(block)["actions"][0])
    parsed.clear()
    write.verify(PLAN, text, data, expected, "p.toml")
    assert max(parsed) < 300


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        # The text says something else than the editor meant.
        ('title = "Action 7"', 'title = "Action 7!"', "run differs"),
        # A change outside any action: the whole file is parsed.
        ('title = "P"', 'title = "Q"', "top-level"),
    ],
)
def test_a_text_that_does_not_say_what_was_meant_is_refused(parsed, old, new, what):
    data = tomllib.loads(PLAN)
    text = PLAN.replace(old, new, 1)
    parsed.clear()
    with pytest.raises(EditError, match="would change more than asked"):
        write.verify(PLAN, text, data, copy.deepcopy(data), "p.toml")
    if what == "top-level":
        assert max(parsed) == len(text)


def test_expected_data_outside_the_run_is_checked_too(parsed):
    text, data, expected = edited(5, 'title = "Action 5"', 'title = "Five"')
    expected["actions"][100]["title"] = "Sneaked in"
    with pytest.raises(EditError):
        write.verify(PLAN, text, data, expected, "p.toml")


def test_keys_after_the_run_that_would_join_it_force_a_whole_parse(parsed):
    # Dropping the next header makes its keys part of the edited action: the text after
    # the change no longer starts with a table, so the run cannot vouch for it.
    text = PLAN.replace(
        'status = "on-track"\n\n[[actions]]\nid = "A-11"', 'status = "on-track"\n\nid = "A-11"', 1
    )
    data = tomllib.loads(PLAN)
    parsed.clear()
    with pytest.raises(EditError, match="not be valid TOML|more than asked"):
        write.verify(PLAN, text, data, copy.deepcopy(data), "p.toml")
    assert max(parsed) == len(text)


def test_sub_tables_after_the_run_belong_to_it(parsed):
    plan = PLAN.replace(
        'title = "Action 3"\nstatus = "on-track"\n',
        'title = "Action 3"\nstatus = "on-track"\n\n[[actions.evidence]]\ndate = 2009-01-01\ntext = "e"\n',
    )
    data = tomllib.loads(plan)
    text = plan.replace('title = "Action 3"', 'title = "Three"')
    expected = copy.deepcopy(data)
    expected["actions"][3]["title"] = "Three"
    parsed.clear()
    write.verify(plan, text, data, expected, "p.toml")
    # The run took the sub-table with it rather than stopping before it.
    assert all(size < 300 for size in parsed)


# --- the data a writer keeps ----------------------------------------------------------


def test_an_unchanged_plan_is_not_parsed_again_by_the_next_edit(workdir, run, parsed):
    from tests.conftest import SAMPLE

    assert run("update", "SAM-T1-01", "--status", "at-risk").exit_code == 0
    parsed.clear()
    assert run("update", "SAM-T1-01", "--status", "on-track").exit_code == 0
    # Only the edited action's run, the other plan (for the check): never the whole plan.
    assert parsed and max(parsed) < len(SAMPLE) // 2


def test_a_plan_changed_by_hand_is_parsed_again(workdir, run, parsed):
    from tests.conftest import SAMPLE

    p = workdir / "plans" / "sample.toml"
    assert run("update", "SAM-T1-01", "--status", "at-risk").exit_code == 0
    # Same size, another text: its change times differ, so the kept data is not used.
    p.write_text(p.read_text().replace("Train Tier 1 staff", "Train Tier 9 staff"))
    parsed.clear()
    r = run("update", "SAM-T1-01", "--owner", "New lead", "-f", "json")
    assert r.exit_code == 0, r.output
    assert max(parsed) >= len(SAMPLE) - 100
    assert 'title = "Train Tier 9 staff"' in p.read_text()


def test_kept_data_is_read_with_the_records_only_unpickler(workdir, tmp_path):
    """A planted data file cannot run code: it is read like the plan cache."""
    import os
    import pickle

    from actionplan import cache
    from tests.test_cache import _RunsCode

    real = (workdir / "plans" / "sample.toml").resolve()
    st = real.stat()
    marker = tmp_path / "pwned"
    path = cache._data_file(real)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(
        cache._header(cache._file_key(real, st))
        + pickle.dumps({"x": _RunsCode(f"touch {marker}")}, protocol=pickle.HIGHEST_PROTOCOL)
    )
    os.chmod(path, 0o600)
    assert cache.get_data(real, st) is None
    assert not marker.exists()
    cache.put_data(real, {"title": "kept"})
    assert cache.get_data(real, st) == {"title": "kept"}


def test_an_interrupt_just_after_the_kept_data_is_renamed_still_interrupts(workdir, monkeypatch):
    """Ctrl-C landing right after the rename used to become a missing-temp-file error,
    which the cache swallows: the interrupted edit carried on."""
    from actionplan import cache

    real = (workdir / "plans" / "sample.toml").resolve()
    rename = os.replace

    def renamed_then_interrupted(src, dst):
        rename(src, dst)
        raise KeyboardInterrupt

    monkeypatch.setattr(cache.os, "replace", renamed_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.put_data(real, {"title": "kept"})
