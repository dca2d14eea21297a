"""`python -m dossier`: sample, build, municipalities."""

import io
import json
import subprocess
import sys

from docx import Document
from support import ROOT

from dossier.drafts import from_json


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "dossier", *args], cwd=ROOT, capture_output=True,
                          text=True, input=stdin, timeout=120)


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
