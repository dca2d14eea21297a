"""The signatory a hand-made Letter of Commitment names, read from letters written in the
styles Italian officers use (intake/signatory.py)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from dossier.signatures import Signer
from dossier.signing import names_match
from intake.signatory import signatory_in

LETTERS = [
    ("I, the undersigned Mario Rossi, Mayor of the Municipality of Bra, commit", "Mario Rossi"),
    ("The undersigned Dr. Maria Bianchi, Mayor pro tempore of Alba, declares", "Maria Bianchi"),
    ("I, Giovanni De Luca, in my capacity as Mayor of Chieri, declare", "Giovanni De Luca"),
    ("I, Anna Maria della Valle, Mayor of Ivrea, commit", "Anna Maria della Valle"),
    ("Il sottoscritto Dott. Pier Paolo Verdi, Sindaco del Comune di Asti", "Pier Paolo Verdi"),
    ("La sottoscritta Avv. Chiara Appendino, Sindaca pro tempore", "Chiara Appendino"),
    ("The undersigned: ROBERTO NERI, President of the Union of Municipalities of Alto Canavese", "ROBERTO NERI"),
    ("The undersigned Mario Rossi Mayor of Bra", "Mario Rossi"),  # no comma: the role is no name
    ("Mario Rossi, Mayor of Bra, hereby commits the Municipality", "Mario Rossi"),
    ("Paolo Bianco, in qualità di Sindaco del Comune di Alba", "Paolo Bianco"),
    ("Letter of Commitment\nThe Municipality commits.\n\nBra, 20/02/2020\n\nThe Mayor\nMario Rossi\n", "Mario Rossi"),
    ("Letter\nWe commit.\n\nMario Rossi\nMayor of Bra\n", "Mario Rossi"),
    ("Letter\nWe commit.\n\nIl Sindaco\n(Dott. Mario Rossi)\n", "Mario Rossi"),
    ("Letter\nWe commit.\n\nThe President of the Union\nAnna Verdi\n", "Anna Verdi"),
    ("Letter\nWe commit.\n\nThe Mayor\nf.to Mario Rossi\n", "Mario Rossi"),
    ("The Municipality of Bra commits to the project. Comune di Bra, Mayor", ""),  # no name
    ("Lettera di impegno\nComune di Moncalieri", ""),
    ("", ""),
]


@pytest.mark.parametrize(("text", "name"), LETTERS)
def test_the_signatory_is_read_as_each_style_writes_it(text, name):
    assert signatory_in(text) == name


def test_the_name_read_is_compared_with_the_signer_as_the_applicant_side_compares():
    when = datetime(2020, 1, 1, tzinfo=UTC)
    signer = Signer("MARIO", "ROSSI", "ROSSI MARIO", "RSSMRA70A01L219X", "CA", when, when, qualified=False)
    assert names_match(signatory_in("I, the undersigned Mario Rossi, Mayor of Bra"), signer)
    assert not names_match(signatory_in("I, the undersigned Maria Bianchi, Mayor of Bra"), signer)


def test_a_long_hostile_text_is_read_in_bounded_time():
    hostile = ("I, " + "Aaaa Bbbb " * 50 + ", ") * 2000 + "\n" + "The Mayor\n" * 5000
    start = time.perf_counter()
    signatory_in(hostile[:100_000])
    assert time.perf_counter() - start < 0.5
