"""Property tests: plans in varied hand formatting, random edits.

For every generated plan and edit: the result parses to exactly the old data plus the
intended change, and the only lines that differ belong to the edited action.
"""

from __future__ import annotations

import copy
import difflib
import tomllib
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from actionplan.edit.blocks import toml_string
from actionplan.edit.requests import EvidenceInput, UpdateRequest, add_editor, update_editor
from actionplan.edit.write import apply
from actionplan.model import EVERY

STATUSES = ["not-started", "on-track", "at-risk", "off-track", "complete", "cancelled"]

# Text a person might type, including what TOML must escape.
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())
PLAIN = st.text(alphabet="abcdefghij KLMNOP-", min_size=1, max_size=12).filter(lambda s: s.strip())
DATES = st.dates(min_value=date(2008, 4, 1), max_value=date(2011, 3, 31))
WORDS = ["alpha", "beta", "gamma", "delta"]
# Prose over several lines, with what a multi-line string must escape or avoid.
PROSE = st.lists(
    st.one_of(TEXT, st.sampled_from(['say """hi"""', "[[actions]]", "  [x]", "back\\", "\ttab"])),
    min_size=1,
    max_size=3,
).map("\n".join)


def q(value: str, literal: bool) -> str:
    if literal and "'" not in value and value.isprintable():
        return f"'{value}'"
    return toml_string(value)


@st.composite
def plans(draw):
    """(text, n_actions): a plan written in one of many hand styles."""
    align = draw(st.booleans())
    literal = draw(st.booleans())
    comments = draw(st.booleans())
    inline_pad = draw(st.booleans())

    def kv(key: str, value: str, width: int = 6) -> str:
        pad = " " * (width - len(key) + 1) if align else " "
        trailing = "  # note" if comments and draw(st.booleans()) else ""
        return f"{key}{pad}= {value}{trailing}\n"

    out = []
    if comments:
        out.append("# A plan written by hand.\n")
    out += [kv("title", q("Plan", literal), 12), kv("organisation", q("Org", literal), 12)]
    out += [kv("start", "2008-04-01", 12), kv("end", "2011-03-31", 12), "\n"]
    for tid in ("T1", "T2"):
        out += ["[[tiers]]\n", kv("id", f'"{tid}"'), kv("name", q("Tier " + tid, literal)), "\n"]
    n = draw(st.integers(min_value=1, max_value=4))
    for i in range(n):
        if comments and draw(st.booleans()):
            out.append(f"# About action A-{i}\n")
        out.append("[[actions]]\n")
        out.append(kv("id", f'"A-{i}"'))
        out.append(kv("tier", f'"T{1 + i % 2}"'))
        out.append(kv("title", q(draw(PLAIN), literal)))
        if draw(st.booleans()):
            out.append(kv("owner", q(draw(PLAIN), literal)))
        out.append(kv("status", f'"{draw(st.sampled_from(STATUSES))}"'))
        if draw(st.booleans()):
            out.append(kv("due", draw(DATES).isoformat()))
        notes = draw(st.sampled_from(["none", "one-line", "multi-line"]))
        if notes == "one-line":
            out.append(kv("notes", q(draw(PLAIN), literal)))
        elif notes == "multi-line":
            out.append(kv("notes", '"""\nfirst\n  second"""'))
        tags = draw(st.lists(st.sampled_from(WORDS), max_size=3, unique=True))
        if tags and draw(st.booleans()):
            out.append(kv("tags", "[\n" + "".join(f'  "{t}",\n' for t in tags) + "]"))
        elif tags:
            out.append(kv("tags", "[" + ", ".join(f'"{t}"' for t in tags) + "]"))
        style = draw(st.sampled_from(["none", "empty", "one-line", "multi-line", "tables"]))
        n_items = draw(st.integers(min_value=1, max_value=3))
        items = [
            f'{{ date = 2009-01-0{k + 1}, text = "x{k}" }}'
            if inline_pad
            else f'{{date = 2009-01-0{k + 1}, text = "x{k}"}}'
            for k in range(n_items)
        ]
        if style == "empty":
            out.append(kv("evidence", "[]"))
        elif style == "one-line":
            out.append(kv("evidence", "[" + ", ".join(items) + "]"))
        elif style == "multi-line":
            out.append(kv("evidence", "[") + "".join(f"  {item},\n" for item in items) + "]\n")
        elif style == "tables":
            for k in range(n_items):
                if comments and draw(st.booleans()):
                    out.append(f"\n# item {k}")
                out.append(f"\n[[actions.evidence]]\ndate = 2009-01-0{k + 1}\ntext = 'x{k}'\n")
        out.append("\n" * draw(st.integers(min_value=0, max_value=2)) or "\n")
    text = "".join(out)
    if draw(st.booleans()):
        text = text.rstrip("\n")
    return text, n


EDITS = st.one_of(
    st.tuples(st.just("status"), st.sampled_from(STATUSES)),
    st.tuples(st.just("owner"), TEXT),
    st.tuples(st.just("title"), TEXT),
    st.tuples(st.just("due"), DATES),
    st.tuples(st.just("evidence"), st.tuples(DATES, TEXT, st.none() | PLAIN)),
)


def write(tmp: Path, text: str, crlf: bool, bom: bool) -> Path:
    p = tmp / "plan.toml"
    body = text.replace("\n", "\r\n") if crlf else text
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    return p


def check_only_action_lines_changed(before: str, after: str, index: int) -> None:
    """Every line before the edited action's block and every line after it is as it was:
    whatever changed, was removed or was inserted lies within the block."""
    from actionplan.planfiles import action_blocks

    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    start, end = action_blocks(before)[index]
    tail = len(old_lines) - end - 1
    assert new_lines[:start] == old_lines[:start], (before, after)
    assert new_lines[len(new_lines) - tail :] == old_lines[end + 1 :], (before, after)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plan=plans(),
    change=EDITS,
    pick=st.integers(min_value=0, max_value=3),
    crlf=st.booleans(),
    bom=st.booleans(),
)
def test_update_changes_exactly_what_was_asked(tmp_path, plan, change, pick, crlf, bom):
    text, n = plan
    index = pick % n
    p = write(tmp_path, text, crlf, bom)
    before_raw = p.read_bytes()
    data = tomllib.loads(text)
    field, value = change
    expected = copy.deepcopy(data)
    target = expected["actions"][index]
    evidence = None
    values = {}
    if field == "evidence":
        day, words, by = value
        evidence = EvidenceInput(day, words, None, by)
        target.setdefault("evidence", []).append(evidence.as_dict())
    else:
        values[field] = value
        target[field] = value

    result = apply(p, f"A-{index}", update_editor(f"A-{index}", UpdateRequest.of(values, evidence)))
    after_raw = p.read_bytes()

    if data == expected:  # a no-op: not one byte may move
        assert after_raw == before_raw
        return
    assert after_raw.startswith(b"\xef\xbb\xbf") == bom
    after = after_raw.decode("utf-8-sig")
    if crlf:
        assert "\n" not in after.replace("\r\n", "")
    else:
        assert "\r" not in after.replace(text, "")
    assert tomllib.loads(after) == expected
    check_only_action_lines_changed(result.before, result.after, index)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=plans(), tier=st.sampled_from(["T1", "T2"]), title=TEXT, crlf=st.booleans())
def test_add_inserts_one_block_and_nothing_else(tmp_path, plan, tier, title, crlf):
    text, _ = plan
    p = write(tmp_path, text, crlf, False)
    data = tomllib.loads(text)
    new = {"id": "NEW-1", "tier": tier, "title": title, "status": "not-started"}
    result = apply(p, "NEW-1", add_editor(new, ["T1", "T2"]))
    after = p.read_bytes().decode("utf-8")
    got = tomllib.loads(after)
    actions = got["actions"]
    position = next(i for i, a in enumerate(actions) if a["id"] == "NEW-1")
    assert actions[:position] + actions[position + 1 :] == data["actions"]
    assert {k: v for k, v in got.items() if k != "actions"} == {
        k: v for k, v in data.items() if k != "actions"
    }
    assert actions[position] == {**new, "evidence": []}
    # Placed after the last action of its tier when the tier has one.
    same_tier = [i for i, a in enumerate(data["actions"]) if a["tier"] == tier]
    if same_tier:
        assert position == same_tier[-1] + 1
    # Only lines were inserted: every old line survives, in order.
    matcher = difflib.SequenceMatcher(
        a=result.before.splitlines(), b=result.after.splitlines(), autojunk=False
    )
    assert all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


# --- record --------------------------------------------------------------------------

READING_DATES = [date(2009, m, 28) for m in range(1, 13)]
NUMBERS = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda f: round(f, 3)),
)


@st.composite
def measure_plans(draw):
    """(text, n_measures): a plan with actions (perhaps) and measures whose readings are
    written in one of the styles people use, with comments and alignment."""
    text, _ = draw(plans()) if draw(st.booleans()) else ('title = "P"\n', 0)
    align = draw(st.booleans())
    comments = draw(st.booleans())

    def kv(key: str, value: str) -> str:
        pad = " " * (10 - len(key)) if align else " "
        trailing = "  # note" if comments and draw(st.booleans()) else ""
        return f"{key}{pad}= {value}{trailing}\n"

    out = [text.rstrip("\n") + "\n"]
    n = draw(st.integers(min_value=1, max_value=3))
    for i in range(n):
        out.append("\n")
        if comments and draw(st.booleans()):
            out.append(f"# About measure M-{i}\n")
        out.append("[[measures]]\n")
        out.append(kv("id", f'"M-{i}"'))
        out.append(kv("title", toml_string(draw(PLAIN))))
        out.append(kv("unit", '"%"'))
        out.append(kv("better", f'"{draw(st.sampled_from(["higher", "lower"]))}"'))
        out.append(kv("frequency", '"quarterly"'))
        if draw(st.booleans()):
            out.append(kv("target", "{ date = 2011-03-31, value = 96 }"))
        days = sorted(draw(st.sets(st.sampled_from(READING_DATES), max_size=4)))
        items = [
            f"{{ date = {d}, value = {draw(NUMBERS)}"
            + (f", note = {toml_string(draw(PLAIN))}" if draw(st.booleans()) else "")
            + " }"
            for d in days
        ]
        style = draw(st.sampled_from(["none", "empty", "one-line", "multi-line", "tables"]))
        if style == "empty" or (not items and style != "none"):
            out.append(kv("values", "[]"))
        elif style == "one-line":
            out.append(kv("values", "[" + ", ".join(items) + "]"))
        elif style == "multi-line":
            out.append(kv("values", "[") + "".join(f"  {x},\n" for x in items) + "]\n")
        elif style == "tables":
            for x in items:
                body = x.strip("{} ").split(", ")
                out.append("\n[[measures.values]]\n" + "".join(f"{b}\n" for b in body))
                if comments and draw(st.booleans()):
                    out.append("# a comment after a reading\n")
        if draw(st.booleans()):
            out.append("\n[measures.baseline]\nvalue = 50\n")
    text = "".join(out)
    if draw(st.booleans()):
        text = text.rstrip("\n")
    return text, n


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plan=measure_plans(),
    pick=st.integers(min_value=0, max_value=2),
    day=st.sampled_from(READING_DATES),
    value=NUMBERS,
    note=st.none() | TEXT,
    replace=st.booleans(),
    crlf=st.booleans(),
    bom=st.booleans(),
)
def test_record_changes_exactly_what_was_asked(
    tmp_path, plan, pick, day, value, note, replace, crlf, bom
):
    from actionplan.edit.record import ReadingInput, record_editor
    from actionplan.errors import PlanError
    from actionplan.planfiles import measure_blocks

    text, n = plan
    index = pick % n
    p = write(tmp_path, text, crlf, bom)
    before_raw = p.read_bytes()
    data = tomllib.loads(text)
    readings = data["measures"][index].get("values", [])
    dates = [r["date"] for r in readings]
    reading = ReadingInput(day, value, note)
    editor = record_editor(f"M-{index}", reading, replace)
    if day in dates and not replace:
        try:
            apply(p, f"M-{index}", editor)
        except PlanError as e:
            assert "already has a reading" in e.message
        else:
            raise AssertionError("a second reading on one date was accepted")
        assert p.read_bytes() == before_raw
        return
    expected = copy.deepcopy(data)
    target = expected["measures"][index].setdefault("values", [])
    new = {"date": day, "value": value, **({"note": note} if note is not None else {})}
    if day in dates:
        old = target[dates.index(day)]
        if note is None and "note" in old:
            new["note"] = old["note"]
        target[dates.index(day)] = new
    else:
        target.insert(sum(d < day for d in dates), new)

    result = apply(p, f"M-{index}", editor)
    after_raw = p.read_bytes()
    if data == expected:
        assert after_raw == before_raw
        return
    assert after_raw.startswith(b"\xef\xbb\xbf") == bom
    after = after_raw.decode("utf-8-sig")
    if crlf:
        assert "\n" not in after.replace("\r\n", "")
    assert tomllib.loads(after) == expected
    # Only the measure's own lines change (or new ones land right after it).
    start, end = measure_blocks(result.before)[index]
    matcher = difflib.SequenceMatcher(
        a=result.before.splitlines(), b=result.after.splitlines(), autojunk=False
    )
    lines = result.before.splitlines()
    while end + 1 < len(lines) and not lines[end + 1].strip():  # blank lines are alike
        end += 1
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            assert start <= i1 and i2 <= end + 2, (tag, i1, i2, start, end)
    if day not in dates:  # a new reading only adds lines, or one item to a one-line array
        changed = [op for op in matcher.get_opcodes() if op[0] in ("replace", "delete")]
        assert all(i2 - i1 == 1 for _, i1, i2, _, _ in changed), changed


# One field edit: (kind, field, value).
FIELD_EDITS = st.one_of(
    st.tuples(
        st.just("set"),
        st.sampled_from(["notes", "mitigation", "decision", "source", "owner"]),
        st.one_of(TEXT, PROSE),
    ),
    st.tuples(st.just("set"), st.sampled_from(["due", "start"]), DATES),
    st.tuples(st.just("set"), st.just("every"), st.sampled_from(EVERY)),
    st.tuples(
        st.just("clear"),
        st.sampled_from(["owner", "due", "notes", "tags", "every", "source"]),
        st.none(),
    ),
    st.tuples(st.sampled_from(["add", "remove"]), st.just("tags"), st.sampled_from(WORDS)),
    st.tuples(st.sampled_from(["add", "remove"]), st.just("aligns"), st.sampled_from(WORDS)),
    st.tuples(st.just("remove_evidence"), st.none(), st.integers(min_value=0, max_value=2)),
)


def expected_action(old: dict, edits: list[tuple]) -> tuple[UpdateRequest, dict]:
    """The request the edits make (conflicting ones dropped) and, worked out here
    independently of the editor, the action it should leave."""
    values, adds, removes, clear, remove_evidence = {}, {}, {}, [], None
    for kind, field, value in edits:
        touched = field in values or field in clear or field in adds or field in removes
        if kind == "set" and not touched:
            values[field] = value
        elif kind == "clear" and not touched:
            clear.append(field)
        elif kind == "add" and field not in values and field not in clear:
            if value not in removes.get(field, ()):
                adds[field] = tuple(dict.fromkeys((*adds.get(field, ()), value)))
        elif kind == "remove" and field not in values and field not in clear:
            if value not in adds.get(field, ()):
                removes[field] = tuple(dict.fromkeys((*removes.get(field, ()), value)))
        elif kind == "remove_evidence" and old.get("evidence") and remove_evidence is None:
            remove_evidence = value % len(old["evidence"]) + 1
    new = copy.deepcopy(old)
    new.update(values)
    for field in clear:
        new.pop(field, None)
    for field, items in adds.items():
        have = new.get(field, [])
        new[field] = have + [x for x in items if x not in have]
    for field, items in removes.items():
        if field in new:
            new[field] = [x for x in new[field] if x not in items]
    if remove_evidence is not None:
        del new["evidence"][remove_evidence - 1]
    return UpdateRequest(values, adds, removes, tuple(clear), None, remove_evidence), new


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plan=plans(),
    edits=st.lists(FIELD_EDITS, min_size=1, max_size=4),
    pick=st.integers(min_value=0, max_value=3),
    crlf=st.booleans(),
)
def test_every_field_edit_changes_exactly_what_was_asked(tmp_path, plan, edits, pick, crlf):
    text, n = plan
    index = pick % n
    p = write(tmp_path, text, crlf, False)
    before_raw = p.read_bytes()
    data = tomllib.loads(text)
    request, new = expected_action(data["actions"][index], edits)
    expected = copy.deepcopy(data)
    expected["actions"][index] = new

    result = apply(p, f"A-{index}", update_editor(f"A-{index}", request))
    after_raw = p.read_bytes()

    if data == expected:
        assert after_raw == before_raw
        return
    event("changed")
    after = after_raw.decode("utf-8")
    if crlf:
        assert "\n" not in after.replace("\r\n", "")
    assert tomllib.loads(after) == expected
    check_only_action_lines_changed(result.before, result.after, index)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plan=plans(),
    pick=st.integers(min_value=0, max_value=3),
    tier=st.sampled_from(["T1", "T2"]),
    crlf=st.booleans(),
)
def test_move_carries_the_block_whole_and_nothing_else_moves(tmp_path, plan, pick, tier, crlf):
    from collections import Counter

    from actionplan.edit.requests import move_editor
    from actionplan.edit.write import apply_files
    from actionplan.planfiles import action_blocks

    text, n = plan
    index = pick % n
    p = write(tmp_path, text, crlf, False)
    data = tomllib.loads(text)
    old = data["actions"][index]
    result = apply_files(
        [p], f"A-{index}", move_editor(f"A-{index}", tier, ["T1", "T2"], "plan", "plan")
    )[0]
    after = p.read_bytes().decode("utf-8")
    if old["tier"] == tier:
        assert after.encode() == text.replace("\n", "\r\n" if crlf else "\n").encode()
        return
    if crlf:
        assert "\n" not in after.replace("\r\n", "")
    got = tomllib.loads(after)["actions"]
    # The action is now the last of its new tier (or at the end), with only its tier new.
    rest = [a for a in data["actions"] if a is not old]
    assert [a for a in got if a["id"] != old["id"]] == rest
    assert next(a for a in got if a["id"] == old["id"]) == {**old, "tier": tier}
    position = [a["id"] for a in got].index(old["id"])
    same = [i for i, a in enumerate(rest) if a["tier"] == tier]
    assert position == (same[-1] + 1 if same else len(rest))
    # Line for line, the text holds the same lines but the one tier line (and blank ones).
    before_lines = [x for x in result.before.splitlines() if x.strip()]
    after_lines = [x for x in result.after.splitlines() if x.strip()]
    start, end = action_blocks(result.before)[index]
    tier_line = next(x for x in result.before.splitlines()[start : end + 1] if x.startswith("tier"))
    expected = Counter(before_lines)
    expected[tier_line] -= 1
    expected[tier_line.replace(f'"{old["tier"]}"', f'"{tier}"')] += 1
    assert Counter(after_lines) == +expected
    # Every other action's block is as it was, line for line.
    old_blocks = {
        tomllib.loads("\n".join(result.before.splitlines()[a : b + 1]))["actions"][0]["id"]: (
            result.before.splitlines()[a : b + 1]
        )
        for a, b in action_blocks(result.before)
    }
    for a, b in action_blocks(result.after):
        lines = result.after.splitlines()[a : b + 1]
        aid = tomllib.loads("\n".join(lines))["actions"][0]["id"]
        if aid != old["id"]:
            assert lines == old_blocks[aid]
