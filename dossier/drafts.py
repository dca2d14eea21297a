"""Draft <-> JSON: the one format of the downloadable draft, the browser autosave and the CLI.

Loading goes through the same pydantic validation as anything else the user gives us;
a refused draft yields a list of problems and never touches the Dossier in use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from pydantic import ValidationError

from .calls import Call
from .models import SCHEMA_VERSION, Dossier

# 2 MB as the upload widget counts them (10**6 bytes each): a larger draft would be refused by
# the widget with its own English words instead of ours.
MAX_DRAFT_BYTES = 2_000_000
# A Dossier nests five levels deep; JSON nested far deeper is no draft, and Python's
# parser would recurse on it until RecursionError.
MAX_DEPTH = 16
# A string, or an unterminated one up to the end: possessive, so each is scanned once.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


@dataclass(frozen=True)
class Problem:
    code: str  # key under [draft] in the locale files
    where: str = ""  # dotted path of the field, when there is one
    detail: str = ""
    limit: int = 0  # for "text_too_long" / "list_too_long": the most characters / entries the field takes


class DraftError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.where}: {p.code} {p.detail}".strip() for p in problems))
        self.problems = problems


def to_json(d: Dossier) -> str:
    return d.model_dump_json(indent=2)


def _migrate(data: dict) -> dict:
    """Bring an older draft to the current schema (version 1 is the first: nothing to do yet)."""
    return data


def nesting_depth(text: str) -> int:
    """How deep the brackets of a JSON text nest (strings ignored), in linear time."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different: with two "population" keys, which one
    did the user mean? (`json` would keep the last without a word.)"""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise DraftError([Problem("duplicate_key", key)])
        seen.add(key)
    return dict(pairs)


def parse_json(raw: str | bytes, max_bytes: int = MAX_DRAFT_BYTES) -> Any:
    """JSON from the user, with its size and depth checked before it is parsed; a byte
    order mark (Windows Notepad writes one) is not part of the text."""
    if len(raw) > max_bytes:
        raise DraftError([Problem("too_large", detail=f"{len(raw):,} bytes")])
    try:
        text = (raw.decode("utf-8") if isinstance(raw, bytes) else raw).removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise DraftError([Problem("not_json")]) from None
    if nesting_depth(text) > MAX_DEPTH:
        raise DraftError([Problem("not_a_draft")])
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except DraftError:
        raise
    except ValueError:
        raise DraftError([Problem("not_json")]) from None


def from_json(raw: str | bytes) -> Dossier:
    """A draft as the user gave it, or DraftError with every problem found.

    Strict types: a draft holds what the app wrote, so `true` is no number and "2_600"
    is no population (lax parsing would turn them into 1 and 2600 without a word).
    A draft without a single answer is refused too: loading it would empty the form.
    """
    data = parse_json(raw)
    if not isinstance(data, dict) or "schema_version" not in data:
        raise DraftError([Problem("not_a_draft")])
    version = data["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftError([Problem("not_a_draft")])
    if version > SCHEMA_VERSION:
        raise DraftError([Problem("newer_version", detail=str(version))])
    try:
        d = Dossier.model_validate_json(json.dumps(_migrate(data)), strict=True)
    except ValidationError as err:
        raise DraftError([_problem(e) for e in err.errors(include_url=False)]) from None
    if d.is_blank():
        raise DraftError([Problem("empty")])
    return d


def _problem(error: Any) -> Problem:
    """A pydantic error as a Problem; a text or a list over its limit says the limit (an
    older version of the app allowed longer ones: the user shortens, nothing is cut)."""
    where = ".".join(str(p) for p in error["loc"])
    if error["type"] in ("string_too_long", "too_long"):
        code = "text_too_long" if error["type"] == "string_too_long" else "list_too_long"
        return Problem(code, where, error["msg"], limit=error["ctx"]["max_length"])
    return Problem("invalid_field", where, error["msg"])


def check_answers(d: Dossier, call: Call) -> None:
    """DraftError if the draft answers a question its call does not ask: such an answer
    would sit unseen in the draft, its autosave and its fingerprint."""
    asked = {q.id for q in call.questions}
    foreign = [key for key in d.needs.answers if key not in asked]
    if foreign:
        raise DraftError([Problem("unknown_question", f"needs.answers.{key}") for key in foreign])
