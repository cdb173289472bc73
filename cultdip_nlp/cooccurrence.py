"""Code x code co-occurrence within a sentence, a paragraph or a document.

A unit (sentence, paragraph, document) either carries a code or not; the count of a pair is
the number of units carrying both, the diagonal the units carrying the code. Normalised
measures: Jaccard n_ab / (n_a + n_b - n_ab) and Ochiai n_ab / sqrt(n_a * n_b), both 0..1
and symmetric. Counting is one self-join in SQL over the distinct (unit, code) pairs.

Sentences have no paragraph index in the store; a paragraph is the run of sentences between
two blank lines ("\\n\\n") of the document text, derived here from the stored text of only
the documents that have selected tags, one document at a time.
"""

from __future__ import annotations

import bisect
import re
import sqlite3

import numpy as np
import pandas as pd

from .store import document_text

WINDOWS = ("sentence", "paragraph", "document")
MEASURES = ("count", "jaccard", "ochiai")
POOLED = "(pooled)"
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def _paragraph_table(connection: sqlite3.Connection) -> None:
    """temp.sentence_paragraphs(document_id, sentence_idx, paragraph) for tagged documents."""
    connection.execute("DROP TABLE IF EXISTS temp.sentence_paragraphs")
    connection.execute("CREATE TEMP TABLE sentence_paragraphs"
                       " (document_id TEXT, sentence_idx INTEGER, paragraph INTEGER,"
                       "  PRIMARY KEY (document_id, sentence_idx))")
    documents = [row[0] for row in connection.execute(
        "SELECT DISTINCT document_id FROM temp.selected_tags")]
    for document_id in documents:
        breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(
            document_text(connection, document_id))]
        sentences = connection.execute(
            "SELECT idx, start FROM sentences WHERE document_id = ?", (document_id,))
        connection.executemany(
            "INSERT INTO temp.sentence_paragraphs VALUES (?,?,?)",
            [(document_id, idx, bisect.bisect_right(breaks, start)) for idx, start in sentences])


def cooccurrence(connection: sqlite3.Connection, codes: list[str], window: str = "sentence",
                 measure: str = "count", per_case: bool = False) -> dict[str, pd.DataFrame]:
    """Code x code matrices, pooled (key ``(pooled)``) or one per case.

    Needs ``temp.selected_tags`` (see :func:`cultdip_nlp.selection.prepare`). Pooled units
    are counted once even when a sentence is about several cases.
    """
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if window == "paragraph":
        _paragraph_table(connection)
        unit = "t.document_id || ':' || p.paragraph"
        join = (" JOIN temp.sentence_paragraphs p ON p.document_id = t.document_id"
                " AND p.sentence_idx = t.sentence_idx")
    elif window == "sentence":
        unit, join = "t.document_id || ':' || t.sentence_idx", ""
    else:
        unit, join = "t.document_id", ""
    case = "t.case_id" if per_case else f"'{POOLED}'"
    connection.execute("DROP TABLE IF EXISTS temp.code_units")
    connection.execute(
        f"CREATE TEMP TABLE code_units AS SELECT DISTINCT {case} AS case_id, {unit} AS unit,"
        f" t.code AS code FROM temp.selected_tags t{join}")
    connection.execute("CREATE INDEX temp.code_units_unit ON code_units(case_id, unit)")
    pairs = pd.read_sql_query(
        "SELECT a.case_id AS \"case\", a.code AS a, b.code AS b, COUNT(*) AS n"
        " FROM temp.code_units a JOIN temp.code_units b"
        " ON a.case_id = b.case_id AND a.unit = b.unit GROUP BY 1, 2, 3", connection)
    result: dict[str, pd.DataFrame] = {}
    for case, group in pairs.groupby("case", sort=True):
        counts = group.pivot_table(index="a", columns="b", values="n", aggfunc="sum",
                                   fill_value=0).reindex(index=codes, columns=codes,
                                                         fill_value=0).fillna(0).astype(int)
        result[str(case)] = _normalise(counts, measure)
    if not result:
        empty = pd.DataFrame(0, index=codes, columns=codes)
        result[POOLED] = _normalise(empty, measure)
    for table in result.values():
        table.index.name = "code"
        table.columns.name = "code"
    return result


def _normalise(counts: pd.DataFrame, measure: str) -> pd.DataFrame:
    if measure == "count":
        return counts
    n = counts.to_numpy(dtype=float)
    diagonal = np.diag(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "jaccard":
            value = n / (diagonal[:, None] + diagonal[None, :] - n)
        else:
            value = n / np.sqrt(diagonal[:, None] * diagonal[None, :])
    return pd.DataFrame(np.nan_to_num(value).round(4), index=counts.index, columns=counts.columns)
