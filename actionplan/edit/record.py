"""The record request: a reading of a measure, checked, and the editor that puts it in
the plan (in date order, in the measure's own style) through blocks.py.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple

from actionplan.edit.blocks import add_reading
from actionplan.edit.write import Change, Editor, Source
from actionplan.errors import PlanError, UnknownIdError, did_you_mean
from actionplan.measures import MAX_NUMBER

# A decimal number as people type one: 42, -3.5, +0.25; 12% for a measure in per cent.
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
ACCEPTED = "a number such as 42, -3.5 or 0.25 (or 12.5% for a measure in %)"


class ReadingInput(NamedTuple):
    date: date
    value: int | float
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"date": self.date, "value": self.value}
        if self.note is not None:
            d["note"] = self.note
        return d


def parse_value(text: str, unit: str) -> int | float:
    """VALUE as the number to store: a whole number stays whole, a decimal is a float.
    A trailing % is accepted when the measure's unit is %."""
    raw = text.strip()
    if raw.endswith("%") and unit.strip() == "%":
        raw = raw[:-1].rstrip()
    if not _NUMBER.fullmatch(raw):
        raise PlanError(f"bad value {text!r}: give {ACCEPTED}")
    too_large = PlanError(f"bad value {text!r}: at most {MAX_NUMBER:,} either way")
    # Sized before it is converted: int() refuses thousands of digits with its own error.
    if len(raw.lstrip("+-").split(".")[0].lstrip("0")) > len(str(MAX_NUMBER)):
        raise too_large
    number = float(raw) if "." in raw else int(raw)
    if abs(number) > MAX_NUMBER:
        raise too_large
    return number


def record_request(
    value: str, on: str | None, note: str | None, as_of: date, unit: str
) -> ReadingInput:
    """The reading a record asks for, checked (PlanError when it is wrong)."""
    from actionplan.dates import parse_date

    number = parse_value(value, unit)
    day = parse_date(on, "--date") if on else as_of
    if note is not None and not note.strip():
        raise PlanError("--note cannot be empty")
    return ReadingInput(day, number, note)


def _find(data: dict, measure_id: str) -> int:
    measures = data.get("measures") if isinstance(data.get("measures"), list) else []
    for i, m in enumerate(measures):
        if isinstance(m, dict) and m.get("id") == measure_id:
            return i
    ids = {m.get("id") for m in measures if isinstance(m, dict) and isinstance(m.get("id"), str)}
    raise UnknownIdError(f"no measure {measure_id!r}{did_you_mean(measure_id, ids)}")


def record_editor(measure_id: str, reading: ReadingInput, replace: bool = False) -> Editor:
    """An editor that puts the reading among the measure's readings in date order. A
    reading on a date that already has one is refused, unless replace: then that reading
    takes the new value (and the new note, when one is given; else it keeps its own)."""

    def edit(src: Source, data: dict) -> tuple[str, list[Change], dict]:
        index = _find(data, measure_id)
        measure = data["measures"][index]
        values = measure.get("values") if isinstance(measure.get("values"), list) else []
        dates = [r.get("date") if isinstance(r, dict) else None for r in values]
        new = reading.as_dict()
        # What the file should read as afterwards: the data, with new containers along
        # the path to the readings (a deep copy of thousands of readings costs more than
        # the edit).
        expected = {**data, "measures": list(data["measures"])}
        expected["measures"][index] = changed_measure = dict(measure)
        target = changed_measure["values"] = list(values)
        if reading.date in dates:
            at = dates.index(reading.date)
            old = values[at]
            if not replace:
                raise PlanError(
                    f"{measure_id} already has a reading for {reading.date} "
                    f"({old.get('value')!r}); give --replace to replace it"
                )
            if "note" not in new and "note" in old:
                new["note"] = old["note"]
            if old == new:
                return src.text, [], data
            target[at] = new
            changed = {k: v for k, v in new.items() if old.get(k) != v}
            text = add_reading(src.text, len(data["measures"]), index, changed, at, replace=True)
            return text, [Change("value", _shown(old), _shown(new))], expected
        at = sum(1 for d in dates if isinstance(d, date) and d < reading.date)
        target.insert(at, new)
        text = add_reading(src.text, len(data["measures"]), index, new, at)
        return text, [Change("value", None, _shown(new))], expected

    return edit


def _shown(reading: dict) -> dict[str, Any]:
    """A reading as a change shows it: {date, value, note}, note None when there is none."""
    return {"date": reading.get("date"), "value": reading.get("value"), "note": reading.get("note")}
