"""Row 1 (worst accepted draft): every field of the Dossier at its bound, built from the
models themselves, so that the row follows any change of a limit (decisions/0025).

The red team's `max_all.json` (every field at its bound under the old limits: 50 CV entries of
19,500 characters) cost the Officer page 2.8-2.9 s of server CPU per full run. The target is
< 0.3 s: a maximal draft may slow its own user a little, never the others.

Run alone: .venv/bin/python -m bench.worst [--runs 5]
"""

from __future__ import annotations

import argparse
import time
import types
import typing
from datetime import date
from typing import Any

from .common import Row, Target, median, ms, quiet_streamlit
from .reruns import share_compiled_scripts

TARGET_S = 0.3
# Words the English check reads as English, so the page draws a field as a user's would be.
_WORDS = "The officer coordinated the municipal help desk for foreign residents and their families. "


def _text(size: int) -> str:
    return (_WORDS * (size // len(_WORDS) + 1))[:size]


def _bound(metadata: list, name: str) -> Any:
    return next((getattr(m, name) for m in metadata if getattr(m, name, None) is not None), None)


def _at_bound(annotation: Any, metadata: list) -> Any:
    """The largest value the field takes: strings and lists at their maximum length."""
    from pydantic import BaseModel

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _at_bound(args[0], [*metadata, *args[1:]])
    if origin in (typing.Union, types.UnionType):
        return _at_bound(next(a for a in args if a is not type(None)), metadata)
    if origin is typing.Literal:
        return args[-1]
    if origin is list:
        return [_at_bound(args[0], []) for _ in range(_bound(metadata, "max_length"))]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return at_bounds(annotation)
    if annotation is str:
        return _text(_bound(metadata, "max_length") or 0)
    if annotation is bool:
        return True
    if annotation is int:
        return _bound(metadata, "le") or 0
    if annotation is date:
        return date(2020, 1, 1)
    raise TypeError(f"no bound for {annotation}")


def at_bounds(model: Any) -> Any:
    """An instance of `model` with every field at its bound (dicts are the caller's: their
    keys are the call's question ids)."""
    hints = typing.get_type_hints(model, include_extras=True)
    values = {}
    for name, info in model.model_fields.items():
        hint = hints[name]
        bare = typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint
        if name not in ("schema_version", "call_id", "example") and typing.get_origin(bare) is not dict:
            values[name] = _at_bound(hint, list(info.metadata))
    return model.model_validate(values)


def worst_draft():
    """The largest draft the app accepts: every field at its bound, an answer to each of the
    call's questions at its bound. Checked to load as a draft file does."""
    from dossier.calls import load_call
    from dossier.drafts import check_answers, from_json, to_json
    from dossier.models import MAX_TEXT, Dossier

    d = at_bounds(Dossier)
    call = load_call(d.call_id)
    d.needs.answers = {q.id: _text(MAX_TEXT) for q in call.questions}
    d.needs.community = call.communities[0].id if call.communities else ""
    loaded = from_json(to_json(d))  # raises if any bound above is not the model's
    check_answers(loaded, call)
    return loaded


def page_cpu(step: str, runs: int) -> list[float]:
    """CPU seconds of this process per full rerun of `step` with the worst draft (AppTest:
    the script thread and the parsing of what it sent, so a little above the server's)."""
    from .apptest_apps import wizard_app

    quiet_streamlit()
    share_compiled_scripts()
    at = wizard_app()
    at.session_state["dossier"] = worst_draft()
    at.switch_page(f"views/{step}.py").run()
    at.run()  # warm: the English check's first look at every text is its own row (3)
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        at.run()
        times.append(time.process_time() - t0)
    if at.exception:
        raise RuntimeError(str(at.exception[0].value)[:200])
    return times


def rows(runs: int = 5) -> tuple[list[Row], list[Target]]:
    d = worst_draft()
    size = len(d.model_dump_json())
    cpu = median(page_cpu("officer", runs))
    met = cpu < TARGET_S
    what = (
        f"worst accepted draft ({size // 1000} kB, every field at its bound): Officer page, CPU per full run (AppTest)"
    )
    return [Row("1", what, str(runs), ms(cpu), f"< {ms(TARGET_S)}", met)], [
        Target("worst accepted draft: Officer page < 300 ms CPU a run", met, ms(cpu))
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    for row in rows(parser.parse_args().runs)[0]:
        print(row.what, row.value, row.target, row.verdict)
