"""A crafted upload costs the server little: the check runs in a child process with limits
of CPU, memory and time, through slots served in arrival order (dossier/isolation.py)."""

from __future__ import annotations

import resource
import threading
import time

import pytest
from hostile_pdfs import metadata_bomb, object_stream_fan_out

from dossier import isolation
from dossier.signing import check_letter

TIGHT = isolation.Limits(cpu_seconds=1, memory_bytes=256 * 2**20, wall_seconds=4, max_wait=5)


def _spin() -> None:
    while True:
        pass


def _hog() -> int:
    return len(bytearray(512 * 2**20))


def _sleep() -> None:
    time.sleep(30)


def _fail() -> None:
    raise ValueError("a message that may quote the user's file")


def _answer(x: int) -> int:
    return x * 2


def _server_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def test_work_within_its_limits_returns_its_result():
    assert isolation.run(_answer, 21, limits=TIGHT) == 42


# Each stopped by its own limit: the spinner killed by the kernel at its CPU limit (not
# waited out), the hog's allocation refused, only the sleeper waited out.
@pytest.mark.parametrize(("work", "stopped_by"), [(_spin, "died"), (_hog, "memory"), (_sleep, "wall")])
def test_work_over_a_limit_is_stopped_and_costs_the_server_nothing(work, stopped_by):
    cpu = _server_cpu()
    with pytest.raises(isolation.TooComplex) as err:
        isolation.run(work, limits=TIGHT)
    assert err.value.args == (stopped_by,)
    assert _server_cpu() - cpu < 0.5  # the spinning was the worker's, and it is gone


def test_a_bug_in_the_work_is_named_by_its_kind_only():
    with pytest.raises(RuntimeError) as err:
        isolation.run(_fail, limits=TIGHT)
    assert "ValueError" in str(err.value)
    assert "user's file" not in str(err.value)


def test_slots_are_served_in_arrival_order_and_each_waiter_told_its_place():
    slots = isolation.FairSlots(1)
    served: list[int] = []
    places: dict[int, list[int]] = {}
    holder_in, release = threading.Event(), threading.Event()

    def hold():
        with slots.slot(5):
            holder_in.set()
            release.wait(5)

    def wait(n: int):
        with slots.slot(5, on_place=lambda ahead: places.setdefault(n, []).append(ahead)):
            served.append(n)
            time.sleep(0.1)  # long enough for the others to see the queue move

    first = threading.Thread(target=hold)
    first.start()
    holder_in.wait(5)
    waiters = []
    for n in range(3):
        waiters.append(threading.Thread(target=wait, args=(n,)))
        waiters[-1].start()
        while slots.waiting() < n + 1:  # arrive one after the other
            time.sleep(0.01)
    release.set()
    for th in [first, *waiters]:
        th.join(5)
    assert served == [0, 1, 2]
    assert places[0][0] == 0 and places[1][0] == 1 and places[2][0] == 2
    assert places[2] == [2, 1, 0]  # told as it moved up


def test_a_waiter_gives_up_with_busy_and_leaves_the_queue():
    slots = isolation.FairSlots(1)
    with slots.slot(1):
        with pytest.raises(isolation.Busy), slots.slot(0.2):
            pass
        assert slots.waiting() == 0
    with slots.slot(1):  # the slot came back
        pass


def test_the_object_stream_fan_out_is_stopped_with_words_not_an_hour_of_cpu():
    """The audit's 20 KB file with 1,000 fields: ~80 minutes in the server before."""
    data = object_stream_fan_out(pairs=1_000_000, fields=1000)
    assert len(data) < 30_000
    for scan in (False, True):
        cpu = _server_cpu()
        verdict = check_letter(data, fingerprint="f" * 64, signatory="Marco Bertolino", scan=scan)
        assert (verdict.outcome, verdict.problems) == ("unusable", ("too_complex",))
        assert _server_cpu() - cpu < 1.0


def test_a_metadata_bomb_does_not_reach_the_servers_memory():
    """261 KB that inflate to 256 MiB: +522 MB in the server before."""
    data = metadata_bomb(256)
    assert len(data) < 300_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    verdict = check_letter(data, fingerprint="f" * 64, signatory="Marco Bertolino", scan=True)
    assert verdict.outcome in ("accepted", "unusable")
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024 < 50 * 2**20
