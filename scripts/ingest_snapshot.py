#!/usr/bin/env python3
"""Snapshot what read_pdf gives for every PDF, to prove a speed change kept the output.

    .venv/bin/python scripts/ingest_snapshot.py OUT.json [PDF_FOLDER] [--tables]
    .venv/bin/python scripts/ingest_snapshot.py --compare BEFORE.json AFTER.json

Per file: the text, the pages (span, method, error), footnote spans, notes, table shapes
and warnings, or the error code. --compare prints every file whose record differs (and the
first differing offset of the text) and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def record(path: Path, tables: bool) -> dict[str, object]:
    from cultdip_nlp.errors import CultdipError
    from cultdip_nlp.ingest.pdf import read_pdf

    try:
        extracted = read_pdf(path, path.read_bytes(), ocr=False, tables=tables,
                             page_seconds=None)
    except CultdipError as error:
        return {"error": str(error.code)}
    return {
        "text": extracted.text,
        "pages": [[page.number, page.start, page.end, page.method, page.error]
                  for page in extracted.pages],
        "footnotes": [[note.page, note.start, note.end] for note in extracted.footnotes],
        "notes": {str(key): value for key, value in extracted.notes.items()},
        "tables": [[table.page, len(table.rows), table.rows] for table in extracted.tables],
        "warnings": extracted.warnings,
    }


def compare(before_path: str, after_path: str) -> int:
    before = json.loads(Path(before_path).read_text())
    after = json.loads(Path(after_path).read_text())
    differing = 0
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        differing += 1
        detail = ""
        if old and new and "text" in old and "text" in new and old["text"] != new["text"]:
            at = next((k for k, (a, b) in enumerate(zip(old["text"], new["text"])) if a != b),
                      min(len(old["text"]), len(new["text"])))
            detail = (f" text differs at {at}: {old['text'][at - 40:at + 60]!r} -> "
                      f"{new['text'][at - 40:at + 60]!r}")
        elif old and new:
            detail = " fields: " + ", ".join(key for key in old if old.get(key) != new.get(key))
        print(f"DIFFERS {name}{detail}")
    print(f"{len(set(before) | set(after))} files, {differing} differ")
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?")
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared/corpus/pdfs"))
    parser.add_argument("--tables", action="store_true")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    records = {path.name: record(path, args.tables)
               for path in sorted(Path(args.folder).glob("*.pdf"))}
    Path(args.out).write_text(json.dumps(records, ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main()
