"""A short fixed-seed fuzz run of the PDF reader on mutated real PDFs (scripts/fuzz_pdf.py).

Longer runs are documented in docs/reliability.md; here: ten seconds, seed 9.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import CORPUS, ROOT


def _fuzzer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fuzz_pdf", ROOT / "scripts" / "fuzz_pdf.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mutated_real_pdfs_give_text_or_a_coded_error(tmp_path: Path) -> None:
    fuzzer = _fuzzer()
    sources = sorted(p for p in (CORPUS / "pdfs").glob("*.pdf") if p.stat().st_size < 200_000)
    report = fuzzer.fuzz(sources, seconds=10, seed=9, work=tmp_path, case_seconds=5)
    assert report["cases"] >= 3
    assert report["findings"] == [], report["findings"]
    assert set(report["outcomes"]) <= {"ok", "E101", "E102", "E103", "E104", "E105", "E109",
                                       "E110"}
