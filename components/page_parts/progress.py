"""The sidebar: language, deadline and every step with its state, as links."""

from __future__ import annotations

from datetime import datetime

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from dossier.eligibility import Status, active_steps, is_ready, step_status
from dossier.free_texts import dossier_texts

from ..session.i18n import LANGUAGES, lang, t
from ..session.letter_ready import READY, is_ready_to_send
from ..session.state import call, dossier, problems, version
from ..session.steps import VISITED, tried_steps
from .draft_panel import draft_panel

STATUSES = "statuses"  # (what they were computed from, the statuses)
SHOWN_STATUSES = "statuses_shown"  # what the step list shows (None in a full run until it is drawn)
LABELS = "step_labels"  # (language, steps and statuses, the step list's labels)

STATUS_ICONS = {
    Status.NOT_STARTED: ":material/radio_button_unchecked:",
    Status.INCOMPLETE: ":material/pending:",
    Status.TO_FIX: ":material/error:",
    Status.COMPLETE: ":material/check_circle:",
}


def days_left(now: datetime | None = None) -> int:
    deadline = call().deadline_local
    now = now or datetime.now(deadline.tzinfo)
    return (deadline.date() - now.date()).days


def deadline_notice() -> tuple[str, bool]:
    """The deadline in words, and whether it has passed."""
    c = call()
    when = c.deadline_local.strftime("%d/%m/%Y %H:%M")
    left = days_left()
    if left < 0:
        return t("deadline.passed", date=when), True
    if left == 0:
        return t("deadline.today", date=when), False
    return t("deadline.left", date=when, days=left), False


def _set_language() -> None:
    """Switch the words, not the answers. A radio keeps the label it was last told (its
    choice is sent as the shown text): redrawn in the other language, the browser would
    show it empty and send the old label back at the next click, which no option matches.
    Each value on screen is therefore said again, as its own value (read with last run's
    labels), so the browser is told it in the new words."""
    state = st.session_state
    for key in list(state):
        value = state.get(key)  # None for a widget value Streamlit cannot read back yet
        if key not in ("lang", "lang_switch") and isinstance(value, str):
            state[key] = value
    state["lang"] = state["lang_switch"]


def language_switch() -> None:
    """The language lives under "lang"; the widget only mirrors it (widget state is dropped
    when the page changes)."""
    st.session_state["lang_switch"] = lang()
    st.segmented_control(
        t("sidebar.language"),
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        key="lang_switch",
        required=True,
        on_change=_set_language,
    )


def statuses() -> dict[str, Status]:
    """Each step "to do", "in progress", "done" or "to fix" (tried to leave with problems);
    Review and Documents are done when every other step is, and to fix while one is;
    Documents is done only once the signed letter of these answers is accepted.

    Kept per Dossier version (state.version(), and what else they depend on), so that a step change or a
    click that changed nothing does not compute them again."""
    key = (
        *version(),
        frozenset(tried_steps()),
        "start" in st.session_state.get(VISITED, ()),
        st.session_state.get(READY),  # a signed letter accepted (or no longer) changes Documents
    )
    kept = st.session_state.get(STATUSES)
    if kept is not None and kept[0] == key:
        return dict(kept[1])
    found, final = _statuses()
    if final:
        st.session_state[STATUSES] = (key, dict(found))
    return found


def _statuses() -> tuple[dict[str, Status], bool]:
    """The statuses, and whether they are final for this Dossier (not when the English
    check ran out of time for a sentence: a later run may check it)."""
    tried = frozenset(tried_steps())
    found_problems = problems()  # for both uses below
    found = step_status(dossier(), call(), tried, found_problems)
    started = any(s is not Status.NOT_STARTED for s in found.values())
    found["start"] = Status.COMPLETE if started or "start" in st.session_state.get(VISITED, ()) else Status.NOT_STARTED
    english_ok, complete = True, True
    if not any(v.strip() for v in dossier_texts(dossier(), call()).values()):
        found["english"] = Status.NOT_STARTED  # and none of the English check is loaded (~20 ms of a first visit)
    else:
        from .english_check import check_state

        english = check_state()
        english_ok, complete = not english.blocking, not english.unchecked
        fix_it = bool(english.pending) and "english" in tried  # not checked yet is "in progress"
        found["english"] = Status.COMPLETE if english_ok else Status.TO_FIX if fix_it else Status.INCOMPLETE
    done = is_ready(dossier(), call(), found_problems) and english_ok
    to_fix = any(s is Status.TO_FIX for s in found.values())
    for step in ("review", "documents"):
        found[step] = Status.COMPLETE if done else Status.TO_FIX if to_fix else Status.NOT_STARTED
    if done and not is_ready_to_send(dossier(), call()):  # the signed letter is still to come
        found["documents"] = Status.INCOMPLETE
    return found, complete


def sidebar() -> None:
    """The sidebar above the step list: title, language, deadline, draft panel. The list
    comes after the page (`step_list`), so that a page's fragment may draw it."""
    st.session_state[SHOWN_STATUSES] = None  # no list drawn yet in this run
    with st.sidebar:
        st.markdown(f"### {t('app.title')}")
        st.caption(call().short_name)
        language_switch()
        text, passed = deadline_notice()
        (st.warning if passed else st.info)(text, icon=":material/event:")
        draft_panel(dossier())
        st.markdown(f"**{t('sidebar.progress')}**")


def review_title() -> str:
    """The browser tab's title on ANCI's page ("Candidature ricevute · CONNECTION")."""
    return f"{t('anci.title')} · {call().short_name}"


def review_sidebar(start: StreamlitPage) -> None:
    """ANCI's page (views/anci.py): what serves its officer, the language and the way back
    to Start; not the applicant's steps, deadline and draft."""
    with st.sidebar:
        st.markdown(f"### {t('app.title')}")
        st.caption(call().short_name)
        language_switch()
        st.page_link(start, label=t("anci_review.back_to_start"), icon=":material/arrow_back:")


def step_list(pages: list[StreamlitPage]) -> None:
    """Every step with its status, as links, under the sidebar's heading. `pages`: this
    run's pages, one per active step in order, as given to `st.navigation`. A link to a
    `Page` costs Streamlit a dictionary lookup; to a file path, a `realpath` on the disk
    (nine links on every rerun: ~2 ms of an 8-ms page).

    Drawn once a run: by app.py after the page, or by a fragment of the page, which then
    redraws it in its own reruns (Streamlit keeps the place the fragment wrote to in the
    sidebar in the last full run): a change that turns a status needs no full rerun."""
    state = statuses()
    st.session_state[SHOWN_STATUSES] = state
    steps = active_steps(call())
    with st.sidebar:
        for step, page, label in zip(steps, pages, _labels(steps, state), strict=True):
            st.page_link(page, icon=STATUS_ICONS[state[step]], label=label)


def _labels(steps: tuple[str, ...], state: dict[str, Status]) -> list[str]:
    """The links' labels ("3. Ente — da completare"), kept while the language and the
    statuses stay: two words looked up for each step on every run otherwise."""
    key = (lang(), steps, tuple(state[s] for s in steps))
    kept = st.session_state.get(LABELS)
    if kept is None or kept[0] != key:
        labels = [f"{i}. {t(f'steps.{s}')} — {t(f'status.{state[s].value}')}" for i, s in enumerate(steps, start=1)]
        kept = st.session_state[LABELS] = (key, labels)
    return kept[1]


def step_list_drawn() -> bool:
    """Whether this run has drawn the step list (a page's fragment may have)."""
    return st.session_state.get(SHOWN_STATUSES) is not None
