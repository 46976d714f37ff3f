"""The requests: what update, add and move were asked, checked, and the editors that
carry them out on a plan's text (blocks.py); run.py writes them safely and commits them.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any, NamedTuple

from actionplan.edit.blocks import (
    FIELD_ORDER,
    PROSE,
    BlockEdit,
    action_block,
    cut_action,
    edit_action,
    insert_after_action,
    insert_block,
    insert_inline,
    remove_inline,
)
from actionplan.edit.write import (
    Change,
    Editor,
    FilesEditor,
    Source,
)
from actionplan.errors import PlanError, UnknownIdError, did_you_mean
from actionplan.planfiles import action_blocks


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


class Moved(UnknownIdError):
    "The action is no longer in the plan it was found in: another writer moved it."


def _find(data: dict, action_id: str, shown: str) -> int:
    """The index of the action in a plan's data, read under the lock. The action was
    found in this plan before the lock was taken, so not finding it now means another
    writer moved (or removed) it in between: Moved, and the command can look again."""
    actions = data.get("actions") if isinstance(data.get("actions"), list) else []
    for i, a in enumerate(actions):
        if isinstance(a, dict) and a.get("id") == action_id:
            return i
    raise Moved(f"{action_id} is no longer in {shown}: another edit moved or removed it")


# --- update --------------------------------------------------------------------------

LISTS = ("depends_on", "tags", "aligns")


class UpdateRequest(NamedTuple):
    """What an update asks of one action, checked."""

    values: dict[str, Any]  # fields set
    add: dict[str, tuple[str, ...]]  # list field -> items to add (those it lacks)
    remove: dict[str, tuple[str, ...]]  # list field -> items to take out
    clear: tuple[str, ...] = ()  # optional fields to take out
    evidence: EvidenceInput | None = None  # an item to append
    remove_evidence: int | None = None  # an item to take out, numbered from 1 as show does

    @classmethod
    def of(cls, values: dict[str, Any], evidence: EvidenceInput | None = None) -> UpdateRequest:
        """A request that sets values and appends an evidence item, nothing else."""
        return cls(values, {}, {}, (), evidence)

    def applied(self, old: dict, shown: str) -> dict:
        """The action table after the request."""
        new = copy.deepcopy(old)
        new.update(self.values)
        for key in self.clear:
            new.pop(key, None)
        for key, items in self.add.items():
            have = list(new.get(key, []))
            new[key] = have + [x for x in dict.fromkeys(items) if x not in have]
        for key, items in self.remove.items():
            if key in new:
                new[key] = [x for x in new[key] if x not in items]
        if self.remove_evidence is not None:
            have = new.get("evidence", [])
            if self.remove_evidence > len(have):
                n = len(have)
                raise PlanError(
                    f"--remove-evidence {self.remove_evidence}: {shown} has "
                    + (
                        f"{n} evidence item{'s' * (n != 1)}, numbered 1 to {n}"
                        if n
                        else "no evidence"
                    )
                )
            new["evidence"] = have[: self.remove_evidence - 1] + have[self.remove_evidence :]
        if self.evidence is not None:
            new.setdefault("evidence", []).append(self.evidence.as_dict())
        return new


def update_editor(action_id: str, request: UpdateRequest) -> Editor:
    """An editor that makes the request's changes to one action."""
    if action_id in request.add.get("depends_on", ()) or action_id in request.values.get(
        "depends_on", ()
    ):
        raise PlanError(f"{action_id} cannot depend on itself")

    def edit(src: Source, data: dict) -> tuple[str, list[Change], dict]:
        index = _find(data, action_id, "its plan")
        old = data["actions"][index]
        new = request.applied(old, action_id)
        changes = changes_between(old, new, request)
        if not changes:
            return src.text, [], data
        expected = {**data, "actions": [*data["actions"]]}  # the others shared, not copied
        expected["actions"][index] = new
        have = old.get("evidence", [])
        block = BlockEdit(
            values={
                k: v for k, v in new.items() if k != "evidence" and (k not in old or old[k] != v)
            },
            delete=tuple(k for k in old if k not in new),
            evidence=request.evidence.as_dict() if request.evidence is not None else None,
            remove_evidence=(
                (request.remove_evidence - 1, len(have))
                if request.remove_evidence is not None
                else None
            ),
        )
        text = edit_action(src.text, len(data["actions"]), index, block)
        return text, changes, expected

    return edit


def changes_between(old: dict, new: dict, request: UpdateRequest) -> list[Change]:
    """What changed, field by field in the format's order, then evidence taken out and
    added."""
    changes = [
        Change(k, old.get(k), new.get(k))
        for k in FIELD_ORDER
        if k != "evidence" and old.get(k) != new.get(k)
    ]
    if request.remove_evidence is not None:
        changes.append(Change("evidence", old["evidence"][request.remove_evidence - 1], None))
    if request.evidence is not None:
        changes.append(Change("evidence", None, request.evidence.as_dict()))
    return changes


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
        expected = {**data, "actions": [*actions]}
        expected["actions"].insert(position, {**new, "evidence": []})
        if actions and len(action_blocks(src.text)) != len(actions):
            # `actions = [...]`: one more inline table in the array.
            text = insert_inline(src.text, position, {**new, "evidence": []})
            return text, [Change("added", None, new["title"])], expected
        block = "\n" + action_block(src.text, {**new, "evidence": []})
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


# --- move --------------------------------------------------------------------------


def move_editor(
    action_id: str, tier: str, tier_order: list[str], source: str, target: str
) -> FilesEditor:
    """An editor that moves an action's whole block to the end of a tier: in its own plan
    (one file), or from plan source (the first file) to plan target (the second). The
    block moves as written — its comments, key order and evidence style — with only its
    tier line changed; a plan written as `actions = [...]` gets or gives an inline table."""

    def edit(sources: list[Source], data: list[dict]) -> tuple[list[str], list[Change], list[dict]]:
        src = sources[0]
        actions = data[0]["actions"]
        index = _find(data[0], action_id, source)
        old = actions[index]
        moved = {**old, "tier": tier}
        changes = [Change("tier", old.get("tier"), tier)] if old.get("tier") != tier else []
        if source != target:
            changes.append(Change("plan", source, target))
        if not changes:
            return [s.text for s in sources], [], data
        rest = actions[:index] + actions[index + 1 :]
        blocky = len(action_blocks(src.text)) == len(actions)
        if blocky:
            text, block = cut_action(src.text, index)
            block = edit_action(block.replace("\r\n", "\n"), 1, 0, BlockEdit({"tier": tier}))
        else:
            text, block = remove_inline(src.text, index), None
        if source == target:
            into, into_data, into_actions = text, data[0], rest
        else:
            into, into_data = sources[1].text, data[1]
            into_actions = (
                into_data.get("actions") if isinstance(into_data.get("actions"), list) else []
            )
            if any(isinstance(a, dict) and a.get("id") == action_id for a in into_actions):
                raise PlanError(f"{target} already has an action {action_id!r}; nothing was moved")
        position = _position_for(into_actions, tier, tier_order)
        if into_actions and len(action_blocks(into)) != len(into_actions):
            placed = insert_inline(into, position, moved)
        else:
            placed = insert_block(
                into, position, len(into_actions), block or action_block(into, moved)
            )
        expected_into = {**into_data, "actions": [*into_actions]}
        expected_into["actions"].insert(position, moved)
        if source == target:
            return [placed], changes, [expected_into]
        left = {**data[0], "actions": rest}
        if blocky and not rest:  # the last [[actions]] table gone: no actions key
            del left["actions"]
        return [text, placed], changes, [left, expected_into]

    return edit


def move_request(
    plans: list[Any], action_id: str, tier: str, to_plan: str | None
) -> tuple[Any, Any, Any]:
    """The action to move, the plan it is in and the plan it goes to, checked: the tier
    must be one of the target plan's, which must not hold the id already."""
    from actionplan.load import find_action, select

    action = find_action(plans, action_id)
    source = next(p for p in plans if p.id == action.plan)
    target = select(plans, [to_plan])[0] if to_plan else source
    tiers = [t.id for t in target.tiers]
    if tier not in tiers:
        raise UnknownIdError(
            f"no tier {tier!r} in {target.id}{did_you_mean(tier, set(tiers))}; "
            f"tiers: {', '.join(tiers)}"
        )
    if target is not source and any(a.id == action.id for a in target.actions):
        raise PlanError(f"{target.id} already has an action {action.id!r}; nothing was moved")
    return action, source, target


# --- requests: what update and add were asked, checked ----------------------------------


def field_values(
    *,
    status: str | None = None,
    owner: str | None = None,
    due: str | None = None,
    start: str | None = None,
    title: str | None = None,
    notes: str | None = None,
    source: str | None = None,
    mitigation: str | None = None,
    decision: str | None = None,
    every: str | None = None,
) -> dict[str, Any]:
    """The fields given as options, checked and parsed (None means not given)."""
    from actionplan.dates import parse_date
    from actionplan.model import EVERY, STATUSES

    values: dict[str, Any] = {}
    if status is not None:
        if status not in STATUSES:
            raise PlanError(
                f"unknown status {status!r}{did_you_mean(status, set(STATUSES))}; "
                f"valid: {', '.join(STATUSES)}"
            )
        values["status"] = status
    for name, value in (
        ("owner", owner),
        ("title", title),
        ("source", source),
        ("notes", notes),
        ("mitigation", mitigation),
        ("decision", decision),
    ):
        if value is not None:
            if not value.strip():
                hint = "" if name == "title" else f" (to take it out: --clear {name})"
                raise PlanError(f"--{name} cannot be empty{hint}")
            # Spaces around a one-line value are a slip of the keyboard; prose keeps its.
            values[name] = value if name in PROSE else value.strip()
    for name, value in (("due", due), ("start", start)):
        if value is not None:
            values[name] = parse_date(value, f"--{name} date")
    if every is not None:
        if every not in EVERY:
            raise PlanError(
                f"unknown --every {every!r}{did_you_mean(every, set(EVERY))}; "
                f"valid: {', '.join(EVERY)}"
            )
        values["every"] = every
    return values


def list_items(option: str, items: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """The items of a repeatable list option, checked: none may be empty."""
    for item in items or ():
        if not item.strip() or not item.isprintable():
            raise PlanError(f"{option} needs a non-empty value, not {item!r}")
    return tuple(items or ())


def clear_fields(names: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """The fields --clear names, checked: optional fields only, and not evidence (items
    come out one at a time with --remove-evidence)."""
    from actionplan.schema import ACTION_FIELDS

    clearable = [f.name for f in ACTION_FIELDS if not f.required and f.name != "evidence"]
    for name in names or ():
        if name in clearable:
            continue
        if name in {f.name for f in ACTION_FIELDS if f.required}:
            raise PlanError(f"--clear {name}: {name} is required and cannot be cleared")
        if name == "evidence":
            raise PlanError(
                "--clear evidence: evidence is the record and is not cleared; take out an "
                "item entered wrongly with --remove-evidence N"
            )
        raise PlanError(
            f"--clear: unknown field {name!r}{did_you_mean(name, set(clearable))}; "
            f"fields that can be cleared: {', '.join(clearable)}"
        )
    return tuple(dict.fromkeys(names or ()))


def refuse_unknown_principles(ids: tuple[str, ...] | list[str], known: set[str]) -> None:
    """Refuse an --align id that no framework defines, with the message check gives it
    (E011); known is every principle id the frameworks define."""
    from actionplan.check import unknown_principle

    for pid in ids:
        message = unknown_principle(pid, known)
        if message:
            raise PlanError(f"--align: {message}")


def add_values(
    *,
    tag: list[str] | None = None,
    depends_on: list[str] | None = None,
    align: list[str] | None = None,
    **fields: str | None,
) -> dict[str, Any]:
    """The fields an add sets besides its tier and title, checked: fields are
    field_values()'s options, the lists come as tuples."""
    values = field_values(**fields)
    values["tags"] = list_items("--tag", tag)
    values["depends_on"] = list_items("--depends-on", depends_on)
    values["aligns"] = list_items("--align", align)
    return values


def update_request(
    as_of: date,
    *,
    tag: list[str] | None = None,
    untag: list[str] | None = None,
    depends_on: list[str] | None = None,
    no_depends_on: list[str] | None = None,
    align: list[str] | None = None,
    unalign: list[str] | None = None,
    clear: list[str] | None = None,
    evidence: str | None = None,
    link: str | None = None,
    on: str | None = None,
    by: str | None = None,
    remove_evidence: int | None = None,
    **fields: str | None,
) -> UpdateRequest:
    """What an update asks for, checked (PlanError when the request is wrong or empty).
    fields are field_values()'s options."""
    from actionplan import links
    from actionplan.dates import parse_date

    values = field_values(**fields)
    adds = {
        "tags": list_items("--tag", tag),
        "depends_on": list_items("--depends-on", depends_on),
        "aligns": list_items("--align", align),
    }
    removes = {
        "tags": list_items("--untag", untag),
        "depends_on": list_items("--no-depends-on", no_depends_on),
        "aligns": list_items("--unalign", unalign),
    }
    cleared = clear_fields(clear)
    for name in cleared:
        if name in values or adds.get(name) or removes.get(name):
            raise PlanError(f"--clear {name} and a new {name} together: give one or the other")
    for key, option in (("tags", "--tag"), ("depends_on", "--depends-on"), ("aligns", "--align")):
        both = set(adds[key]) & set(removes[key])
        if both:
            raise PlanError(f"{option} and its opposite both name {sorted(both)[0]!r}")
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
    if remove_evidence is not None and remove_evidence < 1:
        raise PlanError(
            f"--remove-evidence {remove_evidence}: evidence items are numbered from 1, "
            "as 'actionplan show' lists them"
        )
    request = UpdateRequest(
        values,
        {k: v for k, v in adds.items() if v},
        {k: v for k, v in removes.items() if v},
        cleared,
        item,
        remove_evidence,
    )
    if not (values or request.add or request.remove or cleared or item or remove_evidence):
        raise PlanError(
            "nothing to change: give a field to set (e.g. --status, --owner, --due), "
            "--clear FIELD, --evidence or --remove-evidence"
        )
    return request


# The order add writes keys in: the bundled plans' (owner before status), then the
# format's order for the rest.
ADD_ORDER = ["id", "tier", "title", "owner", "status", "due"] + [
    k for k in FIELD_ORDER if k not in ("id", "tier", "title", "owner", "status", "due")
]


def new_action(
    plans: list[Any],
    plan_id: str,
    tier: str,
    title: str,
    values: dict[str, Any] | None = None,
    action_id: str | None = None,
) -> tuple[Any, dict[str, Any]]:
    """The plan to add to, and the new action's keys in the order add writes them; the
    id is the next in the plan's pattern unless one is given (and free). values are the
    other fields (field_values(), lists as tuples); status defaults to not-started."""
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
    fields: dict[str, Any] = {
        "id": action_id
        or next_id(
            plan_id,
            tier,
            [a.id for a in target.actions if a.tier == tier],
            [a.id for a in target.actions],
            taken,
        ),
        "tier": tier,
        "title": title.strip(),
        "status": "not-started",
    }
    for key, value in (values or {}).items():
        if key in LISTS:
            value = list(dict.fromkeys(value))
        if value not in (None, []):
            fields[key] = value
    if fields["id"] in fields.get("depends_on", ()):
        raise PlanError(f"{fields['id']} cannot depend on itself")
    new = {k: fields[k] for k in ADD_ORDER if k in fields}
    return target, new
