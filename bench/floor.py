"""Row 1, the floor of a click: what Streamlit alone costs to draw the elements a click drew.

For every step change and field change of row 1, a synthetic app draws the same number of
elements of each kind that the app sent in that action's last run (bench/protocol.py
`Run.kinds`), flat, with no code of ours: no Dossier, no checks, no statuses. When the
app's run was a fragment's alone (a field in an `st.fragment`), the synthetic elements and
its field are in a fragment too, so the floor is a fragment run of the same elements.
Each synthetic app's rerun (a change of its text field) is measured like the hello
world's field change, all servers in turns, so that its ratio to hello world is what those
elements alone cost on Streamlit 1.67. Row 1 divides the app's ratio to hello world (its
own run) by the floor's ratio to hello world (this run): what our code adds over the floor,
with the machine's state of each run cancelled by its own hello world. A step change's
floor is a rerun of the page's elements, not a page switch: the app's navigation and the
page's new-session bookkeeping count as the app's.

Kinds the synthesis does not know (a custom component) are left out and counted in the row.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from .common import ROOT, Costs, edited, hello_app, ms

# One element of each kind, `{i}` its number (keys and texts unique on the page).
DRAW = {
    "markdown": 'st.markdown("Text {i}")',
    "heading": 'st.subheader("Heading {i}")',
    "alert": 'st.info("Note {i}")',
    "html": 'st.html("<div>Block {i}</div>")',
    "progress": "st.progress(0.5)",
    "page_link": 'st.page_link("https://example.org/{i}", label="{i}. Step", icon=":material/check_circle:")',
    "button": 'st.button("Button {i}", key="b{i}", icon=":material/edit:")',
    "download_button": 'st.download_button("Save {i}", b"x", key="d{i}")',
    "button_group": 'st.segmented_control("Group {i}", ["a", "b"], key="g{i}")',
    "text_input": 'st.text_input("Field {i}", "value", key="t{i}")',
    "text_area": 'st.text_area("Area {i}", "value", key="a{i}")',
    "number_input": 'st.number_input("Number {i}", value=1, key="n{i}")',
    "selectbox": 'st.selectbox("Choice {i}", ["a", "b"], key="s{i}")',
    "radio": 'st.radio("Radio {i}", ["a", "b"], key="r{i}")',
    "checkbox": 'st.checkbox("Box {i}", key="c{i}")',
    "date_input": 'st.date_input("Date {i}", datetime.date(2020, 1, 1), key="dt{i}")',
    "text": 'st.text("Plain {i}")',
    "file_uploader": 'st.file_uploader("Upload {i}", key="u{i}")',
    "block:flex_container": "st.container()",
    "block:expandable": 'st.expander("Fold {i}")',
    "block:popover": 'st.popover("Menu {i}")',
}
# The hello world's field, changed on both servers: the same action, a full rerun of each.
FIELD = "w:name"
# How the floor's elements are drawn again: the app's run was a full rerun, a fragment's
# run, or a page switch (a step change)
RERUN, FRAGMENT, SWITCH = "a rerun", "a fragment's rerun", "a page switch"


def element_lines(kinds: Counter[str], fragment: bool = False) -> tuple[list[str], int]:
    """Lines of code drawing `kinds` (columns two by two, each pair in the row container
    Streamlit adds; `fragment`: the fragment's own container is not drawn), and how many
    elements are left out."""
    lines = []
    i = 0
    kinds = Counter(kinds)
    pairs, left_out = divmod(kinds.pop("block:column", 0), 2)  # an odd column is left out
    kinds["block:flex_container"] -= pairs + fragment  # each st.columns(2) its row, a fragment its own
    lines += ["st.columns(2)"] * pairs
    for kind, count in kinds.items():
        for _ in range(max(count, 0)):
            if kind in DRAW:
                lines.append(DRAW[kind].format(i=i))
                i += 1
            else:
                left_out += 1
    return lines, left_out


def synthetic_app(kinds: Counter[str], how: str = RERUN) -> tuple[str, int]:
    """The source of an app drawing `kinds` (`element_lines`), and how many elements it
    leaves out. Its field reruns it (RERUN), or reruns the `st.fragment` that holds them all
    (FRAGMENT); or (SWITCH) it has two pages drawing them, under `st.navigation`, for a page
    switch."""
    drawn, left_out = element_lines(kinds, fragment=how == FRAGMENT)
    lines = ['st.text_input("Name", key="w:name")', *drawn]
    head = ["import datetime", "import streamlit as st"]
    if how == FRAGMENT:
        lines = ["@st.fragment", "def part():", *(f"    {line}" for line in lines), "part()"]
    elif how == SWITCH:
        lines = ["def page():", *(f"    {line}" for line in lines)]
        lines += [
            'PAGES = [st.Page(page, title="A", url_path="a", default=True), st.Page(page, title="B", url_path="b")]',
            'st.navigation(PAGES, position="hidden").run()',
        ]
    return "\n".join(head + lines) + "\n", left_out


async def _reruns(url: str, pid: int, n: int, switch: bool) -> list[float]:
    """Server CPU of `n` changes of the field, or `n` page switches."""
    from bench.browser import ERROR_TEXT
    from bench.protocol import Tab

    tab, _ = await Tab.open(url, ERROR_TEXT)
    costs = Costs(pid)
    try:
        for k in range(n + 2):  # the first two are not counted (the first run imports)
            counted = ("rerun", "counted" if k >= 2 else "first")
            if switch:
                await costs.timed(counted, tab.goto, sorted(tab.pages)[k % 2])
            else:
                field = tab.find("text_input", FIELD)
                await costs.timed(counted, tab.change, field, edited(tab.value(field)))
    finally:
        await tab.close()
    if costs.errors:
        raise RuntimeError(f"the synthetic page failed: {costs.errors[0]}")
    return costs.cpu[("rerun", "counted")]


def ratios(pages: dict[str, tuple[Counter[str], str]], rounds: int = 3, n: int = 15) -> dict[str, tuple[float, str]]:
    """For each page (its kinds of elements, and RERUN, FRAGMENT or SWITCH): its synthetic
    app's CPU per action over hello world's field change, and what that figure is, in
    words; all servers measured in turns, `rounds` x `n` actions each. Pages drawing the
    same elements the same way share one server."""
    from helpers import Server

    if not pages:
        return {}
    sources = {name: synthetic_app(kinds, how) for name, (kinds, how) in pages.items()}
    switch = {source for name, (source, _) in sources.items() if pages[name][1] == SWITCH}
    distinct = list(dict.fromkeys(source for source, _ in sources.values()))
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        folders = {"hello": hello_app(Path(tmp) / "hello", config_from=ROOT)}
        folders |= {str(i): hello_app(Path(tmp) / f"page{i}", source, ROOT) for i, source in enumerate(distinct)}
        cpu: dict[str, list[float]] = {name: [] for name in folders}
        with ExitStack() as running:
            servers = {name: running.enter_context(Server(root=folder)) for name, folder in folders.items()}
            for _ in range(rounds):
                for name, server in servers.items():
                    source = distinct[int(name)] if name != "hello" else ""
                    cpu[name] += asyncio.run(_reruns(server.url, server.proc.pid, n, source in switch))  # type: ignore[union-attr]
    base = statistics.median(cpu["hello"])
    out = {}
    for name, (source, left_out) in sources.items():
        kinds, how = pages[name]
        measured = cpu[str(distinct.index(source))]
        per_run = statistics.median(measured)
        out[name] = (
            per_run / base,
            f"{sum(kinds.values())} elements, {how}"
            f"{f', {left_out} left out' if left_out else ''}: {ms(per_run)} = {per_run / base:.1f}x hello "
            f"({ms(base)}, n={len(measured)})",
        )
    return out
