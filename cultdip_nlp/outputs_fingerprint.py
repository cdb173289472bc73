"""Skip rewriting the matrix files when the matrices have not changed.

Why: on an unchanged corpus `cultdip run` reads nothing again, and then drawing the heatmap
(one row per country: ~200 rows for the UN corpus) and writing the workbook were most of the
re-run's time and memory. The matrices themselves are cheap SQL; their content hash (with the
codebook hash) is kept next to the outputs, and equal hashes with every file present mean the
files on disk are already these matrices.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

FINGERPRINT_NAME = ".matrices.sha256"


def fingerprint(matrices: dict[str, pd.DataFrame], codebook_hash: str) -> str:
    digest = hashlib.sha256(codebook_hash.encode())
    for name in sorted(matrices):
        digest.update(name.encode())
        digest.update(matrices[name].to_csv().encode())
    return digest.hexdigest()


def unchanged(project: Path, value: str) -> list[Path] | None:
    """The files written from matrices with this fingerprint, when they all still exist."""
    path = project / FINGERPRINT_NAME
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("fingerprint") != value:
        return None
    files = [Path(f) for f in stored.get("files", [])]
    return files if files and all(f.exists() for f in files) else None


def remember(project: Path, value: str, files: list[Path]) -> None:
    (project / FINGERPRINT_NAME).write_text(
        json.dumps({"fingerprint": value, "files": [str(f) for f in files]}), encoding="utf-8")
