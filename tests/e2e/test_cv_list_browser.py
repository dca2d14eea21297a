"""The CV step's entries as a list, with the keyboard alone and read in Chromium's
accessibility tree (components/widgets/entries.py): each closed entry one button named by its
line, collapsed, the open one's controls named for it, the focus on the opened or moved entry's
first field and back on a line, and the error summary's link to a closed entry opening it."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from test_a11y_journeys import ax_tree, description, name, prop, role

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
    entry = S["officer.experience_entry"]
    position = f"{S['officer.position']}, {entry}"

    # "Aggiungi" by the keyboard: the new entry is open and its first field has the focus.
    for n, (role_, employer) in enumerate((("Clerk", "Comune di Alba"), ("Project officer", "Comune di Bra")), 1):
        tab_to(page, add)
        press(page, "Enter")
        now = focused(page)
        assert (role(now), name(now)) == ("textbox", f"{position} {n}"), now
        type_field(page, role_)
        h.settle(page)
        type_field(page, employer)  # the employer follows the role
        h.settle(page)

    # The first entry is a line now: one button named by what it says, a collapsed entry; the
    # second, open, has the controls, named for it; the first has none.
    first, second = S("entries.experience", n=1), S("entries.experience", n=2)
    line_first = f"{entry} 1 · Clerk, Comune di Alba"
    buttons = {name(n): n for n in ax_tree(page) if role(n) == "button"}
    assert prop(buttons[line_first], "expanded") is False, buttons[line_first]
    assert prop(buttons[S("cv_list.close", which=second)], "expanded") is True
    for wanted in (S("entries.up", which=second), S("entries.down", which=second), S("entries.remove", which=second)):
        assert wanted in buttons, (wanted, list(buttons))
    assert not [x for x in buttons if first in x], list(buttons)  # its controls: once open
    assert not [x for x in buttons if x.startswith(f"{entry} 2")], list(buttons)  # open: no line

    # The first's line: it opens, the second closes and keeps what was typed.
    tab_to(page, h.line(page, f"{entry} 1"))
    press(page, "Enter")
    assert name(focused(page)) == f"{position} 1"
    expect(page.locator(":focus")).to_have_value("Clerk")
    line_second = h.line(page, f"{entry} 2")
    expect(line_second).to_have_accessible_name(f"{entry} 2 · Project officer, Comune di Bra")
    tab_to(page, line_second)
    press(page, "Enter")
    now = focused(page)
    assert name(now) == f"{position} 2", now
    expect(page.locator(":focus")).to_have_value("Project officer")
    type_field(page, "Senior project officer")

    # "Sposta in su" in the open entry: it goes first, still open, the focus on its first field.
    h.main(page).get_by_role("button", name=S("entries.up", which=second), exact=True).focus()
    press(page, "Enter")
    now = focused(page)
    assert name(now) == f"{position} 1", now
    expect(page.locator(":focus")).to_have_value("Senior project officer")
    expect(h.line(page, f"{entry} 2")).to_have_accessible_name(f"{entry} 2 · Clerk, Comune di Alba")
    h.main(page).get_by_role("button", name=S("entries.down", which=first), exact=True).focus()
    press(page, "Enter")  # back where it was
    assert name(focused(page)) == f"{position} 2"

    # "Avanti" with the start dates missing: the closed first entry says its problem above its
    # line, which it describes, and the summary's link to it opens it, the focus on its first field.
    before = h.mark(page)
    h.main(page).get_by_role("button", name=re.compile(f"^{re.escape(S['nav.next'].split('{')[0])}")).click()
    h.settle(page, before)
    problem = S("missing.experience_entry", n=1)
    box = h.main(page).locator('[class*="st-key-icon-controls-line-officer-experience-0"]')
    expect(box).to_contain_text(problem)
    described = [n for n in ax_tree(page) if role(n) == "button" and name(n) == line_first]
    assert described and problem in description(described[0]), described
    link = h.main(page).get_by_role("link", name=problem, exact=True)
    link.focus()
    page.keyboard.press("Enter")
    h.main(page).locator('[class*="st-key-entry-officer-experience-0"]').wait_for()
    expect(page.locator(":focus")).to_have_value("Clerk", timeout=10_000)
    now = focused(page)
    assert name(now) == f"{position} 1" and prop(now, "invalid") == "true", now
    assert problem in (now.get("description", {}).get("value") or ""), now
    expect(h.line(page, f"{entry} 2")).to_have_accessible_name(f"{entry} 2 · Senior project officer, Comune di Bra")

    # "Chiudi": the focus on its line. Removing the second (open): the focus on the line
    # before it, the first's.
    h.main(page).get_by_role("button", name=S("cv_list.close", which=first), exact=True).focus()
    press(page, "Enter")
    assert name(focused(page)) == line_first
    h.line(page, f"{entry} 2").focus()
    press(page, "Enter")
    h.main(page).get_by_role("button", name=S("entries.remove", which=second), exact=True).focus()
    page.keyboard.press("Enter")
    yes = page.get_by_role("button", name=S["entries.remove_yes"], exact=True)
    expect(yes).to_be_focused()  # the confirmation takes the focus (components/browser/aria.py)
    press(page, "Enter")
    assert name(focused(page)) == line_first
    expect(h.line(page, f"{entry} 2")).to_have_count(0)  # one entry left


def test_reviews_change_of_the_cv_step_opens_it_at_its_heading_with_entries_as_lines(page, base_url):
    """The Review's one "Modifica" of the CV step (decision 0039): the step, its heading focused
    as after "Avanti"; each entry is a line, a collapsed button that opens it (decision 0041)."""
    h.open_app(page, base_url)
    h.press_button(page, S["example.single"])
    h.go_step(page, "review")
    edit = h.main(page).get_by_role("button", name=f"{S['answers.edit']}: {S['steps.officer']}", exact=True)
    edit.focus()
    press(page, "Enter")
    h._arrive(page, "officer")
    expect(h.main(page).get_by_role("heading", level=1).first).to_be_focused()
    lines = h.main(page).locator('[class*="st-key-open-entry-"] button[aria-expanded="false"]')
    expect(lines).to_have_count(5)  # the example's two jobs, one degree and two languages, each a line


# Streamlit now and then draws a field again as a new element while it has the focus: seen on a
# slow machine when the role's rerun handed over to the whole page's, the focus then on the
# employer field, whose copy replaced it; the employer typed next went nowhere. Here the field
# leaves the page and its copy, as drawn from the app (with what was applied), comes 400 ms
# later, as React draws it once the rerun's messages are in.
REDRAW_JS = """([key, applied]) => {
  const old = document.querySelector(`.${key} input`);
  const copy = old.cloneNode(true), place = document.createComment("");
  copy.value = applied;
  old.replaceWith(place);
  setTimeout(() => place.replaceWith(copy), 400);
}"""


def test_a_field_drawn_again_while_typed_in_keeps_the_focus_and_what_was_typed(page, base_url):
    h.open_app(page, base_url, "officer")
    h.main(page).get_by_role("button", name=S["officer.add_experience"], exact=True).focus()
    press(page, "Enter")
    key = "st-key-w-officer-experience-0-employer"
    page.locator(f".{key} input").focus()
    page.keyboard.type("Comune", delay=10)
    press(page, "Enter")  # applied: the copy will be drawn with it
    page.keyboard.type(" di ", delay=10)  # not applied: no Tab, no Enter since
    page.evaluate(REDRAW_JS, [key, "Comune"])
    page.keyboard.type("Al", delay=50)  # typed while the field has no element
    copy = page.locator(f".{key} input")
    expect(copy).to_be_focused()
    expect(copy).to_have_value("Comune di Al")
    page.keyboard.type("ba")  # the caret where it was: typing goes on in the same place
    expect(copy).to_have_value("Comune di Alba")
