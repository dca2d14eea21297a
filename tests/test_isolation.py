"""Two users never see each other's data; a whole wizard pass writes nothing to disk."""

import sys

from wizard import fill_everything, go, new_app, type_text

_watch = {"on": False, "allowed": "", "writes": []}


def _audit(event, args):
    if _watch["on"] and event == "open":
        path, mode = args[0], args[1]
        writing = isinstance(mode, str) and any(c in mode for c in "wax+")
        writing |= isinstance(mode, int) and bool(mode & 0o3)  # os.open flags O_WRONLY / O_RDWR
        if writing and isinstance(path, (str, bytes)) and not str(path).startswith(_watch["allowed"]):
            _watch["writes"].append(str(path))


sys.addaudithook(_audit)


def test_two_sessions_side_by_side_see_only_their_own():
    alice, bob = new_app(), new_app()
    alice.button(key="example-single").click().run()
    go(bob, "applicant")
    type_text(bob, "applicant.address", "Piazza Bob 2")
    go(alice, "applicant")
    assert alice.text_input(key="w:applicant.address").value == "Piazza Castello 1, 10011 Agliè (TO), Italy"
    assert bob.text_input(key="w:applicant.address").value == "Piazza Bob 2"
    assert bob.session_state["dossier"].officer.first_name == ""
    assert alice.session_state["english_checker"] is not bob.session_state.get("english_checker")
    carol = go(new_app(), "review")
    assert carol.session_state["dossier"].applicant.address == ""


def test_a_full_wizard_pass_writes_no_file(tmp_path, single, call):
    _watch.update(on=True, allowed=str(tmp_path), writes=[])
    try:
        at = new_app()
        fill_everything(at, single, call)
        go(at, "english")
        go(at, "documents")
        assert len([b for b in at.download_button if b.key.startswith("dl-")]) == 4
    finally:
        _watch["on"] = False
    assert _watch["writes"] == []


def test_the_watch_does_see_a_write(tmp_path):
    """The audit hook above is not blind: a real write outside tmp_path is caught."""
    _watch.update(on=True, allowed=str(tmp_path / "elsewhere"), writes=[])
    try:
        (tmp_path / "x.txt").write_text("x")
    finally:
        _watch["on"] = False
    assert _watch["writes"] == [str(tmp_path / "x.txt")]
