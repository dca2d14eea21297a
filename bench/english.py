"""Row 3: the English check, via bench/english_bench.py's `speed()` (one implementation)."""

from __future__ import annotations

from .common import Row, Target, median, ms
from .english_bench import speed


def rows(runs: int = 9) -> tuple[list[Row], list[Target]]:
    s = speed(runs, answer="context")
    full, changed = median(s["fresh"]), median(s["changed"])
    met = changed < full / 10
    sentences = f"{s['fields']} fields, {s['sentences']} sentences"
    out = [
        Row("3", "English: first check in a new process (loads profiles)", "1", ms(s["cold"])),
        Row("3", f"English: full dossier, fresh checker ({sentences})", str(runs), ms(full)),
        Row("3", "English: re-check, nothing changed", str(runs), ms(median(s["again"]))),
        Row(
            "3",
            "English: re-check after +1 sentence in needs.answers.context",
            str(runs),
            f"{ms(changed)} = {changed / full:.2f} of full",
            "< 1/10 of full",
            met,
        ),
    ]
    return out, [
        Target("English re-check < 1/10 of full check", met, f"{ms(changed)} vs {ms(full)} ({changed / full:.2f})")
    ]
