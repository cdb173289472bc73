"""PDF files, page by page with PDFium (pypdfium2).

Engine choice, measured by scripts/bench_ingest.py on the text-layer PDFs of the shared
corpus: pdfplumber's extract_text reads about 24 pages/s, PDFium about 1,300 pages/s on the
same machine. PDFium also keeps the content-stream order of the text, which for typeset
documents is column by column, and gives every text run its box, from which ingest/layout.py
removes running headers and footers and finds paragraph breaks.

A page that fails is recorded and the rest of the document kept; a file that cannot be opened
gets the error code that tells the researcher what to do (supply a password, repair the file).
Pages are read one at a time and closed, so memory does not grow with the number of pages.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CultdipError, ErrorCode
from .extracted import ExtractedText, join_pages
from .layout import Line, PageLines, merge_segments, page_text, running_lines, strip_running
from .normalize import normalize_text
from .tables import Table, TableFinder, inside, may_hold_table

PDF_SUFFIXES = {".pdf"}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<?xml", b"<head")
NEEDS_OCR = "needs_ocr"


def _check_header(data: bytes, path: Path) -> None:
    if not data:
        raise CultdipError(ErrorCode.EMPTY_FILE, "the file is empty (0 bytes)", str(path))
    head = data[:1024]
    if b"%PDF-" in head:
        return
    lowered = head.lower().lstrip()
    if any(lowered.startswith(marker) for marker in _HTML_MARKERS):
        raise CultdipError(
            ErrorCode.UNSUPPORTED_FORMAT,
            "named .pdf but holds an HTML/XML page (a download that failed?)", str(path),
        )
    raise CultdipError(
        ErrorCode.CORRUPT_PDF, "no %PDF- header: not a PDF or truncated at the start", str(path)
    )


def open_pdf(data: bytes, path: Path, password: str | None):  # type: ignore[no-untyped-def]
    """Open with PDFium; owner-password-only (copy-restricted) files open without one."""
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data, password=password or None)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            hint = ("the password given in the manifest is wrong" if password
                    else "it needs a user password: add a 'password' column to the manifest")
            raise CultdipError(ErrorCode.ENCRYPTED_PDF, f"encrypted PDF; {hint}",
                               str(path)) from error
        raise CultdipError(
            ErrorCode.CORRUPT_PDF, f"cannot be parsed ({error}); repair or re-export it",
            str(path),
        ) from error


def page_lines(page) -> PageLines:  # type: ignore[no-untyped-def]
    """The positioned text lines of one PDFium page, in content-stream order.

    The page's text is read in one call and split where PDFium ends a line; each line's box
    is the union of the rectangles PDFium gives for its character range (asking for the
    text of every rectangle instead is fifty times slower).
    """
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        segments: list[Line] = []
        start = 0
        for raw in text.split("\r\n"):
            count = len(raw)
            if raw.strip():
                boxes = [textpage.get_rect(index)
                         for index in range(textpage.count_rects(start, count))]
                if boxes:
                    segments.append(Line(raw.replace("\n", " "),
                                         min(box[0] for box in boxes),
                                         min(box[1] for box in boxes),
                                         max(box[2] for box in boxes),
                                         max(box[3] for box in boxes)))
            start += count + 2
    finally:
        textpage.close()
    if page.get_rotation() in (90, 270):
        width, height = height, width
    return PageLines(merge_segments(segments), width, height)


def _ocr_page(page, number: int, languages: str) -> tuple[str, str, str | None, str]:  # type: ignore[no-untyped-def]
    """(text, method, error, warning) of a page without a text layer."""
    import subprocess

    from .ocr import OCR_SECONDS_PER_PAGE, ocr_png, render_png, tesseract_path

    if tesseract_path() is None:
        message = (f"{ErrorCode.NO_TEXT.value} page {number}: no text layer and tesseract is "
                   "not installed, so the page needs OCR (install tesseract-ocr with the "
                   "languages of the corpus: scripts/install-system-deps.sh)")
        return "", NEEDS_OCR, message, message
    try:
        result = ocr_png(render_png(page), languages)
    except subprocess.TimeoutExpired:
        message = (f"{ErrorCode.PAGE_FAILED.value} page {number}: OCR took longer than "
                   f"{OCR_SECONDS_PER_PAGE} s and was stopped")
        return "", "failed", message, message
    except Exception as error:
        message = f"{ErrorCode.PAGE_FAILED.value} page {number}: OCR failed: {error}"
        return "", "failed", message, message
    text = normalize_text(result.text)
    if not text.strip():
        message = f"{ErrorCode.NO_TEXT.value} page {number}: OCR found no text"
        return "", NEEDS_OCR, message, message
    return (text, "ocr", None, f"page {number}: OCR ({languages}), {result.words} words, "
            f"mean confidence {result.confidence:.1f}")


def _without_tables(layout: PageLines, number: int, finder: TableFinder, found: list[Table],
                    warnings: list[str], rotation: int) -> PageLines:
    """Record the page's tables and drop the lines that are their cells."""
    try:
        page_tables = finder.find(number)
    except Exception as error:  # a table finder failure must not lose the page's text
        warnings.append(f"page {number}: table finder failed ({type(error).__name__}: {error})")
        return layout
    found.extend(page_tables)
    if not page_tables:
        return layout
    kept = [line for line in layout.lines
            if not any(inside((line.left, line.bottom, line.right, line.top), table,
                              layout.width, layout.height, rotation)
                       for table in page_tables)]
    return PageLines(kept, layout.width, layout.height)


def read_pdf(path: Path, data: bytes, password: str | None = None, *, ocr: bool = True,
             language: str | None = None, tables: bool = False) -> ExtractedText:
    """The document's text, page by page; pages without a text layer are OCRed when `ocr`.

    `language` (the manifest's, if any) chooses tesseract's language data. With `tables`,
    ruled tables are returned as records and their cells left out of the text; it is off by
    default because pdfplumber's finder costs ~50x PDFium's text on the pages it looks at
    (bench: 0.59 of raw PDFium without it, 0.05 with it on the shared corpus).
    """
    _check_header(data, path)
    pdf = open_pdf(data, path, password)
    layouts: list[PageLines | tuple[str, str, str | None]] = []
    warnings: list[str] = []
    languages: str | None = None
    found_tables: list[Table] = []
    finder = TableFinder(data, password) if tables else None
    try:
        for number in range(1, len(pdf) + 1):
            try:
                page = pdf[number - 1]
                try:
                    layout = page_lines(page)
                    if not layout.lines and ocr:
                        if languages is None:
                            from .ocr import languages_for
                            languages = languages_for(language)
                        text, method, error, warning = _ocr_page(page, number, languages)
                        warnings.append(warning)
                        layouts.append((text, method, error))
                    else:
                        if finder is not None and layout.lines and may_hold_table(page):
                            layout = _without_tables(layout, number, finder, found_tables,
                                                     warnings, page.get_rotation())
                        layouts.append(layout)
                finally:
                    page.close()
            except Exception as error:
                message = (f"{ErrorCode.PAGE_FAILED.value} page {number}: "
                           f"{type(error).__name__}: {error}")
                warnings.append(message)
                layouts.append(("", "failed", message))
    finally:
        pdf.close()
        if finder is not None:
            finder.close()
    if not layouts:
        raise CultdipError(ErrorCode.CORRUPT_PDF, "the PDF has no pages", str(path))
    running = running_lines([layout for layout in layouts if isinstance(layout, PageLines)])
    table_pages = {table.page for table in found_tables}
    page_texts: list[tuple[str, str, str | None]] = []
    for number, layout in enumerate(layouts, start=1):
        if not isinstance(layout, PageLines):
            page_texts.append(layout)
            continue
        lines, _ = strip_running(layout, running)
        text = normalize_text(page_text(lines))
        if text.strip() or number in table_pages:
            page_texts.append((text, "pdf", None))
        else:
            page_texts.append(("", NEEDS_OCR, f"{ErrorCode.NO_TEXT.value} page {number}: no "
                               "text layer; the page needs OCR"))
    if not any(text.strip() for text, _, _ in page_texts) and not found_tables:
        reasons = sorted({error.split(": ", 1)[1] for _, _, error in page_texts
                          if error and ": " in error})
        raise CultdipError(
            ErrorCode.NO_TEXT,
            f"no text on any of {len(page_texts)} page(s): a scan that needs OCR"
            + ("" if ocr else " (OCR was turned off)")
            + (f" ({'; '.join(reasons[:2])})" if reasons else ""),
            str(path),
        )
    empty = [n for n, (_, method, _) in enumerate(page_texts, 1) if method == NEEDS_OCR]
    if empty:
        warnings.append(f"{len(empty)} page(s) without a text layer (needs OCR): {empty[:10]}")
    extracted = join_pages(page_texts)
    extracted.warnings = warnings
    extracted.tables = found_tables
    return extracted
