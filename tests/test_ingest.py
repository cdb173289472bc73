"""Readers on real files: text, Markdown, PDF, and the broken PDFs of the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS

from cultdip_nlp.errors import CultdipError
from cultdip_nlp.ingest.language import detect_language
from cultdip_nlp.ingest.manifest import read_manifest
from cultdip_nlp.ingest.normalize import normalize_text
from cultdip_nlp.ingest.pdf import read_pdf
from cultdip_nlp.ingest.text import read_text_file


def test_hard_wrapped_un_speech_becomes_paragraphs(tmp_path: Path) -> None:
    import tarfile

    archive = Path(__file__).resolve().parents[2] / "shared/corpus/ungdc/UNGDC_1946-2024.tar.xz"
    with tarfile.open(archive) as tar:
        member = tar.getmember("UNGDC_1946-2024/TXT/Session 50 - 1995/KAZ_50_1995.txt")
        raw = tar.extractfile(member).read()  # type: ignore[union-attr]
    text = normalize_text(raw.decode("utf-8-sig"))
    assert "Please accept my congratulations, Sir, on your election as President of the " \
           "General Assembly at its fiftieth session." in text
    assert "confidence-building" in text  # a line-end hyphen joins without a space
    assert text.count("\n\n") >= 10  # short sentence-final lines end paragraphs


def test_real_pdf_pages_and_text(shared: Path) -> None:
    path = shared / "corpus/pdfs/us_federal-register_2020-17221_proposed-rule.pdf"
    extracted = read_pdf(path, path.read_bytes())
    assert len(extracted.pages) == 15
    for page in extracted.pages:
        assert extracted.text[page.start:page.end].strip()
    assert "Federal Aviation Administration" in extracted.text


@pytest.mark.parametrize("name, code", [
    ("edge_pdfplumber_empty_zero-bytes.pdf", "E101"),
    ("edge_pdfminer_aes-256_user-password.pdf", "E102"),
    ("edge_pdfplumber_password-example_user-password-test.pdf", "E102"),
    ("cis_belovezh-agreement_1991-12-08_ru_scan.pdf", "E104"),
])
def test_bad_pdfs_get_their_code_and_name(shared: Path, name: str, code: str) -> None:
    path = shared / "corpus/pdfs" / name
    with pytest.raises(CultdipError) as caught:
        read_pdf(path, path.read_bytes(), ocr=False)
    assert caught.value.code.value == code
    assert str(caught.value).startswith(code) and name in str(caught.value)


def test_password_from_manifest_opens_the_pdf(shared: Path) -> None:
    path = shared / "corpus/pdfs/edge_pdfplumber_password-example_user-password-test.pdf"
    extracted = read_pdf(path, path.read_bytes(), password="test")
    assert "Backup4all" in extracted.text


def test_owner_password_only_pdf_is_read(shared: Path) -> None:
    path = shared / "corpus/pdfs/edge_pdfplumber_owner-password-rc4_copy-restricted.pdf"
    assert len(read_pdf(path, path.read_bytes()).text) > 1000


def test_truncated_pdf_is_corrupt_not_a_crash(shared: Path, tmp_path: Path) -> None:
    data = (shared / "corpus/pdfs/us_scotus_oral-argument-transcript_p1.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    with pytest.raises(CultdipError) as caught:
        read_pdf(path, data[: len(data) // 3])
    assert caught.value.code.value in {"E103", "E104"}


def test_html_named_pdf_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "download.pdf"
    html = (CORPUS / "README.md").read_text(encoding="utf-8")
    data = f"<!DOCTYPE html><html><body><pre>{html}</pre></body></html>".encode()
    with pytest.raises(CultdipError) as caught:
        read_pdf(path, data)
    assert caught.value.code.value == "E105" and "HTML" in str(caught.value)


def test_legacy_encoding_is_decoded(tmp_path: Path, shared: Path) -> None:
    source = (shared / "corpus/ru_kk").glob("*.xml")
    russian = next(p for p in source if "rus" in p.name).read_text(encoding="utf-8")
    path = tmp_path / "cp1251.txt"
    path.write_bytes(russian.encode("cp1251", errors="ignore"))
    extracted = read_text_file(path, path.read_bytes())
    assert "Всеобщая декларация прав человека" in extracted.text


def test_binary_with_txt_name_is_refused(tmp_path: Path, shared: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes((shared / "corpus/pdfs/ko_literary-text-line_fragment.pdf").read_bytes())
    with pytest.raises(CultdipError) as caught:
        read_text_file(path, path.read_bytes())
    assert caught.value.code.value in {"E105", "E106"} and "garbage.txt" in str(caught.value)


@pytest.mark.parametrize("name, expected", [
    ("jp_cabinet-directive_kanji-in-official-documents_2010.pdf", "ja"),
    ("ko_literary-text-line_fragment.pdf", "ko"),
    ("us_nist_sp-800-223_hpc-security.pdf", "en"),
])
def test_language_by_script(shared: Path, name: str, expected: str) -> None:
    path = shared / "corpus/pdfs" / name
    assert detect_language(read_pdf(path, path.read_bytes()).text) == expected


def test_sample_manifest_is_complete() -> None:
    manifest = read_manifest(CORPUS / "manifest.csv")
    assert not manifest.problems
    files = {p for p in CORPUS.rglob("*") if p.is_file() and p.name not in
             {"manifest.csv", "README.md"}}
    assert set(manifest.rows) == {p.resolve() for p in files}
    assert {m.country for m in manifest.rows.values()} >= {"KAZ", "KOR", "JPN", "GBR"}


@pytest.mark.parametrize("name, expected", [("udhr_kaz.xml", "kk"), ("udhr_rus.xml", "ru")])
def test_kazakh_and_russian_told_apart(shared: Path, name: str, expected: str) -> None:
    import re

    xml = (shared / "corpus/ru_kk" / name).read_text(encoding="utf-8")
    paragraphs = [p for p in re.findall(r"<para>(.*?)</para>", xml, flags=re.S) if len(p) > 80]
    assert len(paragraphs) > 10
    assert all(detect_language(p) == expected for p in paragraphs[:30])


def test_french_lemmas_from_a_table_with_several_lemmas_per_form(shared: Path) -> None:
    """spaCy's French (and Catalan) lookup tables hold lists: found by the PDF fuzzer."""
    from cultdip_nlp.analysis import Analyser
    from cultdip_nlp.codebook import load_codebook

    path = shared / "corpus/pdfs/ca-qc_demolition-committee_minutes_2023-06-20.pdf"
    extracted = read_pdf(path, path.read_bytes(), ocr=False)
    pages, sentences, _, _ = Analyser(load_codebook()).analyse(
        "fr-doc", extracted.text, extracted.pages, None)
    assert {p.language for p in pages if p.end > p.start} == {"fr"}
    assert len(sentences) > 10
    from cultdip_nlp.nlp import blank_pipeline

    doc = blank_pipeline("fr")("Les comités ont adopté les résolutions.")
    assert all(isinstance(t.norm_, str) and t.norm_ == t.norm_.lower() for t in doc)
