"""What screen readers, keyboards and phones need beyond Streamlit's defaults: the page's
language, the focus after a step change, the sidebar closed after choosing a step on a
phone, readable captions, a visible focus and names for icon-only buttons; help under
each field (`hint`), parts in another language (`in_language`) and, in the page script
of components/browser/aria.py, what Streamlit's widgets do not tell a screen reader."""

from __future__ import annotations

import json
import re

import streamlit as st

from ..session.i18n import t
from .aria import SCRIPT as ARIA_SCRIPT
from .fixed_html import fixed_html
from .page_js import SCRIPT as PAGE_SCRIPT

# Drawn on every page by components/browser/styles.py.
CSS = """
/* Streamlit fades captions to 60 %: 4.37:1 on white, where WCAG 1.4.3 asks 4.5:1; this
   grey is 6.9:1 on white and 6.4:1 on the sidebar's background. */
.stApp [data-testid="stCaptionContainer"] { opacity: 1; color: #555a60; }
/* Streamlit removes the outline of sidebar links; the focus must stay visible (2.4.7). */
[data-testid="stPageLink-NavLink"]:focus-visible, [data-testid="stMain"] h1:focus-visible {
  outline: 2px solid #1f4e79; outline-offset: 2px; }
/* Buttons in an "icon-controls" container show their icon; their text is read, not shown. */
[class*="st-key-icon-controls"] button [data-testid="stMarkdownContainer"] {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
/* Each heading's "Link to heading" anchor: a Tab stop with an English name, of no use in a
   wizard (~10 more Tab presses a page). */
[data-testid="stHeaderActionElements"] a[href^="#"] { display: none; }
/* The element that holds the page script below is empty: no gap for it. */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }
/* The draft sent to the browser from a fragment's own rerun (components/browser/autosave.py): no gap. */
[class*="st-key-browser_draft-"] { display: none; }
/* 1.4.11: the edge of an empty radio, checkbox or text field is 1.2-1.6:1 in Streamlit's
   theme; this grey is 4.9:1 on white. The focus of a radio or checkbox is a faint tint
   (1.23:1): an outline, as on every other control. */
[data-testid="stRadioOption"]:not(:has(input:checked)) > div > div:first-child,
[data-testid="stCheckbox"] label:not(:has(input:checked)) > span + div,
[data-testid="stTextInputRootElement"]:not(:focus-within),
[data-testid="stTextAreaRootElement"]:not(:focus-within),
[data-testid="stDateInputField"]:not(:focus-within),
[data-testid="stSelectbox"] [data-rac][role="group"]:not(:focus-within) {
  border-color: #6b7178; }
[data-testid="stRadioOption"]:has(input:focus-visible), [data-testid="stCheckbox"] label:has(input:focus-visible) {
  outline: 2px solid #1f4e79; outline-offset: 2px; }
/* 1.4.3: a quoted sentence (the English check) is faded to 4.37:1; as captions above. */
.stApp [data-testid="stMarkdownContainer"] blockquote { color: #555a60; }
/* 1.4.12: with wider text spacing the step links' statuses and the language switch's
   labels were cut (one line, fixed height): they wrap instead. */
[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"] *,
[data-testid="stSidebar"] [data-testid="stButtonGroup"] button * {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; }
[data-testid="stSidebar"] [data-testid="stButtonGroup"] button { height: auto; min-height: 2.5rem; }
/* A field's help (`hint`) sits close under it, apart from the next field's label. */
.stElementContainer:has(> :is(.stTextInput, .stTextArea, .stDateInput, .stRadio, .stCheckbox, .stSelectbox))
  + .stElementContainer:has(> [data-testid="stCaptionContainer"]) { margin-top: -0.6rem; }
"""

# Part of the page script drawn first on every page (`page_script`): its text changes with
# the language only, so Streamlit keeps it in the page from one step to the next instead of
# sanitising and running it again (st.html runs a script again only when its text changes
# or its place on the page does). The step shown is told by `step_script`, a line drawn
# last. On a change of step, as a single-page app should: a phone's sidebar, which covers
# the page, closes; the focus goes to the new page's heading.
SCRIPT = """<script>
(() => {
  const [lang, pdfName] = %s;
  document.documentElement.lang = lang;
  // st.pdf's scrolling pane, inside a shadow root, cannot be reached by keyboard (axe:
  // scrollable-region-focusable): made focusable and named whenever one appears.
  window.__wizardPdfName = pdfName;
  if (!window.__wizardPdfWatch) {
    let queued = false;
    const fix = () => {
      queued = false;
      for (const host of document.querySelectorAll('[data-testid="stMain"] *')) {
        if (!host.shadowRoot) continue;
        if (!host.shadowRoot.__watched) {  // the pane is drawn inside it, later
          host.shadowRoot.__watched = true;
          window.__wizardPdfWatch.observe(host.shadowRoot, {childList: true, subtree: true});
        }
        const pane = host.shadowRoot.querySelector('[data-testid="pdf-content"]:not([tabindex])');
        if (!pane) continue;
        pane.tabIndex = 0;
        pane.setAttribute('role', 'region');
        pane.setAttribute('aria-label', window.__wizardPdfName);
      }
    };
    window.__wizardPdfWatch = new MutationObserver(() => {
      if (!queued) { queued = true; setTimeout(fix, 200); }
    });
    window.__wizardPdfWatch.observe(document.body, {childList: true, subtree: true});
  }
  window.__wizardStepShown = (step) => {
    const before = window.__wizardStep;
    window.__wizardStep = step;
    if (before === undefined || before === step) return;
    if (document.body.dataset.jumping) return;  // a field asked for (Review's "Modifica") takes the focus
    const bar = document.querySelector('[data-testid="stSidebar"]');
    if (bar && bar.dataset.collapsed === 'false' && window.matchMedia('(max-width: 768px)').matches) {
      document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click();
    }
    let tries = 0;
    const focusHeading = () => {
      const h1 = [...document.querySelectorAll('[data-testid="stMain"] h1')]
        .find(h => !h.closest('[data-stale="true"]'));
      if (!h1) { if (++tries < 60) setTimeout(focusHeading, 50); return; }
      h1.tabIndex = -1;
      h1.focus({preventScroll: true});
      // From the top of the page: the step bar above the heading says where the user is.
      for (let el = h1.parentElement; el; el = el.parentElement) el.scrollTop = 0;
    };
    focusHeading();
  };
})();
</script>"""


def page_script(lang: str) -> None:
    """Drawn first on every page, before the page's own elements, so that it keeps its place:
    sets <html lang>; keeps Streamlit's widgets telling a screen reader what the page shows
    (components/browser/aria.py); jumps to fields and keeps long answers while typed
    (components/browser/page_js.py)."""
    params = json.dumps([lang, t("a11y.pdf_preview")]).replace("<", "\\u003c")  # nothing can close the script
    words = json.dumps({"help": t("a11y.help_for")}).replace("<", "\\u003c")
    st.html(fixed_html(SCRIPT % params + ARIA_SCRIPT % words + PAGE_SCRIPT), unsafe_allow_javascript=True)


def step_script(step: str) -> None:
    """Drawn last: tells the page script which step is shown (the focus after a step change).
    A line, run again when its text or its place changes: cheap, unlike the page script."""
    said = json.dumps(step)  # a step id of ours: letters only
    script = f"window.__wizardStepShown ? window.__wizardStepShown({said}) : (window.__wizardStep = {said});"
    st.html(fixed_html(f"<script>{script}</script>"), unsafe_allow_javascript=True)


def hint(text: str | None) -> None:
    """A field's help, as text right under it: seen without hovering, and read with the
    field (the page script ties it to the field, components/browser/aria.py). Streamlit's "?"
    tooltip is not exposed to screen readers and its button is named in English."""
    if text:
        st.caption(text)


_LANG_CODE = re.compile(r"[a-z]{2,3}")


def in_language(markdown: str, code: str) -> str:
    """Markdown (already escaped) marked as written in `code` (WCAG 3.1.2), each line on its
    own (a blank line would end the element); for `unsafe_allow_html=True`."""
    if not _LANG_CODE.fullmatch(code or ""):
        return markdown
    out = []
    for line in markdown.split("\n"):
        text = line.rstrip(" ")
        out.append(f'<span lang="{code}">{text}</span>' + line[len(text) :] if text.strip() else line)  # "  ": a break
    return "\n".join(out)
