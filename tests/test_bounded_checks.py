"""A crafted upload costs the server little: the check runs in a worker process with limits
of CPU, memory and time (dossier/isolation.py), taking turns (tests/test_turns.py)."""

from __future__ import annotations

import resource
import time
from dataclasses import replace

import pytest
from hostile_pdfs import metadata_bomb, object_stream_fan_out

from dossier import isolation
from dossier.signing import check_letter
from dossier.turns import Busy

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


# Each stopped by its own limit: the spinner killed by the kernel at its CPU limit long
# before its wall clock (at nice 10 on a loaded machine a CPU second may take many), the
# hog's allocation refused, the sleeper waited out.
@pytest.mark.parametrize(
    ("work", "wall", "stopped_by"), [(_spin, 120.0, "died"), (_hog, 120.0, "memory"), (_sleep, 2.0, "wall")]
)
def test_work_over_a_limit_is_stopped_and_costs_the_server_nothing(work, wall, stopped_by):
    cpu = _server_cpu()
    with pytest.raises(isolation.TooComplex) as err:
        isolation.run(work, limits=replace(TIGHT, wall_seconds=wall))
    assert err.value.args == (stopped_by,)
    assert _server_cpu() - cpu < 0.5  # the spinning was the worker's, and it is gone


def test_a_worker_that_cannot_start_is_busy_and_the_letter_says_try_again(monkeypatch):
    monkeypatch.setattr(isolation, "READY", b"?")  # no worker ever says it is ready, as on a server too loaded
    with pytest.raises(Busy):
        isolation.run(_answer, 21, limits=TIGHT)
    verdict = check_letter(b"%PDF-1.7 whatever", fingerprint="f" * 64, signatory="Marco Bertolino")
    assert (verdict.outcome, verdict.problems) == ("unusable", ("busy",))


def test_a_bug_in_the_work_is_named_by_its_kind_only():
    with pytest.raises(RuntimeError) as err:
        isolation.run(_fail, limits=TIGHT)
    assert "ValueError" in str(err.value)
    assert "user's file" not in str(err.value)


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
