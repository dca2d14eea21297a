"""Steps 2-4 of the Documents page: sign the letter, upload the signed file, see the check.

The uploaded files live in this session only. Streamlit drops an upload widget's file when
the user leaves the page, so each upload is also kept in the session state (`KEPT`) until
the user removes it from the widget or uploads another: the letter is still there after a
visit to Review. The verdict is kept next to it, computed once per file and per version of
what the letter says; the answers the letter prints, as they were when it was accepted, name
the one that changed if the letter becomes one of older answers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from dossier.documents import LETTER_PATHS
from dossier.models import Dossier
from dossier.paths import get_path
from dossier.pdf import PDF_MIME
from dossier.signing import (
    MAX_ID_BYTES,
    MAX_LETTER_BYTES,
    Signature,
    Timestamp,
    Verdict,
    check_identity,
    check_letter,
    message_params,
)

from ..session.i18n import t
from ..session.letter_ready import LETTER_LOST
from ..session.markdown import escape_md
from ..streamlit_patches.upload_guard import SERVER_MAX_MB
from .annex_pdfs import PDF_PREVIEW_HEIGHT

ROUTES = ("digital", "scan")
KEPT = "signed-uploads"  # widget key -> (file name, bytes): the uploads, kept across pages
HELD = "signed-uploads-held"  # the widget keys that hold their file on this visit of the page
ACCEPTED_ANSWERS = "signed-letter-answers"  # the letter's answers when its letter was accepted


@dataclass(frozen=True)
class SignedLetter:
    """An accepted letter, its warnings acknowledged: what the email may carry."""

    verdict: Verdict
    data: bytes  # as uploaded, byte for byte
    identity: bytes = b""
    identity_ext: str = ""


def sign_step(files: dict, d: Dossier, letter_id: str) -> None:
    st.subheader(t("signing.sign_title"))
    doc = next(doc for doc in files["docs"] if doc.annex_id == letter_id)
    st.markdown(t("signing.sign_intro", annex=doc.title, signatory=escape_md(d.letter.signatory_name)))
    st.markdown(f"- {t('signing.sign_digital')}\n- {t('signing.sign_scan')}")
    if "pdfs" in files:
        st.download_button(
            t("signing.sign_download"),
            files["pdfs"][letter_id],
            file_name=doc.pdf_file_name,
            mime=PDF_MIME,
            icon=":material/draw:",
            on_click="ignore",
            key="sign-download",
            type="primary",
            width="stretch",
        )
    else:
        st.info(t("signing.sign_needs_pdf"), icon=":material/info:")


def _params(verdict: Verdict, d: Dossier) -> dict[str, str]:
    return {k: escape_md(v) for k, v in message_params(verdict, d.letter.signatory_name).items()}


def _upload(label: str, key: str) -> tuple[str, bytes] | None:
    """The file of an upload widget, or the one kept for it when Streamlit dropped the widget
    (the user left the page: it comes back empty). Emptying the widget after it held a file,
    or the button under a kept file, forgets it. The widget takes what the server takes: a
    file over our own limit gets the check's message in the user's language."""
    kept = st.session_state.setdefault(KEPT, {})
    held = st.session_state.setdefault(HELD, set())
    if key not in st.session_state:  # the widget is new on this visit of the page
        held.discard(key)
    upload = st.file_uploader(label, key=key, help=t("signing.upload_help"), max_upload_size=SERVER_MAX_MB)
    if upload is not None:
        kept[key] = (upload.name, upload.getvalue())
        held.add(key)
    elif key in held:  # the user took the file out of the widget
        kept.pop(key, None)
        held.discard(key)
    elif key in kept:
        st.info(t("signing.kept", name=escape_md(kept[key][0])), icon=":material/attach_file:")
        st.button(t("signing.kept_remove"), key=f"{key}-remove", on_click=kept.pop, args=(key, None))
    return kept.get(key)


def _letter_answers(d: Dossier) -> dict[str, str]:
    return {path: repr(get_path(d, path)) for path in LETTER_PATHS}


def _verdict(data: bytes, fingerprint: str, d: Dossier, scan: bool) -> Verdict:
    """Checked once per (file, answers, signatory, route) in this session; while other
    users' checks are ahead of it, the page says how many. "Busy" is not kept: the next
    run tries again."""
    key = (hashlib.sha256(data).hexdigest(), fingerprint, d.letter.signatory_name, scan)
    cached = st.session_state.get("signed-check")
    if cached and cached[0] == key:
        return cached[1]
    waiting = st.empty()
    verdict = check_letter(
        data,
        fingerprint=fingerprint,
        signatory=d.letter.signatory_name,
        scan=scan,
        on_place=lambda ahead: waiting.info(t("signing.queue_place", ahead=ahead), icon=":material/hourglass_top:"),
    )
    waiting.empty()
    if verdict.problems != ("busy",):
        st.session_state["signed-check"] = (key, verdict)
    return verdict


def upload_and_check(files: dict, d: Dossier, tz: ZoneInfo) -> SignedLetter | None:
    """Steps 3 and 4; the letter that may be sent, or None (and the page says why)."""
    limits = {"limit": str(MAX_LETTER_BYTES // 1_000_000), "id_limit": str(MAX_ID_BYTES // 1_000_000)}
    st.subheader(t("signing.upload_title"))
    route = st.radio(
        t("signing.route"),
        ROUTES,
        format_func=lambda r: t(f"signing.route_{r}"),
        key="sign-route",
        help=t("signing.route_help"),
    )
    scan = route == "scan"
    # No `type` filter: a Word file or a .p7m.p7m gets our message, not the widget's.
    upload = _upload(
        t("signing.upload_scan" if scan else "signing.upload_letter", **limits),
        f"signed-letter-{route}",
    )
    identity = _upload(t("signing.upload_id", **limits), "signed-id") if scan else None
    st.caption(t("signing.upload_too_large", **limits))

    st.subheader(t("signing.check_title"))
    if upload is None:
        if st.session_state.get(LETTER_LOST) == files["letter_fingerprint"]:
            st.warning(t("signing.upload_gone"), icon=":material/restart_alt:")
        else:
            st.info(t("signing.check_waiting"), icon=":material/upload_file:")
        return None
    data = upload[1]
    verdict = _verdict(data, files["letter_fingerprint"], d, scan)
    params = _params(verdict, d)
    if verdict.accepted:
        st.session_state[ACCEPTED_ANSWERS] = (files["letter_fingerprint"], _letter_answers(d))
    if not verdict.accepted:
        st.error(
            t(f"signing.{verdict.outcome}")
            + "\n\n"
            + "\n".join(f"- {t(f'signing.{p}', **params)}" for p in verdict.problems),
            icon=":material/block:",
        )
        if verdict.fingerprint == "older" and (changed := _changed_in_letter(d)):
            st.warning(t("signing.letter_changed", fields=", ".join(changed)), icon=":material/edit_note:")
        return None
    if verdict.warnings:  # not "fine" yet: the points below are the user's to confirm
        st.warning(t("signing.accepted_check"), icon=":material/rule:")
    else:
        st.success(t("signing.accepted"), icon=":material/verified:")
    st.markdown("\n".join(f"- {fact}" for fact in _facts(verdict, files["letter_fingerprint"], tz)))
    if verdict.answers_fingerprint and verdict.answers_fingerprint != files["fingerprint"]:
        st.info(t("signing.answers_changed_elsewhere"), icon=":material/info:")
    if verdict.signer:
        stamped = verdict.timestamps or any(sig.timestamp for sig in verdict.signatures)
        unchecked = t("signing.not_checked") + ("\n\n" + t("signing.not_checked_timestamps") if stamped else "")
        st.info(unchecked, icon=":material/travel_explore:")
    with st.expander(t("signing.preview"), icon=":material/visibility:"):
        st.pdf(verdict.letter_pdf, height=PDF_PREVIEW_HEIGHT, key="signed-view")  # for a .p7m, the PDF inside
    id_data, id_ext = b"", ""
    if scan:
        id_data = identity[1] if identity is not None else b""
        problem, id_ext = check_identity(id_data)
        if problem or identity is None:
            st.error(t(f"signing.{problem}", **params), icon=":material/badge:")
            return None
        st.markdown(f"- {t('signing.id_ok', name=escape_md(identity[0]))}")
    if verdict.warnings:
        for w in verdict.warnings:
            st.warning(t(f"signing.{w}", **params), icon=":material/warning:")
        # a new file needs a new confirmation
        if not st.checkbox(t("signing.ack"), key=f"sign-ack-{hashlib.sha256(data).hexdigest()[:16]}"):
            return None
    return SignedLetter(verdict, data, id_data, id_ext)


def _changed_in_letter(d: Dossier) -> list[str]:
    """The answers printed in the letter that changed since its signed letter was accepted."""
    accepted = st.session_state.get(ACCEPTED_ANSWERS)
    if accepted is None:
        return []
    now = _letter_answers(d)
    return [t(path) for path, was in accepted[1].items() if now[path] != was]


def _when(at: datetime | None, tz: ZoneInfo) -> str:
    return f"{at.astimezone(tz):%d/%m/%Y %H:%M}" if at else "?"


def _facts(verdict: Verdict, fingerprint: str, tz: ZoneInfo) -> list[str]:
    out = [t(f"signing.kind_{verdict.kind}")]
    s = verdict.signer
    if s is None:
        return out
    # after a signature, only later signatures, validation data and timestamps were added
    out.append(t("signing.intact_added" if len(verdict.signatures) > 1 or verdict.timestamps else "signing.intact"))
    if verdict.fingerprint == "match":
        out.append(t("signing.letter_matches", fingerprint=fingerprint[:12]))
    if len(verdict.signatures) > 1:
        signers = "".join(f"\n  - {_signature_line(sig, tz)}" for sig in verdict.signatures)  # a list in the item
        out.append(t("signing.signatures_title", count=len(verdict.signatures)) + signers)
    who = t("signing.signer", name=escape_md(s.name))
    if s.fiscal_code:
        who += ", " + t("signing.fiscal_code", code=escape_md(s.fiscal_code))
    out.append(who)
    dates = {"issuer": escape_md(s.issuer), "start": f"{s.valid_from:%d/%m/%Y}", "end": f"{s.valid_to:%d/%m/%Y}"}
    mine = verdict.signature
    when = mine.when if mine else verdict.signed_at
    out.append(
        t("signing.certificate", when=_when(when, tz), **dates) if when else t("signing.certificate_no_time", **dates)
    )
    if mine and mine.timestamp:
        said = _timestamp(mine.timestamp, tz)
        out.append(said[:1].upper() + said[1:] + ".")
    out.append(t("signing.qualified_yes" if s.qualified else "signing.qualified_no"))
    out += [t("signing.doc_timestamp", when=_when(ts.at, tz), by=escape_md(ts.by)) for ts in verdict.timestamps]
    return out


def _timestamp(ts: Timestamp, tz: ZoneInfo) -> str:
    return t("signing.timestamped", when=_when(ts.at, tz), by=escape_md(ts.by))


def _signature_line(sig: Signature, tz: ZoneInfo) -> str:
    parts = [
        f"**{escape_md(sig.signer.name)}**",
        t("signing.signature_ok" if sig.intact else "signing.signature_broken"),
    ]
    if sig.timestamp:
        parts.append(_timestamp(sig.timestamp, tz))
    if sig.weak:
        parts.append(t("signing.signature_weak", weak=", ".join(sig.weak)))
    return ", ".join(parts)
