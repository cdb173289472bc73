"""PDF structure on real files of ../shared/corpus/pdfs: footnotes (marked, out of sentences
unless kept), superscript note markers, tables in the project store and their CSV export,
garbage text layers, OCR languages from the manifest, running headers on rotated pages, the
per-page time limit."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pypdfium2
import pytest

from cultdip_nlp.cli import main
from cultdip_nlp.extract_command import as_json, sentence_text
from cultdip_nlp.ingest.language import detect_language
from cultdip_nlp.ingest.ocr import available_languages, languages_for, missing_languages, tesseract_path
from cultdip_nlp.ingest.pdf import read_pdf
from cultdip_nlp.ingest.reader import ReadOptions, extract
from cultdip_nlp.pipeline import Settings, run_batch, store_path

PDFS = Path(__file__).resolve().parents[2] / "shared/corpus/pdfs"
FEDERAL_REGISTER = PDFS / "us_federal-register_2020-17221_proposed-rule.pdf"
needs_tesseract = pytest.mark.skipif(tesseract_path() is None, reason="tesseract not installed")


@pytest.fixture(scope="module")
def federal_register():  # type: ignore[no-untyped-def]
    return read_pdf(FEDERAL_REGISTER, FEDERAL_REGISTER.read_bytes())


def test_footnotes_are_marked_and_their_markers_set_apart(federal_register) -> None:  # type: ignore[no-untyped-def]
    # Page 2 prints notes 1-9 in 7-point type at the foot of its three columns; the note
    # numbers are superscripts stuck to the first word ("1Preliminary" in PDFium's text).
    notes = {note.page: federal_register.text[note.start:note.end]
             for note in federal_register.footnotes}
    assert sorted(notes) == [2, 3]
    assert notes[2].startswith("1 Preliminary KNKT.18.10.35.04 Aircraft Accident Investigation")
    assert "\n\n2 The flight control system for 737 MAX airplanes" in notes[2]
    assert "docket.\n\n" in notes[2] or "docket. 8 MCAS is a function" in notes[2]
    assert notes[3].startswith("10 A flight control law generates commands")
    # A note line that starts with a number is not a new note unless the number goes up.
    assert "\n\n13 More than 10 degrees difference for more than 10 seconds.\n\n14 " in notes[3]
    page = federal_register.pages[1]
    assert federal_register.footnotes[0].end == page.end  # the notes end their page
    body = federal_register.text[page.start:federal_register.footnotes[0].start]
    assert "Preliminary KNKT" not in body
    assert "1Preliminary" not in federal_register.text
    # The references in the body were superscripts too: dropped, not read as numbers.
    assert "Reports from the accident investigation indicate" in body
    assert "altitude disagree alert, and may affect" in body
    assert "interim corrective action. The FAA sent" in body


def test_footnotes_stay_out_of_sentences_unless_kept(tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    shutil.copy2(FEDERAL_REGISTER, folder / FEDERAL_REGISTER.name)
    found = {}
    for keep in (False, True):
        project = tmp_path / f"project-{keep}"
        settings = Settings(tag=False, jobs=1, read=ReadOptions(keep_footnotes=keep))
        run_batch([folder], project, settings, command="ingest", progress=False)
        with sqlite3.connect(store_path(project)) as db:
            sentences = [row[0] for row in db.execute("SELECT text FROM sentences")]
            stored = db.execute("SELECT text FROM texts").fetchone()[0]
            notes = db.execute("SELECT page, start, end, in_sentences FROM footnotes"
                               " ORDER BY start").fetchall()
        assert [(page, kept) for page, _, _, kept in notes] == [(2, int(keep)), (3, int(keep))]
        assert stored[notes[0][1]:].startswith("1 Preliminary KNKT")  # kept in the text
        found[keep] = sentences
    assert not any("Preliminary KNKT.18.10.35.04" in s for s in found[False])
    assert any("Preliminary KNKT.18.10.35.04" in s for s in found[True])
    assert len(found[True]) > len(found[False])
    # The body's sentences are the same either way.
    assert set(found[False]) <= set(found[True])
    # Tagging the stored text again leaves the footnotes out as the ingest did.
    assert main(["tag", "--project", str(tmp_path / "project-False"), "--force",
                 "--no-progress"]) == 0
    with sqlite3.connect(store_path(tmp_path / "project-False")) as db:
        retagged = [row[0] for row in db.execute("SELECT text FROM sentences")]
    assert sorted(retagged) == sorted(found[False])


def test_extract_json_flags_footnote_blocks(federal_register) -> None:  # type: ignore[no-untyped-def]
    report = as_json(FEDERAL_REGISTER, federal_register)
    blocks = report["pages"][1]["blocks"]  # type: ignore[index]
    flagged = [block["text"][:14] for block in blocks if block["footnote"]]
    assert flagged[:2] == ["1 Preliminary ", "2 The flight c"]
    assert not any(block["in_sentences"] for block in blocks if block["footnote"])
    assert all(block["in_sentences"] for block in blocks if not block["footnote"])
    assert "Preliminary KNKT" not in sentence_text(federal_register, keep_footnotes=False)
    assert "Preliminary KNKT" in sentence_text(federal_register, keep_footnotes=True)


def test_tables_are_stored_and_exported_to_csv(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in ("us_senate_expenditures_table.pdf", "us_nist_sp-800-223_hpc-security.pdf"):
        shutil.copy2(PDFS / name, folder / name)
    project = tmp_path / "project"
    assert main(["ingest", str(folder), "--project", str(project), "--tables", "--jobs", "1",
                 "--no-progress", "--json"]) == 0
    capsys.readouterr()
    with sqlite3.connect(store_path(project)) as db:
        stored = db.execute("SELECT d.path, t.page, t.n_rows, t.n_columns, t.rows FROM pdf_tables t"
                            " JOIN documents d ON d.id = t.document_id"
                            " WHERE d.path LIKE '%senate%'").fetchall()
        sentences = " ".join(row[0] for row in db.execute("SELECT text FROM sentences"))
    [(_, page, n_rows, n_columns, rows)] = stored
    assert (page, n_rows, n_columns) == (1, 4, 7)
    assert json.loads(rows)[0][:3] == ["DOCUMENT NO.", "DATE POSTED", "PAYEE NAME"]
    assert "BAIN, J MATTHEW" not in sentences  # cells stay out of the sentence stream
    output = tmp_path / "tables"
    assert main(["tables", "--project", str(project), "--output-dir", str(output)]) == 0
    index = list(csv.DictReader((output / "index.csv").open(encoding="utf-8")))
    senate = [row for row in index if "senate" in row["path"]]
    assert len(senate) == 1 and (senate[0]["rows"], senate[0]["columns"]) == ("4", "7")
    table = list(csv.reader(io.StringIO((output / senate[0]["file"]).read_text("utf-8"))))
    assert len(table) == 4 and table[0][0] == "DOCUMENT NO." and table[0][6] == "AMOUNT ($)"
    assert "BAIN, J MATTHEW DISTRICT DIRECTOR 37,499.96" in table[2][0]


@needs_tesseract
def test_garbage_text_layer_is_sent_to_ocr_and_marked() -> None:
    # PDFium reads the GOST title block's Cyrillic labels as Hangul syllables (a font
    # without a Unicode map); the page is OCRed with the manifest's language instead.
    path = PDFS / "ru_gost-drawing-title-block.pdf"
    extracted = read_pdf(path, path.read_bytes(), language="ru")
    [page] = extracted.pages
    assert page.method == "ocr"
    assert "garbage text layer" in extracted.notes[1] and "Hangul" in extracted.notes[1]
    text = extracted.text[page.start:page.end]
    assert not any(0xAC00 <= ord(char) <= 0xD7A3 for char in text)
    # Read off the rendered page: the left margin's "Взам. инв. №" and "Инв. № подл.".
    assert "Взам" in text and "Инв" in text
    assert any("OCR (rus)" in warning for warning in extracted.warnings)


def test_unmapped_vertical_gazette_is_read_with_pdfminer_and_is_japanese() -> None:
    # PDFium maps 19 characters of the page's 800 text objects (non-embedded Ryumin-Light).
    path = PDFS / "jp_official-gazette-kanpo_vol4817_2008.pdf"
    extracted = read_pdf(path, path.read_bytes(), ocr=False)
    [page] = extracted.pages
    text = extracted.text[page.start:page.end]
    assert "pdfminer" in extracted.notes[1]
    # The gazette's first decree, read top to bottom, right to left.
    assert "道路交通法施行令の一部を改正する政令" in text
    assert detect_language(text) == "ja"


def test_german_gazette_imprint_is_german() -> None:
    path = PDFS / "de_bmi_gemeinsames-ministerialblatt_2008-52_p1092.pdf"
    extracted = read_pdf(path, path.read_bytes())
    assert "Bundesministerium des Innern" in extracted.text
    assert detect_language(extracted.text) == "de"


@needs_tesseract
def test_ocr_languages_follow_the_manifest_language() -> None:
    installed = available_languages()
    assert {"eng", "rus", "kaz"} <= installed
    assert languages_for("kk") == "kaz+rus"
    assert languages_for("ru") == "rus"
    assert languages_for("en") == "eng"
    if "jpn" not in installed:
        assert missing_languages("ja") == ["jpn"]
        assert languages_for("ja") == "eng+rus"  # the default, and a warning says why
    # The batch reader hands the manifest language on to OCR.
    path = PDFS / "ru_gost-drawing-title-block.pdf"
    extracted = extract(path, path.read_bytes(), language="kk")
    assert any("OCR (kaz+rus)" in warning for warning in extracted.warnings)


def _turned_copy(source: Path, pages: list[int], target: Path) -> Path:
    """Pages of a real PDF drawn turned a quarter and shown upright by /Rotate 90: the way
    landscape scans and inserted landscape pages arrive (text runs up the page's space)."""
    original = pypdfium2.PdfDocument(source)
    copy = pypdfium2.PdfDocument.new()
    copy.import_pages(original, pages)
    for index in range(len(copy)):
        page = copy[index]
        width, height = page.get_size()
        for item in list(page.get_objects(max_depth=1)):
            item.transform(pypdfium2.PdfMatrix().rotate(90, ccw=True).translate(height, 0))
        page.set_mediabox(0, 0, height, width)
        page.set_cropbox(0, 0, height, width)
        page.set_rotation(90)
        page.gen_content()
    buffer = io.BytesIO()
    copy.save(buffer)
    target.write_bytes(buffer.getvalue())
    return target


def test_running_headers_removed_on_rotated_pages(tmp_path: Path) -> None:
    path = _turned_copy(PDFS / "us_nist_sp-800-223_hpc-security.pdf", list(range(8, 14)),
                        tmp_path / "turned.pdf")
    extracted = read_pdf(path, path.read_bytes())
    assert len(extracted.pages) == 6
    assert "NIST SP 800-223 High-Performance Computing Security" not in extracted.text
    assert "February 2024" not in extracted.text
    first = extracted.text[extracted.pages[0].start:extracted.pages[0].end]
    assert first.startswith("1. Introduction\n\nIn 2015, Executive Order 13702 established the "
                            "National Strategic Computing Initiative (NSCI) to maximize")


@needs_tesseract
def test_page_time_limit_fails_the_slow_page_and_keeps_the_rest(tmp_path: Path) -> None:
    # Two text pages of the NIST report, then the Russian scan, whose OCR takes seconds.
    copy = pypdfium2.PdfDocument.new()
    copy.import_pages(pypdfium2.PdfDocument(PDFS / "us_nist_sp-800-223_hpc-security.pdf"),
                      [8, 9])
    copy.import_pages(pypdfium2.PdfDocument(PDFS / "un_ga_res-2754-2763_1971_ru_scan.pdf"))
    buffer = io.BytesIO()
    copy.save(buffer)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(buffer.getvalue())
    extracted = read_pdf(path, path.read_bytes(), language="ru", page_seconds=1.0)
    assert [page.method for page in extracted.pages] == ["pdf", "pdf", "failed"]
    assert extracted.pages[2].error.startswith("E112 page 3: stopped after 1 s")
    assert "Executive Order 13702" in extracted.text
    assert any(warning.startswith("E112") for warning in extracted.warnings)


def test_dask_executor_carries_footnotes_and_tables(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in (FEDERAL_REGISTER.name, "us_senate_expenditures_table.pdf"):
        shutil.copy2(PDFS / name, folder / name)
    stored = {}
    for executor in ("local", "dask"):
        project = tmp_path / executor
        settings = Settings(tag=False, jobs=1, executor=executor,
                            parquet=str(project / "parquet") if executor == "dask" else None,
                            read=ReadOptions(tables=True))
        run_batch([folder], project, settings, command="ingest", progress=False)
        with sqlite3.connect(store_path(project)) as db:
            stored[executor] = (
                db.execute("SELECT page, start, end, in_sentences FROM footnotes"
                           " ORDER BY start").fetchall(),
                db.execute("SELECT page, idx, n_rows, n_columns, rows FROM pdf_tables"
                           " ORDER BY page, idx").fetchall(),
                db.execute("SELECT count(*) FROM sentences").fetchone())
    assert stored["dask"] == stored["local"]
    assert len(stored["dask"][0]) == 2 and len(stored["dask"][1]) >= 1
