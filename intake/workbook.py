"""The XLSX workbook: one row per application, every fact and score, totals as formulas.

Written with XlsxWriter in memory (`in_memory`: openpyxl writes each sheet to a temporary
file first, and nothing goes to the server's disk). Text is written as text, always: a
sender or a note that starts with "=" stays what it says, never a formula.
"""

from __future__ import annotations

from io import BytesIO

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from dossier.calls import Call

from .cards import Card
from .evaluation import Evaluation, checked
from .words import name, reasons, say, signed, when, yes_no

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
        signed(c),
        yes_no(c.eligible),
        len(c.not_english),
        yes_no(c.admissible),
        "; ".join(reasons(c, call)),
    ]


def _put(ws: Worksheet, row: int, values: list[object], first: int = 0) -> None:
    for col, value in enumerate(values, start=first):
        if isinstance(value, str):
            ws.write_string(row, col, value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            ws.write_number(row, col, value)


def workbook(cards: list[Card], ev: Evaluation | None, call: Call) -> bytes:
    """Row 1 the headings, row 2 the criteria's weights, then one row per application; the
    total of each row is SUMPRODUCT(weights, scores), so an edit in Excel recomputes it."""
    if ev is not None:
        cards = checked(cards, ev)
    out = BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("Candidature")
    bold = wb.add_format({"bold": True})
    criteria = call.criteria if ev is not None else []
    heads = [say(f"col.{f}") for f in FACTS] + [c.label.it for c in criteria] + ([say("col.total")] if criteria else [])
    for col, head in enumerate(heads):
        ws.write_string(0, col, head, bold)
    ws.write_string(1, 0, say("col.weight"), bold)
    first = len(FACTS)
    _put(ws, 1, [c.weight for c in criteria], first)
    a, b = xl_col_to_name(first), xl_col_to_name(first + len(criteria) - 1)
    for i, card in enumerate(cards, start=1):
        row = i + 1
        _put(ws, row, _facts(i, card, call))
        if ev is not None:
            _put(ws, row, [ev.score(card.key, c.id).score for c in criteria], first)
            ws.write_formula(row, first + len(criteria), f"=SUMPRODUCT(${a}$2:${b}$2,{a}{row + 1}:{b}{row + 1})")
    ws.freeze_panes(2, 2)
    ws.autofilter(0, 0, len(cards) + 1, len(heads) - 1)
    if ev is not None:
        notes = wb.add_worksheet("Note")
        _put(notes, 0, [say("col.applicant"), "Criterio", "Nota"])
        row = 1
        for card in cards:
            for c in criteria:
                note = ev.score(card.key, c.id).note
                if note:
                    _put(notes, row, [name(card), c.label.it, note])
                    row += 1
    wb.close()
    return out.getvalue()
