"""One matrix run: every table of a selection built together, then written as files.

`cultdip matrix`, `cultdip run` and `cultdip report` go through :func:`build` so a workbook,
its CSVs and the HTML report of the same options hold the same numbers.
"""

from __future__ import annotations

import functools
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .codebook import Codebook
from .cooccurrence import cooccurrence
from .evidence import evidence, framework_html, framework_matrix
from .forked import Forked
from .matrices import VALUE_TITLES, VALUES, CrossCase
from .selection import Selection

HEATMAP_MAX_CASES = 40


@dataclass(frozen=True)
class MatrixOptions:
    selection: Selection = field(default_factory=Selection)
    period: int = 1
    window: str = "sentence"
    measure: str = "jaccard"
    per_case: bool = False
    evidence_per_cell: int = 3
    compare_cases: tuple[str, str] | None = None
    compare_periods: tuple[tuple[int, int], tuple[int, int]] | None = None
    indicators: Path | None = None

    def as_dict(self) -> dict[str, object]:
        return {"selection": self.selection.as_dict(), "period": self.period,
                "window": self.window, "measure": self.measure, "per_case": self.per_case,
                "evidence_per_cell": self.evidence_per_cell,
                "compare_cases": self.compare_cases, "compare_periods": self.compare_periods,
                "indicators": str(self.indicators) if self.indicators else None}


@dataclass
class MatrixResults:
    options: MatrixOptions
    matrices: dict[str, pd.DataFrame]
    groups: dict[str, pd.DataFrame]
    totals: pd.DataFrame
    time: pd.DataFrame
    time_groups: pd.DataFrame
    cooccurrence_counts: dict[str, pd.DataFrame]
    cooccurrence: dict[str, pd.DataFrame]
    evidence: pd.DataFrame
    framework: pd.DataFrame
    framework_html: str
    comparison: pd.DataFrame | None = None
    correlations: pd.DataFrame | None = None
    caveats: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def build(connection: sqlite3.Connection, codebook: Codebook,
          options: MatrixOptions) -> MatrixResults:
    """Every table for the options; each step's time is kept for the benchmark."""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = round(now - clock, 3)
        clock = now

    cross = CrossCase(connection, codebook, options.selection)
    lap("select")
    matrices = {value: cross.matrix(value, subtotals=True) for value in VALUES}
    lap("case x code")
    groups = {value: table[[c for c in table.columns if c.endswith(".all")]]
              for value, table in matrices.items()}
    over_time = cross.over_time(options.period)
    time_groups = cross.over_time(options.period, by="group")
    lap("time")
    counts = cooccurrence(connection, cross.codes, options.window, "count", options.per_case)
    measured = cooccurrence(connection, cross.codes, options.window, options.measure,
                            options.per_case) if options.measure != "count" else counts
    lap("co-occurrence")
    quotes = evidence(connection, options.evidence_per_cell)
    cases = list(cross.totals.index)
    framework = framework_matrix(quotes, cases, cross.codes)
    html = framework_html(quotes, cases, cross.codes)
    lap("evidence")
    comparison = None
    if options.compare_cases:
        comparison = cross.compare_cases(*options.compare_cases)
    elif options.compare_periods:
        comparison = cross.compare_periods(*options.compare_periods)
    lap("comparison")
    correlations, caveats = None, []
    if options.indicators:
        from .indicators import caveats as describe, correlate, read_indicators

        correlations = correlate(matrices["rate"], read_indicators(options.indicators))
        caveats = describe(correlations)
    lap("indicators")
    return MatrixResults(options, matrices, groups, cross.totals, over_time, time_groups,
                         counts, measured, quotes, framework, html, comparison, correlations,
                         caveats, seconds)


def heatmap_rows(table: pd.DataFrame, counts: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """At most HEATMAP_MAX_CASES rows (the cases with most tags) so labels stay readable."""
    if len(table) <= HEATMAP_MAX_CASES:
        return table, ""
    codes = [c for c in counts.columns if not c.endswith(".all")]
    top = counts[codes].sum(axis=1).sort_values(ascending=False).index[:HEATMAP_MAX_CASES]
    return table.loc[sorted(top)], f" ({HEATMAP_MAX_CASES} of {len(table)} cases, most tags)"


def write(results: MatrixResults, directory: Path, codebook: Codebook,
          provenance: dict[str, object]) -> list[Path]:
    """CSV and Parquet per table, one XLSX workbook, heatmaps, time plots, framework HTML."""

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401 - imported once, before the fork, for both

    directory.mkdir(parents=True, exist_ok=True)
    workbook = directory / "matrices.xlsx"
    window = results.options.window
    plots = {str(group): directory / f"time_{group}.png"
             for group in sorted(results.time_groups["group"].unique())}
    cooccurrence_map = directory / f"heatmap_cooccurrence_{window}.png"
    # The workbook, the co-occurrence heatmap and the time plots are about half of the
    # writing: a forked child writes them meanwhile (forked.py), from the same tables.
    writing = Forked(functools.partial(_write_in_child, results, workbook, cooccurrence_map,
                                       plots, codebook, provenance))
    try:
        written = _write_rest(results, directory, codebook, workbook, cooccurrence_map, plots)
    finally:
        writing.join()
    return written


def _workbook_tables(results: MatrixResults) -> dict[str, pd.DataFrame]:
    """The workbook's sheets after the matrices, in order."""
    window = results.options.window
    tables: dict[str, pd.DataFrame] = {"case totals": results.totals, "time": results.time}
    tables[f"cooccurrence {window}"] = next(iter(results.cooccurrence.values()))
    if results.comparison is not None:
        tables["comparison"] = results.comparison
    if results.correlations is not None:
        tables["indicators"] = results.correlations
    tables["evidence"] = results.evidence
    return tables


def _write_in_child(results: MatrixResults, path: Path, cooccurrence_map: Path,
                    plots: dict[str, Path], codebook: Codebook,
                    provenance: dict[str, object]) -> None:
    """The workbook, the co-occurrence heatmap and the time plots."""
    from .export import write_code_heatmap, write_time_plot, write_workbook

    provenance = {**provenance, "options": results.options.as_dict(),
                  "seconds": results.seconds}
    if results.caveats:
        provenance["indicator caveats"] = results.caveats
    write_workbook(path, results.matrices, _workbook_tables(results), results.framework,
                   codebook, provenance)
    window = results.options.window
    write_code_heatmap(next(iter(results.cooccurrence.values())), cooccurrence_map,
                       f"Code co-occurrence within a {window} ({results.options.measure})",
                       codebook)
    for group, plot in plots.items():
        write_time_plot(results.time_groups, group, plot)


def _write_rest(results: MatrixResults, directory: Path, codebook: Codebook,
                workbook: Path, cooccurrence_map: Path, plots: dict[str, Path]) -> list[Path]:
    """Every file but those _write_in_child writes, whose paths take their places in the
    list."""
    from .export import write_heatmap, write_table

    written: list[Path] = []
    for value, table in results.matrices.items():
        written += write_table(table[[c for c in table.columns if not c.endswith(".all")]],
                               directory / f"matrix_{value}")
        written += write_table(results.groups[value], directory / f"groups_{value}")
    written += write_table(results.totals, directory / "case_totals")
    written += write_table(results.time, directory / "time_long", index=False)
    written += write_table(results.time_groups, directory / "time_groups_long", index=False)
    window = results.options.window
    for case, table in results.cooccurrence_counts.items():
        suffix = "" if len(results.cooccurrence_counts) == 1 else f"_{case}"
        written += write_table(table, directory / f"cooccurrence_{window}_count{suffix}")
        if results.options.measure != "count":
            written += write_table(results.cooccurrence[case], directory /
                                   f"cooccurrence_{window}_{results.options.measure}{suffix}")
    written += write_table(results.evidence, directory / "evidence", index=False)
    if results.comparison is not None:
        written += write_table(results.comparison, directory / "comparison")
    if results.correlations is not None:
        written += write_table(results.correlations, directory / "indicator_correlations",
                               index=False)
        (directory / "indicator_caveats.txt").write_text("\n".join(results.caveats) + "\n",
                                                         encoding="utf-8")
    written.append(workbook)
    rate, note = heatmap_rows(results.matrices["rate"], results.matrices["count"])
    written.append(write_heatmap(rate, directory / "heatmap_rate.png",
                                 VALUE_TITLES["rate"] + note, codebook))
    written.append(cooccurrence_map)
    written += plots.values()
    framework_path = directory / "framework.html"
    framework_path.write_text(
        "<!doctype html><meta charset=\"utf-8\"><title>Framework matrix</title>"
        "<style>body{font:13px sans-serif}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;vertical-align:top;padding:4px;min-width:16em}"
        "thead th{position:sticky;top:0;background:#eee}</style>"
        + results.framework_html, encoding="utf-8")
    written.append(framework_path)
    return written
