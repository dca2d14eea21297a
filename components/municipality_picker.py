"""Pick municipalities from the ISTAT list of the call's region, by name."""

from __future__ import annotations

import streamlit as st

from dossier.models import Municipality
from dossier.municipalities import Comune, fold, in_region

from .i18n import t
from .state import dossier, forget_widgets, key_for, update


@st.cache_resource
def _by_label(region: str) -> dict[str, Comune]:
    return {c.label: c for c in in_region(region)}


def _label(m: Municipality) -> str | None:
    return f"{m.name} ({m.province})" if m.name else None


def _to_model(label: str | None, region: str, keep: Municipality | None = None) -> Municipality:
    if not label:
        return Municipality()
    c = _by_label(region)[label]
    population = keep.population if keep and fold(keep.name) == fold(c.name) else None
    return Municipality(name=c.name, province=c.province, istat_code=c.istat_code, population=population)


def _commit_one(path: str, region: str) -> None:
    update(path, _to_model(st.session_state[key_for(path)], region))


def municipality_picker(path: str, label: str, region: str) -> None:
    key = key_for(path)
    options = list(_by_label(region))
    if key not in st.session_state:
        current = _label(dossier().eligibility.municipality)
        st.session_state[key] = current if current in options else None
    st.selectbox(label, options, key=key, index=None, placeholder=t("eligibility.search_placeholder"),
                 help=t("eligibility.municipality_help", region=region), on_change=_commit_one, args=(path, region))


def _commit_members(region: str) -> None:
    e = dossier().eligibility
    old = {fold(m.name): m for m in e.members}
    labels = st.session_state[key_for("eligibility.members")]
    members = [_to_model(label, region, old.get(fold(label.rsplit(" (", 1)[0]))) for label in labels]
    update("eligibility.members", members)
    if e.lead and not any(fold(m.name) == fold(e.lead) for m in members):
        update("eligibility.lead", "")
    forget_widgets("eligibility.members.")


def _commit_lead() -> None:
    label = st.session_state[key_for("eligibility.lead")]
    update("eligibility.lead", label.rsplit(" (", 1)[0] if label else "")


def members_picker(region: str) -> None:
    """The union's members, then its lead chosen among them."""
    e = dossier().eligibility
    options = list(_by_label(region))
    key = key_for("eligibility.members")
    if key not in st.session_state:
        st.session_state[key] = [lb for lb in map(_label, e.members) if lb in options]
    st.multiselect(t("eligibility.members"), options, key=key, placeholder=t("eligibility.search_placeholder"),
                   help=t("eligibility.members_help", region=region), on_change=_commit_members, args=(region,))
    member_labels = [lb for lb in map(_label, e.members) if lb]
    lead_key = key_for("eligibility.lead")
    lead_label = next((lb for lb, m in zip(member_labels, e.members) if fold(m.name) == fold(e.lead)), None)
    st.session_state[lead_key] = lead_label
    st.selectbox(t("eligibility.lead"), member_labels, key=lead_key, index=None,
                 placeholder=t("eligibility.lead_placeholder"), help=t("eligibility.lead_help"),
                 disabled=not member_labels, on_change=_commit_lead)
