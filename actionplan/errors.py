"""The errors a user can cause. Each carries its exit code; cli.py turns them into one line."""

from __future__ import annotations


class PlanError(Exception):
    """Something the user asked for or wrote is wrong (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class PlanSyntaxError(PlanError):
    """A plan file is not valid TOML, or not a valid plan. code is its check code."""

    def __init__(
        self,
        file: str,
        line: int,
        column: int,
        detail: str,
        hint: str | None = None,
        code: str = "E001",
    ) -> None:
        super().__init__(f"{file}:{line}:{column}: {detail}", hint)
        self.file, self.line, self.column, self.detail = file, line, column, detail
        self.code = code


class UnknownIdError(PlanError):
    "No plan or action has that id."


class BadDateError(PlanError):
    "A date was not in the accepted form."


class GitError(PlanError):
    "Git is missing, or the repository cannot give what the command needs."


class ShallowHistoryError(GitError):
    "The clone is shallow, so the history would be partial."


class TemplateError(PlanError):
    "The report template could not be loaded or rendered."


class EditError(PlanError):
    "An edit could not be made safely; the plan file is unchanged."


def did_you_mean(word: str, candidates: list[str] | set[str]) -> str:
    """A ' (did you mean X?)' suffix, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f" (did you mean {close[0]!r}?)" if close else ""
