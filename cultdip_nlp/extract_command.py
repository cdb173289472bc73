"""`cultdip extract FILE`: one file's cleaned text, or its pages, tables, languages and OCR
flags as JSON, so that a researcher can check what the ingest will see in a document."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import EXIT_OK
from .ingest.extracted import ExtractedText
from .ingest.language import detect_language
from .ingest.pdf import PDF_SUFFIXES, read_pdf
from .ingest.reader import extract



def extract_file(path: Path, password: str | None, ocr: bool, tables: bool,
                 language: str | None) -> ExtractedText:
    data = path.read_bytes()
    if path.suffix.lower() in PDF_SUFFIXES:
        return read_pdf(path, data, password, ocr=ocr, tables=tables, language=language)
    return extract(path, data, password)


def as_json(path: Path, extracted: ExtractedText) -> dict[str, object]:
    pages = []
    for page in extracted.pages:
        text = extracted.text[page.start:page.end]
        pages.append({
            "number": page.number, "method": page.method, "error": page.error,
            "language": detect_language(text) if text.strip() else None,
            "start": page.start, "end": page.end, "text": text,
        })
    return {
        "file": str(path), "pages": pages,
        "tables": [{"page": t.page, "index": t.index, "bbox": list(t.bbox),
                    "shape": list(t.shape), "rows": [list(row) for row in t.rows]}
                   for t in extracted.tables],
        "ocr_pages": [p["number"] for p in pages if p["method"] == "ocr"],
        "warnings": extracted.warnings,
    }


def cmd_extract(args: argparse.Namespace) -> int:
    extracted = extract_file(args.file, args.password, not args.no_ocr, not args.no_tables,
                             args.language)
    if args.json:
        print(json.dumps(as_json(args.file, extracted), indent=2, ensure_ascii=False))
    else:
        print(extracted.text)
        for warning in extracted.warnings:
            print(f"# {warning}", file=sys.stderr)
    return EXIT_OK
