"""A language switch changes the words of every radio, never its choice (issue 29): the
browser is told each choice in the new words, so it shows it checked and sends it back."""

from __future__ import annotations

import helpers as h
from dossier import sample
from dossier.calls import load_call

IT, EN = h.IT, h.Strings("en")


def checked(page, strings, label: str, option: str) -> bool:
    group = h.main(page).get_by_role("radiogroup", name=strings[label], exact=True)
    return group.get_by_role("radio", name=strings[option], exact=True).is_checked()


def switch(page, to: str) -> None:
    h.choose(page, IT["sidebar.language"] if to == "English" else EN["sidebar.language"], to, scope=h.sidebar(page))


def test_every_radio_keeps_its_choice_across_a_switch_and_the_next_click(page, base_url):
    u = sample.union()
    community = next(c for c in load_call(h.CALL_ID).communities if c.id == u.needs.community)
    radios = {  # step: (label, option key), as the union example fills them
        "eligibility": ("eligibility.kind", "eligibility.kind_union"),
        "needs": ("needs.community", None),
        "letter": ("letter.signatory_role", f"letter.role_{u.letter.signatory_role}"),
        "documents": ("signing.route", "signing.route_scan"),
    }
    h.open_app(page, base_url)
    h.press_button(page, IT["example.union"])
    for step, (label, option) in radios.items():
        h.go_step(page, step)
        it, en = ({"x": community.label.it}, {"x": community.label.en}) if option is None else (IT, EN)
        option = option or "x"
        if step == "documents":
            h.choose(page, IT[label], IT[option])
        assert checked(page, IT | it, label, option), step
        switch(page, "English")
        assert checked(page, EN | en, label, option), step  # not an empty radio
        if step != "documents":  # the route lives on its page only, as the upload does
            h.go_step(page, "start")  # the next click: to another step and back
            h.go_step(page, step)
            assert checked(page, EN | en, label, option), step  # kept, not only shown
        switch(page, "Italiano")
        assert checked(page, IT | it, label, option), step
    assert h.step_status(page, "needs") == IT["status.complete"]
