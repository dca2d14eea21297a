"""What the app sends to the browser beyond Streamlit's widgets: the page script (jumps,
focus, live regions), the ARIA Streamlit does not give, the stylesheet, and the autosave
component (localStorage).

Public Streamlit API (st.html, components v2); the script and the CSS find Streamlit's
elements by their `data-testid` and roles, which an upgrade may rename: the browser tests
(tests/e2e/test_a11y_journeys.py, test_accessibility_browser.py, test_keyboard.py,
test_browser.py for autosave) say so.
"""
