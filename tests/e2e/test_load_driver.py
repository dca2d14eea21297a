"""The bench's simulated users (bench/protocol.py, bench/load.py) against the real server:
they must move through the wizard and change the Dossier as a browser does, or row 6 of
`python -m bench` would time something else than clicks."""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from bench.browser import ERROR_TEXT, step_list
from bench.common import hello_app
from bench.floor import FRAGMENT, RERUN, SWITCH, synthetic_app
from bench.load import Level, walk
from bench.protocol import Tab
from helpers import ROOT, Server

# A full run counts itself; the fragment shows the count in a widget key it draws.
FRAGMENT_APP = """
import streamlit as st
st.session_state["full"] = st.session_state.get("full", 0) + 1
st.text_input("Outside", key="w:outside")

@st.fragment
def part():
    st.text_input("Inside", key="w:inside")
    st.button("Runs", key=f"full-{st.session_state['full']}")

part()
"""


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API (the browser tests of this
    session) keeps an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_a_simulated_user_walks_two_steps(server):
    level = Level(users=1, pause=0, duration=60)
    steps = step_list()[:3]  # start, eligibility, applicant

    async def one_walk() -> bool:
        try:
            return await walk(server.url, level, steps, random.Random(1), time.perf_counter() + 60)
        finally:
            await asyncio.gather(*(tab.close() for tab in level.tabs))

    assert run(one_walk()), level.errors
    assert not level.errors
    assert (level.walks, len(level.step)) == (1, 2)
    assert len(level.change) >= 2  # the example, then at least one field edited


def test_a_field_changed_over_the_websocket_reaches_the_dossier(server):
    async def scenario() -> str | None:
        tab, run = await Tab.open(server.url, ERROR_TEXT)
        try:
            for key in ("example-single", "next-start", "next-eligibility"):
                run = await tab.click(tab.find("button", key))
                assert not run.errors, run.errors
            address = tab.find("text_input", "w:applicant.address")
            await tab.change(address, "Via Roma 1, 10011 Agliè (TO)")
            await tab.click(tab.find("button", "back-applicant"))  # leave the page: its widgets are gone
            await tab.click(tab.find("button", "next-eligibility"))
            return tab.value(tab.find("text_input", "w:applicant.address"))  # re-seeded from the Dossier
        finally:
            await tab.close()

    assert run(scenario()) == "Via Roma 1, 10011 Agliè (TO)"


def test_a_widget_in_a_fragment_reruns_the_fragment_only(tmp_path):
    (tmp_path / "app.py").write_text(FRAGMENT_APP)

    async def scenario(url: str) -> list[str]:
        tab, _ = await Tab.open(url, ERROR_TEXT)
        try:
            inside = tab.find("text_input", "w:inside")
            assert inside.fragment and not tab.find("text_input", "w:outside").fragment
            await tab.change(inside, "x")  # the fragment alone: the page's widgets stay known
            after_fragment = sorted(tab.widgets)
            await tab.change(tab.find("text_input", "w:outside"), "y")  # a full run
            return [*after_fragment, "|", *sorted(tab.widgets)]
        finally:
            await tab.close()

    with Server(root=tmp_path) as server:
        seen = run(scenario(server.url))
    assert seen == ["full-1", "w:inside", "w:outside", "|", "full-2", "w:inside", "w:outside"]


# Our fragments (components/session/fragments.py): the body counts its runs, shown in a key.
OUR_FRAGMENT_APP = """
import streamlit as st
from components.session.fragments import fragment
st.session_state["body"] = st.session_state.get("body", 0)

def said():  # a message for the top of the page: something outside the fragment changed
    st.session_state["flash"] = "said"

@fragment
def part():
    st.session_state["body"] += 1
    st.text_input("Inside", key="w:inside", on_change=said)

part()
st.session_state.pop("flash", None)
st.button("Runs", key=f"body-{st.session_state['body']}")
"""


def test_a_fragment_whose_change_shows_outside_it_is_drawn_once_with_the_page(tmp_path):
    """A callback of the fragment's rerun changed the page outside it: the whole app reruns
    before the fragment is drawn alone, so its body runs once (with the page), not twice
    (the first field typed on a step, each problem fixed once the user tried to go on)."""
    (tmp_path / "app.py").write_text(OUR_FRAGMENT_APP)

    async def scenario(url: str) -> list[str]:
        tab, _ = await Tab.open(url, ERROR_TEXT)
        try:
            before = sorted(k for k in tab.widgets if k.startswith("body-"))
            change = await tab.change(tab.find("text_input", "w:inside"), "x")
            return [*before, *(k for k in change.drawn if k.startswith("body-")), *change.errors]
        finally:
            await tab.close()

    with Server(root=tmp_path, env={"PYTHONPATH": str(ROOT)}) as server:
        assert run(scenario(server.url)) == ["body-1", "body-2"]


def test_a_cv_field_reruns_its_entry_alone_unless_a_status_changes(server):
    """components/session/fragments.py over the websocket: a change inside a CV entry is a fragment's
    run that still sends the draft to the browser; one that changes the step's status
    becomes a full run, with the sidebar's new status."""

    async def scenario() -> list:
        tab, _ = await Tab.open(server.url, ERROR_TEXT)
        try:
            await tab.click(tab.find("button", "example-single"))
            for step in ("start", "eligibility", "applicant", "needs"):
                run = await tab.click(tab.find("button", f"next-{step}"))
                assert not run.errors, run.errors
            status = tab.links["officer"]
            await tab.click(tab.find("button", "open-entry-officer.experience-0"))  # a line until opened
            position = tab.find("text_input", "w:officer.experience.0.position")
            sent = len(tab.drafts)
            edit = await tab.change(position, "Fragment clerk")
            saved = [d for d in tab.drafts[sent:] if "Fragment clerk" in d]
            cleared = await tab.change(tab.find("text_input", "w:officer.experience.0.position"), "")
            return [edit.fragment_only, bool(saved), edit.errors, status, cleared.fragment_only, tab.links["officer"]]
        finally:
            await tab.close()

    edit_alone, saved, errors, before, cleared_alone, after = run(scenario())
    assert (edit_alone, saved, errors) == (True, True, [])
    assert before.endswith("fatto") and not cleared_alone and after.endswith("in corso")


def test_a_problem_fixed_on_eligibility_reruns_its_form_alone(server):
    """views/eligibility.py draws its error summary and the step list in its fragment, so
    a problem fixed once the user tried to go on (the summary shown) reruns the form alone,
    and the summary in it says one problem less (`@fragment(draws_step_list=True)`)."""

    async def scenario() -> list:
        tab, _ = await Tab.open(server.url, ERROR_TEXT)
        try:
            await tab.click(tab.find("button", "example-single"))
            await tab.click(tab.find("button", "next-start"))
            await tab.change(tab.find("checkbox", "w:eligibility.action_plan"), False)
            tried = await tab.click(tab.find("button", "next-eligibility"))  # stays: a commitment missing
            fixed = await tab.change(tab.find("checkbox", "w:eligibility.action_plan"), True)
            return [tried.errors, fixed.fragment_only, fixed.errors, tab.links["eligibility"]]
        finally:
            await tab.close()

    tried_errors, alone, errors, status = run(scenario())
    assert (tried_errors, alone, errors) == ([], True, [])
    assert status.endswith("fatto")


def test_a_commitment_reruns_the_eligibility_form_alone_and_its_sidebar_status_follows(server):
    """views/eligibility.py: the form is one fragment that draws the sidebar's step list, so
    unticking and ticking a commitment, which turns the step's status each time, reruns the
    form alone, with the new status in the sidebar and the draft sent to the browser."""

    async def scenario() -> list:
        tab, _ = await Tab.open(server.url, ERROR_TEXT)
        try:
            await tab.click(tab.find("button", "example-single"))
            await tab.click(tab.find("button", "next-start"))
            seen = [tab.links["eligibility"]]
            for ticked in (False, True):
                sent = len(tab.drafts)
                change = await tab.change(tab.find("checkbox", "w:eligibility.action_plan"), ticked)
                saves = [json.loads(op["value"]) for op in map(json.loads, tab.drafts[sent:]) if op.get("op") == "save"]
                kept = [save["draft"]["eligibility"]["action_plan"] for save in saves]
                seen += [change.fragment_only, change.errors, tab.links["eligibility"], kept]
            return seen
        finally:
            await tab.close()

    before, off_alone, off_errors, off, off_kept, on_alone, on_errors, on, on_kept = run(scenario())
    assert (off_alone, on_alone, off_errors, on_errors) == (True, True, [], [])
    assert before.endswith("fatto") and off.endswith("in corso") and on.endswith("fatto")
    assert (off_kept, on_kept) == ([False], [True])


def test_a_step_change_draws_the_new_page_only_in_one_run(server):
    """ "Next", "Back" and the Review's "Modifica" draw the new page in the run their click
    starts: the page being left is not drawn again, and no second run follows (a
    st.switch_page would end the run and start another: decisions/0019). The
    browser then asks for the new page: a field changed there stays there."""

    async def scenario() -> tuple[dict, str | None]:
        tab, _ = await Tab.open(server.url, ERROR_TEXT)
        moves = {}
        try:
            await tab.click(tab.find("button", "example-single"))
            await tab.click(tab.find("button", "next-start"))
            moves["next"] = await tab.click(tab.find("button", "next-eligibility"))
            moves["back"] = await tab.click(tab.find("button", "back-applicant"))
            await tab.goto("review")
            moves["edit"] = await tab.click(tab.find("button", "edit-applicant"))  # the step of the PEC
            moves["field"] = await tab.change(tab.find("text_input", "w:applicant.pec"), "comune.aglie@pec.it")
            await tab.click(tab.find("button", "back-applicant"))
            await tab.click(tab.find("button", "next-eligibility"))
            return moves, tab.value(tab.find("text_input", "w:applicant.pec"))  # re-seeded from the Dossier
        finally:
            await tab.close()

    moves, pec = run(scenario())
    drawn = {name: move.drawn for name, move in moves.items()}
    assert "w:applicant.pec" in drawn["next"] and not [k for k in drawn["next"] if k.startswith("w:eligibility.")]
    assert "w:eligibility.action_plan" in drawn["back"] and not [
        k for k in drawn["back"] if k.startswith("w:applicant.")
    ]
    assert "w:applicant.pec" in drawn["edit"] and not [k for k in drawn["edit"] if k.startswith("edit-")]
    assert {name: move.runs for name, move in moves.items()} == {"next": 1, "back": 1, "edit": 1, "field": 1}
    assert not [move.errors for move in moves.values() if move.errors]
    assert pec == "comune.aglie@pec.it"


def test_the_floor_draws_what_the_page_drew_without_the_app(server, tmp_path):
    """bench/floor.py: the synthetic page of a step draws the same elements, kind by kind, as
    the step's page did (its custom component left out and counted), or row 1's floor would
    time another page."""

    async def kinds_of(url: str, step: str | None) -> Counter:
        tab, _ = await Tab.open(url, ERROR_TEXT)
        try:
            if step is None:
                return (await tab.change(tab.find("text_input", "w:name"), "x")).kinds
            await tab.click(tab.find("button", "example-single"))
            return (await tab.goto(step)).kinds
        finally:
            await tab.close()

    page = run(kinds_of(server.url, "review"))
    source, left_out = synthetic_app(page)
    with Server(root=hello_app(tmp_path / "floor", source)) as synthetic:
        drawn = run(kinds_of(synthetic.url, None))
    drawn["text_input"] -= 1  # the field whose change reruns it
    assert sum(page.values()) > 50 and left_out == page["bidi_component"] == 1  # 56 since decisions/0039
    assert +(page - drawn) == Counter(bidi_component=1) and not +(drawn - page)


def test_the_floor_of_a_fragment_run_is_a_fragment_run_of_the_same_elements(server, tmp_path):
    """bench/floor.py: a field in a fragment (Eligibility's form) reruns the fragment alone;
    its floor must be a fragment run drawing the same elements, not a full run."""

    async def fragment_run(url: str) -> tuple[Counter, bool]:
        tab, _ = await Tab.open(url, ERROR_TEXT)
        try:
            for key in ("example-single", "next-start"):  # as row 1 goes
                await tab.click(tab.find("button", key))
            box = tab.find("checkbox", "w:eligibility.action_plan")
            changed = await tab.change(box, not tab.value(box))
            return changed.kinds, changed.fragment_only
        finally:
            await tab.close()

    async def floor_run(url: str) -> tuple[Counter, bool]:
        tab, _ = await Tab.open(url, ERROR_TEXT)
        try:
            changed = await tab.change(tab.find("text_input", "w:name"), "x")
            return changed.kinds, changed.fragment_only
        finally:
            await tab.close()

    kinds, fragment = run(fragment_run(server.url))
    source, left_out = synthetic_app(kinds, FRAGMENT if fragment else RERUN)
    with Server(root=hello_app(tmp_path / "floor", source)) as synthetic:
        drawn, floor_fragment = run(floor_run(synthetic.url))
    drawn["text_input"] -= 1  # the field whose change reruns it
    assert (fragment, floor_fragment) == (True, True)
    assert sum((kinds - drawn).values()) == left_out < 5 and not +(drawn - kinds)


def test_the_floor_of_a_step_change_is_a_page_switch_drawing_the_same_elements(server, tmp_path):
    """bench/floor.py: a step change's floor switches between two pages that draw the step's
    elements, so Streamlit's own page-switch work is in the floor, not counted as ours."""

    async def switched(url: str, example: bool) -> Counter:
        tab, _ = await Tab.open(url, ERROR_TEXT)
        try:
            if example:
                await tab.click(tab.find("button", "example-single"))
                return (await tab.click(tab.find("button", "next-start"))).kinds
            return (await tab.goto(sorted(tab.pages)[1])).kinds
        finally:
            await tab.close()

    page = run(switched(server.url, True))
    source, left_out = synthetic_app(page, SWITCH)
    with Server(root=hello_app(tmp_path / "floor", source)) as synthetic:
        drawn = run(switched(synthetic.url, False))
    drawn["text_input"] -= 1  # the field of the floor's pages
    assert sum((page - drawn).values()) == left_out < 5 and not +(drawn - page)
