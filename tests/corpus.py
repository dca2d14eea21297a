"""Real files nobody here wrote, named by a committed MANIFEST.tsv (path, commit, SHA-256)
and read from a local copy, never from the repository (the workplace rule: what is fetched is
not committed). A copy is a folder laid out as the source repository, or a git mirror read
at the manifest's commit; `per_source`: one of either per source, "owner+name" (a folder, or
"owner+name/repo" for git), as the manifest's `source` column names it. Each file is checked
against its SHA-256; without a copy the test skips, saying which variables to set."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Corpus:
    manifest: Path
    folder_var: str  # the environment variable naming a folder copy
    git_var: str  # the one naming a git mirror
    what: str  # said when skipping: "the corpus of <what> is not on this machine"
    per_source: bool = False

    def rows(self) -> list[dict]:
        with self.manifest.open(encoding="utf-8") as fh:
            return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))

    def read(self, row: dict) -> bytes:
        folder, git = os.environ.get(self.folder_var, ""), os.environ.get(self.git_var, "")
        source = row["source"].replace("/", "+") if self.per_source else ""
        if folder and (Path(folder) / source / row["path"]).is_file():
            data = (Path(folder) / source / row["path"]).read_bytes()
        elif git and (mirror := Path(git) / source / ("repo" if self.per_source else "")).is_dir():
            data = subprocess.run(
                ["git", f"--git-dir={mirror}", "show", f"{row['commit']}:{row['path']}"],
                capture_output=True,
                check=True,
            ).stdout
        else:
            pytest.skip(f"the corpus of {self.what} is not on this machine ({self.folder_var} or {self.git_var})")
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["path"]
        return data
