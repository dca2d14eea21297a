import pytest

from dossier import sample
from dossier.calls import load_call


@pytest.fixture(scope="session")
def call():
    return load_call("connection-2020")


@pytest.fixture
def single():
    return sample.single()


@pytest.fixture
def union():
    return sample.union()


@pytest.fixture(scope="session")
def letter_pdfs():
    """The sample's letter as the app makes it (PDF/A, LibreOffice), and the letter of an
    earlier version of the same answers (another address): {"now": ..., "older": ...}."""
    from dossier import pdf
    from dossier.documents import build_documents

    if pdf.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    c = load_call("connection-2020")
    older = sample.single()
    older.applicant.address = "Via Roma 1, 10011 Agliè (TO)"
    docx = {name: build_documents(d, c)[0].data for name, d in (("now", sample.single()), ("older", older))}
    return pdf.to_pdfs(docx, pdfa=True)
