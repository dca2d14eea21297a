"""Memory freed by ended sessions goes back to the system (red team L4: the server stayed
at 579 MB after 30 heavy sessions expired)."""

import subprocess
import sys
import textwrap
from types import SimpleNamespace

import pytest

from components.process import malloc_trim
from components.streamlit_patches import media_janitor
from support import ROOT

BURST = textwrap.dedent(
    """
    import random
    from components.process import malloc_trim

    def rss_mb():
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmRSS:"))

    # Many session-sized objects, a few of which outlive the burst: the heap cannot shrink
    # from its top, so the freed pages stay with the process until they are trimmed.
    kept, gone = [], []
    for i in range(200_000):
        (kept if i % 50 == 0 else gone).append(bytes(random.randrange(200, 2000)))
    del gone
    before = rss_mb()
    malloc_trim.give_back()
    print(before, rss_mb())
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux") or malloc_trim._malloc_trim() is None, reason="glibc only")
def test_the_memory_of_a_burst_goes_back_to_the_system():
    out = subprocess.run([sys.executable, "-c", BURST], cwd=ROOT, capture_output=True, text=True, timeout=120)
    before, after = map(int, out.stdout.split())
    assert before > 150 and after < before / 2, (before, after)


def test_every_sweep_gives_the_freed_memory_back(monkeypatch):
    """The sweeper, which runs every 30 s, is where it happens."""
    calls = []
    media = SimpleNamespace(_files_by_session_and_coord={}, remove_orphaned_files=lambda: None)
    runtime = SimpleNamespace(
        media_file_mgr=media,
        _session_mgr=SimpleNamespace(list_sessions=lambda: []),
        uploaded_file_mgr=SimpleNamespace(file_storage={}),
    )
    monkeypatch.setattr(media_janitor.Runtime, "exists", staticmethod(lambda: True))
    monkeypatch.setattr(media_janitor.Runtime, "instance", staticmethod(lambda: runtime))
    monkeypatch.setattr(malloc_trim, "give_back", lambda: calls.append(1) or True)
    media_janitor.sweep()
    assert calls == [1]
