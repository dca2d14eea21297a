"""Files leave with the user: once a session has ended, its download URLs answer 404."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import helpers as h

S = h.IT
TTL = 2  # seconds a disconnected session is kept for a reconnect (120 in production)
SWEEP = 1  # seconds between sweeps (30 in production)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # no cookie: anyone with the URL
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_the_zip_url_stops_answering_after_the_user_has_left(browser):
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(TTL), "MEDIA_SWEEP_SECONDS": str(SWEEP)}
    with h.Server(env=env) as server:
        context = h.new_context(browser)
        page = context.new_page()
        h.open_app(page, server.url)
        h.press_button(page, S["example.single"])
        h.go_step(page, "documents")
        with page.expect_download() as info:
            h.main(page).get_by_role("button", name=S["documents.zip"]).click()
        url = info.value.url
        assert "/media/" in url and status(url) == 200
        time.sleep(3 * SWEEP)
        assert status(url) == 200  # the user is still there: the link keeps working

        context.close()
        deadline = time.monotonic() + TTL + 6 * SWEEP + 10
        while status(url) == 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert status(url) == 404
