"""PDF text fidelity on real files of ../shared/corpus/pdfs: column order, running headers
and footers, paragraphs, rotated pages, owner-password files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cultdip_nlp.ingest.pdf import read_pdf

PDFS = Path(__file__).resolve().parents[2] / "shared/corpus/pdfs"


@pytest.fixture(scope="module")
def federal_register() -> str:
    path = PDFS / "us_federal-register_2020-17221_proposed-rule.pdf"
    return read_pdf(path, path.read_bytes()).text


def test_three_column_sentence_spanning_lines_comes_out_whole(federal_register: str) -> None:
    # Printed over seven lines of the first column of page 2; pdfplumber's extract_text
    # interleaves these lines with the other two columns.
    assert ("The flight control system for 737 MAX airplanes includes two flight control "
            "computers, FCC A and FCC B, which process inputs from the pilots and aircraft "
            "sensors to move the airplane’s control surfaces.") in federal_register


def test_running_header_and_page_numbers_removed(federal_register: str) -> None:
    # Every page is headed "Federal Register / Vol. 85, No. 152 / Thursday, ... / 476xx".
    assert "Federal Register / Vol. 85" not in federal_register
    assert "47699" not in federal_register


def test_paragraph_breaks_kept(federal_register: str) -> None:
    assert federal_register.count("\n\n") > 100


def test_rotated_page_reads_like_the_upright_one() -> None:
    upright = PDFS / "us_fbi_nics-background-checks_2015-11.pdf"
    rotated = PDFS / "edge_us_fbi_nics-background-checks_2015-11_rotated.pdf"
    upright_plain = read_pdf(upright, upright.read_bytes(), tables=False).text
    rotated_plain = read_pdf(rotated, rotated.read_bytes(), tables=False).text
    assert "Alabama 18,870 23,022 22,650" in rotated_plain
    assert sorted(rotated_plain.split()) == sorted(upright_plain.split())
    assert rotated_plain.split()[:1300] == upright_plain.split()[:1300]  # the table rows


def test_rotated_page_without_line_breaks_reads_row_by_row() -> None:
    """The US budget table S-4 is drawn sideways on a /Rotate 90 page and PDFium gives no
    line break on it: its rows are rebuilt from character baselines, as read on the page
    turned upright (each row's label, then its fourteen figures from 2011 to 2013-2022)."""
    import pypdfium2

    from cultdip_nlp.ingest.pdf import page_lines

    path = PDFS / "us_budget_table-s4_rotated-page.pdf"
    document = pypdfium2.PdfDocument(str(path))
    try:
        layout = page_lines(document[0])
    finally:
        document.close()
    lines = [line.text for line in layout.lines]
    assert layout.turn == 90
    assert "Medicare 480 478 528 564 586 640 660 685 751 811 873 967 2,978 7,065" in lines
    assert ("Off-budget deficit / surplus (–) –67 –60 –38 –27 –21 –25 –23 –26 –22 –10 –5 4 "
            "–134 –193") in lines
    assert lines.index("Outlays:") < lines.index("Receipts:") < lines.index(
        "Deficit 1,300 1,127 772 662 749 862 815 793 862 944 1,011 1,193 3,860 8,663")
    # Superscript note markers (Defense³) are dropped from the row, not read as a figure.
    assert "Defense 699 709 700 673 678 690 706 722 737 753 769 788 3,446 7,215" in lines
    text = read_pdf(path, path.read_bytes(), tables=False).text
    assert "Total receipts 2,303 2,590 2,882 3,145 3,273 3,444 3,711" in text


def test_ruled_table_extracted_with_its_shape_and_kept_out_of_the_text() -> None:
    path = PDFS / "us_senate_expenditures_table.pdf"  # landscape page (/Rotate 90)
    extracted = read_pdf(path, path.read_bytes(), tables=True)
    [table] = extracted.tables
    assert table.page == 1 and table.shape == (4, 7)
    assert table.rows[0] == ("DOCUMENT NO.", "DATE POSTED", "PAYEE NAME",
                             "OBLIGATION/SERVICE DATES", "", "DESCRIPTION", "AMOUNT ($)")
    assert "BAIN, J MATTHEW DISTRICT DIRECTOR 37,499.96" in table.rows[2][0]
    assert "BAIN, J MATTHEW" not in extracted.text  # cells stay out of the sentence stream
    assert table.to_csv().splitlines()[0].startswith("DOCUMENT NO.,DATE POSTED,PAYEE NAME")


def test_long_book_headers_removed_and_pages_kept() -> None:
    path = PDFS / "us_nist_sp-800-223_hpc-security.pdf"
    extracted = read_pdf(path, path.read_bytes())
    assert len(extracted.pages) == 34
    # Pages ii-xx are headed "NIST SP 800-223 High-Performance Computing Security" and
    # "February 2024", with the page number at the foot.
    assert extracted.text.count("NIST SP 800-223 High-Performance Computing Security") == 0
    assert extracted.text.count("February 2024") <= 1
    assert "\n\niii\n\n" not in extracted.text


def test_owner_password_japanese_document_is_read() -> None:
    path = PDFS / "jp_council-for-cultural-affairs_koyobun-guidelines_2022.pdf"
    extracted = read_pdf(path, path.read_bytes())
    assert len(extracted.pages) == 63 and "公用文" in extracted.text
