"""Fields in a fragment (components/session/fragments.py) rerun their part of the page alone, which
skips the sidebar and the draft's save at the end of app.py: what the user sees and what
the browser keeps must stay as right as after a full rerun."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

import helpers as h

S = h.IT
DRAFT = "localStorage.getItem('connection-wizard/draft')"


def draft(page) -> dict:
    return json.loads(page.evaluate(DRAFT) or "{}").get("draft", {})


def example_on(page, base_url: str, step: str) -> None:
    h.open_app(page, base_url)
    h.press_button(page, S["example.single"])
    h.main(page).get_by_text(S["example.start_clean"]).wait_for()
    h.go_step(page, step)


def test_a_cv_entry_change_is_saved_and_its_title_and_the_sidebar_follow(page, base_url):
    example_on(page, base_url, "officer")
    assert h.step_status(page, "officer") == S["status.complete"]
    h.open_entry(page, f"{S['officer.experience_entry']} 1")
    box = h.entry_box(page, f"{S['officer.experience_entry']} 1")
    h.fill_text(page, S["officer.position"], "Fragment clerk", scope=box)
    # (b) saved to the browser from the fragment's own rerun
    page.wait_for_function(f"({DRAFT} || '').includes('Fragment clerk')", timeout=10_000)
    assert draft(page)["officer"]["experience"][0]["position"] == "Fragment clerk"
    # the entry's title, drawn in its fragment, follows its field
    expect(h.main(page).locator("strong").filter(has_text=re.compile("Fragment clerk, "))).to_have_count(1)
    assert h.step_status(page, "officer") == S["status.complete"]
    # (a) a change that makes the step unfinished: the sidebar says so at once
    box = h.entry_box(page, f"{S['officer.experience_entry']} 1")
    h.fill_text(page, S["officer.position"], "", scope=box)
    expect(h.step_link(page, "officer")).to_contain_text(S["status.incomplete"])
    page.wait_for_function(f"!({DRAFT} || '').includes('Fragment clerk')", timeout=10_000)


def test_a_needs_answer_keeps_its_english_status_and_is_saved(page, base_url):
    example_on(page, base_url, "needs")
    answer = h.field(page, S("needs.answer_label", n=1))
    answer.fill("Questa risposta è scritta in italiano e non in inglese, come dovrebbe essere invece.")
    answer.press("Tab")
    h.settle(page)
    expect(h.main(page).get_by_text(re.compile("non sembrano in inglese"))).to_have_count(1)
    page.wait_for_function(f"({DRAFT} || '').includes('scritta in italiano')", timeout=10_000)
    # the English step's status follows (the sidebar is redrawn when a status changes)
    assert h.step_status(page, "english") != S["status.complete"]


def test_a_commitment_turns_the_eligibility_status_and_the_step_list_stays_whole(page, base_url):
    """The Eligibility form reruns alone and redraws the sidebar's step list itself
    (views/eligibility.py): one list of every step, in order, whose status follows the box."""
    example_on(page, base_url, "eligibility")
    links = h.step_links(page)
    assert len(links) == len(h.steps()) and links[1].endswith(S["status.complete"])
    h.tick(page, S["eligibility.action_plan"], False)
    expect(h.step_link(page, "eligibility")).to_contain_text(S["status.incomplete"])
    page.wait_for_function(f"({DRAFT} || '').includes('\"action_plan\":false')", timeout=10_000)
    unticked = h.step_links(page)
    assert [link.split(" — ")[0] for link in unticked] == [link.split(" — ")[0] for link in links]
    h.tick(page, S["eligibility.action_plan"], True)
    expect(h.step_link(page, "eligibility")).to_contain_text(S["status.complete"])
    assert h.step_links(page) == links
