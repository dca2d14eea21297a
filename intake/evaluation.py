"""The evaluation: a score and a note per criterion per application, the ranking, the file
the evaluator keeps (nothing stays on the server), and two evaluators' files merged."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from dossier.calls import Call
from dossier.drafts import DraftError, parse_json
from dossier.models import CEFR_LEVELS

from .cards import Card

FORMAT: Final = "call-evaluation"
VERSION: Final = 1
MAX_EVALUATION_BYTES = 2_000_000
Key = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{1,64}$")]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,64}$")]


class Score(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: float | None = Field(default=None, ge=0, le=100)
    note: Annotated[str, StringConstraints(max_length=5000)] = ""


class Evaluation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["call-evaluation"] = FORMAT
    version: Literal[1] = VERSION
    call_id: Id
    evaluator: Annotated[str, StringConstraints(max_length=200)] = ""
    # application key (its email's digest): criterion id: score and note
    scores: Annotated[dict[Key, dict[Id, Score]], Field(max_length=1000)] = Field(default_factory=dict)
    # A letter signed on paper, checked by hand against the identity document: OK or not OK.
    hand_checks: Annotated[dict[Key, bool], Field(max_length=1000)] = Field(default_factory=dict)

    def score(self, key: str, criterion: str) -> Score:
        return self.scores.get(key, {}).get(criterion, Score())


def suggested(card: Card, call: Call) -> dict[str, Score]:
    """What the facts say for the criteria that follow from them; the evaluator decides.
    Criteria the app cannot judge (the needs analysis' quality) stay empty."""
    out: dict[str, Score] = {}
    for c in call.criteria:
        value: float | None = None
        if c.id == "size" and card.size:
            value = c.max_score if card.size in call.preferred_sizes else 0
        elif c.id == "action_plan" and card.action_plan is not None:
            value = c.max_score if card.action_plan else 0
        elif c.id == "english" and card.english_level:
            value = round(c.max_score * CEFR_LEVELS.index(card.english_level) / (len(CEFR_LEVELS) - 1), 1)
        out[c.id] = Score(score=value)
    return out


def new_evaluation(cards: list[Card], call: Call, evaluator: str = "") -> Evaluation:
    return Evaluation(call_id=call.id, evaluator=evaluator, scores={c.key: suggested(c, call) for c in cards})


def checked(cards: list[Card], ev: Evaluation) -> list[Card]:
    """The cards with the officer's checks by hand of this evaluation (a letter signed on
    paper counts once checked: its signature OK, or not OK and excluded)."""
    return [replace(c, hand_check=ev.hand_checks.get(c.key)) if c.letter == "by_hand" else c for c in cards]


def total(ev: Evaluation, key: str, call: Call) -> float:
    return sum(c.weight * (ev.score(key, c.id).score or 0) for c in call.criteria)


@dataclass(frozen=True)
class Ranked:
    rank: int
    tied: bool  # another application has the same total
    card: Card
    total: float


def ranking(cards: list[Card], ev: Evaluation, call: Call) -> list[Ranked]:
    """The admissible applications by total, best first; equal totals share a rank."""
    admissible = [c for c in checked(cards, ev) if c.admissible]
    scored = sorted(((total(ev, c.key, call), c) for c in admissible), key=lambda x: -x[0])
    totals = [t for t, _ in scored]
    out = []
    for t, c in scored:
        out.append(Ranked(totals.index(t) + 1, totals.count(t) > 1, c, t))
    return out


def chosen(ranked: list[Ranked], places: int) -> tuple[list[Ranked], list[Ranked]]:
    """(the applications within the places, those tied at the cut who need a decision)."""
    inside = [r for r in ranked if r.rank <= places]
    if len(inside) <= places:
        return inside, []
    cut = max(r.rank for r in inside)
    return [r for r in inside if r.rank < cut], [r for r in inside if r.rank == cut]


def to_json(ev: Evaluation) -> bytes:
    return ev.model_dump_json(indent=2).encode()


def from_json(raw: bytes, call: Call) -> Evaluation:
    """An evaluation file as saved; DraftError (codes under [anci]) when it is not one of this call."""
    data = parse_json(raw, MAX_EVALUATION_BYTES)
    try:
        ev = Evaluation.model_validate(data)
    except ValidationError:
        raise DraftError([]) from None
    if ev.call_id != call.id:
        raise DraftError([])
    return ev


def _number(check: bool | None) -> float | None:
    return None if check is None else float(check)


HAND_CHECK = "hand_check"  # a Difference's criterion: the two checks by hand differ


@dataclass(frozen=True)
class Difference:
    key: str
    criterion: str  # a criterion's id, or HAND_CHECK (1 OK, 0 not OK, None not checked)
    first: float | None
    second: float | None


def merge(a: Evaluation, b: Evaluation, call: Call) -> tuple[Evaluation, list[Difference]]:
    """Two evaluators' files as one: where they differ, the mean (and both notes); the differences listed.
    A check by hand one of them made is taken; where they disagree, it is left to check again."""
    merged = Evaluation(call_id=call.id, evaluator=" + ".join(filter(None, (a.evaluator, b.evaluator))))
    differences = []
    for key in sorted(set(a.scores) | set(b.scores)):
        row: dict[str, Score] = {}
        for c in call.criteria:
            x, y = a.score(key, c.id), b.score(key, c.id)
            notes = " / ".join(dict.fromkeys(n for n in (x.note, y.note) if n))
            if x.score == y.score:
                row[c.id] = Score(score=x.score, note=notes)
                continue
            differences.append(Difference(key, c.id, x.score, y.score))
            both = [s for s in (x.score, y.score) if s is not None]
            row[c.id] = Score(score=round(sum(both) / len(both), 2) if both else None, note=notes)
        merged.scores[key] = row
    for key in sorted(set(a.hand_checks) | set(b.hand_checks)):
        first, second = a.hand_checks.get(key), b.hand_checks.get(key)
        if first != second:
            differences.append(Difference(key, HAND_CHECK, _number(first), _number(second)))
        if first is None or second is None or first == second:
            merged.hand_checks[key] = bool(first if first is not None else second)
        # OK for one, not OK for the other: left to check again, neither taken
    return merged, differences
