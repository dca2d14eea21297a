"""Whatever Unicode a user types, every document opens and says what was typed."""

import email
import io
import re
from email import policy

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.session.markdown import _escape, escape_md
from dossier import sample
from dossier.calls import load_call
from dossier.documents import build_documents, clean
from support import docx_text, email_of

CALL = load_call("connection-2020")
free_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
single_line = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=80)


def shown(text: str) -> str:
    """What the documents can show of a text: XML-illegal characters dropped."""
    return clean(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=free_text, activities=free_text, role=single_line, name=single_line)
def test_any_text_builds_documents_that_open_and_round_trip(answer, activities, role, name):
    d = sample.single()
    d.needs.answers["context"] = answer
    d.officer.experience[0].activities = activities
    d.officer.role = role
    d.applicant.official_name = name
    docs = build_documents(d, CALL)
    texts = {doc.annex_id: docx_text(doc.data) for doc in docs}
    for doc in docs:
        Document(io.BytesIO(doc.data))
    for line in shown(answer).split("\n"):
        assert line.strip() in texts["needs"]
    for line in shown(activities).split("\n"):
        assert line.strip() in texts["cv"]
    assert re.sub(r"\s+", " ", shown(role)).strip() in texts["cv"]
    msg = email.message_from_bytes(email_of(d, CALL), policy=policy.default)
    assert len(list(msg.iter_attachments())) == 4  # three annexes and the answers (JSON)
    assert msg["To"] == CALL.submission_email
    assert "\n" not in str(msg["Subject"]).strip()


# Markdown's and Streamlit's own characters and openings, with words, numbers and breaks.
PIECES = [*"\\`*_[]~$&<>|:@#+=-.)( \t\nwWaè", "1.", "12)", "2.600", "www", "WwW.", "Agliè (TO)", "  "]
markdownish = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@given(text=markdownish)
@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
def test_text_left_as_it_is_by_the_quick_look_needs_no_escape(text):
    """escape_md skips the six passes where a quick search finds nothing they act on: the
    result must be what they would give."""
    assert escape_md(text) == _escape(text)
