"""A new server's first visitor waits for what the first page imports (cold start,
docs/PERFORMANCE.md row 4): the libraries only the Documents step needs stay unloaded
until a user reaches it, and those that check answers (the English check among them)
until there is one to check."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONLY_FOR_DOCUMENTS = ("pyhanko", "docxtpl", "docx", "lxml", "jinja2")
ONLY_FOR_ANSWERS = ("email_validator", "phonenumbers")
ONLY_FOR_TEXTS = ("dossier.english", "langdetect", "spellchecker")

PROBE = """
import json, sys
from streamlit.testing.v1 import AppTest
from dossier import sample
at = AppTest.from_file("app.py", default_timeout=60)
at.run()
print(json.dumps(sorted(sys.modules)))
at.session_state["dossier"] = sample.single()
for step in ("eligibility", "applicant", "needs", "officer", "letter", "english", "review"):
    at.switch_page(f"views/{step}.py").run()
    assert not at.exception, [e.value for e in at.exception]
print(json.dumps(sorted(sys.modules)))
"""


def test_no_step_before_documents_loads_what_only_documents_need():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    ).stdout
    first, walked = (set(json.loads(line)) for line in out.strip().splitlines()[-2:])
    assert walked & set(ONLY_FOR_DOCUMENTS) == set()
    assert "dossier" in walked  # the probe did run the wizard
    # The first page of a blank form checks no e-mail address, phone number or text yet.
    assert first & {*ONLY_FOR_ANSWERS, *ONLY_FOR_TEXTS} == set()
    assert {*ONLY_FOR_ANSWERS, *ONLY_FOR_TEXTS} <= walked
