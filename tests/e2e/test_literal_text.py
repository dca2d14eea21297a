"""User text shown through Streamlit's Markdown stays literal, in a real browser.

A tiny page (not the wizard) shows each hostile text with `escape_md` in the places the
wizard uses: body text, a caption, a widget label and its help tooltip. The browser must
draw no link, image, heading, list, quote, code, icon, emoji or colour, fetch nothing, and
show exactly the characters typed.
"""

from __future__ import annotations

import json
import textwrap

import pytest

import helpers as h
from components.session.markdown import WORD_JOINER

HOSTILE = {
    "link": "[Accedi](https://example.com/login)",
    "image": "![](http://example.com/pixel.png)",
    "setext heading": "Risposta\n===",
    "atx heading": "# Titolo",
    "lists": "- voce\n1. voce\n+ voce",
    "quote": "> citazione",
    "icon": ":material/home: casa",
    "emoji shortcodes": "ciao :smile: :+1:",
    "colour directive": ":red[rosso] :blue-background[blu] :green-badge[ok]",
    "entities": "&lt;b&gt; &amp; &#65;",
    "autolinks": "https://example.com www.example.com WWW.EXAMPLE.IT info@example.com",
    "numbers and names": "29.000 residenti - Agliè (TO), Monticello d'Alba: 8,2% #1",
    "emphasis and code": "**grassetto** _corsivo_ ~~barrato~~ `codice`",
    "math": "$x^2$ e $$y$$",
    "indented code": "    rientrato",
    "html": "<b>html</b><img src=x>",
    "table": "| a | b |\n|---|---|\n| 1 | 2 |",
}

PAGE = """
import json, pathlib
import streamlit as st
from components.session.markdown import escape_md

for name, text in json.loads(pathlib.Path("hostile.json").read_text()).items():
    with st.container(key="case-" + name.replace(" ", "-")):
        st.markdown(escape_md(text))
        st.caption(escape_md(text))
        st.checkbox(escape_md(text.replace("\\n", " ")), help=escape_md(text), key="box-" + name)
"""


@pytest.fixture(scope="module")
def literal_page(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("literal")
    (root / "app.py").write_text(textwrap.dedent(PAGE))
    (root / "hostile.json").write_text(json.dumps(HOSTILE))
    with h.Server(root=root, env={"PYTHONPATH": str(h.ROOT)}) as server:
        context = h.new_context(browser)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(server.url)
        page.locator(f".st-key-case-{list(HOSTILE)[-1]}").wait_for()
        yield page, requests
        context.close()


FORMATTING = (
    "a, img, h1, h2, h3, h4, h5, h6, li, blockquote, code, pre, table, strong, em, del, .katex, "
    "[data-testid=stIconMaterial], span[style*=color], [data-testid=stMarkdownBadge]"
)


def shown(locator) -> str:
    return locator.inner_text().replace(WORD_JOINER, "")


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_text_is_shown_literally(literal_page, case):
    page, requests = literal_page
    box = page.locator(f".st-key-case-{case.replace(' ', '-')}")
    assert box.locator(FORMATTING).count() == 0, box.inner_html()
    text = HOSTILE[case]
    body = box.get_by_test_id("stMarkdownContainer").first
    assert " ".join(shown(body).split()) == " ".join(text.split())  # line breaks may fold
    label = box.get_by_test_id("stWidgetLabel")
    assert " ".join(shown(label).split()) == " ".join(text.replace("\n", " ").split())
    box.get_by_test_id("stTooltipIcon").hover()
    tooltip = page.get_by_test_id("stTooltipContent")
    tooltip.wait_for()
    assert tooltip.locator(FORMATTING).count() == 0, tooltip.inner_html()
    assert " ".join(shown(tooltip).split()) == " ".join(text.split())
    page.mouse.move(0, 0)
    assert not [u for u in requests if "example.com" in u]


def test_names_without_markdown_keep_their_accessible_name_unchanged(literal_page):
    """A label is also the control's accessible name: no backslash may reach a screen reader."""
    page, _ = literal_page
    box = page.locator(".st-key-case-numbers-and-names").get_by_role("checkbox")
    assert box.get_attribute("aria-label").replace(WORD_JOINER, "") == HOSTILE["numbers and names"]


def test_a_refused_draft_shows_its_unknown_key_literally(page, base_url, traffic):
    """The "draft refused" message names the field it refuses: a key of the uploaded file,
    so the file's author chose it. Markdown in it must draw no link and fetch nothing."""
    key = "[Sessione scaduta: accedete di nuovo qui](https://evil.example/login) ![x](https://evil.example/pixel.png)"
    draft = json.dumps({"schema_version": 1, "applicant": {key: "x"}}).encode()
    h.open_app(page, base_url, "applicant")
    h.sidebar(page).get_by_text(h.IT["drafts.title"]).click()
    before = h.mark(page)
    h.sidebar(page).locator("input[type=file]").set_input_files(
        {"name": "draft.json", "mimeType": "application/json", "buffer": draft}
    )
    h.settle(page, before)
    alert = h.main(page).get_by_test_id("stAlert").filter(has_text=h.IT["drafts.refused"])
    alert.wait_for()
    assert alert.locator("a, img").count() == 0, alert.inner_html()
    assert "Sessione scaduta: accedete di nuovo qui" in shown(alert)
    assert not [u for u in traffic.foreign if "evil.example" in u]
