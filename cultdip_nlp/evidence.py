"""The framework matrix: for each case and code, the top N evidence sentences.

Every cell of a matrix must lead back to its evidence. A sentence's score for a code is the
best score of its tags for that code; ties are broken by document and sentence order so the
choice is reproducible. Ranking is a window function in SQL, so only N rows per cell leave
the database.
"""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

import pandas as pd

EVIDENCE_COLUMNS = ["case", "code", "rank", "score", "document_id", "path", "title", "year",
                    "page", "sentence_idx", "text", "tag_id"]


def evidence(connection: sqlite3.Connection, per_cell: int = 3) -> pd.DataFrame:
    """Long table: top ``per_cell`` sentences per (case, code) of ``temp.selected_tags``."""
    # Rank first into a small temp table, then look sentences up by primary key: joining
    # the ranking to `sentences` directly lets SQLite scan every sentence's text.
    connection.execute("DROP TABLE IF EXISTS temp.top_evidence")
    connection.execute(
        "CREATE TEMP TABLE top_evidence AS"
        " WITH best AS ("
        "  SELECT case_id, code, document_id, sentence_idx, MAX(score) AS score,"
        "         MIN(tag_id) AS tag_id, year"
        "  FROM temp.selected_tags GROUP BY case_id, code, document_id, sentence_idx),"
        " ranked AS ("
        "  SELECT *, ROW_NUMBER() OVER (PARTITION BY case_id, code"
        "         ORDER BY score DESC, document_id, sentence_idx) AS rank FROM best)"
        " SELECT * FROM ranked WHERE rank <= ?", (per_cell,))
    return pd.read_sql_query(
        "SELECT r.case_id AS \"case\", r.code, r.rank, r.score, r.document_id, d.path,"
        " d.title, r.year, s.page, r.sentence_idx, s.text, r.tag_id"
        " FROM temp.top_evidence r CROSS JOIN sentences s ON s.document_id = r.document_id"
        " AND s.idx = r.sentence_idx CROSS JOIN documents d ON d.id = r.document_id"
        " ORDER BY 1, 2, 3", connection)


def framework_matrix(quotes: pd.DataFrame, cases: list[str], codes: list[str]) -> pd.DataFrame:
    """Cases x codes, each cell the numbered quotes with (document, year, page)."""
    cells: dict[tuple[str, str], list[str]] = {}
    for row in quotes.itertuples():  # one pass: a groupby per cell is slow at 6,000 cells
        cells.setdefault((row.case, row.code), []).append(
            f"{row.rank}. {row.text.strip()} ({Path(str(row.path)).name}, {_year(row.year)},"
            f" p. {row.page})")
    position = {code: j for j, code in enumerate(codes)}
    grid = [[""] * len(codes) for _ in cases]
    for i, case in enumerate(cases):
        for code, j in position.items():
            items = cells.get((case, code))
            if items:
                grid[i][j] = "\n\n".join(items)
    table = pd.DataFrame(grid, index=cases, columns=codes, dtype=object)
    table.index.name = "case"
    return table


def _year(value: object) -> str:
    return "n.d." if value is None or pd.isna(value) else str(int(value))  # type: ignore[arg-type]


def framework_html(quotes: pd.DataFrame, cases: list[str], codes: list[str]) -> str:
    """An HTML table (no page chrome): cases as rows, codes as columns, quotes linked to the
    source file and, for PDFs, its page."""
    head = "".join(f"<th>{html.escape(code)}</th>" for code in codes)
    by_cell: dict[tuple[str, str], list] = {}
    for row in quotes.itertuples():
        by_cell.setdefault((row.case, row.code), []).append(row)
    rows = []
    for case in cases:
        cells = []
        for code in codes:
            group = by_cell.get((case, code))
            if not group:
                cells.append("<td></td>")
                continue
            items = []
            for row in group:
                uri = Path(str(row.path)).absolute().as_uri() if row.path else "#"
                if str(row.path).lower().endswith(".pdf"):
                    uri += f"#page={row.page}"
                items.append(
                    f"<li>{html.escape(row.text.strip())} <a href=\"{html.escape(uri)}\">"
                    f"{html.escape(Path(str(row.path)).name)}</a>, {_year(row.year)},"
                    f" p.&nbsp;{row.page}</li>")
            cells.append(f"<td><ol>{''.join(items)}</ol></td>")
        rows.append(f"<tr><th>{html.escape(case)}</th>{''.join(cells)}</tr>")
    return (f"<table class=\"framework\"><thead><tr><th>case</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
