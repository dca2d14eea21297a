"""The CV step's entries as a list, with the keyboard alone and read in Chromium's
accessibility tree (components/widgets/entries.py): each line's buttons named for their entry, the
focus on the opened entry's first field, and the error summary's link to a closed entry
opening it."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from test_a11y_journeys import ax_tree, name, prop, role

import helpers as h

S = h.IT


def press(page, key: str) -> None:
    before = h.mark(page)
    page.keyboard.press(key)
    h.settle(page, before)


def tab_to(page, target, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def focused(page) -> dict:
    """The node of the accessibility tree that has the focus (once the page script named it)."""
    page.wait_for_timeout(300)  # the page script moves the focus, then names the field
    found = [n for n in ax_tree(page) if prop(n, "focused") and role(n) != "RootWebArea"]
    assert found, "nothing on the page has the focus"
    return found[-1]


def type_field(page, text: str) -> None:
    """Type into the focused text field and leave it with Tab (Streamlit applies it on blur)."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=10)
    press(page, "Tab")


def test_cv_entries_by_keyboard_named_lines_and_the_summary_link_opens_the_entry(page, base_url):
    h.open_app(page, base_url, "officer")
    add = h.main(page).get_by_role("button", name=S["officer.add_experience"], exact=True)
    position = f"{S['officer.position']}, {S['officer.experience_entry']}"

    # "Aggiungi" by the keyboard: the new entry is open and its first field has the focus.
    for n, (role_, employer) in enumerate((("Clerk", "Comune di Alba"), ("Project officer", "Comune di Bra")), 1):
        tab_to(page, add)
        press(page, "Enter")
        now = focused(page)
        assert (role(now), name(now)) == ("textbox", f"{position} {n}"), now
        type_field(page, role_)
        type_field(page, employer)  # the employer follows the role

    # The first entry is a line now: its buttons are named for it, apart from the second's.
    names = [name(n) for n in ax_tree(page) if role(n) == "button"]
    first, second = S("entries.experience", n=1), S("entries.experience", n=2)
    edit_first = S("cv_list.edit_what", which=first, what="Clerk, Comune di Alba")
    for wanted in (edit_first, S("entries.down", which=first), S("entries.remove", which=first)):
        assert names.count(wanted) == 1, (wanted, names)
    assert not any(x.startswith(S("cv_list.edit", which=second)) for x in names)  # open: no "Modifica"

    # "Modifica" on the first line: it opens, the second closes and keeps what was typed.
    tab_to(page, h.main(page).get_by_role("button", name=edit_first, exact=True))
    press(page, "Enter")
    assert name(focused(page)) == f"{position} 1"
    expect(page.locator(":focus")).to_have_value("Clerk")
    edit_second = S("cv_list.edit_what", which=second, what="Project officer, Comune di Bra")
    edit = h.main(page).get_by_role("button", name=edit_second, exact=True)
    expect(edit).to_be_visible()
    tab_to(page, edit)
    press(page, "Enter")
    now = focused(page)
    assert name(now) == f"{position} 2", now
    expect(page.locator(":focus")).to_have_value("Project officer")
    type_field(page, "Senior project officer")

    # "Avanti" with the start dates missing: the closed first entry says its problem on its
    # line, and the summary's link to it opens it with the focus on its first field.
    before = h.mark(page)
    h.main(page).get_by_role("button", name=re.compile(f"^{re.escape(S['nav.next'].split('{')[0])}")).click()
    h.settle(page, before)
    problem = S("missing.experience_entry", n=1)
    line = h.main(page).locator('[class*="st-key-icon-controls-line-officer-experience-0"]')
    expect(line).to_contain_text(problem)
    link = h.main(page).get_by_role("link", name=problem, exact=True)
    link.focus()
    page.keyboard.press("Enter")
    h.main(page).locator('[class*="st-key-entry-officer-experience-0"]').wait_for()
    expect(page.locator(":focus")).to_have_value("Clerk", timeout=10_000)
    now = focused(page)
    assert name(now) == f"{position} 1" and prop(now, "invalid") == "true", now
    assert problem in (now.get("description", {}).get("value") or ""), now
    edit_second = S("cv_list.edit_what", which=second, what="Senior project officer, Comune di Bra")
    expect(h.main(page).get_by_role("button", name=edit_second, exact=True)).to_be_visible()  # the second closed

    # "Chiudi", then removing the second: the focus stays on the first's line, its "Modifica".
    h.main(page).get_by_role("button", name=S("cv_list.close", which=first), exact=True).focus()
    press(page, "Enter")
    assert name(focused(page)) == edit_first
    h.main(page).get_by_role("button", name=S("entries.remove", which=second), exact=True).focus()
    page.keyboard.press("Enter")
    yes = page.get_by_role("button", name=S["entries.remove_yes"], exact=True)
    expect(yes).to_be_focused()  # the confirmation takes the focus (components/browser/aria.py)
    press(page, "Enter")
    assert name(focused(page)) == edit_first
    edits = h.main(page).get_by_role("button", name=re.compile("^" + re.escape(S("cv_list.edit", which=""))))
    expect(edits).to_have_count(1)  # one entry left


def test_reviews_change_of_the_cv_step_opens_it_at_its_heading_with_entries_as_lines(page, base_url):
    """The Review's one "Modifica" of the CV step (decision 0039): the step, its heading focused
    as after "Avanti"; each entry is a line with its own "Modifica"."""
    h.open_app(page, base_url)
    h.press_button(page, S["example.single"])
    h.go_step(page, "review")
    edit = h.main(page).get_by_role("button", name=f"{S['answers.edit']}: {S['steps.officer']}", exact=True)
    edit.focus()
    press(page, "Enter")
    h._arrive(page, "officer")
    expect(h.main(page).get_by_role("heading", level=1).first).to_be_focused()
    lines = h.main(page).get_by_role("button", name=re.compile("^" + re.escape(S("cv_list.edit", which=""))))
    expect(lines).to_have_count(5)  # the example's two jobs, one degree and two languages, each a line
