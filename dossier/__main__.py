"""Command line: `python -m dossier sample|build|check|municipalities|check-english`."""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

from . import sample
from .calls import Localised, discover_calls, load_call
from .documents import build_documents, build_eml, build_zip, eml_name, zip_name
from .drafts import DraftError, from_json, to_json
from .eligibility import missing
from .english import EnglishChecker, main_check_english, unresolved
from .municipalities import in_region
from .numbers import format_count


def _sample(args) -> int:
    print(to_json(sample.union() if args.union else sample.single()))
    return 0


def _read(path: str):
    """The draft and its call, or None after saying on stderr why not."""
    try:
        d = from_json(Path(path).read_bytes())
    except OSError as err:
        print(f"Cannot read {path}: {err.strerror}", file=sys.stderr)
        return None
    except DraftError as err:
        print(f"{path} is not a valid draft:", file=sys.stderr)
        for p in err.problems:
            print(f"  - {p.where or '(file)'}: {p.code.replace('_', ' ')} {p.detail}".rstrip(), file=sys.stderr)
        return None
    if d.call_id not in discover_calls():
        print(f"{path} is for the call '{d.call_id}', which this version does not know.", file=sys.stderr)
        return None
    return d, load_call(d.call_id)


def _english_messages() -> dict[str, dict[str, str]]:
    """The [missing] and [checks] messages of the English interface: the Review's words."""
    with open(Path(__file__).resolve().parent.parent / "locales" / "en.toml", "rb") as fh:
        data = tomllib.load(fh)
    return {"missing": data["missing"], "checks": data["checks"]}


def _check(args) -> int:
    """Every missing answer and inconsistency, one JSON line each: exit 1 while one blocks."""
    read = _read(args.draft)
    if read is None:
        return 2
    d, call = read
    messages = _english_messages()
    blocked = False
    for found in missing(d, call).values():
        for f in found:
            section = "checks" if f.code in messages["checks"] else "missing"
            params = {k: v.en if isinstance(v, Localised) else format_count(v, "en") if type(v) is int else v
                      for k, v in f.params.items()}
            print(json.dumps({"step": f.step, "field": f.field, "rule": f.code,
                              "severity": "warning" if f.warning else "error",
                              "message": messages[section].get(f.code, f.code).format(**params)},
                             ensure_ascii=False))
            blocked = blocked or not f.warning
    # The Documents step's last gate, as the Review lists it: sentences not in English.
    for path, r in unresolved(d, call, EnglishChecker()):
        print(json.dumps({"step": "english", "field": path, "rule": "not_english", "severity": "error",
                          "message": f"This sentence does not look English ({r.language}): {r.sentence}"},
                         ensure_ascii=False))
        blocked = True
    return 1 if blocked else 0


def _build(args) -> int:
    read = _read(args.draft)
    if read is None:
        return 2
    d, call = read
    gaps = [f for found in missing(d, call).values() for f in found]
    for f in gaps:
        print(f"warning: {f.field}: {f.code.replace('_', ' ')}", file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    docs = build_documents(d, call)
    files = {doc.file_name: doc.data for doc in docs}
    files[zip_name(d, call)] = build_zip(docs)
    files[eml_name(d, call)] = build_eml(d, call, docs)
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(out / name)
    return 0


def _municipalities(args) -> int:
    for c in in_region(args.region):
        print(c.label)
    return 0


def _check_english(args) -> int:
    return main_check_english(sys.stdin, sys.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dossier", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="print a complete sample draft as JSON")
    p.add_argument("--union", action="store_true", help="a union of three municipalities")
    p.set_defaults(func=_sample)
    p = sub.add_parser("build", help="write the annexes, the ZIP and the email of a draft")
    p.add_argument("draft", help="draft JSON file, as saved by the app")
    p.add_argument("--out", required=True, help="folder to write into")
    p.set_defaults(func=_build)
    p = sub.add_parser("check", help="print every missing answer and inconsistency, one JSON line each")
    p.add_argument("draft", help="draft JSON file, as saved by the app")
    p.set_defaults(func=_check)
    p = sub.add_parser("municipalities", help="list the municipalities of a region")
    p.add_argument("--region", default="Piemonte")
    p.set_defaults(func=_municipalities)
    p = sub.add_parser("check-english", help="check text on stdin: one JSON object per sentence")
    p.set_defaults(func=_check_english)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
