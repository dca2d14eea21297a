"""ANCI's path in AppTest: from Start to the cards, the table, the scores and the files."""

from __future__ import annotations

import json
from datetime import date

from inbox_factory import as_zip, mailbox

from components.session.markdown import escape_md
from wizard import new_app

# An import runs every check of ~30 emails, each in a worker of its own: a minute or more on a
# loaded machine (the app's own bound is intake.inbox.IMPORT_LIMITS).
IMPORT_TIMEOUT = 240


def text(at) -> str:
    return " ".join(e.value for kind in ("success", "error", "warning", "info", "markdown") for e in getattr(at, kind))


def anci_with_mailbox():
    at = new_app()
    assert any(link.proto.page == "anci" for link in at.get("page_link"))  # the link on Start
    at.switch_page("views/anci.py").run()
    assert not at.exception, at.exception
    at.file_uploader(key="anci-upload").set_value([("mailbox.zip", as_zip(mailbox()), "application/zip")])
    at.run(timeout=IMPORT_TIMEOUT)
    assert not at.exception, at.exception
    return at


def admissible_cards(at):
    return [c for c in at.session_state["anci_cards"] if c.admissible]


def test_the_anci_path_imports_the_mailbox_and_writes_a_card_each():
    at = anci_with_mailbox()
    shown = text(at)
    assert f"Lette **{len(mailbox())}** email di candidatura." in shown
    assert "Non ammissibile: arrivata dopo la scadenza" in shown  # Casale Monferrato, Acqui Terme
    assert "**Lettera firmata non valida**: modificata dopo la firma." in shown  # Mondovì
    assert "**Lettera firmata da Giulia Bianchi**, ma la lettera indica Marco Bertolino come firmatario." in shown
    assert "**Fuori dalla regione del bando**: Bergamo (BG) è in Lombardia." in shown
    assert "Il file delle risposte **non corrisponde** alla lettera firmata" in shown
    assert "Annex 3 – CV of the municipality officer involved in the implementation of the project: **manca**" in shown
    assert "Fatta a mano: leggete i documenti." in shown
    assert "Altri file, non riconosciuti come allegati del bando (apriteli): documento1.pdf" in shown
    assert "Lettera firmata in una busta .p7m che non contiene un PDF (per esempio un file Word)" in shown
    assert "**Sostituita** da una candidatura successiva dello stesso ente." in shown
    assert "**3 frasi non in inglese**" in shown
    # The needs analyses side by side: the first two admissible ones, question by question.
    assert at.multiselect[0].value == [c.key for c in admissible_cards(at)[:2]]
    assert shown.count(f"*{escape_md('1. Local context and needs')}*") == 2
    [table, _] = at.dataframe
    assert len(table.value) == len(mailbox()) and "Ente" in table.value.columns


def test_scores_rank_and_the_evaluation_saved_and_loaded_again():
    at = anci_with_mailbox()
    # The scores the facts suggest are there; the needs analysis is the evaluator's to score.
    bra = next(e for e in at.expander if e.label.startswith("2. Comune di Bra – "))
    assert bra.label == "2. Comune di Bra – 34"  # size 5×3, action plan 5×3, English B1 2×2
    [needs] = [n for n in bra.number_input if n.key.endswith("-needs")]
    needs.set_value(5.0).run()
    assert not at.exception
    bra = next(e for e in at.expander if e.label.startswith("2. Comune di Bra – "))
    assert bra.label == "2. Comune di Bra – 44"
    ranking = at.dataframe[1].value
    assert ranking.iloc[0]["Ente"] == "Comune di Bra" and ranking.iloc[0]["Totale"] == 44
    saved = at.session_state["anci_eval"].model_dump_json().encode()  # what "Scarica la valutazione" gives
    assert json.loads(saved)["evaluator"] == ""
    # One more email added to the mailbox: the scores given stay.
    more = ("extra.eml", mailbox()[0][1] + b"\n", "message/rfc822")  # Agliè again, a later copy
    at.file_uploader(key="anci-upload").set_value([("mailbox.zip", as_zip(mailbox()), "application/zip"), more])
    at.run(timeout=IMPORT_TIMEOUT)
    assert at.dataframe[1].value.iloc[0].to_dict() == {"Posizione": "1", "Ente": "Comune di Bra", "Totale": 44}
    # A fresh session: the same mailbox, the saved file loaded, Bra's score is back.
    at = anci_with_mailbox()
    at.file_uploader(key="anci-load").set_value(("eval.json", saved, "application/json")).run()
    assert not at.exception and "Valutazione caricata." in text(at)
    assert at.dataframe[1].value.iloc[0]["Ente"] == "Comune di Bra"
    at.file_uploader(key="anci-load").set_value(("x.json", b'{"a": 1}', "application/json")).run()
    assert "Questo file non è una valutazione di questo bando." in text(at)


def test_import_scores_and_files_write_nothing_to_disk(tmp_path):
    from inbox_factory import CALL
    from test_isolation import _watch  # its audit hook sees every file opened for writing

    from components.page_parts.applications import files
    from intake.evaluation import new_evaluation
    from intake.inbox import import_cards
    from intake.minutes import minutes
    from intake.replies import replies_zip
    from intake.workbook import workbook

    assert files  # the page's "files" offer these three, made on click
    _watch.update(on=True, allowed=str(tmp_path), writes=[])
    try:
        at = anci_with_mailbox()
        _, cards = import_cards([("box.zip", as_zip(mailbox()))], CALL)
        ev = new_evaluation(cards, CALL)
        assert workbook(cards, ev, CALL) and minutes(cards, ev, CALL, date(2020, 3, 2)) and replies_zip(cards, ev, CALL)
        assert not at.exception
    finally:
        _watch["on"] = False
    assert _watch["writes"] == []


def test_in_english_the_cards_speak_english():
    at = anci_with_mailbox()
    at.session_state["lang"] = "en"
    at.run()
    shown = text(at)
    assert f"Read **{len(mailbox())}** application emails." in shown
    assert "Not admissible: arrived after the deadline" in shown
    assert "**Outside the call's region**: Bergamo (BG) is in Lombardia." in shown


def test_files_that_are_no_mailbox_are_listed_as_not_read_never_a_traceback():
    at = new_app()
    at.switch_page("views/anci.py").run()
    junk = [
        ("random.eml", bytes(range(256)) * 50, "message/rfc822"),
        ("broken.zip", b"PK\x03\x04" + b"\0" * 100, "application/zip"),
        ("outlook.msg", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "application/vnd.ms-outlook"),
    ]
    at.file_uploader(key="anci-upload").set_value(junk).run()
    assert not at.exception
    shown = text(at)
    assert "Nessuna email di candidatura trovata nei file caricati." in shown
    for line in ("outlook.msg: email illeggibile", "broken.zip: ZIP danneggiato"):
        assert escape_md(line) in shown
    assert escape_md("random.eml: non è un'email") in shown


def test_what_an_email_says_is_shown_literally():
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = '"[Clicca qui](http://evil.example) **Sindaco**" <a@comune.example.it>'
    msg["Subject"] = "Candidatura Comune di Bra <script>alert(1)</script>"
    msg["Date"] = "Thu, 20 Feb 2020 10:00:00 +0100"
    msg.set_content("<b>testo</b>")
    msg.add_attachment(b"%PDF-1.7", maintype="application", subtype="pdf", filename="[x](http://e) Annex 1.pdf")
    at = new_app()
    at.switch_page("views/anci.py").run()
    at.file_uploader(key="anci-upload").set_value([("x.eml", msg.as_bytes(), "message/rfc822")]).run()
    assert not at.exception
    shown = text(at)
    assert escape_md("[Clicca qui](http://evil.example) **Sindaco** <a@comune.example.it>") in shown
    assert escape_md("[x](http://e) Annex 1.pdf") in shown


def test_every_input_of_the_anci_path_has_a_visible_label_and_help_under_it():
    """As on the wizard's steps (tests/test_accessibility.py): help is text under the field,
    read with it, not a "?" tooltip."""
    from test_accessibility import KINDS, _leaves

    at = anci_with_mailbox()
    order = list(_leaves(at.main))
    lacking, seen = [], 0
    for i, widget in enumerate(order):
        if type(widget).__name__ not in {*KINDS, "FileUploader"}:
            continue
        seen += 1
        after = [type(w).__name__ for w in order[i + 1 : i + 3]]
        if not (widget.label.strip() and "Caption" in after) or widget.proto.help:
            lacking.append(f"{widget.key} {widget.label!r} (then {after})")
    assert seen > 50  # the uploaders, the needs' choice, the evaluator, scores and notes
    assert lacking == []


def test_a_second_evaluators_file_merges_and_the_differences_are_shown():
    from intake.evaluation import Score

    at = anci_with_mailbox()
    mine = at.session_state["anci_eval"]
    bra = next(c for c in at.session_state["anci_cards"] if c.applicant == "Comune di Bra")
    theirs = mine.model_copy(deep=True)
    theirs.evaluator = "Bianchi"
    theirs.scores[bra.key]["needs"] = Score(score=4, note="chiara")
    at.file_uploader(key="anci-merge").set_value(
        ("bianchi.json", theirs.model_dump_json().encode(), "application/json")
    )
    at.run()
    assert not at.exception
    shown = text(at)
    assert "Valutazioni unite: 1 differenze (per queste vale la media)." in shown
    assert escape_md("Comune di Bra, Qualità dell'analisi dei bisogni: – / 4") in shown
    assert at.dataframe[1].value.iloc[0].to_dict() == {"Posizione": "1", "Ente": "Comune di Bra", "Totale": 42}


def test_an_import_too_heavy_for_its_worker_is_stopped_in_words_and_tried_again(monkeypatch):
    """The mailbox is parsed and checked in a worker process with limits, never in the
    server's (dossier/isolation.py): over a limit the page says so; nothing breaks."""
    from dataclasses import replace

    from intake import inbox

    monkeypatch.setattr(inbox, "IMPORT_LIMITS", replace(inbox.IMPORT_LIMITS, wall_seconds=0.01))
    at = anci_with_mailbox()
    assert any("troppo pesanti da controllare" in e.value for e in at.error)
    assert "anci_cards" not in at.session_state or not at.session_state["anci_cards"]
    monkeypatch.undo()
    at.run(timeout=IMPORT_TIMEOUT)  # the next run imports again
    assert len(at.session_state["anci_cards"]) == len(mailbox())


def test_a_letter_signed_on_paper_is_flagged_and_the_officers_check_by_hand_counts_and_is_saved():
    at = anci_with_mailbox()
    shown = text(at)
    assert "Ammissibile, con la firma a mano **da verificare**" in shown  # Chivasso, Collegno
    assert "Firmatario indicato nella lettera: Claudio Castello." in shown
    assert escape_md("con il documento d'identità «Carta d'identità Castello.jpg»") in shown
    assert "**Lettera firmata a mano senza documento d'identità**" in shown  # Moncalieri
    assert "Non ammissibile: lettera firmata a mano senza documento d'identità" in shown
    table = at.dataframe[0].value
    chivasso = table[table["Ente"] == "Comune di Chivasso"].iloc[0]
    assert chivasso["Firmata"] == "firma a mano da verificare" and chivasso["Ammessa"] == "sì"
    assert "Comune di Chivasso" in set(at.dataframe[1].value["Ente"])  # ranked while still to check
    [check] = [r for r in at.radio if r.label == "Verifica a mano della firma: Comune di Chivasso"]
    assert check.value == "to_check"
    check.set_value("not_ok").run()
    assert not at.exception
    assert "Comune di Chivasso" not in set(at.dataframe[1].value["Ente"])
    assert "Firma verificata a mano: **non regolare**." in text(at)
    saved = json.loads(at.session_state["anci_eval"].model_dump_json())
    key = next(c.key for c in at.session_state["anci_cards"] if c.applicant == "Comune di Chivasso")
    assert saved["hand_checks"] == {key: False}
    # Loaded again in a fresh session, the check stands.
    at = anci_with_mailbox()
    at.file_uploader(key="anci-load").set_value(("eval.json", json.dumps(saved).encode(), "application/json")).run()
    assert "Comune di Chivasso" not in set(at.dataframe[1].value["Ente"])
    [check] = [r for r in at.radio if r.label == "Verifica a mano della firma: Comune di Chivasso"]
    assert check.value == "not_ok"


def test_the_anci_page_sidebar_has_the_language_and_the_way_back_not_the_applicants_steps():
    at = new_app()
    at.switch_page("views/anci.py").run()
    assert not at.exception
    links = [link.proto.label for link in at.sidebar.get("page_link")]
    assert links == ["Torna all'inizio"]  # no step list
    assert not at.sidebar.info and not at.sidebar.warning  # no deadline: the call's, not the officer's
    assert not at.sidebar.get("download_button") and not at.sidebar.file_uploader  # no draft panel
    assert [b.proto.label for b in at.sidebar.get("button_group")] == ["Lingua dell'interfaccia"]
    at.session_state["lang"] = "en"
    at.run()
    assert [link.proto.label for link in at.sidebar.get("page_link")] == ["Back to Start"]
