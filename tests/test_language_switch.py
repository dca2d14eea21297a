"""A language switch is a pure change of words: on every step, with every kind of widget
filled, the Dossier and what each widget holds are the same after switching and back."""

import pytest
from streamlit.runtime.state.common import TESTING_KEY

from components.page_parts.signed_letter import ROUTES
from dossier.eligibility import STEPS
from wizard import go, new_app


class Browser:
    """What the browser shows in each radio: the label it was last told. A radio redrawn
    with new options but no value sent keeps its old label (in the old language), which
    then matches no option: the radio looks empty, and the next click sends that label."""

    def __init__(self):
        self.labels: dict[str, str | None] = {}

    def saw(self, at) -> None:
        for radio in at.radio:
            p = radio.proto
            if p.set_value:
                self.labels[radio.key] = p.raw_value if p.HasField("raw_value") else None
            elif radio.key not in self.labels:
                self.labels[radio.key] = p.options[p.default] if p.HasField("default") else None

    def shows_what_the_app_holds(self, at) -> None:
        for radio in at.radio:
            held = label(radio)
            assert self.labels[radio.key] == held, (radio.key, self.labels[radio.key], held)


def label(radio) -> str | None:
    return radio.options[radio.index] if radio.value is not None else None


def format_routes_in_this_runs_words(at) -> None:
    """AppTest calls a radio's format_func after the run, where the session's language is
    always Italian: give the signing route's radio this run's labels (in the routes' order)."""
    for radio in at.radio:
        if radio.key == "sign-route":
            words = list(radio.proto.options)
            at.session_state[TESTING_KEY][radio.id] = lambda r, words=words: words[ROUTES.index(r)]


def run(at, browser: Browser, action=None):
    (action or at).run()
    if action is not None and action.type == "radio":  # the user's click: the browser shows it
        browser.labels[action.key] = label(at.radio(key=action.key))
    seen(at, browser)


def seen(at, browser: Browser) -> None:
    assert not at.exception, at.exception
    format_routes_in_this_runs_words(at)
    browser.saw(at)
    browser.shows_what_the_app_holds(at)


def values(at) -> dict:
    """What every keyed input holds (radios and selects by value), and every upload."""
    kinds = ("radio", "selectbox", "checkbox", "date_input", "text_area", "text_input")
    held = {el.key: el.value for kind in kinds for el in at.get(kind) if el.key and el.key != "lang_switch"}
    return held | {u.key: u.value and u.value.name for u in at.file_uploader}


def switch(at, browser: Browser, to: str) -> None:
    run(at, browser, at.sidebar.segmented_control(key="lang_switch").set_value(to))


@pytest.mark.parametrize("kind", ["single", "union"])
def test_switching_language_on_every_step_changes_no_answer(kind):
    at, browser = new_app(), Browser()
    at.button(key=f"example-{kind}").click().run()
    for step in STEPS:
        go(at, step)
        seen(at, browser)
        if step == "documents":  # the hand-signed route, with a file uploaded
            run(at, browser, at.radio(key="sign-route").set_value("scan"))
            run(at, browser, at.file_uploader(key="signed-letter-scan").set_value(("scan.pdf", b"%PDF-1.4", "")))
        before, widgets = at.session_state["dossier"].model_dump(), values(at)
        switch(at, browser, "en")
        assert at.session_state["dossier"].model_dump() == before, step
        assert values(at) == widgets, step
        run(at, browser)  # any next click
        switch(at, browser, "it")
        run(at, browser)
        assert at.session_state["dossier"].model_dump() == before, step
        assert values(at) == widgets, step


def test_the_step_list_follows_the_language():
    """The sidebar's links ("3. Ente — da completare") are kept between runs: a switch
    says them again in the new words, and back."""
    from components.session.i18n import _strings

    at = new_app()
    for lang in ("en", "it"):
        at.sidebar.segmented_control(key="lang_switch").set_value(lang).run()
        words = _strings(lang)
        links = [link.proto.label for link in at.sidebar.get("page_link")]
        names = [f"{i}. {words[f'steps.{s}']}" for i, s in enumerate(STEPS, start=1)]
        assert [link.split(" — ")[0] for link in links] == names
        statuses = {words[k] for k in words if k.startswith("status.")}
        assert all(link.split(" — ")[1] in statuses for link in links)
