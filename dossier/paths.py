"""Read and write a Dossier value by its dotted path ("officer.experience.0.position").

Widgets and findings name fields by these paths, so a page can bind a widget to any
field, and a finding can say which widget to fix, without a parallel dict of the data.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def _step(obj: Any, part: str) -> Any:
    if isinstance(obj, list):
        return obj[int(part)]
    if isinstance(obj, dict):
        return obj.get(part, "")
    return getattr(obj, part)


def get_path(root: BaseModel, path: str) -> Any:
    obj: Any = root
    for part in path.split("."):
        obj = _step(obj, part)
    return obj


def set_path(root: BaseModel, path: str, value: Any) -> None:
    """Assign with validation: pydantic raises ValidationError and nothing changes."""
    *parents, last = path.split(".")
    obj: Any = root
    owner: Any = None
    for part in parents:
        owner, obj = obj, _step(obj, part)
    if isinstance(obj, dict):  # reassigned on its model, so the new value is validated too
        setattr(owner, parents[-1], {**obj, last: value})
    elif isinstance(obj, list):
        obj[int(last)] = value
    else:
        setattr(obj, last, value)
