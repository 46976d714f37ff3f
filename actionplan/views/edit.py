"""What update, add, record and move draw: the changes, field by field."""

from __future__ import annotations

from collections.abc import Sequence

from actionplan.views import Out
from actionplan.views.history import describe_reading


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
