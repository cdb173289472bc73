"""`cultdip tables`: the PDF tables stored by `ingest --tables` as CSV files, one per table,
with an index, so that a researcher can open them in a spreadsheet next to the document."""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

from .errors import EXIT_OK
from .pipeline import store_path
from .store import Store

_UNSAFE = re.compile(r"[^\w.-]+")
INDEX_COLUMNS = ("file", "document_id", "path", "country", "year", "page", "index", "left",
                 "top", "right", "bottom", "rows", "columns")


def export_tables(project: Path, folder: Path) -> list[dict[str, object]]:
    """Write every stored table to FOLDER/<file stem>_p<page>_t<index>.csv, and index.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    index: list[dict[str, object]] = []
    with Store(store_path(project)) as store:
        for row, table in store.tables():
            stem = _UNSAFE.sub("_", Path(row["path"]).stem)[:80]
            name = f"{stem}_{row['document_id'][:8]}_p{table.page}_t{table.index}.csv"
            (folder / name).write_text(table.to_csv(), encoding="utf-8")
            left, top, right, bottom = table.bbox
            n_rows, n_columns = table.shape
            index.append({"file": name, "document_id": row["document_id"], "path": row["path"],
                          "country": row["country"], "year": row["year"], "page": table.page,
                          "index": table.index, "left": round(left, 1), "top": round(top, 1),
                          "right": round(right, 1), "bottom": round(bottom, 1),
                          "rows": n_rows, "columns": n_columns})
    with (folder / "index.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=INDEX_COLUMNS)
        writer.writeheader()
        writer.writerows(index)
    return index


def cmd_tables(args: argparse.Namespace) -> int:
    folder = args.output_dir or args.project / "tables"
    index = export_tables(args.project, folder)
    if args.json:
        print(json.dumps(index, indent=2, ensure_ascii=False))
    else:
        print(f"{len(index)} table(s) written to {folder} (index: {folder / 'index.csv'})")
        if not index:
            print("  none stored: ingest PDFs with --tables to find them")
    return EXIT_OK
