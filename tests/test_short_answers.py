"""Short answers are checked too (issue 29): countries of origin, the mother tongue, the
languages and job titles written in Italian are flagged with the English word to use, and
the page and the command line give the same verdict for each."""

import json
import re
import subprocess
import sys

import pytest

from dossier.drafts import to_json
from dossier.english import EnglishChecker
from support import ROOT
from wizard import go, new_app, type_text

SHORT_ITALIAN = {  # path: (typed, a word the hint must suggest)
    "applicant.countries_of_origin": ("Romania, Marocco, Albania, Cina", "Morocco"),
    "officer.mother_tongue": ("Italiano", "Italian"),
    "officer.languages.0.language": ("Inglese", "English"),
    "officer.experience.0.position": ("Impiegato amministrativo", "clerk"),
}
SHORT_ENGLISH = ["Romania, Morocco, Albania, China", "Italian", "English", "French (B1), Arabic"]


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


@pytest.mark.parametrize(("path", "typed"), [(p, v[0]) for p, v in SHORT_ITALIAN.items()])
def test_a_short_italian_answer_is_not_english_and_gets_the_english_word(path, typed):
    (result,) = EnglishChecker().check_text(typed)
    assert result.verdict == "not_english"
    assert any(SHORT_ITALIAN[path][1] in h.suggestion for h in result.hints)


@pytest.mark.parametrize("typed", SHORT_ENGLISH)
def test_a_short_english_answer_is_not_flagged(typed):
    assert all(r.verdict != "not_english" and not r.hints for r in EnglishChecker().check_text(typed))


def test_the_page_and_the_command_line_agree_on_every_short_answer(tmp_path):
    at = new_app()
    at.button(key="example-single").click().run()
    d = at.session_state["dossier"]
    for path, (typed, _) in SHORT_ITALIAN.items():
        go(at, path.split(".")[0])
        entry = re.match(r"(.+)\.(\d+)\.", path)
        if entry:  # a CV entry's field: drawn once the entry is opened
            at.button(key=f"open-entry-{entry.group(1)}-{entry.group(2)}").click().run()
        type_text(at, path, typed)
        assert "Frasi che non sembrano in inglese: 1 (italiano)" in " ".join(c.value for c in at.caption), path
    go(at, "english")
    assert any("Frasi che non sembrano in inglese: 4" in w.value for w in at.warning)
    page = " ".join(m.value for m in at.markdown)
    assert all(f"«{word}" in page for _, word in SHORT_ITALIAN.values()), page
    go(at, "review")
    assert not any("pronto" in s.value for s in at.success)

    draft = tmp_path / "draft.json"
    draft.write_text(to_json(d))
    flagged = {json.loads(line)["field"] for line in cli("check", str(draft)).stdout.splitlines()}
    assert set(SHORT_ITALIAN) <= flagged
    for typed, _ in SHORT_ITALIAN.values():
        (line,) = cli("check-english", stdin=typed).stdout.splitlines()
        assert json.loads(line)["verdict"] == "not_english"
