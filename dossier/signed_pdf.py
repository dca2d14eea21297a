"""What a PDF holds besides its signatures, read cheaply and within bounds: whether it is too
complex to check, its active content, the answers' fingerprint it carries, whether a scan is
a plain scan.

The caps come before pyHanko's expensive steps (each signature hashes the whole file, and
its difference analysis reads every later revision): a letter has one or two signatures, a
few revisions and no object streams to speak of, so a file far beyond that is refused as
"too complex" rather than let run.
"""

from __future__ import annotations

import re
import zlib

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from .fingerprint import find_fingerprint, find_letter_fingerprint

MAX_SIGNATURE_FIELDS = 10  # a letter signed by the Mayor and a secretary has 2; a timestamp or two more
MAX_FORM_FIELDS = 100  # the top of the form's field tree, read before it is walked
MAX_REVISIONS = 30  # each signature, validation data or timestamp adds one
MAX_OBJECT_STREAMS = 100
MAX_OBJECTS_IN_STREAMS = 100_000  # pyHanko parses a stream's whole header for each object read from it
MAX_EOF_MARKERS = 100  # counted in the raw bytes, before any parsing
XMP_HEAD = 256 * 1024  # the fingerprint sits near the start of the XMP: never decode more

# Names of active content (PDF 32000: actions, scripts, attachments), read from the raw bytes;
# the catalog's are also read from the objects, where a compressed object stream hides them.
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles|AA)(?![A-Za-z0-9#])")
_MADE_HERE = re.compile(r"LibreOffice|CONNECTION wizard", re.IGNORECASE)


class TooComplex(Exception):
    """Over one of the caps: the verdict is "unusable, too complex"."""


def raw_caps(data: bytes) -> None:
    if data.count(b"%%EOF") > MAX_EOF_MARKERS:
        raise TooComplex


def structure_caps(reader: PdfFileReader) -> None:
    """Revisions and object streams, from the cross-reference sections already read."""
    xrefs = reader.xrefs
    if xrefs.total_revisions > MAX_REVISIONS:
        raise TooComplex
    streams = {ref for rev in range(xrefs.total_revisions) for ref in xrefs.object_streams_used_in(rev)}
    if len(streams) > MAX_OBJECT_STREAMS:
        raise TooComplex
    # the stream's dictionary only (its /N): nothing is decoded here
    if sum(int(reader.get_object(ref).get("/N", 0)) for ref in streams) > MAX_OBJECTS_IN_STREAMS:
        raise TooComplex
    form = reader.root.get("/AcroForm")
    fields = form.get_object().get("/Fields") if isinstance(form, generic.PdfObject) else None
    if isinstance(fields, generic.PdfObject):
        fields = fields.get_object()
        if isinstance(fields, generic.ArrayObject) and len(fields) > MAX_FORM_FIELDS:
            raise TooComplex


def ends_whole(data: bytes) -> bool:
    """The file ends with its last revision's %%EOF; the end-of-line bytes tools add after it
    are not an appendix."""
    return data.rstrip(b" \t\r\n\x00").endswith(b"%%EOF")


def active_content(data: bytes, reader: PdfFileReader) -> tuple[str, ...]:
    """The kinds of active content in the PDF: scripts, launch actions, attached files, actions
    on opening; named for the user (the letter goes to ANCI as it is)."""
    found = {m.decode() for m in _ACTIVE.findall(data)}
    root = reader.root
    opening = root.get("/OpenAction")
    if opening is not None:
        opening = opening.get_object()
        if isinstance(opening, generic.DictionaryObject) and "/S" in opening:  # an action, not a page to show
            found.add("OpenAction")
    if "/AA" in root:
        found.add("AA")
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        found |= {key[1:] for key in ("/JavaScript", "/EmbeddedFiles") if key in names}
    if "JS" in found:
        found.discard("JS")
        found.add("JavaScript")
    return tuple(sorted(found))


def fingerprints_in(reader: PdfFileReader) -> tuple[str | None, str | None]:
    """The letter's and the answers' fingerprints in the PDF's Info Keywords, else in the
    start of its XMP."""
    info = reader.trailer_view.get("/Info")
    keywords = str(info.get_object().get("/Keywords", "")) if info is not None else ""
    if find_fingerprint(keywords) is None and "/Metadata" in reader.root:
        keywords = _xmp_head(reader.root["/Metadata"]).decode("utf-8", "replace")
    return find_letter_fingerprint(keywords), find_fingerprint(keywords)


def _xmp_head(stream: generic.PdfObject) -> bytes:
    """At most XMP_HEAD bytes of the XMP packet, decoded here (plain or Flate only): a
    compressed "bomb" costs no more than its head."""
    if not isinstance(stream, generic.StreamObject):
        return b""
    filters = stream.get("/Filter")
    filters = [filters] if isinstance(filters, generic.NameObject) else list(filters or [])
    raw = stream.encoded_data
    if not filters:
        return raw[:XMP_HEAD]
    if filters == ["/FlateDecode"] and "/DecodeParms" not in stream:
        try:
            return zlib.decompressobj().decompress(raw, XMP_HEAD)
        except zlib.error:
            return b""
    return b""


def made_here(reader: PdfFileReader) -> bool:
    """The PDF was written by the wizard's converter (LibreOffice), not by a scanner."""
    info = reader.trailer_view.get("/Info")
    if info is None:
        return False
    info = info.get_object()
    return any(_MADE_HERE.search(str(info.get(key, ""))) for key in ("/Producer", "/Creator"))


def has_form(reader: PdfFileReader) -> bool:
    form = reader.root.get("/AcroForm")
    fields = form.get_object().get("/Fields") if form is not None else None
    return bool(fields is not None and len(fields.get_object()))
