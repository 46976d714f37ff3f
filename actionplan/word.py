"""The board paper as a Word document (python-docx), from the same context as the
Markdown and HTML papers.

User templates are Jinja (Markdown, HTML); a Word document's layout is code, here: the
same sections in the same order, headings as Word headings, real tables whose header
row repeats on every page and whose rows never split across pages, status cells shaded
by RAG, the status chart as a table. Pages are A4 portrait; a section turns landscape
only for a table too wide for portrait, and back again after it.

The document is reproducible: its properties carry the context's `generated_at` and the
zip entries a fixed date, so two renders of one context are byte-identical.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from actionplan.links import href
from actionplan.render import clean
from actionplan.report import age

# RAG fills and the text colour that reads on each (report.PALETTE's colours).
FILL = {
    "green": ("2E7D32", "FFFFFF"),
    "amber": ("F9A825", "111111"),
    "red": ("C62828", "FFFFFF"),
    "blue": ("1565C0", "FFFFFF"),
    "grey": ("9E9E9E", "111111"),
}
STATUS_LABEL = {
    "not-started": "Not started",
    "on-track": "On track",
    "at-risk": "At risk",
    "off-track": "Off track",
    "complete": "Complete",
    "cancelled": "Cancelled",
}
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def text(value: Any) -> str:
    """User text for the document: one line, control characters shown escaped (`\\x1b`),
    since XML cannot hold most of them and none should reach a reader unseen."""
    return "" if value is None else clean(" ".join(str(value).split()))


class Writer:
    """Builds the document section by section."""

    def __init__(self, context: dict[str, Any]) -> None:
        from docx import Document
        from docx.shared import Mm, Pt

        self.ctx = context
        self.doc = Document()
        self.landscape = False
        self.sections = 0
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Mm(15))
        section.top_margin = section.bottom_margin = Mm(18)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10)

    # --- building blocks -------------------------------------------------------------

    def heading(self, title: str, level: int) -> None:
        self.doc.add_heading(text(title), level=level)

    def numbered(self, title: str, wide: bool = False) -> None:
        """A main section's heading, numbered in the order the paper holds them, on a
        landscape page when the section's tables are too wide for portrait (turned
        before the heading, so that no heading is left at the foot of a page)."""
        self.orient(wide)
        self.sections += 1
        self.heading(f"{self.sections}. {title}", 1)

    def para(self, *parts: str | tuple[str, str], style: str | None = None) -> None:
        """A paragraph of runs: plain strings, or (text, "bold"|"italic")."""
        p = self.doc.add_paragraph(style=style)
        for part in parts:
            body, how = (part, "") if isinstance(part, str) else part
            run = p.add_run(text(body))
            run.bold = how == "bold"
            run.italic = how == "italic"

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.doc.add_paragraph(text(item), style="List Bullet")

    def orient(self, landscape: bool) -> None:
        """Start a new section in that orientation, unless the page already is."""
        if landscape == self.landscape:
            return
        from docx.enum.section import WD_ORIENT, WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        width, height = section.page_width, section.page_height
        if landscape != (width > height):
            section.page_width, section.page_height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        self.landscape = landscape

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        rag: dict[int, Sequence[str | None]] | None = None,
        numeric: Iterable[int] = (),
        header: bool = True,
    ) -> None:
        """A table with a header row repeated on every page (none when header is false).
        rag maps a column to each row's RAG colour (that cell is shaded); numeric
        columns are right-aligned. Columns share the page's width by how much text they
        hold.

        The table is written as WordprocessingML text and parsed once: python-docx's
        object model takes milliseconds a cell, and a paper's tables run to tens of
        thousands of cells."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        right = set(numeric)
        section = self.doc.sections[-1]
        room = (section.page_width - section.left_margin - section.right_margin) // 635
        widths = _widths(room, headers, rows)  # twips
        out = [
            f'<w:tbl {nsdecls("w", "r")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            '<w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>',
            "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        if header:
            out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
            for i, h in enumerate(headers):
                out.append(_cell_xml(widths[i], text(h), fill="E8EDF5", bold=True))
            out.append("</w:tr>")
        shading = rag or {}
        for r, row in enumerate(rows):
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for i, value in enumerate(row):
                colour = shading.get(i, ())
                fill, ink = FILL.get(colour[r], (None, None)) if r < len(colour) else (None, None)
                url = href(value.url) if isinstance(value, Linked) else None
                link = self.doc.part.relate_to(url, _HYPERLINK, is_external=True) if url else None
                out.append(
                    _cell_xml(
                        widths[i], text(value), fill=fill, ink=ink, bold=ink is not None,
                        right=i in right, link=link,
                    )
                )  # fmt: skip
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.doc.element.body._insert_tbl(parse_xml("".join(out)))
        self.doc.add_paragraph()

    # --- the paper -------------------------------------------------------------------

    def build(self) -> bytes:
        c = self.ctx
        boards = " / ".join(c["boards"]) if c["boards"] else "Board"
        self.doc.core_properties.title = f"{boards}: action plan progress report"
        self.doc.core_properties.author = text(c["cover"]["author"] or "actionplan")
        when = _parse_time(c["generated_at"])
        self.doc.core_properties.created = self.doc.core_properties.modified = when
        self.doc.core_properties.last_printed = when
        self.doc.add_heading(text(f"{boards}: action plan progress report"), level=0)
        self.cover()
        self.executive_summary()
        self.purpose()
        self.summary()
        self.exceptions()
        self.measures()
        self.frameworks()
        self.changes()
        self.coming_up()
        self.chart()
        self.key()
        self.appendix()
        self.orient(False)
        return _reproducible(self.doc)

    def cover(self) -> None:
        c = self.ctx
        since, until = c["period"]["since"], c["period"]["until"]
        period = (
            f"{since['date']} ({since['quarter']})"
            + (f", board tag {c['period']['board_tag']}" if c["period"]["board_tag"] else "")
            if since
            else "start of the plan's history"
        ) + f" → {until['date']} ({until['quarter']})"
        cover = c["cover"]
        rows = [("Meeting", cover["meeting"])] if cover["meeting"] else []
        rows.append(("Purpose", cover["purpose_label"]))
        if cover["author"]:
            rows.append(("Author", cover["author"]))
        rows += [
            ("Plans", "; ".join(p["title"] for p in c["plans"])),
            ("Organisations", "; ".join(p["organisation"] for p in c["plans"])),
            ("Period covered", period),
            ("Position as at", f"{c['as_of']} ({c['as_of_quarter']})"),
            ("Commit", c["commit_short"] + (" (detached HEAD)" if c["detached"] else "")),
            ("Generated", c["generated_at"]),
        ]
        self.table(["", ""], rows, header=False)
        if c["shallow"]:
            self.para(
                ("Partial history. ", "bold"),
                "This report was built from a shallow clone: changes before its oldest "
                "commit are missing. Fetch the full history and render it again before "
                "publishing.",
            )

    def purpose(self) -> None:
        c = self.ctx
        since, until = c["period"]["since"], c["period"]["until"]
        self.numbered("Purpose")
        start = f"from {since['date']}" if since else "from the start of the recorded history"
        self.para(
            f"This paper reports progress against the action plan"
            f"{'s' if len(c['plans']) > 1 else ''} {start} to {until['date']}: where each plan "
            "stands, what is off track and why, what changed and who changed it, and what "
            "falls due next."
        )
        rec = c["recommendation"]
        self.para((f"Recommendation ({rec['label'].lower()}): ", "bold"), rec["text"])
        for i, d in enumerate(rec["decisions"], 1):
            self.para(f"{i}. ", (d["id"], "bold"), f" {d['title']}: {d['decision']}")

    def executive_summary(self) -> None:
        self.heading("Executive summary", 1)
        self.para(" ".join(self.ctx["executive_summary"]))

    def summary(self) -> None:
        c = self.ctx
        statuses = c["statuses"]
        self.numbered("Summary", wide=True)
        headers = ["Plan", "Actions", *(STATUS_LABEL[s] for s in statuses)]
        headers += ["% complete", "Overdue", "Direction of travel"]
        rows = []
        for p in c["plans"]:
            direction = p["direction"]
            if p["previous"]:
                prev = p["previous"]
                direction += (
                    f" (was {prev['percent_complete']:.0f}% complete, {prev['exceptions']} "
                    f"exception{'s' if prev['exceptions'] != 1 else ''})"
                )
            rows.append(_count_row(p["title"], p, statuses) + [direction])
        self.table(headers, rows, numeric=range(1, len(headers) - 1))
        totals = c.get("measure_totals")
        if c.get("measures") and totals:
            t, n = totals["trends"], totals["counts"]
            without = f", {t['none']} without two readings yet" if t["none"] else ""
            self.para(
                ("Outcome measures", "bold"),
                f": direction of travel {totals['direction']} — {t['improving']} improving, "
                f"{t['worsening']} worsening, {t['no change']} unchanged{without} (each "
                "measure's latest reading against the one before); "
                f"{n['green']} green, {n['amber']} amber, {n['red']} red, {n['grey']} grey; "
                f"{totals['late']} with a late reading. See section 4.",
            )
        for p in c["plans"]:
            self.heading(p["title"], 2)
            rows = [_count_row(f"{t['id']} {t['name']}", t, statuses) for t in p["tiers"]]
            rows.append(_count_row("All tiers", p, statuses))
            self.table(headers[:-1], rows, numeric=range(1, len(headers) - 1))

    def exceptions(self) -> None:
        c = self.ctx
        self.numbered("Exceptions", wide=bool(c["exceptions"]))
        if not c["exceptions"]:
            self.para(
                f"No exceptions: nothing is off track, at risk or overdue as at {c['as_of']}."
            )
            return
        self.para(f"Every action that is off track, at risk or overdue as at {c['as_of']}.")
        rows, rag = [], []
        for a in c["exceptions"]:
            status = a["status"] + (f", {a['days_overdue']} days overdue" if a["overdue"] else "")
            due = f"{a['original_due']} → {a['due']}" if a["redated"] else (a["due"] or "—")
            latest = a["latest_evidence"]
            evidence = (
                Linked(
                    f"{latest['date']} ({age(a['evidence_age_days'])}): {latest['text']}",
                    latest["link"],
                )
                if latest
                else "none recorded"
            )
            rows.append(
                [
                    a["id"],
                    f"{a['plan']} / {a['tier']}",
                    a["title"],
                    a["owner"] or "—",
                    status,
                    due,
                    evidence,
                    a["mitigation"] or "—",
                    a["decision"] or "—",
                ]
            )
            rag.append(a["rag"])
        headers = ["Action", "Plan / tier", "Title", "Owner", "Status", "Due", "Latest evidence"]
        headers += ["Mitigation", "Decision sought"]
        self.table(headers, rows, rag={4: rag})

    def changes(self) -> None:
        ch = self.ctx["changes"]
        self.numbered("Changes in the period")
        moves = sorted(
            [dict(e, moved=f"plan {e['old']} → {e['new']}") for e in ch["plan"]]
            + [dict(e, moved=f"tier {e['old']} → {e['new']}") for e in ch["tier"]],
            key=lambda e: e["date"],
        )
        groups = [
            (ch["status"], "Status changes", lambda e: f"{e['old']} → {e['new']}"),
            (ch["completed"], "Completed", lambda e: "completed"),
            (ch["added"], "New actions", lambda e: f"added to {e['plan']}"),
            (ch["removed"], "Removed actions", lambda e: f"removed from {e['plan']}"),
            (
                ch["redated"],
                "Re-dated actions",
                lambda e: f"{e['old'] or 'none'} → {e['new'] or 'none'}",
            ),
            (
                ch["owner"],
                "Owner changes",
                lambda e: f"{e['old'] or 'none'} → {e['new'] or 'none'}",
            ),
            (ch["title"], "Retitled actions", lambda e: f"{e['old']} → {e['new']}"),
            (moves, "Moved actions", lambda e: e["moved"]),
            (ch["evidence"], "Evidence added", lambda e: _evidence(e["new"])),
        ]
        if not any(rows for rows, _, _ in groups):
            self.para("No changes were recorded in the period.")
            return
        for rows, title, what in groups:
            if not rows:
                continue
            self.heading(title, 2)
            self.table(
                ["Action", "Title", "Change", "By", "Date", "Commit"],
                [
                    [e["action"], e["title"], what(e), e["author"], e["date"], e["short"]]
                    for e in rows
                ],
            )

    def coming_up(self) -> None:
        up = self.ctx["coming_up"]
        self.numbered("Coming up")
        if not up["actions"]:
            self.para(
                f"Nothing falls due between {up['from']} and {up['to']} (the end of "
                f"{up['quarter']})."
            )
            return
        self.para(
            f"Open actions due after {up['from']} and by {up['to']} (the end of {up['quarter']})."
        )
        self.table(
            ["Action", "Title", "Owner", "Status", "Due"],
            [
                [a["id"], a["title"], a["owner"] or "—", a["status"], a["next_due"] or a["due"]]
                for a in up["actions"]
            ],
            rag={3: [a["rag"] for a in up["actions"]]},
        )

    def chart(self) -> None:
        c = self.ctx
        self.numbered("Status over time")
        points = c["chart"]["points"]
        if not points:
            self.para("No history to chart.")
            return
        self.para("Actions by status at the end of each quarter, and at the end of the period.")
        self.table(
            ["As at", *(STATUS_LABEL[s] for s in c["statuses"])],
            [[p["label"], *(p["counts"][s] for s in c["statuses"])] for p in points],
            numeric=range(1, len(c["statuses"]) + 1),
        )

    def frameworks(self) -> None:
        """Framework coverage, when any action aligns: as the Markdown paper has it."""
        frameworks = self.ctx["frameworks"]
        if not frameworks:
            return
        self.numbered("Framework coverage")
        self.para(
            f"How the actions serve the principles of the framework"
            f"{'s' if len(frameworks) > 1 else ''} the plans are held to, as at "
            f"{self.ctx['as_of']}. A principle's roll-up is the worst status among the open "
            "actions serving it (an overdue action counts as red), or blue when all of them "
            "are complete; a cancelled action does not serve a principle."
        )
        for fw in frameworks:
            self.heading(fw["title"], 2)
            self.para(
                f"{fw['covered']} of {fw['total']} principle{'s' * (fw['total'] != 1)} "
                f"{'is' if fw['covered'] == 1 else 'are'} served by at least one action."
            )
            gaps = [p for p in fw["principles"] if not p["covered"]]
            if gaps:
                n = len(gaps)
                self.para((f"Gaps: no action serves {n} principle{'s' if n != 1 else ''}.", "bold"))
                self.bullets(f"{p['id']} {p['title']}" for p in gaps)
            names = {sec["id"]: sec["name"] for sec in fw["sections"]}
            rank = {sid: i for i, sid in enumerate(names)}
            # By section as the framework orders them, the gaps first in each.
            rows = sorted(
                fw["principles"], key=lambda p: (rank.get(p["section"], len(rank)), p["covered"])
            )
            self.table(
                ["Principle", "Section", "Actions serving it", "Roll-up"],
                [
                    [
                        f"{p['id']} {p['title']}",
                        names.get(p["section"], "—"),
                        "; ".join(f"{a['id']} ({a['status']})" for a in p["actions"]) or "—",
                        p["rag"] or "gap",
                    ]
                    for p in rows
                ],
                rag={3: [p["rag"] or "red" for p in rows]},
            )

    def measures(self) -> None:
        """Outcome measures, when the plans have any: as the Markdown paper has them, the
        chart of each measure's readings as a table."""
        from actionplan.outcomes import describe_change, num

        c = self.ctx
        measures = c.get("measures") or []
        if not measures:
            return
        self.numbered("Outcome measures")
        self.para(
            f"Each measure's latest reading as at {c['as_of']} against the value expected by "
            "the reading's date (on the straight line from baseline to target, when both are "
            "dated) and its target. RAG: at or better than expected is green, worse by no "
            "more than the tolerance amber, worse by more red; grey without a target or a "
            "reading. Late: no reading for the last period due (30 days' grace)."
        )
        rows = []
        for m in measures:
            latest = m["latest"]
            target = m["target"]
            rows.append(
                [
                    f"{m['id']} {m['title']} ({m['unit']})",
                    m["plan"],
                    f"{num(latest['value'])} ({latest['date']})" if latest else "no reading",
                    num(m["expected"], 2),
                    (
                        num(target["value"]) + (f" by {target['date']}" if target["date"] else "")
                        if target
                        else "none set"
                    ),
                    m["rag"],
                    m["trend"] or "—",
                    f"late: {m['due_period']['label']}" if m["late"] else "—",
                ]
            )
        self.table(
            ["Measure", "Plan", "Latest", "Expected", "Target", "RAG", "Trend", "Late"],
            rows,
            rag={5: [m["rag"] for m in measures]},
            numeric=(3,),
        )
        for m in measures:
            points, changes = m["chart"]["points"], m["changes"]
            if not points and not changes:
                continue
            self.heading(f"{m['id']} {m['title']}", 2)
            if points:
                self.table(
                    ["Date", f"Reading ({m['unit']})", "Expected", "Note"],
                    [
                        [p["date"], num(p["value"]), num(p["expected"], 2), p["note"] or ""]
                        for p in points
                    ],
                    numeric=(1, 2),
                )
            if changes:
                self.para("Recorded in the period:")
                self.bullets(
                    f"{describe_change(e)} — {e['author']}, {e['date']} ({e['short']})"
                    for e in changes
                )

    def key(self) -> None:
        self.orient(False)
        self.heading("RAG key", 1)
        colours = self.ctx["rag_key"]["colours"]
        self.table(
            ["Colour", "Statuses"],
            [[c["rag"].capitalize(), " or ".join(c["statuses"])] for c in colours],
            rag={0: [c["rag"] for c in colours]},
        )
        self.bullets(self.ctx["rag_key"]["rules"])

    def appendix(self) -> None:
        self.orient(False)
        self.heading("Appendix: every action by tier", 1)
        for p in self.ctx["appendix"]:
            for t in p["tiers"]:
                self.heading(f"{p['title']}: {t['id']} {t['name']}", 2)
                if not t["actions"]:
                    self.para("No actions.")
                    continue
                acts = t["actions"]
                self.table(
                    ["Action", "Title", "Owner", "Status", "Due", "Latest evidence"],
                    [
                        [
                            a["id"],
                            a["title"],
                            a["owner"] or "—",
                            a["status"],
                            a["due"] or "—",
                            _evidence(a["latest_evidence"]) or "—",
                        ]
                        for a in acts
                    ],
                    rag={3: [a["rag"] for a in acts]},
                )


def render_docx(context: dict[str, Any]) -> bytes:
    """The board paper as .docx bytes."""
    return Writer(context).build()


# --- helpers -------------------------------------------------------------------------


def _count_row(label: str, x: dict[str, Any], statuses: Sequence[str]) -> list[Any]:
    return [
        label,
        x["total"],
        *(x["counts"][s] for s in statuses),
        f"{x['percent_complete']:.0f}%",
        x["overdue"],
    ]


class Linked(str):
    """Cell text with the evidence link that follows it (a live link only when safe)."""

    url: str | None

    def __new__(cls, value: str, url: str | None) -> Linked:
        made = super().__new__(cls, value)
        made.url = url
        return made


def _evidence(e: dict[str, Any] | None) -> str:
    return Linked(f"{e['date']}: {e['text']}", e.get("link")) if e else ""


_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _widths(room: int, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """Column widths (twips) for a table across room: each column first gets room for its
    longest word (ids and dates never break), then what is left is shared by how much
    more text each column holds (its longest cell, up to 40 characters)."""
    per_char, padding = 105, 230  # a 9-point character, a cell's margins
    words, texts = [], []
    for i, h in enumerate(headers):
        cells = [str(row[i]) for row in rows[:200] if i < len(row)]
        word = max((len(w) for c in [str(h), *cells] for w in c.split()), default=1)
        words.append(min(word, 24))
        texts.append(max(min(40, max((len(c) for c in cells), default=0)), words[-1]))
    least = [w * per_char + padding for w in words]
    spare = room - sum(least)
    if spare <= 0:
        return [max(1, room * n // sum(least)) for n in least]
    extra = [t - w for t, w in zip(texts, words, strict=True)]
    weight = sum(extra) or 1
    return [n + spare * e // weight for n, e in zip(least, extra, strict=True)]


def _cell_xml(
    width: int,
    body: str,
    fill: str | None = None,
    ink: str | None = None,
    bold: bool = False,
    right: bool = False,
    link: str | None = None,
) -> str:
    """One table cell as WordprocessingML: its shading, alignment and a 9-point run of
    text (then a live link, when there is one). Elements in the schema's order."""
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{ink}"/>' if ink else "")
    para = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    run = (
        f'<w:r><w:rPr>{props}<w:sz w:val="18"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(body)}</w:t></w:r>'
    )
    if link:
        run += (
            '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> (</w:t></w:r>'
            f'<w:hyperlink r:id="{link}"><w:r><w:rPr><w:color w:val="1155CC"/>'
            '<w:sz w:val="18"/><w:u w:val="single"/></w:rPr><w:t>link</w:t></w:r></w:hyperlink>'
            '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>)</w:t></w:r>'
        )
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
        f"<w:p>{para}{run}</w:p></w:tc>"
    )


def _parse_time(value: str) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return datetime(1980, 1, 1, tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _reproducible(doc: Any) -> bytes:
    """The saved document with every zip entry dated alike, so that equal documents are
    equal bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
