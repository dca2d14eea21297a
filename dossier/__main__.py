"""Command line: `python -m dossier sample|build|municipalities|check-english`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import sample
from .calls import discover_calls, load_call
from .documents import build_documents, build_eml, build_zip, eml_name, zip_name
from .drafts import DraftError, from_json, to_json
from .eligibility import missing
from .english import main_check_english
from .municipalities import in_region


def _sample(args) -> int:
    print(to_json(sample.union() if args.union else sample.single()))
    return 0


def _build(args) -> int:
    try:
        d = from_json(Path(args.draft).read_bytes())
    except OSError as err:
        print(f"Cannot read {args.draft}: {err.strerror}", file=sys.stderr)
        return 2
    except DraftError as err:
        print(f"{args.draft} is not a valid draft:", file=sys.stderr)
        for p in err.problems:
            print(f"  - {p.where or '(file)'}: {p.code.replace('_', ' ')} {p.detail}".rstrip(), file=sys.stderr)
        return 2
    if d.call_id not in discover_calls():
        print(f"{args.draft} is for the call '{d.call_id}', which this version does not know.", file=sys.stderr)
        return 2
    call = load_call(d.call_id)
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
    return main_check_english()


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
    p = sub.add_parser("municipalities", help="list the municipalities of a region")
    p.add_argument("--region", default="Piemonte")
    p.set_defaults(func=_municipalities)
    p = sub.add_parser("check-english", help="check text on stdin: one JSON object per sentence")
    p.set_defaults(func=_check_english)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
