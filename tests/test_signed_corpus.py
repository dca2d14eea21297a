"""Real signed files, as tools other than ours wrote them (tests/data/signed/MANIFEST.tsv;
docs/SIGNATURES.md says, file by file, what the source expects and what we say).

The files are not in the repository: they come from public test suites (the EU's DSS,
LGPL-2.1) and are read from a local copy, a folder laid out as the source repository
(SIGNED_CORPUS) or a git clone of it at the manifest's commit (SIGNED_CORPUS_GIT). Each is
checked against its SHA-256 before use. Without either, the tests say so and skip.
"""

from pathlib import Path

import pytest
from corpus import Corpus

from dossier.signing import ACCEPTED, check_letter
from support import ROOT

MANIFEST = ROOT / "tests" / "data" / "signed" / "MANIFEST.tsv"
CORPUS = Corpus(MANIFEST, "SIGNED_CORPUS", "SIGNED_CORPUS_GIT", "real signed files")


ROWS = CORPUS.rows()


def test_the_corpus_is_large_and_from_several_tools():
    genuine = [r for r in ROWS if r["set"] == "genuine"]
    assert len(genuine) >= 40 and len([r for r in ROWS if r["set"] == "tampered"]) >= 20
    assert {Path(r["path"]).suffix for r in genuine} >= {".pdf", ".p7m"}


@pytest.mark.parametrize("row", [r for r in ROWS if r["set"] == "genuine"], ids=lambda r: r["path"].split("/")[-1])
def test_a_genuine_file_is_read_intact_with_its_signers(row):
    v = check_letter(CORPUS.read(row), fingerprint="0" * 64, signatory="Nobody Inparticular")
    assert v.signatures, (v.outcome, v.problems)
    assert all(s.intact for s in v.signatures)
    assert all(s.signer.name or s.signer.issuer for s in v.signatures)
    assert "tampered" not in v.problems


@pytest.mark.parametrize("row", [r for r in ROWS if r["set"] == "tampered"], ids=lambda r: r["path"].split("/")[-1])
def test_a_tampered_file_is_never_called_intact(row):
    v = check_letter(CORPUS.read(row), fingerprint="0" * 64, signatory="Nobody Inparticular")
    assert v.outcome != ACCEPTED
    assert not (v.signatures and all(s.intact for s in v.signatures) and not v.problems)
