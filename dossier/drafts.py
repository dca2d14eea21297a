"""Draft <-> JSON: the one format of the downloadable draft, the browser autosave and the CLI.

Loading goes through the same pydantic validation as anything else the user gives us;
a refused draft yields a list of problems and never touches the Dossier in use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from .models import SCHEMA_VERSION, Dossier

MAX_DRAFT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    code: str  # key under [draft] in the locale files
    where: str = ""  # dotted path of the field, when there is one
    detail: str = ""


class DraftError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.where}: {p.code} {p.detail}".strip() for p in problems))
        self.problems = problems


def to_json(d: Dossier) -> str:
    return d.model_dump_json(indent=2)


def _migrate(data: dict) -> dict:
    """Bring an older draft to the current schema (version 1 is the first: nothing to do yet)."""
    return data


def from_json(raw: str | bytes) -> Dossier:
    if len(raw) > MAX_DRAFT_BYTES:
        raise DraftError([Problem("too_large", detail=f"{len(raw):,} bytes")])
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise DraftError([Problem("not_json")]) from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise DraftError([Problem("not_a_draft")])
    version = data["schema_version"]
    if not isinstance(version, int) or version < 1:
        raise DraftError([Problem("not_a_draft")])
    if version > SCHEMA_VERSION:
        raise DraftError([Problem("newer_version", detail=str(version))])
    try:
        return Dossier.model_validate(_migrate(data))
    except ValidationError as err:
        raise DraftError([
            Problem("invalid_field", ".".join(str(p) for p in e["loc"]), e["msg"])
            for e in err.errors(include_url=False)
        ]) from None
