"""The Streamlit side of the wizard, by kind; the domain lives in `dossier/` and `intake/`.

- widgets/: input widgets bound to a field of the Dossier (public Streamlit API only).
- page_parts/: pieces of pages the views put together: sidebar, error summary, Review's
  rows, the signed letter, the email, ANCI's cards (public Streamlit API only).
- session/: per-session plumbing every page uses: state, UI strings, literal Markdown, the
  steps and moves between them, fragments, jumps to a field (public API and
  `get_script_run_ctx`).
- browser/: what is sent to the browser beyond Streamlit's widgets: the page script, ARIA,
  the stylesheet, the autosave component (public API; they rely on Streamlit's HTML, which
  their browser tests in tests/e2e/ watch).
- streamlit_patches/: changes to Streamlit's internals, pinned to one version: what an
  upgrade may break, each with the tests that guard it.
- process/: the server process's memory (garbage collector, allocator): no Streamlit.
"""
