"""Every input says what it is and how to fill it: a visible label and a help text."""

import pytest
from wizard import go, new_app

from dossier.eligibility import STEPS

INPUTS = ("text_input", "text_area", "number_input", "selectbox", "multiselect", "radio", "checkbox",
          "date_input", "toggle")


@pytest.mark.parametrize("example", ["example-single", "example-union"])
def test_every_input_on_every_step_has_a_visible_label_and_help(example):
    at = new_app()
    at.button(key=example).click().run()
    lacking, seen = [], 0
    for step in STEPS:
        go(at, step)
        for kind in INPUTS:
            for widget in at.main.get(kind):
                seen += 1
                visible = not widget.proto.HasField("label_visibility") or widget.proto.label_visibility.value == 0
                if not (widget.label.strip() and visible and widget.proto.help.strip()):
                    lacking.append(f"{step}: {widget.key} {widget.label!r}")
    assert seen > 60  # the example fills every step, so every kind of input was looked at
    assert lacking == []
