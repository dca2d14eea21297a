"""Row 9: ANCI's side: a mailbox of 50 applications of ~5 MB each (the synthetic mailbox of
tests/inbox_factory.py, each email padded with a 5 MB scanned-annex-like PDF), zipped,
imported and checked (intake.inbox.import_cards): time and peak memory of Python objects."""

from __future__ import annotations

import email
import os
import sys
import time
import tracemalloc
from email import policy

from .common import ROOT, Row, Target, ms

ANNEX_BYTES = 3_600_000  # base64 in the email: ~4.9 MB, the email ~5 MB


def _mailbox(n: int) -> bytes:
    sys.path.insert(0, str(ROOT / "tests"))
    from inbox_factory import as_zip, mailbox

    base = mailbox()
    items = []
    for i in range(n):
        name, data, want = base[i % len(base)]
        msg = email.message_from_bytes(data, policy=policy.default)
        msg.add_attachment(os.urandom(ANNEX_BYTES), maintype="application", subtype="pdf", filename=f"scan_{i}.pdf")
        msg.replace_header("Subject", f"{msg['Subject']} ({i})")  # each email its own, none read as the same twice
        items.append((f"{i:02d}_{name}", msg.as_bytes(), want))
    return as_zip(items)


def rows(n: int = 50) -> tuple[list[Row], list[Target]]:
    from dossier.calls import load_call
    from intake.inbox import import_cards

    call = load_call("connection-2020")
    box = _mailbox(n)
    tracemalloc.start()
    t0 = time.perf_counter()
    _, cards = import_cards([("mailbox.zip", box)], call)
    took = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = f"{len(box) / 1e6:.0f} MB zipped"
    what = f"intake: {len(cards)} applications imported and checked ({size})"
    peak_mb = f"{peak / 1e6:.0f} MB"
    out = [
        Row("9", what, "1", ms(took), "< 60 s", took < 60),
        Row("9", "intake: peak memory of the import, the mailbox aside", "1", peak_mb, "< 300 MB", peak < 3e8),
    ]
    return out, [
        Target("intake 50 x 5 MB < 60 s", took < 60, ms(took)),
        Target("intake peak < 300 MB", peak < 3e8, peak_mb),
    ]
