"""Command line: `python -m dossier sample|build|check|verify-signed|municipalities|check-english`."""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from . import sample
from .calls import Call, Localised, discover_calls, load_call
from .documents import build_documents, build_zip, letter_fingerprint_of, zip_name
from .drafts import MAX_DRAFT_BYTES, DraftError, check_answers, from_json, to_json
from .eligibility import is_ready, missing
from .english import EnglishChecker, main_check_english, unresolved
from .fingerprint import answers_fingerprint
from .models import Dossier
from .municipalities import in_region
from .numbers import format_count
from .pdf import PdfError, to_pdfs
from .signing import (
    MAX_ID_BYTES,
    MAX_LETTER_BYTES,
    UNUSABLE,
    Verdict,
    check_identity,
    check_letter,
    message_params,
)
from .submission import (
    attachments,
    build_eml,
    eml_name,
    record_name,
    signer_statement,
    submission_record,
)

LOCALES = Path(__file__).resolve().parent.parent / "locales"


def _sample(args: argparse.Namespace) -> int:
    print(to_json(sample.union() if args.union else sample.single()))
    return 0


def _load_draft(path: str) -> tuple[Dossier, Call] | None:
    """(Dossier, Call), or None after saying on stderr why not."""
    raw = _read_bounded(path, MAX_DRAFT_BYTES)  # /dev/zero or a 1 GB file: "too large", read no further
    if raw is None:
        return None
    try:
        d = from_json(raw)
        if d.call_id not in discover_calls():
            print(f"{path} is for the call '{d.call_id}', which this version does not know.", file=sys.stderr)
            return None
        call = load_call(d.call_id)
        check_answers(d, call)
    except DraftError as err:
        print(f"{path} is not a valid draft:", file=sys.stderr)
        for p in err.problems:
            print(f"  - {p.where or '(file)'}: {p.code.replace('_', ' ')} {p.detail}".rstrip(), file=sys.stderr)
        return None
    return d, call


def _english_messages() -> dict[str, dict[str, str]]:
    """The [missing] and [checks] messages of the English interface: the Review's words."""
    with open(LOCALES / "en.toml", "rb") as fh:
        data = tomllib.load(fh)
    return {"missing": data["missing"], "checks": data["checks"]}


def _check(args: argparse.Namespace) -> int:
    """Every missing answer and inconsistency, one JSON line each: exit 1 while one blocks."""
    loaded = _load_draft(args.draft)
    if loaded is None:
        return 2
    d, call = loaded
    messages = _english_messages()
    blocked = False
    for found in missing(d, call).values():
        for f in found:
            section = "checks" if f.code in messages["checks"] else "missing"
            params = {
                k: v.en if isinstance(v, Localised) else format_count(v, "en") if type(v) is int else v
                for k, v in f.params.items()
            }
            print(
                json.dumps(
                    {
                        "step": f.step,
                        "field": f.field,
                        "rule": f.code,
                        "severity": "warning" if f.warning else "error",
                        "message": messages[section].get(f.code, f.code).format(**params),
                    },
                    ensure_ascii=False,
                )
            )
            blocked = blocked or not f.warning
    # The Documents step's last gate, as the Review lists it: sentences not in English, and
    # any text the check could not finish within its budget.
    for path, r in unresolved(d, call, EnglishChecker()):
        message = (
            f"This sentence does not look English ({r.language}): {r.sentence}"
            if r.verdict == "not_english"
            else f"Not checked (too much text for the check's budget): {r.sentence[:80]}"
        )
        print(
            json.dumps(
                {
                    "step": "english",
                    "field": path,
                    "rule": r.verdict,
                    "severity": "error",
                    "message": message,
                },
                ensure_ascii=False,
            )
        )
        blocked = True
    return 1 if blocked else 0


def _read_bounded(path: str, limit: int) -> bytes | None:
    """The file's bytes, never more than `limit` + 1 of them (check_* says "too large"); None if unreadable."""
    try:
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except OSError as err:
        print(f"Cannot read {path}: {err.strerror}", file=sys.stderr)
        return None


def _verify(args: argparse.Namespace, d: Dossier, call: Call) -> tuple[Verdict, bytes] | None:
    data = _read_bounded(args.signed_letter, MAX_LETTER_BYTES)
    if data is None:
        return None
    mark = letter_fingerprint_of(d, call)
    verdict = check_letter(data, fingerprint=mark, signatory=d.letter.signatory_name, scan=args.scan)
    return verdict, data


def _verdict_json(verdict: Verdict, d: Dossier) -> str:
    with open(LOCALES / "en.toml", "rb") as fh:
        texts = tomllib.load(fh)["signing"]
    params = message_params(verdict, d.letter.signatory_name)
    out = verdict.as_dict()
    out["messages"] = [texts[code].format(**params) for code in (*verdict.problems, *verdict.warnings)]
    return json.dumps(out, default=str, ensure_ascii=False, indent=2)


def _verify_signed(args: argparse.Namespace) -> int:
    loaded = _load_draft(args.draft)
    checked = _verify(args, *loaded) if loaded else None
    if loaded is None or checked is None:
        return 2
    verdict = checked[0]
    print(_verdict_json(verdict, loaded[0]))
    return 0 if verdict.accepted else 2 if verdict.outcome == UNUSABLE else 1


def _identity(args: argparse.Namespace) -> tuple[bytes, str] | None:
    data = _read_bounded(args.id_document, MAX_ID_BYTES) if args.id_document else b""
    if data is None:
        return None
    problem, ext = check_identity(data)
    if problem:
        print(f"--id-document: {problem.replace('_', ' ')}", file=sys.stderr)
        return None
    return data, ext


def _build(args: argparse.Namespace) -> int:
    loaded = _load_draft(args.draft)
    if loaded is None:
        return 2
    d, call = loaded
    found = missing(d, call)
    for f in (f for step in found.values() for f in step):
        print(f"{'warning' if f.warning else 'error'}: {f.field}: {f.code.replace('_', ' ')}", file=sys.stderr)
    checked = identity = None
    if args.signed_letter and (not is_ready(d, call, found) or unresolved(d, call, EnglishChecker())):
        # As the Documents step: no email while an answer blocks (the errors above, or `check`).
        print("The draft has blocking errors: no email is written. Fix them, then build again.", file=sys.stderr)
        return 1
    if args.signed_letter:  # checked before anything is written: a refused letter writes nothing
        checked = _verify(args, d, call)
        if checked is None:
            return 2
        verdict = checked[0]
        if not verdict.accepted or (verdict.warnings and not args.accept_warnings):
            print(_verdict_json(verdict, d), file=sys.stderr)
            if verdict.accepted:
                print("Check the warnings above, then run again with --accept-warnings.", file=sys.stderr)
            return 2 if verdict.outcome == UNUSABLE else 1
        if verdict.kind == "scan" and (identity := _identity(args)) is None:
            print("A scanned letter goes with the signer's identity document: --id-document FILE.", file=sys.stderr)
            return 1
    docs = build_documents(d, call)
    files = {doc.file_name: doc.data for doc in docs}
    files[zip_name(d, call)] = build_zip(docs)
    if args.pdf or checked:
        try:
            pdfs = to_pdfs({doc.annex_id: doc.data for doc in docs}, pdfa=True)
        except PdfError as err:
            print(f"No PDF: {err}", file=sys.stderr)
            return 2
        if args.pdf:
            files.update({doc.pdf_file_name: pdfs[doc.annex_id] for doc in docs})
    if checked:
        verdict, letter = checked
        sent = attachments(d, call, docs, pdfs, letter, verdict, *(identity or (b"", "")))
        files[eml_name(d, call)] = build_eml(d, call, sent, signer_statement(d, verdict))
        files[record_name(d, call)] = submission_record(
            d, call, sent, verdict, answers_fingerprint(d), datetime.now(UTC)
        ).encode()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(out / name)
    return 0


def _municipalities(args: argparse.Namespace) -> int:
    for c in in_region(args.region):
        print(c.label)
    return 0


def _check_english(args: argparse.Namespace) -> int:
    return main_check_english()


def _signed_letter_options(p: argparse.ArgumentParser, required: bool) -> None:
    if required:
        p.add_argument("signed_letter", metavar="FILE", help="the signed letter: .pdf (PAdES) or .p7m (CAdES)")
    else:
        p.add_argument(
            "--signed-letter",
            metavar="FILE",
            help="the signed letter: writes the email to send and the submission record",
        )
    p.add_argument("--scan", action="store_true", help="the letter is a scan, signed by hand")
    if not required:
        p.add_argument(
            "--id-document", metavar="FILE", help="with --scan: the signer's identity document (PDF, JPEG or PNG)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dossier", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="print a complete sample draft as JSON")
    p.add_argument("--union", action="store_true", help="a union of three municipalities")
    p.set_defaults(func=_sample)
    p = sub.add_parser("build", help="write the annexes and the ZIP of a draft; with --signed-letter, the email")
    p.add_argument("draft", help="draft JSON file, as saved by the app")
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument("--pdf", action="store_true", help="also the annexes as PDF/A (the letter to sign)")
    _signed_letter_options(p, required=False)
    p.add_argument(
        "--accept-warnings",
        action="store_true",
        help="send although the check warned (e.g. the signer is not the letter's signatory)",
    )
    p.set_defaults(func=_build)
    p = sub.add_parser("check", help="print every missing answer and inconsistency, one JSON line each")
    p.add_argument("draft", help="draft JSON file, as saved by the app")
    p.set_defaults(func=_check)
    p = sub.add_parser(
        "verify-signed",
        help="check a signed letter against a draft; the verdict as JSON "
        "(exit 0 accepted, 1 refused, 2 unusable input)",
    )
    _signed_letter_options(p, required=True)
    p.add_argument("--draft", required=True, help="draft JSON file the letter was made from")
    p.set_defaults(func=_verify_signed)
    p = sub.add_parser("municipalities", help="list the municipalities of a region")
    p.add_argument("--region", default="Piemonte")
    p.set_defaults(func=_municipalities)
    p = sub.add_parser("check-english", help="check text on stdin: one JSON object per sentence")
    p.set_defaults(func=_check_english)
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
