"""What is missing or wrong, in words: the error summary of a step and the message at each field.

The pattern of GOV.UK and Designers Italia: nothing is an error before the user tries to
go on; after "Next" with problems, a summary at the top links to each field, and each
field says its own problem beside it. The user may still go on (a draft is allowed).
"""

from __future__ import annotations

import streamlit as st

from dossier.calls import Localised
from dossier.checks import RULE_IDS
from dossier.findings import Finding
from dossier.numbers import format_count

from ..browser.page_js import page_js
from ..session.i18n import lang, t
from ..session.jump import PAIRED, anchor, jump_button, pending_jump
from ..session.markdown import escape_md
from ..session.state import problems
from ..session.steps import SUMMARY_FOCUS, tried

SHOWN = "field_errors"  # this run's messages by field path, for the fields to show
SUMMARY = "summary_shown"  # (step, its findings) as the last error summary showed them


def message(f: Finding) -> str:
    """The finding in words; the user's own text in it is escaped (it is shown as markdown)."""
    params = {k: _param(v) for k, v in f.params.items()}
    # The cross-checks' messages have their own locale block.
    return t(f"{'checks' if f.code in RULE_IDS else 'missing'}.{f.code}", **params)


def _param(value) -> str:
    if isinstance(value, Localised):
        return value.get(lang())
    if isinstance(value, int) and not isinstance(value, bool):
        return format_count(value, lang())  # 29.000 in Italian, 29,000 in English
    return escape_md(str(value))


def step_findings(step: str) -> list[Finding]:
    return problems().get(step, [])


def error_summary(step: str) -> None:
    """At the top of a step, once the user tried to go on: every problem, linked to its field.

    Also hands each field its message (under SHOWN) for `at_field`, and brings the field
    asked for on the page before (Review's "Modifica") into view.
    """
    found = step_findings(step) if tried(step) else []
    shown: dict[str, list[Finding]] = {}
    for f in found:
        shown.setdefault(f.field, []).append(f)
    target = pending_jump()
    if target:
        shown.setdefault(target, [])
    st.session_state[SHOWN] = shown
    st.session_state[SUMMARY] = (step, found)
    if st.session_state.pop(SUMMARY_FOCUS, False) and found:
        target = "summary"  # just stayed after "Next": the keyboard goes to the summary's first link
    page_js(anchor(target) if target else None)
    if not found:
        return
    st.markdown(f'<span id="{anchor("summary")}"></span>', unsafe_allow_html=True)
    errors = [f for f in found if not f.warning]
    items = "\n".join(f"- [{message(f)}](#{anchor(f.field)})" for f in errors + [f for f in found if f.warning])
    body = f"**{t('summary.title' if errors else 'summary.title_warnings')}**\n\n{items}\n\n{t('summary.go_on')}"
    (st.error if errors else st.warning)(body, icon=":material/error:" if errors else ":material/info:")


def shown_findings() -> tuple[str, list[Finding]] | None:
    """The step and the findings its error summary and field messages were drawn from."""
    return st.session_state.get(SUMMARY)


def at_field(path: str) -> None:
    """The message of the field at `path`, beside it, with the anchor the summary links to."""
    found = st.session_state.get(SHOWN, {}).get(path)
    if found is None:
        return
    st.markdown(f'<span id="{anchor(path)}"></span>{lines(found)}', unsafe_allow_html=True)


def shown_within(path: str) -> dict[str, list[Finding]]:
    """The messages `at_field` shows for `path` and the fields under it, by field (a closed
    CV entry's line says them, components/widgets/entries.py)."""
    shown = st.session_state.get(SHOWN, {})
    return {field: fs for field, fs in shown.items() if fs and (field == path or field.startswith(path + "."))}


def lines(found: list[Finding]) -> str:
    return "  \n".join(f":{'orange' if f.warning else 'red'}[**{message(f)}**]" for f in found)


def step_summary(step: str, found: list[Finding], link: bool = False) -> None:
    """The findings of one step (Review, Documents), each with a button to its field when
    `link` (then inside a `jump.rows_box`), or a word that it is complete."""
    if not found:
        st.success(t("findings.complete"), icon=":material/check_circle:")
        return
    errors = [f for f in found if not f.warning]
    if errors:
        st.warning(t("findings.missing_count", count=len(errors)), icon=":material/pending:")
    if len(errors) < len(found):
        st.info(t("answers.to_check", count=len(found) - len(errors)), icon=":material/info:")
    for f in found:
        if link:
            fix_link(f)
        else:
            st.markdown(f"- {message(f)}")


def fix_link(f: Finding) -> None:
    """A problem in words with a button to its very field (on its step's page), beside it
    inside a `jump.rows_box`."""
    st.markdown(f"{':material/info:' if f.warning else ':material/error:'} {message(f)}")
    jump_button(f.step, f.field, t("answers.fix"), key=f"{PAIRED}{f.field}-{f.code}")
