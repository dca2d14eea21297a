"""What a mailbox gives, read in memory: `.eml` files, an `.mbox` export, a ZIP of these,
PEC envelopes (the original message unwrapped, the time of delivery from `daticert.xml`),
Outlook `.msg` files (extract-msg, opened from the bytes: no temporary file).

Every input is hostile: the total size, the number of messages and of attachments, the
ZIP nesting and what a ZIP unpacks to are bounded before the work is done, nothing is
written to disk, and a part that cannot be read becomes a note, never an exception.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import parseaddr, parsedate_to_datetime
from io import BytesIO
from typing import cast
from xml.etree import ElementTree

import extract_msg
import olefile
from extract_msg.attachments import AttachmentBase

# These libraries log what they find odd in a file, quoting it: logs never carry user content.
for _logger in ("extract_msg", "olefile", "RTFDE", "pypdf"):
    logging.getLogger(_logger).setLevel(logging.CRITICAL)

# A call's mailbox: 50 applications of 5 MB are 250 MB; held in memory while read (the upload
# holds the files anyway), one email's attachments at a time besides.
MAX_GIVEN_BYTES = 300_000_000  # the files of one import, as given
MAX_UNPACKED_BYTES = 600_000_000  # what their ZIPs unpack to, all together
MAX_MESSAGES = 300
MAX_ATTACHMENTS = 30  # of one message
MAX_ZIP_DEPTH = 2  # a ZIP inside a ZIP, no deeper
MAX_ZIP_MEMBERS = 1000
MAX_DATICERT_BYTES = 64_000
MAX_MIME_PARTS = 200  # of one message, PEC envelope included
MAX_MSG_BYTES = 50_000_000  # one Outlook .msg (its attachments inside it): OLE is parsed whole
MAX_ZIPPED_ANNEXES_BYTES = 60_000_000  # what the ZIPs attached to one email unpack to


@dataclass(frozen=True)
class File:
    name: str
    data: bytes = field(repr=False)


@dataclass
class Received:
    """One application email as it arrived."""

    source: str  # where it came from: the file name, and its place in an mbox or ZIP
    sender: str  # the address of From (of the original message, for a PEC)
    sender_name: str
    subject: str
    sent_at: datetime | None  # the Date header (the sender's clock)
    delivered_at: datetime | None = None  # PEC: from daticert.xml, the legal time of receipt
    arrived_at: datetime | None = None  # the receiving server's time, in the topmost Received header
    pec: bool = False
    body: str = ""
    files: list[File] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # codes of what could not be read
    digest: str = ""  # SHA-256 of the message's bytes: the same email imported twice is one

    @property
    def received_at(self) -> datetime | None:
        return self.delivered_at or self.arrived_at or self.sent_at

    @property
    def time_from(self) -> str:
        """Where received_at comes from: "pec", "server" or "date" (the sender's clock)."""
        return "pec" if self.delivered_at else "server" if self.arrived_at else "date"


@dataclass
class Import:
    """What an import read: the emails (`messages`, when the caller keeps them) and what it
    skipped, with the reason."""

    messages: list[Received] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, reason code)
    given_bytes: int = 0  # the files as given
    unpacked_bytes: int = 0  # what their ZIPs unpacked to
    count: int = 0  # emails read

    def skip(self, source: str, reason: str) -> None:
        self.skipped.append((source, reason))


class Receipt(Exception):
    """A PEC provider's receipt, not an email someone sent."""


class _Budget(Exception):
    """The import's bounds are reached: what was read so far is kept."""


def read_files(files: list[tuple[str, bytes]]) -> Import:
    """Every application email in `files` (name, bytes), in the order given, kept."""
    out = Import()
    out.messages = list(each_message(files, out))
    return out


def each_message(files: list[tuple[str, bytes]], out: Import) -> Iterator[Received]:
    """The emails one at a time (the caller keeps what it needs of each and lets the bytes
    go); what is skipped, and why, is noted in `out`."""
    seen: set[str] = set()
    try:
        for name, data in files:
            out.given_bytes += len(data)
            if out.given_bytes > MAX_GIVEN_BYTES:
                raise _Budget("total_too_large")
            yield from _read_one(name, data, out, seen, depth=0)
    except _Budget as reason:
        out.skip("", str(reason))


def _read_one(name: str, data: bytes, out: Import, seen: set[str], depth: int) -> Iterator[Received]:
    lower = name.lower()
    if lower.endswith(".zip") or data.startswith(b"PK\x03\x04"):
        yield from _read_zip(name, data, out, seen, depth)
    elif lower.endswith(".msg") or data.startswith(b"\xd0\xcf\x11\xe0"):
        yield from _add(name, data, out, seen, read=read_msg)
    elif lower.endswith(".mbox") or data.startswith(b"From "):
        for i, chunk in enumerate(split_mbox(data), start=1):
            yield from _add(f"{name} #{i}", chunk, out, seen)
    elif lower.endswith(".eml") or _looks_like_email(data):
        yield from _add(name, data, out, seen)
    else:
        out.skip(name, "not_an_email")


MAX_HEADER_BYTES = 256_000  # the header block a server's relays leave (Received, DKIM, ARC...)
_HEADER_LINE = re.compile(rb"[!-9;-~]{1,80}:|[ \t]")  # "Name:", or a folded line's continuation


def _looks_like_email(data: bytes) -> bool:
    """An email without its .eml name (a Maildir file, "Save as" without extension): its
    header block, however long the relays made it, holds From and Subject or Date."""
    head = data[:MAX_HEADER_BYTES]
    end = re.search(rb"\r?\n\r?\n", head)
    lines = (head[: end.start()] if end else head).splitlines()
    if not lines or not all(_HEADER_LINE.match(line) for line in lines):
        return False
    names = {line.split(b":", 1)[0].strip().lower() for line in lines if line[:1] not in b" \t"}
    return b"from" in names and bool(names & {b"subject", b"date"})


def _read_zip(name: str, data: bytes, out: Import, seen: set[str], depth: int) -> Iterator[Received]:
    if depth >= MAX_ZIP_DEPTH:
        out.skip(name, "zip_too_deep")
        return
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) > MAX_ZIP_MEMBERS:
                out.skip(name, "zip_too_many")
                return
            for m in members:
                if m.flag_bits & 0x1:
                    out.skip(f"{name}/{m.filename}", "zip_encrypted")
                    continue
                # The declared size is checked first, then what is actually read is capped to it.
                out.unpacked_bytes += m.file_size
                if out.unpacked_bytes > MAX_UNPACKED_BYTES:
                    raise _Budget("total_too_large")
                with zf.open(m) as fh:
                    inner = fh.read(m.file_size + 1)
                if len(inner) > m.file_size:
                    out.skip(f"{name}/{m.filename}", "zip_damaged")
                    continue
                yield from _read_one(f"{name}/{m.filename}", inner, out, seen, depth + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
        out.skip(name, "zip_damaged")


_FROM_LINE = re.compile(rb"^From [^\r\n]*\r?\n", re.MULTILINE)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox held in memory (mailbox.mbox needs a path): each starts at a
    "From " line; ">From " escapes (mboxrd) are undone."""
    starts = [m for m in _FROM_LINE.finditer(data) if m.start() == 0 or data[m.start() - 1 : m.start()] == b"\n"]
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(data)
        out.append(_ESCAPED_FROM.sub(rb"\1", data[m.end() : end]))
    return out


def _add(
    source: str, data: bytes, out: Import, seen: set[str], read: Callable[[str, bytes, str], Received] | None = None
) -> Iterator[Received]:
    if out.count >= MAX_MESSAGES:
        raise _Budget("too_many_messages")
    digest = hashlib.sha256(data).hexdigest()
    if digest in seen:
        out.skip(source, "same_email_twice")
        return
    seen.add(digest)
    try:
        message = (read or read_message)(source, data, digest)
    except Receipt:
        out.skip(source, "pec_receipt")
        return
    except Exception:  # a malformed message is skipped with its reason, never a traceback
        out.skip(source, "unreadable_email")
        return
    if not (message.sender or message.subject):  # any bytes parse as an email: this is none
        out.skip(source, "not_an_email")
        return
    out.count += 1
    yield message


def _parse(data: bytes) -> EmailMessage:
    msg = message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def read_message(source: str, data: bytes, digest: str = "") -> Received:
    """One email; a PEC envelope is opened: the original message inside, the delivery time."""
    outer = _parse(data)
    if outer.get("X-Ricevuta"):  # a PEC receipt (acceptance, delivery...) of a message ANCI sent: no application
        raise Receipt
    parts = list(_walk(outer))
    inner = next((p for p in parts if (p.get_filename() or "").lower() == "postacert.eml"), None)
    daticert = next((p for p in parts if (p.get_filename() or "").lower() == "daticert.xml"), None)
    notes: list[str] = []
    delivered = None
    msg = outer
    if inner is not None:
        original = _inner_message(inner)
        if original is None:
            notes.append("pec_unreadable")
        else:
            msg = original
        if daticert is not None:
            delivered = pec_delivery_time(_payload(daticert))
        if delivered is None:
            notes.append("pec_no_time")
    name, address = parseaddr(str(msg.get("From", "")))
    sent_at = _date(str(msg.get("Date", "")))
    files, more, attached = _files(msg)
    notes += more
    body = _body(msg)
    if attached and len(attached) == len(files):  # forwarded "as attachment", nothing else: the application is inside
        files, more, _ = _files(attached[0])
        notes += ["forwarded", *more]
        body = f"{body}\n{_body(attached[0])}"[:20_000]
    return Received(
        source=source,
        sender=address,
        sender_name=name,
        subject=" ".join(str(msg.get("Subject", "")).split()),
        sent_at=sent_at,
        delivered_at=delivered,
        arrived_at=_arrival(outer),
        pec=inner is not None,
        body=body,
        files=files,
        notes=notes,
        digest=digest,
    )


def read_msg(source: str, data: bytes, digest: str = "") -> Received:
    """An Outlook .msg, as read_message reads an .eml: its transport headers (when Outlook
    kept them) give the dates, the properties the rest. Any failure raises (a crafted OLE
    file is "unreadable", the caller says so)."""
    if not olefile.MINIMAL_OLEFILE_SIZE <= len(data) <= MAX_MSG_BYTES:
        raise ValueError("size")  # fewer bytes than an OLE file has are taken for a path to open
    msg = extract_msg.openMsg(data, delayAttachments=True)  # from the bytes, in memory
    try:
        if not isinstance(msg, extract_msg.Message):
            raise ValueError("not an email")  # a calendar item, a contact, a task
        header = msg.header
        name, address = parseaddr(str(msg.sender or ""))
        sent = _date(str(header.get("Date", ""))) or (msg.date if msg.date and msg.date.tzinfo else None)
        files: list[File] = []
        notes: list[str] = []
        for i, att in enumerate(cast(list[AttachmentBase], msg.attachments)):
            if i >= MAX_ATTACHMENTS:
                notes.append("too_many_attachments")
                break
            if isinstance(att.data, bytes):  # an attached email or OLE object: not opened
                files.append(File(_name(att.getFilename() or f"attachment {i + 1}"), att.data))
        files = _unzipped(files, notes)
        return Received(
            source=source,
            sender=address,
            sender_name=name,
            subject=" ".join(str(msg.subject or "").split()),
            sent_at=sent,
            arrived_at=_arrival(header),
            body=str(msg.body or "")[:20_000],
            files=files,
            notes=notes,
            digest=digest,
        )
    finally:
        msg.close()


def _walk(msg: Message) -> Iterator[Message]:
    """The parts of a message, at most MAX_MIME_PARTS (nested messages not entered)."""
    for i, part in enumerate(msg.walk()):
        if i >= MAX_MIME_PARTS:
            return
        yield part


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _inner_message(part: Message) -> EmailMessage | None:
    if part.get_content_type() == "message/rfc822":
        payload = part.get_payload()
        if isinstance(payload, list) and payload and isinstance(payload[0], EmailMessage):
            return payload[0]
    data = _payload(part)
    return _parse(data) if data else None


def _date(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else None  # a time without its zone cannot be set against a deadline


def _arrival(msg: Message) -> datetime | None:
    """When the mailbox's own server took the message: the date after the ";" of the topmost
    Received header (the one it added last). The Date header is only the sender's clock."""
    received = msg.get_all("Received") or []
    return _date(str(received[0]).rpartition(";")[2]) if received else None


def _files(msg: EmailMessage) -> tuple[list[File], list[str], list[EmailMessage]]:
    """Every part with a file name, at any depth of the message's multiparts (mail programs
    nest them: Apple Mail puts files inside multipart/alternative, Outlook inside related);
    an attached email is one file, not opened here (also returned, read: the caller opens
    an email forwarded as an attachment)."""
    files: list[File] = []
    notes: list[str] = []
    attached: list[EmailMessage] = []
    stack: list[Message] = [msg]
    seen = 0
    while stack:
        part = stack.pop()  # depth first, in the message's order
        seen += 1
        if seen > MAX_MIME_PARTS or len(files) >= MAX_ATTACHMENTS:
            notes.append("too_many_attachments")
            break
        kind = part.get_content_type()
        if part.is_multipart() and kind != "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(reversed([p for p in payload if isinstance(p, Message)]))
            continue
        if part is msg:
            continue
        if kind == "message/rfc822":
            inner = _inner_message(part)
            files.append(File(_name(part.get_filename() or "message.eml"), inner.as_bytes() if inner else b""))
            if inner is not None:
                attached.append(inner)
        elif name := part.get_filename():
            files.append(File(_name(name), _payload(part)))
    return _unzipped(files, notes), notes, attached


def _unzipped(files: list[File], notes: list[str]) -> list[File]:
    """Annexes the clerk zipped are the email's files: a .zip attached is replaced by what it
    holds (one level, bounded in count and size; a damaged or encrypted one stays a file)."""
    out: list[File] = []
    budget = MAX_ZIPPED_ANNEXES_BYTES
    for f in files:
        if not f.name.lower().endswith(".zip"):
            out.append(f)
            continue
        try:
            with zipfile.ZipFile(BytesIO(f.data)) as zf:
                members = [m for m in zf.infolist() if not m.is_dir() and not m.flag_bits & 0x1]
                if not members or len(members) + len(out) > MAX_ATTACHMENTS:
                    raise zipfile.BadZipFile
                budget -= sum(m.file_size for m in members)
                if budget < 0:
                    raise zipfile.BadZipFile
                inner = []
                for m in members:
                    with zf.open(m) as fh:
                        data = fh.read(m.file_size + 1)
                    if len(data) > m.file_size:
                        raise zipfile.BadZipFile
                    inner.append(File(_name(_zip_name(m)), data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
            out.append(f)  # the officer opens it
            continue
        out += inner
        notes.append("zip_opened")
    return out


def _zip_name(member: zipfile.ZipInfo) -> str:
    """The member's own name (no folders). Without the UTF-8 flag the standard reads names as
    cp437, as Windows writes them; many tools write UTF-8 there all the same."""
    name = member.filename
    if not member.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass  # cp437 indeed
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _name(name: str) -> str:
    return " ".join(name.split())[:200]


def _body(msg: EmailMessage) -> str:
    """The plain-text body; HTML only as its text (tags dropped), never rendered."""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except (LookupError, ValueError, AssertionError):
        return ""
    if part.get_content_type() == "text/html":
        text = re.sub(r"<[^>]{0,2000}>", " ", text)
    return str(text)[:20_000]


def pec_delivery_time(xml: bytes) -> datetime | None:
    """The time in daticert.xml (<data zona="+0100"><giorno>dd/mm/yyyy</giorno><ora>hh:mm:ss</ora>)."""
    if not xml or len(xml) > MAX_DATICERT_BYTES or b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        return None  # no DTD: the only XML we read has none, and entities are a known attack
    try:
        root = ElementTree.fromstring(xml)
        data = root.find(".//dati/data")
        if data is None:
            return None
        day, hour = data.findtext("giorno", ""), data.findtext("ora", "")
        zone = re.fullmatch(r"([+-])(\d\d):?(\d\d)", data.get("zona", "").strip())
        naive = datetime.strptime(f"{day.strip()} {hour.strip()}", "%d/%m/%Y %H:%M:%S")
    except (ElementTree.ParseError, ValueError):
        return None
    if zone is None:
        return None
    sign = -1 if zone.group(1) == "-" else 1
    offset = timedelta(hours=int(zone.group(2)), minutes=int(zone.group(3)))
    return naive.replace(tzinfo=timezone(sign * offset))
