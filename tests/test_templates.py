"""The Word templates of every call pack: known tags only, and the rendered annexes read right."""

from __future__ import annotations

import importlib.util
import io

import pytest
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from dossier import sample
from dossier.calls import discover_calls, load_call
from dossier.documents import build_documents, context
from support import ROOT

PACKS = discover_calls()
TEMPLATES = [(call_id, a.template) for call_id in PACKS for a in load_call(call_id).annexes]


def texts(data: bytes) -> list[str]:
    """Every paragraph a reader sees, in body, table cells (nested too), headers and footers."""
    doc = Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs]

    def tables(items):
        for t in items:
            for row in t.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)

    tables(doc.tables)
    for s in doc.sections:
        out += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return out


def rendered(dossier, call) -> dict[str, list[str]]:
    return {doc.annex_id: texts(doc.data) for doc in build_documents(dossier, call)}


def no_tags_left(paragraphs: list[str]) -> None:
    leftovers = [p for p in paragraphs if "{{" in p or "{%" in p or "{#" in p]
    assert not leftovers, leftovers


@pytest.mark.parametrize("call_id,template", TEMPLATES)
def test_every_variable_is_provided_by_context(call_id, template):
    call = load_call(call_id)
    ctx = context(sample.single(), call)
    tpl = DocxTemplate(call.folder / template)
    assert tpl.get_undeclared_template_variables(context=ctx) == set()


@pytest.mark.parametrize("call_id,template", TEMPLATES)
@pytest.mark.parametrize("make", [sample.single, sample.union])
def test_every_attribute_exists(call_id, template, make):
    """StrictUndefined also catches a misspelt key below the top level (applicant.nmae)."""
    call = load_call(call_id)
    tpl = DocxTemplate(call.folder / template)
    tpl.render(context(make(), call), Environment(undefined=StrictUndefined), autoescape=True)


def test_single_municipality(call):
    docs = rendered(sample.single(), call)
    for paragraphs in docs.values():
        no_tags_left(paragraphs)
    letter, needs, cv = docs["letter"], docs["needs"], docs["cv"]

    assert "Municipality of Agliè" in letter
    assert any(p.startswith("I, the undersigned Marco Bertolino, Mayor of Agliè,") for p in letter)
    assert any("the Municipality of Agliè (TO) in taking part" in p for p in letter)
    assert (
        "to adopt a local action plan including integration measures, developed with the "
        "support of the project partners;" in letter
    )
    assert any(p.endswith("share the knowledge gained with the other municipalities of the region.") for p in letter)
    assert "Agliè, 20 February 2020" in letter
    assert "(signature and stamp, or qualified digital signature)" in letter  # PAdES is how offices sign
    assert not any("lead municipality" in p for p in letter)

    assert "Municipality of Agliè" in needs  # profile table cell
    assert "Single municipality" in needs
    assert "212 (8.2% of the resident population)" in needs
    assert "Member municipalities" not in needs
    assert "2. Integration measures ongoing or planned" in needs
    # each line of an answer is a paragraph of its own
    assert (
        "Italian language courses are organised twice a year in the municipal library, in "
        "cooperation with the provincial adult education centre (CPIA) of Ivrea. A cultural "
        "mediator is available on request at the social services of the Consortium for Social "
        "Services."
    ) in needs
    assert any(p.startswith("The municipality runs a weekly help desk") for p in needs)
    assert any("A strategic approach to integration, participation and interaction" in p for p in needs)

    assert "Giulia Ferrero" in cv
    assert "Head of Social and Educational Services" in cv
    assert "Consortium for Social Services of Canavese" in cv
    assert "03/2014 – present" in cv
    assert "Master's degree in Social Policy and Social Work" in cv
    assert "Management of projects funded by the Piedmont Region on social inclusion." in cv
    assert {"English", "French", "Listening", "Spoken interaction"} <= set(cv)
    assert any("Regulation (EU) 2016/679 (GDPR)" in p for p in cv)


def test_union_of_municipalities(call):
    docs = rendered(sample.union(), call)
    for paragraphs in docs.values():
        no_tags_left(paragraphs)
    letter, needs = docs["letter"], docs["needs"]

    assert "Union of Municipalities of Alto Canavese" in letter
    body = next(p for p in letter if p.startswith("I, the undersigned"))
    assert "President of the Union of Municipalities of Alto Canavese" in body
    assert "Cuorgnè (TO) (lead municipality), Valperga (TO) and Pertusio (TO)" in body
    assert any("Cuorgnè (TO) acts as lead municipality" in p for p in letter)

    assert "Union of municipalities" in needs
    assert "Member municipalities" in needs
    for cell in (
        "Cuorgnè (TO)",
        "Lead municipality",
        "9,800",
        "Valperga (TO)",
        "Pertusio (TO)",
        "Member",
        "780",
        "13,680",
    ):
        assert cell in needs, cell


def test_what_users_type_comes_out_literally(call):
    d = sample.single()
    d.applicant.official_name = 'Municipality of Agliè & "Friends" <b>'
    d.needs.answers["context"] = (
        "Costs & benefits < 5 > 3, \"quoted\" and 'single'.\n"
        "We typed {{ 7*7 }} and {% if x %} on purpose.\n\n"
        "Perché è così: città, più, però, Niccolò."
    )
    d.officer.experience[0].activities = "Line one & <two>\n{{ 7*7 }}"
    docs = rendered(d, call)
    needs, letter, cv = docs["needs"], docs["letter"], docs["cv"]

    assert 'Municipality of Agliè & "Friends" <b>' in letter
    assert "Costs & benefits < 5 > 3, \"quoted\" and 'single'." in needs
    assert "We typed {{ 7*7 }} and {% if x %} on purpose." in needs
    assert "Perché è così: città, più, però, Niccolò." in needs
    assert "{{ 7*7 }}" in cv and "Line one & <two>" in cv
    assert not any("49" in p for p in needs + cv)


def test_empty_lists_leave_no_trace(call):
    d = sample.union()
    d.eligibility.members = []
    d.letter.commitments = []
    o = d.officer
    o.experience, o.education, o.languages = [], [], []
    o.digital_skills = o.other_skills = ""
    docs = rendered(d, call)
    for paragraphs in docs.values():
        no_tags_left(paragraphs)
    assert not any("I undertake" in p for p in docs["letter"])
    assert "Member municipalities" not in docs["needs"]
    for heading in ("Work experience", "Education and training", "Digital skills", "Other skills", "Listening"):
        assert heading not in docs["cv"], heading
    assert "Languages" in docs["cv"] and "Mother tongue: Italian" in docs["cv"]


def test_build_script_is_deterministic(tmp_path):
    spec = importlib.util.spec_from_file_location("build_templates", ROOT / "scripts" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["build_templates", str(tmp_path / "a")])
    module.main(["build_templates", str(tmp_path / "b")])
    for name in module.TEMPLATES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
