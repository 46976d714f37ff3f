"""The run of an edit: read the plans (locked, so a move between two plans is seen whole),
hand the request's editor to the safe write under the plans' locks, check the result
against every plan, refresh the plan cache and commit. At the end, each edit command's
run from its checked request to what it did: update, add, record and move.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from actionplan.edit.requests import Moved
from actionplan.edit.write import (
    Change,
    Edit,
    Editor,
    FilesEditor,
    FilesValidator,
    Result,
    apply_files,
    one_file,
)
from actionplan.errors import EditError
from actionplan.planfiles import display_path

T = TypeVar("T")


def load_for_edit(option: str | None) -> tuple[list[Any], Any]:
    """Every plan, validated, and the cache key, read while holding every plan's lock for
    reading: a move between two plans writes both files, and between the two writes an
    unlocked reader would see the action in neither (or both)."""
    from actionplan.edit.write import locks
    from actionplan.load import load_all
    from actionplan.planfiles import find_source, plan_paths

    found = plan_paths(find_source(option))
    with locks([], shared=[Path(os.path.realpath(p)) for p in found]):
        return load_all(option, found)


def again_if_moved(attempt: Callable[[], T], tries: int = 5) -> T:
    """Run attempt (read the plans, find the action, edit), and again while the action
    turns out to have been moved by another writer in between."""
    for _ in range(tries - 1):
        try:
            return attempt()
        except Moved:
            continue
    return attempt()


def refuse_errors(others: list[Path]) -> FilesValidator:
    """A validate() for apply_files(): the edited plans must pass check without errors,
    together with the other plans (ids are unique across plans). Returns the new
    PlanFiles."""

    def validate(results: list[Result]) -> list[Any]:
        from actionplan.check import check_files
        from actionplan.planfiles import PlanFile, read_file, scan_positions

        after = [PlanFile(r.path, r.after, r.new, scan_positions(r.after)) for r in results]
        rest = [read_file(p) for p in others]
        errors = [p for p in check_files([*rest, *after], warnings=False) if p.severity == "error"]
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
            parts.append("evidence added" if c.new is not None else "evidence removed")
        elif c.field == "value":
            new = c.new
            was = f"{c.old['value']} → " if c.old else ""
            parts.append(f"reading {new['date']}: {was}{new['value']}")
        elif c.field == "added":
            parts.append(f"added {c.new!r}")
        else:
            parts.append(f"{c.field} {_brief(c.old)} → {_brief(c.new)}")
    return "; ".join(parts)


def _brief(value: Any) -> str:
    """A value on one line for a commit message: lists joined, long text cut."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


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
    """Edit one plan of the loaded plans (see run_files). Returns the edit and the commit
    id."""
    edits, sha = run_files(
        plans,
        key,
        [plan],
        action_id,
        one_file(editor),
        dry_run=dry_run,
        commit=commit,
        message=message,
    )
    return edits[0], sha


def run_files(
    plans: list[Any],
    key: Any,
    edited: list[Any],
    action_id: str,
    editor: FilesEditor,
    *,
    dry_run: bool = False,
    commit: bool = False,
    message: str | None = None,
) -> tuple[list[Edit], str | None]:
    """Edit plans of the loaded plans: under their locks (the other plans locked for
    reading, so the check sees them whole), check the result against all of them, write,
    refresh the plan cache and (with commit) commit the files in one commit. Returns the
    edits and the commit id."""
    from actionplan import cache
    from actionplan.errors import GitError
    from actionplan.planfiles import build_plan

    paths = [Path(p.file) for p in edited]
    files = {p.file for p in edited}
    others = [Path(p.file) for p in plans if p.file not in files]
    committed: list[str] = []

    def after_write(edits: list[Edit]) -> None:
        # Still under the plans' locks: no other writer can slip in before the commit.
        changed = [e for e in edits if e.changed]
        if len(changed) == 1:  # the cache takes one changed file at a time
            fresh = build_plan(changed[0].checked)
            path = Path(fresh.file)
            cache.refresh(key, path, [fresh if p.file == fresh.file else p for p in plans])
        if not commit:
            return
        from actionplan.git import commit_files

        changes = edits[0].changes
        try:
            committed.append(
                commit_files(
                    [e.path for e in changed], message or f"{action_id}: {describe(changes)}"
                )
            )
        except GitError as e:
            shown = " and ".join(display_path(x.path) for x in changed)
            raise GitError(
                f"{e.message}; {shown} {'is' if len(changed) == 1 else 'are'} edited but "
                "not committed"
            ) from None

    edits = apply_files(
        paths,
        action_id,
        editor,
        shared=others,
        dry_run=dry_run,
        validate=refuse_errors(others),
        after_write=after_write,
    )
    return edits, committed[0] if committed else None


# --- the commands' runs ---------------------------------------------------------------


class Done(NamedTuple):
    """What an edit command did: the edits (one per file: a move between plans has the
    plan it left, then the one it joined), the plan that holds the action (or measure)
    now, and the commit made (None without one)."""

    edits: list[Edit]
    plan: str
    commit: str | None

    @property
    def files(self) -> list[str]:
        """The edited files as the user would name them."""
        return [display_path(e.path) for e in self.edits]


def refuse_unknown_aligns(ids: tuple[str, ...] | list[str], frameworks_option: str | None) -> None:
    """Refuse an --align id that no framework found from frameworks_option defines."""
    if ids:
        from actionplan.edit.requests import refuse_unknown_principles
        from actionplan.load import known_principles

        refuse_unknown_principles(ids, known_principles(frameworks_option))


def update_action(
    option: str | None,
    action_id: str,
    request: Any,
    frameworks_option: str | None = None,
    *,
    dry_run: bool = False,
    commit: bool = False,
    message: str | None = None,
) -> Done:
    """Edit one action of the plans found from option as the UpdateRequest asks."""
    from actionplan.edit.requests import update_editor
    from actionplan.load import find_action, plan_of

    refuse_unknown_aligns(request.add.get("aligns", ()), frameworks_option)

    def attempt() -> Done:
        loaded, key = load_for_edit(option)
        action = find_action(loaded, action_id)
        plan = plan_of(loaded, action)
        editor = update_editor(action.id, request)
        edit, sha = run(
            loaded, key, plan, action.id, editor, dry_run=dry_run, commit=commit, message=message
        )
        return Done([edit], plan.id, sha)

    return again_if_moved(attempt)


def add_action(
    option: str | None,
    plan_id: str,
    tier: str,
    title: str,
    values: dict[str, Any],
    action_id: str | None = None,
    frameworks_option: str | None = None,
    *,
    dry_run: bool = False,
    commit: bool = False,
    message: str | None = None,
) -> Done:
    """Append a new action to a plan, after the last of its tier (see new_action for the
    id and values)."""
    from actionplan.edit.requests import add_editor, new_action

    refuse_unknown_aligns(values.get("aligns", ()), frameworks_option)
    loaded, key = load_for_edit(option)
    target, new = new_action(loaded, plan_id, tier, title, values, action_id)
    editor = add_editor(new, [t.id for t in target.tiers])
    edit, sha = run(
        loaded, key, target, new["id"], editor, dry_run=dry_run, commit=commit, message=message
    )
    return Done([edit], target.id, sha)


def record_reading(
    option: str | None,
    measure_id: str,
    value: str,
    on: str | None,
    note: str | None,
    as_of: str | None,
    replace: bool = False,
    *,
    dry_run: bool = False,
    commit: bool = False,
    message: str | None = None,
) -> Done:
    """Record a reading of a measure. value, on and as_of are the options as typed (on
    defaults to the as-of date), checked once the measure is found, so that a wrong
    measure is what is reported first."""
    from actionplan.dates import as_of as parse_as_of
    from actionplan.edit.record import record_editor, record_request
    from actionplan.load import find_measure, plan_of

    loaded, key = load_for_edit(option)
    measure = find_measure(loaded, measure_id)
    reading = record_request(value, on, note, parse_as_of(as_of), measure.unit)
    plan = plan_of(loaded, measure)
    editor = record_editor(measure.id, reading, replace)
    edit, sha = run(
        loaded, key, plan, measure.id, editor, dry_run=dry_run, commit=commit, message=message
    )
    return Done([edit], plan.id, sha)


def move_action(
    option: str | None,
    action_id: str,
    tier: str,
    to_plan: str | None = None,
    *,
    dry_run: bool = False,
    commit: bool = False,
    message: str | None = None,
) -> Done:
    """Move an action's whole block to the end of a tier, in its plan or to_plan."""
    from actionplan.edit.requests import move_editor, move_request

    def attempt() -> Done:
        loaded, key = load_for_edit(option)
        action, source, target = move_request(loaded, action_id, tier, to_plan)
        editor = move_editor(action.id, tier, [t.id for t in target.tiers], source.id, target.id)
        edited = [source] if target is source else [source, target]
        edits, sha = run_files(
            loaded, key, edited, action.id, editor, dry_run=dry_run, commit=commit, message=message
        )
        return Done(edits, target.id, sha)

    return again_if_moved(attempt)
