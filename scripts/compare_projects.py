#!/usr/bin/env python3
"""Compare two project folders made by `cultdip run` on the same files: same outputs?

Why: every speed-up of the pipeline must leave what it produces unchanged. This compares
the store's rows (documents, files, pages, sentences, tags, mentions, texts, text chunks;
leaving out what differs from run to run: run ids and timestamps) and every matrix file
(CSV, Parquet, PNG and HTML byte for byte; the workbook cell by cell with its styles, since
the XLSX zip carries a creation time, leaving out its provenance sheet).

    .venv/bin/cultdip run DOCS --project /tmp/before --jobs 2   # with the code before
    .venv/bin/cultdip run DOCS --project /tmp/after --jobs 2    # with the code after
    .venv/bin/python scripts/compare_projects.py /tmp/before /tmp/after

Exits 0 when everything is equal, 1 otherwise (naming what differs).
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from pathlib import Path

# table -> the columns compared (in this order) and the order rows are compared in
TABLES = {
    "documents": ("id, path, status, error_code, error_message, country, year, doc_type, "
                  "language, title, source, licence, meta_origin, n_pages, n_sentences, "
                  "n_tokens, warnings, tagged_codebook_hash", "id"),
    "files": ("path, size, mtime_ns, document_id", "path"),
    "pages": ("document_id, number, start, \"end\", language, method, error",
              "document_id, number"),
    "sentences": ("document_id, idx, page, start, \"end\", n_tokens, text", "document_id, idx"),
    "tags": ("id, document_id, sentence_idx, start, \"end\", code, text, source, rule, score, "
             "codebook_hash", "id"),
    "mentions": ("document_id, sentence_idx, iso3, start, \"end\", text",
                 "document_id, sentence_idx, iso3, start, \"end\""),
    "texts": ("document_id, text", "document_id"),
    "text_chunks": ("document_id, start, text", "document_id, start"),
}


def table_digests(store: Path) -> dict[str, tuple[int, str]]:
    """(rows, SHA-256 of the rows in order) per table."""
    connection = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    found: dict[str, tuple[int, str]] = {}
    try:
        for table, (columns, order) in TABLES.items():
            digest = hashlib.sha256()
            rows = 0
            for row in connection.execute(f"SELECT {columns} FROM {table} ORDER BY {order}"):
                digest.update(repr(row).encode())
                rows += 1
            found[table] = (rows, digest.hexdigest())
    finally:
        connection.close()
    return found


def workbook_digest(path: Path) -> str:
    """The workbook's sheets, cells, values and styles (not the zip's timestamps, nor the
    provenance sheet: it names the run, the store's path, the time and the timings)."""
    from openpyxl import load_workbook

    digest = hashlib.sha256()
    book = load_workbook(path)
    for sheet in book.worksheets:
        digest.update(sheet.title.encode())
        if sheet.title == "provenance":
            continue
        for column, dimension in sorted(sheet.column_dimensions.items()):
            digest.update(f"{column}:{dimension.width}".encode())
        for row in sheet.iter_rows():
            for cell in row:
                digest.update(repr((cell.coordinate, cell.value, cell.number_format,
                                    cell.font.b, cell.fill.fgColor.rgb)).encode())
    return digest.hexdigest()


def file_digests(project: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(project.iterdir()):
        if not path.is_file() or path.name.startswith("cultdip.sqlite") \
                or path.name.startswith("."):
            continue
        if path.suffix == ".xlsx":
            found[path.name] = workbook_digest(path)
        else:
            found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    differences = 0
    tables = [table_digests(project / "cultdip.sqlite") for project in (args.before, args.after)]
    for table in TABLES:
        before, after = tables[0][table], tables[1][table]
        same = before == after
        differences += not same
        print(f"{'same' if same else 'DIFFERENT':9} table {table}: {before[0]} rows"
              + ("" if same else f" before, {after[0]} after"))
    files = [file_digests(project) for project in (args.before, args.after)]
    for name in sorted(set(files[0]) | set(files[1])):
        same = files[0].get(name) == files[1].get(name)
        differences += not same
        if not same:
            print(f"DIFFERENT file {name}")
    print(f"{len(files[0])} output files compared; "
          f"{'all equal' if not differences else f'{differences} differences'}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
