"""Everything that talks to git: resolving revisions safely, reading the plan files'
history, committing a plan file.

git runs as a plain subprocess with argument lists (never a shell). Anything a user
typed reaches git only after `rev-parse --verify --end-of-options` has turned it into a
commit id, or as a path after `--`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from actionplan.errors import GitError


def run_git(
    cwd: Path, *args: str, check: bool = True, input: bytes | None = None
) -> subprocess.CompletedProcess:
    try:
        r = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=input,
            capture_output=True,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if check and r.returncode:
        raise GitError(_git_message(args, r.stderr))
    return r


def _git_message(args: tuple[str, ...], stderr: bytes) -> str:
    lines = [x for x in stderr.decode("utf-8", "replace").splitlines() if x.strip()]
    fatal = [x for x in lines if x.startswith(("fatal:", "error:"))]
    detail = (fatal or lines or ["failed"])[0]
    for prefix in ("fatal: ", "error: "):
        detail = detail.removeprefix(prefix)
    return f"git {args[0]}: {detail}"


def work_tree(path: Path) -> Path:
    """The root of the git work tree holding path (a file or directory)."""
    where = path if path.is_dir() else path.parent
    r = run_git(where, "rev-parse", "--show-toplevel", check=False)
    if r.returncode:
        raise GitError(f"{where} is not inside a git repository")
    return Path(r.stdout.decode().strip())


def _identity_missing(root: Path) -> list[str]:
    missing = []
    for what, env in (("name", "GIT_AUTHOR_NAME"), ("email", "GIT_AUTHOR_EMAIL")):
        if os.environ.get(env) or os.environ.get(env.replace("AUTHOR", "COMMITTER")):
            continue
        if run_git(root, "config", "--get", f"user.{what}", check=False).returncode:
            missing.append(what)
    return missing


def commit_file(path: Path, message: str) -> str:
    """Commit only this file (whatever else is staged stays staged); return the commit id.

    Refuses to commit without a configured identity rather than let git invent one
    from the user and host names.
    """
    real = Path(os.path.realpath(path))
    root = work_tree(real)
    try:
        rel = real.relative_to(Path(os.path.realpath(root)))
    except ValueError:
        raise GitError(f"{real} is outside the git work tree {root}") from None
    missing = _identity_missing(root)
    if missing:
        raise GitError(
            f"no git identity: set it with git config user.{missing[0]} "
            f"(and user.{'email' if missing[0] == 'name' else 'name'})"
        )
    tracked = run_git(root, "ls-files", "--error-unmatch", "--", str(rel), check=False)
    if tracked.returncode:
        run_git(root, "add", "--intent-to-add", "--", str(rel))
    r = run_git(
        root,
        "-c", "user.useConfigOnly=true",
        "commit", "--quiet", "--only", "-m", message, "--", str(rel),
        check=False,
    )  # fmt: skip
    if r.returncode:
        text = r.stderr.decode("utf-8", "replace")
        if "index.lock" in text:
            raise GitError("git commit: the index is locked (is another git command running?)")
        raise GitError(_git_message(("commit",), r.stderr))
    return run_git(root, "rev-parse", "HEAD").stdout.decode().strip()
