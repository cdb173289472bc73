"""Thematic matrices: case x code tables built from the tags in the store.

Aggregation happens in SQL over the temporary tables of :mod:`selection` (one GROUP BY per
level), so building every matrix over the whole UN corpus takes seconds. Every code of the
codebook is a column, zeros included, so matrices from different corpora line up; codes
other engines produce that the codebook lacks (topics, classifier labels) follow them.
Rows are the cases: the document's country, or the countries a sentence is about.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from .codebook import Codebook
from .selection import UNKNOWN_CASE, Selection, prepare

VALUES = ("count", "sentences", "rate", "rate_tokens", "docs", "presence")
VALUE_TITLES = {
    "count": "Tags per case and code",
    "sentences": "Sentences with the code",
    "rate": "Sentences with the code per 10,000 sentences",
    "rate_tokens": "Tags per 10,000 tokens",
    "docs": "Share of the case's documents with the code",
    "presence": "1 if the code occurs for the case",
}
SUBTOTAL_SUFFIX = ".all"

__all__ = ["VALUES", "VALUE_TITLES", "UNKNOWN_CASE", "MatrixFilter", "CrossCase",
           "case_by_code", "all_matrices", "case_totals", "group_of"]


@dataclass(frozen=True)
class MatrixFilter:
    """The first API's filter, kept so callers of it still work; prefer :class:`Selection`."""

    sources: tuple[str, ...] = ("rule",)
    codebook_hash: str | None = None

    def selection(self) -> Selection:
        return Selection(sources=self.sources, codebook_hash=self.codebook_hash)


def group_of(code: str, codebook: Codebook) -> str:
    """The code's group; codes outside the codebook are grouped by their prefix."""
    if code in codebook.code_ids:
        return codebook.code(code).group
    return code.split(".", 1)[0] if "." in code else "other"


class CrossCase:
    """Every matrix of one selection; the selection is prepared once, each value is a query."""

    def __init__(self, connection: sqlite3.Connection, codebook: Codebook,
                 selection: Selection | None = None) -> None:
        self.connection = connection
        self.codebook = codebook
        self.selection = selection or Selection(codebook_hash=codebook.hash)
        prepare(connection, self.selection)
        groups = pd.DataFrame([(c, group_of(c, codebook)) for c in self.codes],
                              columns=["code", "code_group"])
        connection.execute("DROP TABLE IF EXISTS temp.code_groups")
        connection.execute("CREATE TEMP TABLE code_groups (code TEXT PRIMARY KEY, code_group TEXT)")
        connection.executemany("INSERT INTO temp.code_groups VALUES (?,?)",
                               groups.itertuples(index=False, name=None))

    @cached_property
    def codes(self) -> list[str]:
        """Codebook codes in codebook order, then other codes found in the tags."""
        selected = set(self.selection.codes) if self.selection.codes else None
        ordered = [c for c in self.codebook.code_ids if selected is None or c in selected]
        extra = sorted(row[0] for row in self.connection.execute(
            "SELECT DISTINCT code FROM temp.selected_tags"))
        return ordered + [c for c in extra if c not in ordered]

    @cached_property
    def totals(self) -> pd.DataFrame:
        """Documents, sentences and tokens per case: the denominators of the rates."""
        totals = pd.read_sql_query(
            "SELECT case_id AS \"case\", SUM(documents) AS documents,"
            " SUM(sentences) AS sentences, SUM(tokens) AS tokens"
            " FROM temp.selected_totals GROUP BY 1 ORDER BY 1", self.connection)
        return totals.set_index("case")

    def _long(self, key: str) -> pd.DataFrame:
        """Counts per case and code (key='code') or per case and group (key='code_group')."""
        join = "" if key == "code" else " JOIN temp.code_groups g ON g.code = t.code"
        column = "t.code" if key == "code" else "g.code_group"
        return pd.read_sql_query(
            f"SELECT t.case_id AS \"case\", {column} AS code, COUNT(*) AS count,"
            " COUNT(DISTINCT t.document_id || ':' || t.sentence_idx) AS sentences,"
            " COUNT(DISTINCT t.document_id) AS documents"
            f" FROM temp.selected_tags t{join} GROUP BY 1, 2", self.connection)

    @cached_property
    def long(self) -> pd.DataFrame:
        """One row per case and code with every value: the tidy table behind the matrices."""
        return self._values(self._long("code"))

    @cached_property
    def long_groups(self) -> pd.DataFrame:
        return self._values(self._long("code_group"))

    def _values(self, counts: pd.DataFrame) -> pd.DataFrame:
        totals = self.totals
        frame = counts[counts["case"].isin(totals.index)].copy()
        case_sentences = frame["case"].map(totals["sentences"]).astype(float)
        case_tokens = frame["case"].map(totals["tokens"]).astype(float)
        case_documents = frame["case"].map(totals["documents"]).astype(float)
        frame["rate"] = (frame["sentences"] / case_sentences.where(case_sentences > 0)
                         * 10_000).fillna(0.0).round(2)
        frame["rate_tokens"] = (frame["count"] / case_tokens.where(case_tokens > 0)
                                * 10_000).fillna(0.0).round(2)
        frame["docs"] = (frame["documents"] / case_documents.where(case_documents > 0)
                         ).fillna(0.0).round(4)
        frame["presence"] = (frame["count"] > 0).astype(int)
        return frame

    def matrix(self, value: str = "count", subtotals: bool = False) -> pd.DataFrame:
        """Rows are cases, columns codes; with ``subtotals`` a ``group.all`` column after
        each group, computed from the group's tags (sentences with any code of the group),
        not summed from columns, so rates and shares stay true."""
        if value not in VALUES:
            raise ValueError(f"value must be one of {', '.join(VALUES)}, not {value!r}")
        table = self._pivot(self.long, value, self.codes)
        if subtotals:
            groups = list(dict.fromkeys(group_of(c, self.codebook) for c in self.codes))
            group_table = self._pivot(self.long_groups, value, groups)
            columns: list[str] = []
            pieces = {}
            for group in groups:
                members = [c for c in self.codes if group_of(c, self.codebook) == group]
                columns.extend(members)
                name = group + SUBTOTAL_SUFFIX
                columns.append(name)
                pieces[name] = group_table[group]
            table = pd.concat([table, pd.DataFrame(pieces, index=table.index)], axis=1)[columns]
        table.index.name = "case"
        table.columns.name = "code"
        return table

    def _pivot(self, long: pd.DataFrame, value: str, columns: list[str]) -> pd.DataFrame:
        column = "sentences" if value == "sentences" else value
        table = long.pivot_table(index="case", columns="code", values=column,
                                 aggfunc="sum", fill_value=0)
        table = table.reindex(index=self.totals.index, columns=columns, fill_value=0).fillna(0)
        if value in ("count", "sentences", "presence"):
            return table.astype(int)
        return table.astype(float)

    def all(self, subtotals: bool = False) -> dict[str, pd.DataFrame]:
        return {value: self.matrix(value, subtotals) for value in VALUES}

    def over_time(self, period: int = 1, start: int | None = None,
                  by: str = "code") -> pd.DataFrame:
        """Long table case, code, period (first year of the bin), label, counts and rate.

        ``period`` years per bin, bins counted from ``start`` (default: the first year);
        the rate's denominator is the case's sentences in that bin. Undated documents are
        left out. One row per case, code and bin that has tags: ready for plotting.
        ``by="group"`` counts a group's tags together (the code column holds the group).
        """
        if period < 1:
            raise ValueError("period must be at least one year")
        first = start
        if first is None:
            row = self.connection.execute(
                "SELECT MIN(year) FROM temp.selected_totals").fetchone()
            first = int(row[0]) if row and row[0] is not None else 0
        bin_sql = f"({first} + ((year - {first}) / {period}) * {period})"
        dated = f"year IS NOT NULL AND year >= {first}"
        if by not in ("code", "group"):
            raise ValueError(f"by must be code or group, not {by!r}")
        key = "t.code" if by == "code" else "g.code_group"
        join = "" if by == "code" else " JOIN temp.code_groups g ON g.code = t.code"
        counts = pd.read_sql_query(
            f"SELECT case_id AS \"case\", {key} AS code, {bin_sql} AS period, COUNT(*) AS count,"
            " COUNT(DISTINCT document_id || ':' || sentence_idx) AS sentences,"
            " COUNT(DISTINCT document_id) AS documents"
            f" FROM temp.selected_tags t{join} WHERE {dated} GROUP BY 1, 2, 3",
            self.connection)
        totals = pd.read_sql_query(
            f"SELECT case_id AS \"case\", {bin_sql} AS period,"
            " SUM(sentences) AS case_sentences, SUM(documents) AS case_documents"
            f" FROM temp.selected_totals WHERE {dated} GROUP BY 1, 2", self.connection)
        frame = counts.merge(totals, on=["case", "period"], how="left")
        frame["rate"] = (10_000 * frame["sentences"] / frame["case_sentences"]).round(2)
        frame["label"] = (frame["period"].astype(str) if period == 1 else
                          frame["period"].astype(str) + "-"
                          + (frame["period"] + period - 1).astype(str))
        frame["group"] = (frame["code"].map(lambda c: group_of(c, self.codebook))
                          if by == "code" else frame["code"])
        columns = ["case", "group", "code", "period", "label", "count", "sentences",
                   "documents", "case_sentences", "case_documents", "rate"]
        return frame[columns].sort_values(["case", "code", "period"]).reset_index(drop=True)

    def compare_cases(self, case_a: str, case_b: str) -> pd.DataFrame:
        """Code by code, case A against case B (sentences with the code / all sentences)."""
        from .comparison import compare

        missing = [c for c in (case_a, case_b) if c not in self.totals.index]
        if missing:
            raise ValueError(f"no such case in the selection: {', '.join(missing)}"
                             f" (cases: {', '.join(map(str, self.totals.index))})")
        long = self.long[self.long["case"].isin([case_a, case_b])].copy()
        long["side"] = long["case"].map({case_a: "a", case_b: "b"})
        return compare(long, int(self.totals.at[case_a, "sentences"]),
                       int(self.totals.at[case_b, "sentences"]), case_a, case_b, self.codes)

    def compare_periods(self, period_a: tuple[int, int],
                        period_b: tuple[int, int]) -> pd.DataFrame:
        """Code by code, years A against years B (inclusive), pooled over the selected cases."""
        from .comparison import compare

        frames, totals = [], []
        for side, (low, high) in (("a", period_a), ("b", period_b)):
            frame = pd.read_sql_query(
                "SELECT code, COUNT(DISTINCT document_id || ':' || sentence_idx) AS sentences"
                " FROM temp.selected_tags WHERE year BETWEEN ? AND ? GROUP BY code",
                self.connection, params=(low, high))
            frame["side"] = side
            frames.append(frame)
            row = self.connection.execute(
                "SELECT COALESCE(SUM(sentences), 0) FROM temp.selected_totals"
                " WHERE year BETWEEN ? AND ?", (low, high)).fetchone()
            totals.append(int(row[0]))
        labels = [f"{a}-{b}" for a, b in (period_a, period_b)]
        return compare(pd.concat(frames), totals[0], totals[1], labels[0], labels[1],
                       self.codes)


def case_by_code(connection: sqlite3.Connection, codebook: Codebook, value: str = "count",
                 filters: Selection | MatrixFilter | None = None,
                 subtotals: bool = False) -> pd.DataFrame:
    """One matrix: rows are cases, columns the codebook's codes in codebook order."""
    if value not in VALUES:
        raise ValueError(f"value must be one of {', '.join(VALUES)}, not {value!r}")
    selection = filters.selection() if isinstance(filters, MatrixFilter) else filters
    return CrossCase(connection, codebook, selection).matrix(value, subtotals)


def all_matrices(connection: sqlite3.Connection, codebook: Codebook,
                 filters: Selection | MatrixFilter | None = None,
                 subtotals: bool = False) -> dict[str, pd.DataFrame]:
    selection = filters.selection() if isinstance(filters, MatrixFilter) else filters
    return CrossCase(connection, codebook, selection).all(subtotals)


def case_totals(connection: sqlite3.Connection,
                selection: Selection | None = None) -> pd.DataFrame:
    """Documents, sentences and tokens per case: the denominators of the rates."""
    prepare(connection, selection or Selection())
    return pd.read_sql_query(
        "SELECT case_id AS \"case\", SUM(documents) AS documents, SUM(sentences) AS sentences,"
        " SUM(tokens) AS tokens FROM temp.selected_totals GROUP BY 1 ORDER BY 1",
        connection).set_index("case")
