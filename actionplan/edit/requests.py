"""The requests: what update and add were asked, checked; the editors that carry them
out on a plan's text (blocks.py) and the run that writes them safely (write.py) and
commits them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from actionplan.edit.blocks import (
    action_block,
    insert_after_action,
    insert_inline,
    set_fields,
)
from actionplan.edit.write import Change, Edit, Editor, Source, apply
from actionplan.errors import EditError, PlanError, UnknownIdError, did_you_mean
from actionplan.planfiles import action_blocks, display_path


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
        text = set_fields(
            src.text,
            len(data["actions"]),
            index,
            {c.field: c.new for c in changes},
            evidence.as_dict() if evidence is not None else None,
        )
        if evidence is not None:
            changes.append(Change("evidence", None, evidence.as_dict()))
        return text, changes, expected

    return edit


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
            text = insert_inline(src.text, position, {**new, "evidence": []})
            return text, [Change("added", None, new["title"])], expected
        block = "\n" + action_block(src.text, new)
        if position == 0 and not actions:
            text = src.text
            if text and not text.endswith("\n"):
                text += "\n"
            text += block
        elif position == len(actions):
            text = insert_after_action(src.text, len(actions) - 1, block)
        else:
            text = insert_after_action(src.text, position - 1, block)
        return text, [Change("added", None, new["title"])], expected

    return edit


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
        elif c.field == "value":
            new = c.new
            was = f"{c.old['value']} → " if c.old else ""
            parts.append(f"reading {new['date']}: {was}{new['value']}")
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
    from actionplan import links
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
    links.require_safe(link, "--link")
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
    # Measures share the id space: an action may not take a measure's id either.
    taken = {a.id for p in plans for a in p.actions} | {m.id for p in plans for m in p.measures}
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
