"""`cultdip extract` through the installed entry point, on real PDFs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

PDFS = Path(__file__).resolve().parents[2] / "shared/corpus/pdfs"
CULTDIP = shutil.which("cultdip", path=str(Path(sys.executable).parent)) or "cultdip"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CULTDIP, "extract", *args], capture_output=True, text=True,
                          check=False, timeout=120)


def test_extract_prints_clean_text_of_a_three_column_page() -> None:
    result = run(str(PDFS / "us_federal-register_2020-17221_proposed-rule.pdf"))
    assert result.returncode == 0, result.stderr
    # Printed over six lines of page 2's first column, with two superscript note markers.
    assert ("Reports from the accident investigation indicate that the airplane’s flight "
            "control system generated repeated airplane nose-down horizontal stabilizer trim "
            "commands contributing to the accident.") in result.stdout
    assert "Federal Register / Vol. 85" not in result.stdout
    # Footnote 2 is the text sentences are made of only with --keep-footnotes.
    note = "which process inputs from the pilots and aircraft sensors"
    assert note not in result.stdout
    assert note in run(str(PDFS / "us_federal-register_2020-17221_proposed-rule.pdf"),
                       "--keep-footnotes").stdout


def test_extract_json_gives_pages_languages_and_tables() -> None:
    result = run(str(PDFS / "us_senate_expenditures_table.pdf"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["pages"][0]["method"] == "pdf"
    assert report["tables"][0]["shape"] == [4, 7] and report["tables"][0]["page"] == 1
    japanese = json.loads(run(str(PDFS / "jp_cabinet-directive_kanji-in-official-documents_2010"
                                       ".pdf"), "--json").stdout)
    assert {page["language"] for page in japanese["pages"]} == {"ja"}


def test_extract_names_the_error_code_of_a_bad_file() -> None:
    result = run(str(PDFS / "edge_pdfminer_aes-256_user-password.pdf"))
    assert result.returncode == 2 and result.stderr.startswith("E102 ENCRYPTED_PDF")
    opened = run(str(PDFS / "edge_pdfminer_aes-256_user-password.pdf"), "--password", "baz")
    assert opened.returncode == 0
