"""Annex DOCX -> PDF with LibreOffice, so the user sees exactly what the Mayor will sign.

The PDF is the file the Mayor signs with a qualified digital signature (PAdES). It is made
by LibreOffice in headless mode: `soffice --convert-to pdf`.

Why this module touches the disk, and nowhere else in `dossier/` does
-------------------------------------------------------------------
LibreOffice cannot read from or write to memory: it converts a file into a file. So, and
only here, the bytes go through a temporary directory:

- it is created per call with `tempfile.TemporaryDirectory` (mode 0700, random name), in
  RAM (`/dev/shm`) when the system has it and lets us write, else in the system temp dir;
- the names inside it are fixed (`annex.docx`, `doc1.docx`, ...), never taken from user
  input or from the caller's keys;
- LibreOffice gets a private profile inside it (`-env:UserInstallation=...`) and HOME/TMPDIR
  pointing at it, so two users converting at the same time never share or lock a profile,
  and nothing (recent files, caches, lock files) survives the call;
- the directory is removed as soon as the PDF bytes are read back, also on error or time
  out (the LibreOffice processes are killed first);
- the one thing LibreOffice puts outside it is its single-instance socket in /tmp (empty,
  named after a hash of the profile path): LibreOffice removes it when it exits cleanly,
  and we remove it whenever it did not (killed for taking too long, by the system, or
  crashed).

POSIX only (process groups, /tmp sockets): the server runs on Linux.

Bytes in, bytes out: callers never see a path.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Hashable, Iterator
from io import BytesIO
from pathlib import Path

from .turns import Already, Busy, Turns

__all__ = ["PDF_MIME", "PdfError", "ipc_socket_names", "soffice_path", "temp_parent", "to_pdf", "to_pdfs"]

PDF_MIME = "application/pdf"

# Import as Word 2007+ only: without it LibreOffice happily "converts" any text file.
_INFILTER = "--infilter=MS Word 2007 XML"
# PDF/A-2b (ISO 19005-2), the archival PDF the Italian public administration prefers.
# JSON filter options need LibreOffice 7.4 or newer.
# Tagged: screen readers read its structure and language (PDF/UA asks it, PDF/A-2b does not).
_PDFA = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)

# One LibreOffice run peaks at ~210 MB of memory. One at a time in this server process: with
# ten users asking at once the process tree stays under 800 MB of Streamlit Community
# Cloud's ~1 GB with a busy server (400 MB), and on two cores a second slot shortened the
# longest wait by a fifth only (decisions/0026, bench row 2).
MAX_PARALLEL = 1
# A conversion is stopped after this many seconds per document (the three annexes of the
# largest draft accepted, an 18-page CV among them, take ~3 s: bench row 2).
SECONDS_PER_DOC = 20
MAX_WAIT = 180  # seconds in the queue before the user is told the converter is busy
# LibreOffice runs at a low CPU priority: the clicks of the other users come first.
_NICE = ["nice", "-n", "10"] if shutil.which("nice") else []


class PdfError(RuntimeError):
    """The PDF could not be made. `reason` says why, for the UI to word in the user's
    language: "missing" (no LibreOffice), "busy", "timeout", "not_docx", "failed" or
    "already" (this user's previous conversion is still queued or running)."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


_TURNS = Turns(MAX_PARALLEL)


@contextlib.contextmanager
def _turn(owner: Hashable | None, wait: float, on_wait: Callable[[int], None] | None) -> Iterator[None]:
    """A turn at the converter, its refusals said as PdfError."""
    try:
        with _TURNS.turn(owner, wait, on_wait):
            yield
    except Busy:
        raise PdfError(f"The PDF converter is busy: no turn within {wait:g} s, try again.", "busy") from None
    except Already:
        raise PdfError("A conversion of yours is already under way.", "already") from None


def soffice_path() -> str | None:
    """The LibreOffice binary on PATH (`soffice` or `libreoffice`), or None if missing."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def temp_parent() -> str | None:
    """Where the private temporary directories go: /dev/shm (RAM) if usable, else the
    system default (None, as `tempfile` takes it)."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def to_pdf(docx: bytes, timeout: float | None = None, *, pdfa: bool = False) -> bytes:
    """One DOCX (bytes) as PDF (bytes); PDF/A-2b if `pdfa`. Raises PdfError.

    `timeout` (seconds): the conversion's cap once its turn has come (default
    `SECONDS_PER_DOC`); the wait for a turn is capped by `MAX_WAIT`.
    """
    return to_pdfs({"annex": docx}, timeout, pdfa=pdfa)["annex"]


def to_pdfs(
    docs: dict[str, bytes],
    timeout: float | None = None,
    *,
    pdfa: bool = False,
    owner: Hashable | None = None,
    on_wait: Callable[[int], None] | None = None,
    wait: float = MAX_WAIT,
) -> dict[str, bytes]:
    """Several DOCX in one LibreOffice run (one start-up instead of one per file).

    Keys are the caller's ids ("letter", "needs", ...); they never reach the disk.
    Returns the same keys, each with its PDF. Raises PdfError if any file fails.
    Conversions take turns in arrival order, `MAX_PARALLEL` at a time; `owner` (e.g. a
    session's id) has one conversion at most queued or running; while it waits,
    `on_wait(place)` hears how many are to go before it, about once a second (an
    exception it raises ends the wait). `timeout`: the conversion's cap once its turn
    has come, by default `SECONDS_PER_DOC` for each document.
    """
    if not docs:
        return {}
    names = {key: f"doc{i}" for i, key in enumerate(docs, start=1)}
    cap = SECONDS_PER_DOC * len(docs) if timeout is None else timeout
    return _convert(docs, cap, pdfa, names=names, turn=_turn(owner, wait, on_wait))


def is_docx(data: bytes) -> bool:
    """A Word (.docx) file: a ZIP holding word/document.xml."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _which(keys: list[str], docs: dict[str, bytes]) -> str:
    """': letter, cv.' when converting several files; '.' for one."""
    return f": {', '.join(keys)}." if len(docs) > 1 else "."


def ipc_socket_names(profile_uri: str) -> list[Path]:
    """Where LibreOffice puts the single-instance socket of this profile.

    It ignores TMPDIR: always /tmp (or /var/tmp), named after an MD5 of the profile URL
    (UTF-16 code units, bytes in hex without leading zeros: desktop/source/app/
    officeipcthread.cxx). A clean exit removes it; a killed LibreOffice leaves it behind.
    """
    digest = hashlib.md5(profile_uri.encode("utf-16-le"), usedforsecurity=False).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(f'{b:x}' for b in digest)}"
    return [Path("/tmp", name), Path("/var/tmp", name)]


def _kill(proc: subprocess.Popen) -> None:
    """Kill the process group we started (soffice is a launcher: soffice.bin is a child)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _remove_socket(profile_uri: str) -> None:
    """The socket a LibreOffice that did not exit cleanly (killed by us, by the system or
    crashed) leaves behind."""
    for sock in ipc_socket_names(profile_uri):
        if sock.is_socket():
            sock.unlink(missing_ok=True)


def _convert(
    docs: dict[str, bytes], timeout: float, pdfa: bool, names: dict[str, str], turn: contextlib.AbstractContextManager
) -> dict[str, bytes]:
    binary = soffice_path()
    if binary is None:
        raise PdfError(
            "LibreOffice is not installed on the server: PDF not available, download the Word files instead.", "missing"
        )
    bad = [key for key, data in docs.items() if not is_docx(data)]
    if bad:
        raise PdfError("Not a Word (.docx) file" + _which(bad, docs), "not_docx")

    with turn:
        deadline = time.monotonic() + timeout
        with tempfile.TemporaryDirectory(prefix="dossier-pdf-", dir=temp_parent()) as tmp:
            work = Path(tmp)
            out = work / "out"
            home = work / "home"
            home.mkdir()
            inputs = []
            for key, data in docs.items():
                path = work / f"{names[key]}.docx"
                path.write_bytes(data)
                inputs.append(str(path))
            profile = (work / "profile").as_uri()
            cmd = [
                *_NICE,
                binary,
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={profile}",
                _INFILTER,
                "--convert-to",
                _PDFA if pdfa else "pdf",
                "--outdir",
                str(out),
                *inputs,
            ]
            env = {**os.environ, "HOME": str(home), "TMPDIR": str(home), "TMP": str(home), "TEMP": str(home)}
            proc = subprocess.Popen(
                cmd,
                cwd=work,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                _kill(proc)
                raise PdfError(
                    f"The PDF conversion took longer than {timeout:g} s and was stopped.", "timeout"
                ) from None
            except BaseException:
                _kill(proc)
                raise
            finally:
                _remove_socket(profile)
            results, missing = {}, []
            for key in docs:
                target = out / f"{names[key]}.pdf"
                data = target.read_bytes() if target.is_file() else b""
                if data.startswith(b"%PDF"):
                    results[key] = data
                else:
                    missing.append(key)
            if missing:
                raise PdfError("LibreOffice could not convert the file to PDF" + _which(missing, docs), "failed")
            return results
