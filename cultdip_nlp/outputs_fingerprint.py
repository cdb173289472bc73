"""Skip rebuilding and rewriting the matrix files when nothing they come from has changed.

Why: on an unchanged corpus `cultdip run` reads nothing again, and then building the matrices
(SQL and pandas), drawing the heatmap (one row per country: ~200 rows for the UN corpus) and
writing the workbook were most of the re-run's time and memory. Two keys are kept next to the
outputs in `.matrices.sha256`:

- `inputs`: the store's change counter (see the `store_changes` migration), the codebook hash,
  the matrix options and the cultdip version. Equal inputs with every file present mean the
  files are current, and nothing is built at all (not even pandas is imported).
- `fingerprint`: the content hash of the matrices once built. When the inputs moved but the
  matrices came out the same (a document re-read to the same text), the files are kept.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FINGERPRINT_NAME = ".matrices.sha256"


def fingerprint(matrices: dict[str, "pd.DataFrame"], codebook_hash: str) -> str:
    digest = hashlib.sha256(codebook_hash.encode())
    for name in sorted(matrices):
        digest.update(name.encode())
        digest.update(matrices[name].to_csv().encode())
    return digest.hexdigest()


def inputs_key(store_changes: str, codebook_hash: str, options: object) -> str:
    """What the matrices are built from, short of building them."""
    from . import __version__

    text = json.dumps([store_changes, codebook_hash, options, __version__], sort_keys=True,
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stored(project: Path) -> dict[str, object]:
    try:
        value = json.loads((project / FINGERPRINT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _present(stored: dict[str, object]) -> list[Path] | None:
    files = [Path(f) for f in stored.get("files", []) or []]  # type: ignore[union-attr]
    return files if files and all(f.exists() for f in files) else None


def unchanged(project: Path, value: str) -> list[Path] | None:
    """The files written from matrices with this fingerprint, when they all still exist."""
    stored = _stored(project)
    return _present(stored) if stored.get("fingerprint") == value else None


def inputs_unchanged(project: Path, inputs: str) -> list[Path] | None:
    """The files written from these inputs, when they all still exist."""
    stored = _stored(project)
    return _present(stored) if stored.get("inputs") == inputs else None


def remember(project: Path, value: str, files: list[Path], inputs: str | None = None) -> None:
    (project / FINGERPRINT_NAME).write_text(
        json.dumps({"fingerprint": value, "inputs": inputs, "files": [str(f) for f in files]}),
        encoding="utf-8")
