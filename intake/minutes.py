"""The minutes of the evaluation (DOCX, Italian): applications received, excluded and why,
the ranking, the applications chosen."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx import Document

from dossier.calls import Call
from dossier.documents import clean

from .cards import Card
from .evaluation import Evaluation, checked, chosen, ranking
from .words import name, reasons, say, when


def _points(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def minutes(cards: list[Card], ev: Evaluation, call: Call, today: date) -> bytes:
    cards = checked(cards, ev)
    doc = Document()
    doc.add_heading(clean(f"Verbale di valutazione delle candidature – {call.short_name}"), level=1)
    doc.add_paragraph(clean(f"{call.title}. {call.organiser_full}."))
    evaluators = f" Valutazione di: {clean(ev.evaluator)}." if ev.evaluator.strip() else ""
    doc.add_paragraph(
        f"In data {today:%d/%m/%Y} si è proceduto all'esame delle candidature pervenute all'indirizzo "
        f"{call.submission_email} entro la scadenza del {call.deadline_local:%d/%m/%Y, ore %H:%M}.{evaluators}"
    )
    doc.add_heading(f"1. Candidature pervenute ({len(cards)})", level=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("N.", "Ente", "Ricevuta", "Esito dell'esame"), strict=True):
        cell.text = text
    for i, c in enumerate(cards, start=1):
        outcome = say("admissible") if c.admissible else "; ".join(reasons(c, call))
        if c.admissible and c.to_check_by_hand:
            outcome += f" ({say('hand.to_check_short')})"
        for cell, text in zip(
            table.add_row().cells, (str(i), name(c), when(c.received_at, call), outcome), strict=True
        ):
            cell.text = clean(text)
    doc.add_heading("2. Candidature non ammesse", level=2)
    excluded = [c for c in cards if not c.admissible]
    if not excluded:
        doc.add_paragraph("Nessuna.")
    for c in excluded:
        doc.add_paragraph(clean(f"{name(c)}: {'; '.join(reasons(c, call))}."), style="List Bullet")
    doc.add_heading("3. Graduatoria", level=2)
    ranked = ranking(cards, ev, call)
    doc.add_paragraph(
        "Criteri e pesi: " + "; ".join(f"{c.label.it} (peso {c.weight}, 0–{c.max_score})" for c in call.criteria) + "."
    )
    if not ranked:
        doc.add_paragraph("Nessuna candidatura ammessa.")
    else:
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Posizione", "Ente", "Punti"), strict=True):
            cell.text = text
        for r in ranked:
            row = (f"{r.rank}" + (" (pari merito)" if r.tied else ""), name(r.card), _points(r.total))
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = clean(text)
    doc.add_heading("4. Enti selezionati", level=2)
    inside, tied = chosen(ranked, call.places)
    doc.add_paragraph(
        clean(
            f"Posti disponibili: {call.places}. Selezionati: " + (", ".join(name(r.card) for r in inside) or "nessuno")
        )
        + "."
    )
    if tied:
        doc.add_paragraph(
            clean("Pari merito all'ultimo posto utile, da decidere: " + ", ".join(name(r.card) for r in tied) + ".")
        )
    doc.add_paragraph("\nLuogo e data ____________________        Firma ____________________")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
