"""Shared read-only word knowledge, the same for every user: function words of five
languages and the glossary of Italian administrative terms."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

APOSTROPHES = "'’`´"
WORD = re.compile(r"[^\W\d_]+")

# Function words. A word in several lists counts for each of them, split evenly.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the of and to for with on at by from is are was were be been being has have had
        we our ours us they their them this that these those which who whom whose what where
        when will would can could should shall may might must not an it its as or but also
        more most about into than then there here each every all some many much very do does
        did done my your his her she he you how why only other such because if up out yet
        just any own same well both while during within without against among between
        through after before since until upon over under again further once few less least
        whether either neither nor too so""".split()
    ),
    "it": frozenset(
        """il lo la i gli le un uno una di da del dello della dei degli delle al allo alla ai
        agli alle dal dallo dalla dai dagli dalle nel nello nella nei negli nelle sul sullo
        sulla sui sugli sulle con per tra fra che e ed è non sono si ci vi ne anche come più
        ma o se questo questa questi queste quello quella quelli quelle nostro nostra nostri
        nostre loro essere ha hanno abbiamo siamo viene vengono ogni molto molti molte tutti
        tutte ancora già dove quando presso cui sia oppure però poi dopo prima senza verso
        sempre stato stati sarà può possono ad dall nell all dell sull quest quell po sì
        circa degli alcuni alcune nessuno qui qua perché quindi inoltre mentre""".split()
    ),
    "fr": frozenset(
        """le la les des du de un une et est sont pour dans avec sur par nous vous ils elle
        elles il qui que ne pas au aux ce cette ces son sa ses leur leurs été être avoir ont
        à où plus mais ou se en depuis toute toutes tout tous""".split()
    ),
    "es": frozenset(
        """el la los las un una unos unas de del y en es son para por con que se no su sus al
        lo como más pero o este esta estos estas hay ha han muy desde sobre entre cuando
        donde cual cualquier nuestro nuestra""".split()
    ),
    "de": frozenset(
        """der die das den dem des ein eine einen einem einer und ist sind für mit von zu zur
        zum auf im bei nicht wir sie es ich sich auch als aus nach wie wird werden hat
        haben dass oder aber kein keine vom beim gerne ihnen uns unser unsere""".split()
    ),
}
# "in", "a", "per", "no", "me" and the like are left out of English on purpose: they are
# just as common in Italian. Elided Italian forms ("l'", "dell'") are function words too.
ELIDED = {
    "it": frozenset("l dell nell all dall sull un d c quest quell tutt anch com dov s n m t v".split()),
    "fr": frozenset("l d n qu c j s".split()),
}
CLITICS = frozenset("s t ll ve re m d".split())  # English 's n't 'll 've 're 'm 'd
# Lower-case words that join the capitalised words of one proper name.
CONNECTORS = frozenset(
    """di del dello della dei degli delle da dal dalla dai dalle e ed per in con sul sulla
    sui sugli sulle al alla ai agli alle a l d dell all nell sull""".split()
)
# Capitalised words that start a sentence or a name but are ordinary words.
NOT_NAMES = frozenset(w for lang in FUNCTION_WORDS.values() for w in lang) | frozenset(
    "i we our their this these those it its a".split()
)


@dataclass(frozen=True)
class GlossaryEntry:
    it: str
    en: str
    acronym: bool


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    # first token key -> list of (token keys, entry), longest first
    index: dict[str, tuple[tuple[tuple[str, ...], GlossaryEntry], ...]]
    acronyms: dict[str, GlossaryEntry]
    known_words: frozenset[str]
    vocabulary: frozenset[str]  # every word of every term ("servizio", "sociale", ...)
    name_heads: frozenset[str]  # nouns that start names of bodies ("comune", "istituto")


def _term_keys(term: str) -> tuple[str, ...]:
    term = unicodedata.normalize("NFC", term)
    keys = []
    for m in WORD.finditer(term):
        after = term[m.end()] if m.end() < len(term) else ""
        keys.append(m.group().lower() + ("'" if after and after in APOSTROPHES else ""))
    return tuple(keys)


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    with open(DATA_DIR / "glossary.toml", "rb") as fh:
        data = tomllib.load(fh)
    entries: list[GlossaryEntry] = []
    index: dict[str, list[tuple[tuple[str, ...], GlossaryEntry]]] = {}
    acronyms: dict[str, GlossaryEntry] = {}
    for raw in data.get("term", []):
        entry = GlossaryEntry(raw["it"], raw["en"], raw["it"].isupper())
        entries.append(entry)
        if entry.acronym:
            acronyms[entry.it] = entry
            continue
        for form in [raw["it"], *raw.get("variants", [])]:
            keys = _term_keys(form)
            if keys:
                index.setdefault(keys[0], []).append((keys, entry))
    frozen = {k: tuple(sorted(v, key=lambda kv: -len(kv[0]))) for k, v in index.items()}
    known = frozenset(w.lower() for w in data.get("english", {}).get("known_words", []))
    vocabulary = frozenset(
        k for forms in frozen.values() for keys, _ in forms for k in keys if not k.endswith("'") and k not in CONNECTORS
    )
    heads = frozenset(w.lower() for w in data.get("names", {}).get("heads", []))
    return Glossary(tuple(entries), frozen, acronyms, known, vocabulary, heads)
