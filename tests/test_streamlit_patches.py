"""The Streamlit patches are listed in one place, with the version they were checked on and
the tests that guard each: what a newcomer reads before upgrading Streamlit."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import streamlit

from components import streamlit_patches
from components.streamlit_patches import PATCHES, PINNED

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "components" / "streamlit_patches"


def test_the_pinned_version_is_the_one_requirements_install():
    pin = re.search(r"^streamlit==(\S+)", (ROOT / "requirements.txt").read_text(), re.M)
    assert pin and pin.group(1) == PINNED == streamlit.__version__


def test_every_patch_is_listed_with_tests_that_exist_and_exercise_it():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "pinned"}
    assert {p.module for p in PATCHES} == modules
    for patch in PATCHES:
        assert patch.tests, patch.module
        for test in patch.tests:
            assert (ROOT / test).is_file(), test
        assert any(patch.module in (ROOT / test).read_text() for test in patch.tests), patch.module


def test_another_streamlit_is_said_at_start_with_each_patch_and_its_tests(monkeypatch, caplog):
    monkeypatch.setattr(streamlit, "__version__", "9.9.9")
    with caplog.at_level(logging.WARNING, logger=streamlit_patches.__name__):
        assert streamlit_patches.version_checked.__wrapped__() is False
    said = caplog.text
    assert "9.9.9" in said and PINNED in said
    for patch in PATCHES:
        assert f"{patch.module}.py" in said and all(test in said for test in patch.tests)


def test_on_the_pinned_streamlit_nothing_is_said(caplog):
    with caplog.at_level(logging.WARNING, logger=streamlit_patches.__name__):
        assert streamlit_patches.version_checked.__wrapped__() is True
    assert not caplog.text
