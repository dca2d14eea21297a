"""Row 10's floor: Streamlit alone drawing a step's elements in Chromium, with no code of ours.

For each step change of row 10's walk, the elements the app's run sent (by kind, as row 1
counts them: bench/protocol.py `Run.kinds`, the sidebar's included) are drawn by a synthetic
two-page app (`st.navigation`): "Before" draws the elements of the step left, "After" those
of the step entered, each page a title and an `st.page_link` to the other first. Its switch
from Before to After, click to settled, is timed like the app's in the same browser tab
mode, beside the same hello world. What the app's step change costs over that floor is
ours: our scripts, our component, how we lay the elements out; what the floor itself costs
over hello world is what drawing those elements costs on Streamlit 1.67.
Elements of a kind the synthesis does not know (the autosave's custom component) are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .common import hello_app
from .floor import element_lines

BEFORE, AFTER = "Before", "After"


def kinds_per_step(url: str, steps: Sequence[str]) -> dict[str, Counter[str]]:
    """The elements each step change of the example's walk sent, by kind (a websocket walk)."""
    import asyncio

    from .browser import ERROR_TEXT
    from .protocol import Tab, step_change

    async def walk() -> dict[str, Counter[str]]:
        tab, _ = await Tab.open(url, ERROR_TEXT)
        try:
            await tab.click(tab.find("button", "example-single"))
            return {step: (await step_change(tab, steps, i)).kinds for i, step in enumerate(steps)}
        finally:
            await tab.close()

    return asyncio.run(walk())


def floor_app(folder: Path, left: Counter[str], entered: Counter[str]) -> tuple[Path, int]:
    """The synthetic app of one step change in `folder`, and how many elements it leaves out."""
    before = element_lines(left)[0]
    after, out_after = element_lines(entered)

    def page(name: str, other: str, lines: list[str]) -> list[str]:
        head = [f"st.title({name!r})", f"st.page_link({other.upper()}, label={other!r})"]
        return [f"def {name.lower()}():", *(f"    {line}" for line in head + lines)]

    source = "\n".join(
        [
            "import datetime",
            "import streamlit as st",
            *page(BEFORE, AFTER, before),
            *page(AFTER, BEFORE, after),
            f"BEFORE = st.Page(before, title={BEFORE!r}, default=True)",
            f"AFTER = st.Page(after, title={AFTER!r})",
            "st.navigation([BEFORE, AFTER]).run()",
        ]
    )
    return hello_app(folder, source + "\n"), out_after
