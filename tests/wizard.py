"""Drive the wizard in Streamlit's AppTest the way a user fills it in, widget by widget."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from support import ROOT


def new_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def go(at: AppTest, step: str) -> AppTest:
    at.switch_page(f"views/{step}.py").run()
    assert not at.exception, at.exception
    return at


def focus_target(at: AppTest) -> str | None:
    """The anchor the page script is asked to bring into view and focus after this run
    (components/browser/page_js.py `page_js`; None: the page's heading takes the focus after
    a step change)."""
    asked = [h.proto.body for h in at.get("html") if "window.__wizardJump(" in h.proto.body]
    return json.loads(re.search(r"__wizardJump\((.+)\[0\]\)", asked[0]).group(1))[0] if asked else None


def drawn(block) -> int:
    """The elements and blocks under `block` (e.g. `at.main`): the deltas the browser is sent."""
    return sum(1 + drawn(child) if hasattr(child, "children") else 1 for child in block.children.values())


def full_union() -> tuple[AppTest, str]:
    """The Eligibility step of a union that has as many members as a Dossier may hold
    (MAX_LIST Piedmont municipalities), and the name of one more to try to add."""
    from dossier.models import MAX_LIST, Municipality
    from dossier.municipalities import in_region

    comuni = in_region("Piemonte")
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("union").run()
    at.session_state["dossier"].eligibility.members = [
        Municipality(name=c.name, province=c.province, istat_code=c.istat_code) for c in comuni[:MAX_LIST]
    ]
    at.run()
    return at, comuni[MAX_LIST].name


def w(path: str) -> str:
    return "w:" + path


def type_text(at: AppTest, path: str, value: str) -> None:
    element = at.text_area(key=w(path)) if _is_area(at, path) else at.text_input(key=w(path))
    element.input(value).run()
    assert not at.exception, at.exception


def _is_area(at: AppTest, path: str) -> bool:
    return any(el.key == w(path) for el in at.text_area)


def fill_eligibility(
    at: AppTest, kind: str, names: list[str] | None = None, lead: str = "", union_name: str = ""
) -> None:
    go(at, "eligibility")
    at.radio(key=w("eligibility.kind")).set_value(kind).run()
    if kind == "municipality":
        type_text(at, "eligibility.municipality", names[0])
    else:
        type_text(at, "eligibility.union_name", union_name)
        for name in names:  # one at a time, as the picker asks
            type_text(at, "eligibility.members", name)
        at.selectbox(key=w("eligibility.lead")).set_value(lead).run()
    at.checkbox(key=w("eligibility.action_plan")).check().run()
    at.checkbox(key=w("eligibility.officer_available")).check().run()


def fill_applicant(at: AppTest, d) -> None:
    go(at, "applicant")
    a = d.applicant
    for name in ("official_name", "address", "pec", "email", "phone", "website", "countries_of_origin"):
        type_text(at, f"applicant.{name}", getattr(a, name))
    if d.eligibility.kind == "union":  # the union's total is the sum of its members'
        for i, m in enumerate(d.eligibility.members):
            type_text(at, f"eligibility.members.{i}.population", str(m.population))
    else:
        type_text(at, "applicant.population", str(a.population))
    type_text(at, "applicant.foreign_residents", str(a.foreign_residents))


def fill_needs(at: AppTest, d) -> None:
    go(at, "needs")
    at.radio(key=w("needs.community")).set_value(d.needs.community).run()
    for qid, text in d.needs.answers.items():
        type_text(at, f"needs.answers.{qid}", text)


def fill_officer(at: AppTest, d) -> None:
    go(at, "officer")
    o = d.officer
    for name in ("first_name", "last_name", "role", "department", "email", "phone", "mother_tongue"):
        type_text(at, f"officer.{name}", getattr(o, name))
    for i, x in enumerate(o.experience):
        at.button(key="add-officer.experience").click().run()
        base = f"officer.experience.{i}"
        at.date_input(key=w(f"{base}.start")).set_value(x.start).run()
        if x.end:
            at.date_input(key=w(f"{base}.end")).set_value(x.end).run()
        for name in ("position", "employer", "activities"):
            type_text(at, f"{base}.{name}", getattr(x, name))
    for i, x in enumerate(o.education):
        at.button(key="add-officer.education").click().run()
        base = f"officer.education.{i}"
        at.date_input(key=w(f"{base}.start")).set_value(x.start).run()
        at.date_input(key=w(f"{base}.end")).set_value(x.end).run()
        for name in ("title", "institution", "details"):
            type_text(at, f"{base}.{name}", getattr(x, name))
    for i, lang in enumerate(o.languages):
        at.button(key="add-officer.languages").click().run()
        base = f"officer.languages.{i}"
        type_text(at, f"{base}.language", lang.language)
        for skill in ("listening", "reading", "spoken_interaction", "spoken_production", "writing"):
            at.selectbox(key=w(f"{base}.{skill}")).set_value(getattr(lang, skill)).run()
    for name in ("digital_skills", "other_skills", "relevant_experience"):
        type_text(at, f"officer.{name}", getattr(o, name))
    at.checkbox(key=w("officer.data_consent")).check().run()


def fill_letter(at: AppTest, d, call) -> None:
    go(at, "letter")
    lt = d.letter
    at.radio(key=w("letter.signatory_role")).set_value(lt.signatory_role).run()
    type_text(at, "letter.signatory_name", lt.signatory_name)
    type_text(at, "letter.place", lt.place)
    at.date_input(key=w("letter.signed_on")).set_value(lt.signed_on).run()
    for c in call.commitments:
        at.checkbox(key=w(f"letter.commitments.{c.id}")).check().run()


def fill_everything(at: AppTest, d, call) -> None:
    e = d.eligibility
    if e.kind == "union":
        labels = [f"{m.name} ({m.province})" for m in e.members]
        lead = next(lb for lb in labels if lb.startswith(e.lead))
        fill_eligibility(at, "union", labels, lead, e.union_name)
    else:
        fill_eligibility(at, "municipality", [f"{e.municipality.name} ({e.municipality.province})"])
    fill_applicant(at, d)
    fill_needs(at, d)
    fill_officer(at, d)
    fill_letter(at, d, call)


def intended_box(at: AppTest, sentence: str):
    """The "keep it as written" box of a sentence on the English step (the first, if several)."""
    from dossier.english import sentence_key

    return next(c for c in at.checkbox if c.key.startswith("intended-") and c.key.endswith(sentence_key(sentence)))
