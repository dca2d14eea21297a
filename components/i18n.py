"""UI strings: locales/<lang>.toml, Italian by default. Documents are always English."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

import streamlit as st

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = {"it": "Italiano", "en": "English"}
DEFAULT = "it"

log = logging.getLogger(__name__)


@st.cache_resource
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
    return st.session_state.get("lang", DEFAULT)


def t(key: str, **params) -> str:
    """The text for `key` in the user's language, with `{params}` filled in."""
    text = _strings(lang()).get(key)
    if text is None:
        log.warning("missing UI string %s", key)
        return key
    return text.format(**params) if params else text


def number(n: int) -> str:
    """A whole number as the user's language writes it: 5.000 in Italian, 5,000 in English."""
    text = f"{n:,}"
    return text if lang() == "en" else text.replace(",", ".")
