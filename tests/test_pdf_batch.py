"""The batch summary of a real mixed folder counts errors by code and OCR pages."""

from __future__ import annotations

from pathlib import Path

from conftest import BAD_PDFS


def test_summary_counts_errors_by_code(mixed_project: tuple[Path, dict]) -> None:
    _, summary = mixed_project
    expected: dict[str, int] = {}
    for code in BAD_PDFS.values():
        expected[code] = expected.get(code, 0) + 1
    assert summary["errors_by_code"] == expected
    assert summary["ocr_pages"] == 0 and summary["failed_pages"] == 0
