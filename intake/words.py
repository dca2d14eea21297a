"""The words of the cards, the workbook, the minutes and the replies: the [anci] section of
the locale files, the same the UI shows (one source for each sentence)."""

from __future__ import annotations

import tomllib
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from dossier.calls import Call

from .cards import Card

LOCALES = Path(__file__).resolve().parent.parent / "locales"


@cache
def _anci(lang: str) -> dict:
    """[anci], with [anci_review]'s entries added to its sub-tables (the letter signed on paper)."""
    with open(LOCALES / f"{lang}.toml", "rb") as fh:
        data = tomllib.load(fh)
    words = dict(data["anci"])
    for key, value in data.get("anci_review", {}).items():
        words[key] = {**words[key], **value} if isinstance(value, dict) and isinstance(words.get(key), dict) else value
    return words


def say(key: str, lang: str = "it", **params: object) -> str:
    """The text of `anci.<key>` ("reason.late": a sub-table's entry), filled in."""
    node: object = _anci(lang)
    for part in key.split("."):
        node = node[part] if isinstance(node, dict) else key
    text = node if isinstance(node, str) else key
    return text.format(**params) if params else text


def when(moment: datetime | None, call: Call) -> str:
    return moment.astimezone(ZoneInfo(call.timezone)).strftime("%d/%m/%Y %H:%M") if moment else "–"


def yes_no(value: bool | None, lang: str = "it") -> str:
    return "–" if value is None else say("col.yes" if value else "col.no", lang)


def signed(card: Card, lang: str = "it") -> str:
    """Signed? yes, no, or "to check by hand" (a letter signed on paper, not yet checked)."""
    return say("hand.to_check_short", lang) if card.to_check_by_hand else yes_no(card.signed, lang)


def annex_label(call: Call, annex_id: str) -> str:
    a = call.annex(annex_id)
    return f"Annex {a.number}" if a else annex_id


def reasons(card: Card, call: Call, lang: str = "it") -> list[str]:
    """Why the application is not admissible, in words."""
    missing = ", ".join(annex_label(call, a) for a in card.missing_annexes)
    return [say(f"reason.{code}", lang, annexes=missing) for code in card.reasons]


def name(card: Card) -> str:
    return card.applicant or card.sender or card.source
