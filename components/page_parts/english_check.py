"""The English check on screen: one checker per session, a status under each field."""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import shorten

import streamlit as st

from dossier.english import (
    NOT_CHECKED,
    EnglishChecker,
    Hint,
    SentenceResult,
    apply_fix,
    dossier_texts,
    families,
    kept_as_written,
    not_english,
    sentence_key,
    unchecked,
)
from dossier.paths import get_path

from ..browser.a11y import hint as field_hint
from ..browser.a11y import in_language
from ..session.i18n import lang, t
from ..session.markdown import escape_md
from ..session.state import REFUSALS, call, dossier, show_refusal, store, update

# What the English step draws at most: a pasted list of unknown words could give hundreds
# of tips, each with a button; past these the page says how many more there are.
MAX_HINTS = 10  # tips of one sentence
MAX_TIP_SENTENCES = 20  # sentences with tips only, per answer
PENDING = "english_pending"  # (the texts and marked sentences, what `pending` found in them)
FIX_REFUSED = "english_fix"  # where a fix the model refused is said: at the top of this page


def checker() -> EnglishChecker:
    """This session's checker: its memo holds this user's sentences, so never shared."""
    if "english_checker" not in st.session_state:
        st.session_state["english_checker"] = EnglishChecker()
    return st.session_state["english_checker"]


def is_checked(path: str) -> bool:
    return path in dossier_texts(dossier(), call())


@dataclass(frozen=True)
class EnglishState:
    pending: list[tuple[str, SentenceResult]]  # not English and not marked as intended, by path
    unchecked: list[tuple[str, SentenceResult]]  # past a budget: never taken for English
    kept: int  # sentences not English marked as staying as written

    @property
    def blocking(self) -> list[tuple[str, SentenceResult]]:
        """What keeps Review from "ready" and the documents back."""
        return self.pending + self.unchecked


def pending() -> list[tuple[str, SentenceResult]]:
    """The sentences not English and not marked as intended, by field path."""
    return check_state().pending


def check_state() -> EnglishState:
    """What the check found in the Dossier's texts. Kept while the texts and the marked
    sentences stay the same (a box ticked, a number or a name typed touch neither), if every
    sentence was checked (not so past a budget: a later run goes on where this one stopped)."""
    d = dossier()
    texts = dossier_texts(d, call())
    key = (texts, tuple(d.english_intended))
    kept = st.session_state.get(PENDING)
    if kept is not None and kept[0] == key:
        return kept[1]
    checked = checker().check_fields(texts)
    found = EnglishState(
        not_english(checked, d.english_intended), unchecked(checked), kept_as_written(checked, d.english_intended)
    )
    if not found.unchecked:
        st.session_state[PENDING] = (key, found)
    return found


def summary(results: list[SentenceResult]) -> str:
    """A field's state in words, with an icon: not English (which language), tips, or fine."""
    intended = set(dossier().english_intended)
    foreign = [r for r in results if r.verdict == "not_english" and sentence_key(r.sentence) not in intended]
    hints = sum(len(r.hints) for r in results)
    if foreign:
        languages = ", ".join(sorted({language_name(r.language) for r in foreign}))
        message = t("english.field_not_english", count=len(foreign), languages=languages)
        return f":orange[:material/translate: {message}]"
    if any(r.verdict == NOT_CHECKED for r in results):
        return f":orange[:material/hourglass_disabled: {t('english_budget.field_not_checked')}]"
    if hints:
        return f":material/lightbulb: {t('english.field_hints', count=hints)}"
    return f":material/check: {t('english.field_ok')}"


def field_status(path: str, value: str) -> None:
    """Under a field, its state as soon as it is typed."""
    if value.strip():
        st.caption(summary(checker().check_text(value)))


def language_name(code: str) -> str:
    return t(f"english.lang_{code}") if code in ("it", "fr", "es", "de", "pt", "ro") else (code or "?")


def field_label(path: str) -> str:
    """A checked field's name as the user saw it on its page."""
    parts = path.split(".")
    if parts[:2] == ["needs", "answers"]:
        question = next((q for q in call().questions if q.id == parts[2]), None)
        return question.label.get(lang()) if question else parts[2]
    if len(parts) == 4:  # officer.experience.0.position
        entry = t(f"officer.{parts[1]}_entry")
        return f"{entry} {int(parts[2]) + 1} – {t(f'officer.{parts[3]}')}"
    return t(f"{parts[0]}.{parts[1]}")


def _toggle_intended(widget: str, key: str) -> None:
    keys = [k for k in dossier().english_intended if k != key]
    if st.session_state[widget]:
        keys.append(key)
    if not store("english_intended", keys, where=f"english_intended.{key}"):
        st.session_state[widget] = key in dossier().english_intended
    for other in [k for k in st.session_state if isinstance(k, str) and k.startswith("intended-") and k.endswith(key)]:
        if other != widget:  # the same sentence elsewhere: its box follows the Dossier
            del st.session_state[other]


def sentence_box(path: str, r: SentenceResult) -> None:
    """One sentence that needs a look: what it says, why, and what to do."""
    key = sentence_key(r.sentence)
    with st.container(border=True):
        if r.verdict == NOT_CHECKED:  # the rest of a long text: its start is enough to find it
            quote(shorten(r.sentence, 200, placeholder=" …"), r.language if r.verdict == "not_english" else "en")
            st.markdown(f":orange[:material/hourglass_disabled:] {t('english_budget.not_checked')}")
            return
        quote(r.sentence, r.language if r.verdict == "not_english" else "en")
        if r.verdict == "not_english":
            st.markdown(f":orange[:material/translate:] {t('english.not_english', language=language_name(r.language))}")
            # one box per place: the same sentence may stand in two answers, or twice in one
            widget = f"intended-{path}-{r.start}-{key}"
            if widget not in st.session_state:
                st.session_state[widget] = key in dossier().english_intended
            st.checkbox(
                t("english.intended"),
                key=widget,
                on_change=_toggle_intended,
                args=(widget, key),
            )
            field_hint(t("english.intended_help"))
            show_refusal(f"english_intended.{key}")
        offer_fixes = fixes_make_english(r)
        for i, hint in enumerate(r.hints[:MAX_HINTS]):
            st.markdown(f":material/lightbulb: {hint_message(hint)}")
            if hint.fix and offer_fixes:
                st.button(
                    t("english_rules.apply", fix=escape_md(hint.fix)),
                    key=f"fix-{path}-{r.start}-{i}",
                    icon=":material/auto_fix_high:",
                    on_click=_apply_fix,
                    args=(path, r.start, r.end, hint),
                )
        if len(r.hints) > MAX_HINTS:
            st.caption(t("english_budget.more_hints", count=len(r.hints) - MAX_HINTS))


def fixes_make_english(r: SentenceResult) -> bool:
    """Whether one-click fixes are worth offering in this sentence: in an Italian sentence,
    only if its fixes, all applied, leave it English ("Romania, Marocco, Cina"), never to
    make a half-Italian one ("frequenta le primary school della città")."""
    if r.verdict != "not_english":
        return True
    fixed = r.sentence
    for hint in r.hints:
        fixed = apply_fix(fixed, 0, len(fixed), hint)
    return fixed != r.sentence and checker().check_sentence(fixed)[0] != "not_english"


def quote(sentence: str, language: str) -> None:
    """The user's sentence as a quotation, in its own language for a screen reader's voice."""
    st.markdown("> " + in_language(escape_md(sentence), language), unsafe_allow_html=True)


def hint_message(hint: Hint) -> str:
    """What is wrong and what to write, in the user's language (user text escaped)."""
    text, suggestion = escape_md(hint.text), escape_md(hint.suggestion)
    if hint.kind == "italian_word":
        return t("english_rules.hint_italian_word", text=text)
    if hint.kind == "spelling" and not suggestion:
        return t("english_rules.hint_spelling_unknown", text=text)
    message = t(f"english.hint_{hint.kind}", text=text, suggestion=suggestion)
    family = families().get(hint.family)
    if family is None:
        return message
    return f"{family.it if lang() == 'it' else family.en} {message}"


def _apply_fix(path: str, start: int, end: int, hint: Hint) -> None:
    """One click: the hint's words in that sentence of the field become its fix."""
    current = get_path(dossier(), path)
    fixed = apply_fix(current, start, end, hint)
    if fixed == current:  # the sentence was edited since the page was drawn
        return
    if not update(path, fixed, where=FIX_REFUSED):  # the fix would make the field too long
        st.session_state["flash"] = st.session_state[REFUSALS].pop(FIX_REFUSED)
        return
    st.session_state["flash_success"] = t("english_rules.applied", text=escape_md(hint.text), fix=escape_md(hint.fix))
