"""The XLSX workbook: one row per application, every fact and score, totals as formulas."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dossier.calls import Call

from .cards import Card
from .evaluation import Evaluation
from .words import name, reasons, say, when, yes_no

FACTS = (
    "n applicant kind sender received on_time pec made_with population foreign_share size english_level "
    "community action_plan complete signed eligible english admissible reasons"
).split()


def _facts(i: int, c: Card, call: Call) -> list[object]:
    return [
        i,
        name(c),
        say(f"kind.{c.kind}") if c.kind else "–",
        c.sender,
        when(c.received_at, call),
        yes_no(c.on_time),
        yes_no(c.pec),
        say(f"col.{'app' if c.made_with == 'wizard' else 'hand'}"),
        c.population,
        c.foreign_share,
        say(f"size.{c.size}") if c.size else "–",
        c.english_level or "–",
        c.community or "–",
        yes_no(c.action_plan),
        yes_no(c.complete),
        yes_no(c.signed),
        yes_no(c.eligible),
        len(c.not_english),
        yes_no(c.admissible),
        "; ".join(reasons(c, call)),
    ]


def _literal(cells: tuple) -> None:
    """Text from an email or a note stays text: "=..." would otherwise be a formula."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def workbook(cards: list[Card], ev: Evaluation | None, call: Call) -> bytes:
    """Row 1 the headings, row 2 the criteria's weights, then one row per application; the
    total of each row is SUMPRODUCT(weights, scores), so an edit in Excel recomputes it."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Candidature"
    criteria = call.criteria if ev is not None else []
    heads = [say(f"col.{f}") for f in FACTS] + [c.label.it for c in criteria]
    if criteria:
        heads.append(say("col.total"))
    ws.append(heads)
    first = len(FACTS) + 1
    ws.append([say("col.weight")] + [None] * (len(FACTS) - 1) + [c.weight for c in criteria])
    for i, card in enumerate(cards, start=1):
        row: list[object] = _facts(i, card, call)
        if ev is not None:
            row += [ev.score(card.key, c.id).score for c in criteria]
            r = ws.max_row + 1
            a, b = get_column_letter(first), get_column_letter(first + len(criteria) - 1)
            row.append(f"=SUMPRODUCT(${a}$2:${b}$2,{a}{r}:{b}{r})")
        ws.append(row)
        _literal(ws[ws.max_row][: len(FACTS)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{ws.max_row}"
    if ev is not None:
        notes = wb.create_sheet("Note")
        notes.append([say("col.applicant"), "Criterio", "Nota"])
        for card in cards:
            for c in criteria:
                note = ev.score(card.key, c.id).note
                if note:
                    notes.append([name(card), c.label.it, note])
                    _literal(notes[notes.max_row])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
