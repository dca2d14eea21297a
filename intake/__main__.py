"""Command line: `python -m intake inbox PATH --out DIR`: the import, the checks and the
workbook without the browser. Exit codes as dossier's: 0 every application admissible,
1 some are not (the workbook says why), 2 nothing could be read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dossier.calls import load_call

from .evaluation import new_evaluation
from .inbox import import_cards
from .mailbox import MAX_GIVEN_BYTES
from .words import name, reasons, say
from .workbook import workbook


def _inputs(path: Path) -> list[tuple[str, bytes]] | None:
    """The files given, read no further than MAX_GIVEN_BYTES in all (a size on disk can lie:
    /dev/zero has none)."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    given, left = [], MAX_GIVEN_BYTES
    for p in files:
        with p.open("rb") as fh:
            data = fh.read(left + 1)
        left -= len(data)
        if left < 0:
            print(f"{path}: more than {MAX_GIVEN_BYTES // 1_000_000} MB, not read", file=sys.stderr)
            return None
        given.append((str(p.relative_to(path)) if path.is_dir() else p.name, data))
    return given


def _inbox(args: argparse.Namespace) -> int:
    try:
        call = load_call(args.call)
    except OSError:
        print(f"No call pack {args.call!r}", file=sys.stderr)
        return 2
    try:
        given = _inputs(Path(args.path))
    except OSError as err:
        print(f"Cannot read {args.path}: {err.strerror}", file=sys.stderr)
        return 2
    if given is None:
        return 2
    got, cards = import_cards(given, call)
    for source, reason in got.skipped:
        print(f"not read: {source or args.path}: {say(f'skip.{reason}', 'en')}", file=sys.stderr)
    if not cards:
        print("No application email found.", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{call.short_name}_applications.xlsx"
    target.write_bytes(workbook(cards, new_evaluation(cards, call), call))
    for i, c in enumerate(cards, start=1):
        status = "admissible" if c.admissible else "NOT admissible: " + "; ".join(reasons(c, call, "en"))
        print(f"{i:3d}. {name(c)}: {status}")
    print(f"Workbook: {target}")
    return 0 if all(c.admissible for c in cards) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m intake", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    inbox = sub.add_parser("inbox", help="read a mailbox (.eml, .mbox, .zip or a folder) and write the workbook")
    inbox.add_argument("path")
    inbox.add_argument("--out", required=True)
    inbox.add_argument("--call", default="connection-2020")
    inbox.set_defaults(run=_inbox)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
