"""Text lines rebuilt from character positions, for pages where PDFium gives no line breaks.

PDFium ends a line where the content stream moves to a new line; some pages (the US budget
table drawn sideways on a /Rotate 90 page) come out as one run of thousands of characters,
which would read as a single "line" with rows of a table glued together. Here every
character is placed by its own baseline in the direction its text runs, characters on one
baseline become a line read left to right (a gap wider than a word space becomes a space,
so table columns stay apart), and lines are ordered top to bottom as the page reads turned
upright.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .layout import Line

# A character whose baseline lies within this share of its font size of a line's baseline
# belongs to that line (rows of a dense table sit about 1.2 font sizes apart).
BASELINE_SHARE = 0.45
# Two characters next to each other in PDFium's stream are spaced as PDFium spaced them
# (right for CJK text set with wide gaps); others are spaced where the gap between them is
# wider than this share of the font size.
SPACE_SHARE = 0.15
# A digit smaller than this share of its line's size and raised by this share is a marker.
SUPERSCRIPT_SIZE_SHARE = 0.85
SUPERSCRIPT_RAISE_SHARE = 0.15

Box = tuple[float, float, float, float]


@dataclass(slots=True)
class _Char:
    text: str
    index: int  # position in PDFium's text stream
    turn: int  # how far the page turns clockwise for this character to read left to right
    along: float  # the baseline origin's position along its line, in its own frame
    baseline: float  # the baseline's height in its own frame
    left: float  # the box's extent along the line, in its own frame
    right: float
    size: float
    box: Box  # tight box in the page's coordinates (crop box origin)


def _turned(box: Box, turn: int, width: float, height: float) -> Box:
    from .pdf import turn_box

    return turn_box(box, turn, width, height)


def _chars(textpage, crop_left: float, crop_bottom: float, width: float,  # type: ignore[no-untyped-def]
           height: float) -> list[_Char]:
    import ctypes

    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    found: list[_Char] = []
    for index in range(textpage.count_chars()):
        text = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if not text.strip() or pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
            continue
        if not pdfium_c.FPDFText_GetMatrix(raw, index, matrix):
            continue
        turn = int(round(math.degrees(math.atan2(matrix.b, matrix.a)) / 90.0)) % 4 * 90
        size = float(pdfium_c.FPDFText_GetFontSize(raw, index) * math.hypot(matrix.c, matrix.d))
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        left, bottom, right, top = textpage.get_charbox(index)
        box = (left - crop_left, bottom - crop_bottom, right - crop_left, top - crop_bottom)
        origin_x, origin_y = x.value - crop_left, y.value - crop_bottom
        along, baseline, _, _ = _turned((origin_x, origin_y, origin_x, origin_y), turn,
                                        width, height)
        own = _turned(box, turn, width, height)
        found.append(_Char(text, index, turn, along, baseline, own[0], own[2], size or 1.0, box))
    return found


def _spaced(previous: _Char, char: _Char, stream: str, size: float) -> bool:
    """Whether a space stands between two characters read one after the other."""
    between = stream[previous.index + 1:char.index] if char.index > previous.index else "x"
    if len(between) <= 3 and not between.strip():
        return bool(between)
    return char.left - previous.right > SPACE_SHARE * size


def _line_text(chars: list[_Char], markers: set[str], stream: str) -> tuple[str, bool]:
    """The characters of one baseline, left to right, with spaces at gaps; superscript
    digits dropped into `markers` (kept and set apart when they start the line)."""
    chars.sort(key=lambda char: char.along)
    sizes = sorted(char.size for char in chars)
    size = sizes[len(sizes) // 2]
    baselines = sorted(char.baseline for char in chars)
    baseline = baselines[len(baselines) // 2]
    parts: list[str] = []
    leads = False
    marker = ""
    previous: _Char | None = None
    for position, char in enumerate(chars):
        raised = (char.text.isdigit() and char.size < SUPERSCRIPT_SIZE_SHARE * size
                  and char.baseline - baseline >= SUPERSCRIPT_RAISE_SHARE * size)
        gap = previous is not None and _spaced(previous, char, stream, size)
        if marker and not raised:
            if leads and len(parts) == 0:
                parts.append(marker + " ")
            else:
                markers.add(marker)
            marker = ""
        if raised:
            if position == 0:
                leads = True
            marker += char.text
        else:
            if gap and parts and not parts[-1].endswith(" "):
                parts.append(" ")
            parts.append(char.text)
        previous = char
    if marker:
        markers.add(marker)
    return "".join(parts).strip(), leads


def lines_from_chars(textpage, crop_left: float, crop_bottom: float, width: float,  # type: ignore[no-untyped-def]
                     height: float) -> tuple[list[Line], int, set[str]]:
    """(lines top to bottom, the page's turn, superscript markers dropped) of a text page.

    The page's turn is the one most of its characters need to read left to right (a /Rotate
    90 landscape table: 90); line boxes are given in the page turned by it, like
    page_lines's. A line of characters running another way (a running header printed
    across the sideways page) stays one line, placed by its box.
    """
    chars = _chars(textpage, crop_left, crop_bottom, width, height)
    stream = textpage.get_text_range()
    if not chars:
        return [], 0, set()
    counts: dict[int, int] = {}
    for char in chars:
        counts[char.turn] = counts.get(char.turn, 0) + 1
    page_turn = max(counts, key=lambda turn: counts[turn])
    groups: list[list[_Char]] = []
    for turn in sorted(counts):
        ordered = sorted((char for char in chars if char.turn == turn),
                         key=lambda char: -char.baseline)
        current: list[_Char] = []
        for char in ordered:
            if current and current[0].baseline - char.baseline > BASELINE_SHARE * max(
                    current[0].size, char.size):
                groups.append(current)
                current = []
            current.append(char)
        if current:
            groups.append(current)
    markers: set[str] = set()
    lines: list[Line] = []
    for group in groups:
        text, leads = _line_text(group, markers, stream)
        if not text:
            continue
        boxes = [_turned(char.box, page_turn, width, height) for char in group]
        sizes = sorted(char.size for char in group)
        lines.append(Line(text, min(box[0] for box in boxes), min(box[1] for box in boxes),
                          max(box[2] for box in boxes), max(box[3] for box in boxes),
                          sizes[len(sizes) // 2], leads))
    lines.sort(key=lambda line: (-line.top, line.left))
    return lines, page_turn, markers
