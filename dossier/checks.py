"""Cross-checks: answers that are each fine alone but do not fit together.

Each rule has an id (its message key under [checks] in the locale files), the step
where it is fixed, and whether it blocks the documents or is only a warning. The
Review, the step pages and `python -m dossier check` all read this one list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .calls import Call
from .findings import Finding
from .models import CEFR_LEVELS, Dossier, Municipality
from .municipalities import fold

Found = Iterator[tuple[str, dict]]  # what a rule yields: (field path, message params)


@dataclass(frozen=True)
class Rule:
    id: str
    step: str
    check: Callable[[Dossier, Call], Iterable[tuple[str, dict]]]  # yields (field path, params)
    warning: bool = False  # shown, never blocks the documents


def population(d: Dossier) -> int | None:
    """The applicant's residents: a union's are the sum of its members', once all are known."""
    if d.eligibility.kind == "union":
        members = d.eligibility.members
        if not members or any(m.population is None for m in members):
            return None
        return sum(m.population or 0 for m in members)
    return d.applicant.population


def _places(d: Dossier) -> list[Municipality]:
    """The municipalities the applicant's name, seat and letter may name."""
    e = d.eligibility
    chosen = e.members if e.kind == "union" else [e.municipality] if e.kind else []
    return [m for m in chosen if m.name.strip()]


def _names_one_of(text: str, places: list[Municipality]) -> bool:
    folded = fold(text)
    return any(re.search(rf"(?<!\w){re.escape(fold(m.name))}(?!\w)", folded) for m in places)


def _foreign_over_population(d: Dossier, call: Call) -> Found:
    total, foreign = population(d), d.applicant.foreign_residents
    if total is not None and foreign is not None and foreign > total:
        yield "applicant.foreign_residents", {"foreign": foreign, "total": total}


def _union_total(d: Dossier, call: Call) -> Found:
    total = population(d)
    typed = d.applicant.population
    if d.eligibility.kind == "union" and total is not None and typed is not None and typed != total:
        yield "applicant.population", {"total": typed, "sum": total}


def _mentions_applicant(path: str, step: str) -> Callable[[Dossier, Call], Found]:
    def check(d: Dossier, call: Call) -> Found:
        places = _places(d)
        obj = getattr(d, step)
        text = getattr(obj, path.split(".")[-1])
        if places and text.strip() and not _names_one_of(text, places):
            yield path, {"value": text, "places": ", ".join(m.name for m in places)}

    return check


def _official_name(d: Dossier, call: Call) -> Found:
    if d.eligibility.kind == "municipality":  # a union's name is its own, not a member's
        yield from _mentions_applicant("applicant.official_name", "applicant")(d, call)


B1 = CEFR_LEVELS.index("B1")


def _english_for_meetings(d: Dossier, call: Call) -> Found:
    """Meetings and study visits are held in English: below B1 speaking is a warning."""
    o = d.officer
    if not call.needs_officer or fold(o.mother_tongue) in ("english", "inglese") or not o.mother_tongue.strip():
        return
    english = [x for x in o.languages if fold(x.language) in ("english", "inglese")]
    levels = [CEFR_LEVELS.index(x.spoken_interaction) for x in english if x.spoken_interaction]
    if not levels or max(levels) < B1:
        yield "officer.languages", {"level": CEFR_LEVELS[max(levels)] if levels else "–"}


def _dates_order(d: Dossier, call: Call) -> Found:
    for kind in ("experience", "education"):
        for i, entry in enumerate(getattr(d.officer, kind)):
            if entry.start and entry.end and entry.end < entry.start:
                yield f"officer.{kind}.{i}", {"n": i + 1}


def _size(d: Dossier, call: Call) -> Found:
    size = call.size_category(population(d))
    if size and size not in call.preferred_sizes:
        yield "applicant.population", {"population": population(d)}


RULES = (
    Rule("foreign_over_population", "applicant", _foreign_over_population),
    Rule("union_total_mismatch", "applicant", _union_total),
    Rule("size_not_preferred", "applicant", _size, warning=True),
    Rule("official_name_mismatch", "applicant", _official_name, warning=True),
    Rule("address_mismatch", "applicant", _mentions_applicant("applicant.address", "applicant"), warning=True),
    Rule("place_mismatch", "letter", _mentions_applicant("letter.place", "letter"), warning=True),
    Rule("english_level_low", "officer", _english_for_meetings, warning=True),
    Rule("dates_order", "officer", _dates_order),
)
RULE_IDS = frozenset(r.id for r in RULES)


def cross_checks(d: Dossier, call: Call, steps: Iterable[str]) -> dict[str, list[Finding]]:
    """The findings of every rule, by step (only the steps asked for)."""
    out: dict[str, list[Finding]] = {step: [] for step in steps}
    for rule in RULES:
        if rule.step in out:
            out[rule.step] += [
                Finding(rule.step, path, rule.id, params, rule.warning) for path, params in rule.check(d, call)
            ]
    return out


FOLLOWING = ("applicant.official_name", "applicant.address", "letter.place")  # derived from the municipality


def follow_change(d: Dossier, old: str, new: str) -> dict[str, str]:
    """After the applying municipality changed from `old` to `new`: the answers that still
    name `old` (as a whole word, case ignored), each with `new` in its place."""
    pattern = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)", re.IGNORECASE)
    out = {}
    for path in FOLLOWING:
        step, name = path.split(".")
        text = getattr(getattr(d, step), name)
        if old.strip() and pattern.search(text):
            out[path] = pattern.sub(new, text)
    return out
