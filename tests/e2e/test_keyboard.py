"""The whole wizard with the keyboard alone: Tab, Shift+Tab, Enter, Space and the arrow
keys (and typing into fields), no mouse, from Start to the ZIP. The focus is always
visible, and after a step change it is on the new page's heading."""

from __future__ import annotations

import io
import zipfile

from playwright.sync_api import expect

import helpers as h
from dossier.calls import load_call

S = h.IT
TAB_LIMIT = 250  # the CV step with the example has ~150 stops

# Focus is visible when the browser would draw it (:focus-visible) and the element's style
# draws something: an outline or a ring (Streamlit's focus ring is a box-shadow).
FOCUS_SHOWN_JS = """
el => {
  if (el !== document.activeElement || !el.matches(':focus-visible')) return false;
  const s = getComputedStyle(el);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
}
"""


def tab_to(page, target, back: bool = False) -> None:
    """Tab (Shift+Tab) until `target` has the focus; it must then show it."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{'Shift+' if back else ''}Tab never reached {target}")


def press(page, key: str) -> None:
    before = h.mark(page)
    page.keyboard.press(key)
    h.settle(page, before)


def button(page, name: str):
    return h.main(page).get_by_role("button", name=name, exact=True)


def assert_focus_shown(page, target) -> None:
    assert target.evaluate(FOCUS_SHOWN_JS), f"the focus on {target} is not visible"


def move(page, target_step: str, label_key: str = "nav.next", back: bool = False) -> None:
    """Tab to "Avanti: …" (or Shift+Tab to "Indietro: …"), Enter; the focus must then be
    on the new page's heading, shown."""
    nav = button(page, S(label_key, step=S[f"steps.{target_step}"]))
    tab_to(page, nav, back=back)
    assert_focus_shown(page, nav)
    press(page, "Enter")
    h._arrive(page, target_step)
    heading = h.main(page).get_by_role("heading", level=1).first
    expect(heading).to_be_focused()
    assert_focus_shown(page, heading)


def test_the_whole_wizard_by_keyboard_alone(page, base_url):
    h.open_app(page, base_url)
    move(page, "eligibility")

    # Eligibility, from blank: arrow keys in the radio group, typing and Enter in the
    # municipality's search field, Space on the checkboxes.
    kind = h.main(page).get_by_role("radiogroup", name=S["eligibility.kind"])
    tab_to(page, kind.get_by_role("radio").first)
    press(page, "Space")
    expect(kind.get_by_role("radio", name=S["eligibility.kind_municipality"])).to_be_checked()
    town = h.main(page).get_by_role("textbox", name=S["eligibility.municipality"], exact=True)
    tab_to(page, town)
    page.keyboard.type("Agli", delay=20)
    press(page, "Enter")  # "Agli" begins several names: each is offered as a button
    tab_to(page, button(page, "Agliè (TO)"))
    press(page, "Enter")
    expect(town).to_have_value("Agliè (TO)")
    for key in ("eligibility.action_plan", "eligibility.officer_available"):
        box = h.main(page).get_by_role("checkbox", name=S[key], exact=True)
        tab_to(page, box)
        press(page, "Space")
        expect(box).to_be_checked()
    expect(h.step_link(page, "eligibility")).to_contain_text(S["status.complete"])

    # Back to Start with Shift+Tab ("Indietro" is before "Avanti"), for the example.
    tab_to(page, button(page, S("nav.next", step=S["steps.applicant"])))
    move(page, "start", "nav.back", back=True)
    tab_to(page, button(page, S["example.open"]))  # answers of our own: the example asks first
    press(page, "Enter")
    example = page.get_by_role("button", name=S["example.single"], exact=True)
    expect(example).to_be_focused()  # the popover, opened, has the focus (components/browser/aria.py)
    press(page, "Enter")
    h.main(page).get_by_text(S["example.start_clean"]).wait_for()

    for step in h.steps()[1:]:
        move(page, step)
    h.main(page).get_by_text(S["documents.ready"]).wait_for()

    zip_button = button(page, S["documents.zip"])
    tab_to(page, zip_button)
    assert_focus_shown(page, zip_button)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    with zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes())) as z:
        assert sum(name.endswith(".docx") for name in z.namelist()) == len(load_call(h.CALL_ID).annexes)
