"""Command line: python -m dossier check-english < text"""

from __future__ import annotations

import json
import sys
from typing import IO

from .checker import Budget, EnglishChecker, SentenceResult


def result_dict(r: SentenceResult) -> dict[str, object]:
    return {
        "sentence": r.sentence,
        "start": r.start,
        "end": r.end,
        "verdict": r.verdict,
        "language": r.language,
        "hints": [{"kind": h.kind, "text": h.text, "suggestion": h.suggestion} for h in r.hints],
    }


MAX_INPUT_BYTES = 1_000_000


def main_check_english(
    stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None, stderr: IO[str] | None = None
) -> int:
    """Read UTF-8 text on stdin, print one JSON object per sentence (UTF-8) on stdout.

    Exit 2, with the reason on stderr, when the input is not UTF-8 or longer than
    MAX_INPUT_BYTES. The text is checked within one dossier's budget (see Budget).
    """
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    stderr = stderr if stderr is not None else sys.stderr
    data = stdin.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        print(f"check-english: the input is longer than {MAX_INPUT_BYTES:,} bytes.", file=stderr)
        return 2
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        print(
            f"check-english: the input is not UTF-8 text (byte {data[err.start]:#04x} at "
            f"offset {err.start} cannot be decoded).",
            file=stderr,
        )
        return 2
    b = Budget()
    checker = EnglishChecker(Budget(field_chars=b.dossier_chars, field_seconds=b.dossier_seconds))
    for r in checker.check_text(text):
        stdout.write(json.dumps(result_dict(r), ensure_ascii=False).encode("utf-8") + b"\n")
    return 0
