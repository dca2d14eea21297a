"""Row 2: building the documents of the example dossier (DOCX x3, ZIP; PDF if possible), and
checking the signed letter (the app's PDF signed PAdES by the test PKI of tests/pki.py)."""

from __future__ import annotations

import sys
import time

from dossier import pdf

from .common import ROOT, Row, Target, median, ms


def _example():
    from dossier import sample
    from dossier.calls import load_call

    d = sample.single()
    d.example = True
    return d, load_call(d.call_id or "connection-2020")


def build_all(d, call):
    from dossier.documents import build_documents, build_zip

    docs = build_documents(d, call)
    return docs, build_zip(docs)


def rows(runs: int = 15, pdf_runs: int = 3) -> tuple[list[Row], list[Target]]:
    d, call = _example()
    build_all(d, call)  # templates read once (cached for everyone in the app as well)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        docs, _zip = build_all(d, call)
        times.append(time.perf_counter() - t0)
    med = median(times)
    out = [Row("2", f"documents: {len(docs)} DOCX + ZIP", str(runs), ms(med), "< 300 ms", med < 0.3)]
    targets = [Target("documents < 300 ms", med < 0.3, ms(med))]
    row, pdfs = pdf_row(docs, pdf_runs)
    out.append(row)
    if pdfs:
        row = signed_row(d, pdfs["letter"], runs)
        out.append(row)
        targets.append(Target("signed letter check < 500 ms", bool(row.met), row.value))
    return out, targets


def pdf_row(docs, runs: int) -> tuple[Row, dict[str, bytes]]:
    if not pdf.soffice_path():
        return Row("2", "PDF: LibreOffice (soffice) not installed (no signed-letter row either)", "-", "-"), {}
    files = {doc.annex_id: doc.data for doc in docs}
    times, pdfs = [], {}
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            pdfs = pdf.to_pdfs(files, pdfa=True)  # as the Documents step makes them (PDF/A-2b)
            times.append(time.perf_counter() - t0)
    except pdf.PdfError as err:  # report, don't hide: the other rows still count
        return Row("2", f"PDF: failed ({err.reason}: {str(err)[:80]})", str(len(times)), "-"), {}
    return Row(
        "2", f"PDF/A: {len(files)} annexes -> {len(files)} PDF (LibreOffice, one run)", str(runs), ms(median(times))
    ), pdfs


def signed_row(d, letter: bytes, runs: int) -> Row:
    """The check a user waits for after uploading the signed letter (PAdES, the common case)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import pki  # tests/pki.py: the test PKI

    from dossier.calls import load_call
    from dossier.documents import letter_fingerprint_of
    from dossier.signing import check_letter

    signed, fingerprint = pki.pades(letter), letter_fingerprint_of(d, load_call(d.call_id))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        verdict = check_letter(signed, fingerprint=fingerprint, signatory=d.letter.signatory_name)
        times.append(time.perf_counter() - t0)
    med = median(times)
    what = f"signed letter check: PAdES, {len(signed) // 1024} KB ({verdict.outcome})"
    return Row("2", what, str(runs), ms(med), "< 500 ms", med < 0.5 and verdict.accepted)
