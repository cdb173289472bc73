"""OCR of scanned pages with the real tesseract binary (one page, so the test stays short)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cultdip_nlp.errors import CultdipError
from cultdip_nlp.ingest.language import detect_language
from cultdip_nlp.ingest.pdf import read_pdf

PDFS = Path(__file__).resolve().parents[2] / "shared/corpus/pdfs"


def test_russian_two_column_scan_is_ocred_with_verifiable_words() -> None:
    path = PDFS / "un_ga_res-2754-2763_1971_ru_scan.pdf"  # no text layer at all
    extracted = read_pdf(path, path.read_bytes(), language="ru")
    page = extracted.pages[0]
    assert page.method == "ocr"
    text = extracted.text
    # Read off the rendered page (left column, top): the heading of resolution 2751 and its
    # closing line, then the next resolution in the same column.
    assert "Прием Бутана в члены" in text
    assert "Организации Объединенных Наций" in text
    assert "пленарное заседание" in text
    assert text.index("Прием Бутана") < text.index("Прием Бахрейна")  # column order
    assert len(re.findall(r"[А-Яа-яЁё]{4,}", text)) > 300
    assert detect_language(text) == "ru"  # OCR noise must not pass for Kazakh
    confidence = [w for w in extracted.warnings if "mean confidence" in w]
    assert confidence and float(confidence[0].rsplit(" ", 1)[1]) > 60


def test_without_tesseract_the_scan_says_it_needs_ocr(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine where tesseract is not installed
    path = PDFS / "un_ga_res-2754-2763_1971_ru_scan.pdf"
    with pytest.raises(CultdipError) as caught:
        read_pdf(path, path.read_bytes())
    assert caught.value.code.value == "E104" and "needs OCR" in str(caught.value)
    assert "tesseract is not installed" in str(caught.value)
    assert path.name in str(caught.value)
