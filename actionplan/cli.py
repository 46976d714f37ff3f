"""The command line. Each command parses its options, calls the core and hands the result
to a view. PlanError becomes exit 2 (or its own code) in exactly one place: Group.main.
"""

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated

import typer
from typer import _click as click  # typer 0.28 vendors click; pinned in pyproject.toml
from typer.core import TyperGroup

from actionplan import __version__, views
from actionplan.dates import MAX_DAYS
from actionplan.dates import as_of as parse_as_of
from actionplan.errors import PlanError, did_you_mean
from actionplan.model import PURPOSES, STATUSES, Filters, Status

EXIT_FINDINGS = 1
EXIT_BUG = 70  # EX_SOFTWARE: never 1 (findings) or 2 (user error) for a crash
EXIT_BROKEN_PIPE = 141  # as a shell reports a reader that went away (`| head`)


def _error(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()


def _broken_pipe(exc: BaseException) -> bool:
    """True when exc was raised while handling a closed stdout (typer exits 1 for it)."""
    ctx = exc.__context__
    while ctx is not None:
        if isinstance(ctx, BrokenPipeError):
            # Silence the final flush of the dead pipe at interpreter exit.
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            return True
        ctx = ctx.__context__
    return False


_ARGV: list[str] = []  # the command line being run, to name it in hints


def _every_row(left_out: str = "and {n} more") -> Callable[[int], str]:
    """The line beside a table cut short on a terminal: how many rows are left out, and
    the same command piped, which prints every row."""
    import shlex

    command = shlex.join(["actionplan", *_ARGV])
    return lambda n: f"… {left_out.format(n=n)} (every row: {command} | less)"


class _Interrupted(Exception):
    "Ctrl-C during a command (typer would turn KeyboardInterrupt into a silent exit 130)."


class Group(TyperGroup):
    """Turns every error into one plain line on stderr and the contract's exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted() from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        _ARGV[:] = sys.argv[1:] if args is None else list(args)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except PlanError as e:
            _error(e.message + (f" ({e.hint})" if e.hint else ""))
            code = e.exit_code
        except click.exceptions.NoArgsIsHelpError as e:
            sys.stdout.write(e.ctx.get_help() + "\n")
            code = 2
        except click.exceptions.ClickException as e:
            cmd = e.ctx.command_path if getattr(e, "ctx", None) else "actionplan"
            msg = e.format_message()
            _error(f"{msg[:1].lower()}{msg[1:]} (see '{cmd} --help')")
            code = e.exit_code
        except (typer.Abort, KeyboardInterrupt, _Interrupted):
            _error("interrupted")
            code = 130
        except SystemExit as e:
            if not _broken_pipe(e):
                raise
            code = EXIT_BROKEN_PIPE
        except BrokenPipeError:
            code = EXIT_BROKEN_PIPE
        except Exception as e:  # the one place a crash is caught: report it as a bug
            _error(
                f"internal error: {type(e).__name__}: {e}. This is a bug in actionplan "
                f"{__version__}; please report it with the command you ran."
            )
            code = EXIT_BUG
        else:
            code = rv if isinstance(rv, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=Group,
    name="actionplan",
    help="Keep a strategy's action plan as TOML under git: status, updates, overdue "
    "actions and board papers.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


def _known_ids(ctx: typer.Context, kind: str) -> list[str]:
    """Plan, action or measure ids for shell completion. Never fails: a plan that is half-edited
    (or anything else amiss) just offers fewer ids."""
    try:
        from actionplan.planfiles import find_source, plan_paths, read_file

        paths = plan_paths(find_source(ctx.params.get("plans")))
        if kind == "plan":
            return [p.stem for p in paths]
        ids = []
        for path in paths:
            try:
                data = read_file(path).data
            except Exception:
                continue
            table = "measures" if kind == "measure" else "actions"
            items = data.get(table) if isinstance(data.get(table), list) else []
            ids += [a["id"] for a in items if isinstance(a, dict) and isinstance(a.get("id"), str)]
        return ids
    except Exception:
        return []


def _complete_plans(ctx: typer.Context, incomplete: str) -> list[str]:
    return [p for p in _known_ids(ctx, "plan") if p.startswith(incomplete)]


def _complete_actions(ctx: typer.Context, incomplete: str) -> list[str]:
    return [a for a in _known_ids(ctx, "action") if a.upper().startswith(incomplete.upper())]


def _complete_frameworks(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        from actionplan.planfiles import framework_paths

        stems = [p.stem for p in framework_paths(ctx.params.get("frameworks"))]
    except Exception:
        return []
    return [s for s in stems if s.startswith(incomplete)]


def _complete_measures(ctx: typer.Context, incomplete: str) -> list[str]:
    return [m for m in _known_ids(ctx, "measure") if m.upper().startswith(incomplete.upper())]


def _complete_targets(ctx: typer.Context, incomplete: str) -> list[str]:
    return (
        _complete_plans(ctx, incomplete)
        + _complete_actions(ctx, incomplete)
        + _complete_measures(ctx, incomplete)
    )


PlansOpt = Annotated[
    str | None,
    typer.Option(
        "--plans",
        metavar="PATH",
        help="Plans directory or one plan file [default: $ACTIONPLAN_PLANS, ./plans, "
        "or plans/ at the git root]",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Judge overdue, late and RAG as of this date, YYYY-MM-DD "
        "[default: $ACTIONPLAN_TODAY or today]",
        show_default=False,
    ),
]
FrameworksOpt = Annotated[
    str | None,
    typer.Option(
        "--frameworks",
        metavar="PATH",
        help="Frameworks directory or one framework file [default: $ACTIONPLAN_FRAMEWORKS, "
        "./frameworks, or frameworks/ at the git root]",
        show_default=False,
    ),
]
FormatOpt = Annotated[TableOrJson, typer.Option("--format", "-f", help="Output format.")]
PlanArgs = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[PLAN]...",
        help="Plan ids to narrow to.",
        show_default=False,
        autocompletion=_complete_plans,
    ),
]
TierOpt = Annotated[str | None, typer.Option("--tier", metavar="ID", help="Only this tier.")]
OwnerOpt = Annotated[
    str | None, typer.Option("--owner", metavar="TEXT", help="Only owners containing TEXT.")
]
StatusOpt = Annotated[
    str | None,
    typer.Option("--status", metavar="STATUS", help="Only this status: " + ", ".join(STATUSES)),
]
NewStatusOpt = Annotated[
    str | None,
    typer.Option("--status", metavar="STATUS", help="New status: " + ", ".join(STATUSES)),
]
EditAsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Today's date for this edit, YYYY-MM-DD: the default --date "
        "[default: $ACTIONPLAN_TODAY or today]",
        show_default=False,
    ),
]


FrameworkArgs = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[FRAMEWORK]...",
        help="Framework ids (file stems) to narrow to.",
        show_default=False,
        autocompletion=_complete_frameworks,
    ),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"actionplan {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Keep a strategy's action plan as TOML under git: status, updates, overdue
    actions and board papers."""


def _status(value: str | None) -> Status | None:
    if value is None:
        return None
    if value not in STATUSES:
        raise PlanError(
            f"unknown status {value!r}{did_you_mean(value, set(STATUSES))}; "
            f"valid: {', '.join(STATUSES)}"
        )
    return Status(value)


def _filters(plans, tier, owner, status, overdue=False, exceptions=False) -> Filters:
    return Filters(tuple(plans or ()), tier, owner, _status(status), overdue, exceptions)


@app.command()
def status(
    plan_ids: PlanArgs = None,
    tier: TierOpt = None,
    owner: OwnerOpt = None,
    status: StatusOpt = None,
    plans: PlansOpt = None,
    as_of: AsOfOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Where each plan stands: counts by status per tier, % complete, overdue, and the
    exceptions (off-track, at-risk, overdue) with owner, due date and latest evidence.

    Example: actionplan status kent --tier T2
    """
    from actionplan.load import load_plans
    from actionplan.model import summarise
    from actionplan.views.actions import render_status, summary_json

    day = parse_as_of(as_of)
    filters = _filters(plan_ids, tier, owner, status)
    summary = summarise(load_plans(plans, plan_ids or (), tier), filters, day)
    if format == TableOrJson.json:
        views.emit_json(summary_json(summary, day))
        return

    def every(plan_id: str) -> str:
        # The command that lists every exception of the plan under the same filters.
        return _command(
            "list", plan_id, "--exceptions", tier=tier, owner=owner, status=status,
            plans=plans, as_of=as_of,
        )  # fmt: skip

    render_status(summary, day, views.Out(), every)


def _command(name: str, *args: str, **options: str | None) -> str:
    """An actionplan command line with the options that were given (as_of is --as-of),
    quoted for a POSIX shell."""
    import shlex

    words = ["actionplan", name, *args]
    for option, value in options.items():
        if value is not None:
            words += [f"--{option.replace('_', '-')}", value]
    return shlex.join(words)


@app.command("list")
def list_(
    plan_ids: PlanArgs = None,
    tier: TierOpt = None,
    owner: OwnerOpt = None,
    status: StatusOpt = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    exceptions: Annotated[
        bool,
        typer.Option(
            "--exceptions", help="Only exceptions: off-track, at-risk or overdue (as status)."
        ),
    ] = False,
    plans: PlansOpt = None,
    as_of: AsOfOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Every matching action, one row each, in plan order.

    Example: actionplan list leicestershire --tier T2 --owner "CAMHS board"
    """
    from actionplan.load import load_plans
    from actionplan.views.actions import actions_json, render_list

    day = parse_as_of(as_of)
    filters = _filters(plan_ids, tier, owner, status, overdue, exceptions)
    loaded = load_plans(plans, plan_ids or (), tier)
    actions = filters.select(loaded, day)
    if format == TableOrJson.json:
        views.emit_json(actions_json(actions, day))
    else:
        render_list(actions, day, views.Out(), plan_column=len(loaded) > 1, more=_every_row())


@app.command()
def show(
    action_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="An action id, e.g. KEN-3.", autocompletion=_complete_actions
        ),
    ],
    plans: PlansOpt = None,
    as_of: AsOfOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """One action in full: its fields, evidence, dependencies and, inside a git
    repository, its history.

    Example: actionplan show LEI-T2-01
    """
    from actionplan.history import action_history
    from actionplan.load import find_action, load_plans, plan_of
    from actionplan.views.actions import render_show, show_json

    day = parse_as_of(as_of)
    loaded = load_plans(plans)
    action = find_action(loaded, action_id)
    with views.Progress("Reading history") as bar:
        history, note = action_history(plans, action.id, on_commit=bar)
    if format == TableOrJson.json:
        views.emit_json(show_json(action, day, history, note))
    else:
        more = _every_row("{n} earlier changes")
        render_show(action, plan_of(loaded, action), day, history, views.Out(), more, note)


@app.command()
def overdue(
    plan_ids: PlanArgs = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            metavar="DAYS",
            min=0,
            max=MAX_DAYS,
            help="Also list actions due in the next DAYS days.",
        ),
    ] = None,
    plans: PlansOpt = None,
    as_of: AsOfOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Overdue actions, oldest first. Exits 1 when anything is overdue, 0 otherwise.

    Example: actionplan overdue --within 30
    """
    from actionplan.load import load_plans
    from actionplan.model import actions_due_within, overdue_actions
    from actionplan.views.actions import overdue_json, render_overdue

    day = parse_as_of(as_of)
    loaded = load_plans(plans, plan_ids or ())
    late = overdue_actions(loaded, day)
    soon = actions_due_within(loaded, day, within) if within is not None else None
    if format == TableOrJson.json:
        views.emit_json(overdue_json(late, soon, day, within))
    else:
        render_overdue(late, soon, day, within, views.Out(), _every_row())
    raise typer.Exit(EXIT_FINDINGS if late else 0)


class ChaseFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


@app.command()
def chase(
    plan_ids: PlanArgs = None,
    owner: Annotated[
        str | None,
        typer.Option("--owner", metavar="TEXT", help="Only owners whose name holds TEXT."),
    ] = None,
    within: Annotated[
        int,
        typer.Option(
            "--within", metavar="DAYS", min=0, max=MAX_DAYS, help="Chase what falls due this soon."
        ),
    ] = 30,
    stale: Annotated[
        int,
        typer.Option(
            "--stale",
            metavar="DAYS",
            min=0,
            max=MAX_DAYS,
            help="Chase open actions with no evidence this long.",
        ),
    ] = 90,
    plans: PlansOpt = None,
    as_of: AsOfOpt = None,
    format: Annotated[
        ChaseFormat, typer.Option("--format", "-f", help="Output format (md: an email per owner).")
    ] = ChaseFormat.table,
) -> None:
    """What to chase, owner by owner: overdue actions (days late), actions due soon, open
    actions with no evidence for a while, late measure readings. Exits 1 when anything
    is overdue or late, 0 otherwise.

    Example: actionplan chase --as-of 2009-06-30 --format md
    """
    import gc

    from actionplan.chase import any_late
    from actionplan.chase import chase as chase_list
    from actionplan.load import load_plans
    from actionplan.views.chase import chase_json, chase_markdown, render_chase

    # Reading the plans and writing what to chase make tens of thousands of records,
    # dicts and lists and no reference cycles; left on, the cycle collector would walk
    # them dozens of times over (a fifth of the command's own time on 1,000 actions).
    gc.disable()
    day = parse_as_of(as_of)
    groups = chase_list(load_plans(plans, plan_ids or ()), day, within, stale, owner)
    if format == ChaseFormat.json:
        views.emit_json(chase_json(groups, day))
    elif format == ChaseFormat.md:
        sys.stdout.write(chase_markdown(groups, day, within, stale))
    else:
        render_chase(groups, day, within, stale, views.Out())
    raise typer.Exit(EXIT_FINDINGS if any_late(groups) else 0)


@app.command()
def coverage(
    framework_ids: FrameworkArgs = None,
    plans: PlansOpt = None,
    frameworks: FrameworksOpt = None,
    as_of: AsOfOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """How the plans serve each framework: principles (rows, by section) against plans
    and tiers, the number of aligned actions in each cell, each principle's RAG roll-up
    and the actions serving it, and the gaps first. Exits 1 when a principle is not
    served by any action, 0 otherwise.

    Example: actionplan coverage scotland-community-supports --as-of 2022-06-30
    """
    from actionplan.coverage import has_gaps, load_coverage
    from actionplan.views.coverage import render_coverage

    day = parse_as_of(as_of)
    doc = load_coverage(plans, frameworks, framework_ids or (), day)
    if format == TableOrJson.json:
        views.emit_json(doc)
    else:
        render_coverage(doc, views.Out())
    raise typer.Exit(EXIT_FINDINGS if has_gaps(doc) else 0)


@app.command()
def check(
    plan_ids: PlanArgs = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    plans: PlansOpt = None,
    frameworks: FrameworksOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Validate every plan, and every framework file found: one line per problem,
    `path:line:col: severity CODE message`. Exits 1 on errors (and on warnings with
    --strict), 0 when clean.

    Example: actionplan check --strict
    """
    from actionplan.load import check_all
    from actionplan.views.check import check_json, render_check

    found = check_all(plans, frameworks, plan_ids or ())
    if format == TableOrJson.json:
        views.emit_json(check_json(found))
    else:
        render_check(found, views.Out(), views.Out(sys.stderr))
    failed = found.errors or (strict and found.warnings)
    raise typer.Exit(EXIT_FINDINGS if failed else 0)


@app.command()
def measures(
    plan_ids: PlanArgs = None,
    tier: TierOpt = None,
    owner: OwnerOpt = None,
    rag: Annotated[
        str | None,
        typer.Option("--rag", metavar="RAG", help="Only this RAG: green, amber, red, grey."),
    ] = None,
    late: Annotated[bool, typer.Option("--late", help="Only measures with a late reading.")] = (
        False
    ),
    plans: PlansOpt = None,
    as_of: AsOfOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Outcome measures: each one's latest reading against the value expected by then
    and its target, its RAG, trend, and whether a reading is late (with a sparkline of
    the recent readings on a terminal).

    Example: actionplan measures --late --as-of 2009-06-30
    """
    from actionplan.load import load_plans
    from actionplan.measures import MeasureFilters
    from actionplan.views.measures import measures_json, render_measures

    day = parse_as_of(as_of)
    _rag(rag)
    loaded = load_plans(plans, plan_ids or (), tier)
    kept = MeasureFilters(tuple(plan_ids or ()), tier, owner, rag, late).select(loaded, day)
    if format == TableOrJson.json:
        views.emit_json(measures_json(kept, day))
    else:
        render_measures(kept, day, views.Out(), plan_column=len(loaded) > 1, more=_every_row())


def _rag(value: str | None) -> None:
    """Refuse a --rag value that is not a RAG."""
    from actionplan.measures import RAGS

    if value is not None and value not in RAGS:
        raise PlanError(
            f"unknown RAG {value!r}{did_you_mean(value, set(RAGS))}; valid: {', '.join(RAGS)}"
        )


CommitOpt = Annotated[bool, typer.Option("--commit", help="Commit the plan file (only it) to git.")]
MessageOpt = Annotated[
    str | None,
    typer.Option("--message", "-m", metavar="MSG", help="Commit message [default: the change]"),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show the diff; write and commit nothing.")
]


# The fields update and add both set.
StartOpt = Annotated[
    str | None, typer.Option("--start", metavar="DATE", help="Start date, YYYY-MM-DD.")
]
NotesOpt = Annotated[
    str | None,
    typer.Option("--notes", metavar="TEXT", help="Notes (newlines make a multi-line string)."),
]
SourceOpt = Annotated[
    str | None,
    typer.Option("--source", metavar="TEXT", help="Document and section it comes from."),
]
MitigationOpt = Annotated[
    str | None,
    typer.Option("--mitigation", metavar="TEXT", help="What is being done about an exception."),
]
DecisionOpt = Annotated[
    str | None,
    typer.Option("--decision", metavar="TEXT", help="What the board is asked to decide."),
]
EveryOpt = Annotated[
    str | None,
    typer.Option(
        "--every", metavar="PERIOD", help="Recur every month, quarter or year (due is the first)."
    ),
]


def _many(name: str, metavar: str, text: str) -> typer.models.OptionInfo:
    return typer.Option(name, metavar=metavar, help=f"{text} (repeatable).", show_default=False)


TagOpt = Annotated[list[str] | None, _many("--tag", "TAG", "Add a tag")]
DependsOnOpt = Annotated[
    list[str] | None, _many("--depends-on", "ID", "Add an action it depends on")
]
AlignOpt = Annotated[list[str] | None, _many("--align", "PRINCIPLE", "Add a principle it serves")]


@app.command()
def update(
    action_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The action to edit.", autocompletion=_complete_actions),
    ],
    status: NewStatusOpt = None,
    owner: Annotated[str | None, typer.Option("--owner", metavar="TEXT", help="New owner.")] = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="DATE", help="New due date, YYYY-MM-DD.")
    ] = None,
    start: StartOpt = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="New title.")] = None,
    notes: NotesOpt = None,
    source: SourceOpt = None,
    mitigation: MitigationOpt = None,
    decision: DecisionOpt = None,
    every: EveryOpt = None,
    tag: TagOpt = None,
    untag: Annotated[list[str] | None, _many("--untag", "TAG", "Take a tag out")] = None,
    depends_on: DependsOnOpt = None,
    no_depends_on: Annotated[
        list[str] | None, _many("--no-depends-on", "ID", "Take a dependency out")
    ] = None,
    align: AlignOpt = None,
    unalign: Annotated[
        list[str] | None, _many("--unalign", "PRINCIPLE", "Take a principle out")
    ] = None,
    clear: Annotated[
        list[str] | None,
        _many("--clear", "FIELD", "Take an optional field out, e.g. --clear decision"),
    ] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", metavar="TEXT", help="Add an evidence item.")
    ] = None,
    link: Annotated[
        str | None, typer.Option("--link", metavar="URL", help="The evidence's link.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="The evidence's date [default: the as-of date]"
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="TEXT", help="Who recorded the evidence.")
    ] = None,
    frameworks: FrameworksOpt = None,
    remove_evidence: Annotated[
        int | None,
        typer.Option(
            "--remove-evidence",
            metavar="N",
            help="Take out evidence item N (numbered from 1, as show lists them).",
        ),
    ] = None,
    commit: CommitOpt = False,
    message: MessageOpt = None,
    dry_run: DryRunOpt = False,
    plans: PlansOpt = None,
    as_of: EditAsOfOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Edit one action in place and print what changed (old → new). Only the lines for
    the changed fields move; setting a value the action already has changes nothing.

    Example: actionplan update LEI-T2-01 --status at-risk --evidence "Paper deferred" --commit
    """
    from actionplan.edit.requests import update_request
    from actionplan.edit.run import update_action

    request = update_request(
        parse_as_of(as_of),
        status=status,
        owner=owner,
        due=due,
        start=start,
        title=title,
        notes=notes,
        source=source,
        mitigation=mitigation,
        decision=decision,
        every=every,
        tag=tag,
        untag=untag,
        depends_on=depends_on,
        no_depends_on=no_depends_on,
        align=align,
        unalign=unalign,
        clear=clear,
        evidence=evidence,
        link=link,
        on=date,
        by=by,
        remove_evidence=remove_evidence,
    )
    done = update_action(
        plans, action_id, request, frameworks, dry_run=dry_run, commit=commit, message=message
    )
    _show_edit(done, dry_run, format)


@app.command()
def add(
    plan: Annotated[
        str,
        typer.Argument(
            metavar="PLAN", help="The plan id, e.g. kent.", autocompletion=_complete_plans
        ),
    ],
    tier: Annotated[str, typer.Option("--tier", metavar="ID", help="The tier id.")],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The action's title.")],
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="TEXT", help="Who leads it.")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="DATE", help="Due date, YYYY-MM-DD.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Its status [default: not-started]: " + ", ".join(STATUSES),
            show_default=False,
        ),
    ] = None,
    start: StartOpt = None,
    notes: NotesOpt = None,
    source: SourceOpt = None,
    mitigation: MitigationOpt = None,
    decision: DecisionOpt = None,
    every: EveryOpt = None,
    tag: TagOpt = None,
    depends_on: DependsOnOpt = None,
    align: AlignOpt = None,
    frameworks: FrameworksOpt = None,
    action_id: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="ID", help="The new id [default: the next in the plan's pattern]"
        ),
    ] = None,
    commit: CommitOpt = False,
    message: MessageOpt = None,
    dry_run: DryRunOpt = False,
    plans: PlansOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Append a new action to a plan, after the last action of its tier, with the next
    free id in the plan's own pattern (KEN-8 after KEN-7, LEI-T2-07 after LEI-T2-06).

    Example: actionplan add kent --tier T2 --title "Pilot school counselling" --due 2009-03-31
    """
    from actionplan.edit.requests import add_values
    from actionplan.edit.run import add_action

    values = add_values(
        status=status,
        owner=owner,
        due=due,
        start=start,
        notes=notes,
        source=source,
        mitigation=mitigation,
        decision=decision,
        every=every,
        tag=tag,
        depends_on=depends_on,
        align=align,
    )
    done = add_action(
        plans, plan, tier, title, values, action_id, frameworks,
        dry_run=dry_run, commit=commit, message=message,
    )  # fmt: skip
    _show_edit(done, dry_run, format)


@app.command(context_settings={"ignore_unknown_options": True})
def record(
    measure_id: Annotated[
        str,
        typer.Argument(
            metavar="MEASURE", help="The measure's id.", autocompletion=_complete_measures
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The reading: a number such as 42, -3.5 or 0.25 (12.5% for a measure in %).",
        ),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="The date the reading is for [default: the as-of date]"
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note, e.g. 'Q1 return'.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the reading already on that date.")
    ] = False,
    commit: CommitOpt = False,
    message: MessageOpt = None,
    dry_run: DryRunOpt = False,
    plans: PlansOpt = None,
    as_of: EditAsOfOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Record a reading of a measure, in date order among its readings and in the
    plan's own style; only those lines move. A date that already has a reading is
    refused unless --replace.

    Example: actionplan record LEI-M1 88.5 --date 2009-03-31 --note "2008/09 return" --commit
    """
    from actionplan.edit.run import record_reading

    done = record_reading(
        plans, measure_id, value, date, note, as_of, replace,
        dry_run=dry_run, commit=commit, message=message,
    )  # fmt: skip
    _show_edit(done, dry_run, format)


@app.command()
def move(
    action_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The action to move.", autocompletion=_complete_actions),
    ],
    tier: Annotated[str, typer.Option("--tier", metavar="ID", help="The tier it goes to.")],
    to_plan: Annotated[
        str | None,
        typer.Option(
            "--to-plan",
            metavar="PLAN",
            help="The plan it goes to [default: its own]",
            autocompletion=_complete_plans,
        ),
    ] = None,
    commit: Annotated[
        bool, typer.Option("--commit", help="Commit the plan files (only them) in one commit.")
    ] = False,
    message: MessageOpt = None,
    dry_run: DryRunOpt = False,
    plans: PlansOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Move an action, its whole block (comments, evidence and all), to the end of a
    tier, in its own plan or another one; it keeps its id, so history follows it.

    Example: actionplan move KEN-3 --tier T2 --to-plan leicestershire --commit
    """
    from actionplan.edit.run import move_action

    done = move_action(
        plans, action_id, tier, to_plan, dry_run=dry_run, commit=commit, message=message
    )
    _show_edit(done, dry_run, format)


def _show_edit(done, dry_run: bool, format: TableOrJson) -> None:
    """What an update, add, record or move did: JSON, or the changes (and the diff for a
    dry run)."""
    from actionplan.views.edit import edit_json, render_edit

    if format == TableOrJson.json:
        views.emit_json(edit_json(done, dry_run))
    else:
        render_edit(done, dry_run, views.Out())


UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="REV", help="Up to this date or revision [default: HEAD]"),
]
AllowShallowOpt = Annotated[
    bool,
    typer.Option("--allow-shallow", help="Read a shallow clone's partial history (and say so)."),
]


@app.command()
def history(
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID or PLAN]",
            help="An action id, a measure id or a plan id.",
            show_default=False,
            autocompletion=_complete_targets,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="REV", help="After this date (YYYY-MM-DD) or revision."),
    ] = None,
    until: UntilOpt = None,
    allow_shallow: AllowShallowOpt = False,
    plans: PlansOpt = None,
    format: FormatOpt = TableOrJson.table,
) -> None:
    """Change events from git: who changed what, when, in which commit. Changes are
    tracked by action (and measure) id, so renamed plan files and moved actions are
    followed, and a change merged from a branch is credited to the commit that made it.

    Example: actionplan history LEI-T2-01 --since 2009-06-30
    """
    from actionplan.history import span
    from actionplan.views.history import history_json, render_history

    found = span(plans, since, until, allow_shallow)
    with views.Progress("Reading history") as bar:
        events = found.events(target, on_commit=bar)
    if format == TableOrJson.json:
        views.emit_json(history_json(found, events))
    else:
        more = _every_row("{n} earlier changes")
        render_history([e.to_json() for e in events], views.Out(), more=more)
    if found.repo.shallow:
        views.warn(["shallow clone: this history is partial"])


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"
    docx = "docx"


Purpose = StrEnum("Purpose", {p: p for p in PURPOSES})


@app.command()
def report(
    plan_ids: PlanArgs = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Start after this date or revision [default: the latest board/* tag, "
            "else the whole history]",
            show_default=False,
        ),
    ] = None,
    until: UntilOpt = None,
    template: Annotated[
        str | None, typer.Option("--template", metavar="FILE", help="Your own Jinja2 template.")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically).")
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", metavar="TEXT", help="The meeting the paper is for."),
    ] = None,
    author: Annotated[
        str | None, typer.Option("--author", metavar="TEXT", help="Who wrote the paper.")
    ] = None,
    purpose: Annotated[
        Purpose | None,
        typer.Option(
            "--purpose",
            help="What the board is asked to do [default: [report] purpose in "
            "actionplan.toml, else information]",
            show_default=False,
        ),
    ] = None,
    allow_shallow: AllowShallowOpt = False,
    plans: PlansOpt = None,
    frameworks: FrameworksOpt = None,
    as_of: AsOfOpt = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReportFormat.md
    ),
) -> None:
    """The board paper: cover with the meeting, author and purpose, the recommendation,
    an executive summary, the summary with direction of travel, exceptions with what is
    being done and the decisions sought, outcome measures (when the plans have any),
    framework coverage (when actions align to a framework), changes in the period (who
    and when), what is coming up, status over time, a RAG key and an appendix. By
    default it covers everything since the latest board/* tag. Markdown, HTML, Word
    (docx) or JSON.

    Example: actionplan report --purpose decision --format docx -o board-paper.docx
    """
    from pathlib import Path

    from actionplan import report as paper
    from actionplan.briefing import cover
    from actionplan.views.report import paper_bytes

    target = Path(output) if output else None
    paper.refuse(target, format.value, template)
    day = parse_as_of(as_of) if as_of else None
    repo, source = paper.repository(plans, allow_shallow)
    settings, warnings = cover(repo.root, meeting, author, purpose.value if purpose else None)
    views.warn(f"{w.location()}: {w.code} {w.message}" for w in warnings)
    with views.Progress("Reading history") as bar:
        context = paper.build_in(
            repo,
            source,
            since,
            until,
            day,
            tuple(plan_ids or ()),
            today=parse_as_of(None),
            cover=settings,
            on_commit=bar,
            frameworks_option=frameworks,
        )
    views.warn(paper.caveats(context, repo, source, until))
    data = paper_bytes(context, format.value, template, repo.root)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        paper.write_paper(target, data)
        sys.stderr.write(f"wrote {output}\n")
    if context["shallow"]:
        views.warn(["shallow clone: the report's history is partial"])


@app.command()
def schema(
    framework: Annotated[
        bool,
        typer.Option("--framework", help="The framework file format's schema instead."),
    ] = False,
) -> None:
    """Print the JSON Schema of the plan file format (every key, the optional version-2
    keys included), or with --framework of the framework file format, for editors and CI.

    Example: actionplan schema > plan.schema.json
    """
    import json

    from actionplan.schema import framework_json_schema, json_schema

    doc = framework_json_schema() if framework else json_schema()
    # Indented: this output is usually saved as a file (schema/*-v1.schema.json).
    sys.stdout.write(json.dumps(doc, indent=2) + "\n")


def exit_on_sigterm() -> None:
    """Let SIGTERM (a CI job cancelled, a service stopped) unwind like Ctrl-C, so that an
    interrupted write removes its temp file and leaves the plan whole."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def main() -> None:
    import gc

    exit_on_sigterm()
    # What is imported by now (typer, click, actionplan) lives as long as the process:
    # spare the collector walking it again on each full collection, which a command
    # building a large JSON document triggers (~15 ms of a 1,000-action coverage).
    gc.freeze()
    try:
        app()
    finally:
        # And what the command built (the plans, its document) lives until the process
        # exits: freezing it spares the full collection at interpreter shutdown from
        # walking it all once more (~10 ms of a 1,000-action chase or status in JSON).
        gc.freeze()
