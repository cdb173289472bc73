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

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CultdipError, ErrorCode
from .extracted import ExtractedText, join_pages
from .char_lines import lines_from_chars
from .layout import (Line, PageLines, body_size, merge_segments, notes_text, page_text,
                     running_lines, split_footnotes, strip_running)
from .normalize import normalize_text
from .page_clock import DEFAULT_PAGE_SECONDS, PageClock, PageTimeout
from .quality import garbage_reason, unmapped_reason, usable
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


# Note-marker candidates in a line of PDFium text (checked against the characters' sizes
# and baselines before anything is changed): a number at the start of a line stuck to the
# next word ("1Preliminary"), a number stuck after a word or punctuation ("alert,5 and"), a
# lone number between lower-case words ("Reports 1 from"), a number stuck to a capitalised
# word after a space (a second note on a line PDFium did not break: "docket. 8MCAS is").
_MARKER_CANDIDATE = re.compile(r"^\d{1,3}(?=[^\W\d_]|[“\"‘(])|(?<=[^\s\d])\d{1,3}(?=[\s.,;:)]|$)"
                               r"|(?<=\s)\d{1,2}(?=\s+[a-z])|(?<=\s)\d{1,3}(?=[A-Z])")
_DIGIT = re.compile(r"\d")
_NOTE_SYMBOLS = frozenset("*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰")
# A superscript is set at most this share of its neighbour's size, raised by at least
# RAISE_SHARE of that size.
SUPERSCRIPT_SIZE_SHARE = 0.85
SUPERSCRIPT_RAISE_SHARE = 0.15


class _Chars:
    """Size, baseline and line boxes of a PDFium text page, by direct ctypes calls.

    pypdfium2's helpers allocate four c_doubles and look the function up per call; on a
    page of fifty lines that Python overhead costs more than PDFium's own work, so the
    functions and their output buffers are bound once per page here.
    """

    def __init__(self, textpage) -> None:  # type: ignore[no-untyped-def]
        import ctypes

        import pypdfium2.raw as pdfium_c

        self._raw = textpage.raw
        self._get_matrix = pdfium_c.FPDFText_GetMatrix
        self._font_size = pdfium_c.FPDFText_GetFontSize
        self._char_origin = pdfium_c.FPDFText_GetCharOrigin
        self._count_rects = pdfium_c.FPDFText_CountRects
        self._get_rect = pdfium_c.FPDFText_GetRect
        self._matrix = pdfium_c.FS_MATRIX()
        self._x = ctypes.c_double()
        self._y = ctypes.c_double()
        self._left = ctypes.c_double()
        self._top = ctypes.c_double()
        self._right = ctypes.c_double()
        self._bottom = ctypes.c_double()

    @property
    def last_matrix(self):  # type: ignore[no-untyped-def]
        return self._matrix

    def size(self, index: int) -> float:
        """The effective font size: the font size times the character matrix's scale."""
        matrix = self._matrix
        if not self._get_matrix(self._raw, index, matrix):
            return 0.0
        return float(self._font_size(self._raw, index) * math.hypot(matrix.c, matrix.d))

    def raised(self, index: int, reference: int) -> float:
        """How far `index` sits above `reference`, along the reference's upward direction."""
        self._get_matrix(self._raw, reference, self._matrix)
        up_x, up_y = self._matrix.c, self._matrix.d
        norm = math.hypot(up_x, up_y) or 1.0
        self._char_origin(self._raw, reference, self._x, self._y)
        ref_x, ref_y = self._x.value, self._y.value
        self._char_origin(self._raw, index, self._x, self._y)
        return ((self._x.value - ref_x) * up_x + (self._y.value - ref_y) * up_y) / norm

    def box(self, start: int, count: int) -> tuple[float, float, float, float] | None:
        """(left, bottom, right, top) around the rectangles of a character range; None when
        the range has none."""
        import pypdfium2

        rects = self._count_rects(self._raw, start, count)
        if rects < 0:
            raise pypdfium2.PdfiumError("Failed to count rectangles.")
        if not rects:
            return None
        get_rect, raw = self._get_rect, self._raw
        left_c, top_c, right_c, bottom_c = self._left, self._top, self._right, self._bottom
        left = bottom = math.inf
        right = top = -math.inf
        for index in range(rects):
            if not get_rect(raw, index, left_c, top_c, right_c, bottom_c):
                raise pypdfium2.PdfiumError("Failed to get rectangle.")
            value = left_c.value
            if value < left:
                left = value
            value = bottom_c.value
            if value < bottom:
                bottom = value
            value = right_c.value
            if value > right:
                right = value
            value = top_c.value
            if value > top:
                top = value
        return left, bottom, right, top


def _without_superscripts(raw: str, start: int, chars: _Chars,
                          dropped: set[str]) -> tuple[str, bool]:
    """The line with superscript note markers dropped (their numbers added to `dropped`),
    and whether it starts with one: a marker that starts the line, as a footnote's does, is
    kept and set apart from its first word."""
    edits: list[tuple[int, int, str]] = []
    leads = False
    for match in _MARKER_CANDIDATE.finditer(raw):
        glued = match.end() < len(raw) and raw[match.end()].isalpha()
        # A marker stuck to the next word is compared with that word (the line before may
        # be another line that PDFium did not break), otherwise with the word before.
        reference = match.end() if glued else next(
            (k for k in range(match.start() - 1, -1, -1)
             if not raw[k].isspace() and not raw[k].isdigit()), None)
        if reference is None:
            reference = next((k for k in range(match.end(), len(raw))
                              if not raw[k].isspace() and not raw[k].isdigit()), None)
        if reference is None:
            continue
        size = chars.size(start + reference)
        if size <= 0 or chars.size(start + match.start()) > SUPERSCRIPT_SIZE_SHARE * size:
            continue
        if chars.raised(start + match.start(), start + reference) < SUPERSCRIPT_RAISE_SHARE * size:
            continue
        if match.start() == 0 or glued:
            leads = leads or match.start() == 0
            edits.append((match.start(), match.end(), match.group() + " "))
        else:
            dropped.add(match.group())
            edits.append((match.start(), match.end(), ""))
    for begin, end, replacement in reversed(edits):
        raw = raw[:begin] + replacement + raw[end:]
    return raw, leads


def turn_box(box: tuple[float, float, float, float], turn: int, width: float,
             height: float) -> tuple[float, float, float, float]:
    """A box (left, bottom, right, top) of a width x height page, the page turned clockwise
    by `turn` degrees (0, 90, 180, 270)."""
    left, bottom, right, top = box
    if turn == 90:
        return bottom, width - right, top, width - left
    if turn == 180:
        return width - right, height - top, width - left, height - bottom
    if turn == 270:
        return height - top, left, height - bottom, right
    return box


def _unturn_point(x: float, y: float, turn: int, width: float,
                  height: float) -> tuple[float, float]:
    """The inverse of turn_box for a point (width, height: the page before turning)."""
    if turn == 90:
        return width - y, x
    if turn == 180:
        return width - x, height - y
    if turn == 270:
        return y, height - x
    return x, y


def _text_turn(chars: _Chars, index: int) -> int:
    """How far the page must turn clockwise for this character's text to run left to right:
    0 for ordinary text, 90 for text that runs upwards (a landscape table drawn on a portrait
    page), whatever the page's /Rotate says."""
    if not chars.size(index):
        return 0
    matrix = chars.last_matrix
    angle = math.degrees(math.atan2(matrix.b, matrix.a))
    return int(round(angle / 90.0)) % 4 * 90


def page_lines(page) -> PageLines:  # type: ignore[no-untyped-def]
    """The positioned text lines of one PDFium page, in content-stream order.

    The page's text is read in one call and split where PDFium ends a line; each line's box
    is the union of the rectangles PDFium gives for its character range (asking for the
    text of every rectangle instead is fifty times slower), and its font size is that of one
    character near its middle. Boxes are given in the page turned so that its text reads
    left to right (see _text_turn): margins, columns and paragraphs then mean the same on a
    rotated page as on an upright one.
    """
    # Text comes in the media box's coordinates; the page is the crop box (a book's
    # printer's sheet can be far larger than its page, and margins are the page's).
    crop_left, crop_bottom, crop_right, crop_top = page.get_cropbox()
    width, height = crop_right - crop_left, crop_top - crop_bottom
    turn: int | None = None
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if "\r\n" not in text and text.strip():
            # No line breaks from PDFium: rows would be glued into one line, so lines are
            # rebuilt from character baselines (one baseline: PDFium's line stands).
            rebuilt, turned, found_markers = lines_from_chars(textpage, crop_left, crop_bottom,
                                                              width, height)
        else:
            rebuilt, turned, found_markers = [], 0, set()
        if len(rebuilt) > 1:
            shown_width, shown_height = (height, width) if turned in (90, 270) else (width, height)
            return PageLines(merge_segments(rebuilt), shown_width, shown_height, found_markers,
                             turned, page.get_rotation() % 360)
        chars = _Chars(textpage)
        segments: list[Line] = []
        middles: list[int] = []
        markers: set[str] = set()
        notes_possible = False
        start = 0
        for raw in text.split("\r\n"):
            count = len(raw)
            if raw.strip():
                found = chars.box(start, count)
                if found is not None:
                    left, bottom, right, top = found
                    middle = start + count // 2
                    if raw[count // 2] == " " and count > 1:
                        middle -= 1
                    if turn is None:
                        turn = _text_turn(chars, middle)
                    box = (left - crop_left, bottom - crop_bottom, right - crop_left,
                           top - crop_bottom)
                    if turn:
                        box = turn_box(box, turn, width, height)
                    leads = False
                    if _DIGIT.search(raw) and _MARKER_CANDIDATE.search(raw):
                        raw, leads = _without_superscripts(raw, start, chars, markers)
                        notes_possible = notes_possible or leads
                    if raw.lstrip()[:1] in _NOTE_SYMBOLS:
                        notes_possible = True
                    segments.append(Line(raw.replace("\n", " "), *box, 0.0, leads))
                    middles.append(middle)
            start += count + 2
        # Font sizes only matter where a footnote may start (a superscript marker or a note
        # symbol on the page): most pages are spared one PDFium call pair per line.
        if notes_possible or markers:
            for segment, middle in zip(segments, middles):
                segment.size = chars.size(middle)
    finally:
        textpage.close()
    turned = turn or 0
    shown_width, shown_height = (height, width) if turned in (90, 270) else (width, height)
    return PageLines(merge_segments(segments), shown_width, shown_height, markers, turned,
                     page.get_rotation() % 360)


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
                    warnings: list[str]) -> PageLines:
    """Record the page's tables and drop the lines that are their cells."""
    try:
        page_tables = finder.find(number)
    except PageTimeout:
        raise
    except Exception as error:  # a table finder failure must not lose the page's text
        warnings.append(f"page {number}: table finder failed ({type(error).__name__}: {error})")
        return layout
    found.extend(page_tables)
    if not page_tables:
        return layout
    boxes = [_table_box(table, layout) for table in page_tables]
    kept = [line for line in layout.lines
            if not any(inside((line.left, line.bottom, line.right, line.top), box)
                       for box in boxes)]
    return PageLines(kept, layout.width, layout.height, layout.markers, layout.turn,
                     layout.rotation)


def _table_box(table: Table, layout: PageLines) -> tuple[float, float, float, float]:
    """A table's box (pdfplumber: the page as displayed, origin top-left) in the page's
    reading space (origin bottom-left, turned as page_lines turned it)."""
    # The unturned page's size, and the displayed one's (/Rotate applied).
    width, height = ((layout.height, layout.width) if layout.turn in (90, 270)
                     else (layout.width, layout.height))
    shown_height = width if layout.rotation in (90, 270) else height
    left, top, right, bottom = table.bbox
    corners = []
    for x, y in ((left, shown_height - top), (right, shown_height - bottom)):
        user = _unturn_point(x, y, layout.rotation, width, height)
        corners.append(turn_box((*user, *user), layout.turn, width, height)[:2])
    xs = [corner[0] for corner in corners]
    ys = [corner[1] for corner in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _pdfminer_page(data: bytes, number: int, password: str | None) -> str:
    """One page's text by pdfminer (which maps some fonts PDFium cannot, and reads vertical
    Japanese in order with detect_vertical); "" when it fails."""
    import io

    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    try:
        return extract_text(io.BytesIO(data), password=password or "", page_numbers=[number - 1],
                            laparams=LAParams(detect_vertical=True))
    except PageTimeout:
        raise
    except Exception:
        return ""


@dataclass
class _Reading:
    """What read_pdf gathers page by page."""

    data: bytes
    password: str | None
    ocr: bool
    language: str | None
    finder: TableFinder | None
    layouts: list[PageLines | tuple[str, str, str | None]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    ocr_languages: str | None = None

    def languages(self) -> str:
        if self.ocr_languages is None:
            from .ocr import languages_for, missing_languages

            self.ocr_languages = languages_for(self.language)
            missing = missing_languages(self.language)
            if missing:
                self.warnings.append(
                    f"tesseract has no data for {'+'.join(missing)} (the manifest language "
                    f"{self.language!r}): OCR uses {self.ocr_languages}; install "
                    f"tesseract-ocr-{missing[0]}")
        return self.ocr_languages

    def read_page(self, page, number: int) -> PageLines | tuple[str, str, str | None]:  # type: ignore[no-untyped-def]
        layout = page_lines(page)
        if not layout.lines:
            if not self.ocr:
                return layout
            text, method, error, warning = _ocr_page(page, number, self.languages())
            self.warnings.append(warning)
            return text, method, error
        joined = " ".join(line.text for line in layout.lines)
        garbage = garbage_reason(joined)
        if garbage:  # the file's own Unicode map is wrong: pdfminer would follow it too
            return self._reread(page, number, garbage, pdfminer=False)
        unmapped = unmapped_reason(page, joined)
        if unmapped:  # PDFium lacks the fonts' maps (CMaps pdfminer carries)
            return self._reread(page, number, unmapped, pdfminer=True)
        if self.finder is not None and may_hold_table(page):
            layout = _without_tables(layout, number, self.finder, self.tables, self.warnings)
        return layout

    def _reread(self, page, number: int, problem: str,  # type: ignore[no-untyped-def]
                pdfminer: bool) -> tuple[str, str, str | None]:
        """A page whose text layer is garbage: pdfminer if it reads it, else OCR."""
        fallback = _pdfminer_page(self.data, number, self.password) if pdfminer else ""
        if usable(fallback):
            self.notes[number] = f"text layer unusable ({problem}); read with pdfminer"
            self.warnings.append(f"page {number}: {self.notes[number]}")
            return normalize_text(fallback), "pdf", None
        if not self.ocr:
            message = (f"{ErrorCode.NO_TEXT.value} page {number}: the text layer is garbage "
                       f"({problem}) and OCR is off")
            self.notes[number] = f"garbage text layer ({problem}); needs OCR"
            self.warnings.append(message)
            return "", NEEDS_OCR, message
        text, method, error, warning = _ocr_page(page, number, self.languages())
        self.notes[number] = f"garbage text layer ({problem}); sent to OCR"
        self.warnings.append(f"page {number}: {self.notes[number]}")
        self.warnings.append(warning)
        return text, method, error


def read_pdf(path: Path, data: bytes, password: str | None = None, *, ocr: bool = True,
             language: str | None = None, tables: bool = False,
             page_seconds: float | None = DEFAULT_PAGE_SECONDS) -> ExtractedText:
    """The document's text, page by page; pages without a usable text layer are OCRed.

    `language` (the manifest's, if any) chooses tesseract's language data. With `tables`,
    ruled tables are returned as records and their cells left out of the text (off by
    default in batch ingest: see docs/pdf-ingest.md for its cost). Footnote blocks end each
    page's text and are listed in `footnotes`. A page that takes longer than `page_seconds`
    is recorded as failed (E112) and the rest of the document kept.
    """
    _check_header(data, path)
    pdf = open_pdf(data, path, password)
    reading = _Reading(data, password, ocr, language,
                       TableFinder(data, password) if tables else None)
    try:
        with PageClock(page_seconds) as clock:
            for number in range(1, len(pdf) + 1):
                try:
                    with clock.page():
                        page = pdf[number - 1]
                        try:
                            reading.layouts.append(reading.read_page(page, number))
                        finally:
                            page.close()
                except PageTimeout:
                    message = (f"{ErrorCode.PAGE_TIME_LIMIT.value} page {number}: stopped "
                               f"after {page_seconds:g} s (the per-page time limit; raise it "
                               "with --page-time-limit if the file is sound); the other pages "
                               "are kept")
                    reading.warnings.append(message)
                    reading.layouts.append(("", "failed", message))
                except Exception as error:
                    message = (f"{ErrorCode.PAGE_FAILED.value} page {number}: "
                               f"{type(error).__name__}: {error}")
                    reading.warnings.append(message)
                    reading.layouts.append(("", "failed", message))
    finally:
        pdf.close()
        if reading.finder is not None:
            reading.finder.close()
    return _assemble(path, reading, ocr)


def _assemble(path: Path, reading: _Reading, ocr: bool) -> ExtractedText:
    """Pages to one text: running lines out, footnotes at the end of their page."""
    layouts = reading.layouts
    if not layouts:
        raise CultdipError(ErrorCode.CORRUPT_PDF, "the PDF has no pages", str(path))
    laid_out = [layout for layout in layouts if isinstance(layout, PageLines)]
    running = running_lines(laid_out)
    body = body_size(laid_out)
    table_pages = {table.page for table in reading.tables}
    page_texts: list[tuple[str, str, str | None]] = []
    footnote_starts: list[int | None] = []
    for number, layout in enumerate(layouts, start=1):
        footnote_starts.append(None)
        if not isinstance(layout, PageLines):
            page_texts.append(layout)
            continue
        lines, _ = strip_running(layout, running)
        lines, notes = split_footnotes(lines, body, layout.markers)
        text = normalize_text(page_text(lines))
        if notes:
            footnote_starts[-1] = len(text) + 2 if text else 0
            text = (text + "\n\n" if text else "") + normalize_text(notes_text(notes, layout.markers))
        if text.strip() or number in table_pages:
            page_texts.append((text, "pdf", None))
        else:
            page_texts.append(("", NEEDS_OCR, f"{ErrorCode.NO_TEXT.value} page {number}: no "
                               "text layer; the page needs OCR"))
    if not any(text.strip() for text, _, _ in page_texts) and not reading.tables:
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
        reading.warnings.append(
            f"{len(empty)} page(s) without a usable text layer (needs OCR): {empty[:10]}")
    extracted = join_pages(page_texts, footnote_starts)
    extracted.warnings = reading.warnings
    extracted.tables = reading.tables
    extracted.notes = reading.notes
    return extracted
