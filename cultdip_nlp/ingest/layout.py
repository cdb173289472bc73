"""Page layout from positioned text lines: running headers, footers and page numbers out,
paragraph breaks in.

Kept free of any PDF library so that it can be reasoned about (and tested) on its own: a
line is its text and its box in PDF points (origin bottom-left). Lines arrive in the order of
the page's content stream, which for typeset documents is column by column (pdfplumber's
top-to-bottom sort is what interleaves the columns of a three-column page).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

# A line in the top or bottom band of the page is a running header/footer candidate.
MARGIN_SHARE = 0.09
# A candidate repeated on at least this share of pages (and on 3 or more) is removed.
REPEAT_SHARE = 0.4
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,6})\s*[-–—)]?"
                          r"(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


@dataclass(slots=True)
class Line:
    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(slots=True)
class PageLines:
    lines: list[Line]
    width: float
    height: float


def merge_segments(segments: list[Line]) -> list[Line]:
    """Join text segments that sit on one line next to each other into one line."""
    lines: list[Line] = []
    for segment in segments:
        if lines:
            last = lines[-1]
            overlap = min(last.top, segment.top) - max(last.bottom, segment.bottom)
            gap = segment.left - last.right
            size = max(min(last.height, segment.height), 1.0)
            if overlap > 0.5 * size and -1.0 <= gap < 1.5 * size:
                joiner = "" if last.text.endswith(" ") or gap < 0.15 * size else " "
                last.text += joiner + segment.text
                last.right = max(last.right, segment.right)
                last.bottom = min(last.bottom, segment.bottom)
                last.top = max(last.top, segment.top)
                continue
        lines.append(Line(segment.text, segment.left, segment.bottom, segment.right,
                          segment.top))
    for line in lines:
        line.text = line.text.strip()
    return [line for line in lines if line.text]


def _in_margin(line: Line, page: PageLines) -> bool:
    band = MARGIN_SHARE * page.height
    return line.bottom >= page.height - band or line.top <= band


def _repeat_key(line: Line) -> tuple[int, str]:
    # Page numbers inside a header ("Federal Register / Vol. 85 ... / 47699") differ on
    # every page: digits are masked. The vertical position is kept, the horizontal not
    # (even and odd pages mirror their headers).
    return round(line.top / 6), _DIGITS.sub("#", line.text.lower())


def running_lines(pages: list[PageLines]) -> set[tuple[int, str]]:
    """Header/footer lines: margin lines repeated at the same height across pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[tuple[int, str]] = Counter()
    for page in pages:
        counts.update({_repeat_key(line) for line in page.lines if _in_margin(line, page)})
    needed = max(3, REPEAT_SHARE * len(pages))
    return {key for key, count in counts.items() if count >= needed}


def strip_running(page: PageLines, running: set[tuple[int, str]]) -> tuple[list[Line], int]:
    """The page's lines without running headers, footers and bare page numbers."""
    kept: list[Line] = []
    removed = 0
    for line in page.lines:
        if _in_margin(line, page) and (_repeat_key(line) in running
                                        or _PAGE_NUMBER.match(line.text)):
            removed += 1
            continue
        kept.append(line)
    return kept, removed


def page_text(lines: list[Line]) -> str:
    """Lines to text: one line per line, a blank line where a paragraph (or column) breaks.

    A paragraph breaks where the vertical gap to the next line is clearly larger than the
    usual line spacing, where the next line jumps up (a new column or block), or where the
    next line is indented against the current one.
    """
    if not lines:
        return ""
    heights = [line.height for line in lines if line.height > 0]
    size = statistics.median(heights) if heights else 10.0
    parts = [lines[0].text]
    for previous, line in zip(lines, lines[1:]):
        gap = previous.bottom - line.top
        new_block = (gap > 0.9 * size or line.top > previous.top + 0.5 * size
                     or abs(line.left - previous.left) > 12 * size)
        indented = (line.left - previous.left > 0.8 * size
                    and abs(line.bottom - previous.bottom) > 0.5 * size)
        parts.append("\n\n" if new_block or indented else "\n")
        parts.append(line.text)
    return "".join(parts)
