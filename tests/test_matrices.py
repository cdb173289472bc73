"""Matrix values against counts computed here, independently, from the stored tags."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli

from cultdip_nlp.codebook import load_codebook


@pytest.fixture(scope="module")
def independent_counts(mixed_project: tuple[Path, dict]) -> dict[str, object]:
    project, _ = mixed_project
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        documents = db.execute(
            "SELECT id, country, n_sentences FROM documents WHERE status = 'ok'").fetchall()
        tags = db.execute("SELECT document_id, sentence_idx, code FROM tags").fetchall()
    country_of = {doc_id: country or "(unknown)" for doc_id, country, _ in documents}
    sentences_total: Counter[str] = Counter()
    documents_total: Counter[str] = Counter()
    for doc_id, _, n_sentences in documents:
        sentences_total[country_of[doc_id]] += n_sentences
        documents_total[country_of[doc_id]] += 1
    count: Counter[tuple[str, str]] = Counter()
    sentence_sets: dict[tuple[str, str], set] = defaultdict(set)
    document_sets: dict[tuple[str, str], set] = defaultdict(set)
    for document_id, sentence_idx, code in tags:
        key = (country_of[document_id], code)
        count[key] += 1
        sentence_sets[key].add((document_id, sentence_idx))
        document_sets[key].add(document_id)
    return {"count": count, "sentences": sentence_sets, "documents": document_sets,
            "sentences_total": sentences_total, "documents_total": documents_total}


def test_matrix_csvs_match_independent_counts(mixed_project: tuple[Path, dict],
                                              independent_counts: dict) -> None:
    project, _ = mixed_project
    codebook = load_codebook()
    count = pd.read_csv(project / "matrix_count.csv", index_col="case")
    rate = pd.read_csv(project / "matrix_rate.csv", index_col="case")
    docs = pd.read_csv(project / "matrix_docs.csv", index_col="case")
    assert list(count.columns) == codebook.code_ids  # every code, zeros included
    assert set(count.index) == {"KAZ", "GBR", "JPN", "KOR", "USA", "(unknown)"}
    nonzero = 0
    for case in count.index:
        for code in count.columns:
            key = (case, code)
            expected = independent_counts["count"].get(key, 0)
            assert count.at[case, code] == expected, key
            sentences = len(independent_counts["sentences"].get(key, ()))
            assert rate.at[case, code] == pytest.approx(
                round(10_000 * sentences / independent_counts["sentences_total"][case], 2))
            share = len(independent_counts["documents"].get(key, ()))
            assert docs.at[case, code] == pytest.approx(
                round(share / independent_counts["documents_total"][case], 4))
            nonzero += expected > 0
    assert nonzero >= 10  # real speeches do carry codes


def test_outputs_written(mixed_project: tuple[Path, dict]) -> None:
    project, _ = mixed_project
    from openpyxl import load_workbook

    workbook = load_workbook(project / "matrices.xlsx")
    assert {"count", "rate", "docs", "codes", "provenance"} <= set(workbook.sheetnames)
    assert workbook["count"].freeze_panes == "B2"
    assert workbook["rate"].conditional_formatting  # the colour scale
    provenance = {row[0].value: row[1].value for row in workbook["provenance"].iter_rows(
        min_row=2)}
    assert provenance["codebook_hash"] == load_codebook().hash
    png = (project / "heatmap_rate.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_matrix_verb_single_value(mixed_project: tuple[Path, dict], tmp_path: Path) -> None:
    project, _ = mixed_project
    target = tmp_path / "counts.csv"
    run_cli("matrix", "--project", str(project), "--value", "count", "-o", str(target),
            check=True)
    again = pd.read_csv(target, index_col="case")
    assert again.equals(pd.read_csv(project / "matrix_count.csv", index_col="case"))
