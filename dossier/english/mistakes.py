"""The mistakes Italian writers make, as data: dossier/data/rules.toml.

A rule is a regular expression with what to write instead and, where one replacement fits,
a fix template the user can apply with one click. The templates know a little grammar
(verb forms, a/an), so that one rule covers a family ("participate/participated/
participating to" -> "... in") instead of a list of sentences.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import DATA_DIR


@dataclass(frozen=True)
class Rule:
    family: str  # what kind of mistake: a key of families()
    pattern: re.Pattern[str]
    suggestion: str  # shown to the user
    fix: str  # replacement template ("" when no single replacement fits)
    example: str  # must match
    counter: str  # must not match


@dataclass(frozen=True)
class Family:
    it: str  # what is wrong, in Italian
    en: str  # and in English


def _load() -> dict[str, object]:
    with open(DATA_DIR / "rules.toml", "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            r["family"],
            re.compile(r["pattern"], re.IGNORECASE),
            r["suggestion"],
            r.get("fix", ""),
            r["example"],
            r["counter"],
        )
        for r in _load()["rule"]  # type: ignore[attr-defined]
    )


@lru_cache(maxsize=1)
def families() -> dict[str, Family]:
    raw: dict[str, dict[str, str]] = _load()["family"]  # type: ignore[assignment]
    return {name: Family(f["it"], f["en"]) for name, f in raw.items()}


# --- Fix templates -----------------------------------------------------------------------

_FIELD = re.compile(r"\{(\d+)(?::(\w+)(?:=([\w ]+))?)?\}")
_IRREGULAR = {  # base: (past, past participle)
    "be": ("was", "been"),
    "have": ("had", "had"),
    "do": ("did", "done"),
    "make": ("made", "made"),
    "take": ("took", "taken"),
    "know": ("knew", "known"),
    "teach": ("taught", "taught"),
    "run": ("ran", "run"),
    "lead": ("led", "led"),
    "meet": ("met", "met"),
    "tell": ("told", "told"),
    "hold": ("held", "held"),
    "keep": ("kept", "kept"),
    "give": ("gave", "given"),
    "carry out": ("carried out", "carried out"),
    "deal": ("dealt", "dealt"),
    "win": ("won", "won"),
    "say": ("said", "said"),
    "stay": ("stayed", "stayed"),
    "own": ("owned", "owned"),
}
_PAST_FORMS = {past for past, _ in _IRREGULAR.values()} | {pp for _, pp in _IRREGULAR.values()}
_DOUBLE = {"run", "plan", "stop", "get", "put", "set", "sit", "win", "begin", "shop"}


def _base(verb: str) -> str:
    """The base form of a present verb: "works" -> "work", "teaches" -> "teach"."""
    v = verb.lower()
    if v in ("is", "am", "are"):
        return "be"
    if v == "has":
        return "have"
    if v.endswith("ies") and len(v) > 4:
        return v[:-3] + "y"
    if v.endswith(("sses", "shes", "ches", "xes", "oes")):
        return v[:-2]
    if v.endswith("s") and not v.endswith("ss"):
        return v[:-1]
    return v


def _participle(base: str) -> str:
    if base in _IRREGULAR:
        return _IRREGULAR[base][1]
    if base.endswith("e"):
        return base + "d"
    if len(base) > 2 and base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    if base in _DOUBLE:
        return base + base[-1] + "ed"
    return base + "ed"


def _ing(base: str) -> str:
    head, _, rest = base.partition(" ")
    if head == "be" or head.endswith(("ee", "ye", "oe")):
        out = head + "ing"
    elif head.endswith("ie"):
        out = head[:-2] + "ying"
    elif head.endswith("e"):
        out = head[:-1] + "ing"
    elif head in _DOUBLE:
        out = head + head[-1] + "ing"
    else:
        out = head + "ing"
    return f"{out} {rest}".strip()


def _third_person(base: str) -> str:
    head, _, rest = base.partition(" ")
    if head == "have":
        out = "has"
    elif head.endswith(("s", "sh", "ch", "x", "o")):
        out = head + "es"
    elif len(head) > 2 and head.endswith("y") and head[-2] not in "aeiou":
        out = head[:-1] + "ies"
    else:
        out = head + "s"
    return f"{out} {rest}".strip()


def _like(form: str, base: str) -> str:
    """`base` in the form of `form` ("made", "take" -> "took"; "frequents", "attend" -> "attends")."""
    f = form.lower()
    if f.endswith("ing"):
        return _ing(base)
    if f.endswith("ed") or f in _PAST_FORMS:
        return _IRREGULAR[base][0] if base in _IRREGULAR else _participle(base)
    if f.endswith("s") and not f.endswith("ss"):
        return _third_person(base)
    return base


def _perfect(verb: str) -> str:
    """The present perfect of a present verb: "work" -> "have worked", "is" -> "has been"."""
    v = verb.lower()
    base = _base(v)
    have = "have" if v in ("am", "are") or base == v else "has"
    return f"{have} {_participle(base)}"


def _form(value: str, op: str | None, arg: str | None) -> str:
    if op == "ing":
        return _ing(_base(value))
    if op == "perfect":
        return _perfect(value)
    if op == "have":  # "is" -> "has", "are" -> "have"
        return "has" if value.lower() == "is" else "have"
    if op == "lack":  # "it misses" -> "we lack"
        return "we lacked" if value.lower().endswith("ed") else "we lack"
    if op == "verb" and arg:
        return _like(value, arg)
    return value


_ARTICLE = re.compile(r"\b([Aa]n?) (?=(\w))")


def _article(m: re.Match[str]) -> str:
    word = m.string[m.end() :].split(" ", 1)[0].lower()
    vowel = word[:1] in ("a", "e", "i", "o") or (word[:1] == "u" and not word.startswith(("uni", "use", "usu")))
    article = "an" if vowel else "a"
    return (article.capitalize() if m.group(1)[0] == "A" else article) + " "


def apply_template(template: str, m: re.Match[str]) -> str:
    """The fix of one match: groups filled in and put in form, a/an agreed, first capital kept."""
    if not template:
        return ""
    out = _FIELD.sub(lambda f: _form(m.group(int(f[1])) or "", f[2], f[3]), template)
    out = _ARTICLE.sub(_article, out)
    if m.group()[:1].isupper() and out[:1].islower():
        out = out[0].upper() + out[1:]
    return out
