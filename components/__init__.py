"""The Streamlit side of the wizard, by kind; the domain lives in `dossier/` and `intake/`.

- widgets/: input widgets bound to a field of the Dossier (public Streamlit API only).
- page_parts/: pieces of pages the views put together: sidebar, error summary, Review's
  rows, the signed letter, the email, ANCI's cards (public Streamlit API only).
- session/: per-session plumbing every page uses: state, UI strings, literal Markdown, the
  steps and moves between them, fragments, jumps to a field (public Streamlit API only).
- browser/: what is sent to the browser beyond Streamlit's widgets: the page script, ARIA,
  the stylesheet, the autosave component (public API; the scripts and CSS rely on
  Streamlit's HTML, data-testid and roles, which their browser tests in tests/e2e/ watch).
- streamlit_patches/: the only code that reaches into Streamlit's internals, pinned to one
  version: what an upgrade may break, each patch with the tests that guard it.
- process/: the server process's memory (garbage collector, allocator): no Streamlit.
"""
