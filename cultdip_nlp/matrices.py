"""Thematic matrices: case x code tables built from the tags in the store.

Aggregation happens in SQL (one GROUP BY per value), so building a matrix over the whole
UN corpus takes seconds. Every code of the codebook is a column, zeros included, so matrices
from different corpora line up; rows are the cases (the document's country).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pandas as pd

from .codebook import Codebook

VALUES = ("count", "sentences", "rate", "docs")
VALUE_TITLES = {
    "count": "Tags per case and code",
    "sentences": "Sentences with the code",
    "rate": "Sentences with the code per 10,000 sentences",
    "docs": "Share of the case's documents with the code",
}
UNKNOWN_CASE = "(unknown)"


@dataclass(frozen=True)
class MatrixFilter:
    sources: tuple[str, ...] = ("rule",)
    codebook_hash: str | None = None


def _case_totals(connection: sqlite3.Connection) -> pd.DataFrame:
    return pd.read_sql_query(
        "SELECT COALESCE(country, ?) AS case_id, COUNT(*) AS documents,"
        " SUM(n_sentences) AS sentences, SUM(n_tokens) AS tokens"
        " FROM documents WHERE status = 'ok' GROUP BY case_id",
        connection, params=(UNKNOWN_CASE,),
    ).set_index("case_id")


def _tag_counts(connection: sqlite3.Connection, filters: MatrixFilter) -> pd.DataFrame:
    placeholders = ",".join("?" for _ in filters.sources)
    query = (
        "SELECT COALESCE(d.country, ?) AS case_id, t.code AS code, COUNT(*) AS count,"
        " COUNT(DISTINCT t.document_id || ':' || t.sentence_idx) AS sentences,"
        " COUNT(DISTINCT t.document_id) AS documents"
        " FROM tags t JOIN documents d ON d.id = t.document_id"
        f" WHERE d.status = 'ok' AND t.source IN ({placeholders})"
    )
    params: list[object] = [UNKNOWN_CASE, *filters.sources]
    if filters.codebook_hash:
        query += " AND t.codebook_hash = ?"
        params.append(filters.codebook_hash)
    query += " GROUP BY case_id, t.code"
    return pd.read_sql_query(query, connection, params=params)


def case_by_code(connection: sqlite3.Connection, codebook: Codebook, value: str = "count",
                 filters: MatrixFilter | None = None) -> pd.DataFrame:
    """One matrix: rows are cases, columns the codebook's codes in codebook order."""
    if value not in VALUES:
        raise ValueError(f"value must be one of {', '.join(VALUES)}, not {value!r}")
    filters = filters or MatrixFilter(codebook_hash=codebook.hash)
    totals = _case_totals(connection)
    counts = _tag_counts(connection, filters)
    column = {"count": "count", "sentences": "sentences", "rate": "sentences",
              "docs": "documents"}[value]
    table = counts.pivot_table(index="case_id", columns="code", values=column,
                               aggfunc="sum", fill_value=0)
    table = table.reindex(index=totals.index, columns=codebook.code_ids, fill_value=0)
    table = table.fillna(0)
    if value == "rate":
        denominator = totals["sentences"].replace(0, pd.NA)
        table = table.div(denominator, axis=0).mul(10_000).astype(float).fillna(0.0).round(2)
    elif value == "docs":
        table = table.div(totals["documents"], axis=0).astype(float).round(4)
    else:
        table = table.astype(int)
    table.index.name = "case"
    table.columns.name = "code"
    return table.sort_index()


def all_matrices(connection: sqlite3.Connection, codebook: Codebook,
                 filters: MatrixFilter | None = None) -> dict[str, pd.DataFrame]:
    return {value: case_by_code(connection, codebook, value, filters) for value in VALUES}


def case_totals(connection: sqlite3.Connection) -> pd.DataFrame:
    """Documents, sentences and tokens per case: the denominators of the rates."""
    totals = _case_totals(connection)
    totals.index.name = "case"
    return totals.sort_index()
