"""Language per page on the real Japanese, Korean, Russian, Kazakh, Chinese, Arabic, French
and Spanish PDFs of ../shared/corpus/pdfs."""

from __future__ import annotations

from pathlib import Path

import pytest

from cultdip_nlp.ingest.language import detect_language
from cultdip_nlp.ingest.pdf import read_pdf

PDFS = Path(__file__).resolve().parents[2] / "shared/corpus/pdfs"


@pytest.mark.parametrize("name, language", [
    ("jp_cabinet-directive_kanji-in-official-documents_2010.pdf", "ja"),
    ("ko_literary-text-line_fragment.pdf", "ko"),
    ("kz_respublikasy_word-fragment.pdf", "kk"),  # one word, no Kazakh-only letter
    ("cn_core-socialist-values-cultural-confidence_heading.pdf", "zh"),
    ("tn_isie_legislative-elections-2014_medenine.pdf", "ar"),
    ("ca-qc_demolition-committee_minutes_2023-06-20.pdf", "fr"),
    ("us_uscis_form-i9_spanish.pdf", "es"),
    ("us_federal-register_2020-17221_proposed-rule.pdf", "en"),
])
def test_every_page_gets_its_language(name: str, language: str) -> None:
    path = PDFS / name
    extracted = read_pdf(path, path.read_bytes(), ocr=False)
    found = {detect_language(extracted.text[p.start:p.end]) for p in extracted.pages
             if p.end - p.start > 0}
    assert found == {language}

