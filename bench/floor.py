"""Row 1, the floor of a step change: what Streamlit alone costs to draw a page's elements.

For a step whose step change misses its target, a synthetic app draws the same number of
elements of each kind that step's page sent in its last step change (bench/protocol.py
`Run.kinds`), flat, with no code of ours: no Dossier, no checks, no statuses. Its full rerun
(a change of its text field, outside any fragment) is measured like the hello world's field
change, the two servers in turns, so that their ratio is what those elements alone cost on
Streamlit 1.67. A ratio over the target says that no work of the app's own can bring the
step under it: only fewer elements can.

Kinds the synthesis does not know (a custom component) are left out and counted in the row.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from .common import ROOT, Costs, Row, edited, hello_app, ms

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
    "block:flex_container": "st.container()",
    "block:expandable": 'st.expander("Fold {i}")',
    "block:popover": 'st.popover("Menu {i}")',
}
# The hello world's field, changed on both servers: the same action, a full rerun of each.
FIELD = "w:name"


def synthetic_app(kinds: Counter[str]) -> tuple[str, int]:
    """The source of an app drawing `kinds` (columns two by two, each pair in the row
    container Streamlit adds), and how many elements it leaves out."""
    lines = ["import datetime", "import streamlit as st", 'st.text_input("Name", key="w:name")']
    i = 0
    kinds = Counter(kinds)
    pairs, left_out = divmod(kinds.pop("block:column", 0), 2)  # an odd column is left out
    kinds["block:flex_container"] -= pairs  # each st.columns(2) also draws its row
    lines += ["st.columns(2)"] * pairs
    for kind, count in kinds.items():
        for _ in range(max(count, 0)):
            if kind in DRAW:
                lines.append(DRAW[kind].format(i=i))
                i += 1
            else:
                left_out += 1
    return "\n".join(lines) + "\n", left_out


async def _full_reruns(url: str, pid: int, n: int) -> list[float]:
    from bench.browser import ERROR_TEXT
    from bench.protocol import Tab

    tab, _ = await Tab.open(url, ERROR_TEXT)
    costs = Costs(pid)
    try:
        for k in range(n + 2):  # the first two are not counted (the first run imports)
            field = tab.find("text_input", FIELD)
            await costs.timed(("rerun", "counted" if k >= 2 else "first"), tab.change, field, edited(tab.value(field)))
    finally:
        await tab.close()
    if costs.errors:
        raise RuntimeError(f"the synthetic page failed: {costs.errors[0]}")
    return costs.cpu[("rerun", "counted")]


def rows(kinds_by_step: dict[str, Counter[str]], limit: float, rounds: int = 3, n: int = 20) -> list[Row]:
    """A row per step: its synthetic page's full rerun against hello world's, both servers
    measured in turns, `rounds` x `n` reruns each."""
    from helpers import Server

    if not kinds_by_step:
        return []
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        apps = {"hello": (hello_app(Path(tmp) / "hello", config_from=ROOT), 0)}
        for step, kinds in kinds_by_step.items():
            source, left_out = synthetic_app(kinds)
            apps[step] = (hello_app(Path(tmp) / step, source, config_from=ROOT), left_out)
        cpu: dict[str, list[float]] = {name: [] for name in apps}
        with ExitStack() as running:
            servers = {name: running.enter_context(Server(root=folder)) for name, (folder, _) in apps.items()}
            for _ in range(rounds):
                for name, server in servers.items():
                    cpu[name] += asyncio.run(_full_reruns(server.url, server.proc.pid, n))
    base = statistics.median(cpu["hello"])
    out = []
    for step, kinds in kinds_by_step.items():
        per_run = statistics.median(cpu[step])
        left_out = apps[step][1]
        note = f", {left_out} left out" if left_out else ""
        verdict = f": over {limit:g}x with no app code" if per_run / base > limit else ""
        out.append(
            Row(
                "1",
                f"floor of {step}'s step change: Streamlit alone drawing its {sum(kinds.values())} elements{note}",
                str(len(cpu[step])),
                f"{ms(per_run)} = {per_run / base:.1f}x hello ({ms(base)}){verdict}",
            )
        )
    return out
