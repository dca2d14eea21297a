"""Pick municipalities from the ISTAT list of the call's region, by name.

The list filters as the user types, but Streamlit's filter is accent-sensitive: "aglie"
does not find "Agliè". So typed text is also accepted (Enter) and resolved on the server
with the accent- and case-free search; a name from another region is kept, so that the
Eligibility step can say plainly why it cannot apply.
"""

from __future__ import annotations

from functools import cache

import streamlit as st

from dossier.models import Municipality
from dossier.municipalities import Comune, find, fold, in_region, search

from .i18n import lang, t
from .state import call, dossier, forget_widgets, guarded, key_for, show_refusal, update


@cache
def _by_label(region: str) -> dict[str, Comune]:
    return {c.label: c for c in in_region(region)}


def _label(m: Municipality) -> str | None:
    if not m.name:
        return None
    return f"{m.name} ({m.province})" if m.province else m.name


def resolve(text: str, region: str) -> Comune | None:
    """The municipality a user means by a picked label or by typed text."""
    if text in _by_label(region):
        return _by_label(region)[text]
    name = text.rsplit(" (", 1)[0]
    exact = [c for c in in_region(region) if fold(c.name) == fold(name)]
    hits = exact or search(name, region, limit=2)
    if len(hits) == 1:
        return hits[0]
    return find(name)  # elsewhere in Italy, or None


def _to_model(text: str | None, region: str, keep: Municipality | None = None) -> Municipality:
    if not text:
        return Municipality()
    c = resolve(text, region)
    if c is None:
        return Municipality(name=" ".join(text.split()))  # unknown: Eligibility says so
    population = keep.population if keep and fold(keep.name) == fold(c.name) else None
    return Municipality(name=c.name, province=c.province, istat_code=c.istat_code, population=population)


def _options(region: str, current: list[str]) -> list[str]:
    """The region's municipalities, plus whatever is chosen now (even from elsewhere)."""
    options = list(_by_label(region))
    return options + [label for label in current if label not in _by_label(region)]


def _commit_one(path: str, region: str) -> None:
    update(path, _to_model(st.session_state[key_for(path)], region))


def municipality_picker(path: str, label: str) -> None:
    region = call().eligible_region
    key = key_for(path)
    current = _label(dossier().eligibility.municipality)
    if key not in st.session_state:
        st.session_state[key] = current
    st.selectbox(label, _options(region, [current] if current else []), key=key, index=None,
                 placeholder=t("eligibility.search_placeholder"), accept_new_options=True,
                 help=t("eligibility.municipality_help", region=call().region.get(lang())),
                 on_change=guarded(path, _commit_one), args=(path, region))
    show_refusal(path)


def _commit_members(region: str) -> None:
    e = dossier().eligibility
    old = {fold(m.name): m for m in e.members}
    members: list[Municipality] = []
    for text in st.session_state[key_for("eligibility.members")]:
        m = _to_model(text, region, old.get(fold(text.rsplit(" (", 1)[0])))
        if all(fold(m.name) != fold(other.name) for other in members):
            members.append(m)
    update("eligibility.members", members)
    if e.lead and not any(fold(m.name) == fold(e.lead) for m in members):
        update("eligibility.lead", "")
    forget_widgets("eligibility.members.")


def _commit_lead() -> None:
    label = st.session_state[key_for("eligibility.lead")]
    update("eligibility.lead", label.rsplit(" (", 1)[0] if label else "")


def members_picker() -> None:
    """The union's members, then its lead chosen among them."""
    region = call().eligible_region
    e = dossier().eligibility
    member_labels = [lb for lb in map(_label, e.members) if lb]
    key = key_for("eligibility.members")
    if key not in st.session_state:
        st.session_state[key] = member_labels
    st.multiselect(t("eligibility.members"), _options(region, member_labels), key=key,
                   placeholder=t("eligibility.search_placeholder"), accept_new_options=True,
                   help=t("eligibility.members_help", region=call().region.get(lang())),
                   on_change=guarded("eligibility.members", _commit_members), args=(region,))
    show_refusal("eligibility.members")
    lead_key = key_for("eligibility.lead")
    st.session_state[lead_key] = next(
        (lb for lb, m in zip(member_labels, e.members) if fold(m.name) == fold(e.lead)), None)
    st.selectbox(t("eligibility.lead"), member_labels, key=lead_key, index=None,
                 placeholder=t("eligibility.lead_placeholder"), help=t("eligibility.lead_help"),
                 disabled=not member_labels, on_change=_commit_lead)
