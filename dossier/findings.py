"""A finding: one thing missing or wrong in the answers, tied to its step and field.

Its own module because both the checks of each step (eligibility.py) and the checks across
steps (checks.py) make findings, and eligibility.py gathers the two.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

INELIGIBLE = {"outside_region", "lead_not_member", "lead_outside_region", "member_outside_region"}


@dataclass(frozen=True)
class Finding:
    step: str
    field: str  # dotted path into the Dossier, for "go and fix it"
    code: str  # key under [missing] in the locale files
    params: dict = dataclasses.field(default_factory=dict, hash=False, compare=False)  # `field` is the attribute above
    warning: bool = False  # said, but never blocks the documents

    @property
    def ineligible(self) -> bool:
        return self.code in INELIGIBLE
