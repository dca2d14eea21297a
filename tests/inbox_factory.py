"""A synthetic mailbox of the call CONNECTION, made on the spot: what ANCI's officer finds.

The wizard's own applications (the email `dossier.submission` writes, the answers attached
as JSON, the letter signed with the test PKI: PAdES or `.p7m`), hand-made ones in Word, PEC
envelopes, and the troubles a real mailbox holds: one late, one twice, one without Annex 3,
a tampered letter, one signed by someone else, one from another region, a needs analysis in
Italian, an answers file that does not match its letter, letters signed on paper (scanned,
with the identity document or without), letters naming their signatory in the ways Italian
officers write it. `Expected` says what each card must say. The letters are small PDFs with
the answers' fingerprint in their Keywords, as LibreOffice writes it for the app (no
LibreOffice needed here).
"""

from __future__ import annotations

import email
import email.utils
import re
import struct
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from functools import cache
from io import BytesIO

import pki
from docx import Document
from extract_msg.ole_writer import OleWriter
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

from dossier import sample
from dossier.calls import load_call
from dossier.documents import build_documents, letter_fingerprint_of
from dossier.fingerprint import answers_fingerprint, keyword
from dossier.models import Dossier, Municipality
from dossier.signing import ACCEPTED, Verdict
from dossier.submission import attachments, build_eml

CALL = load_call("connection-2020")
ROME = timezone(timedelta(hours=1))
ON_TIME = datetime(2020, 2, 20, 10, 0, tzinfo=ROME)
LATE = datetime(2020, 2, 27, 9, 30, tzinfo=ROME)
ITALIAN = (
    "Il nostro Comune ha una popolazione straniera in crescita, soprattutto famiglie giovani. "
    "I bisogni principali riguardano la lingua italiana, il lavoro e la casa. "
    "Il personale comunale chiede formazione sulla mediazione culturale."
)


def letter_pdf(d: Dossier | None = None, title: str = "Letter of Commitment") -> bytes:
    """A one-page PDF with the fingerprints of `d` (its answers', its letter's) in its Info
    Keywords, as the app's letter has them."""
    info = {"/Title": title}
    if d is not None:
        info["/Keywords"] = keyword(answers_fingerprint(d), letter_fingerprint_of(d, CALL))
    return pki.foreign_pdf(info)


def applicant(name: str, province: str, population: int, foreign: int, **changes) -> Dossier:
    d = sample.single()
    d.eligibility.municipality = Municipality(name=name, province=province)
    d.applicant.official_name = f"Municipality of {name}"
    d.applicant.population = population
    d.applicant.foreign_residents = foreign
    d.applicant.email = f"protocollo@{name.lower().replace(' ', '').replace('ì', 'i')}.example.it"
    d.letter.place = name
    for path, value in changes.items():
        target = d
        *parents, last = path.split("__")
        for p in parents:
            target = getattr(target, p)
        setattr(target, last, value)
    return d


def wizard_email(
    d: Dossier,
    when: datetime,
    *,
    kind: str = "pades",
    signer: str = "mayor",
    letter_from: Dossier | None = None,
    drop: str = "",
    tamper: bool = False,
    arrived: datetime | None = None,
) -> bytes:
    """The email the wizard makes for `d`, dated `when`: the letter of `letter_from` (default
    `d`) signed by `signer`; `drop`: an annex id left out; `tamper`: a byte changed after signing;
    `arrived`: when the mailbox's server took it (its Received header)."""
    pdf = letter_pdf(letter_from or d)
    if kind == "scan":  # printed, signed on paper and scanned: an image, no fingerprint left
        signed = letter_pdf(title="Scan")
    else:
        signed = pki.pades(pdf, signer) if kind == "pades" else pki.cades(pdf, signer)
    if tamper:
        at = signed.index(b"Letter of Commitment")  # the same length: only the signature can tell
        signed = signed[:at] + b"Letter of Compromise" + signed[at + len(b"Letter of Compromise") :]
    docs = build_documents(d, CALL)
    pdfs = {doc.annex_id: b"%PDF-1.7 " + doc.annex_id.encode() for doc in docs}
    identity = (JPEG, "jpg") if kind == "scan" else (b"", "")
    files = attachments(d, CALL, docs, pdfs, signed, Verdict(ACCEPTED, kind), *identity)
    files = [f for f in files if not f.file_name.startswith(f"CONNECTION_Annex{_number(drop)}_")]
    msg = email.message_from_bytes(build_eml(d, CALL, files), policy=policy.default)
    del msg["X-Unsent"]
    msg["Date"] = email.utils.format_datetime(when)
    if arrived is not None:
        msg["Received"] = f"from mail.example.it by mx.anci.example.it; {email.utils.format_datetime(arrived)}"
    return msg.as_bytes()


def _number(annex_id: str) -> str:
    a = CALL.annex(annex_id)
    return str(a.number) if a else "X"


def docx(*paragraphs: str) -> bytes:
    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def text_pdf(*lines: str) -> bytes:
    """A one-page PDF whose lines are text (Helvetica, as a word processor saves one)."""
    shown = b" ".join(b"(" + re.sub(rb"([()\\])", rb"\\\1", line.encode("latin-1")) + b") '" for line in lines)
    w = PdfFileWriter()
    font = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Font"),
            generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
            generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
        }
    )
    page = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 595, 842)]),
            generic.NameObject("/Resources"): generic.DictionaryObject(
                {generic.NameObject("/Font"): generic.DictionaryObject({generic.NameObject("/F1"): font})}
            ),
            generic.NameObject("/Contents"): w.add_object(
                generic.StreamObject(stream_data=b"BT /F1 11 Tf 14 TL 72 780 Td " + shown + b" ET")
            ),
        }
    )
    w.insert_page(page)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)  # an identity document's photo, as far as names go


def hand_email(
    town: str,
    when: datetime,
    *,
    names: tuple[str, str, str] = ("", "", ""),
    signed: bool = True,
    needs: str = "",
    letter: bytes = b"",
    pdf: bool = False,
    letter_text: tuple[str, ...] = (),
    identity: str = "",
) -> bytes:
    """An application written in Word and sent by hand: the letter as a PDF (signed digitally,
    or on paper and scanned), the needs analysis and the CV as .docx (as PDFs saved from Word
    when `pdf`), named as the clerk pleased. `letter_text`: the letter's lines, as its text
    (a scanner's OCR, or Word's PDF); `identity`: the name of the identity document attached."""
    msg = EmailMessage()
    msg["From"] = f"Comune di {town} <segreteria@comune.{town.lower().replace(' ', '')}.example.it>"
    msg["To"] = CALL.submission_email
    msg["Subject"] = f"Candidatura progetto CONNECTION - Comune di {town}"
    msg["Date"] = email.utils.format_datetime(when)
    msg.set_content(f"Si trasmette la candidatura del Comune di {town}.\n\nCordiali saluti")
    title = ("Lettera di impegno", f"Comune di {town}")
    unsigned = text_pdf(*title, *letter_text) if pdf or letter_text else letter_pdf(title=" ".join(title))
    letter = letter or (pki.pades(unsigned, "mayor") if signed else unsigned)
    needs_text = needs or (
        "Relevance to the call and initial needs analysis. Our municipality hosts a growing number of "
        "foreign residents, mostly young families. The main needs are language courses, jobs and housing. "
        "The municipal staff needs training in intercultural mediation."
    )
    word = text_pdf if pdf else docx
    files = [
        (names[0] or f"Lettera_impegno_{town}.pdf", "application", "pdf", letter),
        (names[1] or f"Allegato2_analisi_dei_bisogni_{town}.docx", "application", "octet-stream", word(needs_text)),
        (names[2] or f"CV_funzionario_{town}.docx", "application", "octet-stream", word("Curriculum vitae", "Anna")),
    ]
    if identity:
        files.append((identity, "image", "jpeg", JPEG))
    for name, main, sub, data in files:
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg.as_bytes()


def pec(original: bytes, delivered: datetime) -> bytes:
    """The original message in a PEC envelope: postacert.eml, daticert.xml, the provider's text."""
    env = EmailMessage()
    env["From"] = "posta-certificata@pec.example.it"
    env["To"] = CALL.submission_email
    env["Subject"] = "POSTA CERTIFICATA: " + str(email.message_from_bytes(original, policy=policy.default)["Subject"])
    env["Date"] = email.utils.format_datetime(delivered)
    env.set_content("Messaggio di posta certificata")
    zone = delivered.strftime("%z")
    daticert = (
        '<?xml version="1.0" encoding="UTF-8"?><postacert tipo="posta-certificata" errore="nessuno">'
        "<intestazione><mittente>protocollo@pec.example.it</mittente></intestazione>"
        f'<dati><gestore-emittente>PEC TEST</gestore-emittente><data zona="{zone}">'
        f"<giorno>{delivered:%d/%m/%Y}</giorno><ora>{delivered:%H:%M:%S}</ora></data>"
        "<identificativo>opec.test@pec.example.it</identificativo></dati></postacert>"
    )
    env.add_attachment(daticert.encode(), maintype="application", subtype="xml", filename="daticert.xml")
    env.add_attachment(
        email.message_from_bytes(original, policy=policy.default), filename="postacert.eml", disposition="attachment"
    )
    return env.as_bytes()


@dataclass(frozen=True)
class Expected:
    applicant: str
    reasons: tuple[str, ...] = ()
    letter: str = "accepted"
    made_with: str = "wizard"
    pec: bool = False
    missing: tuple[str, ...] = ()
    answers_problem: str = ""
    replaces: bool = False
    replaced: bool = False
    not_english: bool = False
    signatory: str = ""  # read in the letter's text
    identity: str = ""  # the file taken for the identity document
    to_check: bool = False  # signed on paper: kept, flagged "to check by hand"


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2020, 2, day, hour, 0, tzinfo=ROME)


@cache
def mailbox() -> tuple[tuple[str, bytes, Expected], ...]:
    """(file name, bytes, what its card must say) for each application email."""
    bra = applicant("Bra", "CN", 29_900, 2_900)
    items = [
        ("01_aglie.eml", wizard_email(sample.single(), at(20)), Expected("Comune di Agliè")),
        ("02_bra.eml", wizard_email(bra, at(21)), Expected("Comune di Bra")),
        (
            "03_alba.eml",
            wizard_email(applicant("Alba", "CN", 31_500, 3_300), at(21), kind="cades"),
            Expected("Comune di Alba"),
        ),
        (
            "04_avigliana.eml",
            wizard_email(applicant("Avigliana", "TO", 12_400, 800), at(22), kind="cades"),
            Expected("Comune di Avigliana"),
        ),
        ("05_chieri.eml", wizard_email(applicant("Chieri", "TO", 36_500, 2_600), at(22)), Expected("Comune di Chieri")),
        ("06_ivrea.eml", wizard_email(applicant("Ivrea", "TO", 23_300, 1_900), at(23)), Expected("Comune di Ivrea")),
        (
            "07_novara.eml",
            wizard_email(applicant("Novara", "NO", 104_000, 15_000), at(23)),
            Expected("Comune di Novara"),
        ),
        (
            "08_biella.eml",
            wizard_email(applicant("Biella", "BI", 44_000, 3_000), at(24), kind="cades"),
            Expected("Comune di Biella"),
        ),
        (
            "09_pinerolo_pec.eml",
            pec(wizard_email(applicant("Pinerolo", "TO", 35_000, 2_800), at(24)), at(24, 11)),
            Expected("Comune di Pinerolo", pec=True),
        ),
        (
            "10_saluzzo_pec.eml",
            pec(wizard_email(applicant("Saluzzo", "CN", 17_000, 1_900), at(25), kind="cades"), at(25, 12)),
            Expected("Comune di Saluzzo", pec=True),
        ),
        (
            "11_acqui_pec.eml",
            # Sent on time, delivered by PEC after the deadline: the delivery is the legal time.
            pec(wizard_email(applicant("Acqui Terme", "AL", 19_800, 1_700), at(26, 23)), LATE),
            Expected("Comune di Acqui Terme", reasons=("late",), pec=True),
        ),
        (
            "12_casale_late.eml",
            # Dated the evening before the deadline; the server took it the next morning.
            wizard_email(applicant("Casale Monferrato", "AL", 33_000, 3_500), at(26, 22), arrived=LATE),
            Expected("Comune di Casale Monferrato", reasons=("late",)),
        ),
        (
            "13_cuneo_first.eml",
            wizard_email(applicant("Cuneo", "CN", 56_000, 5_600), at(18)),
            Expected("Comune di Cuneo", reasons=("replaced",), replaced=True),
        ),
        (
            "14_cuneo_again.eml",
            wizard_email(applicant("Cuneo", "CN", 56_100, 5_700), at(25)),
            Expected("Comune di Cuneo", replaces=True),
        ),
        (
            "15_fossano_no_cv.eml",
            wizard_email(applicant("Fossano", "CN", 24_500, 2_100), at(24), drop="cv"),
            Expected("Comune di Fossano", reasons=("missing_annex",), missing=("cv",)),
        ),
        (
            "16_mondovi_tampered.eml",
            wizard_email(applicant("Mondovì", "CN", 22_000, 1_800), at(24), tamper=True),
            Expected("Comune di Mondovì", reasons=("letter_refused",), letter="refused"),
        ),
        (
            "17_savigliano_other_signer.eml",
            wizard_email(applicant("Savigliano", "CN", 21_000, 1_500), at(24), signer="other"),
            Expected("Comune di Savigliano", letter="signer_mismatch"),
        ),
        (
            "18_bergamo_other_region.eml",
            wizard_email(applicant("Bergamo", "BG", 120_000, 18_000), at(24)),
            Expected("Comune di Bergamo", reasons=("ineligible",)),
        ),
        (
            "19_verbania_italian.eml",
            wizard_email(
                applicant(
                    "Verbania",
                    "VB",
                    30_000,
                    2_400,
                    needs__answers={**sample.single().needs.answers, "context": ITALIAN},
                ),
                at(24),
            ),
            Expected("Comune di Verbania", not_english=True),
        ),
        (
            "20_vercelli_mismatch.eml",
            wizard_email(
                applicant("Vercelli", "VC", 46_000, 4_000),
                at(24),
                letter_from=applicant("Vercelli", "VC", 45_000, 4_000),
            ),
            Expected("Comune di Vercelli", answers_problem="mismatch"),
        ),
        ("21_asti_hand.eml", hand_email("Asti", at(21)), Expected("Comune di Asti", made_with="hand")),
        (
            "22_moncalieri_scan_no_id.eml",
            # Signed on paper, scanned, and no identity document: incomplete, the reply asks for it.
            hand_email("Moncalieri", at(22), signed=False),
            Expected("Comune di Moncalieri", reasons=("id_missing",), letter="by_hand", made_with="hand"),
        ),
        (
            "23_carmagnola_pec.eml",
            pec(hand_email("Carmagnola", at(23)), at(23, 11)),
            Expected("Comune di Carmagnola", made_with="hand", pec=True),
        ),
        (
            "24_rivoli_generic_names.eml",
            hand_email(
                "Rivoli",
                at(23),
                names=("documento1.pdf", "documento2.docx", "documento3.docx"),
                needs="Annex 2 - Needs analysis. " + "Rivoli hosts many foreign residents from Romania and Morocco.",
            ),
            # The letter, a PDF called "documento1" with no text (a scan), is found neither by its
            # name nor by its words.
            Expected(
                "Comune di Rivoli",
                reasons=("missing_annex", "no_letter"),
                letter="none",
                made_with="hand",
                missing=("letter",),
            ),
        ),
        ("25_orbassano_hand.eml", hand_email("Orbassano", at(25)), Expected("Comune di Orbassano", made_with="hand")),
        (
            "26_settimo_hand.eml",
            hand_email("Settimo Torinese", at(19)),
            Expected("Comune di Settimo Torinese", made_with="hand"),
        ),
    ]
    items.append(
        (
            "27_candelo_p7m_word.eml",
            # The Mayor signed the Word file (CAdES): a valid signature this app does not check.
            hand_email(
                "Candelo",
                at(22),
                names=("Lettera_impegno_Candelo.docx.p7m", "", ""),
                letter=pki.cades(docx("Lettera di impegno", "Comune di Candelo")),
            ),
            Expected("Comune di Candelo", letter="not_checked", made_with="hand"),
        )
    )
    union = sample.union()
    union.applicant.email = "unione@altocanavese.example.it"
    items.append(
        (
            "28_union_alto_canavese.eml",
            wizard_email(union, at(21)),
            Expected("Union of Municipalities of Alto Canavese"),
        )
    )
    items.append(
        (
            "29_giaveno_pdf_generic_names.eml",
            # Every annex a PDF saved from Word, named "scan": each found by the words on its first
            # page; the needs analysis, in Italian, is read by the English check.
            hand_email(
                "Giaveno",
                at(21),
                names=("scan001.pdf", "scan002.pdf", "scan003.pdf"),
                needs="Allegato 2 - Analisi dei bisogni. " + ITALIAN,
                pdf=True,
            ),
            Expected("Comune di Giaveno", made_with="hand", not_english=True),
        )
    )
    items += [
        (
            "30_chivasso_scan_with_id.eml",
            # Signed on paper and scanned (the scanner read its text), the Mayor's identity card with it.
            hand_email(
                "Chivasso",
                at(22),
                signed=False,
                letter_text=("I, the undersigned Dott. Claudio Castello, Mayor of the Municipality of Chivasso,",),
                identity="Carta d'identità Castello.jpg",
            ),
            Expected(
                "Comune di Chivasso",
                letter="by_hand",
                made_with="hand",
                signatory="Claudio Castello",
                identity="Carta d'identità Castello.jpg",
                to_check=True,
            ),
        ),
        (
            "31_collegno_wizard_scan.eml",
            # The wizard's scan route: the letter signed by hand and the identity document it asked for.
            wizard_email(applicant("Collegno", "TO", 49_000, 4_100), at(23), kind="scan"),
            Expected(
                "Comune di Collegno", letter="by_hand", identity="Identity_document_Marco_Bertolino.jpg", to_check=True
            ),
        ),
        (
            "32_nichelino_named_other.eml",
            # Signed digitally by Marco Bertolino; the letter's text names someone else.
            hand_email(
                "Nichelino", at(23), letter_text=("The undersigned Giulia Ferrero, Mayor pro tempore of Nichelino",)
            ),
            Expected("Comune di Nichelino", letter="signer_mismatch", made_with="hand", signatory="Giulia Ferrero"),
        ),
        (
            "33_grugliasco_signature_block.eml",
            # The signatory only in the signature block, under "The Mayor": the digital signer's name.
            hand_email("Grugliasco", at(23), letter_text=("We commit to the project.", "The Mayor", "Marco Bertolino")),
            Expected("Comune di Grugliasco", made_with="hand", signatory="Marco Bertolino"),
        ),
    ]
    return tuple(items)


def as_zip(items) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data, _ in items:
            zf.writestr(name, data)
    return out.getvalue()


def as_mbox(items) -> bytes:
    return b"".join(
        b"From MAILER-DAEMON Thu Feb 27 10:00:00 2020\n" + data.replace(b"\r\n", b"\n") + b"\n" for _, data, _ in items
    )


def as_msg(eml: bytes) -> bytes:
    """The same email as Outlook saves it (.msg, an OLE file; extract-msg's own writer): its
    headers kept as transport headers, its sender, subject, plain body and attachments as
    properties. The fewest streams extract-msg needs to open it."""
    msg = email.message_from_bytes(eml, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    name, address = email.utils.parseaddr(str(msg["From"]))
    body = msg.get_body(preferencelist=("plain",))
    files = [(p.get_filename() or "", p.get_payload(decode=True)) for p in msg.iter_attachments()]
    headers = "".join(f"{k}: {v}\r\n" for k, v in msg.items()) + "\r\n"
    w = OleWriter()

    def text(path: str, value: str) -> None:
        w.addEntry(path, value.encode("utf-16-le"))

    # The properties stream's header: reserved, next ids and counts of recipients and attachments.
    w.addEntry("__properties_version1.0", bytes(8) + struct.pack("<IIII", 0, len(files), 0, len(files)) + bytes(8))
    text("__substg1.0_001A001F", "IPM.Note")
    text("__substg1.0_0037001F", str(msg["Subject"]))
    text("__substg1.0_0C1A001F", name)
    text("__substg1.0_0C1F001F", address)
    text("__substg1.0_1000001F", body.get_content() if body else "")
    text("__substg1.0_007D001F", headers)
    w.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        w.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    for i, (filename, data) in enumerate(files):
        folder = f"__attach_version1.0_#{i:08X}"
        w.addEntry(folder, storage=True)
        # One property, PR_ATTACH_METHOD = 1 (by value: the data is in the file).
        w.addEntry(f"{folder}/__properties_version1.0", bytes(8) + struct.pack("<HHIII", 3, 0x3705, 6, 1, 0))
        text(f"{folder}/__substg1.0_3707001F", filename)
        w.addEntry(f"{folder}/__substg1.0_37010102", data)
    out = BytesIO()
    w.write(out)  # to memory
    return out.getvalue()
