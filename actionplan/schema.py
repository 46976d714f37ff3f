"""Plan format version 1: the one definition of its fields.

check.py validates against these tables and `actionplan schema` prints the JSON Schema
built from them, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from actionplan.model import EVERY, STATUSES


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "string" | "date" | "strings" | "tables" | "status" | "evidence" | "choice"
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
EVIDENCE_FIELDS = [
    Field("date", "date", True, "When."),
    Field("text", "string", True, "What happened."),
    Field("link", "string", doc="Where to read more."),
    Field("by", "string", doc="Who recorded it."),
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
    else:  # tables
        out = {"type": "array", "items": {"$ref": f"#/definitions/{f.name[:-1]}"}}
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
    schema = _object(PLAN_FIELDS, "actionplan plan file, format version 1")
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
        },
    }
