"""What components/streamlit_patches/run_context.py reads from Streamlit's script-run context
still answers on the Streamlit installed (an upgrade that moves it fails here first;
fragment_rerun is watched in the browser: tests/e2e/test_fragments.py)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def script():
    import streamlit as st

    from components.streamlit_patches.run_context import fragment_rerun, run_instead, session_id

    def one():
        st.title("One")

    def two():
        st.title("Two")

    pages = [st.Page(one, title="One", url_path="one", default=True), st.Page(two, title="Two", url_path="two")]
    if st.session_state.pop("go", False):
        run_instead("two")
    st.session_state.setdefault("ids", []).append(session_id())
    st.session_state["fragment"] = fragment_rerun()
    st.navigation(pages).run()
    st.button("Go", key="go")


def test_the_session_id_is_there_and_the_same_at_every_run():
    at = AppTest.from_function(script).run()
    at.run()
    ids = at.session_state["ids"]
    assert not at.exception and len(ids) == 2 and ids[0] and ids[0] == ids[1]


def test_another_page_is_drawn_in_the_same_run_when_asked_for():
    at = AppTest.from_function(script).run()
    assert at.title[0].value == "One"
    at.button(key="go").click().run()
    assert not at.exception and at.title[0].value == "Two"  # this run, no second one


def test_a_full_run_is_not_a_fragment_rerun():
    at = AppTest.from_function(script).run()
    assert at.session_state["fragment"] is None
