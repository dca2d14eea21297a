"""Steps 2-4 of the Documents page: sign the letter, upload the signed file, see the check.

The uploaded files live in this session only (the upload widgets' state); the verdict is
kept next to them, computed once per file and per version of the answers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import streamlit as st

from dossier.models import Dossier
from dossier.pdf import PDF_MIME
from dossier.signing import (
    MAX_ID_BYTES,
    MAX_LETTER_BYTES,
    Verdict,
    check_identity,
    check_letter,
    message_params,
)

from .annex_pdfs import PDF_PREVIEW_HEIGHT
from .i18n import t
from .markdown import escape_md

ROUTES = ("digital", "scan")


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
    upload = st.file_uploader(
        t("signing.upload_scan" if scan else "signing.upload_letter", **limits),
        key=f"signed-letter-{route}",
        help=t("signing.upload_help"),
        max_upload_size=MAX_LETTER_BYTES // 1_000_000,
    )
    identity = None
    if scan:
        identity = st.file_uploader(
            t("signing.upload_id", **limits),
            key="signed-id",
            help=t("signing.upload_help"),
            max_upload_size=MAX_ID_BYTES // 1_000_000,
        )

    st.subheader(t("signing.check_title"))
    if upload is None:
        st.info(t("signing.check_waiting"), icon=":material/upload_file:")
        return None
    data = upload.getvalue()
    verdict = _verdict(data, files["fingerprint"], d, scan)
    params = _params(verdict, d)
    if not verdict.accepted:
        st.error(
            t(f"signing.{verdict.outcome}")
            + "\n\n"
            + "\n".join(f"- {t(f'signing.{p}', **params)}" for p in verdict.problems),
            icon=":material/block:",
        )
        return None
    if verdict.warnings:  # not "fine" yet: the points below are the user's to confirm
        st.warning(t("signing.accepted_check"), icon=":material/rule:")
    else:
        st.success(t("signing.accepted"), icon=":material/verified:")
    st.markdown("\n".join(f"- {fact}" for fact in _facts(verdict, files["fingerprint"], tz)))
    if verdict.signer:
        st.info(t("signing.not_checked"), icon=":material/travel_explore:")
    with st.expander(t("signing.preview"), icon=":material/visibility:"):
        st.pdf(verdict.letter_pdf, height=PDF_PREVIEW_HEIGHT, key="signed-view")  # for a .p7m, the PDF inside
    id_data, id_ext = b"", ""
    if scan:
        id_data = identity.getvalue() if identity is not None else b""
        problem, id_ext = check_identity(id_data)
        if problem:
            st.error(t(f"signing.{problem}", **params), icon=":material/badge:")
            return None
        st.markdown(f"- {t('signing.id_ok', name=escape_md(identity.name))}")
    if verdict.warnings:
        for w in verdict.warnings:
            st.warning(t(f"signing.{w}", **params), icon=":material/warning:")
        # a new file needs a new confirmation
        if not st.checkbox(t("signing.ack"), key=f"sign-ack-{hashlib.sha256(data).hexdigest()[:16]}"):
            return None
    return SignedLetter(verdict, data, id_data, id_ext)


def _facts(verdict: Verdict, fingerprint: str, tz: ZoneInfo) -> list[str]:
    out = [t(f"signing.kind_{verdict.kind}")]
    s = verdict.signer
    if s is None:
        return out
    out.append(t("signing.intact"))
    if verdict.fingerprint == "match":
        out.append(t("signing.letter_matches", fingerprint=fingerprint[:12]))
    who = t("signing.signer", name=escape_md(s.name))
    if s.fiscal_code:
        who += ", " + t("signing.fiscal_code", code=escape_md(s.fiscal_code))
    out.append(who)
    dates = {"issuer": escape_md(s.issuer), "start": f"{s.valid_from:%d/%m/%Y}", "end": f"{s.valid_to:%d/%m/%Y}"}
    out.append(
        t("signing.certificate", when=f"{verdict.signed_at.astimezone(tz):%d/%m/%Y %H:%M}", **dates)
        if verdict.signed_at
        else t("signing.certificate_no_time", **dates)
    )
    out.append(t("signing.qualified_yes" if s.qualified else "signing.qualified_no"))
    return out
