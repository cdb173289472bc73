"""Document metadata: from a manifest when there is one, else from known file-name patterns.

A manifest is a CSV next to the documents (`manifest.csv`) with a `file` column (path relative
to the manifest) and any of country, year, doc_type, language, title, source, licence, password.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CultdipError, ErrorCode
from ..records import DocumentMeta

MANIFEST_NAME = "manifest.csv"
KNOWN_COLUMNS = {"file", "country", "year", "doc_type", "language", "title", "source",
                 "licence", "license", "password", "sha256"}
UNGDC_NAME = re.compile(r"^(?P<iso3>[A-Z]{2,3})_(?P<session>\d{1,2})_(?P<year>\d{4})\.txt$")


@dataclass
class Manifest:
    """Rows keyed by resolved file path, and the problems found while reading."""

    path: Path
    rows: dict[Path, DocumentMeta] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _year(value: str, where: str, problems: list[str]) -> int | None:
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}", value):
        return int(value)
    problems.append(f"{where}: year {value!r} is not a four-digit year; left empty")
    return None


def read_manifest(path: Path) -> Manifest:
    """Read a manifest; rows with problems are reported and skipped, never fatal for the batch."""
    manifest = Manifest(path=path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or [])
            if "file" not in columns:
                raise CultdipError(
                    ErrorCode.MANIFEST_INVALID,
                    f"no 'file' column (columns: {sorted(columns)}); the manifest is ignored",
                    str(path),
                )
            unknown = columns - KNOWN_COLUMNS
            if unknown:
                manifest.problems.append(
                    f"{path}: unknown columns ignored: {', '.join(sorted(unknown))}"
                )
            for line_number, row in enumerate(reader, start=2):
                where = f"{path}:{line_number}"
                name = (row.get("file") or "").strip()
                if not name:
                    manifest.problems.append(f"{where}: empty 'file'; row skipped")
                    continue
                target = (path.parent / name).resolve()
                if target in manifest.rows:
                    manifest.problems.append(
                        f"{where}: duplicate row for {name!r}; the first row is kept"
                    )
                    continue
                manifest.rows[target] = DocumentMeta(
                    country=(row.get("country") or "").strip().upper() or None,
                    year=_year(row.get("year") or "", where, manifest.problems),
                    doc_type=(row.get("doc_type") or "").strip() or None,
                    language=(row.get("language") or "").strip().lower() or None,
                    title=(row.get("title") or "").strip() or None,
                    source=(row.get("source") or "").strip() or None,
                    licence=(row.get("licence") or row.get("license") or "").strip() or None,
                    password=(row.get("password") or "") or None,
                    origin="manifest",
                )
    except UnicodeDecodeError as error:
        raise CultdipError(
            ErrorCode.MANIFEST_INVALID, f"not UTF-8 text ({error}); the manifest is ignored",
            str(path),
        ) from error
    return manifest


def meta_from_filename(path: Path) -> DocumentMeta:
    """UN General Debate files are named ISO3_SESSION_YEAR.txt; that is metadata enough."""
    match = UNGDC_NAME.match(path.name)
    if match:
        return DocumentMeta(
            country=match["iso3"], year=int(match["year"]), doc_type="speech",
            title=f"UN General Debate statement, {match['iso3']}, {match['year']}"
            f" (session {int(match['session'])})",
            origin="filename",
        )
    return DocumentMeta()
