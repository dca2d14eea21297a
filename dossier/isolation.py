"""Work on a user's file in a child process of its own, within limits of CPU time, memory
and wall-clock time, through a few slots handed out in arrival order.

A crafted file can make a parser spin for an hour or allocate gigabytes (an object
stream read again for every form field, a compressed metadata bomb). In the server's own
process that work would hold the interpreter from every other user, could not be stopped,
and would outlive the session. Here each task runs in a fresh worker process (`python -m
dossier.isolation`) that imported the parsers and nothing of any user: the kernel ends it
at its CPU limit, its allocations fail at its memory limit, the caller kills it at the
wall-clock limit, and it always ends with its task. One worker is started ahead, so a
task does not wait for the imports. Workers run at a lower CPU priority, so the server's
answers to clicks come first.

Not multiprocessing: its children re-run the parent's `__main__`, which under Streamlit is
the app's script.

Tasks take turns (dossier/turns.py), shared by all sessions of the server: first come,
first served, SLOTS at a time; a caller waiting is told its place (`on_place`) and gives up
after `max_wait` seconds. A session's script thread waits for its own work, so one session
has at most one task in flight.
"""

from __future__ import annotations

import importlib
import math
import os
import pickle
import resource
import select
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .turns import Busy, Turns

T = TypeVar("T")
SLOTS = 2  # the machines this runs on have two cores, and each task takes one whole
STARTUP_SECONDS = 60  # for a worker's imports, on a loaded machine: not the task's time
READY = b"R"
_ROOT = Path(__file__).resolve().parents[1]  # where `dossier` is importable from


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int  # beyond what the worker's imports took
    memory_bytes: int  # address space of the worker, its imported libraries included
    wall_seconds: float
    max_wait: float = 60.0  # for a turn, before "busy"


class TooComplex(Exception):
    """The work went over a limit (CPU, memory or time) and was stopped."""


_TURNS = Turns(SLOTS)


class _Workers:
    """The modules a worker imports, and the one worker started ahead with them."""

    def __init__(self) -> None:
        self.modules: list[str] = []
        self._spare: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def take(self) -> subprocess.Popen[bytes]:
        with self._lock:
            worker = self._spare if self._spare is not None and self._spare.poll() is None else self._start()
            self._spare = self._start()
            return worker

    def _start(self) -> subprocess.Popen[bytes]:
        # The server's own import path, so that the worker finds what the server finds.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(_ROOT), *filter(None, sys.path)])}
        return subprocess.Popen(
            [sys.executable, "-m", __name__, *self.modules],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # whatever a parser prints may quote the file
            cwd=_ROOT,
            env=env,
        )


_WORKERS = _Workers()


def preload(*modules: str) -> None:
    """Modules every worker imports before it is handed a task (those that define the
    functions given to `run`)."""
    _WORKERS.modules = sorted({*_WORKERS.modules, *modules})


def run(fn: Callable[..., T], *args: Any, limits: Limits, on_place: Callable[[int], None] | None = None) -> T:
    """fn(*args) in a worker process within `limits`, when its turn comes (`on_place(n)`:
    n are to go before it; dossier/turns.py). fn (a module-level function), its arguments
    and its result must pickle. TooComplex when the worker went over a limit or died;
    turns.Busy when no turn came within `limits.max_wait` or no worker could start;
    RuntimeError, naming the exception's kind, when fn raised."""
    with _TURNS.turn(None, limits.max_wait, on_place):
        return _in_worker(fn, args, limits)


def _in_worker(fn: Callable[..., T], args: tuple, limits: Limits) -> T:
    worker = _WORKERS.take()
    try:
        _wait_ready(worker)  # the task's wall clock starts when the worker has imported
        out, _ = worker.communicate(pickle.dumps((fn, args, limits)), timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        raise TooComplex("wall") from None
    finally:
        worker.kill()
        worker.wait()
    if not out:  # killed at its CPU limit (SIGXCPU), or died at its memory limit
        raise TooComplex("died")
    done, value = pickle.loads(out)
    if done == "memory":
        raise TooComplex("memory")
    if done == "error":  # a bug of fn's, named by its kind only: its message may quote the file
        raise RuntimeError(f"isolated work failed: {value}")
    return value  # type: ignore[no-any-return]


def _wait_ready(worker: subprocess.Popen[bytes]) -> None:
    assert worker.stdout is not None
    ready, _, _ = select.select([worker.stdout], [], [], STARTUP_SECONDS)
    if not ready or worker.stdout.read(1) != READY:  # a server too loaded to start one: try later
        raise Busy


def _worker_main(modules: list[str]) -> None:
    """A worker: import, wait for one task, put the limits on, do it, answer, exit."""
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what the libraries print must not mix with the answer
    for name in modules:
        importlib.import_module(name)
    results.write(READY)
    results.flush()
    try:
        fn, args, limits = pickle.load(sys.stdin.buffer)
    except EOFError:  # the server went away before handing a task
        return
    except Exception as err:  # a function the worker cannot import
        _answer(results, ("error", type(err).__name__))
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = math.ceil(used.ru_utime + used.ru_stime) + limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU, then SIGKILL
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    os.nice(10)
    try:
        outcome: tuple[str, Any] = ("ok", fn(*args))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as err:
        outcome = ("error", type(err).__name__)
    _answer(results, outcome)


def _answer(results: Any, outcome: tuple[str, Any]) -> None:
    pickle.dump(outcome, results)
    results.flush()


if __name__ == "__main__":
    _worker_main(sys.argv[1:])
