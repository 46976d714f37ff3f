"""Validation rules: plan files in, Problem(file, line, column, severity, code, message) out.

Codes are stable; README lists them. Errors (E) make `check` exit 1 and stop read
commands; warnings (W) are shown by `check` only (and fail it with --strict).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from actionplan.dates import DATE_RANGE, in_range
from actionplan.errors import did_you_mean
from actionplan.links import ACCEPTED, is_safe_link
from actionplan.measures import MAX_NUMBER
from actionplan.model import STATUSES
from actionplan.planfiles import MAX_DEPTH, TOO_DEEP, PlanFile, Pos, line_col, nested_deeper
from actionplan.schema import (
    ACTION_FIELDS,
    EVIDENCE_FIELDS,
    FRAMEWORK_FIELDS,
    MEASURE_FIELDS,
    PLAN_FIELDS,
    POINT_FIELDS,
    PRINCIPLE_FIELDS,
    READING_FIELDS,
    SECTION_FIELDS,
    TIER_FIELDS,
    Field,
)

CODES = {
    "E001": "not valid TOML",
    "E002": "required key missing",
    "E003": "value of the wrong type",
    "E004": "unknown status",
    "E005": "unknown tier",
    "E006": "duplicate id",
    "E007": "depends_on names an unknown action",
    "E008": "due date before start date",
    "E009": "plan ends before it starts",
    "E010": "value nested too deeply",
    "E011": "aligns names a principle no framework defines",
    "E012": "a principle's section is not a section of its framework",
    "E013": "unknown value (not one of the key's valid values)",
    "E014": "measure readings not in date order",
    "E015": "two readings of a measure on one date",
    "E016": "measure's target date before its baseline date",
    "E017": "recurring action without a due date (its first occurrence)",
    "W001": "unknown key",
    "W002": "date outside the plan period",
    "W003": "action has no owner",
    "W004": "looks like an NHS number",
    "W005": "looks like a person's email address",
    "W006": "looks like a UK phone number",
    "W007": "depends_on names the action itself",
    "W008": "link is not an http, https or mailto URL",
    "W009": "unknown key in actionplan.toml",
}


class Problem(NamedTuple):
    file: str
    line: int
    column: int
    severity: str  # "error" | "warning"
    code: str
    message: str

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity} {self.code} {self.message}"

    def to_json(self) -> dict:
        return self._asdict()


def _type_ok(kind: str, value: object) -> bool:
    if kind in ("string", "status", "choice"):
        return isinstance(value, str)
    if kind == "date":
        return type(value) is date and in_range(value)
    if kind == "strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "number":
        # bool is an int to Python, not a number to a reader; nan and inf compare with nothing.
        return (type(value) is int or (type(value) is float and math.isfinite(value))) and abs(
            value
        ) <= MAX_NUMBER
    if kind == "point":
        return isinstance(value, dict)
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


_KIND_NAME = {
    "string": "a string",
    "status": "a string",
    "choice": "a string",
    "date": "a date (YYYY-MM-DD, unquoted)",
    "strings": "an array of strings",
    "tables": "an array of tables",
    "evidence": "an array of tables",
    "readings": "an array of tables",
    "number": "a number (e.g. 42 or 12.5)",
    "point": "a table { date, value }",
}

Ids = dict[str, tuple[str, int]]  # id -> ("action" | "measure", index in its file)
_READING_KEYS = {f.name for f in READING_FIELDS}


class _Checker:
    def __init__(self, pf: PlanFile, warnings: bool) -> None:
        self.pf = pf
        self.warnings = warnings
        self.out: list[Problem] = []

    def add(self, pos: Pos, severity: str, code: str, message: str) -> None:
        if severity == "warning" and not self.warnings:
            return
        self.out.append(Problem(self.pf.display, pos[0], pos[1], severity, code, message))

    def fields(self, table: dict, fields: list[Field], where: str, pos_of) -> None:
        """Required keys, types and unknown keys of one table."""
        known = {f.name: f for f in fields}
        for f in fields:
            if f.name not in table:
                if f.required:
                    self.add(
                        pos_of(""), "error", "E002", f"{where}: missing required key {f.name!r}"
                    )
                continue
            value = table[f.name]
            if not _type_ok(f.kind, value):
                got = repr(value) if type(value) is float else type(value).__name__
                message = f"{where}: {f.name!r} must be {_KIND_NAME[f.kind]}, not {got}"
                if type(value) is date:  # a date, out of range
                    message = (
                        f"{where}: {f.name!r} {value} is not a date actionplan handles "
                        f"({DATE_RANGE})"
                    )
                elif f.kind == "number" and type(value) in (int, float) and value == value:
                    message = (
                        f"{where}: {f.name!r} {value} is larger than actionplan handles "
                        f"(at most {MAX_NUMBER:,} either way)"
                    )
                self.add(pos_of(f.name), "error", "E003", message)
            elif f.kind == "choice" and value not in f.choices:
                self.add(
                    pos_of(f.name),
                    "error",
                    "E013",
                    f"{where}: unknown {f.name} {value!r}{did_you_mean(value, set(f.choices))}; "
                    f"valid: {', '.join(f.choices)}",
                )
        for key in table:
            if key not in known:
                self.add(
                    pos_of(key),
                    "warning",
                    "W001",
                    f"{where}: unknown key {key!r}{did_you_mean(key, set(known))}",
                )

    def nesting(self) -> None:
        """E010 for each key whose value nests arrays and tables more than MAX_DEPTH deep
        (the tables of `tiers`, `actions` and `measures` count as two levels)."""
        d, pos = self.pf.data, self.pf.pos
        tables = {"tiers": pos.of_tier, "actions": pos.of_action, "measures": pos.of_measure}
        for key, value in d.items():
            if key in tables and isinstance(value, list):
                of = tables[key]
                for i, table in enumerate(value):
                    if not isinstance(table, dict):
                        if nested_deeper(table, MAX_DEPTH - 1):
                            self.add(of(i), "error", "E010", f"{key} #{i + 1}: {TOO_DEEP}")
                        continue
                    tid = table.get("id")
                    where = f"{key[:-1]} {tid}" if isinstance(tid, str) else f"{key[:-1]} #{i + 1}"
                    for k, v in table.items():
                        if nested_deeper(v, MAX_DEPTH - 2):
                            self.add(of(i, k), "error", "E010", f"{where}: {k!r}: {TOO_DEEP}")
            elif nested_deeper(value, MAX_DEPTH):
                # A key or a [table.header] of the plan itself.
                m = re.search(rf"^[ \t]*\[*[ \t]*{re.escape(key)}\b", self.pf.text, re.M)
                at = pos.top.get(key) or (
                    line_col(self.pf.text, m.end() - len(key)) if m else (1, 1)
                )
                self.add(at, "error", "E010", f"plan: {key!r}: {TOO_DEEP}")

    def run(self) -> Ids:
        """Check one file; return its action and measure ids for cross-file rules."""
        d, pos = self.pf.data, self.pf.pos
        self.nesting()
        self.fields(d, PLAN_FIELDS, "plan", lambda k: pos.top.get(k, (1, 1)))
        start, end = d.get("start"), d.get("end")
        if type(start) is date and type(end) is date and end < start:
            self.add(
                pos.top.get("end", (1, 1)),
                "error",
                "E009",
                f"plan end {end} is before start {start}",
            )
        period = (
            (start, end) if type(start) is date and type(end) is date and start <= end else None
        )

        tiers = d.get("tiers") if isinstance(d.get("tiers"), list) else []
        tier_ids: set[str] = set()
        for i, t in enumerate(tiers):
            if not isinstance(t, dict):
                continue
            where = f"tier {t.get('id', i + 1)!s}"
            self.fields(t, TIER_FIELDS, where, lambda k, i=i: pos.of_tier(i, k))
            tid = t.get("id")
            if isinstance(tid, str):
                if tid in tier_ids:
                    self.add(pos.of_tier(i, "id"), "error", "E006", f"duplicate tier id {tid!r}")
                tier_ids.add(tid)

        actions = d.get("actions") if isinstance(d.get("actions"), list) else []
        ids: Ids = {}
        for i, a in enumerate(actions):
            if not isinstance(a, dict):
                continue
            self.action(i, a, tier_ids, ids, period)
        measures = d.get("measures") if isinstance(d.get("measures"), list) else []
        for i, m in enumerate(measures):
            if isinstance(m, dict):
                self.measure(i, m, tier_ids, ids)
        return ids

    def action(self, i: int, a: dict, tier_ids: set[str], ids: Ids, period) -> None:
        pos = self.pf.pos
        aid = a.get("id")
        where = f"action {aid}" if isinstance(aid, str) else f"action #{i + 1}"
        at = lambda k: pos.of_action(i, k)  # noqa: E731
        self.fields(a, ACTION_FIELDS, where, at)
        if isinstance(aid, str):
            if aid in ids:
                first = pos.of_action(ids[aid][1])[0]
                self.add(
                    at("id"),
                    "error",
                    "E006",
                    f"duplicate action id {aid!r} (first at line {first})",
                )
            else:
                ids[aid] = ("action", i)
        status = a.get("status")
        if isinstance(status, str) and status not in STATUSES:
            self.add(
                at("status"),
                "error",
                "E004",
                f"{where}: unknown status {status!r}{did_you_mean(status, set(STATUSES))}; "
                f"valid: {', '.join(STATUSES)}",
            )
        tier = a.get("tier")
        if isinstance(tier, str) and tier not in tier_ids:
            known = ", ".join(sorted(tier_ids)) or "none defined"
            self.add(
                at("tier"),
                "error",
                "E005",
                f"{where}: unknown tier {tier!r}{did_you_mean(tier, tier_ids)}; tiers: {known}",
            )
        due, start = a.get("due"), a.get("start")
        if type(due) is date and type(start) is date and due < start:
            self.add(at("due"), "error", "E008", f"{where}: due {due} is before start {start}")
        if "every" in a and "due" not in a:
            self.add(
                at("every"),
                "error",
                "E017",
                f"{where}: recurs every {a['every']} but has no due date (its first occurrence)",
            )
        if period:
            for key in ("due", "start"):
                v = a.get(key)
                if type(v) is date and not (period[0] <= v <= period[1]):
                    self.add(
                        at(key),
                        "warning",
                        "W002",
                        f"{where}: {key} {v} is outside the plan period {period[0]} to {period[1]}",
                    )
        if "owner" not in a or (isinstance(a.get("owner"), str) and not a["owner"].strip()):
            self.add(at(""), "warning", "W003", f"{where}: no owner")
        if (
            isinstance(aid, str)
            and isinstance(a.get("depends_on"), list)
            and aid in a["depends_on"]
        ):
            self.add(at("depends_on"), "warning", "W007", f"{where}: depends on itself")
        evidence = a.get("evidence")
        if isinstance(evidence, list):
            after = pos.of_action(i, "evidence")
            for j, e in enumerate(evidence):
                if isinstance(e, dict):
                    self.fields(
                        e, EVIDENCE_FIELDS, f"{where} evidence #{j + 1}", lambda k: at("evidence")
                    )
                    link = e.get("link")
                    if isinstance(link, str) and not is_safe_link(link):
                        found = _value_position(self.pf.text, "link", link, after)
                        if found:  # the next item's link is written after this one
                            after = (found[0], found[1] + 1)
                        self.add(
                            found or at("evidence"),
                            "warning",
                            "W008",
                            f"{where} evidence #{j + 1}: link {link!r} is not {ACCEPTED}, "
                            "so the board paper shows it as text",
                        )

    def measure(self, i: int, m: dict, tier_ids: set[str], ids: Ids) -> None:
        pos = self.pf.pos
        mid = m.get("id")
        where = f"measure {mid}" if isinstance(mid, str) else f"measure #{i + 1}"
        at = lambda k: pos.of_measure(i, k)  # noqa: E731
        self.fields(m, MEASURE_FIELDS, where, at)
        if isinstance(mid, str):
            if mid in ids:
                kind, j = ids[mid]
                first = (pos.of_action(j) if kind == "action" else pos.of_measure(j))[0]
                clash = _other(kind, "measure")
                self.add(
                    at("id"),
                    "error",
                    "E006",
                    f"duplicate measure id {mid!r} (first at line {first}{clash})",
                )
            else:
                ids[mid] = ("measure", i)
        tier = m.get("tier")
        if isinstance(tier, str) and tier not in tier_ids:
            known = ", ".join(sorted(tier_ids)) or "none defined"
            self.add(
                at("tier"),
                "error",
                "E005",
                f"{where}: unknown tier {tier!r}{did_you_mean(tier, tier_ids)}; tiers: {known}",
            )
        points = {}
        for name in ("baseline", "target"):
            point = m.get(name)
            if isinstance(point, dict):
                self.fields(
                    point, POINT_FIELDS, f"{where} {name}", lambda k, n=name: pos.of_point(i, n, k)
                )
                if type(point.get("date")) is date:
                    points[name] = point["date"]
        if "baseline" in points and "target" in points and points["target"] < points["baseline"]:
            self.add(
                pos.of_point(i, "target", "date"),
                "error",
                "E016",
                f"{where}: target date {points['target']} is before the baseline date "
                f"{points['baseline']}",
            )
        tolerance = m.get("tolerance")
        if _type_ok("number", tolerance) and tolerance < 0:
            self.add(
                at("tolerance"),
                "error",
                "E003",
                f"{where}: 'tolerance' must be zero or more, not {tolerance}",
            )
        values = m.get("values")
        if not isinstance(values, list):
            return
        seen: dict[date, int] = {}
        latest: date | None = None
        for j, r in enumerate(values):
            if not isinstance(r, dict):
                continue
            day = r.get("date")
            # Most readings are {date, value[, note]} as they should be: checked here in a
            # line, since a plan may hold thousands; anything else is looked at key by key.
            if not (
                type(day) is date
                and in_range(day)
                and _type_ok("number", r.get("value"))
                and r.keys() <= _READING_KEYS
                and isinstance(r.get("note", ""), str)
            ):
                here = lambda k, j=j: pos.of_reading(i, j, k)  # noqa: E731
                self.fields(r, READING_FIELDS, f"{where} reading #{j + 1}", here)
            if type(day) is not date:
                continue
            if day in seen:
                self.add(
                    pos.of_reading(i, j, "date"),
                    "error",
                    "E015",
                    f"{where}: two readings on {day} (#{seen[day] + 1} and #{j + 1})",
                )
            elif latest is not None and day < latest:
                self.add(
                    pos.of_reading(i, j, "date"),
                    "error",
                    "E014",
                    f"{where}: reading #{j + 1} ({day}) comes after one dated {latest}; "
                    "readings go oldest first",
                )
            seen.setdefault(day, j)
            latest = max(latest, day) if latest else day


# A one-line TOML string: 'literal' or "basic" (with escapes).
_STRING = re.compile(r"'[^'\n]*'|\"(?:[^\"\\\n]|\\.)*\"")


def _value_position(text: str, key: str, value: str, after: Pos) -> Pos | None:
    """Where `key = value` is written at or after a position (the value's opening quote),
    or None. Each candidate string is read as TOML, so that a value written with escapes
    (`\\t`, `\\u0009`) is found too."""
    import tomllib

    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: after[0] - 1]) + after[1] - 1
    assignment = re.compile(rf"""(?<![\w"'-])["']?{re.escape(key)}["']?[ \t]*=[ \t]*""")
    for m in assignment.finditer(text, start):
        token = _STRING.match(text, m.end())
        if token is None:
            continue
        try:
            found = tomllib.loads(f"v = {token.group(0)}")["v"]
        except tomllib.TOMLDecodeError:
            continue
        if found == value:
            line = text.count("\n", 0, m.end()) + 1
            return (line, m.end() - (text.rfind("\n", 0, m.end()) + 1) + 1)
    return None


class _FrameworkChecker(_Checker):
    """One framework file: its keys, its sections, its principles."""

    def run(self) -> dict[str, int]:  # type: ignore[override]
        """Check the file; return its principle ids with their index."""
        d, pos = self.pf.data, self.pf.pos
        self.fields(d, FRAMEWORK_FIELDS, "framework", lambda k: pos.top.get(k, (1, 1)))
        section_ids: set[str] = set()
        for i, s in _tables(d, "sections"):
            at = lambda k, i=i: pos.of("sections", i, k)  # noqa: E731
            sid = s.get("id")
            self.fields(s, SECTION_FIELDS, f"section {sid if isinstance(sid, str) else i + 1}", at)
            if isinstance(sid, str):
                if sid in section_ids:
                    self.add(at("id"), "error", "E006", f"duplicate section id {sid!r}")
                section_ids.add(sid)
        ids: dict[str, int] = {}
        for i, p in _tables(d, "principles"):
            at = lambda k, i=i: pos.of("principles", i, k)  # noqa: E731
            pid = p.get("id")
            where = f"principle {pid}" if isinstance(pid, str) else f"principle #{i + 1}"
            self.fields(p, PRINCIPLE_FIELDS, where, at)
            if isinstance(pid, str):
                if pid in ids:
                    first = pos.of("principles", ids[pid])[0]
                    self.add(
                        at("id"),
                        "error",
                        "E006",
                        f"duplicate principle id {pid!r} (first at line {first})",
                    )
                else:
                    ids[pid] = i
            section = p.get("section")
            if isinstance(section, str) and section not in section_ids:
                known = ", ".join(sorted(section_ids)) or "none defined"
                self.add(
                    at("section"),
                    "error",
                    "E012",
                    f"{where}: unknown section {section!r}"
                    f"{did_you_mean(section, section_ids)}; sections: {known}",
                )
        return ids


def _tables(d: dict, key: str) -> list[tuple[int, dict]]:
    """The tables of an array of tables with their index (anything else in the array is
    E003's business)."""
    value = d.get(key)
    if not isinstance(value, list):
        return []
    return [(i, t) for i, t in enumerate(value) if isinstance(t, dict)]


def _position(pf: PlanFile, kind: str, index: int) -> Pos:
    """Where the id of an action or a measure is written."""
    return pf.pos.of_action(index, "id") if kind == "action" else pf.pos.of_measure(index, "id")


def _other(kind: str, mine: str) -> str:
    """', an action' when the id clashes with the other kind of item, else ''."""
    if kind == mine:
        return ""
    return ", an action" if kind == "action" else ", a measure"


# --- personal data -------------------------------------------------------------------

_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"
)
# Shared mailboxes are fine to publish; anything else is treated as a person's address.
_ROLE_MAILBOXES = {
    "admin",
    "camhs",
    "contact",
    "enquiries",
    "enquiry",
    "feedback",
    "hello",
    "help",
    "info",
    "information",
    "mail",
    "noreply",
    "no-reply",
    "office",
    "referrals",
    "reception",
    "support",
    "team",
    "webmaster",
}


def nhs_number_valid(digits: str) -> bool:
    """The NHS number mod-11 check (ten digits, the last a check digit)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def personal_data(text: str) -> Iterator[tuple[str, str, str]]:
    """(code, matched text, message) for each thing that looks like personal data."""
    nhs_spans = []
    for m in _NHS.finditer(text):
        digits = "".join(m.groups())
        if nhs_number_valid(digits):
            nhs_spans.append(m.span())
            yield "W004", m.group(0), "looks like an NHS number; never publish patient identifiers"
    for m in _EMAIL.finditer(text):
        local = m.group(0).split("@")[0].lower()
        if local not in _ROLE_MAILBOXES:
            yield (
                "W005",
                m.group(0),
                "looks like a person's email address; use a role or shared mailbox",
            )
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if any(s <= m.start() < e for s, e in nhs_spans):
            continue
        national = digits[2:] if digits.startswith("44") else digits[1:]
        if 9 <= len(national) <= 10:
            yield (
                "W006",
                m.group(0),
                "looks like a UK phone number; publish a service's number, not a person's",
            )


def _strings(value: object) -> Iterator[str]:
    """Every string in value, however deeply nested (a stack, not recursion)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            yield v
        elif isinstance(v, list):
            stack.extend(reversed(v))
        elif isinstance(v, dict):
            stack.extend(reversed(v.values()))


# --- entry points --------------------------------------------------------------------


def unknown_principle(pid: str, known: set[str]) -> str | None:
    """The E011 message for an aligns id no framework defines, or None when one does.
    `update --align` and `add --align` refuse an id with the same message."""
    if pid in known:
        return None
    # None known: no framework files were found, or none of them could be read.
    hint = did_you_mean(pid, known) if known else " (no framework defines any principle)"
    return f"aligns {pid!r} is not a principle of any framework{hint}"


def check_frameworks(
    files: list[PlanFile], warnings: bool = True
) -> tuple[list[Problem], set[str]]:
    """Problems of the framework files, including a principle id that two of them define,
    and every principle id they define."""
    problems: list[Problem] = []
    seen: dict[str, tuple[PlanFile, int]] = {}
    for pf in files:
        checker = _FrameworkChecker(pf, warnings)
        ids = checker.run()
        problems += checker.out
        for pid, i in ids.items():
            if pid in seen:
                other, j = seen[pid]
                line, col = pf.pos.of("principles", i, "id")
                first = other.pos.of("principles", j, "id")[0]
                problems.append(
                    Problem(
                        pf.display,
                        line,
                        col,
                        "error",
                        "E006",
                        f"duplicate principle id {pid!r} (also in {other.display}:{first})",
                    )
                )
            else:
                seen[pid] = (pf, i)
    problems.sort(key=lambda p: (p.file, p.line, p.column, p.code))
    return problems, set(seen)


def check_files(
    files: list[PlanFile], warnings: bool = True, principles: set[str] | None = None
) -> list[Problem]:
    """Problems of the plan files. With principles (every id the frameworks define), an
    `aligns` id outside them is E011; None skips that rule (frameworks not read)."""
    problems: list[Problem] = []
    all_ids: dict[str, tuple[PlanFile, str, int]] = {}
    for pf in files:
        checker = _Checker(pf, warnings)
        ids = checker.run()
        problems += checker.out
        for aid, (kind, i) in ids.items():
            if aid in all_ids:
                other, other_kind, j = all_ids[aid]
                line, col = _position(pf, kind, i)
                problems.append(
                    Problem(
                        pf.display,
                        line,
                        col,
                        "error",
                        "E006",
                        f"duplicate {kind} id {aid!r} (also in {other.display}:"
                        f"{_position(other, other_kind, j)[0]}{_other(other_kind, kind)})",
                    )
                )
            else:
                all_ids[aid] = (pf, kind, i)
    action_ids = {k for k, (_, kind, _) in all_ids.items() if kind == "action"}
    for pf in files:
        for i, a in enumerate(
            pf.data.get("actions", []) if isinstance(pf.data.get("actions"), list) else []
        ):
            deps = a.get("depends_on") if isinstance(a, dict) else None
            if not isinstance(deps, list):
                continue
            for dep in deps:
                if isinstance(dep, str) and dep not in action_ids:
                    line, col = pf.pos.of_action(i, "depends_on")
                    problems.append(
                        Problem(
                            pf.display,
                            line,
                            col,
                            "error",
                            "E007",
                            f"action {a.get('id')}: depends_on {dep!r} is not an action"
                            f"{did_you_mean(dep, action_ids - {a.get('id')})}",
                        )
                    )
    if principles is not None:
        problems += alignment_problems(files, principles)
    if warnings:
        for pf in files:
            seen: set[tuple[str, str]] = set()
            for s in _strings(pf.data):
                for code, found, message in personal_data(s):
                    if (code, found) in seen:
                        continue
                    seen.add((code, found))
                    line, col = pf.locate(found)
                    problems.append(Problem(pf.display, line, col, "warning", code, message))
    problems.sort(key=lambda p: (p.file, p.line, p.column, p.code))
    return problems


def alignment_problems(files: list[PlanFile], principles: set[str]) -> list[Problem]:
    """E011 for each aligns id (of an action or a measure) that no framework defines."""
    out = []
    for pf in files:
        for kind, table in (("action", "actions"), ("measure", "measures")):
            for i, a in _tables(pf.data, table):
                aligns = a.get("aligns")
                if not isinstance(aligns, list):
                    continue
                for pid in aligns:
                    message = unknown_principle(pid, principles) if isinstance(pid, str) else None
                    if message:
                        line, col = pf.pos.of(table, i, "aligns")
                        out.append(
                            Problem(
                                pf.display,
                                line,
                                col,
                                "error",
                                "E011",
                                f"{kind} {a.get('id')}: {message}",
                            )
                        )
    return out


def first_error(files: list[PlanFile]) -> Problem | None:
    return next((p for p in check_files(files, warnings=False) if p.severity == "error"), None)
