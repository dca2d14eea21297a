"""Row 2: building the documents of the example dossier (DOCX x3, ZIP, EML; PDF if possible)."""

from __future__ import annotations

import time

from dossier import pdf

from .common import Row, Target, median, ms


def _example():
    from dossier import sample
    from dossier.calls import load_call

    d = sample.single()
    d.example = True
    return d, load_call(d.call_id or "connection-2020")


def build_all(d, call):
    from dossier.documents import build_documents, build_eml, build_zip

    docs = build_documents(d, call)
    return docs, build_zip(docs), build_eml(d, call, docs)


def rows(runs: int = 15, pdf_runs: int = 3) -> tuple[list[Row], list[Target]]:
    d, call = _example()
    build_all(d, call)  # templates read once (cached for everyone in the app as well)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        docs, _zip, _eml = build_all(d, call)
        times.append(time.perf_counter() - t0)
    med = median(times)
    out = [Row("2", f"documents: {len(docs)} DOCX + ZIP + EML", str(runs), ms(med), "< 300 ms", med < 0.3)]
    targets = [Target("documents < 300 ms", med < 0.3, ms(med))]
    out.append(pdf_row(docs, pdf_runs))
    return out, targets


def pdf_row(docs, runs: int) -> Row:
    if not pdf.soffice_path():
        return Row("2", "PDF: LibreOffice (soffice) not installed", "-", "-")
    files = {doc.annex_id: doc.data for doc in docs}
    times = []
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            pdf.to_pdfs(files, pdfa=True)  # as the Documents step makes them (PDF/A-2b)
            times.append(time.perf_counter() - t0)
    except pdf.PdfError as err:  # report, don't hide: the other rows still count
        return Row("2", f"PDF: failed ({err.reason}: {str(err)[:80]})", str(len(times)), "-")
    return Row("2", f"PDF/A: {len(files)} annexes -> {len(files)} PDF (LibreOffice, one run)", str(runs),
               ms(median(times)))
