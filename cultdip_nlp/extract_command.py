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
from .ingest.page_clock import DEFAULT_PAGE_SECONDS
from .ingest.pdf import PDF_SUFFIXES, read_pdf
from .ingest.reader import extract



def extract_file(path: Path, password: str | None, ocr: bool, tables: bool,
                 language: str | None, page_seconds: float | None = DEFAULT_PAGE_SECONDS,
                 ) -> ExtractedText:
    data = path.read_bytes()
    if path.suffix.lower() in PDF_SUFFIXES:
        return read_pdf(path, data, password, ocr=ocr, tables=tables, language=language,
                        page_seconds=page_seconds)
    return extract(path, data, password, language)


def _blocks(extracted: ExtractedText, start: int, end: int,
            keep_footnotes: bool) -> list[dict[str, object]]:
    """The paragraphs of a page's span, each flagged as footnote or not."""
    blocks: list[dict[str, object]] = []
    offset = start
    for paragraph in extracted.text[start:end].split("\n\n"):
        footnote = any(note.start <= offset < note.end for note in extracted.footnotes)
        if paragraph.strip():
            blocks.append({"start": offset, "end": offset + len(paragraph), "text": paragraph,
                           "footnote": footnote, "in_sentences": keep_footnotes or not footnote})
        offset += len(paragraph) + 2
    return blocks


def sentence_text(extracted: ExtractedText, keep_footnotes: bool) -> str:
    """The text that gives sentences: footnote blocks left out unless kept."""
    if keep_footnotes or not extracted.footnotes:
        return extracted.text
    parts: list[str] = []
    offset = 0
    for note in extracted.footnotes:
        parts.append(extracted.text[offset:note.start])
        offset = note.end
    parts.append(extracted.text[offset:])
    return "".join(parts).strip()


def as_json(path: Path, extracted: ExtractedText,
            keep_footnotes: bool = False) -> dict[str, object]:
    pages = []
    for page in extracted.pages:
        text = extracted.text[page.start:page.end]
        pages.append({
            "number": page.number, "method": page.method, "error": page.error,
            "note": extracted.notes.get(page.number),
            "language": detect_language(text) if text.strip() else None,
            "start": page.start, "end": page.end, "text": text,
            "blocks": _blocks(extracted, page.start, page.end, keep_footnotes),
        })
    return {
        "file": str(path), "pages": pages,
        "tables": [{"page": t.page, "index": t.index, "bbox": list(t.bbox),
                    "shape": list(t.shape), "rows": [list(row) for row in t.rows]}
                   for t in extracted.tables],
        "footnotes": [{"page": note.page, "start": note.start, "end": note.end}
                      for note in extracted.footnotes],
        "ocr_pages": [p["number"] for p in pages if p["method"] == "ocr"],
        "warnings": extracted.warnings,
    }


def cmd_extract(args: argparse.Namespace) -> int:
    extracted = extract_file(args.file, args.password, not args.no_ocr, not args.no_tables,
                             args.language, args.page_time_limit)
    if args.json:
        print(json.dumps(as_json(args.file, extracted, args.keep_footnotes), indent=2,
                         ensure_ascii=False))
    else:
        print(sentence_text(extracted, args.keep_footnotes))
        for warning in extracted.warnings:
            print(f"# {warning}", file=sys.stderr)
    return EXIT_OK
