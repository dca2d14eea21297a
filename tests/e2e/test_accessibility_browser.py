"""WCAG 2.1 AA in the browser (docs/ACCESSIBILITY.md): axe-core on every step, in both
languages, with the example, with what is missing shown and with the PDFs shown; the
page's language; a phone-sized screen. The keyboard journey is in test_keyboard.py.

One browser context walks all the steps of a check (a step is a rerun, not a new
server): the whole module takes about two minutes."""

from __future__ import annotations

import shutil

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

import helpers as h

S, EN = h.IT, h.Strings("en")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Violations that lie in Streamlit itself and cannot be fixed from the app, as
# (rule, a piece of the element's HTML): each is in docs/ACCESSIBILITY.md with its
# upstream issue. Nothing else is allowed.
STREAMLIT_KNOWN: set[tuple[str, str]] = set()

_axe = Axe()


def violations(page, where: str) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it is now, minus the known ones."""
    # Streamlit fades elements during a rerun and back after it: measure colours once still.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    found = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{where}: {v['id']} ({v['help']}) at {n['html'][:160]}"
        for v in found
        for n in v["nodes"]
        if not any(v["id"] == rule and part in n["html"] for rule, part in STREAMLIT_KNOWN)
    ]


def walk(page, lang: str, label: str) -> list[str]:
    """Every step from Start to Documents through the sidebar: axe, and the page's language."""
    found = []
    for i, step in enumerate(h.steps()):
        if i:
            h.go_step(page, step)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        found += violations(page, f"{label} {step}")
    return found


def test_every_step_with_what_is_missing_shown_on_a_phone(phone, base_url):
    """A blank application: every step lists what is missing, Documents what blocks it."""
    found = []
    for step in h.steps():
        h.open_app(phone, base_url, step)  # a new session each time: blank
        expect(phone.locator("html")).to_have_attribute("lang", "it")
        found += violations(phone, f"blank, phone, {step}")
    assert h.main(phone).get_by_text(S["documents.not_ready"]).is_visible()
    assert found == []


def test_every_step_with_the_example_in_italian_and_english_and_the_pdfs(page, base_url):
    h.open_app(page, base_url)
    h.press_button(page, S["example.single"])
    found = walk(page, "it", "example it")
    h.go_step(page, "start")
    h.choose(page, S["sidebar.language"], "English", scope=h.sidebar(page))
    found += walk(page, "en", "example en")
    if shutil.which("soffice"):  # without LibreOffice the page says so, and that was checked
        h.press_button(page, EN["documents.pdf_make"])
        h.main(page).get_by_text(EN["documents.pdf_ready"]).wait_for(timeout=120_000)
        h.main(page).locator("canvas").first.wait_for(timeout=60_000)
        found += violations(page, "example en documents with PDFs")
    assert found == []


def test_on_a_phone_the_step_shows_and_the_sidebar_closes_after_choosing_a_step(phone, base_url):
    h.open_app(phone, base_url)
    bar, nav = h.sidebar(phone), h.main(phone).get_by_test_id("stProgress")
    expect(bar).to_have_attribute("data-collapsed", "true")  # it would cover the page
    expect(nav).to_contain_text(S("nav.step_of", n=1, total=len(h.steps()), step=S["steps.start"]))
    expect(nav).to_be_in_viewport()

    phone.get_by_test_id("stExpandSidebarButton").tap()
    expect(bar).to_have_attribute("data-collapsed", "false")
    before = h.mark(phone)
    h.step_link(phone, "officer").tap()
    h.settle(phone, before)
    h._arrive(phone, "officer")
    expect(bar).to_have_attribute("data-collapsed", "true")
    expect(nav).to_contain_text(
        S("nav.step_of", n=h.step_number("officer"), total=len(h.steps()), step=S["steps.officer"])
    )
    expect(nav).to_be_in_viewport()

    # The controls of a CV entry stay one row, each named for what it does.
    h.press_button(phone, S["officer.add_experience"])
    h.press_button(phone, S["officer.add_experience"])
    which = S("entries.experience", n=2)
    names = [S("entries.up", which=which), S("entries.down", which=which), S("entries.remove", which=which)]
    buttons = [h.main(phone).get_by_role("button", name=name, exact=True) for name in names]
    for control in buttons:
        expect(control).to_be_visible()
    boxes = [control.bounding_box() for control in buttons]
    assert len({round(b["y"]) for b in boxes}) == 1, boxes
    assert all(b["width"] >= 24 and b["height"] >= 24 for b in boxes), boxes  # WCAG 2.5.8 target size


def test_the_contact_fields_carry_their_autocomplete_token_in_the_page(page, base_url):
    """WCAG 1.3.5 in the browser: the token reaches the <input> (axe's autocomplete-valid
    rule, in the walks above, checks that each is a valid one)."""
    h.open_app(page, base_url, "applicant")
    assert h.field(page, S["applicant.email"]).get_attribute("autocomplete") == "email"
    assert h.field(page, S["applicant.official_name"]).get_attribute("autocomplete") == "organization"
    h.open_app(page, base_url, "officer")
    assert h.field(page, S["officer.first_name"]).get_attribute("autocomplete") == "given-name"
    assert h.field(page, S["officer.phone"]).get_attribute("autocomplete") == "tel"
