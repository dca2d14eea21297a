"""A session holds the widget values of the page on screen only.

Each keyed text/number/select/date widget makes Streamlit copy the whole session state
(`filtered_state`), so a rerun costs about keys x widgets: if the keys of the pages already
visited stayed, every click would get slower as the user advances. Streamlit 1.67 drops the
state of widgets a run did not draw, and the app seeds a key only when it draws its widget;
this test holds both to it, over a whole walk by the "next" buttons and back by the sidebar.
"""

from dossier.eligibility import STEPS
from wizard import new_app

KINDS = (
    "text_input",
    "text_area",
    "number_input",
    "date_input",
    "checkbox",
    "radio",
    "selectbox",
    "multiselect",
    "segmented_control",
)


def field_keys(at) -> set[str]:
    """The keys of the Dossier-bound widgets ("w:<path>") drawn by the last run."""
    return {el.key for kind in KINDS for el in getattr(at, kind) if el.key and el.key.startswith("w:")}


def test_a_session_keeps_only_the_widget_keys_of_the_page_shown(single):
    at = new_app()
    at.session_state["dossier"] = single
    at.run()
    seen: set[str] = set()
    pages = 0
    for step in [*STEPS[:-1], "back to officer"]:
        if step == "back to officer":
            at.switch_page("views/officer.py").run()
        else:
            at.button(key=f"next-{step}").click().run()
        assert not at.exception, at.exception
        if step == "needs":  # now on the CV step: an entry opened, its fields drawn
            at.button(key="open-entry-officer.experience-0").click().run()
        shown = field_keys(at)
        pages += bool(shown)
        left_over = sorted(k for k in seen - shown if k in at.session_state)
        assert not left_over, f"after {step}: keys of pages left behind are still in session state: {left_over[:5]}"
        seen |= shown
    assert pages >= 5 and any(k.startswith("w:officer.experience.") for k in seen)  # the walk saw the fields
