"""Benchmark of the English check: accuracy on the labelled corpus, and speed.

Run: .venv/bin/python bench/english_bench.py [--runs N]
(`python -m bench` uses `speed()` from here for its English-check row.)

Accuracy, on tests/data/english_corpus.tsv (label TAB text):
  - "EN flagged": English lines wrongly called not English (the bar: none);
  - "non-EN flagged": non-English lines called not English (the bar: >= 97%);
    a "too_short" verdict counts as NOT flagged.
Rows, from plain to ours, so that each step of the method is measured:
  1. plain langdetect, seeded, all its 55 languages: flagged = detect(line) != "en"
     (a line where langdetect finds no feature and raises counts as not flagged);
  2. the same, restricted to the languages our checker considers (en it fr es de pt ro);
  3. restricted langdetect on the masked line (names, acronyms, numbers, quotes removed),
     flagged = top language != "en", no other rule;
  4. ours: dossier.english (masking + function words + glossary + dictionary + langdetect).

Mistakes, on tests/data/english_mistakes.tsv (label TAB family TAB text; issue 13): the
share of error lines that get a hint naming their family (target >= 90%), and of correct
lines that get no hint at all (target: at most 1 in 30 gets one), per family and in all.
The held-out set, tests/data/english_mistakes_heldout.tsv (issue 29), apart: errors with any
hint (target 27 of 30), with a hint of their family, and correct lines hinted (at most 1).

Speed: the sample dossier (every free text of sample.single()) checked by a fresh
EnglishChecker (median of N runs), and re-checked after one sentence was appended to the
"context" answer (median).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier import english, sample  # noqa: E402
from dossier.calls import load_call  # noqa: E402
from dossier.english import EnglishChecker, analyse, detect_probabilities, dossier_texts  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "english_corpus.tsv"
MISTAKES = ROOT / "tests" / "data" / "english_mistakes.tsv"
HELD_OUT = ROOT / "tests" / "data" / "english_mistakes_heldout.tsv"  # never tuned on (issue 29)


def load_corpus() -> list[tuple[str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((label, text))
    return rows


def plain_langdetect(text: str) -> bool:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return detect(text) != "en"
    except LangDetectException:
        return False


def restricted_langdetect(text: str) -> bool:
    probs = detect_probabilities(text)
    return bool(probs) and max(probs, key=probs.get) != "en"


def masked_langdetect(text: str) -> bool:
    return restricted_langdetect(analyse(text).evidence.masked)


def ours(text: str) -> bool:
    return EnglishChecker().check_sentence(text)[0] == "not_english"


def score(rows, flagged) -> tuple[int, int, int, int]:
    en = [t for label, t in rows if label == "en"]
    other = [t for label, t in rows if label != "en"]
    return sum(map(flagged, en)), len(en), sum(map(flagged, other)), len(other)


def accuracy_table(rows) -> None:
    methods = [
        ("plain langdetect (55 languages)", plain_langdetect),
        ("langdetect, 7 languages", restricted_langdetect),
        ("7 languages, masked text", masked_langdetect),
        ("ours (dossier.english)", ours),
    ]
    print(
        f"Corpus: {CORPUS.relative_to(ROOT)}, {len(rows)} lines "
        f"({sum(1 for lab, _ in rows if lab == 'en')} English, "
        f"{sum(1 for lab, _ in rows if lab != 'en')} not: "
        + ", ".join(f"{lab} {sum(1 for x, _ in rows if x == lab)}" for lab in ("it", "fr", "es", "de"))
        + ")"
    )
    print()
    print(f"{'method':34} {'EN flagged':>16} {'non-EN flagged':>20}")
    for name, fn in methods:
        fe, ne, fo, no = score(rows, fn)
        print(f"{name:34} {fe:>5}/{ne} {100 * fe / ne:5.1f}% {fo:>8}/{no} {100 * fo / no:5.1f}%")
    checker = EnglishChecker()
    verdicts = {}
    for label, text in rows:
        v = checker.check_sentence(text)[0]
        verdicts.setdefault(label == "en", {}).setdefault(v, 0)
        verdicts[label == "en"][v] += 1
    print()
    print(
        "ours, verdicts:  English lines",
        dict(sorted(verdicts[True].items())),
        "| non-English lines",
        dict(sorted(verdicts[False].items())),
    )
    missed = [(lab, t) for lab, t in rows if lab != "en" and checker.check_sentence(t)[0] != "not_english"]
    for lab, t in missed:
        print(f"  missed ({lab}): {t}")


def load_mistakes(path: Path = MISTAKES) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, family, text = line.split("\t")
            rows.append((label, family, text))
    return rows


def names(hints) -> set[str]:
    """The families the hints of a line name (a glossary hint names an Italian word)."""
    return {h.family or ("italian_word" if h.kind == "glossary" else h.kind) for h in hints}


def held_out(rows) -> tuple[int, int, int, int, list[str]]:
    """(errors with any hint, errors with a hint of their family, correct lines with a hint,
    lines of each label, the lines missed or wrongly hinted) on the held-out set."""
    checker = EnglishChecker()
    hinted = named = false = 0
    wrong = []
    for label, family, text in rows:
        hints = checker.check_sentence(text)[2]
        if label == "error":
            hinted += bool(hints)
            named += family in names(hints)
            if not hints:
                wrong.append(f"  missed ({family}): {text}")
        elif hints:
            false += 1
            wrong.append(f"  false hint ({family}): {text} -> {', '.join(h.text for h in hints)}")
    return hinted, named, false, sum(1 for lab, _, _ in rows if lab == "error"), wrong


def held_out_table() -> None:
    rows = load_mistakes(HELD_OUT)
    hinted, named, false, n, wrong = held_out(rows)
    print(f"Held-out mistakes: {HELD_OUT.relative_to(ROOT)}, {len(rows)} lines (never tuned on)")
    print(f"  errors with a hint: {hinted}/{n}; with a hint of their family: {named}/{n}")
    print(f"  correct lines with a hint (false hints): {false}/{len(rows) - n}")
    print("\n".join(wrong))


def mistakes_table(rows, path: Path = MISTAKES) -> dict[str, tuple[int, int, int, int]]:
    """family: (errors named, errors, correct lines without a hint, correct lines), "all" too."""
    checker = EnglishChecker()
    out: dict[str, list[int]] = {}
    for label, family, text in rows:
        hints = checker.check_sentence(text)[2]
        for key in (family, "all"):
            counts = out.setdefault(key, [0, 0, 0, 0])
            if label == "error":
                counts[0] += family in names(hints)
                counts[1] += 1
            else:
                counts[2] += not hints
                counts[3] += 1
    print(f"Mistakes: {path.relative_to(ROOT)}, {len(rows)} lines")
    print()
    print(f"{'family':14} {'errors hinted':>20} {'correct, no hint':>22}")
    for family, (hit, errors, clean, correct) in sorted(out.items(), key=lambda kv: kv[0] == "all"):
        print(
            f"{family:14} {hit:>6}/{errors:<4} {100 * hit / errors:5.1f}% "
            f"{clean:>8}/{correct:<4} {100 * clean / correct:5.1f}%"
        )
    return {k: (v[0], v[1], v[2], v[3]) for k, v in out.items()}


def speed(runs: int, answer: str = "context") -> dict:
    """Times of the English check on the sample dossier, in seconds (lists of `runs` runs).

    fresh: every text of the dossier, a new EnglishChecker each time;
    again: the same texts, re-checked by a checker that has seen them;
    changed: the same checker after one sentence was appended to needs.answers[answer]
    (a new sentence each run), the way the app re-checks after an edit.
    Each timed call is what the app does: dossier_texts(d, call), then check_fields.
    Used by this script and by `python -m bench`.
    """
    call = load_call("connection-2020")
    d = sample.single()
    fields = dossier_texts(d, call)
    n_sentences = sum(len(english.split_sentences(t)) for t in fields.values())

    t0 = time.perf_counter()
    EnglishChecker().check_fields(dossier_texts(d, call))  # loads the shared resources once
    cold = time.perf_counter() - t0

    fresh, fresh_cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.thread_time()
        EnglishChecker().check_fields(dossier_texts(d, call))
        fresh.append(time.perf_counter() - t0)
        fresh_cpu.append(time.thread_time() - c0)  # what a busy machine does not inflate

    checker = EnglishChecker()
    checker.check_fields(fields)
    again = []
    changed = []
    for i in range(runs):
        t0 = time.perf_counter()
        checker.check_fields(dossier_texts(d, call))
        again.append(time.perf_counter() - t0)
        edited = d.model_copy(deep=True)
        edited.needs.answers[answer] += f" In {2020 + i} we also plan {i + 2} meetings with the schools."
        before = checker.analysed
        t0 = time.perf_counter()
        checker.check_fields(dossier_texts(edited, call))
        changed.append(time.perf_counter() - t0)
        assert checker.analysed == before + 1
    return {
        "fields": len(fields),
        "sentences": n_sentences,
        "answer": answer,
        "runs": runs,
        "cold": cold,
        "fresh": fresh,
        "fresh_cpu": fresh_cpu,
        "again": again,
        "changed": changed,
    }


def timing(runs: int) -> None:
    s = speed(runs)
    ms = lambda xs: f"{1000 * statistics.median(xs):8.1f} ms"  # noqa: E731
    print()
    print(f"Sample dossier: {s['fields']} fields, {s['sentences']} sentences; {runs} runs, medians")
    print(f"  first check in a new process (loads profiles, glossary, dictionary): {1000 * s['cold']:8.1f} ms")
    print(f"  whole dossier, fresh checker                                        : {ms(s['fresh'])}")
    print(f"  whole dossier, fresh checker, CPU time of the checking thread       : {ms(s['fresh_cpu'])}")
    print(f"  re-check, nothing changed                                           : {ms(s['again'])}")
    print(f"  re-check after one answer changed (one new sentence)                : {ms(s['changed'])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rows = load_corpus()
    timing(args.runs)
    print()
    accuracy_table(rows)
    print()
    mistakes_table(load_mistakes())
    print()
    held_out_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
