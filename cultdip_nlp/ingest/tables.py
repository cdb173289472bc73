"""Tables of PDF pages as structured records, with pdfplumber's table finder.

pdfplumber's finder (ruling lines and text alignment) is the best kept open-source one in
Python, but it parses every character with pdfminer, some 50x slower than PDFium's text. So it
runs only on pages whose vector paths PDFium shows to draw a grid of rules or cells
(may_hold_table); text-only pages (most of a policy corpus) never pay for it, and in batch
ingest it runs only with --tables.
"""

from __future__ import annotations

import io
import logging

from ..records import Table

# A ruled table needs lines: fewer vector paths than this on a page and it is not looked at.
MIN_PATHS_FOR_TABLE = 12
MAX_PATHS_LOOKED_AT = 600
RULE_THICKNESS = 2.5  # points: a path this thin is a rule
RULE_MIN_HORIZONTAL = 3
RULE_MIN_VERTICAL = 2
CELL_MIN_COUNT = 8
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def may_hold_table(page) -> bool:  # type: ignore[no-untyped-def]
    """Cheap PDFium test: does the page draw ruling lines or cells that could make a table?

    At least MIN_PATHS_FOR_TABLE vector paths, and among the first MAX_PATHS_LOOKED_AT of
    them either a grid (RULE_MIN_HORIZONTAL thin horizontal and RULE_MIN_VERTICAL thin
    vertical rules) or CELL_MIN_COUNT cell-sized boxes. Maps and charts (curves, large
    shapes) and text pages with a rule or two under a heading are not passed to pdfplumber.
    """
    import pypdfium2.raw as pdfium_c

    paths = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3))
    if len(paths) < MIN_PATHS_FOR_TABLE:
        return False
    horizontal = vertical = cells = 0
    for path in paths[:MAX_PATHS_LOOKED_AT]:
        left, bottom, right, top = path.get_bounds()
        width, height = right - left, top - bottom
        if height <= RULE_THICKNESS and width >= 15:
            horizontal += 1
        elif width <= RULE_THICKNESS and height >= 8:
            vertical += 1
        elif width >= 15 and 6 <= height <= 60:
            cells += 1
        if (horizontal >= RULE_MIN_HORIZONTAL and vertical >= RULE_MIN_VERTICAL
                or cells >= CELL_MIN_COUNT):
            return True
    return False


class TableFinder:
    """Opens the file with pdfplumber only when a page needs it, and once per document."""

    def __init__(self, data: bytes, password: str | None) -> None:
        self._data = data
        self._password = password
        self._pdf = None

    def find(self, number: int) -> list[Table]:
        import pdfplumber

        if self._pdf is None:
            self._pdf = pdfplumber.open(io.BytesIO(self._data), password=self._password or "")
        page = self._pdf.pages[number - 1]
        try:
            tables: list[Table] = []
            for found in page.find_tables():
                rows = tuple(tuple(_clean(cell) for cell in row) for row in found.extract(x_tolerance=1))
                if len(rows) >= 2 and max(len(row) for row in rows) >= 2:
                    left, top, right, bottom = (float(v) for v in found.bbox)
                    tables.append(Table(number, len(tables), (left, top, right, bottom), rows))
            return tables
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def inside(line_box: tuple[float, float, float, float],
           table_box: tuple[float, float, float, float]) -> bool:
    """Is the centre of a line inside a table? Both (left, bottom, right, top), one space."""
    left, bottom, right, top = line_box
    x = (left + right) / 2
    y = (bottom + top) / 2
    t_left, t_bottom, t_right, t_top = table_box
    return t_left <= x <= t_right and t_bottom <= y <= t_top


def _clean(cell: str | None) -> str:
    return " ".join((cell or "").split())
