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

    styles.draw()
    a11y.page_script("en", "needs")


def test_the_page_sends_the_same_stylesheet_and_script_as_before():
    import json

    from components.browser.a11y import CSS, SCRIPT
    from components.browser.aria import SCRIPT as ARIA_SCRIPT
    from components.session.i18n import _strings
    from components.session.jump import ROWS_CSS
    from components.widgets.entries import LINE_CSS

    at = AppTest.from_function(_page)
    at.session_state["lang"] = "en"
    at.run()
    words = _strings("en")
    params = json.dumps(["en", "needs", words["a11y.pdf_preview"]]).replace("<", "\\u003c")
    script = SCRIPT % params + ARIA_SCRIPT % json.dumps({"help": words["a11y.help_for"]}).replace("<", "\\u003c")
    bodies = [el.proto.body for el in at.get("html")]
    assert clean_text(f"<style>{CSS}{ROWS_CSS}{LINE_CSS}</style>") in bodies
    assert clean_text(script) in bodies
