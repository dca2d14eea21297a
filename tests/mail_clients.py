"""A second generator of application emails, written byte by byte as mail programs write
them, not through Python's email package (which tests/inbox_factory.py uses, and which the
importer also reads with: the two could agree on a mistake).

Thunderbird (RFC 2231 file names, format=flowed), Outlook (RFC 2047 encoded names in quotes,
application/octet-stream, quoted-printable HTML, inline images in multipart/related, a long
relay header block), Gmail (RFC 2047 names, X-Attachment-Id), Apple Mail (files inside the
alternative), a PEC provider (the envelope with daticert.xml, CRLF), an email forwarded as an
attachment, a reply quoting the earlier message, an application split over two emails,
annexes zipped by the clerk (names in cp437 and in UTF-8), a Maildir file with no name, and
an mbox written with CRLF and ">From " escaping.
"""

from __future__ import annotations

import base64
import quopri
import zipfile
from io import BytesIO

import pki
from inbox_factory import docx, text_pdf

PNG = b"\x89PNG\r\n\x1a\n" + bytes(60)
NEEDS = (
    "Annex 2 - Relevance to the call and initial needs analysis. Our municipality hosts a growing number of "
    "foreign residents, mostly young families. The main needs are language courses, jobs and housing."
)


def annexes(town: str) -> dict[str, bytes]:
    """The three annexes of a hand-made application of `town`: the letter signed (PAdES)."""
    letter = pki.pades(text_pdf("Letter of Commitment", f"I, the undersigned Marco Bertolino, Mayor of {town},"))
    return {"letter": letter, "needs": docx(NEEDS), "cv": docx("Annex 3 - Curriculum vitae", "Anna Rossi")}


def _b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "\r\n".join(text[i : i + 76] for i in range(0, len(text), 76))


def _qp(text: str) -> str:
    return quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8")).decode()


def _rfc2047(name: str, how: str = "B") -> str:
    if how == "B":
        return "=?utf-8?B?" + base64.b64encode(name.encode()).decode() + "?="
    encoded = "".join(c if c.isalnum() or c in ".-" else "".join(f"={b:02X}" for b in c.encode()) for c in name)
    return "=?UTF-8?Q?" + encoded + "?="


def _rfc2231(name: str) -> str:
    from urllib.parse import quote

    return "UTF-8''" + quote(name, safe="")


def _head(town: str, subject: str, date: str, extra: str = "") -> str:
    sender = f"segreteria@comune.{town.lower().replace(' ', '')}.example.it"
    return (
        f"{extra}From: Comune di {town} <{sender}>\r\nTo: europa@anci.piemonte.it\r\n"
        f"Subject: {subject}\r\nDate: {date}\r\nMessage-ID: <{abs(hash((town, subject)))}@example.it>\r\n"
        "MIME-Version: 1.0\r\n"
    )


def _part(kind: str, name_params: str, disposition: str, data: bytes) -> str:
    return (
        f"Content-Type: {kind};{name_params}\r\nContent-Disposition: {disposition}\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{_b64(data)}\r\n"
    )


def thunderbird(town: str, date: str = "Thu, 20 Feb 2020 10:00:00 +0100") -> bytes:
    """Thunderbird: format=flowed text, file names in RFC 2231 (filename*=UTF-8''...), split
    in continuations when long."""
    files = annexes(town)
    b = "------------tb0123456789ABCDEF"
    names = {
        "letter": f"Lettera d'impegno – Comune di {town}.pdf",
        "needs": f"Allegato 2 – Analisi dei bisogni {town}.docx",
        "cv": "Curriculum vitae funzionario.docx",
    }
    out = _head(town, f"Candidatura CONNECTION – Comune di {town}", date)
    out += f'Content-Type: multipart/mixed;\r\n boundary="{b}"\r\n\r\nThis is a multi-part message in MIME format.\r\n'
    out += f"--{b}\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    out += f"Buongiorno,\r\nsi trasmette la candidatura del Comune di {town}. \r\nCordiali saluti\r\n\r\n"
    for key, name in names.items():
        encoded = _rfc2231(name)
        halves = f"\r\n filename*0*={encoded[:40]};\r\n filename*1*={encoded[40:]}"
        kind = (
            "application/pdf"
            if name.endswith(".pdf")
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        out += f"--{b}\r\n" + _part(kind, f" name*={encoded}", "attachment;" + halves, files[key])
    out += f"--{b}--\r\n"
    return out.encode("utf-8")


def outlook(town: str, date: str = "Fri, 21 Feb 2020 09:12:00 +0000") -> bytes:
    """Outlook: a long relay header block, multipart/mixed > related > alternative, QP text and
    HTML, a logo inline (cid:), annexes as application/octet-stream with RFC 2047 names in quotes."""
    files = annexes(town)
    relays = "".join(
        f"Received: from relay{i}.example.net (relay{i}.example.net [10.0.0.{i}])\r\n"
        f"\tby relay{i + 1}.example.net with ESMTPS id {i:08X}; Fri, 21 Feb 2020 09:12:0{i % 10} +0000\r\n"
        for i in range(40)
    )
    relays += "ARC-Seal: i=1; a=rsa-sha256; d=example.net; s=arc; cv=none;\r\n b=" + "A" * 300 + "\r\n"
    mixed, related, alt = "_004_MIXED_", "_003_RELATED_", "_000_ALT_"
    out = _head(town, f"Candidatura progetto CONNECTION - Comune di {town}", date, extra=relays)
    out += f'Content-Type: multipart/mixed;\r\n\tboundary="{mixed}"\r\n\r\n--{mixed}\r\n'
    out += f'Content-Type: multipart/related;\r\n\tboundary="{related}";\r\n\ttype="multipart/alternative"\r\n\r\n'
    out += f'--{related}\r\nContent-Type: multipart/alternative;\r\n\tboundary="{alt}"\r\n\r\n'
    text = f"Gentili,\nsi trasmette in allegato la candidatura del Comune di {town} al progetto CONNECTION.\n"
    out += f'--{alt}\r\nContent-Type: text/plain; charset="utf-8"\r\n'
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    out += _qp(text) + "\r\n"
    html = f'<html><body><p>{text}</p><img src="cid:image001.png@01D5E8A1"></body></html>'
    out += f'--{alt}\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
    out += _qp(html) + f"\r\n--{alt}--\r\n\r\n"
    out += f'--{related}\r\nContent-Type: image/png; name="image001.png"\r\nContent-Description: image001.png\r\n'
    out += 'Content-Disposition: inline; filename="image001.png"; size=68\r\nContent-ID: <image001.png@01D5E8A1>\r\n'
    out += f"Content-Transfer-Encoding: base64\r\n\r\n{_b64(PNG)}\r\n--{related}--\r\n\r\n"
    names = {
        "letter": f"Lettera impegno firmata {town}.pdf",
        "needs": "Allegato 2 – Needs analysis.docx",
        "cv": "Allegato 3 – CV referente.docx",
    }
    for key, name in names.items():
        encoded = _rfc2047(name)
        out += f"--{mixed}\r\n" + _part(
            "application/octet-stream",
            f' name="{encoded}"',
            f'attachment;\r\n\tfilename="{encoded}"; size={len(files[key])}',
            files[key],
        )
    out += f"--{mixed}--\r\n"
    return out.encode("utf-8")


def gmail(town: str, date: str = "Sat, 22 Feb 2020 11:05:33 +0100") -> bytes:
    """Gmail: RFC 2047 Q-encoded names, X-Attachment-Id, the text as multipart/alternative first."""
    files = annexes(town)
    b, alt = "000000000000a1b2c3d4e5f6", "000000000000a1b2c3d4e5f5"
    out = _head(town, f"=?UTF-8?Q?Candidatura_CONNECTION_=E2=80=93_Comune_di_{town}?=", date)
    out += f'Content-Type: multipart/mixed; boundary="{b}"\r\n\r\n--{b}\r\n'
    out += f'Content-Type: multipart/alternative; boundary="{alt}"\r\n\r\n'
    out += f'--{alt}\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\nIn allegato la candidatura.\r\n\r\n'
    out += f'--{alt}\r\nContent-Type: text/html; charset="UTF-8"\r\n\r\n'
    out += f'<div dir="ltr">In allegato la candidatura.</div>\r\n\r\n--{alt}--\r\n'
    names = {"letter": "Lettera d’impegno.pdf", "needs": "Analisi dei bisogni (Allegato 2).docx", "cv": "CV.docx"}
    for i, (key, name) in enumerate(names.items()):
        encoded = _rfc2047(name, "Q")
        kind = (
            "application/pdf"
            if name.endswith(".pdf")
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        out += f"--{b}\r\n" + _part(
            kind, f' name="{encoded}"', f'attachment; filename="{encoded}"', files[key]
        ).replace(
            "Content-Transfer-Encoding",
            f"X-Attachment-Id: f_k6x{i}\r\nContent-ID: <f_k6x{i}>\r\nContent-Transfer-Encoding",
        )
    out += f"--{b}--\r\n"
    return out.encode("utf-8")


def apple_mail(town: str, date: str = "Sun, 23 Feb 2020 18:40:00 +0100") -> bytes:
    """Apple Mail: the files inside multipart/alternative > multipart/mixed, between text parts."""
    files = annexes(town)
    alt, mixed = "Apple-Mail=_ALT", "Apple-Mail=_MIXED"
    out = _head(town, f"Candidatura Comune di {town}", date)
    out += f'Content-Type: multipart/alternative;\r\n\tboundary="{alt}"\r\n\r\n'
    out += f"--{alt}\r\nContent-Type: text/plain;\r\n\tcharset=us-ascii\r\n\r\nCandidatura.\r\n\r\n"
    out += f'--{alt}\r\nContent-Type: multipart/mixed;\r\n\tboundary="{mixed}"\r\n\r\n'
    out += (
        f"--{mixed}\r\nContent-Type: text/html;\r\n\tcharset=us-ascii\r\n\r\n<html><body>Candidatura.</body></html>\r\n"
    )
    for key, name in (("letter", "Lettera impegno.pdf"), ("needs", "Allegato 2.docx"), ("cv", "Allegato 3 CV.docx")):
        out += f"--{mixed}\r\n" + _part(
            "application/octet-stream",
            f'\r\n\tx-unix-mode=0644;\r\n\tname="{name}"',
            f'inline;\r\n\tfilename="{name}"',
            files[key],
        )
    out += f"--{mixed}--\r\n\r\n--{alt}--\r\n"
    return out.encode("utf-8")


def forwarded(original: bytes, town: str, date: str = "Mon, 24 Feb 2020 08:00:00 +0100") -> bytes:
    """The protocol office forwards the application "as attachment" (message/rfc822)."""
    b = "fwd-boundary-42"
    out = _head(town, f"Fwd: Candidatura Comune di {town}", date)
    out += (
        f'Content-Type: multipart/mixed; boundary="{b}"\r\n\r\n--{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
    )
    out += "Inoltro la candidatura ricevuta dal protocollo.\r\n\r\n"
    out += (
        f'--{b}\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename="Candidatura.eml"\r\n\r\n'
    )
    return out.encode() + original.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + f"\r\n--{b}--\r\n".encode()


def split_over_two(town: str) -> tuple[bytes, bytes]:
    """The letter and the needs analysis first; the CV in a reply two days later, quoting the first."""
    files = annexes(town)
    first, second = "split-1", "split-2"
    one = _head(town, f"Candidatura CONNECTION Comune di {town}", "Mon, 24 Feb 2020 10:00:00 +0100")
    one += f'Content-Type: multipart/mixed; boundary="{first}"\r\n\r\n--{first}\r\nContent-Type: text/plain\r\n\r\n'
    one += "Si trasmettono la lettera e l'analisi dei bisogni; il CV segue.\r\n"
    for key, name in (("letter", "Lettera_impegno.pdf"), ("needs", "Allegato_2.docx")):
        one += f"--{first}\r\n" + _part(
            "application/octet-stream", f' name="{name}"', f'attachment; filename="{name}"', files[key]
        )
    one += f"--{first}--\r\n"
    two = _head(town, f"Re: Candidatura CONNECTION Comune di {town}", "Wed, 26 Feb 2020 09:00:00 +0100")
    two += f"In-Reply-To: <{abs(hash((town, 'x')))}@example.it>\r\n"
    two += f'Content-Type: multipart/mixed; boundary="{second}"\r\n\r\n--{second}\r\nContent-Type: text/plain\r\n\r\n'
    two += f"Ecco il CV.\r\n\r\nIl 24/02/2020 Comune di {town} ha scritto:\r\n"
    two += "> Si trasmettono la lettera e l'analisi dei bisogni; il CV segue.\r\n"
    two += f"--{second}\r\n" + _part(
        "application/octet-stream", ' name="CV.docx"', 'attachment; filename="CV.docx"', files["cv"]
    )
    two += f"--{second}--\r\n"
    return one.encode(), two.encode()


ZIP_NAMES = (("letter", "Lettera d'impegno firmata.pdf"), ("needs", "Analisi dei bisogni è.docx"), ("cv", "CV.docx"))


def zipped_annexes(town: str, names: str) -> bytes:
    """The clerk zipped the annexes, names with accents: `names` "cp437" (Windows' own folder
    zipping: cp437, no UTF-8 flag), "utf-8" (flagged) or "utf-8-unflagged" (UTF-8 bytes, no
    flag, as some tools write them)."""
    files = annexes(town)
    archive = BytesIO()
    stored = {}
    with zipfile.ZipFile(archive, "w") as zf:
        for i, (key, name) in enumerate(ZIP_NAMES):
            if names == "utf-8":
                zf.writestr(name, files[key])
                continue
            raw_name = name.encode("cp437" if names == "cp437" else "utf-8")
            placeholder = b"~" * (len(raw_name) - 1) + str(i).encode()  # ASCII, same length: replaced below
            stored[placeholder] = raw_name
            zf.writestr(placeholder.decode(), files[key])
    raw = archive.getvalue()
    for placeholder, raw_name in stored.items():
        raw = raw.replace(placeholder, raw_name)  # in the local header and the central directory
    b = "zip-boundary"
    out = _head(town, f"Candidatura CONNECTION - Comune di {town}", "Tue, 25 Feb 2020 12:00:00 +0100")
    out += f'Content-Type: multipart/mixed; boundary="{b}"\r\n\r\n'
    out += f"--{b}\r\nContent-Type: text/plain\r\n\r\nAllegati nel file ZIP.\r\n"
    out += f"--{b}\r\n" + _part(
        "application/x-zip-compressed", ' name="Allegati.zip"', 'attachment; filename="Allegati.zip"', raw
    )
    out += f"--{b}--\r\n"
    return out.encode()


def mbox_crlf(messages: list[bytes]) -> bytes:
    """An mbox as a Windows tool exports it: CRLF lines, "From " lines in bodies escaped as ">From "."""
    out = b""
    for m in messages:
        body = m.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ").replace(b"\n", b"\r\n")
        out += b"From - Thu Feb 27 10:00:00 2020\r\n" + body + b"\r\n"
    return out
