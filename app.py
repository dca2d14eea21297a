"""Entry point: page config, sidebar, navigation over the wizard's steps. Nothing else."""

import logging

import streamlit as st

from components import streamlit_patches
from components.browser import a11y, autosave, styles
from components.page_parts import progress
from components.page_parts.page import CURRENT, tab_title
from components.process import gc_freeze
from components.session import fragments, steps
from components.session.i18n import lang, t
from components.streamlit_patches import upload_guard

streamlit_patches.install()  # Streamlit's internals changed in one place (components/streamlit_patches/)

# The sidebar starts closed on a phone, where it would cover the page. The icon is an emoji:
# Streamlit loads its emoji table to recognise it (40-70 ms at the first visit after a start).
# The others cost more: a Material icon is fetched from fonts.gstatic.com, and an image, file
# or URL (the SVG Streamlit draws for the emoji, as a data URL, too) loads numpy and PIL (~100 ms).
st.set_page_config(page_title=t("app.title"), page_icon="🤝", layout="centered", initial_sidebar_state="auto")

pages = steps.pages()
# ANCI's path (views/anci.py): a page beside the wizard's steps, linked from Start.
anci = st.Page("views/anci.py", title=t("anci.nav"), icon=":material/inbox:", url_path="anci")
page = steps.navigate([*pages, anci])  # a "Next", "Back" or "Modifica" clicked: the new page, in this run
st.session_state[CURRENT] = steps.step_of(page)
reviewing = page is anci  # ANCI's officer: none of the applicant's steps, deadline and draft
# "Passo 3 di 9 – Ente · CONNECTION": a title per step
st.set_page_config(page_title=progress.review_title() if reviewing else tab_title())
styles.draw(italian=lang() == "it")
if reviewing:
    progress.review_sidebar(pages[0])
else:
    progress.sidebar()
a11y.page_script(lang())  # first in the page, so that it keeps its place from step to step
try:
    page.run()
except Exception as err:  # st.rerun/st.switch_page are BaseExceptions and pass through
    # Type and place only: the message of an error may carry what the user typed.
    tb = err.__traceback__
    while tb and tb.tb_next:
        tb = tb.tb_next
    logging.getLogger("app").error(
        "page %s failed: %s at %s:%s",
        page.url_path,
        type(err).__name__,
        tb.tb_frame.f_code.co_filename if tb else "?",
        tb.tb_lineno if tb else "?",
    )
    st.error(t("errors.unexpected"), icon=":material/error:")
if not reviewing and not progress.step_list_drawn():  # a fragment of the page may draw it (views/eligibility.py)
    progress.step_list(pages)
a11y.step_script(st.session_state[CURRENT])
if not reviewing:  # the applicant's draft is neither offered nor saved on ANCI's page
    autosave.sync()
upload_guard.release_unreferenced()  # a replaced or left upload widget's file goes now
fragments.full_run_done()  # what a fragment's own rerun compares with (components/session/fragments.py)
gc_freeze.freeze_new_imports()  # full collections skip the modules loaded so far (components/process/gc_freeze.py)
