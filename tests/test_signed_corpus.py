"""Real signed files, as tools other than ours wrote them (tests/data/signed/MANIFEST.tsv;
docs/SIGNATURES.md says, file by file, what the source expects and what we say).

The files are not in the repository: they come from public test suites (the EU's DSS,
LGPL-2.1) and are read from a local copy, a folder laid out as the source repository
(SIGNED_CORPUS) or a git clone of it at the manifest's commit (SIGNED_CORPUS_GIT). Each is
checked against its SHA-256 before use. Without either, the tests say so and skip.
"""

import csv
import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from dossier.signing import ACCEPTED, check_letter
from support import ROOT

MANIFEST = ROOT / "tests" / "data" / "signed" / "MANIFEST.tsv"
FOLDER = os.environ.get("SIGNED_CORPUS", "")
GIT = os.environ.get("SIGNED_CORPUS_GIT", "")


def _rows() -> list[dict]:
    with MANIFEST.open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def _read(row: dict) -> bytes:
    if FOLDER and (Path(FOLDER) / row["path"]).is_file():
        data = (Path(FOLDER) / row["path"]).read_bytes()
    elif GIT and Path(GIT).is_dir():
        data = subprocess.run(
            ["git", f"--git-dir={GIT}", "show", f"{row['commit']}:{row['path']}"], capture_output=True, check=True
        ).stdout
    else:
        pytest.skip("the corpus of real signed files is not on this machine (SIGNED_CORPUS or SIGNED_CORPUS_GIT)")
    assert hashlib.sha256(data).hexdigest() == row["sha256"], row["path"]
    return data


ROWS = _rows()


def test_the_corpus_is_large_and_from_several_tools():
    genuine = [r for r in ROWS if r["set"] == "genuine"]
    assert len(genuine) >= 40 and len([r for r in ROWS if r["set"] == "tampered"]) >= 20
    assert {Path(r["path"]).suffix for r in genuine} >= {".pdf", ".p7m"}


@pytest.mark.parametrize("row", [r for r in ROWS if r["set"] == "genuine"], ids=lambda r: r["path"].split("/")[-1])
def test_a_genuine_file_is_read_intact_with_its_signers(row):
    v = check_letter(_read(row), fingerprint="0" * 64, signatory="Nobody Inparticular")
    assert v.signatures, (v.outcome, v.problems)
    assert all(s.intact for s in v.signatures)
    assert all(s.signer.name or s.signer.issuer for s in v.signatures)
    assert "tampered" not in v.problems


@pytest.mark.parametrize("row", [r for r in ROWS if r["set"] == "tampered"], ids=lambda r: r["path"].split("/")[-1])
def test_a_tampered_file_is_never_called_intact(row):
    v = check_letter(_read(row), fingerprint="0" * 64, signatory="Nobody Inparticular")
    assert v.outcome != ACCEPTED
    assert not (v.signatures and all(s.intact for s in v.signatures) and not v.problems)
