"""Generate the Word templates of the CONNECTION 2020 call pack with python-docx.

    python scripts/build_templates.py [OUTPUT_FOLDER]   # default: templates/connection-2020

Writes annex1_letter_of_commitment.docx, annex2_needs_analysis.docx and annex3_cv.docx.
The templates hold docxtpl/Jinja tags that may only use the keys returned by
dossier.documents.context(); see templates/README.md. Every tag is written as a single
run, so docxtpl sees it whole. The output is byte-for-byte the same on every run.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "templates" / "connection-2020"

FONT = "Arial"  # Word has it everywhere; LibreOffice shows it as the metric-twin Liberation Sans
SIZE = Pt(10.5)
SMALL = Pt(9)
BLUE = RGBColor(0x1F, 0x38, 0x64)  # headings only
BORDER = "A6A6A6"  # light grey table lines
SHADE = "F2F2F2"  # header rows and label cells
PAGE_W, PAGE_H, MARGIN = Cm(21.0), Cm(29.7), Cm(2.2)
TEXT_W = 21.0 - 2 * 2.2  # cm
FIXED_TIME = datetime(2020, 1, 1)
LANGUAGE = "en-GB"


# --------------------------------------------------------------------------- basics
def _fonts(rpr) -> None:
    """One font for every script, no theme fonts (they would win over ours)."""
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    rfonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    rpr.insert(0, rfonts)


def _style_font(style, size=None, bold=None, italic=None, color=None) -> None:
    rpr = style.element.get_or_add_rPr()
    _fonts(rpr)
    for old in rpr.findall(qn("w:color")):
        rpr.remove(old)
    f = style.font
    if size is not None:
        f.size = size
    f.bold, f.italic = bold, italic
    if color is not None:
        f.color.rgb = color


def _spacing(pf, before=0, after=6, line=1.1, keep_next=None) -> None:
    pf.space_before, pf.space_after, pf.line_spacing = Pt(before), Pt(after), line
    if keep_next is not None:
        pf.keep_with_next = keep_next


def new_document(header: list[str], title: str, footer: list[str] | None = None):
    """An A4 document with our styles, a small header line and optional page numbers."""
    doc = Document()
    styles = doc.styles
    # Document defaults and Normal: one font, one size.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(default_rpr)
    # The documents are in British English, as the EU institutions write: Word's spelling
    # check checks English, and screen readers and the PDF export say so.
    default_rpr.find(qn("w:lang")).set(qn("w:val"), LANGUAGE)
    normal = styles["Normal"]
    _style_font(normal, size=SIZE)
    _spacing(normal.paragraph_format, after=6, line=1.1)

    for name, size, before, after in (
        ("Heading 1", Pt(16), 0, 4),
        ("Heading 2", Pt(12), 14, 6),
        ("Heading 3", Pt(10.5), 10, 4),
    ):
        st = styles[name]
        _style_font(st, size=size, bold=True, italic=False, color=BLUE)
        _spacing(st.paragraph_format, before=before, after=after, line=1.0, keep_next=True)
    for name in ("List Bullet",):
        _spacing(styles[name].paragraph_format, after=4, line=1.1)

    cell = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.quick_style = True
    _spacing(cell.paragraph_format, after=2, line=1.0)
    # The first column of a label/value table: LibreOffice tags a cell whose paragraph has
    # this style as a header cell (TH) in the PDF, so a screen reader says "Applicant" with
    # the value beside it (a row of labels would need a row of titles above it).
    head = styles.add_style("Table Heading", WD_STYLE_TYPE.PARAGRAPH)
    head.base_style = cell
    head.quick_style = True
    small = styles.add_style("Small Text", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.quick_style = True
    _style_font(small, size=SMALL)
    _spacing(small.paragraph_format, after=2, line=1.0)

    sec = doc.sections[0]
    sec.page_width, sec.page_height = PAGE_W, PAGE_H
    sec.left_margin = sec.right_margin = MARGIN
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    sec.header_distance = sec.footer_distance = Cm(1.0)

    hp = sec.header.paragraphs[0]
    hp.style = small
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for part in header:
        hp.add_run(part)
    if footer is not None:
        fp = sec.footer.paragraphs[0]
        fp.style = small
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in footer:
            fp.add_run(part)
        fp.add_run("Page ")
        _field(fp, "PAGE", "1")
        fp.add_run(" of ")
        _field(fp, "NUMPAGES", "1")

    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = title, "ANCI Piemonte – CONNECTION wizard", ""
    cp.language = LANGUAGE
    cp.created = cp.modified = FIXED_TIME
    cp.revision, cp.comments = 1, "Template with docxtpl tags: see templates/README.md"
    return doc


def _field(paragraph, code: str, shown: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {code} \\* MERGEFORMAT ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = shown
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def runs(paragraph, *parts):
    """Add text runs. A part is a str, or (str, flags) with flags among 'b', 'i', 's'
    (bold, italic, small). Each Jinja tag must be its own part: one tag, one run."""
    for part in parts:
        text, flags = (part, "") if isinstance(part, str) else part
        r = paragraph.add_run(text)
        if "b" in flags:
            r.bold = True
        if "i" in flags:
            r.italic = True
        if "s" in flags:
            r.font.size = SMALL
    return paragraph


def para(
    container,
    *parts,
    style=None,
    align=None,
    before=None,
    after=None,
    indent=None,
    keep_next=False,
    keep_together=False,
):
    p = container.add_paragraph(style=style)
    runs(p, *parts)
    pf = p.paragraph_format
    if align is not None:
        p.alignment = align
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if indent is not None:
        pf.left_indent = Cm(indent)
    if keep_next:
        pf.keep_with_next = True
    if keep_together:
        pf.keep_together = True
    return p


def tag(container, statement: str):
    """A {%p ... %} paragraph: docxtpl replaces the whole paragraph with the statement."""
    p = container.add_paragraph()
    p.add_run("{%p " + statement + " %}")
    return p


def bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", BORDER)):
        b.set(qn(k), v)
    bdr.append(b)
    ppr.append(bdr)


# --------------------------------------------------------------------------- tables
def table(doc, widths_cm: list[float], rows: int = 0, borders: bool = True):
    t = doc.add_table(rows=rows, cols=len(widths_cm))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False  # fixed layout: the widths below hold in Word and LibreOffice
    tblPr = t._tbl.tblPr
    bdr = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        if borders:
            for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", BORDER)):
                e.set(qn(k), v)
        else:
            e.set(qn("w:val"), "nil")
        bdr.append(e)
    tblPr.append(bdr)
    mar = OxmlElement("w:tblCellMar")
    pad = 85 if borders else 0
    for side, w in (("top", 40), ("left", pad), ("bottom", 40), ("right", pad)):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:w"), str(w))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tblPr.append(mar)
    t._widths = widths_cm
    for col, w in zip(t.columns, widths_cm, strict=False):
        col.width = Cm(w)
    for row in t.rows:
        _size_row(t, row)
    return t


def _size_row(t, row) -> None:
    for c, w in zip(row.cells, t._widths, strict=False):
        c.width = Cm(w)
        for p in c.paragraphs:
            p.style = "Table Text"


def add_row(t, *cells, header=False, shade_first=False):
    """A row; each cell is a list of parts for its first paragraph (or a str)."""
    row = t.add_row()
    _size_row(t, row)
    for i, (cell, content) in enumerate(zip(row.cells, cells, strict=False)):
        parts = [content] if isinstance(content, (str, tuple)) else content
        runs(cell.paragraphs[0], *parts)
        if header or (shade_first and i == 0):
            shade(cell)
    if header:
        trpr = row._tr.get_or_add_trPr()
        h = OxmlElement("w:tblHeader")
        trpr.append(h)
        for cell in row.cells:
            for r in cell.paragraphs[0].runs:
                r.bold = True
    cant = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().insert(0, cant)
    return row


def tr_tag(t, statement: str):
    """A {%tr ... %} row: docxtpl replaces the whole row with the statement."""
    row = t.add_row()
    _size_row(t, row)
    row.cells[0].paragraphs[0].add_run("{%tr " + statement + " %}")
    return row


def shade(cell) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), SHADE)
    tcpr.append(shd)


def cell_para(cell, *parts, first=False, style="Table Text"):
    p = cell.paragraphs[0] if first else cell.add_paragraph(style=style)
    return runs(p, *parts)


def cell_tag(cell, statement: str):
    p = cell.add_paragraph(style="Table Text")
    p.add_run("{%p " + statement + " %}")
    return p


def label_table(doc, rows: list[tuple[str, list]], widths=(5.0, TEXT_W - 5.0)):
    t = table(doc, list(widths))
    for label, value in rows:
        row = add_row(t, label, value, shade_first=True)
        row.cells[0].paragraphs[0].style = "Table Heading"
    return t


def signature_block(doc, left: list, right: list[list]) -> None:
    """Place and date on the left, the signature on the right: one borderless row that
    cannot break across pages. `right` holds one list of parts per paragraph."""
    t = table(doc, [TEXT_W / 2, TEXT_W / 2], borders=False)
    row = add_row(t, left, right[0])
    cell = row.cells[1]
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for parts in right[1:]:
        cell_para(cell, *parts).alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.paragraphs[-2].paragraph_format.space_before = Pt(30)  # room to sign
    for p in cell.paragraphs[-2:]:
        p.paragraph_format.space_after = Pt(0)


def keep_rows_together(t) -> None:
    """Keep a small table on one page (every paragraph but the last row keeps with next)."""
    for row in t.rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


# --------------------------------------------------------------------------- saving
# Word refuses properties out of the order of the OOXML schema; python-docx keeps the order
# for what it adds, the few elements added by hand here are sorted before saving.
_ORDER = {
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
    "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid "
    "spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook "
    "tblCaption tblDescription tblPrChange",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange",
}


def _schema_order(root) -> None:
    for tag_name, seq in _ORDER.items():
        rank = {qn(f"w:{name}"): i for i, name in enumerate(seq.split())}
        for el in root.iter(qn(tag_name)):
            children = sorted(el, key=lambda c: rank.get(c.tag, len(rank)))
            for c in children:
                el.remove(c)
                el.append(c)


def save(doc, path: Path) -> None:
    """Save with fixed zip timestamps, so the same code gives the same bytes."""
    _schema_order(doc.element)
    for sec in doc.sections:
        _schema_order(sec.header._element)
        _schema_order(sec.footer._element)
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename))
    path.write_bytes(out.getvalue())


# --------------------------------------------------------------------------- Annex 1
def letter():
    doc = new_document(["{{ call.short_name }}", " – Annex 1 – Letter of Commitment"], "Annex 1 – Letter of Commitment")
    body = doc

    # Letterhead
    p = para(body, ("{{ applicant.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, after=2)
    p.runs[0].font.size = Pt(15)
    p.runs[0].font.color.rgb = BLUE
    para(body, "{{ applicant.address }}", style="Small Text", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(
        body,
        "PEC: ",
        "{{ applicant.pec }}",
        "   ·   Email: ",
        "{{ applicant.email }}",
        style="Small Text",
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    p = para(
        body,
        "Phone: ",
        "{{ applicant.phone }}",
        "{% if applicant.website %}",
        "   ·   ",
        "{{ applicant.website }}",
        "{% endif %}",
        style="Small Text",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
    )
    bottom_border(p)

    # Addressee
    para(body, ("To: ", "b"), "{{ call.organiser_full }}", indent=9.0, before=24, after=0)
    para(body, "by email: ", "{{ call.submission_email }}", indent=9.0, after=24)

    para(body, ("Subject: ", "b"), ("{{ call.short_name }}", "b"), (" – Letter of Commitment", "b"), after=12)

    para(
        body,
        "I, the undersigned ",
        "{{ signatory.name }}",
        ", ",
        "{{ signatory.title }}",
        ", having read the call for municipalities published by ",
        "{{ call.organiser }}",
        ", hereby confirm the interest of ",
        "{{ applicant.description }}",
        " in taking part in the project ",
        "{{ call.title }}",
        ", funded by the ",
        "{{ call.funder }}",
        ".",
        after=8,
    )
    tag(body, "if applicant.is_union and union.lead")
    para(
        body,
        "As the call requires of unions of municipalities, ",
        "{{ union.lead }}",
        " acts as lead municipality of the ",
        "{{ applicant.name }}",
        " for this application.",
        after=8,
    )
    tag(body, "endif")

    tag(body, "if letter.commitments")
    para(body, "To this end, on behalf of the ", "{{ applicant.name }}", ", I undertake:", after=4, keep_next=True)
    tag(body, "for c in letter.commitments")
    para(body, "{{ c }}", "{% if loop.last %}", ".", "{% else %}", ";", "{% endif %}", style="List Bullet")
    tag(body, "endfor")
    tag(body, "endif")

    para(body, "Yours faithfully,", before=8, after=14, keep_next=True)
    signature_block(
        body,
        ["{{ letter.place }}", ", ", "{{ letter.date }}"],
        [
            ["{{ signatory.title }}"],
            [("{{ signatory.name }}", "b")],
            ["_______________________________"],
            [("(signature and stamp, or qualified digital signature)", "is")],
        ],
    )

    para(
        body,
        ("Enclosures: ", "b"),
        "Annex 2 – Relevance to the call & initial needs analysis; Annex 3 – CV of ",
        "{{ officer.name }}",
        ".",
        style="Small Text",
        before=24,
    )
    return doc


# --------------------------------------------------------------------------- Annex 2
def needs():
    doc = new_document(
        ["{{ call.short_name }}", " – Annex 2 – Relevance to the call & initial needs analysis"],
        "Annex 2 – Relevance to the call & initial needs analysis",
        footer=["{{ applicant.name }}", "  –  "],
    )
    para(doc, "Relevance to the call & initial needs analysis", style="Heading 1")
    para(
        doc,
        "Application of the ",
        ("{{ applicant.name }}", "b"),
        " to take part in the project ",
        "{{ call.title }}",
        ", coordinated in Piedmont by ",
        "{{ call.organiser }}",
        ".",
        after=4,
    )

    para(doc, "Applicant profile", style="Heading 2")
    t = label_table(
        doc,
        [
            ("Applicant", ["{{ applicant.name }}"]),
            (
                "Type of applicant",
                [
                    "{% if applicant.is_union %}",
                    "Union of municipalities",
                    "{% else %}",
                    "Single municipality",
                    "{% endif %}",
                ],
            ),
            ("Region", ["{{ applicant.region }}"]),
            ("Address", ["{{ applicant.address }}"]),
            ("Resident population", ["{{ applicant.population }}"]),
            (
                "Foreign residents",
                [
                    "{{ applicant.foreign_residents }}",
                    "{% if applicant.foreign_share %}",
                    " (",
                    "{{ applicant.foreign_share }}",
                    " of the resident population)",
                    "{% endif %}",
                ],
            ),
            ("Main countries of origin", ["{{ applicant.countries_of_origin }}"]),
        ],
    )
    keep_rows_together(t)

    tag(doc, "if applicant.is_union and union.members")
    para(doc, "Member municipalities", style="Heading 3")
    t = table(doc, [8.0, 4.6, TEXT_W - 12.6])
    add_row(t, "Municipality", "Role", "Resident population", header=True)
    tr_tag(t, "for m in union.members")
    add_row(t, "{{ m.name }}", "{{ m.role }}", "{{ m.population }}")
    tr_tag(t, "endfor")
    tag(doc, "endif")

    tag(doc, "for section in needs.sections")
    para(doc, "{{ section.heading }}", style="Heading 2")
    tag(doc, "if loop.last and needs.community")
    para(doc, ("Chosen community of practice: ", "b"), "{{ needs.community }}", keep_next=True)
    tag(doc, "endif")
    tag(doc, "for p in section.paragraphs")
    para(doc, "{{ p }}")
    tag(doc, "endfor")
    tag(doc, "endfor")
    return doc


# --------------------------------------------------------------------------- Annex 3
def _paragraph_section(doc, heading: str, key: str) -> None:
    tag(doc, f"if officer.{key}")
    para(doc, heading, style="Heading 2")
    tag(doc, f"for p in officer.{key}")
    para(doc, "{{ p }}")
    tag(doc, "endfor")
    tag(doc, "endif")


def _period_table(doc, key: str, head: str, lines, details: str) -> None:
    """Work experience / education: one row per entry, details as real paragraphs."""
    t = table(doc, [3.6, TEXT_W - 3.6])
    add_row(t, "Period", head, header=True)
    tr_tag(t, f"for x in officer.{key}")
    row = add_row(t, "{{ x.period }}", "")
    cell = row.cells[1]
    position, employer = lines
    cell_para(cell, (position, "b"), first=True)
    cell_para(cell, (employer, "i")).paragraph_format.space_after = Pt(4)
    cell_tag(cell, f"for a in x.{details}")
    cell_para(cell, "{{ a }}")
    cell_tag(cell, "endfor")
    tr_tag(t, "endfor")


def cv():
    doc = new_document(
        ["{{ call.short_name }}", " – Annex 3 – Curriculum vitae"],
        "Annex 3 – CV of the municipality officer",
        footer=["Curriculum vitae of ", "{{ officer.name }}", "  –  "],
    )
    p = para(doc, "CURRICULUM VITAE", after=0)
    p.runs[0].font.size = SMALL
    p.runs[0].bold = True
    p.runs[0].font.color.rgb = BLUE
    para(doc, "{{ officer.name }}", style="Heading 1")
    para(
        doc,
        "Officer named by the ",
        "{{ officer.organisation }}",
        " for the activities of the project ",
        "{{ call.title }}",
        ".",
        after=4,
    )

    para(doc, "Personal information", style="Heading 2")
    t = label_table(
        doc,
        [
            ("Name", ["{{ officer.name }}"]),
            ("Current position", ["{{ officer.role }}"]),
            ("Department", ["{{ officer.department }}"]),
            ("Organisation", ["{{ officer.organisation }}"]),
            ("Email", ["{{ officer.email }}"]),
            ("Phone", ["{{ officer.phone }}"]),
        ],
    )
    keep_rows_together(t)

    tag(doc, "if officer.experience")
    para(doc, "Work experience", style="Heading 2")
    _period_table(
        doc,
        "experience",
        "Position, employer and main activities",
        ["{{ x.position }}", "{{ x.employer }}"],
        "activities",
    )
    tag(doc, "endif")

    tag(doc, "if officer.education")
    para(doc, "Education and training", style="Heading 2")
    _period_table(
        doc, "education", "Qualification, institution and details", ["{{ x.title }}", "{{ x.institution }}"], "details"
    )
    tag(doc, "endif")

    para(doc, "Languages", style="Heading 2")
    para(doc, ("Mother tongue: ", "b"), "{{ officer.mother_tongue }}")
    tag(doc, "if officer.languages")
    para(doc, "Other languages (self-assessment)", after=4, keep_next=True)
    lang_w = 3.6
    skill_w = round((TEXT_W - lang_w) / 5, 2)
    t = table(doc, [lang_w] + [skill_w] * 5)
    h1 = add_row(t, "Language", "Understanding", "", "Speaking", "", "Writing", header=True)
    h2 = add_row(t, "", "Listening", "Reading", "Spoken interaction", "Spoken production", "", header=True)
    for r in (h1, h2):
        for c in r.cells:
            c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    merged = [
        h1.cells[1].merge(h1.cells[2]),
        h1.cells[3].merge(h1.cells[4]),
        t.cell(0, 0).merge(t.cell(1, 0)),
        t.cell(0, 5).merge(t.cell(1, 5)),
    ]
    for c in merged:  # a merge keeps the empty paragraphs of the absorbed cells
        for extra in c.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    for r in (h1, h2):
        for c in r.cells:
            c.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tr_tag(t, "for l in officer.languages")
    row = add_row(
        t,
        ("{{ l.language }}", "b"),
        "{{ l.listening }}",
        "{{ l.reading }}",
        "{{ l.spoken_interaction }}",
        "{{ l.spoken_production }}",
        "{{ l.writing }}",
    )
    for c in row.cells[1:]:
        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    tr_tag(t, "endfor")
    para(
        doc,
        (
            "Levels: A1/A2 basic user – B1/B2 independent user – C1/C2 proficient user "
            "(Common European Framework of Reference for Languages)",
            "i",
        ),
        style="Small Text",
        before=3,
    )
    tag(doc, "endif")

    _paragraph_section(doc, "Digital skills", "digital_skills")
    _paragraph_section(doc, "Other skills", "other_skills")
    _paragraph_section(doc, "Experience with migration, integration or EU projects", "relevant_experience")

    para(doc, "Authorisation to process personal data", style="Heading 2")
    para(
        doc,
        "I authorise the processing of the personal data contained in this CV pursuant to "
        "Regulation (EU) 2016/679 (GDPR) and Legislative Decree 196/2003 as amended.",
        after=14,
        keep_next=True,
    )
    # Place, date and name, but no signature line: the CV is sent as the PDF the wizard
    # makes, unsigned (the call asks for the Mayor's signature on the letter only).
    t = table(doc, [TEXT_W / 2, TEXT_W / 2], borders=False)
    row = add_row(t, ["{{ letter.place }}", ", ", "{{ letter.date }}"], [("{{ officer.name }}", "b")])
    row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, style="Small Text")  # a document must not end with a table
    return doc


TEMPLATES = {
    "annex1_letter_of_commitment.docx": letter,
    "annex2_needs_analysis.docx": needs,
    "annex3_cv.docx": cv,
}


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        save(build(), out / name)
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
