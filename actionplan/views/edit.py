"""What update, add, record and move draw: the changes, field by field."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from actionplan.views import Out
from actionplan.views.history import describe_reading

if TYPE_CHECKING:
    from actionplan.edit.run import Done


def edit_json(done: Done, dry_run: bool) -> dict[str, Any]:
    """What the edit did: the id, its plan and file, the changes, whether the file was
    written, the commit, and the diff for a dry run (files: both, for a move between
    plans)."""
    edit = done.edits[-1]
    files = done.files
    doc = {
        "id": edit.action_id,
        "plan": done.plan,
        "file": files[-1],
        "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in edit.changes],
        "written": edit.changed and not dry_run,
        "commit": done.commit,
        "diff": "".join(e.diff() for e in done.edits) if dry_run else None,
    }
    if len(done.edits) > 1:
        doc["files"] = files
    return doc


def render_edit(done: Done, dry_run: bool, out: Out) -> None:
    """The changes (and the diff, for a dry run), or a line on stderr saying nothing
    changed; then, on stderr, that a dry run wrote nothing or the commit made."""
    edit = done.edits[-1]
    shown = " → ".join(done.files)
    if not any(e.changed for e in done.edits):
        sys.stderr.write(
            f"no change: {edit.action_id} already has those values; {shown} is untouched\n"
        )
        return
    render_changes(edit.action_id, shown, edit.changes, out)
    if dry_run:
        sys.stdout.write("".join(e.diff() for e in done.edits))
        sys.stderr.write("dry run: nothing written\n")
    elif done.commit:
        sys.stderr.write(f"committed {done.commit[:12]}\n")


def render_changes(action_id: str, file: str, changes: Sequence, out: Out) -> None:
    """What an update or add changed, one line per field."""
    out.line(f"{action_id} ({file})", "bold")
    for c in changes:
        if c.field == "added":
            out.line(f"  added: {c.new}")
        elif c.field == "evidence":
            e, verb = (c.new, "added") if c.new is not None else (c.old, "removed")
            extra = "".join(f" [{k}: {e[k]}]" for k in ("link", "by") if e.get(k))
            out.line(f"  evidence {verb}: {e['date']}: {e['text']}{extra}")
        elif c.field == "value":
            out.line(f"  {describe_reading(c.old, c.new)}")
        else:
            old, new = (
                "—" if v is None else "[" + ", ".join(v) + "]" if isinstance(v, list) else v
                for v in (c.old, c.new)
            )
            out.line(f"  {c.field}: {old} → {new}")
