"""The stylesheet and the page script reach the browser as st.html would send their text,
though made ready once rather than at every run (components/browser/fixed_html.py)."""

from streamlit.string_util import clean_text
from streamlit.testing.v1 import AppTest

from components.browser.fixed_html import fixed_html


def test_the_text_sent_is_what_streamlit_makes_of_the_string():
    text = "\n  <style>\n    p { color: red; }\n\n  \n  </style>\n  "
    assert fixed_html(text)._repr_html_() == clean_text(text)


def _page():
    from components.browser import a11y, styles

    styles.draw(italian=False)
    a11y.page_script("en")


def test_the_page_sends_the_same_stylesheet_and_script_as_before():
    import json

    from components.browser.a11y import CSS, SCRIPT
    from components.browser.aria import SCRIPT as ARIA_SCRIPT
    from components.browser.page_js import SCRIPT as PAGE_SCRIPT
    from components.session.i18n import _strings
    from components.session.jump import ROWS_CSS
    from components.session.steps import FOOT_CSS
    from components.widgets.entries import LINE_CSS

    at = AppTest.from_function(_page)
    at.session_state["lang"] = "en"
    at.run()
    words = _strings("en")
    params = json.dumps(["en", words["a11y.pdf_preview"]]).replace("<", "\\u003c")
    words_ = json.dumps({"help": words["a11y.help_for"]}).replace("<", "\\u003c")
    script = SCRIPT % params + ARIA_SCRIPT % words_ + PAGE_SCRIPT
    bodies = [el.proto.body for el in at.get("html")]
    assert clean_text(f"<style>{CSS}{ROWS_CSS}{LINE_CSS}{FOOT_CSS}</style>") in bodies
    assert clean_text(script) in bodies


def test_the_page_script_keeps_its_place_and_its_text_from_step_to_step():
    """The browser keeps an st.html element that comes back at the same place with the same
    text; anywhere else, or changed, it sanitises and runs ~30 KB of script again at every
    step change (issue 32: the step changes on an old laptop). The step shown is a line of
    its own, drawn last."""
    from wizard import go, new_app

    at = new_app()
    first = {}
    for step in ("eligibility", "officer", "review", "documents", "start"):
        go(at, step)
        first[step] = at.main.children[0].proto.body
        last = at.main.children[len(at.main.children) - 1].proto.body
        assert f'window.__wizardStepShown("{step}")' in last
    assert len(set(first.values())) == 1
    assert "window.__wizardAria" in first["start"] and "__wizardJump = " in first["start"]
