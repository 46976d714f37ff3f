"""The only room that runs git: the repository, revisions resolved safely, the log
stream, the object reader, and committing a plan file.

git runs as a plain subprocess with argument lists, never a shell. Anything a user typed
reaches git only as `rev-parse --verify --quiet --end-of-options REV^{commit}` (which
turns it into a commit id or refuses it) or as a path after `--`.

GitPython is not used: importing it costs ~80 ms, twice typer itself, and its
persistent object reader speaks the same `cat-file --batch` protocol as the few lines
in `Objects` below.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from actionplan.dates import looks_like_date, parse_date
from actionplan.errors import GitError, PlanError, ShallowHistoryError

if TYPE_CHECKING:
    import threading


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}


def run_git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=_env())
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


# --- the repository ------------------------------------------------------------------


def work_tree(path: Path) -> Path:
    """The root of the git work tree holding path (a file or directory)."""
    where = path if path.is_dir() else path.parent
    r = run_git(where, "rev-parse", "--show-toplevel", check=False)
    if r.returncode:
        raise GitError(f"{where} is not inside a git repository, so there is no history to read")
    return Path(r.stdout.decode().strip())


class Repo(NamedTuple):
    root: Path
    head: str  # commit id
    shallow: bool
    detached: bool


def open_repo(plans: Path, allow_shallow: bool = False) -> Repo:
    """The repository holding the plans, refusing a shallow clone unless allowed."""
    root = work_tree(plans)
    r = run_git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    if r.returncode:
        raise GitError(
            f"the repository at {root} has no commits yet, so there is no history to read"
        )
    head = r.stdout.decode().strip()
    shallow = run_git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    if shallow and not allow_shallow:
        raise ShallowHistoryError(
            "this is a shallow clone, so the history (and any report) would be partial: "
            "fetch all of it with `git fetch --unshallow` (in CI: actions/checkout with "
            "fetch-depth: 0, or GIT_DEPTH: 0 on GitLab), or pass --allow-shallow"
        )
    detached = run_git(root, "symbolic-ref", "--quiet", "HEAD", check=False).returncode != 0
    return Repo(root, head, shallow, detached)


_BAD_REV = re.compile(r"^-|[\x00-\x1f\x7f]")


def resolve(repo: Repo, rev: str) -> str:
    """A user's revision as a commit id. Never passed to git as an option."""
    if not rev or _BAD_REV.search(rev):
        raise PlanError(f"bad revision {rev!r}: give a date (YYYY-MM-DD), tag, branch or commit")
    r = run_git(
        repo.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}",
        check=False,
    )  # fmt: skip
    if r.returncode:
        raise PlanError(f"unknown revision {rev!r}: not a date (YYYY-MM-DD), tag, branch or commit")
    return r.stdout.decode().strip()


def latest_board_tag(repo: Repo, tip: str) -> tuple[str, str] | None:
    """(tag, commit id) of the newest board/* tag that is an ancestor of tip."""
    r = run_git(
        repo.root, "tag", "--list", "board/*", "--merged", tip,
        "--sort=-creatordate", "--format=%(refname:short)%00%(objectname)%00%(*objectname)",
    )  # fmt: skip
    for line in r.stdout.decode().splitlines():
        name, obj, peeled = line.split("\0")
        return name, peeled or obj
    return None


def dirty_plans(repo: Repo, plans: Path) -> bool:
    rel = plans_path(repo, plans)
    r = run_git(repo.root, "status", "--porcelain", "--", rel or ".", check=False)
    return bool(r.stdout.strip())


def plans_path(repo: Repo, plans: Path) -> str:
    try:
        return Path(os.path.realpath(plans)).relative_to(os.path.realpath(repo.root)).as_posix()
    except ValueError:
        raise GitError(f"{plans} is outside the git work tree {repo.root}") from None


# --- reading objects -----------------------------------------------------------------


class Objects:
    """One persistent `git cat-file --batch`: ask for an object, read its bytes."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=root,
            bufsize=1 << 16,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_env(),
        )
        self.writer: threading.Thread | None = None  # a stream's request writer

    def get(self, name: str) -> tuple[str, bytes] | None:
        """(type, content) of an object, or None when it does not exist."""
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(name.encode() + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline()
        if not header or header.endswith(b" missing\n") or header.endswith(b" ambiguous\n"):
            return None
        _, kind, size = header.split()
        data = self.proc.stdout.read(int(size))
        self.proc.stdout.read(1)  # the newline after the content
        return kind.decode(), data

    def stream(self, names: list[str]) -> Iterator[bytes | None]:
        """The contents of many objects, in order. A thread writes the requests while
        this one reads, so git inflates the next blob while Python parses this one."""
        import threading

        assert self.proc.stdin and self.proc.stdout

        def ask() -> None:
            try:
                for i in range(0, len(names), 256):
                    self.proc.stdin.write("".join(n + "\n" for n in names[i : i + 256]).encode())  # type: ignore[union-attr]
                self.proc.stdin.flush()  # type: ignore[union-attr]
            except (BrokenPipeError, ValueError):
                pass

        writer = threading.Thread(target=ask, daemon=True)
        self.writer = writer
        writer.start()
        finished = False
        try:
            for _ in names:
                header = self.proc.stdout.readline()
                if not header or header.endswith((b" missing\n", b" ambiguous\n")):
                    yield None
                    continue
                size = int(header.split()[2])
                data = self.proc.stdout.read(size)
                self.proc.stdout.read(1)
                yield data
            finished = True
        finally:
            if not finished:
                self._stop_writer()
            writer.join()

    def _stop_writer(self) -> None:
        """A stream left early (an interrupt, an error): git may be blocked writing
        answers nobody will read, and the writer blocked behind it. Stop git so that the
        writer's next write fails and it ends; this reader is done for."""
        if self.writer is not None and self.writer.is_alive():
            self.proc.kill()
            self.writer.join()

    def close(self) -> None:
        # An interrupt can reach here before the half-read stream's generator is closed.
        self._stop_writer()
        if self.proc.stdin:
            # git may have gone already (Ctrl-C reaches it too): nothing left to flush.
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.close()
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc.wait()

    def __enter__(self) -> Objects:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def tree_files(objects: Objects, commit: str, rel: str) -> dict[str, str]:
    """path -> blob id of the plan files at a commit. rel is the plans directory (or one
    plan file) relative to the repository root."""
    directory, only = (rel, None) if not rel.endswith(".toml") else (posix_parent(rel), rel)
    got = objects.get(f"{commit}:{directory}" if directory else f"{commit}^{{tree}}")
    if got is None or got[0] != "tree":
        return {}
    data = got[1]
    out = {}
    i = 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\0", space)
        mode, name = data[i:space], data[space + 1 : nul].decode("utf-8", "surrogateescape")
        sha = data[nul + 1 : nul + 21].hex()
        i = nul + 21
        path = f"{directory}/{name}" if directory else name
        if mode in (b"100644", b"100755") and name.endswith(".toml") and only in (None, path):
            out[path] = sha
    return out


def posix_parent(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


# --- the log stream ------------------------------------------------------------------


class Commit(NamedTuple):
    id: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: str  # author date, ISO 8601 with offset
    committed: int  # committer time, epoch seconds
    subject: str
    changes: tuple[tuple[str, str, str], ...]  # (status letter, path, new blob id)


_FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%ct%x00%s%x00"


def log(repo: Repo, rel: str, tip: str) -> list[Commit]:
    """Every commit that reaches tip, oldest first (parents before children), with the
    raw changes to the plan files; merges are diffed against their first parent."""
    r = run_git(
        repo.root, "log", "--topo-order", "--reverse", "--full-history", "--sparse",
        "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-merges=first-parent",
        f"--format={_FORMAT}", tip, "--", rel or ".",
    )  # fmt: skip
    out = []
    for fields, raw in _records(r.stdout):
        sha, parents, author, email, when, committed, subject = (
            f.decode("utf-8", "replace") for f in fields
        )
        changes = []
        for meta, name in raw:
            path = name.decode("utf-8", "surrogateescape")
            parts = meta[1:].split()
            new_blob, status = parts[3].decode(), parts[4].decode()[:1]
            if path.endswith(".toml") and (not rel or path == rel or path.startswith(rel + "/")):
                changes.append((status, path, new_blob))
        out.append(
            Commit(
                sha,
                tuple(parents.split()),
                author,
                email,
                when,
                int(committed),
                subject,
                tuple(changes),
            )
        )
    return out


def _records(data: bytes) -> Iterator[tuple[list[bytes], list[tuple[bytes, bytes]]]]:
    """The commits of a `git log --raw -z --format=_FORMAT` stream: each one's seven
    fields, and its raw changes as (meta, path). Read field by field: a subject, a name
    or a path may hold any byte but NUL (\\x01 included), so the stream is never split
    on anything else."""
    n = len(data)
    i = data.find(b"\x01")
    while 0 <= i < n:
        i += 1  # past the \x01 that opens a commit
        fields = []
        for _ in range(7):
            end = data.index(b"\0", i)
            fields.append(data[i:end])
            i = end + 1
        raw = []
        while i < n and data[i] != 1:  # up to the next commit's \x01
            if data[i] in (0, 10):  # the newline (or NUL) between the fields and changes
                i += 1
                continue
            end = data.index(b"\0", i)
            meta = data[i:end]
            i = end + 1
            if meta.startswith(b":"):
                end = data.index(b"\0", i)
                raw.append((meta, data[i:end]))
                i = end + 1
        yield fields, raw


# --- ranges --------------------------------------------------------------------------


class Point(NamedTuple):
    """One end of a range: what the user gave, and the commit and date it means."""

    given: str | None
    commit: str | None  # None: before the first commit
    when: datetime | None


def commit_time(repo: Repo, commit: str) -> datetime:
    r = run_git(repo.root, "show", "-s", "--format=%ct", commit)
    return datetime.fromtimestamp(int(r.stdout.decode().strip()), UTC)


def resolve_point(
    repo: Repo, rev: str | None, default: str | None, *, end: bool, tip: str | None = None
) -> Point:
    """A --since/--until value: a date means the last commit on the main line (first
    parents) of tip (default HEAD; for --since, the --until commit) before that day (for
    --since) or by the end of that day (for --until); else a revision."""
    if rev is None:
        if default is None:
            return Point(None, None, None)
        return Point(None, default, commit_time(repo, default))
    if looks_like_date(rev):
        day = parse_date(rev, "--since/--until date")
        tip = tip or repo.head
        fmt = "%H %ct"
        r = run_git(repo.root, "log", "--first-parent", f"--format={fmt}", tip)
        for line in r.stdout.decode().splitlines():
            sha, ct = line.split()
            when = datetime.fromtimestamp(int(ct), UTC)
            if (when.date() <= day) if end else (when.date() < day):
                return Point(rev, sha, when)
        return Point(rev, None, None)
    sha = resolve(repo, rev)
    return Point(rev, sha, commit_time(repo, sha))


def check_order(repo: Repo, start: Point, end: Point) -> None:
    """Refuse a --since that does not come before --until: a later date, or a revision
    that is not an ancestor of the end (a reversed or unrelated period)."""
    if start.given is None or start.commit is None or end.commit is None:
        return
    if end.given is not None and looks_like_date(start.given) and looks_like_date(end.given):
        first = parse_date(start.given, "--since date")
        last = parse_date(end.given, "--until date")
        if first > last:
            raise PlanError(
                f"--since {start.given} is after --until {end.given}: "
                "give the earlier date as --since"
            )
    ancestor = run_git(
        repo.root, "merge-base", "--is-ancestor", start.commit, end.commit, check=False
    )
    if ancestor.returncode == 1:
        until = end.given or "HEAD"
        raise PlanError(
            f"--since {start.given} does not come before --until {until} in the history "
            "(it is not an ancestor): give the earlier point as --since"
        )


def commit_files(paths: list[Path], message: str) -> str:
    """Commit only these files, in one commit (whatever else is staged stays staged);
    return the commit id.

    Refuses to commit without a configured identity rather than let git invent one
    from the user and host names.
    """
    reals = [Path(os.path.realpath(p)) for p in paths]
    root = work_tree(reals[0])
    rels = []
    for real in reals:
        try:
            rels.append(str(real.relative_to(Path(os.path.realpath(root)))))
        except ValueError:
            raise GitError(f"{real} is outside the git work tree {root}") from None
    missing = _identity_missing(root)
    if missing:
        raise GitError(
            f"no git identity: set it with git config user.{missing[0]} "
            f"(and user.{'email' if missing[0] == 'name' else 'name'})"
        )
    for rel in rels:
        tracked = run_git(root, "ls-files", "--error-unmatch", "--", rel, check=False)
        if tracked.returncode:
            run_git(root, "add", "--intent-to-add", "--", rel)
    r = run_git(
        root,
        "-c", "user.useConfigOnly=true",
        "commit", "--quiet", "--only", "-m", message, "--", *rels,
        check=False,
    )  # fmt: skip
    if r.returncode:
        text = r.stderr.decode("utf-8", "replace")
        if "index.lock" in text:
            raise GitError("git commit: the index is locked (is another git command running?)")
        raise GitError(_git_message(("commit",), r.stderr))
    return run_git(root, "rev-parse", "HEAD").stdout.decode().strip()


def _identity_missing(root: Path) -> list[str]:
    missing = []
    for what, env in (("name", "GIT_AUTHOR_NAME"), ("email", "GIT_AUTHOR_EMAIL")):
        if os.environ.get(env) or os.environ.get(env.replace("AUTHOR", "COMMITTER")):
            continue
        if run_git(root, "config", "--get", f"user.{what}", check=False).returncode:
            missing.append(what)
    return missing
