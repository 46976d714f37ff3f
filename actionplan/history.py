"""Everything that talks to git: resolving revisions safely, reading the plan files'
history, committing a plan file.

git runs as a plain subprocess with argument lists, never a shell. Anything a user typed
reaches git only as `rev-parse --verify --quiet --end-of-options REV^{commit}` (which
turns it into a commit id or refuses it) or as a path after `--`.

GitPython is not used: importing it costs ~95 ms, about one bare Typer app, and its
persistent object reader speaks the same `cat-file --batch` protocol as the few lines
in `Objects` below.

History is read with one `git log` stream over every commit that can reach the tip,
with the raw changes of the plan files (merges diffed against their first parent) and
one persistent `git cat-file --batch` for the blobs. Each version of a plan file is cut
into its action blocks; each distinct block is parsed once (blocks repeat across
thousands of versions), so a long history costs little more than git's own plumbing.
Changes are tracked by action id, so renamed files and actions moved between files are
not removals. A change that arrives through a merge is credited to the commit on the
merged branch that made it; only what a merge itself decided is credited to the merge.
"""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from actionplan.dates import looks_like_date, parse_date
from actionplan.errors import GitError, PlanError, ShallowHistoryError

TRACKED = ("status", "owner", "due", "title", "tier")


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
    rel = _relative(repo, plans)
    r = run_git(repo.root, "status", "--porcelain", "--", rel or ".", check=False)
    return bool(r.stdout.strip())


def _relative(repo: Repo, plans: Path) -> str:
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
        writer.start()
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
        finally:
            writer.join()

    def close(self) -> None:
        if self.proc.stdin:
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


# --- parsing versions ----------------------------------------------------------------


class Version(NamedTuple):
    """One version of one plan file, cut into actions: id -> (block text, parsed action).

    text is the file (after a newline) for finding what the next version changed; None
    for a file that had to be parsed whole. touched names the actions whose blocks differ
    from the version numbered base, the one this version was worked out from.
    """

    actions: dict[str, tuple[str, dict]]
    text: bytes | None
    serial: int
    base: int | None = None
    touched: frozenset[str] | None = None


DELIM = "\n[[actions]]"
_DELIM = DELIM.encode()


def split_blocks(text: str) -> list[str]:
    """The text before the first `[[actions]]` header, then what follows each header.

    A plain str.split, at C speed. A file written some other way (`[[ actions ]]`,
    indented headers, tables after the actions) yields blocks that do not parse as one
    action each, and is then parsed whole.
    """
    return ("\n" + text).split(DELIM)


def common_prefix(a: bytes, b: bytes) -> int:
    """How many leading bytes a and b share: big strides first, then halving ones."""
    n, i, step = min(len(a), len(b)), 0, 8192
    while step:
        while i + step <= n and a[i : i + step] == b[i : i + step]:
            i += step
        step //= 2
    return i


def common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """How many trailing bytes a and b share, at most limit."""
    la, lb, i, step = len(a), len(b), 0, 8192
    while step:
        while i + step <= limit and a[la - i - step : la - i] == b[lb - i - step : lb - i]:
            i += step
        step //= 2
    return i


class Parser:
    """Parses plan file versions, each distinct action block once.

    A version is worked out from the previous version of the same file: the bytes both
    share at the start and at the end are found by comparing slices (memcmp), and only
    the action blocks between are split out and looked at. Usually that is one block.
    """

    def __init__(self) -> None:
        self.blocks: dict[str, dict | None] = {}
        self.recent: dict[str, Version] = {}  # by blob id; a few, for reverts and merges
        self.lines: dict[str, Any] = {}  # one line's parse, for fast_block
        self.serial = 0

    def parsed(self, block: str) -> dict | None:
        got = self.blocks.get(block, False)
        if got is False:
            got = fast_block(block, self.lines)
            if got is None:
                # A CRLF file leaves "\r" at the end of a block: a lone CR is not valid TOML.
                text = "[[actions]]" + (block[:-1] if block.endswith("\r") else block)
                got = _parse_block(text)
            self.blocks[block] = got
        return got

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def version(self, blob: str, raw: bytes, previous: Version | None = None) -> Version:
        got = self.recent.get(blob)
        if got is not None:
            return got
        text = b"\n" + raw
        version = None
        if previous is not None and previous.text is not None:
            version = self._delta(previous, text)
        if version is None:
            version = self._full(text)
        if version is None:
            # Not valid TOML: its actions are taken to be as they were, so a broken
            # commit and its fix make no removed and re-added events.
            return previous if previous is not None else Version({}, None, self._next())
        if len(self.recent) > 32:
            self.recent.pop(next(iter(self.recent)))
        self.recent[blob] = version
        return version

    def _full(self, text: bytes) -> Version | None:
        parts = split_blocks(text[1:].decode("utf-8", "replace"))
        blocks = parts[1:]
        if (not blocks and "actions" in parts[0]) or len(set(blocks)) != len(blocks):
            return self._whole(text)  # `actions = [...]`, or identical blocks twice
        actions: dict[str, tuple[str, dict]] = {}
        for block in blocks:
            parsed = self.parsed(block)
            if parsed is None:
                return self._whole(text)
            actions.setdefault(parsed["id"], (block, parsed))
        return Version(actions, text, self._next())

    def _delta(self, previous: Version, text: bytes) -> Version | None:
        """This version from the previous one, or None to parse it in full."""
        old = previous.text
        assert old is not None
        p = common_prefix(old, text)
        if p == len(old) == len(text):
            return Version(previous.actions, text, self._next(), previous.serial, frozenset())
        s = common_suffix(old, text, min(len(old), len(text)) - p)
        start = text.rfind(_DELIM, 0, p)  # the last header wholly in the shared start
        if start < 0:
            return None  # the change reaches into the plan's own keys: start afresh
        end_old, end = old.find(_DELIM, len(old) - s), text.find(_DELIM, len(text) - s)
        if end < 0:
            end_old, end = len(old), len(text)
        was = [b.decode("utf-8", "replace") for b in old[start:end_old].split(_DELIM)[1:]]
        now = [b.decode("utf-8", "replace") for b in text[start:end].split(_DELIM)[1:]]
        gone, new = set(was) - set(now), set(now) - set(was)
        actions = dict(previous.actions)
        touched = set()
        for block in gone:
            parsed = self.blocks.get(block)
            if parsed is None:
                return None
            touched.add(parsed["id"])
            if actions.get(parsed["id"], ("",))[0] == block:
                del actions[parsed["id"]]
        for block in new:
            parsed = self.parsed(block)
            if parsed is None:
                return None
            touched.add(parsed["id"])
            actions[parsed["id"]] = (block, parsed)
        return Version(actions, text, self._next(), previous.serial, frozenset(touched))

    def _whole(self, text: bytes) -> Version | None:
        """A file that cannot be cut into blocks: parse it whole (None when it is not
        valid TOML)."""
        try:
            data = tomllib.loads(text[1:].decode("utf-8-sig", "replace"))
        except tomllib.TOMLDecodeError:
            return None
        actions = {}
        for a in data.get("actions", []) if isinstance(data.get("actions"), list) else []:
            if isinstance(a, dict) and isinstance(a.get("id"), str):
                actions.setdefault(a["id"], (repr(sorted(a.items(), key=str)), a))
        return Version(actions, None, self._next())


_KEY_LINE = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=")
_ARRAY_OPEN = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*\[[ \t]*(#.*)?")
_ARRAY_CLOSE = re.compile(r"[ \t]*\][ \t]*(#.*)?")
_MISS = object()


def fast_block(block: str, cache: dict[str, Any]) -> dict | None:
    """An action block parsed line by line, each distinct line parsed once.

    Consecutive versions of a block differ in a line or two (a status, one more evidence
    item), so this turns most block parses into dictionary look-ups. It accepts only
    blocks made of `key = value` lines with single-line values, and multi-line arrays
    with one item per line; anything else (sub-tables, multi-line strings, dotted or
    repeated keys) returns None and is parsed by tomllib whole. tests/test_history.py
    checks that both agree.
    """
    lines = block.split("\n")
    head = lines[0].strip()
    if head and not head.startswith("#"):
        return None
    out: dict[str, Any] = {}
    i, n = 1, len(lines)
    while i < n:
        line = lines[i].rstrip("\r")
        i += 1
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        got = cache.get(line, _MISS)
        if got is _MISS:
            got = cache[line] = _parse_line(line)
        if got is None:
            opener = _ARRAY_OPEN.fullmatch(line)
            if opener is None:
                return None
            key, items = opener.group(1), []
            while True:
                if i >= n:
                    return None
                item = lines[i].rstrip("\r")
                i += 1
                bare = item.strip()
                if not bare or bare[0] == "#":
                    continue
                if _ARRAY_CLOSE.fullmatch(item):
                    break
                value = cache.get("\0" + item, _MISS)
                if value is _MISS:
                    value = cache["\0" + item] = _parse_item(item)
                if value is None:
                    return None
                items.append(value[0])
            got = (key, items)
        key, value = got
        if key in out:
            return None
        out[key] = value
    return out if isinstance(out.get("id"), str) else None


def _parse_line(line: str) -> tuple[str, Any] | None:
    """`key = value` on one line, as (key, value); None for anything else."""
    m = _KEY_LINE.match(line)
    if m is None:
        return None
    try:
        data = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None
    key = m.group(1)
    return (key, data[key]) if list(data) == [key] else None


def _parse_item(item: str) -> tuple[Any] | None:
    """One item line of a multi-line array (`{ ... },`), as a 1-tuple."""
    try:
        data = tomllib.loads(f"v = [{item}]")
    except tomllib.TOMLDecodeError:
        return None
    return (data["v"][0],) if len(data["v"]) == 1 else None


def _parse_block(block: str) -> dict | None:
    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError:
        return None
    actions = data.get("actions")
    if (
        isinstance(actions, list)
        and len(actions) == 1
        and isinstance(actions[0], dict)
        and isinstance(actions[0].get("id"), str)
        and len(data) == 1
    ):
        return actions[0]
    return None


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
    for record in r.stdout.split(b"\x01")[1:]:
        fields = record.split(b"\0")
        sha, parents, author, email, when, committed, subject = (
            f.decode("utf-8", "replace") for f in fields[:7]
        )
        changes = []
        rest = [f for f in fields[7:] if f.strip(b"\n")]
        i = 0
        while i + 1 < len(rest):
            meta, path = rest[i].lstrip(b"\n"), rest[i + 1].decode("utf-8", "surrogateescape")
            i += 2
            if not meta.startswith(b":"):
                continue
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


# --- events --------------------------------------------------------------------------


class Event(NamedTuple):
    commit: str
    date: str
    author: str
    plan: str
    action: str
    field: str  # status | owner | due | title | tier | evidence | added | removed
    old: Any
    new: Any
    message: str

    def to_json(self) -> dict[str, Any]:
        return {k: _plain(v) for k, v in self._asdict().items()}


def rehome(events: list[Event], home: dict[str, str]) -> list[Event]:
    """Events with plan set to the plan that holds the action now (plan files get renamed
    and actions move); an action since removed keeps the plan it was in."""
    return [e._replace(plan=home.get(e.action, e.plan)) for e in events]


def chronological(events: Iterator[Event] | list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: datetime.fromisoformat(e.date))


def _plain(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
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


def plan_of(path: str) -> str:
    return Path(path).stem


class _Snapshot:
    """The plan files at one commit, and every action in them by id."""

    __slots__ = ("files", "acts")

    def __init__(self, files: dict[str, Version], acts: Acts) -> None:
        self.files = files
        self.acts = acts

    @classmethod
    def of(cls, files: dict[str, Version]) -> _Snapshot:
        acts: Acts = {}
        for path in sorted(files):
            for aid, (block, parsed) in files[path].actions.items():
                acts.setdefault(aid, (plan_of(path), parsed, block))
        return cls(files, acts)

    def changed(
        self, changes: list[tuple[str, Version | None]], parser: Parser
    ) -> tuple[_Snapshot, set[str]]:
        """The snapshot after these file changes, and the action ids they touch."""
        files = dict(self.files)
        acts = dict(self.acts)
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
            touched |= ids
            for aid in ids:
                now = new.actions.get(aid) if new is not None else None
                if now is not None:
                    acts[aid] = (plan, now[1], now[0])
                elif acts.get(aid, ("",))[0] == plan:
                    del acts[aid]
        return _Snapshot(files, acts), touched


def diff_states(
    old: Acts, new: Acts, ids: set[str], side: Acts | None = None
) -> Iterator[tuple[str, str, str, Any, Any]]:
    """(plan, action, field, old, new) for each change to the given action ids.

    side: for a merge, the merged branch's actions; changes it explains were made (and
    are credited) on that branch, so only what the merge itself decided is yielded.
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
        if before[2] == block:
            continue
        was = before[1]
        for field in TRACKED:
            if was.get(field) != act.get(field):
                if theirs is not None and theirs[1].get(field) == act.get(field):
                    continue
                yield plan, aid, field, was.get(field), act.get(field)
        for e in _added_evidence(was, act, theirs[1] if theirs is not None else None):
            evidence = {x: e.get(x) for x in ("date", "text", "link", "by")}
            yield plan, aid, "evidence", None, evidence


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


def _count(acts: Acts) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, act, _ in acts.values():
        status = act.get("status")
        if isinstance(status, str):
            out[status] = out.get(status, 0) + 1
    return out


def timeline(
    repo: Repo, plans: Path, tip: str, base: str | None = None, keep: set[str] | None = None
) -> Timeline:
    """Every event on the commits that reach tip, credited as the module says (those on
    base and its ancestors are marked excluded), and the actions at the commits in keep."""
    rel = _relative(repo, plans)
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
    empty = _Snapshot({}, {})
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

        for c in commits:
            before = snapshot(c.parents[0]) if c.parents else empty
            changes = [
                (path, None if st == "D" else version(blob, before.files.get(path)))
                for st, path, blob in c.changes
            ]
            after, touched = before.changed(changes, parser) if changes else (before, set())
            snapshots[c.id] = after
            if touched:
                side = None
                if len(c.parents) > 1:
                    side = {}
                    for p in c.parents[1:]:
                        side.update(snapshot(p).acts)
                for plan, aid, field, old, new in diff_states(
                    before.acts, after.acts, touched, side
                ):
                    events.append(
                        Event(c.id, c.date, c.author, plan, aid, field, old, new, c.subject)
                    )
            if c.id in keep:
                kept[c.id] = {k: (v[0], v[1]) for k, v in after.acts.items()}
            if c.id in counted:
                counts[c.id] = _count(after.acts)
            for p in c.parents:  # forget snapshots no child will ask for again
                waiting[p] -= 1
                if waiting[p] == 0 and p not in keep:
                    snapshots.pop(p, None)
        for reader in lookups:
            reader.close()
    return Timeline(events, excluded, kept, mainline, counts, repo.shallow)


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


# --- ranges --------------------------------------------------------------------------


class Point(NamedTuple):
    """One end of a range: what the user gave, and the commit and date it means."""

    given: str | None
    commit: str | None  # None: before the first commit
    when: datetime | None


def commit_time(repo: Repo, commit: str) -> datetime:
    r = run_git(repo.root, "show", "-s", "--format=%ct", commit)
    return datetime.fromtimestamp(int(r.stdout.decode().strip()), UTC)


def resolve_point(repo: Repo, rev: str | None, default: str | None, *, end: bool) -> Point:
    """A --since/--until value: a date means the last mainline commit before that day
    (for --since) or by the end of that day (for --until); else a revision."""
    if rev is None:
        if default is None:
            return Point(None, None, None)
        return Point(None, default, commit_time(repo, default))
    if looks_like_date(rev):
        day = parse_date(rev, "--since/--until date")
        tip = repo.head
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


def _identity_missing(root: Path) -> list[str]:
    missing = []
    for what, env in (("name", "GIT_AUTHOR_NAME"), ("email", "GIT_AUTHOR_EMAIL")):
        if os.environ.get(env) or os.environ.get(env.replace("AUTHOR", "COMMITTER")):
            continue
        if run_git(root, "config", "--get", f"user.{what}", check=False).returncode:
            missing.append(what)
    return missing
