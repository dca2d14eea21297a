"""Turns at the PDF converter and the signed-letter check (dossier/turns.py): first come,
first served, one per user, each waiting user told how many are before them; and how the
converter says a refused turn. No LibreOffice needed."""

import threading
import time

import pytest

from dossier import pdf, turns


def test_conversions_take_turns_in_arrival_order_and_each_waiting_user_hears_its_place():
    queue = turns.Turns(slots=1)  # one slot: the order they are served in is the order of their turns
    served: list[int] = []
    heard: dict[int, list[int]] = {i: [] for i in range(6)}
    release = threading.Event()

    def user(i: int) -> None:
        with queue.turn(owner=i, wait=30, on_wait=heard[i].append):
            served.append(i)
            if i == 0:
                release.wait(10)

    threads = []
    for i in range(6):  # 0 converts (and holds the slot); 1..5 queue up in this order
        threads.append(threading.Thread(target=user, args=(i,)))
        threads[-1].start()
        deadline = time.monotonic() + 5
        while len(queue._line) < i + 1:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    release.set()
    for thread in threads:
        thread.join(10)
    assert served == [0, 1, 2, 3, 4, 5]
    assert heard[0] == []  # a free slot: no wait, nothing to say
    assert [heard[i][0] for i in range(1, 6)] == [1, 2, 3, 4, 5]  # how many go before each
    assert heard[5] == sorted(set(heard[5]), reverse=True)  # and it hears the line move (only forward)
    assert queue._line == []


def test_a_user_has_one_turn_at_most():
    queue = turns.Turns(slots=1)
    with (
        queue.turn(owner="session-a", wait=1, on_wait=None),
        pytest.raises(turns.Already),
        queue.turn(owner="session-a", wait=1, on_wait=None),
    ):
        pass
    with queue.turn(owner="session-a", wait=1, on_wait=None):  # done: a new one may start
        pass


def test_a_wait_too_long_says_busy_and_a_user_who_left_frees_their_place():
    queue = turns.Turns(slots=1)

    class Left(Exception):
        pass

    def leave(place: int) -> None:
        raise Left  # as Streamlit stops the script of a closed tab at its next element

    with queue.turn(owner="a", wait=5, on_wait=None):
        with pytest.raises(turns.Busy), queue.turn(owner="b", wait=0.2, on_wait=None):
            pass
        with pytest.raises(Left), queue.turn(owner="c", wait=5, on_wait=leave):
            pass
        assert [t.owner for t in queue._line] == ["a"]


@pytest.mark.parametrize(("refusal", "reason"), [(turns.Busy, "busy"), (turns.Already, "already")])
def test_the_converter_says_a_refused_turn_in_its_own_words(monkeypatch, refusal, reason):
    class Refusing(turns.Turns):
        def turn(self, *args, **kwargs):
            raise refusal

    monkeypatch.setattr(pdf, "_TURNS", Refusing(1))
    with pytest.raises(pdf.PdfError) as err, pdf._turn("a", 1, None):
        pass
    assert err.value.reason == reason
