"""Skip rewriting the matrix files when the matrices have not changed.

Why: on an unchanged corpus `cultdip run` reads nothing again, and then drawing the heatmap
(one row per country: ~200 rows for the UN corpus) and writing the workbook were most of the
re-run's time and memory. The matrices themselves are cheap SQL; their content hash (with the
codebook hash) is kept next to the outputs, and equal hashes with every file present mean the
files on disk are already these matrices.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

FINGERPRINT_NAME = ".matrices.sha256"


def fingerprint(matrices: dict[str, pd.DataFrame], codebook_hash: str) -> str:
    digest = hashlib.sha256(codebook_hash.encode())
    for name in sorted(matrices):
        digest.update(name.encode())
        digest.update(matrices[name].to_csv().encode())
    return digest.hexdigest()


def unchanged(project: Path, value: str, outputs: list[Path]) -> bool:
    """True when the outputs exist and were written from matrices with this fingerprint."""
    path = project / FINGERPRINT_NAME
    try:
        stored = path.read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return stored == value and all(output.exists() for output in outputs)


def remember(project: Path, value: str) -> None:
    (project / FINGERPRINT_NAME).write_text(value + "\n", encoding="utf-8")
