"""Call packs: templates/<call>/call.toml plus its .docx templates, loaded into a Call."""

from __future__ import annotations

import os
import tomllib
from datetime import date, datetime
from functools import cache, cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def templates_dir() -> Path:
    """Where the call packs are: templates/, or CALL_PACKS_DIR (tests, a staging copy)."""
    return _folder(os.environ.get("CALL_PACKS_DIR") or "")


@cache
def _folder(setting: str) -> Path:  # the same object each time: asked ~15 times a rerun
    return Path(setting or TEMPLATES_DIR)


class Localised(BaseModel):
    """A text shown in the wizard, in each UI language."""

    it: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.it


class Annex(BaseModel):
    id: str
    number: int
    title: str
    file_name: str  # pattern with {applicant} and/or {officer}
    template: str
    signed_by: str = ""
    match: list[str] = Field(default_factory=list)  # words that name it in a hand-made file (intake/)


class Question(BaseModel):
    id: str
    heading: str
    label: Localised
    guidance: Localised
    min_words: int = 0
    max_words: int


class Community(BaseModel):
    id: str
    title: str
    label: Localised


class Commitment(BaseModel):
    id: str
    text: str  # English, may use {officer} and {officer_role}
    label: Localised


class Criterion(BaseModel):
    """One line of the evaluation grid (intake/): scored 0 to max_score, times the weight."""

    id: str
    label: Localised
    weight: int = Field(ge=0, le=100)
    max_score: int = Field(default=5, ge=1, le=100)


class EmailText(BaseModel):
    subject: str
    body: str


class Call(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    short_name: str
    title: str
    funder: str
    organiser: str
    organiser_full: str
    lead_partner: str = ""
    submission_email: str
    deadline: datetime
    timezone: str
    project_start: date
    project_end: date
    eligible_region: str
    eligible_region_en: str
    places: int
    announcement: str
    small_max: int
    medium_max: int
    preferred_sizes: list[str]
    summary: Localised
    email: EmailText
    annexes: list[Annex]
    questions: list[Question] = Field(default_factory=list)
    communities: list[Community] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
    folder: Path

    @cached_property
    def deadline_local(self) -> datetime:
        """The deadline as an aware datetime in the call's time zone."""
        return self.deadline.replace(tzinfo=ZoneInfo(self.timezone))

    @property
    def region(self) -> Localised:
        """The eligible region as the wizard names it; the rules match the ISTAT list on
        the Italian name (eligible_region), the documents print the English one."""
        return Localised(it=self.eligible_region, en=self.eligible_region_en)

    def annex(self, annex_id: str) -> Annex | None:
        return next((a for a in self.annexes if a.id == annex_id), None)

    def community(self, community_id: str) -> Community | None:
        return next((c for c in self.communities if c.id == community_id), None)

    def size_category(self, population: int | None) -> str | None:
        """Small, medium or large by the call's thresholds: guidance, never a refusal."""
        if population is None:
            return None
        if population <= self.small_max:
            return "small"
        return "medium" if population <= self.medium_max else "large"

    @property
    def needs_officer(self) -> bool:
        """Calls with a CV annex ask for a named officer (and so for the Officer step)."""
        return self.annex("cv") is not None


def load_call(call_id: str, folder_of_packs: Path | None = None) -> Call:
    folder = (folder_of_packs or templates_dir()) / call_id
    with open(folder / "call.toml", "rb") as fh:
        data = tomllib.load(fh)
    return Call(**data, folder=folder)


def discover_calls(folder_of_packs: Path | None = None) -> list[str]:
    """Ids of every call pack, newest deadline first."""
    folder = folder_of_packs or templates_dir()
    ids = [p.parent.name for p in folder.glob("*/call.toml")]
    return sorted(ids, key=lambda i: load_call(i, folder).deadline, reverse=True)
