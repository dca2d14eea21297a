"""The Dossier: everything one applicant enters, the single source of truth.

Every field has a default so that a half-filled draft is a valid Dossier: what is
still missing is the business of `eligibility.missing()`, not of validation here.
Validation only refuses what is malformed (wrong types, unknown fields, absurd sizes).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION: Final = 1

# What a real application needs, with room to type before trimming (decisions/0025): the
# largest draft accepted must still draw every page, and make every PDF, in a short time.
MAX_SHORT = 300  # a name, a title, an address
# A needs-analysis answer: the call's largest word limit (600 words in call.toml) at about
# seven characters a word, with room to spare.
MAX_TEXT = 6_000
MAX_DESCRIPTION = 1_000  # a CV entry's activities or details: Europass asks a few lines
MAX_SKILLS = 2_000  # a skills paragraph of the CV
MAX_EXPERIENCE = 10  # CV entries: Europass CVs show the last few jobs and studies
MAX_EDUCATION = 8
MAX_LANGUAGES = 10
MAX_ANSWERS = 20  # needs answers: a call asks a handful of questions
MAX_LIST = 50  # union members (a union of many small municipalities), commitments

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Description = Annotated[str, StringConstraints(max_length=MAX_DESCRIPTION)]
Skills = Annotated[str, StringConstraints(max_length=MAX_SKILLS)]
Short = Annotated[str, StringConstraints(max_length=MAX_SHORT)]
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
CefrLevel = Literal["", "A1", "A2", "B1", "B2", "C1", "C2"]
Population = Annotated[int, Field(ge=0, le=10_000_000)]
# The dates the date widgets accept (components/widgets/fields.py uses the same bounds): a CV
# goes back to a career's start, plans reach a little into the future. A draft with a
# date outside them would load, then break the page that shows it.
EARLIEST_DATE = date(1950, 1, 1)
LATEST_DATE = date(2100, 12, 31)
Day = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]


class Part(BaseModel):
    """Base of every part: unknown fields are an error, so a foreign file is refused."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Municipality(Part):
    name: Short = ""
    province: Short = ""  # two-letter code, e.g. "TO"
    istat_code: Short = ""
    population: Population | None = None


class Eligibility(Part):
    kind: Literal["municipality", "union"] | None = None
    municipality: Municipality = Field(default_factory=Municipality)
    union_name: Short = ""
    members: Annotated[list[Municipality], Field(max_length=MAX_LIST)] = Field(default_factory=list)
    lead: Short = ""  # the name of one of `members`
    action_plan: bool = False
    officer_available: bool = False


class Applicant(Part):
    official_name: Short = ""
    address: Short = ""
    pec: Short = ""
    email: Short = ""
    phone: Short = ""
    website: Short = ""
    population: Population | None = None
    foreign_residents: Population | None = None
    countries_of_origin: Short = ""

    @property
    def foreign_percent(self) -> float | None:
        """Foreign residents as a share of the population, in percent; None while unknown."""
        if not self.population or self.foreign_residents is None:
            return None
        return 100 * self.foreign_residents / self.population


class NeedsAnalysis(Part):
    answers: Annotated[dict[Short, Text], Field(max_length=MAX_ANSWERS)] = Field(default_factory=dict)
    community: Short = ""  # id of a community of practice in the call pack


class Experience(Part):
    start: Day | None = None
    end: Day | None = None  # None with a start means "to date"
    employer: Short = ""
    position: Short = ""
    activities: Description = ""


class Education(Part):
    start: Day | None = None
    end: Day | None = None
    title: Short = ""
    institution: Short = ""
    details: Description = ""


class LanguageSkill(Part):
    language: Short = ""
    listening: CefrLevel = ""
    reading: CefrLevel = ""
    spoken_interaction: CefrLevel = ""
    spoken_production: CefrLevel = ""
    writing: CefrLevel = ""


CEFR_SKILLS = ("listening", "reading", "spoken_interaction", "spoken_production", "writing")


class Officer(Part):
    first_name: Short = ""
    last_name: Short = ""
    role: Short = ""
    department: Short = ""
    email: Short = ""
    phone: Short = ""
    experience: Annotated[list[Experience], Field(max_length=MAX_EXPERIENCE)] = Field(default_factory=list)
    education: Annotated[list[Education], Field(max_length=MAX_EDUCATION)] = Field(default_factory=list)
    mother_tongue: Short = ""
    languages: Annotated[list[LanguageSkill], Field(max_length=MAX_LANGUAGES)] = Field(default_factory=list)
    digital_skills: Skills = ""
    other_skills: Skills = ""
    relevant_experience: Skills = ""
    data_consent: bool = False


class Letter(Part):
    signatory_role: Literal["mayor", "union_president", "lead_mayor"] | None = None
    signatory_name: Short = ""
    place: Short = ""
    signed_on: Day | None = None
    commitments: Annotated[list[Short], Field(max_length=MAX_LIST)] = Field(default_factory=list)


class Dossier(Part):
    schema_version: Literal[1] = SCHEMA_VERSION
    example: bool = False  # loaded from "try with an example": shown as such on every page
    call_id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")] = "connection-2020"
    eligibility: Eligibility = Field(default_factory=Eligibility)
    applicant: Applicant = Field(default_factory=Applicant)
    needs: NeedsAnalysis = Field(default_factory=NeedsAnalysis)
    officer: Officer = Field(default_factory=Officer)
    letter: Letter = Field(default_factory=Letter)
    # Sentences (by english.sentence_key) the user keeps as written, e.g. an Italian title.
    english_intended: Annotated[list[Short], Field(max_length=500)] = Field(default_factory=list)

    def is_blank(self) -> bool:
        """Nothing entered yet: a fresh Dossier for the same call."""
        return self == Dossier(call_id=self.call_id)
