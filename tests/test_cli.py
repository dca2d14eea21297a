"""`python -m dossier`: sample, build, municipalities."""

import hashlib
import io
import json
import subprocess
import sys

from docx import Document

from dossier import sample
from dossier.drafts import from_json, to_json
from support import ROOT


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args], cwd=ROOT, capture_output=True, text=True, input=stdin, timeout=120
    )


def test_sample_is_a_valid_complete_draft(call):
    from dossier.eligibility import is_ready

    for extra in ([], ["--union"]):
        out = run("sample", *extra)
        assert out.returncode == 0
        d = from_json(out.stdout)
        assert is_ready(d, call)
        assert (d.eligibility.kind == "union") is bool(extra)


def test_build_writes_annexes_and_zip_but_no_email_without_a_signed_letter(tmp_path):
    draft = tmp_path / "draft.json"
    draft.write_text(run("sample").stdout)
    out = run("build", str(draft), "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len([f for f in files if f.endswith(".docx")]) == 3
    assert any(f.endswith(".zip") for f in files)
    assert not [f for f in files if f.endswith(".eml")]  # nothing that looks like a complete application
    cv = next((tmp_path / "out").glob("*Annex3*.docx"))
    assert Document(io.BytesIO(cv.read_bytes()))


def test_build_refuses_an_invalid_draft_field_by_field(tmp_path):
    data = json.loads(run("sample").stdout)
    data["applicant"]["population"] = "many"
    data["officer"]["experience"][0]["start"] = "yesterday"
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(data))
    out = run("build", str(draft), "--out", str(tmp_path / "out"))
    assert out.returncode == 2
    assert "applicant.population" in out.stderr and "officer.experience.0.start" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "out").exists()


def test_build_refuses_a_file_that_is_not_a_draft(tmp_path):
    draft = tmp_path / "draft.json"
    draft.write_text("<html>not json</html>")
    out = run("build", str(draft), "--out", str(tmp_path / "out"))
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_municipalities_of_piedmont():
    lines = run("municipalities", "--region", "Piemonte").stdout.splitlines()
    assert len(lines) == 1180
    assert {"Agliè (TO)", "Settimo Torinese (TO)", "Cuneo (CN)"} <= set(lines)


def test_build_refuses_a_draft_for_an_unknown_call(tmp_path):
    data = json.loads(run("sample").stdout)
    data["call_id"] = "call-of-2031"
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(data))
    out = run("build", str(draft), "--out", str(tmp_path / "out"))
    assert out.returncode == 2 and "call-of-2031" in out.stderr and "Traceback" not in out.stderr


def signed_files(tmp_path, letter_pdfs):
    import pki

    draft = tmp_path / "draft.json"
    draft.write_text(run("sample").stdout)
    files = {
        "pades": pki.pades(letter_pdfs["now"]),
        "p7m": pki.cades(letter_pdfs["now"]),
        "older": pki.pades(letter_pdfs["older"]),
        "other": pki.pades(letter_pdfs["now"], "other"),
        "text": b"not a letter",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return draft


def test_verify_signed_prints_the_verdict_and_exits_0_1_2(tmp_path, letter_pdfs):
    draft = signed_files(tmp_path, letter_pdfs)
    for name, code, outcome in (
        ("pades", 0, "accepted"),
        ("p7m", 0, "accepted"),
        ("older", 1, "refused"),
        ("text", 2, "unusable"),
    ):
        out = run("verify-signed", str(tmp_path / name), "--draft", str(draft))
        assert out.returncode == code, (name, out.stderr)
        verdict = json.loads(out.stdout)
        assert verdict["outcome"] == outcome and "Traceback" not in out.stderr
    assert verdict["messages"] == [
        "The file is neither a PDF nor a signed .p7m envelope. Upload the signed letter as .pdf or .p7m."
    ]
    older = json.loads(run("verify-signed", str(tmp_path / "older"), "--draft", str(draft)).stdout)
    assert older["problems"] == ["older_answers"] and "earlier version of the answers" in older["messages"][0]
    pades = json.loads(run("verify-signed", str(tmp_path / "pades"), "--draft", str(draft)).stdout)
    assert pades["signer"]["fiscal_code"] == "BRTMRC70A01A074X" and pades["signer"]["qualified"] is True
    assert pades["not_checked"] == ["revocation", "trusted_lists"]


def test_build_with_the_signed_letter_writes_the_email_and_the_record(tmp_path, letter_pdfs):
    import email
    from email import policy

    draft = signed_files(tmp_path, letter_pdfs)
    out = run("build", str(draft), "--out", str(tmp_path / "out"), "--pdf", "--signed-letter", str(tmp_path / "p7m"))
    assert out.returncode == 0, out.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len([f for f in written if f.endswith(".pdf")]) == 3  # --pdf: the PDF/A annexes
    [eml] = (tmp_path / "out").glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    files = {a.get_filename(): a.get_content() for a in msg.iter_attachments()}
    assert files["CONNECTION_Annex1_Letter_of_Commitment_Aglie.pdf.p7m"] == (tmp_path / "p7m").read_bytes()
    assert len(files) == 4 and not [n for n in files if n.endswith(".docx")]  # with the answers (JSON)
    [record] = (tmp_path / "out").glob("*submission_record*.txt")
    assert hashlib.sha256((tmp_path / "p7m").read_bytes()).hexdigest() in record.read_text()


def test_build_refuses_a_wrong_letter_and_a_mismatch_needs_accept_warnings(tmp_path, letter_pdfs):
    draft = signed_files(tmp_path, letter_pdfs)
    out = run("build", str(draft), "--out", str(tmp_path / "out"), "--signed-letter", str(tmp_path / "older"))
    assert out.returncode == 1 and "earlier version" in out.stderr and not (tmp_path / "out").exists()
    out = run("build", str(draft), "--out", str(tmp_path / "out"), "--signed-letter", str(tmp_path / "other"))
    assert out.returncode == 1 and "Giulia Bianchi" in out.stderr and "--accept-warnings" in out.stderr
    assert not (tmp_path / "out").exists()


def test_check_lists_every_problem_as_json_lines_and_exits_1(tmp_path):
    d = sample.union()
    d.applicant.pec = "not a pec"  # a wrong PEC
    d.applicant.population = 5000  # typed against members summing to 13,680
    d.officer.relevant_experience = "Il funzionario coordina lo sportello per i cittadini stranieri dal 2018."
    draft = tmp_path / "draft.json"
    draft.write_text(to_json(d))
    out = run("check", str(draft))
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 1
    assert {(x["step"], x["field"], x["rule"]) for x in lines} == {
        ("applicant", "applicant.pec", "pec_invalid"),
        ("applicant", "applicant.population", "union_total_mismatch"),
        ("english", "officer.relevant_experience", "not_english"),
    }
    mismatch = next(x for x in lines if x["rule"] == "union_total_mismatch")
    assert "(5,000)" in mismatch["message"] and "(13,680)" in mismatch["message"]


def test_check_a_complete_draft_prints_nothing_and_exits_0(tmp_path):
    draft = tmp_path / "draft.json"
    draft.write_text(to_json(sample.single()))
    out = run("check", str(draft))
    assert (out.returncode, out.stdout) == (0, "")


def test_check_reads_no_more_of_a_draft_than_its_limit():
    out = run("check", "/dev/zero")  # endless: read unbounded, it fills the memory
    assert out.returncode == 2 and "too large" in out.stderr and "Traceback" not in out.stderr


def test_build_writes_no_email_for_a_draft_with_blocking_errors(tmp_path):
    """As the Documents step: --accept-warnings accepts the letter's warnings, not a draft
    that is not ready (here a scan, which the app's fingerprint does not tie to the answers)."""
    d = sample.single()
    d.applicant.pec = "not a pec"
    draft = tmp_path / "draft.json"
    draft.write_text(to_json(d))
    import pki

    (tmp_path / "scan.pdf").write_bytes(pki.foreign_pdf())  # a scan: accepted with a warning
    (tmp_path / "id.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    out = run(
        "build", str(draft), "--out", str(tmp_path / "out"), "--signed-letter", str(tmp_path / "scan.pdf"),
        "--scan", "--id-document", str(tmp_path / "id.png"), "--accept-warnings",
    )  # fmt: skip
    assert out.returncode == 1 and "error: applicant.pec: pec invalid" in out.stderr
    assert "blocking errors" in out.stderr and not (tmp_path / "out").exists()
