"""Plain English for the papers and summaries: a count with its noun, a list joined with
"and"."""

from __future__ import annotations


def counted(count: int, one: str, many: str | None = None) -> str:
    """'1 action', '3 actions' ('2 matters' with many for an irregular plural)."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def joined(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
