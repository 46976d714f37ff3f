"""Plan and framework formats: the one definition of their fields.

check.py validates against these tables and `actionplan schema` (`--framework`) prints
the JSON Schema built from them, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from actionplan.measures import BETTER, FREQUENCIES, MAX_NUMBER
from actionplan.model import EVERY, STATUSES


@dataclass(frozen=True)
class Field:
    name: str
    # "string" | "date" | "strings" | "tables" | "status" | "evidence" | "choice" | "number"
    # | "point" (a {date, value} table) | "readings" (an array of {date, value, note} tables)
    kind: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()  # the valid values of a "choice"


PLAN_FIELDS = [
    Field("title", "string", True, "The strategy's title."),
    Field("organisation", "string", True, "The organisation that owns the plan."),
    Field("start", "date", True, "First day of the strategy period."),
    Field("end", "date", True, "Last day of the strategy period."),
    Field("board", "string", doc="The board or group the plan reports to."),
    Field("source", "string", doc="The document the plan encodes."),
    Field("aims", "strings", doc="The strategy's aims, in its own words."),
    Field("tiers", "tables", True, "The tiers of service; actions belong to one each."),
    Field("actions", "tables", doc="The actions."),
    Field("measures", "tables", doc="Outcome measures, with targets and readings."),
]
TIER_FIELDS = [
    Field("id", "string", True, "Short id, e.g. T1; unique within the plan."),
    Field("name", "string", True, "e.g. Universal Services."),
    Field("purpose", "string", doc="What the tier is for."),
]
ACTION_FIELDS = [
    Field("id", "string", True, "Unique across every plan in the directory, e.g. LEI-T1-01."),
    Field("tier", "string", True, "A tier id of this plan."),
    Field("title", "string", True, "Short title; keep the full wording in notes."),
    Field("status", "status", True, "One of: " + ", ".join(STATUSES) + "."),
    Field("owner", "string", doc="Who leads the action (warned if missing)."),
    Field("due", "date", doc="Due date (TOML local date)."),
    Field("start", "date", doc="Start date (TOML local date)."),
    Field(
        "every",
        "choice",
        doc="Makes the action recurring: due is the first occurrence, then one every "
        + " / ".join(EVERY)
        + " up to the plan's end.",
        choices=tuple(EVERY),
    ),
    Field("source", "string", doc="Document and section the action comes from."),
    Field("notes", "string", doc="Free text, e.g. the source's full wording."),
    Field("mitigation", "string", doc="What is being done about an exception."),
    Field("decision", "string", doc="What the board is asked to decide."),
    Field("depends_on", "strings", doc="Ids of actions this one depends on."),
    Field("tags", "strings", doc="Free labels."),
    Field("aligns", "strings", doc="Ids of the framework principles the action serves."),
    Field("evidence", "evidence", doc="Evidence of progress, newest last."),
]
MEASURE_FIELDS = [
    Field(
        "id",
        "string",
        True,
        "Unique across every plan, in the same id space as actions, e.g. KEN-M1.",
    ),
    Field("title", "string", True, "What is measured."),
    Field("unit", "string", True, 'Free text: "%", "days", "children".'),
    Field(
        "better",
        "choice",
        True,
        "Which way is better: " + " | ".join(BETTER) + ".",
        choices=tuple(BETTER),
    ),
    Field(
        "frequency",
        "choice",
        True,
        "How often a reading is due: " + " | ".join(FREQUENCIES) + ".",
        choices=tuple(FREQUENCIES),
    ),
    Field("tier", "string", doc="A tier id of this plan."),
    Field("owner", "string", doc="Who reports the measure."),
    Field("baseline", "point", doc="Where the measure started: { date, value }."),
    Field(
        "target",
        "point",
        doc="Where it should get to: { date, value }. Without one the measure is grey.",
    ),
    Field(
        "tolerance",
        "number",
        doc="How far on the wrong side of the expected value is still amber (zero or more).",
    ),
    Field("source", "string", doc="Where the figure comes from."),
    Field("aligns", "strings", doc="Ids of the framework principles the measure serves."),
    Field("values", "readings", doc="The readings, oldest first."),
]
POINT_FIELDS = [
    Field("date", "date", doc="When (needed for the straight line from baseline to target)."),
    Field("value", "number", True, "The value."),
]
READING_FIELDS = [
    Field("date", "date", True, "The date the reading is for."),
    Field("value", "number", True, "The value."),
    Field("note", "string", doc="e.g. Q1 return."),
]
EVIDENCE_FIELDS = [
    Field("date", "date", True, "When."),
    Field("text", "string", True, "What happened."),
    Field("link", "string", doc="Where to read more."),
    Field("by", "string", doc="Who recorded it."),
]


# A framework file: frameworks/<id>.toml (see README, "Frameworks").
FRAMEWORK_FIELDS = [
    Field("title", "string", True, "The framework's title."),
    Field("publisher", "string", doc="Who published it."),
    Field("source", "string", doc="The document(s) the framework file encodes."),
    Field("text", "string", doc="What the framework says it is for, in its own words."),
    Field("sections", "tables", doc="Groups of principles, e.g. core principles."),
    Field("principles", "tables", True, "The principles or expectations plans are held to."),
]
SECTION_FIELDS = [
    Field("id", "string", True, "Short id, e.g. core; unique within the framework."),
    Field("name", "string", True, "e.g. Core principles."),
    Field("source", "string", doc="Where in the document, e.g. paragraph 21."),
    Field("text", "string", doc="The section's own words, e.g. its introduction."),
]
PRINCIPLE_FIELDS = [
    Field(
        "id",
        "string",
        True,
        "Unique across every framework, e.g. SCF-ACCESSIBLE; actions name it in aligns.",
    ),
    Field("section", "string", doc="A section id of this framework."),
    Field("title", "string", True, "Short title, in the framework's words."),
    Field("text", "string", doc="The principle in full, in the framework's words."),
    Field("source", "string", doc="Where in the document, e.g. paragraph 21."),
]


def _prop(f: Field, tables: dict[str, dict] | None = None) -> dict:
    if f.kind == "string":
        out: dict = {"type": "string"}
    elif f.kind == "date":
        out = {"type": "string", "format": "date"}
    elif f.kind == "strings":
        out = {"type": "array", "items": {"type": "string"}}
    elif f.kind == "status":
        out = {"type": "string", "enum": STATUSES}
    elif f.kind == "choice":
        out = {"type": "string", "enum": list(f.choices)}
    elif f.kind == "evidence":
        out = {"type": "array", "items": {"$ref": "#/definitions/evidence"}}
    elif f.kind == "number":
        out = {"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}
    elif f.kind == "point":
        out = {"$ref": "#/definitions/point"}
    elif f.kind == "readings":
        out = {"type": "array", "items": {"$ref": "#/definitions/reading"}}
    else:  # tables
        item = f.name[:-1]  # tiers -> tier, sections -> section, principles -> principle
        out = {"type": "array", "items": {"$ref": f"#/definitions/{item}"}}
    if f.doc:
        out["description"] = f.doc
    return out


def _object(fields: list[Field], title: str) -> dict:
    return {
        "type": "object",
        "title": title,
        "properties": {f.name: _prop(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        # Unknown keys are kept on edit and reported as warnings by check, not errors.
        "additionalProperties": True,
    }


def json_schema() -> dict:
    """The schema, in JSON Schema draft 4 terms: TOML editors' validators (taplo, which
    Even Better TOML uses) support nothing newer."""
    schema = _object(
        PLAN_FIELDS, "actionplan plan file, format version 1 with the optional version-2 keys"
    )
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        **schema,
        "description": (
            "One strategy action plan. Dates are TOML local dates (YYYY-MM-DD); "
            "statuses map to RAG: on-track green, at-risk amber, off-track red, "
            "complete blue, not-started and cancelled grey."
        ),
        "definitions": {
            "tier": _object(TIER_FIELDS, "Tier"),
            "action": _object(ACTION_FIELDS, "Action"),
            "evidence": _object(EVIDENCE_FIELDS, "Evidence"),
            "measure": _object(MEASURE_FIELDS, "Measure"),
            "point": _object(POINT_FIELDS, "Baseline or target"),
            "reading": _object(READING_FIELDS, "Reading"),
        },
    }


def framework_json_schema() -> dict:
    """The framework file's schema, in draft 4 like the plan's."""
    schema = _object(FRAMEWORK_FIELDS, "actionplan framework file, format version 1")
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        **schema,
        "description": (
            "One framework: a published set of principles or expectations that plans are "
            "held to. The framework id is the file stem; actions name its principles in "
            "aligns."
        ),
        "definitions": {
            "section": _object(SECTION_FIELDS, "Section"),
            "principle": _object(PRINCIPLE_FIELDS, "Principle"),
        },
    }
