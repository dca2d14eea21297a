"""Every input says what it is and how to fill it; the documents say which language they are in
and the PDFs are tagged (the browser checks are in tests/e2e/test_accessibility_browser.py)."""

import io
import re
import shutil
import subprocess
import tomllib
import zipfile
import zlib

import pytest
from docx import Document

from components.browser import a11y, page_js
from components.browser.aria import SCRIPT as ARIA_SCRIPT
from dossier import pdf, sample
from dossier.calls import load_call
from dossier.documents import build_documents
from dossier.eligibility import STEPS
from dossier.models import CEFR_SKILLS
from support import ROOT
from wizard import go, new_app, w

KINDS = {"TextInput", "TextArea", "NumberInput", "Selectbox", "Multiselect", "Radio", "Checkbox", "DateInput", "Toggle"}
# Still a "?" tooltip (named in Italian by the page script, components/browser/aria.py): the signed
# letter's route, in components/page_parts/signed_letter.py, changed apart from this one.
TOOLTIP_LEFT = {"sign-route"}
CEFR_LABELS = {tomllib.loads((ROOT / "locales" / "it.toml").read_text())["cefr"][skill] for skill in CEFR_SKILLS}


def _leaves(node):
    """The elements under `node`, in the order of the page."""
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for key in sorted(children):
        yield from _leaves(children[key])


def _every_page(at):
    """(step, the elements of its page) for every step, and for the CV step once with each of
    its entries open (components/widgets/entries.py: a closed entry is a line)."""
    for step in STEPS:
        go(at, step)
        yield step, list(_leaves(at.main))
        for key in [b.key for b in at.button if b.key and b.key.startswith("open-entry-")]:
            at.button(key=key).click().run()
            yield step, list(_leaves(at.main))


@pytest.mark.parametrize("example", ["example-single", "example-union"])
def test_every_input_on_every_step_has_a_visible_label_and_help_under_it(example):
    """Help is text under the field (components/browser/a11y.py `hint`), read with it, not a "?"
    tooltip that screen readers are not told of. The CEFR grid's levels are explained once,
    above the list of languages."""
    at = new_app()
    at.button(key=example).click().run()
    lacking, seen = [], 0
    for step, order in _every_page(at):
        for i, widget in enumerate(order):
            kind = type(widget).__name__
            if kind not in KINDS:
                continue
            seen += 1
            visible = not widget.proto.HasField("label_visibility") or widget.proto.label_visibility.value == 0
            after = [type(w).__name__ for w in order[i + 1 : i + 3]]
            cefr = widget.label in CEFR_LABELS
            if widget.key in TOOLTIP_LEFT:
                continue
            if not (widget.label.strip() and visible and (cefr or "Caption" in after)) or widget.proto.help:
                lacking.append(f"{step}: {widget.key} {widget.label!r} (then {after})")
    assert seen > 60  # the example fills every step, so every kind of input was looked at
    assert lacking == []


# WCAG 1.3.5: a field asking for a contact detail says which, with its HTML autocomplete token.
PURPOSES = {
    "applicant": {
        "applicant.official_name": "organization",
        "applicant.address": "street-address",
        "applicant.email": "email",
        "applicant.phone": "tel",
        "applicant.website": "url",
    },
    "officer": {
        "officer.first_name": "given-name",
        "officer.last_name": "family-name",
        "officer.role": "organization-title",
        "officer.email": "email",
        "officer.phone": "tel",
    },
}


@pytest.mark.parametrize("step", PURPOSES)
def test_contact_fields_tell_browsers_and_assistive_tools_what_they_ask(step):
    at = go(new_app(), step)
    said = {path: at.text_input(key=w(path)).proto.autocomplete for path in PURPOSES[step]}
    assert said == PURPOSES[step]
    # The PEC is not the office's ordinary address: no token, so a browser does not offer that one.
    if step == "applicant":
        assert at.text_input(key=w("applicant.pec")).proto.autocomplete in ("", "off")


def test_the_page_scripts_survive_streamlits_sanitiser():
    """st.html runs DOMPurify, which removes a script whose text has "<" before a letter or
    "/": the whole script would silently be gone (components/browser/aria.py)."""
    for script in (a11y.SCRIPT % "[]", ARIA_SCRIPT % "{}", page_js.SCRIPT):
        body = script.strip().removeprefix("<script>").removesuffix("</script>")
        assert not re.search(r"<[/\w]", body), re.search(r".{40}<[/\w].{20}", body)


def test_the_review_marks_the_english_answers_and_not_the_interfaces_words():
    """WCAG 3.1.2: what the user wrote in English is read with an English voice; labels, a CV
    entry's period ("in corso"), "Sì" and the municipality stay in the page's language."""
    at = new_app()
    d = sample.single()
    at.session_state["dossier"] = d
    go(at, "review")
    rows = {  # each answer of a step's one text (decision 0039): "**label**  \nvalue"
        answer.split("**")[1]: answer.split("  \n", 1)[1]
        for m in at.markdown
        if m.value.startswith("**")
        for answer in m.value.split("\n\n")
        if "  \n" in answer
    }
    assert rows["Ruolo (in inglese)"] == f'<span lang="en">{d.officer.role}</span>'
    period, *rest = rows["Esperienza 1"].split("  \n")
    assert "lang" not in period and all(line.startswith('<span lang="en">') for line in rest), rows["Esperienza 1"]
    assert "lang" not in rows["Comune"] and "lang" not in rows["Telefono"]


@pytest.fixture(scope="module")
def documents():
    return {doc.annex_id: doc for doc in build_documents(sample.single(), load_call("connection-2020"))}


def test_every_document_says_it_is_in_british_english(documents):
    """Word checks the spelling in English, a screen reader reads it with an English voice."""
    for doc in documents.values():
        with zipfile.ZipFile(io.BytesIO(doc.data)) as z:
            styles = z.read("word/styles.xml").decode()
            document = z.read("word/document.xml").decode()
        default = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.DOTALL).group(0)
        assert 'w:lang w:val="en-GB"' in default, doc.annex_id
        assert re.findall(r'<w:lang w:val="([^"]+)"', document) in ([], ["en-GB"]), (
            doc.annex_id
        )  # no run says otherwise


@pytest.mark.skipif(
    pdf.soffice_path() is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) or pdfinfo is not installed: PDF accessibility test skipped",
)
def test_the_pdfs_are_tagged_with_a_title_and_a_language(documents):
    made = pdf.to_pdfs({key: doc.data for key, doc in documents.items()}, pdfa=True)
    for key, data in made.items():
        info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), key
        assert re.search(rf"^Title:\s+Annex {documents[key].number} – \w", info, re.MULTILINE), key  # not the file name
        assert b"/Lang(en-GB)" in data, key
    # The label/value tables ("Applicant profile", the CV's personal information): their
    # labels are header cells, so a screen reader says which value it reads.
    for key in ("needs", "cv"):
        assert _header_cells(made[key]) >= 6, key


def _header_cells(data: bytes) -> int:
    """The TH elements of a tagged PDF's structure tree (in plain or compressed objects)."""
    text = data + b"".join(_inflate(m.group(1)) for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL))
    return len(re.findall(rb"/S\s*/TH\b", text))


def _inflate(raw: bytes) -> bytes:
    try:
        return zlib.decompress(raw)
    except zlib.error:  # not a Flate stream (an image, a font)
        return b""


def test_the_label_value_tables_label_their_rows_as_table_headings(documents):
    """In the Word files: the style LibreOffice exports as header cells (TH)."""
    for key, heading in (("needs", "Applicant profile"), ("cv", "Personal information")):
        body = Document(io.BytesIO(documents[key].data))
        table = next(t for t in body.tables if t.rows[0].cells[0].paragraphs[0].style.name == "Table Heading")
        labels = [row.cells[0].paragraphs[0] for row in table.rows]
        assert all(p.style.name == "Table Heading" for p in labels), heading
        assert len(labels) >= 3, heading
