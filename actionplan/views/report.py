"""What report writes: the board paper's bytes in the format asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from actionplan.views import json_text


def paper_bytes(context: dict[str, Any], fmt: str, template: str | None, repo_root: Path) -> bytes:
    """The paper: the context as JSON (indented: it is read, and kept as a file), Word
    (word.py), or Markdown or HTML through a template (report.render says which)."""
    if fmt == "json":
        return (json_text(context, indent=2) + "\n").encode("utf-8")
    if fmt == "docx":
        from actionplan.word import render_docx

        return render_docx(context)
    from actionplan.report import render

    return render(context, fmt, Path(template) if template else None, repo_root).encode("utf-8")
