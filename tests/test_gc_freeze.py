"""Full garbage collections skip what every session shares (components/process/gc_freeze.py): the
server freezes the tracked objects when a run has loaded new modules, and only then."""

import gc
import importlib
import sys

import pytest

from components.process import gc_freeze


@pytest.fixture(autouse=True)
def thawed():
    yield
    gc.unfreeze()


def test_a_run_that_loaded_modules_freezes_and_the_next_ones_do_not(monkeypatch):
    monkeypatch.setattr(gc_freeze, "_modules_frozen", 0)  # a new server process
    gc.unfreeze()
    gc_freeze.freeze_new_imports()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the modules of the test run, with their functions and classes
    assert not gc_freeze.freeze_new_imports()
    assert gc.get_freeze_count() == frozen

    sys.modules.pop("colorsys", None)
    importlib.import_module("colorsys")  # a step's first visit loads a library
    garbage = [[] for _ in range(1000)]
    assert gc_freeze.freeze_new_imports()
    assert gc.get_freeze_count() >= frozen + len(garbage)
