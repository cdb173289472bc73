"""Tables of PDF pages as structured records, with pdfplumber's table finder.

pdfplumber's finder (ruling lines and text alignment) is the best kept open-source one in
Python, but it parses every character with pdfminer, some 50x slower than PDFium's text. So it
runs only on pages that PDFium shows to carry enough vector paths to draw a ruled table;
text-only pages (most of a policy corpus) never pay for it.
"""

from __future__ import annotations

import io
import logging

from ..records import Table

# A ruled table needs lines: fewer vector paths than this on a page and it is not looked at.
MIN_PATHS_FOR_TABLE = 12
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def may_hold_table(page) -> bool:  # type: ignore[no-untyped-def]
    """Cheap PDFium test: does the page draw enough paths to hold a ruled table?"""
    import pypdfium2.raw as pdfium_c

    count = 0
    for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
        count += 1
        if count >= MIN_PATHS_FOR_TABLE:
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
