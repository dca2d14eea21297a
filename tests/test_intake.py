"""ANCI's side, without the browser: the synthetic mailbox (tests/inbox_factory.py) imported
as .eml files, as an mbox and as a ZIP; each card as a careful officer would write it; the
evaluation, the workbook's formulas, the minutes, the replies and the command line."""

from __future__ import annotations

import email
import io
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from datetime import date
from email import policy
from functools import cache

import hostile_pdfs
import pytest
from docx import Document
from inbox_factory import CALL, LATE, as_mbox, as_msg, as_zip, at, hand_email, mailbox, pec, text_pdf
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from dossier.drafts import DraftError
from intake import evaluation, texts
from intake import mailbox as mb
from intake.cards import Card
from intake.inbox import import_cards
from intake.minutes import minutes
from intake.replies import outcomes, replies_zip
from intake.words import reasons
from intake.workbook import FACTS, workbook


@cache
def imported() -> tuple[mb.Import, tuple[Card, ...]]:
    got, cards = import_cards([(name, data) for name, data, _ in mailbox()], CALL)
    return got, tuple(cards)


def cards() -> list[Card]:
    return list(imported()[1])


@pytest.mark.parametrize("i", range(len(mailbox())), ids=[name for name, _, _ in mailbox()])
def test_each_card_says_what_a_careful_officer_would(i):
    _, _, want = mailbox()[i]
    card = cards()[i]
    assert card.applicant == want.applicant
    assert tuple(card.reasons) == want.reasons
    assert card.admissible == (not want.reasons)
    assert card.letter == want.letter
    assert card.made_with == want.made_with
    assert card.pec == want.pec
    assert tuple(card.missing_annexes) == want.missing
    assert card.answers_problem == want.answers_problem
    assert bool(card.replaces) == want.replaces and bool(card.replaced_by) == want.replaced
    assert bool(card.not_english) == want.not_english
    assert card.signatory == want.signatory and card.identity == want.identity
    assert not card.identity or card.identity not in card.unrecognised  # named on the card, not a stray file
    assert card.to_check_by_hand == want.to_check
    assert card.sender and card.received_at is not None


def test_the_mailbox_holds_every_case_the_issue_names():
    assert len(mailbox()) >= 25
    got, found = imported()
    assert got.skipped == [] and len(found) == len(mailbox())
    kinds = {c.verdict.kind for c in found if c.verdict}
    assert {"pades", "cades"} <= kinds


def by_name(name: str) -> list[Card]:
    return [c for c in cards() if c.applicant == name]


def test_the_time_of_receipt_is_the_pec_delivery_else_the_server_arrival_never_the_senders_date():
    [acqui] = by_name("Comune di Acqui Terme")
    assert acqui.received_at == LATE and acqui.on_time is False  # sent on the 26th, delivered on the 27th
    assert acqui.time_from == "pec"
    [casale] = by_name("Comune di Casale Monferrato")  # dated on the 26th, taken by the server on the 27th
    assert casale.received_at == LATE and casale.time_from == "server" and casale.on_time is False
    [pinerolo] = by_name("Comune di Pinerolo")
    assert pinerolo.received_at == at(24, 11) and pinerolo.sender.endswith("pinerolo.example.it")  # the original sender


def test_the_same_municipality_twice_the_later_replaces_the_earlier():
    first, again = by_name("Comune di Cuneo")
    assert again.replaces == first.key and first.replaced_by == again.key
    assert again.population == 56_100  # the figures of the later one


def test_the_wizard_answers_fill_the_comparison_and_the_hand_made_ones_say_read_the_documents():
    [bra] = by_name("Comune di Bra")
    assert (bra.population, bra.foreign_share, bra.size, bra.english_level) == (29_900, 9.7, "medium", "B1")
    assert bra.action_plan is True and bra.community.startswith("A strategic approach")
    [novara] = by_name("Comune di Novara")
    assert novara.size == "large"
    [asti] = by_name("Comune di Asti")
    assert asti.population is None and asti.texts["text"].startswith("Relevance to the call")
    assert asti.letter == "accepted" and asti.answers is None  # signed: who signed, the officer reads the letter
    [rivoli] = by_name("Comune di Rivoli")
    assert rivoli.annexes["needs"] == "documento2.docx"  # found by its text (Annex 2 - Needs analysis)
    assert rivoli.unrecognised == ["documento1.pdf"]  # a PDF's text is not read: the officer opens it
    assert by_name("Comune di Bra")[0].unrecognised == []


def test_a_union_is_found_by_its_lead_and_its_members_add_up():
    [union] = by_name("Union of Municipalities of Alto Canavese")
    assert union.kind == "union" and union.municipality.name == "Cuorgnè" and union.eligible
    assert union.population == 13_680 and union.size == "medium" and union.letter == "accepted"


def test_the_answers_file_that_does_not_match_its_letter_is_said_and_the_letter_stands():
    [vercelli] = by_name("Comune di Vercelli")
    # The letter's own text agrees (the population is not in it); the answers it was made from differ.
    assert vercelli.answers_problem == "mismatch" and vercelli.verdict.fingerprint == "match"
    assert vercelli.signed and vercelli.admissible


def test_the_italian_needs_analysis_is_found_sentence_by_sentence():
    [verbania] = by_name("Comune di Verbania")
    assert len(verbania.not_english) == 3
    assert all(where == "needs.answers.context" and lang == "it" for where, _, lang in verbania.not_english)


def test_mbox_and_zip_give_the_same_cards_as_the_eml_files():
    items = mailbox()[:6]
    base = [(c.applicant, c.reasons, c.letter) for c in import_cards([(n, d) for n, d, _ in items], CALL)[1]]
    for name, data in (("box.mbox", as_mbox(items)), ("box.zip", as_zip(items))):
        got, found = import_cards([(name, data)], CALL)
        assert got.skipped == []
        assert [(c.applicant, c.reasons, c.letter) for c in found] == base


def test_the_same_email_twice_is_read_once():
    name, data, _ = mailbox()[0]
    got = mb.read_files([(name, data), ("copy.eml", data)])
    assert len(got.messages) == 1
    assert got.skipped == [("copy.eml", "same_email_twice")]


def test_an_outlook_msg_gives_the_same_card_as_its_eml():
    items = [(n, d) for n, d, _ in mailbox()[:8] if b"postacert.eml" not in d]  # a PEC arrives as .eml
    base = [(c.applicant, c.reasons, c.letter, c.received_at, c.files) for c in import_cards(items, CALL)[1]]
    got, found = import_cards([(n.replace(".eml", ".msg"), as_msg(d)) for n, d in items], CALL)
    assert got.skipped == []
    assert [(c.applicant, c.reasons, c.letter, c.received_at, c.files) for c in found] == base
    assert len(base) >= 6


def test_a_crafted_or_oversized_msg_is_skipped_as_unreadable(monkeypatch, tmp_path):
    good = as_msg(mailbox()[0][1])
    (tmp_path / "on-disk.msg").write_bytes(good)
    crafted = [
        ("zeros.msg", b"\xd0\xcf\x11\xe0" + bytes(5000)),
        ("cut.msg", good[: len(good) // 2]),
        ("path.msg", str(tmp_path / "on-disk.msg").encode()),  # a few bytes: never a file to open
        # Every end of a sector chain made a link back to the first sector: chains into themselves.
        ("loop.msg", good[:512] + good[512:].replace(b"\xfe\xff\xff\xff", bytes(4))),
    ]
    got = mb.read_files(crafted)
    assert got.messages == [] and got.skipped == [(n, "unreadable_email") for n, _ in crafted]
    monkeypatch.setattr(mb, "MAX_MSG_BYTES", len(good) - 1)
    assert mb.read_files([("big.msg", good)]).skipped == [("big.msg", "unreadable_email")]


def test_the_import_is_bounded(monkeypatch):
    inner = as_zip(mailbox()[:1])
    nested = as_zip([("a.zip", inner, None)])
    got = mb.read_files([("deep.zip", as_zip([("b.zip", nested, None)]))])
    assert got.messages == [] and got.skipped == [("deep.zip/b.zip/a.zip", "zip_too_deep")]
    monkeypatch.setattr(mb, "MAX_MESSAGES", 2)
    got = mb.read_files([(n, d) for n, d, _ in mailbox()[:4]])
    assert len(got.messages) == 2 and got.skipped[-1] == ("", "too_many_messages")
    monkeypatch.setattr(mb, "MAX_GIVEN_BYTES", 100)
    got = mb.read_files([("a.eml", mailbox()[0][1])])
    assert got.messages == [] and got.skipped == [("", "total_too_large")]
    monkeypatch.setattr(mb, "MAX_UNPACKED_BYTES", 1000)
    got = mb.read_files([("bomb.zip", as_zip([("big.eml", b"From: a@b.it\nSubject: x\n\n" + b"x" * 50_000, None)]))])
    assert got.messages == [] and got.skipped[-1] == ("", "total_too_large")


def test_a_daticert_with_entities_is_not_read():
    bomb = (
        b'<!DOCTYPE x [<!ENTITY a "20/02/2020">]><postacert><dati><data zona="+0100">'
        b"<giorno>&a;</giorno><ora>10:00:00</ora></data></dati></postacert>"
    )
    assert mb.pec_delivery_time(bomb) is None
    original = hand_email("Asti", at(21))
    assert mb.read_message("p.eml", pec(original, at(21, 12))).delivered_at == at(21, 12)


def test_email_html_is_text_never_markup():
    raw = (
        b"From: x@y.it\nSubject: s\nDate: Thu, 20 Feb 2020 10:00:00 +0100\nContent-Type: text/html\n\n"
        b"<b>bold</b><script>alert(1)</script>"
    )
    assert "<" not in mb.read_message("h.eml", raw).body


def test_ranking_shows_ties_and_the_choice_leaves_a_tie_at_the_cut_to_the_evaluators():
    found = cards()
    ev = evaluation.new_evaluation(found, CALL)
    admissible = [c for c in found if c.admissible]
    for c in admissible:
        ev.scores[c.key]["needs"] = evaluation.Score(score=1)
    bra, alba, chieri = (by_name(n)[0] for n in ("Comune di Bra", "Comune di Alba", "Comune di Chieri"))
    for c, s in ((bra, 5), (alba, 5), (chieri, 4)):
        ev.scores[c.key]["needs"] = evaluation.Score(score=s, note="clear")
    ranked = evaluation.ranking(found, ev, CALL)
    assert {r.card.key for r in ranked} == {c.key for c in admissible}
    top = [r for r in ranked if r.rank == 1]
    assert {r.card.applicant for r in top} >= {"Comune di Bra", "Comune di Alba"} and all(r.tied for r in top)
    inside, tied = evaluation.chosen(ranked, CALL.places)
    assert len(inside) + len(tied) >= CALL.places
    if tied:
        assert len({r.rank for r in tied}) == 1


def test_the_evaluation_round_trips_and_two_evaluators_merge_with_their_differences():
    found = cards()
    a = evaluation.new_evaluation(found, CALL, "Rossi")
    key = found[0].key
    a.scores[key]["needs"] = evaluation.Score(score=4, note="good")
    assert evaluation.from_json(evaluation.to_json(a), CALL) == a
    b = evaluation.from_json(evaluation.to_json(a), CALL)
    b.evaluator = "Bianchi"
    b.scores[key]["needs"] = evaluation.Score(score=2, note="thin")
    merged, diffs = evaluation.merge(a, b, CALL)
    assert [(d.key, d.criterion, d.first, d.second) for d in diffs] == [(key, "needs", 4, 2)]
    assert merged.score(key, "needs").score == 3 and merged.score(key, "needs").note == "good / thin"
    assert merged.evaluator == "Rossi + Bianchi"
    with pytest.raises(DraftError):
        evaluation.from_json(b'{"format": "call-evaluation", "version": 1, "call_id": "other-call"}', CALL)
    with pytest.raises(DraftError):
        evaluation.from_json(b"[" * 100 + b"]" * 100, CALL)


def test_a_letter_signed_on_paper_is_ranked_flagged_and_counts_once_checked_by_hand():
    found = cards()
    [chivasso] = by_name("Comune di Chivasso")
    [moncalieri] = by_name("Comune di Moncalieri")  # no identity document: incomplete
    ev = evaluation.new_evaluation(found, CALL, "Rossi")
    ranked = {r.card.key for r in evaluation.ranking(found, ev, CALL)}
    assert chivasso.key in ranked and moncalieri.key not in ranked  # kept while still to check
    assert reasons(moncalieri, CALL, "en") == ["letter signed by hand without an identity document"]

    def row(cards_, key):
        ws = load_workbook(io.BytesIO(workbook(cards_, ev, CALL)))["Candidature"]
        i = next(i for i, c in enumerate(cards_) if c.key == key)
        return dict(zip(FACTS, [c.value for c in ws[3 + i]], strict=False))

    assert row(found, chivasso.key)["signed"] == "firma a mano da verificare"
    text = "\n".join(c.text for c in Document(io.BytesIO(minutes(found, ev, CALL, date(2020, 3, 2)))).tables[0]._cells)
    assert "Ammissibile alla valutazione (firma a mano da verificare)" in text
    # The officer looks at the scan and the identity card: not OK. Saved with the scores, it counts.
    ev.hand_checks[chivasso.key] = False
    ev = evaluation.from_json(evaluation.to_json(ev), CALL)
    assert chivasso.key not in {r.card.key for r in evaluation.ranking(found, ev, CALL)}
    assert outcomes(found, ev, CALL)[chivasso.key] == "not_admitted"
    assert row(found, chivasso.key)["reasons"] == "firma a mano della Lettera d'impegno non regolare"
    ev.hand_checks[chivasso.key] = True
    assert chivasso.key in {r.card.key for r in evaluation.ranking(found, ev, CALL)}
    assert row(found, chivasso.key)["signed"] == "sì"
    # The reply to the one without an identity document asks for it.
    assert outcomes(found, ev, CALL)[moncalieri.key] == "not_admitted"
    with zipfile.ZipFile(io.BytesIO(replies_zip(found, ev, CALL))) as zf:
        body = email.message_from_bytes(
            zf.read(next(n for n in zf.namelist() if "Moncalieri" in n)), policy=policy.default
        ).get_body()
    assert "please send the signatory's identity document" in body.get_content()


def test_two_evaluators_checks_by_hand_merge_and_a_disagreement_is_left_to_check_again():
    found = cards()
    [chivasso] = by_name("Comune di Chivasso")
    [collegno] = by_name("Comune di Collegno")
    a, b = evaluation.new_evaluation(found, CALL, "Rossi"), evaluation.new_evaluation(found, CALL, "Bianchi")
    a.hand_checks[chivasso.key], b.hand_checks[chivasso.key] = True, False
    a.hand_checks[collegno.key] = True  # only one looked at it: taken, and listed
    merged, diffs = evaluation.merge(a, b, CALL)
    assert [(d.key, d.criterion, d.first, d.second) for d in diffs] == sorted(
        [(chivasso.key, "hand_check", 1.0, 0.0), (collegno.key, "hand_check", 1.0, None)]
    )
    assert merged.hand_checks == {collegno.key: True}


def test_the_workbook_has_a_row_each_every_fact_and_totals_as_formulas():
    found = cards()
    ev = evaluation.new_evaluation(found, CALL)
    ev.scores[found[0].key]["needs"] = evaluation.Score(score=4, note='=HYPERLINK("http://x")')
    ws = load_workbook(io.BytesIO(workbook(found, ev, CALL)))["Candidature"]
    assert ws.max_row == 2 + len(found)
    heads = [c.value for c in ws[1]]
    assert heads[1] == "Ente" and heads[-1] == "Totale" and len(heads) == len(FACTS) + len(CALL.criteria) + 1
    weights = [c.value for c in ws[2]][len(FACTS) : len(FACTS) + len(CALL.criteria)]
    assert weights == [c.weight for c in CALL.criteria]
    for r in range(3, ws.max_row + 1):
        assert ws.cell(r, len(heads)).value == f"=SUMPRODUCT($U$2:$X$2,U{r}:X{r})"
    first = [c.value for c in ws[3]]
    assert first[1] == "Comune di Agliè" and first[len(FACTS) : len(FACTS) + 4] == [5, 5, 2, 4]
    notes = load_workbook(io.BytesIO(workbook(found, ev, CALL)))["Note"]
    assert notes.cell(2, 3).data_type == "s"  # a note that looks like a formula stays text


def test_the_minutes_in_italian_name_the_excluded_and_why_and_the_chosen():
    found = cards()
    ev = evaluation.new_evaluation(found, CALL, "Rossi")
    text = "\n".join(p.text for p in Document(io.BytesIO(minutes(found, ev, CALL, date(2020, 3, 2)))).paragraphs)
    assert "Verbale di valutazione" in text and "02/03/2020" in text and "Valutazione di: Rossi" in text
    assert "Comune di Casale Monferrato: arrivata dopo la scadenza." in text
    assert "Comune di Fossano: allegati mancanti (Annex 3)." in text
    ranking = Document(io.BytesIO(minutes(found, ev, CALL, date(2020, 3, 2)))).tables[1]
    assert [c.text for c in ranking.rows[0].cells] == ["Posizione", "Ente", "Punti"]
    assert len(ranking.rows) == 1 + sum(c.admissible for c in found)
    # All scored alike but by the suggestions: many tie at the top, the cut is left to the evaluators.
    assert ranking.rows[1].cells[0].text == "1 (pari merito)"
    assert "Pari merito all'ultimo posto utile, da decidere:" in text


def test_a_reply_for_each_applicant_italian_then_english():
    found = cards()
    ev = evaluation.new_evaluation(found, CALL)
    due = outcomes(found, ev, CALL)
    [fossano] = by_name("Comune di Fossano")
    [first_cuneo, _] = by_name("Comune di Cuneo")
    assert due[fossano.key] == "not_admitted" and first_cuneo.key not in due
    with zipfile.ZipFile(io.BytesIO(replies_zip(found, ev, CALL))) as zf:
        names = zf.namelist()
        assert len(names) == len(due)
        fossano_reply = next(n for n in names if "Fossano" in n)
        msg = email.message_from_bytes(zf.read(fossano_reply), policy=policy.default)
    body = msg.get_body().get_content()
    assert msg["To"] == fossano.sender and msg["From"] == CALL.submission_email
    assert "allegati mancanti (Annex 3)" in body and "annexes missing (Annex 3)" in body
    assert body.index("Gentili") < body.index("Dear colleagues")
    assert reasons(fossano, CALL, "en") == ["annexes missing (Annex 3)"]


def test_the_command_line_writes_the_workbook(tmp_path):
    box = tmp_path / "box.zip"
    box.write_bytes(as_zip(mailbox()[:3] + mailbox()[11:12]))
    out = subprocess.run(
        [sys.executable, "-m", "intake", "inbox", str(box), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1, out.stderr  # one is late
    assert "Comune di Casale Monferrato: NOT admissible: arrived after the deadline" in out.stdout
    ws = load_workbook(tmp_path / "out" / "CONNECTION_applications.xlsx")["Candidature"]
    assert ws.max_row == 2 + 4
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing")
    assert subprocess.run([sys.executable, "-m", "intake", "inbox", str(empty), "--out", str(tmp_path)]).returncode == 2


def test_the_command_line_reads_no_further_than_its_bound(tmp_path):
    """A path whose size on disk says nothing (/dev/zero): "more than ... MB", exit 2, no
    MemoryError (the reliability audit's L5, on the other command line)."""
    out = subprocess.run(
        [sys.executable, "-m", "intake", "inbox", "/dev/zero", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2 and "not read" in out.stderr and "Traceback" not in out.stderr


def test_files_nested_as_mail_programs_nest_them_are_found_and_a_forwarded_email_is_one_file():
    from email.mime.application import MIMEApplication
    from email.mime.message import MIMEMessage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    outer = MIMEMultipart("mixed")
    outer["From"], outer["Subject"] = "a@comune.example.it", "Candidatura"
    alternative, related = MIMEMultipart("alternative"), MIMEMultipart("related")
    alternative.attach(MIMEText("testo"))
    related.attach(MIMEText("<p>testo</p>", "html"))
    pdf = MIMEApplication(b"%PDF-1.7", "pdf")
    pdf.add_header("Content-Disposition", "inline", filename="Lettera_impegno.pdf")
    related.attach(pdf)
    alternative.attach(related)
    outer.attach(alternative)
    forwarded = hand_email("Asti", at(21))
    outer.attach(MIMEMessage(email.message_from_bytes(forwarded)))
    got = mb.read_message("nested.eml", outer.as_bytes())
    assert [f.name for f in got.files] == ["Lettera_impegno.pdf", "message.eml"]
    assert got.files[0].data == b"%PDF-1.7"
    assert email.message_from_bytes(got.files[1].data)["Subject"] == "Candidatura progetto CONNECTION - Comune di Asti"


def test_a_pdf_is_read_for_its_first_pages_and_a_crafted_one_is_stopped(monkeypatch):
    five = PdfWriter()
    for n in range(1, 6):
        five.append(PdfReader(io.BytesIO(text_pdf(f"Page {n}"))))
    out = io.BytesIO()
    five.write(out)
    assert texts.pdf_text(out.getvalue()) == "Page 1\nPage 2\nPage 3"
    assert texts.pdf_text(b"%PDF-1.7 not a PDF") is None
    monkeypatch.setattr(texts, "PDF_LIMITS", replace(texts.PDF_LIMITS, cpu_seconds=1, wall_seconds=4))
    started = time.monotonic()
    assert texts.pdf_text(hostile_pdfs.form_flood()) is None  # 100 s of extraction, stopped at its limit
    assert time.monotonic() - started < 10


def test_a_pdf_whose_text_could_not_be_read_is_said_on_the_card_not_left_silent():
    """An annex sent as a PDF with a generic name is found by its words; when its text cannot
    be read (damaged, or over its limits on a busy server) the annex would read as missing:
    the card says to open the file."""
    from dossier.english import EnglishChecker
    from intake.cards import card_of

    def received(pdf: bytes) -> mb.Received:
        return mb.Received(
            source="x.eml",
            sender="segreteria@comune.example.it",
            sender_name="Comune",
            subject="Candidatura",
            sent_at=at(20),
            files=[mb.File("documento2.pdf", pdf)],
        )

    broken = card_of(received(b"%PDF-1.7 not a PDF"), CALL, EnglishChecker())
    assert "pdf_unread" in broken.notes and broken.missing_annexes and "documento2.pdf" in broken.unrecognised
    readable = card_of(received(text_pdf("Curriculum vitae", "Europass")), CALL, EnglishChecker())
    assert "pdf_unread" not in readable.notes
