"""PDFs crafted to cost a reader much for little: made here, by the tests, from the
reliability audit's recipes (object-stream fan-out, compressed metadata bomb)."""

from __future__ import annotations

import struct
import zlib


def _assemble(objects: dict[int, bytes], root: int, extra_entries: dict[int, tuple[int, int]]) -> bytes:
    """A PDF whose xref is a stream: `objects` written in full, `extra_entries` as
    compressed objects (object stream number, index in it)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num, body in sorted(objects.items()):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref_num = max([*objects, *extra_entries]) + 1
    offsets[xref_num] = len(out)
    rows = bytearray()
    for num in range(xref_num + 1):
        if num in offsets:
            rows += struct.pack(">BIH", 1, offsets[num], 0)
        elif num in extra_entries:
            stream, index = extra_entries[num]
            rows += struct.pack(">BIH", 2, stream, index)
        else:
            rows += struct.pack(">BIH", 0, 0, 0)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Length %d >>\nstream\n" % (
        xref_num,
        xref_num + 1,
        root,
        len(rows),
    )
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_num]
    return bytes(out)


def object_stream_fan_out(pairs: int = 1_000_000, fields: int = 1000) -> bytes:
    """Form fields that all live in one object stream whose header lists `pairs` objects:
    a reader that parses the header again for every field does pairs x fields work on a
    file of a few KB."""
    header = b"0 0 " * pairs
    body = zlib.compress(header + b"<< >>", 9)
    first = 100
    stream = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        pairs,
        len(header),
        len(body),
    )
    field_refs = b" ".join(b"%d 0 R" % (first + i) for i in range(fields))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + field_refs + b"] >> >>",
        2: b"<< /Type /Pages /Kids [] /Count 0 >>",
        5: stream + body + b"\nendstream",
    }
    return _assemble(objects, 1, {first + i: (5, i) for i in range(fields)})


def metadata_bomb(megabytes: int = 256) -> bytes:
    """A plain one-page PDF whose XMP metadata stream inflates to `megabytes` MiB."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * 2**20
    body = b"".join(squeezer.compress(chunk) for _ in range(megabytes)) + squeezer.flush()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        4: b"<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length %d >>\nstream\n" % len(body)
        + body
        + b"\nendstream",
    }
    return _assemble(objects, 1, {})


def form_flood(calls: int = 10_000, operators: int = 1000) -> bytes:
    """One page that draws a form `calls` times, the form showing one letter `operators`
    times, in 1 KB: text extraction walks calls x operators (pypdf 7: 100 s for the defaults,
    its own limit of 5000 form invocations notwithstanding)."""
    page = zlib.compress(b"/X Do " * calls, 9)
    form = zlib.compress(b"BT /F1 1 Tf " + b"1 0 Td (a) Tj " * operators + b"ET", 9)
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /X 5 0 R >> >> >>",
        4: b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(page) + page + b"\nendstream",
        5: b"<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources "
        + font
        + b" /Filter /FlateDecode /Length %d >>\nstream\n" % len(form)
        + form
        + b"\nendstream",
    }
    return _assemble(objects, 1, {})
