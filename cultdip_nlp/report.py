"""`cultdip report`: one self-contained HTML page a researcher can send to a colleague.

Everything is inline (figures as base64 PNG, CSS in a style element), so the file opens
anywhere without the project folder. The numbers come from the same
:func:`cultdip_nlp.matrix_run.build` as `cultdip matrix`, so page and workbook agree.
"""

from __future__ import annotations

import base64
import html
import sqlite3
import tempfile
import time
from pathlib import Path

import pandas as pd

from .codebook import Codebook
from .matrix_run import MatrixOptions, MatrixResults, build, heatmap_rows
from .selection import tag_statuses

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1400px;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:12px;margin:.5em 0}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:right;vertical-align:top}
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
.framework td{text-align:left;min-width:18em;max-width:30em}
.framework ol{padding-left:1.2em;margin:0}
.scroll{overflow:auto;max-height:70vh;border:1px solid #eee}
img{max-width:100%;height:auto}.note{color:#555}
"""


def _figure(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img alt="{html.escape(path.stem)}" src="data:image/png;base64,{data}">'


def _table(frame: pd.DataFrame, index: bool = True, digits: int = 2) -> str:
    return ('<div class="scroll">'
            + frame.to_html(index=index, float_format=lambda v: f"{v:.{digits}f}",
                            border=0, escape=True)
            + "</div>")


def corpus_summary(connection: sqlite3.Connection) -> dict[str, object]:
    row = connection.execute(
        "SELECT COUNT(*), SUM(status = 'ok'), SUM(status = 'error'), SUM(n_sentences),"
        " SUM(n_tokens), MIN(year), MAX(year), COUNT(DISTINCT country) FROM documents"
    ).fetchone()
    languages = dict(connection.execute(
        "SELECT COALESCE(language, '?'), COUNT(*) FROM documents WHERE status = 'ok'"
        " GROUP BY 1 ORDER BY 2 DESC").fetchall())
    types = dict(connection.execute(
        "SELECT COALESCE(doc_type, '?'), COUNT(*) FROM documents WHERE status = 'ok'"
        " GROUP BY 1 ORDER BY 2 DESC").fetchall())
    return {"documents": row[0], "ok": row[1] or 0, "errors": row[2] or 0,
            "sentences": row[3] or 0, "tokens": row[4] or 0,
            "years": f"{row[5]}–{row[6]}" if row[5] else "undated",
            "countries": row[7], "languages": languages, "document types": types}


def validation_status(connection: sqlite3.Connection, adjudicator: str) -> dict[str, object]:
    """Share of tags reviewed, the status counts, and raw agreement between coders."""
    tags = connection.execute("SELECT COUNT(*) FROM tags").fetchone()[0]
    reviewed = connection.execute(
        "SELECT COUNT(DISTINCT j.tag_id) FROM judgements j JOIN tags t ON t.id = j.tag_id"
    ).fetchone()[0]
    statuses = tag_statuses(connection, adjudicator)
    latest = pd.read_sql_query(
        "SELECT j.tag_id, j.coder, j.decision, COALESCE(j.new_code, '') AS new_code"
        " FROM judgements j JOIN (SELECT MAX(id) AS id FROM judgements"
        " WHERE tag_id IS NOT NULL GROUP BY tag_id, coder) l ON l.id = j.id", connection)
    coders = latest[latest["coder"] != adjudicator]
    multiple = coders.groupby("tag_id").filter(lambda g: len(g) > 1)
    agreed = (multiple.groupby("tag_id").apply(
        lambda g: g[["decision", "new_code"]].drop_duplicates().shape[0] == 1,
        include_groups=False) if not multiple.empty else pd.Series(dtype=bool))
    return {
        "tags": tags, "reviewed": reviewed,
        "share reviewed": f"{100 * reviewed / tags:.1f} %" if tags else "–",
        "status": statuses["status"].value_counts().to_dict() if not statuses.empty else {},
        "coders": sorted(set(latest["coder"])),
        "tags judged by two or more coders": int(agreed.size),
        "raw agreement": f"{100 * agreed.mean():.1f} %" if agreed.size else "–",
    }


def topic_overview(connection: sqlite3.Connection) -> pd.DataFrame:
    return pd.read_sql_query(
        "SELECT code AS topic, COUNT(*) AS tags, COUNT(DISTINCT document_id) AS documents,"
        " ROUND(AVG(score), 3) AS mean_score FROM tags WHERE source = 'topic'"
        " GROUP BY 1 ORDER BY 2 DESC", connection)


def _plain(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) or "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value) or "–"
    return str(value)


def _dl(values: dict[str, object]) -> str:
    return "<table>" + "".join(
        f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(_plain(v))}</td></tr>"
        for k, v in values.items()) + "</table>"


def render(connection: sqlite3.Connection, codebook: Codebook, options: MatrixOptions,
           provenance: dict[str, object]) -> str:
    results = build(connection, codebook, options)
    summary = corpus_summary(connection)
    validation = validation_status(connection, options.selection.adjudicator)
    topics = topic_overview(connection)
    with tempfile.TemporaryDirectory() as folder:
        figures = _figures(results, codebook, Path(folder))
    selection = options.selection
    parts = [f"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
             f"<title>cultdip report</title><style>{STYLE}</style><body>",
             "<h1>Thematic matrices</h1>",
             f"<p class=note>Case axis: <b>{html.escape(selection.case)}</b>"
             f" ({'country of the document' if selection.case == 'document' else 'countries each sentence is about'});"
             f" tag sources: {', '.join(selection.sources)};"
             f" {'validated tags only; ' if selection.validated_only else ''}"
             f"{'rejected tags excluded; ' if selection.exclude_rejected else ''}"
             f"{'rule verdicts applied to unjudged tags; ' if selection.apply_rule_verdicts else ''}"
             f"codebook {html.escape(codebook.name)} {html.escape(str(codebook.version))}.</p>",
             "<h2>Corpus</h2>", _dl(summary),
             "<h2>Validation status</h2>", _dl(validation)]
    counts = results.matrices["count"]
    parts += ["<h2>Cases × codes</h2>", figures["rate"],
              "<h3>Sentences with the code per 10,000 sentences</h3>",
              _table(results.matrices["rate"]),
              "<h3>Tags (count), with group subtotals</h3>", _table(counts),
              "<h3>Share of the case's documents</h3>", _table(results.matrices["docs"], digits=3),
              "<h3>Denominators</h3>", _table(results.totals)]
    parts += [f"<h2>Code co-occurrence ({html.escape(options.window)},"
              f" {html.escape(options.measure)})</h2>", figures["cooccurrence"]]
    if figures.get("time"):
        parts += ["<h2>Over time</h2>", *figures["time"]]
    if results.comparison is not None:
        parts += ["<h2>Comparison</h2><p class=note>Log-likelihood G2 per code on sentences"
                  " with / without the code; flags at p &lt; 0.05 and after Bonferroni.</p>",
                  _table(results.comparison, digits=4)]
    if results.correlations is not None:
        parts += ["<h2>External indicators</h2>",
                  "<ul>" + "".join(f"<li>{html.escape(c)}</li>" for c in results.caveats)
                  + "</ul>", _table(results.correlations, index=False, digits=3)]
    parts += [f"<h2>Evidence: top {options.evidence_per_cell} sentences per cell</h2>",
              f'<div class="scroll">{results.framework_html}</div>']
    if not topics.empty:
        parts += ["<h2>Topics</h2>", _table(topics, index=False)]
    provenance = {**provenance, "options": options.as_dict(), "seconds": results.seconds,
                  "report created": time.strftime("%Y-%m-%d %H:%M:%S %z")}
    parts += ["<h2>Provenance</h2>", _dl(provenance), "</body></html>"]
    return "\n".join(parts)


def _figures(results: MatrixResults, codebook: Codebook, folder: Path) -> dict:
    from .export import write_code_heatmap, write_heatmap, write_time_plot

    rate, note = heatmap_rows(results.matrices["rate"], results.matrices["count"])
    figures: dict[str, object] = {
        "rate": _figure(write_heatmap(rate, folder / "rate.png",
                                      "Sentences with the code per 10,000 sentences" + note,
                                      codebook)),
        "cooccurrence": _figure(write_code_heatmap(
            next(iter(results.cooccurrence.values())), folder / "cooccurrence.png",
            f"Co-occurrence within a {results.options.window}", codebook)),
        "time": [_figure(write_time_plot(results.time_groups, str(group),
                                         folder / f"time_{group}.png"))
                 for group in sorted(results.time_groups["group"].unique())],
    }
    return figures
