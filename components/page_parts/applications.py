"""ANCI's path (views/anci.py): the mailbox uploaded, one card per application, the
comparison, the evaluation and the files that leave. Everything per session, nothing on disk;
the domain is intake/."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dossier import isolation
from dossier.calls import Call
from dossier.documents import DOCX_MIME
from dossier.drafts import DraftError
from dossier.turns import Busy
from intake import evaluation as evals
from intake.cards import Card
from intake.inbox import import_isolated
from intake.minutes import minutes
from intake.replies import replies_zip
from intake.words import name, reasons, say, signed, when
from intake.workbook import workbook

from ..browser.a11y import hint
from ..session.i18n import lang, number, percent, t
from ..session.markdown import escape_md
from ..streamlit_patches.upload_guard import MAX_FILES, MAX_SESSION_BYTES, SERVER_MAX_MB

# Each file as the server takes it (server.maxUploadSize); all of them as a session may
# hold (components/streamlit_patches/upload_guard.py). A larger mailbox: `python -m intake inbox`.
MAX_FILE_MB = SERVER_MAX_MB
MAX_TOTAL_MB = MAX_SESSION_BYTES // 10**6
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CARDS, SKIPPED, SOURCE, EVAL, GEN = "anci_cards", "anci_skipped", "anci_source", "anci_eval", "anci_gen"


def _say(key: str, **params: object) -> str:
    """anci.<key>, or anci_review.<key> (intake.words reads both, as for the files that leave)."""
    return say(key, lang(), **params)


def _review(key: str, **params: object) -> str:
    return t(f"anci_review.{key}", **params)


def upload(c: Call) -> list[Card]:
    """The uploader; a new set of files is imported once (a few seconds for a call's mailbox)."""
    files = st.file_uploader(
        _say("upload"),
        type=["eml", "mbox", "zip", "msg"],
        accept_multiple_files=True,
        max_upload_size=MAX_FILE_MB,
        key="anci-upload",
    )
    hint(_say("upload_help", file_limit=MAX_FILE_MB, files=MAX_FILES, limit=MAX_TOTAL_MB))
    source = tuple((f.file_id, f.name, f.size) for f in files or [])
    waiting = st.empty()  # drawn on every run: a page whose elements shift resets its tabs
    if source != st.session_state.get(SOURCE):
        st.session_state[SOURCE] = source
        if not source:
            st.session_state[CARDS], st.session_state[SKIPPED] = [], []
        else:
            try:
                with st.spinner():
                    got, cards = import_isolated(
                        [(f.name, f.getvalue()) for f in files or []],
                        c,
                        on_place=lambda ahead: waiting.info(_say("queue_place", ahead=ahead)),
                    )
            except (isolation.TooComplex, Busy) as err:
                waiting.error(_say("busy" if isinstance(err, Busy) else "too_complex"), icon=":material/block:")
                st.session_state[SOURCE] = None  # the next run tries again
                return []
            waiting.empty()
            st.session_state[CARDS], st.session_state[SKIPPED] = cards, got.skipped
            # Scores already given stay (a file added to the mailbox must not lose them).
            kept = st.session_state.get(EVAL)
            fresh = evals.new_evaluation(cards, c, kept.evaluator if kept else "")
            fresh.scores.update(kept.scores if kept else {})
            st.session_state[EVAL] = fresh
            st.session_state[GEN] = st.session_state.get(GEN, 0) + 1
    cards: list[Card] = st.session_state.get(CARDS, [])
    skipped = st.session_state.get(SKIPPED, [])
    if source:
        (st.success if cards else st.warning)(
            _say("imported", n=len(cards)) if cards else _say("nothing"), icon=":material/inbox:"
        )
    if skipped:
        with st.expander(_say("skipped_title"), icon=":material/block:"):
            for src, reason in skipped:
                st.markdown("- " + escape_md(_say("skipped", source=src or "–", reason=_say(f"skip.{reason}"))))
    return evals.checked(cards, _evaluation(c))  # the officer's checks by hand count everywhere


def _letter_line(card: Card) -> str:
    v = card.verdict
    signer = escape_md(v.signer.name) if v and v.signer else ""
    named = card.answers.letter.signatory_name if card.answers else card.signatory
    if card.letter == "accepted":
        return _say("letter_accepted" if named else "letter_by_hand_form", signer=signer)
    if card.letter == "signer_mismatch":
        return _say("letter_signer_mismatch", signer=signer, signatory=escape_md(named))
    if card.letter == "by_hand":
        return _by_hand_line(card)
    if card.letter in ("refused", "unusable"):
        problems = [p for p in (v.problems if v else ()) if p != "older_answers"]
        why = ", ".join(_say(f"problem.{p}") if t(f"anci.problem.{p}") != f"anci.problem.{p}" else p for p in problems)
        return _say(f"letter_{card.letter}", why=why or _say("problem.other"))
    return _say(f"letter_{card.letter}")


def _by_hand_line(card: Card) -> str:
    """A letter signed on paper: what the officer looks at, and what was found of it."""
    if not card.identity:
        return _review("letter_no_identity")
    named = _review("signatory", name=escape_md(card.signatory)) if card.signatory else _review("signatory_unknown")
    check = {None: "to_check", True: "checked_ok", False: "checked_not_ok"}[card.hand_check]
    return " ".join((_review("letter_by_hand", identity=escape_md(card.identity)), named, _review(check)))


def card_lines(card: Card, c: Call) -> list[str]:
    """What the card says, in the user's language, every text from the email escaped."""
    deadline = when(c.deadline_local, c)
    lines = [
        _say("sender", sender=escape_md(f"{card.sender_name} <{card.sender}>" if card.sender_name else card.sender)),
        _say(
            "received",
            when=when(card.received_at, c),
            how=_say(f"how_{card.time_from}"),
            deadline=deadline,
        )
        + " "
        + _say({True: "on_time", False: "late", None: "no_time"}[card.on_time]),
        _say("made_wizard" if card.made_with == "wizard" else "made_hand"),
    ]
    lines += [_say(f"import_note.{note}") for note in card.notes]
    if card.answers_problem:
        lines.append(_say(f"answers_{card.answers_problem}"))
    for a in c.annexes:
        found = card.annexes.get(a.id, "")
        title = escape_md(a.title)
        lines.append(
            _say("annex_found", title=title, file=escape_md(found)) if found else _say("annex_missing", title=title)
        )
    if card.unrecognised:
        lines.append(_say("unrecognised", files=escape_md(", ".join(card.unrecognised))))
    lines.append(_letter_line(card))
    m = card.municipality
    if m is None:
        lines.append(_say("eligible_unknown"))
    elif card.eligible:
        lines.append(_say("eligible_yes", name=escape_md(m.label), region=escape_md(m.region)))
    elif card.eligibility_notes == ["outside_region"]:
        lines.append(_say("eligible_no", name=escape_md(m.label), region=escape_md(m.region)))
    else:
        lines.append(_say("eligible_findings", why=", ".join(_say(f"finding.{f}") for f in card.eligibility_notes)))
    if card.not_english:
        lines.append(_say("english_not", n=len(card.not_english), sentence=escape_md(card.not_english[0][1][:200])))
    elif card.english_checked:
        lines.append(_say("english_ok", n=card.english_checked))
    else:
        lines.append(_say("english_none"))
    if card.english_unchecked:
        lines.append(_say("english_unchecked"))
    if card.replaces:
        lines.append(_say("replaces"))
    if card.replaced_by:
        lines.append(_say("replaced"))
    if card.answers is not None:
        lines.append(
            _say(
                "facts",
                population=number(card.population) if card.population is not None else "–",
                share=percent(card.foreign_share) if card.foreign_share is not None else "–",
                size=_say(f"size.{card.size}") if card.size else "–",
                level=card.english_level or "–",
                community=escape_md(card.community) or "–",
            )
        )
    return lines


def draw_cards(cards: list[Card], c: Call) -> None:
    for i, card in enumerate(cards, start=1):
        ok = card.admissible
        icon = ":material/check_circle:" if ok else ":material/error:"
        with st.expander(f"{i}. {escape_md(name(card))}", icon=icon, expanded=False):
            if ok and card.to_check_by_hand:
                st.warning(_review("admissible_to_check"), icon=":material/draw:")
            elif ok:
                st.success(_say("admissible"), icon=":material/check:")
            else:
                st.error(
                    _say("excluded", reasons=escape_md("; ".join(reasons(card, c, lang())))), icon=":material/block:"
                )
            st.markdown("\n".join(f"- {line}" for line in card_lines(card, c)))


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _yes(value: bool | None) -> str:
    return "–" if value is None else _say("col.yes" if value else "col.no")


def table(cards: list[Card], c: Call) -> None:
    rows = [
        {
            _say("col.n"): i,
            _say("col.applicant"): name(card),
            _say("col.kind"): _say(f"kind.{card.kind}") if card.kind else "–",
            _say("col.population"): card.population,
            _say("col.foreign_share"): card.foreign_share,
            _say("col.size"): _say(f"size.{card.size}") if card.size else "–",
            _say("col.english_level"): card.english_level or "–",
            _say("col.community"): card.community or "–",
            _say("col.complete"): _yes(card.complete),
            _say("col.signed"): signed(card, lang()),
            _say("col.on_time"): _yes(card.on_time),
            _say("col.eligible"): _yes(card.eligible),
            _say("col.made_with"): _say("col.app" if card.made_with == "wizard" else "col.hand"),
            _say("col.admissible"): _yes(card.admissible),
        }
        for i, card in enumerate(cards, start=1)
    ]
    st.caption(_say("table_caption"))
    st.dataframe(rows, hide_index=True, width="stretch", key="anci-table")


def needs_side_by_side(cards: list[Card], c: Call) -> None:
    labels = {card.key: f"{i}. {name(card)}" for i, card in enumerate(cards, start=1)}
    default = [card.key for card in cards if card.admissible][:2]
    picked = st.multiselect(
        _say("needs_pick"),
        list(labels),
        default=default,
        format_func=labels.get,
        max_selections=3,
    )
    hint(_say("help_needs_pick"))
    by_key = {card.key: card for card in cards}
    questions = {q.id: q.heading for q in c.questions}
    for col, key in zip(st.columns(max(len(picked), 1)), picked, strict=False):
        card = by_key[key]
        col.markdown(f"**{escape_md(name(card))}**")
        for qid, text in card.texts.items():
            if qid in questions:
                col.markdown(f"*{escape_md(questions[qid])}*")
            col.markdown(escape_md(text) or "–")


def _evaluation(c: Call) -> evals.Evaluation:
    ev = st.session_state.get(EVAL)
    if ev is None:
        ev = st.session_state[EVAL] = evals.Evaluation(call_id=c.id)
    return ev


def _set_score(key: str, criterion: str, widget: str, field: str) -> None:
    ev: evals.Evaluation = st.session_state[EVAL]
    row = ev.scores.setdefault(key, {})
    old = row.get(criterion, evals.Score())
    row[criterion] = old.model_copy(update={field: st.session_state[widget]})


def _load(widget: str, c: Call, merge: bool) -> None:
    f = st.session_state.get(widget)
    if f is None:
        return
    try:
        loaded = evals.from_json(f.getvalue(), c)
    except DraftError:
        st.session_state["anci_flash"] = ("error", _say("not_evaluation"))
        return
    if merge:
        merged, diffs = evals.merge(st.session_state[EVAL], loaded, c)
        st.session_state[EVAL] = merged
        st.session_state["anci_diffs"] = diffs
        st.session_state["anci_flash"] = ("info", _say("merged", n=len(diffs)))
    else:
        st.session_state[EVAL] = loaded
        st.session_state["anci_diffs"] = []
        st.session_state["anci_flash"] = ("success", _say("loaded"))
    st.session_state[GEN] = st.session_state.get(GEN, 0) + 1  # the score widgets show the file's values


HAND_CHOICES = {"to_check": None, "ok": True, "not_ok": False}


def _set_hand_check(key: str, widget: str) -> None:
    ev: evals.Evaluation = st.session_state[EVAL]
    value = HAND_CHOICES[st.session_state[widget]]
    if value is None:
        ev.hand_checks.pop(key, None)
    else:
        ev.hand_checks[key] = value


def _hand_check(i: int, card: Card, ev: evals.Evaluation, gen: int) -> None:
    """The officer's check of a letter signed on paper: saved in the evaluation file with the scores."""
    now = ev.hand_checks.get(card.key)
    w = f"anci-hand-{gen}-{card.key}"
    st.radio(
        _review("hand_check", applicant=escape_md(name(card))),
        list(HAND_CHOICES),
        index=list(HAND_CHOICES.values()).index(now),
        format_func=lambda choice: _review(f"hand_choice.{choice}"),
        horizontal=True,
        key=w,
        on_change=_set_hand_check,
        args=(card.key, w),
    )
    hint(_review("help_hand_check", identity=escape_md(card.identity)))


def decide(cards: list[Card], c: Call) -> None:
    ev = _evaluation(c)
    gen = st.session_state.get(GEN, 0)
    st.info(_say("grid_default"), icon=":material/tune:")
    flash = st.session_state.pop("anci_flash", None)
    if flash:
        getattr(st, flash[0])(flash[1])
    left, right = st.columns(2)
    for column, widget, label, merge in (
        (left, "anci-load", "load", False),
        (right, "anci-merge", "load_second", True),
    ):
        with column:
            st.file_uploader(
                _say(label),
                type=["json"],
                key=widget,
                on_change=_load,
                args=(widget, c, merge),
                max_upload_size=SERVER_MAX_MB,  # over MAX_EVALUATION_BYTES: our message, in words
            )
            hint(_say("help_merge" if merge else "help_load"))
    by_key = {card.key: card for card in cards}
    for d in st.session_state.get("anci_diffs", []):
        crit = next((x.label.get(lang()) for x in c.criteria if x.id == d.criterion), d.criterion)
        if d.criterion == evals.HAND_CHECK:
            crit = _review("hand_check_short")
        who = name(by_key[d.key]) if d.key in by_key else d.key
        line = _say("difference", applicant=who, criterion=crit, first=_score(d.first), second=_score(d.second))
        st.markdown(f"- {escape_md(line)}")
    st.text_input(_say("evaluator"), value=ev.evaluator, key=f"anci-evaluator-{gen}", max_chars=200)
    hint(_say("help_evaluator"))
    ev.evaluator = st.session_state[f"anci-evaluator-{gen}"]
    for i, card in enumerate(cards, start=1):
        if card.letter == "by_hand" and card.identity:
            _hand_check(i, card, ev, gen)
        if not card.admissible:
            continue
        with st.expander(f"{i}. {escape_md(name(card))} – {evals.total(ev, card.key, c):g}"):
            for crit in c.criteria:
                label = crit.label.get(lang())
                w = f"anci-score-{gen}-{card.key}-{crit.id}"
                st.number_input(
                    _say("score", criterion=label, max=crit.max_score, weight=crit.weight),
                    min_value=0.0,
                    max_value=float(crit.max_score),
                    step=0.5,
                    value=ev.score(card.key, crit.id).score,
                    key=w,
                    on_change=_set_score,
                    args=(card.key, crit.id, w, "score"),
                )
                hint(_say("help_score", max=crit.max_score, weight=crit.weight))
                n = f"anci-note-{gen}-{card.key}-{crit.id}"
                st.text_input(
                    _say("note", criterion=label),
                    value=ev.score(card.key, crit.id).note,
                    key=n,
                    max_chars=5000,
                    on_change=_set_score,
                    args=(card.key, crit.id, n, "note"),
                )
                hint(_say("help_note"))
    st.subheader(_say("ranking_title"))
    ranked = evals.ranking(cards, ev, c)
    if not ranked:
        st.info(_say("ranking_empty"))
    else:
        st.dataframe(
            [
                {
                    _say("col.rank"): f"{r.rank}" + (f" ({_say('tie')})" if r.tied else ""),
                    _say("col.applicant"): name(r.card),
                    _say("col.total"): r.total,
                }
                for r in ranked
            ],
            hide_index=True,
            width="stretch",
            key="anci-ranking",
        )
        inside, tied = evals.chosen(ranked, c.places)
        st.success(_say("chosen", places=c.places, names=escape_md(", ".join(name(r.card) for r in inside)) or "–"))
        if tied:
            st.warning(_say("tied_at_cut", names=escape_md(", ".join(name(r.card) for r in tied))))
    st.download_button(
        _say("save"),
        evals.to_json(ev),
        file_name=f"{c.short_name}_evaluation.json",
        mime="application/json",
        icon=":material/save:",
        on_click="ignore",
        key="anci-save",
    )


def files(cards: list[Card], c: Call) -> None:
    ev = _evaluation(c)
    st.caption(_say("files_note"))
    # Made when clicked (a callable): a rerun does not build three files nobody asked for.
    outputs = (
        ("workbook", lambda: workbook(cards, ev, c), "applications.xlsx", XLSX_MIME, "table"),
        ("minutes", lambda: minutes(cards, ev, c, date.today()), "verbale_valutazione.docx", DOCX_MIME, "description"),
        ("replies", lambda: replies_zip(cards, ev, c), "risposte.zip", "application/zip", "mail"),
    )
    for label, make, suffix, mime, icon in outputs:
        st.download_button(
            _say(label),
            make,
            file_name=f"{c.short_name}_{suffix}",
            mime=mime,
            icon=f":material/{icon}:",
            on_click="ignore",
            key=f"anci-{label}",
        )
