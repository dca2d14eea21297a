"""A clone of the repository is all a maintainer gets: no file points outside it."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis"}
TEXT = {".py", ".md", ".toml", ".txt", ".ini", ".cfg", ".json", ".yml", ".yaml", ".sh", ""}
# A path that climbs out of the repository to the team's notes, or names the machine's folders.
OUTSIDE = re.compile(r"\.\./shared\b|/work/(?:shared|main|wt-)")


def test_no_file_points_outside_the_repository():
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP]
        for name in files:
            path = Path(folder, name)
            if name in SKIP or path.suffix not in TEXT or path == Path(__file__).resolve():
                continue
            for n, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
                if OUTSIDE.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)
