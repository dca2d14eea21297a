"""The CV step's entries as a list (components/widgets/entries.py): one line each (a button that
opens it), one open for editing at a time, moved and removed from there, nothing typed lost,
and the focus sent where the user goes on."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from dossier.models import Dossier, Experience
from wizard import focus_target, go, new_app, type_text, w

EXP = "officer.experience"


def example_officer() -> AppTest:
    at = new_app()
    at.button(key="example-single").click().run()
    return go(at, "officer")


def open_entries(at: AppTest) -> set[str]:
    """The entries whose fields are drawn (by the key of their first field)."""
    keys = [x.key for x in at.text_input if x.key]
    return {m.group(1) for k in keys if (m := re.match(r"w:(officer\.\w+\.\d+)\.(position|title|language)$", k))}


def line(at: AppTest, path: str, i: int) -> str:
    """The text of a closed entry's line: its button's."""
    return at.button(key=f"open-entry-{path}-{i}").label


def above_line(at: AppTest, path: str, i: int) -> str:
    """What is drawn above a closed entry's line: its problems once shown, with the anchors of
    its fields ("" when it has none: its line needs no anchor of its own)."""
    entry = f'id="f-{path.replace(".", "-")}-{i}'
    marks = [m.value for m in at.markdown if f'{entry}"' in m.value or f"{entry}-" in m.value]
    assert len(marks) <= 1, marks
    return "".join(marks)


def test_entries_are_closed_lines_until_one_is_opened_and_one_only():
    at = example_officer()
    assert open_entries(at) == set()
    edit = at.button(key=f"open-entry-{EXP}-1")  # the line is the button: one element
    where = "Social worker, Consortium for Social Services of Canavese"
    assert edit.label == f"**Esperienza 2** · 09/2008 – 02/2014 · {where}"
    assert not [b for b in at.button if b.key and b.key.startswith(("up-", "down-"))]  # moved once open
    edit.click().run()
    assert open_entries(at) == {f"{EXP}.1"}
    assert focus_target(at) == f"f-{EXP.replace('.', '-')}-1"  # its first field takes the focus
    assert {b.key for b in at.button if b.key and b.key.startswith(("up-", "down-", "close-"))} == {
        f"up-{EXP}-1",
        f"down-{EXP}-1",
        f"close-entry-{EXP}-1",
    }
    at.button(key="open-entry-officer.education-0").click().run()  # another list's entry: this one closes
    assert open_entries(at) == {"officer.education.0"}
    assert f"{EXP}-1" not in " ".join(b.key or "" for b in at.button if not b.key.startswith("open-entry-"))


def test_a_closed_entry_keeps_what_was_typed_and_shows_it_on_its_line():
    at = example_officer()
    at.button(key=f"open-entry-{EXP}-1").click().run()
    type_text(at, f"{EXP}.1.position", "Senior social worker")
    at.text_area(key=w(f"{EXP}.1.activities")).input("Casework **and** more").run()  # not applied by a click yet
    at.button(key=f"open-entry-{EXP}-0").click().run()
    x = at.session_state["dossier"].officer.experience[1]
    assert (x.position, x.activities) == ("Senior social worker", "Casework **and** more")
    assert "Senior social worker, Consortium" in line(at, EXP, 1)
    at.button(key=f"open-entry-{EXP}-1").click().run()
    assert at.text_input(key=w(f"{EXP}.1.position")).value == "Senior social worker"
    assert at.text_area(key=w(f"{EXP}.1.activities")).value == "Casework **and** more"
    at.button(key=f"close-entry-{EXP}-1").click().run()
    assert open_entries(at) == set()
    assert focus_target(at) == f"f-{EXP.replace('.', '-')}-1-line"  # back on its line
    assert above_line(at, EXP, 1) == ""  # no problem: nothing but its line


def test_a_users_text_on_a_line_is_literal():
    at = example_officer()
    at.button(key=f"open-entry-{EXP}-0").click().run()
    type_text(at, f"{EXP}.0.position", "**Chief** [of](x) `staff`")
    at.button(key=f"close-entry-{EXP}-0").click().run()
    assert r"\*\*Chief\*\* \[of\](x) \`staff\`" in line(at, EXP, 0)  # escaped: no bold, link, code


def test_a_new_entry_opens_at_once_and_takes_the_focus():
    at = example_officer()
    at.button(key=f"open-entry-{EXP}-0").click().run()
    at.button(key=f"add-{EXP}").click().run()
    assert open_entries(at) == {f"{EXP}.2"}
    assert focus_target(at) == f"f-{EXP.replace('.', '-')}-2"
    assert at.text_input(key=w(f"{EXP}.2.position")).value == ""


def test_the_open_entry_moves_open_and_once_removed_the_focus_goes_to_the_line_in_its_place():
    at = example_officer()
    first, second = (x.position for x in at.session_state["dossier"].officer.experience)
    at.button(key=f"open-entry-{EXP}-1").click().run()
    assert at.button(key=f"down-{EXP}-1").disabled  # the last one
    at.button(key=f"up-{EXP}-1").click().run()  # the open entry moves up, still open, its field focused
    assert [x.position for x in at.session_state["dossier"].officer.experience] == [second, first]
    assert open_entries(at) == {f"{EXP}.0"}
    assert at.text_input(key=w(f"{EXP}.0.position")).value == second
    assert focus_target(at) == f"f-{EXP.replace('.', '-')}-0"
    assert at.button(key=f"up-{EXP}-0").disabled  # the first one
    at.button(key=f"down-{EXP}-0").click().run()
    assert open_entries(at) == {f"{EXP}.1"}
    at.button(key=f"rm-{EXP}-1").click().run()  # the last one: the focus to the line before it
    assert [x.position for x in at.session_state["dossier"].officer.experience] == [first]
    assert open_entries(at) == set()
    assert focus_target(at) == f"f-{EXP.replace('.', '-')}-0-line"
    for _ in range(2):
        at.button(key=f"add-{EXP}").click().run()
    type_text(at, f"{EXP}.2.position", "Third")
    at.button(key=f"open-entry-{EXP}-1").click().run()
    at.button(key=f"rm-{EXP}-1").click().run()  # the focus to the line now in its place
    assert [x.position for x in at.session_state["dossier"].officer.experience] == [first, "Third"]
    assert focus_target(at) == f"f-{EXP.replace('.', '-')}-1-line"
    at.button(key=f"open-entry-{EXP}-0").click().run()
    at.button(key=f"rm-{EXP}-0").click().run()
    assert focus_target(at) == f"f-{EXP.replace('.', '-')}-0-line"
    at.button(key=f"open-entry-{EXP}-0").click().run()
    at.button(key=f"rm-{EXP}-0").click().run()  # the last one: the focus to the list's place ("Add")
    assert at.session_state["dossier"].officer.experience == []
    assert open_entries(at) == set()
    assert focus_target(at) == f"f-{EXP.replace('.', '-')}"


def test_reviews_change_of_the_officer_opens_the_step_with_its_entries_as_lines():
    """One "Modifica" a step on the Review (decision 0039): the CV step as any step change
    draws it, its heading to take the focus (no field asked for)."""
    at = example_officer()
    at.button(key=f"open-entry-{EXP}-1").click().run()  # left open on the way
    go(at, "review")
    at.button(key="edit-officer").click().run()
    assert at.title[0].value == "Funzionario e CV"
    assert open_entries(at) == {f"{EXP}.1"}  # as the user left it
    assert focus_target(at) is None


def test_a_closed_entry_with_a_problem_says_it_above_its_line_with_the_summarys_anchor():
    d = Dossier()
    d.officer.experience = [Experience(position="Clerk"), Experience()]
    at = new_app()
    at.session_state["dossier"] = d
    go(at, "officer")
    at.button(key="next-officer").click().run()  # problems are said once the user tries to go on
    text = above_line(at, EXP, 0)
    assert "Esperienza 1: servono almeno data di inizio" in text
    assert 'id="f-officer-experience-0" data-opens="1"' in text  # the summary's link opens it
    assert any("(#f-officer-experience-0)" in e.value for e in at.error)


def test_what_was_just_typed_in_an_entry_survives_a_move_or_an_add_in_the_same_run():
    """A field left by clicking "Sposta in su" or "Aggiungi" reaches the server in the same
    rerun as the click, and Streamlit calls their callbacks in the order the browser first
    met the widgets: the button's may come first. It re-seeds the list's fields from the
    Dossier; what was just typed must be in the Dossier before (seen lost in Chromium on a
    slow machine: an employer typed, then "Aggiungi")."""
    at = example_officer()
    d = at.session_state["dossier"]
    second = d.officer.experience[1].employer
    at.button(key=f"open-entry-{EXP}-1").click().run()
    at.text_input(key=w(f"{EXP}.1.position")).input("Team leader")  # typed, not yet sent
    at.button(key=f"up-{EXP}-1").click().run()
    d = at.session_state["dossier"]
    assert (d.officer.experience[0].position, d.officer.experience[0].employer) == ("Team leader", second)
    at.text_input(key=w(f"{EXP}.0.employer")).input("Comune di Alba")
    at.button(key=f"add-{EXP}").click().run()
    d = at.session_state["dossier"]
    assert d.officer.experience[0].employer == "Comune di Alba" and len(d.officer.experience) == 3
    assert not at.exception
