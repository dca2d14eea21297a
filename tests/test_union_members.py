"""A union's members (issue 29): only from the call's region, said at the picker with the
reason; a removal asks once and can be undone, and a member removed keeps its residents."""

from dossier import sample
from dossier.eligibility import eligibility_findings
from dossier.models import Municipality
from wizard import go, new_app, type_text, w


def union_example():
    at = new_app()
    at.button(key="example-union").click().run()
    return go(at, "eligibility")


def members(at) -> list[Municipality]:
    return at.session_state["dossier"].eligibility.members


def shown(at) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)


def test_a_member_from_another_region_is_refused_at_the_picker_with_the_reason():
    at = union_example()
    before = list(members(at))
    type_text(at, "eligibility.members", "Sanremo")
    assert members(at) == before
    assert "Sanremo (IM) è in Liguria: non può essere un Comune membro" in shown(at)
    assert "riservato ai Comuni del Piemonte" in shown(at)


def test_a_draft_with_a_member_from_another_region_cannot_apply(call):
    d = sample.union()
    d.eligibility.members.append(Municipality(name="Sanremo", province="IM", istat_code="008055"))
    found = [f for f in eligibility_findings(d, call) if f.code == "member_outside_region"]
    assert [f.params["name"] for f in found] == ["Sanremo (IM)"]


def test_removing_a_member_asks_once_and_can_be_undone_with_its_residents_and_lead():
    at = union_example()
    before = [m.model_copy() for m in members(at)]
    lead = at.session_state["dossier"].eligibility.lead
    i = next(n for n, m in enumerate(before) if m.name == lead)
    at.button(key=f"rm-member-{i}").click().run()
    assert members(at) == before  # asked, nothing removed yet
    assert "è il Comune capofila" in shown(at)
    at.button(key=f"rm-member-no-{i}").click().run()
    assert members(at) == before and not any(b.key == f"rm-member-yes-{i}" for b in at.button)

    at.button(key=f"rm-member-{i}").click().run()
    at.button(key=f"rm-member-yes-{i}").click().run()
    assert [m.name for m in members(at)] == [m.name for m in before if m.name != lead]
    assert at.session_state["dossier"].eligibility.lead == ""
    assert f"{before[i].name} ({before[i].province}) è stato rimosso" in shown(at)
    at.button(key="undo-rm-member").click().run()
    assert members(at) == before  # same place, same residents
    assert at.session_state["dossier"].eligibility.lead == lead
    go(at, "applicant")
    assert at.text_input(key=w(f"eligibility.members.{i}.population")).value == f"{before[i].population:,}".replace(
        ",", "."
    )


def test_a_member_removed_then_added_again_keeps_its_residents():
    at = union_example()
    gone = members(at)[-1].model_copy()
    last = len(members(at)) - 1
    at.button(key=f"rm-member-{last}").click().run()
    at.button(key=f"rm-member-yes-{last}").click().run()
    assert gone.name not in [m.name for m in members(at)]
    type_text(at, "eligibility.members", gone.name)
    assert members(at)[-1] == gone


def test_the_letter_step_of_a_union_says_who_may_sign_and_the_letter_names_them(call):
    at = union_example()
    go(at, "letter")
    intro = " ".join(m.value for m in at.markdown)
    assert "firmata dal Presidente dell'Unione" in intro and "Sindaco del Comune capofila" in intro
    assert "è firmata dal Sindaco." not in intro
    at.radio(key=w("letter.signatory_role")).set_value("union_president").run()
    preview = " ".join(t.value for t in at.text)
    assert "President of the" in preview and "Mayor" not in preview
    at.radio(key=w("letter.signatory_role")).set_value("lead_mayor").run()
    assert "lead municipality of the" in " ".join(t.value for t in at.text)
