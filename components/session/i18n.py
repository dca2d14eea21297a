"""UI strings: locales/<lang>.toml, Italian by default. Documents are always English."""

from __future__ import annotations

import logging
import tomllib
from datetime import date
from functools import cache
from pathlib import Path

import streamlit as st

from dossier import documents, numbers

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
LANGUAGES = {"it": "Italiano", "en": "English"}
DEFAULT = "it"

log = logging.getLogger(__name__)


# Read-only data, the same for every user, looked up ~100 times a rerun: functools.cache
# costs ~0.1 µs a hit where st.cache_resource costs ~50 µs (decisions/0004).
@cache
def _strings(lang: str) -> dict[str, str]:
    """Flattened "section.key" -> text; the same for every user, so cached."""
    with open(LOCALES_DIR / f"{lang}.toml", "rb") as fh:
        data = tomllib.load(fh)

    def flat(prefix: str, node: dict) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in node.items():
            name = f"{prefix}{key}"
            out.update(flat(f"{name}.", value) if isinstance(value, dict) else {name: value})
        return out

    return flat("", data)


def lang() -> str:
    # Kept from the first ask: asked ~200 times a run, and a key missing from the session
    # state costs Streamlit a KeyError raised and caught each time (about twice a hit).
    return st.session_state.setdefault("lang", DEFAULT)


def t(key: str, **params) -> str:
    """The text for `key` in the user's language, with `{params}` filled in."""
    text = _strings(lang()).get(key)
    if text is None:
        log.warning("missing UI string %s", key)
        return key
    return text.format(**params) if params else text


def number(n: int) -> str:
    """A whole number as the user's language writes it (CLDR): 5.000 in Italian, 5,000 in English."""
    return numbers.format_count(n, lang())


def percent(x: float) -> str:
    """A percentage with one decimal as the user's language writes it: 8,2% in Italian, 8.2% in English."""
    return numbers.format_percent(x, lang())


def long_date(d: date | None) -> str:
    """A date in full, in the user's language: 20 febbraio 2020, 20 February 2020."""
    from babel.dates import format_date  # at the first date shown, not at every first page

    return format_date(d, "d MMMM y", locale=lang()) if d else ""


def period(start: date | None, end: date | None) -> str:
    """A CV entry's months on screen, as in the documents, but an open entry ends in the
    user's language ("in corso")."""
    return documents.period(start, end, present=t("officer.present"))
