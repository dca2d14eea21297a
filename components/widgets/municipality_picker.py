"""Pick municipalities from the ISTAT list of the call's region, by the start of the name.

A text field and our own search, not Streamlit's select boxes: their filter is fuzzy or
accent-sensitive, Enter picks whatever is highlighted ("Moiola" added "Mongiardino
Ligure"), and their prompts are English ("Select 2 matches", "Add: …"). Here Enter
picks a municipality only when the text names exactly one (accents and case ignored);
otherwise the matches are offered as buttons, one municipality per click. A name from
another region is kept, so that the Eligibility step can say plainly why it cannot apply;
a union's member from another region is not added, and the picker says why.
"""

from __future__ import annotations

from functools import cache

import streamlit as st

from dossier.models import MAX_LIST, Municipality
from dossier.municipalities import Comune, find, fold, in_region

from ..browser.a11y import hint
from ..page_parts.findings import at_field
from ..session.i18n import lang, t
from ..session.jump import JUMP
from ..session.markdown import escape_md
from ..session.state import call, dossier, forget_widgets, key_for, show_refusal, update

SHOWN_MATCHES = 8
FOLLOW = "follow"  # (old name, new name) after the applying municipality changed
CONFIRM = "picker_confirm"  # the index of the member whose removal is being asked
UNDO = "picker_undo"  # (index, member, was the lead) of the last member removed
REMOVED = "picker_removed"  # folded name -> member as removed: its residents come back with it
REFUSED = "picker_refused"  # why the municipality typed was not added (another region)


@cache
def _by_label(region: str) -> dict[str, Comune]:
    return {c.label: c for c in in_region(region)}


@cache
def _folded(region: str) -> tuple[tuple[str, Comune], ...]:
    """The region's names folded once (the same for everyone, so cached)."""
    return tuple((fold(c.name), c) for c in in_region(region))


def _label(m: Municipality) -> str:
    return f"{m.name} ({m.province})" if m.province else m.name


def lookup(text: str, region: str) -> tuple[Comune | None, list[Comune]]:
    """The one municipality `text` names, or else the region's names that start with it."""
    text = " ".join(text.split())
    if text in _by_label(region):
        return _by_label(region)[text], []
    q = fold(text.rsplit(" (", 1)[0])
    starts = [c for name, c in _folded(region) if name.startswith(q)] if q else []
    exact = [c for c in starts if fold(c.name) == q]
    if len(exact) == 1 or len(starts) == 1:
        return (exact or starts)[0], []
    if not starts:
        return find(q), []  # elsewhere in Italy (Eligibility says why not), or unknown
    return None, starts


def _model(c: Comune, keep: list[Municipality]) -> Municipality:
    """The municipality as stored, keeping the residents already entered for it."""
    same = next((m for m in keep if fold(m.name) == fold(c.name) and m.population is not None), None)
    return Municipality(
        name=c.name, province=c.province, istat_code=c.istat_code, population=same.population if same else None
    )


def _matches_key(path: str) -> str:
    return f"matches:{path}"


def _search(path: str, region: str, pick) -> None:
    """on_change of a search field: pick the one municipality typed, or offer the matches."""
    text = st.session_state[key_for(path)] or ""
    found, matches = lookup(text, region) if text.strip() else (None, [])
    st.session_state[_matches_key(path)] = (text.strip(), matches) if text.strip() and not found else None
    if found:
        pick(found)


def _set_municipality(c: Comune) -> None:
    old = dossier().eligibility.municipality
    new = _model(c, [old])
    if old.name and fold(old.name) != fold(new.name):
        st.session_state[FOLLOW] = (old.name, new.name)
    update("eligibility.municipality", new)
    st.session_state[key_for("eligibility.municipality")] = _label(new)
    st.session_state.pop(_matches_key("eligibility.municipality"), None)


def _clear_municipality() -> None:
    if not (st.session_state[key_for("eligibility.municipality")] or "").strip():
        update("eligibility.municipality", Municipality())


def _search_municipality(region: str) -> None:
    _clear_municipality()
    _search("eligibility.municipality", region, _set_municipality)


def _add_member(c: Comune) -> None:
    e = dossier().eligibility
    if fold(c.region) != fold(call().eligible_region):  # a union's members share its region
        where = call().region.get(lang())
        name, region = escape_md(c.label), escape_md(c.region)
        st.session_state[REFUSED] = t("picker.other_region", name=name, region=region, eligible=where)
    elif any(fold(m.name) == fold(c.name) for m in e.members):
        st.session_state["picker_note"] = t("picker.already", name=c.label)
    elif update("eligibility.members", [*e.members, _model(c, list(st.session_state.get(REMOVED, {}).values()))]):
        st.session_state["picker_note"] = t("picker.added", name=c.label)
    st.session_state[key_for("eligibility.members")] = ""
    st.session_state.pop(_matches_key("eligibility.members"), None)


def _ask_removal(i: int | None) -> None:
    st.session_state[CONFIRM] = i


def _remove_member(i: int) -> None:
    """Remove a member, keeping what it had (its residents) for an undo or a later re-add."""
    e = dossier().eligibility
    gone = e.members[i]
    was_lead = bool(e.lead) and fold(gone.name) == fold(e.lead)
    members = [m for j, m in enumerate(e.members) if j != i]
    update("eligibility.members", members)
    if e.lead and not any(fold(m.name) == fold(e.lead) for m in members):
        update("eligibility.lead", "")
    removed = st.session_state.setdefault(REMOVED, {})
    removed.pop(fold(gone.name), None)
    removed[fold(gone.name)] = gone
    while len(removed) > MAX_LIST:  # one user's own names, bounded like the members
        removed.pop(next(iter(removed)))
    st.session_state[UNDO] = (i, gone, was_lead)
    st.session_state[CONFIRM] = None
    forget_widgets("eligibility.members.")  # indices changed: residents' fields re-seed


def _undo_removal() -> None:
    i, gone, was_lead = st.session_state.pop(UNDO)
    members = list(dossier().eligibility.members)
    if not any(fold(m.name) == fold(gone.name) for m in members):
        members.insert(min(i, len(members)), gone)
        if update("eligibility.members", members) and was_lead:
            update("eligibility.lead", gone.name)
    forget_widgets("eligibility.members.")


def _matches(path: str, region: str, pick) -> None:
    """The municipalities the typed text may mean, one button each; or why there are none."""
    offered = st.session_state.get(_matches_key(path))
    if not offered:
        return
    text, matches = offered
    where = call().region.get(lang())
    if not matches:
        st.error(t("picker.none", region=where, text=escape_md(text)), icon=":material/error:")
        return
    st.info(t("picker.results", region=where, text=escape_md(text)))
    cols = st.columns(2)
    for n, c in enumerate(matches[:SHOWN_MATCHES]):
        cols[n % 2].button(c.label, key=f"pick-{path}-{c.label}", on_click=_picked, args=(path, pick, c))
    if len(matches) > SHOWN_MATCHES:
        st.caption(t("picker.more", shown=SHOWN_MATCHES))


def _picked(path: str, pick, c: Comune) -> None:
    """A match chosen: its button is gone with the others, so the keyboard goes back to the
    search field (the page script moves the focus there, components/browser/page_js.py)."""
    pick(c)
    st.session_state[JUMP] = path


def municipality_picker(path: str, label: str) -> None:
    region = call().eligible_region
    key = key_for(path)
    if key not in st.session_state:
        m = dossier().eligibility.municipality
        st.session_state[key] = _label(m) if m.name else ""
    at_field(path)
    st.text_input(
        label,
        key=key,
        placeholder=t("eligibility.search_placeholder"),
        on_change=_search_municipality,
        args=(region,),
    )
    hint(t("eligibility.municipality_help", region=call().region.get(lang())))
    show_refusal(path)
    _matches(path, region, _set_municipality)


def members_picker() -> None:
    """The union's members, added one at a time and each removable, then the lead among them."""
    region = call().eligible_region
    e = dossier().eligibility
    st.markdown(f"**{t('eligibility.members')}**")
    at_field("eligibility.members")
    if not e.members:
        st.caption(t("picker.no_members"))
    for i, m in enumerate(e.members):
        name, remove = st.columns([3, 2], vertical_alignment="center")
        name.markdown(f"- {escape_md(_label(m))}")
        remove.button(
            t("picker.remove", name=escape_md(_label(m))),
            key=f"rm-member-{i}",
            icon=":material/delete:",
            type="tertiary",
            on_click=_ask_removal,
            args=(i,),
        )
        if st.session_state.get(CONFIRM) == i:  # asked once, here, before anything is removed
            with st.container(border=True):
                lead = bool(e.lead) and fold(m.name) == fold(e.lead)
                st.markdown(
                    t("picker.remove_confirm_lead" if lead else "picker.remove_confirm", name=escape_md(_label(m)))
                )
                yes, no = st.columns(2)
                yes.button(
                    t("picker.remove_yes"), key=f"rm-member-yes-{i}", type="primary", on_click=_remove_member, args=(i,)
                )
                no.button(t("picker.remove_no"), key=f"rm-member-no-{i}", on_click=_ask_removal, args=(None,))
    note = st.session_state.pop("picker_note", None)
    if note:  # announced: the focus stays in the search field
        st.info(note, icon=":material/info:")
    undo = st.session_state.get(UNDO)
    if undo:
        text, button = st.columns([3, 2], vertical_alignment="center")
        text.caption(t("picker.removed", name=escape_md(_label(undo[1]))))
        button.button(t("picker.undo"), key="undo-rm-member", icon=":material/undo:", on_click=_undo_removal)
    st.text_input(
        t("picker.add_member"),
        key=key_for("eligibility.members"),
        placeholder=t("eligibility.search_placeholder"),
        on_change=_search,
        args=("eligibility.members", region, _add_member),
    )
    hint(t("eligibility.members_help", region=call().region.get(lang())))
    show_refusal("eligibility.members")
    refused = st.session_state.pop(REFUSED, None)
    if refused:
        st.markdown(f":red[**{refused}**]")
    _matches("eligibility.members", region, _add_member)

    labels = [_label(m) for m in e.members]
    lead_key = key_for("eligibility.lead")
    st.session_state[lead_key] = next(
        (lb for lb, m in zip(labels, e.members, strict=False) if fold(m.name) == fold(e.lead)), None
    )
    at_field("eligibility.lead")
    st.selectbox(
        t("eligibility.lead"),
        labels,
        key=lead_key,
        index=None,
        filter_mode=None,
        placeholder=t("eligibility.lead_placeholder"),
        disabled=not labels,
        on_change=_commit_lead,
    )
    hint(t("eligibility.lead_help"))


def _commit_lead() -> None:
    label = st.session_state[key_for("eligibility.lead")]
    old = dossier().eligibility.lead
    new = label.rsplit(" (", 1)[0] if label else ""
    if old and new and fold(old) != fold(new):
        st.session_state[FOLLOW] = (old, new)
    update("eligibility.lead", new)
