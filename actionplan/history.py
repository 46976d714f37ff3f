"""History: snapshots of the plans at each commit, diffed by action and measure id into
events.

History is read with one `git log` stream over every commit that can reach the tip,
with the raw changes of the plan files (merges diffed against their first parent) and
one persistent `git cat-file --batch` for the blobs (git.py). Each version of a plan
file is cut into its action blocks, each distinct block parsed once (versions.py), so a
long history costs little more than git's own plumbing. Changes are tracked by action
id, so renamed files and actions moved between files are not removals. A change that
arrives through a merge is credited to the commit on the merged branch that made it;
only what a merge itself decided is credited to the merge.

The commands ask for a span of it (`history`: one plan's or one action's events, each
under the plan that holds it now) or for one action's events (`show`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from actionplan.errors import GitError, PlanError, UnknownIdError, did_you_mean
from actionplan.git import (
    Commit,
    Objects,
    Point,
    Repo,
    check_order,
    log,
    open_repo,
    plans_path,
    resolve_point,
    tree_files,
)
from actionplan.planfiles import find_source, plan_paths
from actionplan.versions import Parser, Version

TRACKED = ("status", "owner", "due", "title", "tier")
READING_KEYS = ("date", "value", "note")

# --- events --------------------------------------------------------------------------


class Event(NamedTuple):
    commit: str
    date: str
    author: str
    plan: str
    action: str  # the action's id, or the measure's
    # status | owner | due | title | tier | plan | aligns | evidence | added | removed
    # (actions); added | removed | value | target (measures)
    field: str
    old: Any
    new: Any
    message: str
    kind: str = "action"  # or "measure"

    def to_json(self) -> dict[str, Any]:
        return {k: plain(v) for k, v in self._asdict().items()}


def rehome(events: list[Event], home: dict[str, str]) -> list[Event]:
    """Events with plan set to the plan that holds the action now (plan files get renamed
    and actions move); an action since removed keeps the plan it was in."""
    return [e._replace(plan=home.get(e.action, e.plan)) for e in events]


def chronological(events: Iterator[Event] | list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: datetime.fromisoformat(e.date))


def plain(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


Acts = dict[str, tuple[str, dict, str]]  # action id -> (plan id, action, block text)


class Timeline(NamedTuple):
    """What the history engine found on the commits that reach tip."""

    events: list[Event]  # every event; in_range() tells those after base
    excluded: set[str]  # base and its ancestors
    states: dict[str, dict[str, tuple[str, dict]]]  # kept commit -> action id -> (plan, action)
    mainline: list[Commit]  # first-parent chain from the root to tip, oldest first
    counts: dict[str, dict[str, int]]  # actions by status at the tip and at the last
    # mainline commit of each financial-year quarter
    shallow: bool

    def in_range(self) -> list[Event]:
        """Events after base, in order of their author dates (git's order breaks ties)."""
        return chronological(e for e in self.events if e.commit not in self.excluded)


@functools.cache
def plan_of(path: str) -> str:
    """The plan id of a plan file's path (its stem). Cached: asked for each change of a
    long history, about a handful of paths (a Path each time cost ~25 ms in 2,000 commits)."""
    return Path(path).stem


class _Snapshot:
    """The plan files at one commit, and every action and measure in them by id."""

    __slots__ = ("files", "acts", "meas")

    def __init__(self, files: dict[str, Version], acts: Acts, meas: Acts) -> None:
        self.files = files
        self.acts = acts
        self.meas = meas

    @classmethod
    def of(cls, files: dict[str, Version]) -> _Snapshot:
        acts: Acts = {}
        meas: Acts = {}
        for path in sorted(files):
            for aid, (block, parsed) in files[path].actions.items():
                acts.setdefault(aid, (plan_of(path), parsed, block))
            for mid, (block, parsed) in files[path].measures.items():
                meas.setdefault(mid, (plan_of(path), parsed, block))
        return cls(files, acts, meas)

    def changed(
        self, changes: list[tuple[str, Version | None]], parser: Parser
    ) -> tuple[_Snapshot, set[str]]:
        """The snapshot after these file changes, and the action and measure ids they
        touch."""
        files = dict(self.files)
        acts = dict(self.acts)
        meas = (
            dict(self.meas)
            if any(
                (v is not None and v.measures) or p in self.files and self.files[p].measures
                for p, v in changes
            )
            else self.meas
        )
        touched: set[str] = set()
        for path, new in changes:
            old = files.pop(path, None)
            if new is not None:
                files[path] = new
            plan = plan_of(path)
            if old is not None and new is not None and new.base == old.serial:
                ids = set(new.touched or ())
            else:
                ids = set(old.actions if old else ()) | set(new.actions if new else ())
                ids |= set(old.measures if old else ()) | set(new.measures if new else ())
            touched |= ids
            for aid in ids:
                _move(acts, aid, plan, new.actions if new is not None else None)
                if meas is not self.meas:
                    _move(meas, aid, plan, new.measures if new is not None else None)
        return _Snapshot(files, acts, meas), touched


def _move(items: Acts, aid: str, plan: str, now_in: dict | None) -> None:
    """Bring items[aid] up to date with what the plan file now holds (now_in)."""
    now = now_in.get(aid) if now_in is not None else None
    if now is not None:
        items[aid] = (plan, now[1], now[0])
    elif items.get(aid, ("",))[0] == plan:
        del items[aid]


def diff_states(
    old: Acts,
    new: Acts,
    ids: set[str],
    side: Acts | None = None,
    renamed: set[tuple[str, str]] | frozenset = frozenset(),
) -> Iterator[tuple[str, str, str, Any, Any]]:
    """(plan, action, field, old, new) for each change to the given action ids.

    side: for a merge, the merged branch's actions; changes it explains were made (and
    are credited) on that branch, so only what the merge itself decided is yielded.
    renamed: (old plan, new plan) pairs of plan files renamed in this change; an action
    that only went along with its file has not moved plans.
    """
    for aid in sorted(ids):
        now, before = new.get(aid), old.get(aid)
        theirs = side.get(aid) if side is not None else None
        if now is None:
            if before is not None and not (side is not None and theirs is None):
                yield before[0], aid, "removed", before[1].get("title"), None
            continue
        plan, act, block = now
        if before is None:
            if theirs is None or theirs[2] != block:
                yield plan, aid, "added", None, act.get("title")
            continue
        moved = before[0] != plan and (before[0], plan) not in renamed
        if before[2] == block and not moved:  # unchanged (a block moved as is still moved)
            continue
        was = before[1]
        if moved and (theirs is None or theirs[0] != plan):
            yield plan, aid, "plan", before[0], plan
        for field in TRACKED:
            if was.get(field) != act.get(field):
                if theirs is not None and theirs[1].get(field) == act.get(field):
                    continue
                yield plan, aid, field, was.get(field), act.get(field)
        old_aligns, new_aligns = aligns_of(was), aligns_of(act)
        if set(old_aligns) != set(new_aligns) and not (
            theirs is not None and set(aligns_of(theirs[1])) == set(new_aligns)
        ):
            yield plan, aid, "aligns", old_aligns, new_aligns
        for e in _added_evidence(was, act, theirs[1] if theirs is not None else None):
            evidence = {x: e.get(x) for x in ("date", "text", "link", "by")}
            yield plan, aid, "evidence", None, evidence


def paper_row(e: Event, titles: dict[str, str]) -> dict[str, Any]:
    """An event as the board paper lists it: the item's title now (else the one it was
    added or removed with), who made the change, when and in which commit."""
    title = titles.get(e.action)
    if title is None:
        title = e.old if e.field == "removed" else e.new if e.field == "added" else ""
    return {
        "plan": e.plan,
        "title": title,
        "author": e.author,
        "date": e.date[:10],
        "commit": e.commit,
        "short": e.commit[:12],
        "message": e.message,
    }


def aligns_of(act: dict) -> list[str]:
    """The principle ids an action aligns to, as written (none when the key is absent).
    Order carries no meaning, so only a change to the set is an event."""
    value = act.get("aligns")
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _added_evidence(was: dict, act: dict, theirs: dict | None) -> list[dict]:
    """Evidence items act has and was had not (nor the merged branch, for a merge)."""
    old, new = _evidence(was), _evidence(act)
    if theirs is None and new[: len(old)] == old:  # the usual case: appended at the end
        return new[len(old) :]
    remaining = [_ev_key(e) for e in old]
    known = {_ev_key(e) for e in _evidence(theirs)} if theirs is not None else set()
    added = []
    for e in new:
        k = _ev_key(e)
        if k in remaining:
            remaining.remove(k)
        elif k not in known:
            added.append(e)
    return added


def _evidence(act: dict) -> list[dict]:
    ev = act.get("evidence")
    return [e for e in ev if isinstance(e, dict)] if isinstance(ev, list) else []


def _ev_key(e: dict) -> tuple:
    return (str(e.get("date")), str(e.get("text")), str(e.get("link")), str(e.get("by")))


def diff_measures(
    old: Acts, new: Acts, ids: set[str], side: Acts | None = None
) -> Iterator[tuple[str, str, str, Any, Any]]:
    """(plan, measure, field, old, new) for each change to the given measure ids: added,
    removed, value (a reading recorded, replaced or removed) and target. side works as
    for diff_states."""
    for mid in sorted(ids):
        now, before = new.get(mid), old.get(mid)
        theirs = side.get(mid) if side is not None else None
        if now is None:
            if before is not None and not (side is not None and theirs is None):
                yield before[0], mid, "removed", before[1].get("title"), None
            continue
        plan, measure, block = now
        if before is None:
            if theirs is None or theirs[2] != block:
                yield plan, mid, "added", None, measure.get("title")
            continue
        if before[2] == block:
            continue
        was = before[1]
        target = _target(measure)
        if _target(was) != target and not (theirs is not None and _target(theirs[1]) == target):
            yield plan, mid, "target", _target(was), target
        for then, reading in _readings_changed(was, measure, theirs[1] if theirs else None):
            yield plan, mid, "value", then, reading


def _target(measure: dict) -> dict | None:
    t = measure.get("target")
    return {"date": t.get("date"), "value": t.get("value")} if isinstance(t, dict) else None


def _readings(measure: dict) -> dict[str, dict]:
    """The measure's readings by date (the first, when a broken version has two)."""
    out: dict[str, dict] = {}
    values = measure.get("values")
    for r in values if isinstance(values, list) else []:
        if isinstance(r, dict):
            out.setdefault(str(r.get("date")), {k: r.get(k) for k in READING_KEYS})
    return out


def _readings_changed(
    was: dict, now: dict, theirs: dict | None
) -> Iterator[tuple[dict | None, dict | None]]:
    """(old reading, new reading) for each reading recorded (old None), replaced, or
    removed (new None), in date order; for a merge, less what the merged branch did."""
    before, after = _readings(was), _readings(now)
    branch = _readings(theirs) if theirs is not None else None
    for day in sorted(before.keys() | after.keys()):
        old, new = before.get(day), after.get(day)
        if old == new:
            continue
        if branch is not None and branch.get(day) == new:
            continue  # recorded (or removed) on the merged branch, and credited there
        yield old, new


def _count(acts: Acts) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, act, _ in acts.values():
        status = act.get("status")
        if isinstance(status, str):
            out[status] = out.get(status, 0) + 1
    return out


def timeline(
    repo: Repo,
    plans: Path,
    tip: str,
    base: str | None = None,
    keep: set[str] | None = None,
    on_commit: Callable[[int, int], None] | None = None,
) -> Timeline:
    """Every event on the commits that reach tip, credited as the module says (those on
    base and its ancestors are marked excluded), and the actions at the commits in keep.
    on_commit(done, total) is called after each commit is read (for a progress bar)."""
    rel = plans_path(repo, plans)
    commits = log(repo, rel, tip)
    by_id = {c.id: c for c in commits}
    excluded = _ancestors(base, by_id) if base else set()
    waiting: dict[str, int] = {}  # commit -> children not yet processed
    for c in commits:
        for p in c.parents:
            waiting[p] = waiting.get(p, 0) + 1
    mainline = _first_parent_chain(tip, by_id)
    counted = _quarter_ends(mainline) | {tip}
    keep = set(keep or ()) | {tip}
    parser = Parser()
    snapshots: dict[str, _Snapshot] = {}
    kept: dict[str, dict[str, tuple[str, dict]]] = {}
    counts: dict[str, dict[str, int]] = {}
    events: list[Event] = []
    empty = _Snapshot({}, {}, {})
    wanted = [blob for c in commits for st, _, blob in c.changes if st != "D"]
    lookups: list[Objects] = []  # a second reader, opened only for a shallow boundary
    with Objects(repo.root) as objects:
        contents = objects.stream(wanted)

        def version(blob: str, previous: Version | None = None) -> Version:
            raw = next(contents)  # the blobs come in the order of the changes
            return parser.version(blob, raw or b"", previous)

        def snapshot(commit: str) -> _Snapshot:
            found = snapshots.get(commit)
            if found is None:
                # Not in the log (a shallow clone's boundary): read the tree itself.
                if not lookups:
                    lookups.append(Objects(repo.root))
                reader = lookups[0]
                files = {
                    p: parser.version(b, (reader.get(b) or ("", b""))[1])
                    for p, b in tree_files(reader, commit, rel).items()
                }
                found = snapshots[commit] = _Snapshot.of(files)
            return found

        try:
            total = len(commits)
            for done, c in enumerate(commits, 1):
                before = snapshot(c.parents[0]) if c.parents else empty
                changes = [
                    (path, None if st == "D" else version(blob, before.files.get(path)))
                    for st, path, blob in c.changes
                ]
                after, touched = before.changed(changes, parser) if changes else (before, set())
                snapshots[c.id] = after
                if touched:
                    side = side_meas = None
                    if len(c.parents) > 1:
                        side, side_meas = {}, {}
                        for p in c.parents[1:]:
                            side.update(snapshot(p).acts)
                            side_meas.update(snapshot(p).meas)
                    for plan, aid, field, old, new in diff_states(
                        before.acts, after.acts, touched, side, _renamed(before, after)
                    ):
                        events.append(
                            Event(c.id, c.date, c.author, plan, aid, field, old, new, c.subject)
                        )
                    if before.meas or after.meas:
                        for plan, mid, field, old, new in diff_measures(
                            before.meas, after.meas, touched, side_meas
                        ):
                            events.append(
                                Event(
                                    c.id,
                                    c.date,
                                    c.author,
                                    plan,
                                    mid,
                                    field,
                                    old,
                                    new,
                                    c.subject,
                                    "measure",
                                )
                            )
                if c.id in keep:
                    kept[c.id] = {k: (v[0], v[1]) for k, v in after.acts.items()}
                if c.id in counted:
                    counts[c.id] = _count(after.acts)
                for p in c.parents:  # forget snapshots no child will ask for again
                    waiting[p] -= 1
                    if waiting[p] == 0 and p not in keep:
                        snapshots.pop(p, None)
                if on_commit is not None:
                    on_commit(done, total)
        finally:
            for reader in lookups:
                reader.close()
    return Timeline(events, excluded, kept, mainline, counts, repo.shallow)


def _renamed(before: _Snapshot, after: _Snapshot) -> set[tuple[str, str]]:
    """(old, new) plan ids of every plan file that is gone paired with every one that is
    new: a plan file renamed (or split, or merged into a new file) carries its actions
    with it, which is not a move between plans."""
    was = {plan_of(p) for p in before.files}
    now = {plan_of(p) for p in after.files}
    return {(a, b) for a in was - now for b in now - was}


def _quarter_ends(mainline: list[Commit]) -> set[str]:
    """The last mainline commit (by committer date) of each financial-year quarter."""
    from actionplan.dates import fy_quarter

    last: dict[str, str] = {}
    for c in mainline:
        last[fy_quarter(datetime.fromtimestamp(c.committed, UTC).date())] = c.id
    return set(last.values())


def _ancestors(start: str, by_id: dict[str, Commit]) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.add(c)
        if c in by_id:
            stack.extend(by_id[c].parents)
    return seen


def _first_parent_chain(tip: str, by_id: dict[str, Commit]) -> list[Commit]:
    chain = []
    c = by_id.get(tip)
    while c is not None:
        chain.append(c)
        c = by_id.get(c.parents[0]) if c.parents else None
    chain.reverse()
    return chain


# --- what the commands ask ------------------------------------------------------------


class Span(NamedTuple):
    """The history `history` reads: the repository, the plans' path, the commits after
    start up to end, and the plan that holds each action (and measure) now."""

    repo: Repo
    source: Path
    start: Point
    end: Point
    homes: dict[str, str]

    def events(
        self, target: str | None = None, on_commit: Callable[[int, int], None] | None = None
    ) -> list[Event]:
        """The span's events in order, each under the plan that holds its action now; with
        target, those of one plan or one action (see narrow)."""
        events: list[Event] = []
        if self.end.commit is not None:
            line = timeline(
                self.repo, self.source, self.end.commit, self.start.commit, on_commit=on_commit
            )
            events = rehome(line.in_range(), self.homes)
        if target is not None:
            events = narrow(events, target, self.source, self.homes)
        return events


def span(
    plans_option: str | None, since: str | None, until: str | None, allow_shallow: bool
) -> Span:
    """The history after since up to until (default HEAD) of the plans found from
    plans_option (see planfiles.find_source)."""
    source = find_source(plans_option)
    repo = open_repo(source, allow_shallow)
    end = resolve_point(repo, until, repo.head, end=True)
    start = resolve_point(repo, since, None, end=False, tip=end.commit)
    check_order(repo, start, end)
    return Span(repo, source, start, end, current_homes(plans_option))


def current_homes(plans_option: str | None) -> dict[str, str]:
    """Action (and measure) id -> the plan that holds it now; empty when the plans cannot
    be read (the history is still worth showing)."""
    from actionplan.load import load_plans

    try:
        loaded = load_plans(plans_option)
    except PlanError:
        return {}
    homes = {m.id: p.id for p in loaded for m in p.measures}
    homes.update({a.id: p.id for p in loaded for a in p.actions})
    return homes


def narrow(events: list[Event], target: str, source: Path, homes: dict[str, str]) -> list[Event]:
    """Events of one plan or one action: a plan or action the plans hold now, or one that
    only history knows (an action since removed). Action ids match case-insensitively."""
    plan_ids = {p.stem for p in plan_paths(source)} | {e.plan for e in events}
    if target in plan_ids:
        return [e for e in events if e.plan == target]
    action_ids = {e.action for e in events} | set(homes)
    folded = {a.upper(): a for a in action_ids}
    if target.upper() not in folded:
        known = plan_ids | action_ids
        raise UnknownIdError(f"no plan or action {target!r}{did_you_mean(target, known)}")
    exact = folded[target.upper()]
    return [e for e in events if e.action == exact]


def action_history(
    plans_option: str | None,
    action_id: str,
    on_commit: Callable[[int, int], None] | None = None,
) -> tuple[list[dict[str, Any]] | None, str | None]:
    """The action's events from git, oldest first, as JSON, and a note on them (a shallow
    clone's are partial); None with the reason when there is no history (show works
    without git: no repository, no commits and shallow clones only lose this)."""
    source = find_source(plans_option)
    try:
        repo = open_repo(source, allow_shallow=True)
        line = timeline(repo, source, repo.head, on_commit=on_commit)
    except GitError as e:
        return None, f"no history: {e.message}"
    events = [e.to_json() for e in chronological(line.events) if e.action == action_id]
    note = "shallow clone: the history shown is partial" if repo.shallow else None
    return events, note
