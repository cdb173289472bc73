"""Page layout from positioned text lines: running headers, footers and page numbers out,
footnotes set apart, paragraph breaks in.

Kept free of any PDF library so that it can be reasoned about (and tested) on its own: a
line is its text, its box in PDF points of the page as displayed (origin bottom-left, /Rotate
already applied, so that "top margin" means the same on a landscape page) and its font size.
Lines arrive in the order of
the page's content stream, which for typeset documents is column by column (pdfplumber's
top-to-bottom sort is what interleaves the columns of a three-column page).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

# A line in the top or bottom band of the page is a running header/footer candidate.
MARGIN_SHARE = 0.09
# A candidate repeated on at least this share of pages (and on 3 or more) is removed: a
# fifth, because books alternate headers (the title on even pages, the chapter on odd ones)
# and chapter openings have none.
REPEAT_SHARE = 0.2
_DIGITS = re.compile(r"\d+")
# A footnote starts with its marker: a number (often a superscript stuck to the first word,
# separated by the reader), an asterisk or dagger, or a Unicode superscript digit.
_NOTE_MARKER = re.compile(r"^(?:\d{1,3}(?!\d)(?![,.:–-]\d)\.?|[*†‡§]{1,3}|[¹²³⁰⁴-⁹]{1,3})\s*\S")
_LEADING_NUMBER = re.compile(r"\d+")
# A line in a font at most this share of the body font's size (and at least the minimum
# share: a smaller "size" is a font matrix quirk, not a footnote) is a footnote candidate.
FOOTNOTE_SIZE_SHARE = 0.9
FOOTNOTE_MIN_SIZE_SHARE = 0.5
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—(]?\s*(?:\d{1,4}|[ivxlcdm]{1,6})\s*[-–—)]?"
                          r"(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


@dataclass(slots=True)
class Line:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float = 0.0  # font size in points (0: unknown)
    superscript_lead: bool = False  # starts with a superscript number (a footnote's marker)

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(slots=True)
class PageLines:
    lines: list[Line]
    width: float
    height: float
    # Superscript note markers the reader dropped from the text (the notes they refer to).
    markers: set[str] = field(default_factory=set)
    turn: int = 0  # degrees the page was turned clockwise for its text to read left to right
    rotation: int = 0  # the page's /Rotate


def merge_segments(segments: list[Line]) -> list[Line]:
    """Join text segments that sit on one line next to each other into one line."""
    # Runs once per line of every page: attributes are read into locals (no `height`
    # property, no min/max calls), which halves its cost without changing a result.
    lines: list[Line] = []
    last: Line | None = None
    for segment in segments:
        if last is not None:
            seg_top, seg_bottom = segment.top, segment.bottom
            last_top, last_bottom = last.top, last.bottom
            overlap = ((last_top if last_top < seg_top else seg_top)
                       - (last_bottom if last_bottom > seg_bottom else seg_bottom))
            gap = segment.left - last.right
            last_height, seg_height = last_top - last_bottom, seg_top - seg_bottom
            size = last_height if last_height < seg_height else seg_height
            if size < 1.0:
                size = 1.0
            if overlap > 0.5 * size and -1.0 <= gap < 1.5 * size:
                joiner = "" if last.text.endswith(" ") or gap < 0.15 * size else " "
                last.text += joiner + segment.text
                last.right = max(last.right, segment.right)
                last.bottom = min(last_bottom, seg_bottom)
                last.top = max(last_top, seg_top)
                if len(segment.text) > len(last.text) - len(segment.text):
                    last.size = segment.size
                continue
        last = Line(segment.text, segment.left, segment.bottom, segment.right,
                    segment.top, segment.size, segment.superscript_lead)
        lines.append(last)
    kept = []
    for line in lines:
        line.text = line.text.strip()
        if line.text:
            kept.append(line)
    return kept


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


def body_size(pages: list[PageLines]) -> float:
    """The document's body font size: the size that carries the most characters."""
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if line.size > 0:
                weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _below(upper: Line, lower: Line) -> bool:
    """Is `lower` under `upper` in the same column (their x ranges overlap)?"""
    return (lower.top <= upper.bottom + 0.5
            and min(upper.right, lower.right) - max(upper.left, lower.left) > 0)


def _starts_note(line: Line, markers: set[str]) -> bool:
    """Does the line start a footnote: a note marker that is a superscript, a symbol, or a
    number that the body text carries as a superscript reference?"""
    match = _NOTE_MARKER.match(line.text)
    if match is None:
        return False
    if line.superscript_lead or not line.text[0].isdigit():
        return True
    return _LEADING_NUMBER.match(line.text).group() in markers  # type: ignore[union-attr]


def split_footnotes(lines: list[Line], body: float,
                    markers: set[str] = frozenset()) -> tuple[list[Line], list[Line]]:  # type: ignore[assignment]
    """(body lines, footnote lines) of a page.

    A footnote block is a run of consecutive lines (content-stream order) set in a smaller
    font than the body, whose first line starts with a note marker (see _starts_note), with
    no body-size line under it in its column: the bottom of a column or page. Running
    footers must already be gone. `markers` are the superscript references of the document's
    body. Pages without a smaller-font run (most pages) cost one pass over their lines.
    """
    if body <= 0 or not lines:
        return lines, []
    small = [FOOTNOTE_MIN_SIZE_SHARE * body <= line.size <= FOOTNOTE_SIZE_SHARE * body
             for line in lines]
    if not any(small) or all(small):
        return lines, []
    notes: set[int] = set()
    index = 0
    while index < len(lines):
        if not small[index]:
            index += 1
            continue
        end = index
        while end < len(lines) and small[end]:
            end += 1
        start = next((k for k in range(index, end) if _starts_note(lines[k], markers)), None)
        if start is not None:
            block = range(start, end)
            letters = sum(ch.isalpha() for k in block for ch in lines[k].text)
            chars = sum(len(lines[k].text) for k in block)
            highest = max(lines[k].bottom for k in block) + 0.5
            others = [line for k, line in enumerate(lines) if not small[k] and line.top <= highest]
            if letters >= 0.4 * chars and not any(
                    _below(lines[k], other) for k in block for other in others):
                notes.update(block)
        index = end
    if not notes:
        return lines, []
    return ([line for k, line in enumerate(lines) if k not in notes],
            [line for k, line in enumerate(lines) if k in notes])


def notes_text(lines: list[Line], markers: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """Footnote lines to text: each note (a line that starts with its marker) a paragraph."""
    groups: list[list[Line]] = []
    last = 0
    for line in lines:
        starts = _starts_note(line, markers)
        if starts and line.text[0].isdigit():
            # Notes are numbered upwards: "10 seconds." after note 13 continues it.
            number = int(_LEADING_NUMBER.match(line.text).group())  # type: ignore[union-attr]
            starts = number > last or line.superscript_lead
            last = max(last, number) if starts else last
        if not groups or starts:
            groups.append([])
        groups[-1].append(line)
    return "\n\n".join(" ".join(line.text for line in group) for group in groups)


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
