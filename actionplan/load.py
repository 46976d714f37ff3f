"""The validated plans and frameworks, as commands get them: found, read, checked (the
first error stops the command) and, for plans, cached; choosing plans by id and finding
an action. And for `check`, every problem of every file, none stopping the read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from actionplan.errors import PlanError, PlanSyntaxError, UnknownIdError, did_you_mean
from actionplan.measures import Measure
from actionplan.model import Action, Framework, Plan
from actionplan.planfiles import (
    NO_FRAMEWORK,
    PlanFile,
    build_framework,
    build_plan,
    display_path,
    find_source,
    framework_paths,
    git_root,
    plan_paths,
    read_file,
)

if TYPE_CHECKING:  # check.py (the rules) is imported only when a command checks
    from actionplan.check import Problem

CHECK_HINT = "run 'actionplan check' to see every problem"


def read_files_at(paths: list[Path]) -> list[PlanFile]:
    return [read_file(p) for p in paths]


def build_valid(files: list[PlanFile]) -> list[Plan]:
    """The model of files that have no errors; the first error is raised."""
    # Imported here: a read command whose plans come from the cache never checks them.
    from actionplan.check import first_error

    problem = first_error(files)
    if problem:
        raise PlanSyntaxError(
            problem.file,
            problem.line,
            problem.column,
            problem.message,
            hint=CHECK_HINT,
            code=problem.code,
        )
    return [build_plan(f) for f in files]


def load_frameworks(option: str | None) -> list[Framework]:
    """Every framework, validated: the first error stops the command, and so does
    finding no framework at all."""
    from actionplan import cache

    paths = framework_paths(option)
    if not paths:
        raise PlanError(NO_FRAMEWORK)
    # Cached like plans, under a key of their own: a directory read as plans and as
    # frameworks keeps two entries that can never be taken for each other.
    key = cache.fingerprint(paths)
    key = key + ("frameworks",) if key is not None else None
    frameworks = cache.get(key)
    if frameworks is None:
        from actionplan.check import check_frameworks

        files = read_files_at(paths)
        problems, _ = check_frameworks(files, warnings=False)
        if problems:
            p = problems[0]
            raise PlanSyntaxError(p.file, p.line, p.column, p.message, hint=CHECK_HINT)
        frameworks = [build_framework(f) for f in files]
        cache.put(key, frameworks)
    return frameworks


def known_principles(option: str | None) -> set[str]:
    """Every principle id the frameworks define (none when there is no framework), for
    refusing an `aligns` id as check's E011 does (see check.unknown_principle)."""
    if not framework_paths(option):
        return set()
    return {p.id for f in load_frameworks(option) for p in f.principles}


def check_aligns(plans: list[Plan], frameworks: list[Framework]) -> None:
    """Raise the first E011 (an aligns id no framework defines) of the plans, at its
    position; the plan files are read again only when there is one."""
    principles = {p.id for f in frameworks for p in f.principles}
    wrong = [p for p in plans if p.aligned_ids() - principles]
    if not wrong:
        return
    from actionplan.check import alignment_problems

    problems = alignment_problems(read_files_at([Path(p.file) for p in wrong]), principles)
    if problems:
        p = problems[0]
        raise PlanSyntaxError(p.file, p.line, p.column, p.message, hint=CHECK_HINT)


def load_all(option: str | None, paths: list[Path] | None = None) -> tuple[list[Plan], tuple]:
    """Every plan, validated, and the cache key they were read under (paths: the plan
    files, when the caller has found them already)."""
    from actionplan import cache

    paths = plan_paths(find_source(option)) if paths is None else paths
    key = cache.fingerprint(paths)
    plans = cache.get(key)
    if plans is None:
        plans = build_valid(read_files_at(paths))
        cache.put(key, plans)
    return plans, key


def load_plans(
    option: str | None, only: list[str] | tuple[str, ...] = (), tier: str | None = None
) -> list[Plan]:
    """Read, validate and build every plan; the first error is raised as PlanError.

    Validation runs over all files (ids must be unique across plans) before `only`
    narrows the result. Validated plans are cached (see cache.py), so an unchanged plan
    directory is not parsed again. A tier, when given, must be one of the chosen plans'
    (in any case).
    """
    plans = select(load_all(option)[0], only)
    if tier is not None:
        check_tier(plans, tier)
    return plans


def check_tier(plans: list[Plan], tier: str) -> None:
    """Refuse a tier id none of the plans has (ids match in any case)."""
    known = {t.id for p in plans for t in p.tiers}
    if tier.lower() not in {k.lower() for k in known}:
        raise UnknownIdError(
            f"no tier {tier!r}{did_you_mean(tier, known)}; tiers: {', '.join(sorted(known))}"
        )


def select(plans: list[Plan], only: list[str] | tuple[str, ...] = ()) -> list[Plan]:
    """The plans named in only (all when it is empty); an unknown id is an error."""
    if not only:
        return plans
    known = {p.id for p in plans}
    for wanted in only:
        if wanted not in known:
            raise UnknownIdError(f"no plan {wanted!r}{did_you_mean(wanted, known)}")
    return [p for p in plans if p.id in only]


def plan_of(plans: list[Plan], item: Action | Measure) -> Plan:
    """The plan that holds an action or measure of the plans."""
    return next(p for p in plans if p.id == item.plan)


def _matching(by_id: dict[str, Any], wanted: str) -> Any:
    """by_id[wanted], else the one whose id matches in any case; None without one."""
    if wanted in by_id:
        return by_id[wanted]
    return {k.upper(): v for k, v in by_id.items()}.get(wanted.upper())


def find_action(plans: list[Plan], action_id: str) -> Action:
    by_id = {a.id: a for p in plans for a in p.actions}
    found = _matching(by_id, action_id)
    if found is not None:
        return found
    if action_id.upper() in {m.id.upper() for p in plans for m in p.measures}:
        raise UnknownIdError(
            f"{action_id!r} is a measure, not an action ('actionplan measures' shows it, "
            "'actionplan record' records a reading)"
        )
    raise UnknownIdError(f"no action {action_id!r}{did_you_mean(action_id, set(by_id))}")


def find_measure(plans: list[Plan], measure_id: str) -> Measure:
    """A measure by id (case-insensitively when no id matches exactly)."""
    by_id = {m.id: m for p in plans for m in p.measures}
    found = _matching(by_id, measure_id)
    if found is not None:
        return found
    actions = {a.id.upper() for p in plans for a in p.actions}
    if measure_id.upper() in actions:
        raise UnknownIdError(f"{measure_id!r} is an action, not a measure")
    raise UnknownIdError(f"no measure {measure_id!r}{did_you_mean(measure_id, set(by_id))}")


# --- check: every problem -------------------------------------------------------------


class Checked(NamedTuple):
    """What `check` found: the problems to show, and the files they were looked for in
    (the plan files narrowed to the plans asked for, as the user would name them)."""

    problems: list[Problem]
    plan_files: list[str]
    framework_files: list[str]
    settings_file: str | None = None  # actionplan.toml at the git root, when there is one

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_all(
    option: str | None, frameworks_option: str | None, only: list[str] | tuple[str, ...] = ()
) -> Checked:
    """Every problem of every plan file, and of every framework file found; with only,
    the problems of those plans (and still every framework file's)."""
    from actionplan.check import check_files, check_frameworks

    paths = plan_paths(find_source(option))
    stems = {p.stem for p in paths}
    for wanted in only:
        if wanted not in stems:
            raise UnknownIdError(f"no plan {wanted!r}{did_you_mean(wanted, stems)}")
    files, unread = read_checked(paths)
    fw_paths = framework_paths(frameworks_option)
    fw_files, fw_unread = read_checked(fw_paths)
    fw_problems, principles = check_frameworks(fw_files)
    # A framework file that cannot be parsed leaves its principles unknown: the aligns
    # that name them are not reported until it parses again.
    known = None if fw_unread else principles
    # Cross-plan rules (unique ids, depends_on) need every plan, so narrow afterwards;
    # problems of the framework files concern every plan and always show.
    problems = unread + check_files(files, principles=known)
    shown = [p for p in paths if not only or p.stem in only]
    if only:
        keep = {display_path(p) for p in shown}
        problems = [p for p in problems if p.file in keep]
    problems += fw_unread + fw_problems
    settings_file, settings_problems = _check_settings(find_source(option))
    problems += settings_problems
    return Checked(
        problems,
        [display_path(p) for p in shown],
        [display_path(p) for p in fw_paths],
        settings_file,
    )


def _check_settings(source: Path) -> tuple[str | None, list[Problem]]:
    """actionplan.toml at the root of the git work tree holding the plans (the file
    `report` reads), and its problems; (None, []) without one or outside git."""
    from actionplan.briefing import CONFIG_FILE, settings

    root = git_root(source.resolve() if source.is_dir() else source.resolve().parent)
    if root is None:
        return None, []
    path = root / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return None, []
    return display_path(path), settings(root)[1]


def read_checked(paths: list[Path]) -> tuple[list[PlanFile], list[Problem]]:
    """The files that parse, and an E001 problem for each one that does not."""
    from actionplan.check import Problem

    files, problems = [], []
    for path in paths:
        try:
            files.append(read_file(path))
        except PlanSyntaxError as e:
            problems.append(Problem(e.file, e.line, e.column, "error", e.code, e.detail))
    return files, problems
