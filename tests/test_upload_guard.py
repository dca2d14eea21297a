"""Uploads bounded per session on the server (components/streamlit_patches/upload_guard.py): a session past
its allowance is refused, the others are not touched."""

from __future__ import annotations

import pytest
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartParser
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from components.streamlit_patches import upload_guard


@pytest.fixture
def manager():
    upload_guard.install()
    return MemoryUploadedFileManager("/_stcore/upload_file")


def _file(n: int, size: int) -> UploadedFileRec:
    return UploadedFileRec(file_id=f"f{n}", name=f"f{n}.pdf", type="application/pdf", data=b"x" * size)


def test_a_session_past_its_file_count_is_refused_and_keeps_what_it_had(manager):
    for n in range(upload_guard.MAX_FILES):
        manager.add_file("attacker", _file(n, 10))
    with pytest.raises(HTTPException) as err:
        manager.add_file("attacker", _file(99, 10))
    assert err.value.status_code == 413
    assert len(manager.file_storage["attacker"]) == upload_guard.MAX_FILES
    manager.add_file("someone-else", _file(0, 10))  # another session is not touched
    assert len(manager.file_storage["someone-else"]) == 1


def test_a_session_past_its_bytes_is_refused(manager):
    half = upload_guard.MAX_SESSION_BYTES // 2
    manager.add_file("attacker", _file(1, half))
    manager.add_file("attacker", _file(2, half))
    with pytest.raises(HTTPException):
        manager.add_file("attacker", _file(3, 1))
    assert sum(len(f.data) for f in manager.file_storage["attacker"].values()) == 2 * half
    manager.add_file("attacker", _file(2, half))  # the same widget's file replaced: not counted twice


def test_the_server_as_a_whole_is_bounded(manager, monkeypatch):
    monkeypatch.setattr(upload_guard, "MAX_SERVER_BYTES", 100)
    manager.add_file("a", _file(1, 60))
    with pytest.raises(HTTPException):
        manager.add_file("b", _file(1, 60))
    assert "f1" not in manager.file_storage.get("b", {})


def test_a_whole_upload_stays_in_memory_not_in_a_temporary_file(manager):
    assert MultiPartParser.spool_max_size > 10 * 2**20
