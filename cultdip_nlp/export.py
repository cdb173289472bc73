"""Writing matrices: CSV per value, one formatted XLSX workbook, and a heatmap PNG."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .codebook import Codebook
from .matrices import VALUE_TITLES


def write_heatmap(table: pd.DataFrame, path: Path, title: str, codebook: Codebook) -> Path:
    """Cases x codes, annotated with values; codes labelled by id, grouped in codebook order."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    rows, columns = table.shape
    width = max(8.0, 0.42 * columns + 3)
    height = max(3.0, 0.45 * rows + 3.2)
    figure, axes = plt.subplots(figsize=(width, height))
    image = axes.imshow(table.to_numpy(dtype=float), aspect="auto", cmap="Reds")
    axes.set_xticks(range(columns))
    axes.set_xticklabels(table.columns, rotation=70, ha="right", fontsize=8)
    axes.set_yticks(range(rows))
    axes.set_yticklabels(table.index, fontsize=9)
    maximum = float(table.to_numpy(dtype=float).max()) if table.size else 0.0
    for i in range(rows):
        for j in range(columns):
            value = float(table.iat[i, j])
            if value:
                axes.text(j, i, f"{value:.0f}" if value >= 10 else f"{value:.1f}",
                          ha="center", va="center", fontsize=6.5,
                          color="white" if value > 0.6 * maximum else "black")
    _mark_group_borders(axes, table, codebook, rows_too=False)
    return _finish_heatmap(figure, axes, image, title, path, colorbar_fraction=0.02)


def write_table(table: pd.DataFrame, stem: Path, index: bool = True) -> list[Path]:
    """The same table as CSV (for people and spreadsheets) and Parquet (typed, for code)."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    csv_path = stem.with_suffix(".csv")
    parquet_path = stem.with_suffix(".parquet")
    table.to_csv(csv_path, index=index)
    frame = table.copy()
    frame.columns = [str(c) for c in frame.columns]
    frame.to_parquet(parquet_path, index=index)
    return [csv_path, parquet_path]


def _colour_scale(sheet: object, rows: int, columns: int, first_column: int = 2) -> None:
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    if rows and columns:
        first = get_column_letter(first_column)
        last = get_column_letter(first_column + columns - 1)
        sheet.conditional_formatting.add(  # type: ignore[attr-defined]
            f"{first}2:{last}{rows + 1}",
            ColorScaleRule(start_type="min", start_color="FFFFFF",
                           end_type="max", end_color="F8696B"))


def write_workbook(path: Path, matrices: Mapping[str, pd.DataFrame],
                   tables: Mapping[str, pd.DataFrame], framework: pd.DataFrame | None,
                   codebook: Codebook, provenance: Mapping[str, object]) -> Path:
    """One workbook: a sheet per matrix (frozen headers, colour scale), further tables (time,
    co-occurrence, comparison, correlations, evidence), the framework matrix with wrapped
    text, the codes and the run's provenance."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, table in matrices.items():
            sheet_name = name[:31]
            table.to_excel(writer, sheet_name=sheet_name)
            sheet = writer.sheets[sheet_name]
            sheet.freeze_panes = "B2"
            sheet.column_dimensions["A"].width = 16
            for column in range(2, table.shape[1] + 2):
                sheet.column_dimensions[get_column_letter(column)].width = 12
                header = sheet.cell(row=1, column=column)
                header.alignment = Alignment(text_rotation=60)
                if str(header.value).endswith(".all"):
                    header.font = Font(bold=True)
            _colour_scale(sheet, table.shape[0], table.shape[1])
            sheet.cell(row=table.shape[0] + 3, column=1, value=VALUE_TITLES.get(name, name))
        for name, table in tables.items():
            sheet_name = name[:31]
            indexed = table.index.name is not None
            table.to_excel(writer, sheet_name=sheet_name, index=indexed)
            sheet = writer.sheets[sheet_name]
            sheet.freeze_panes = "B2" if indexed else "A2"
            for column in range(1, table.shape[1] + 2):
                sheet.column_dimensions[get_column_letter(column)].width = 14
            if name.startswith("cooccurrence"):
                _colour_scale(sheet, table.shape[0], table.shape[1])
            if name == "evidence":
                text_column = list(table.columns).index("text") + 1
                sheet.column_dimensions[get_column_letter(text_column)].width = 90
                for row in sheet.iter_rows(min_row=2, min_col=text_column,
                                           max_col=text_column):
                    row[0].alignment = Alignment(wrap_text=True, vertical="top")
        if framework is not None:
            framework.to_excel(writer, sheet_name="framework")
            sheet = writer.sheets["framework"]
            sheet.freeze_panes = "B2"
            sheet.column_dimensions["A"].width = 12
            for column in range(2, framework.shape[1] + 2):
                sheet.column_dimensions[get_column_letter(column)].width = 60
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        codes = pd.DataFrame(
            [{"code": c.id, "group": c.group, "label": c.label, "definition": c.definition}
             for c in codebook.codes])
        codes.to_excel(writer, sheet_name="codes", index=False)
        writer.sheets["codes"].freeze_panes = "A2"
        rows = [{"key": key, "value": value if isinstance(value, str)
                 else json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)}
                for key, value in provenance.items()]
        pd.DataFrame(rows).to_excel(writer, sheet_name="provenance", index=False)
        writer.sheets["provenance"].column_dimensions["A"].width = 22
        writer.sheets["provenance"].column_dimensions["B"].width = 100
    return path


def write_code_heatmap(table: pd.DataFrame, path: Path, title: str,
                       codebook: Codebook) -> Path:
    """Code x code (or any square table of fractions): two decimals, group lines both ways."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    size = table.shape[0]
    side = max(7.0, 0.36 * size + 3.5)
    figure, axes = plt.subplots(figsize=(side + 1.5, side))
    values = table.to_numpy(dtype=float).copy()
    shown = values.copy()
    if size == table.shape[1]:
        shown[range(size), range(size)] = float("nan")  # the diagonal would swamp the scale
    image = axes.imshow(shown, cmap="Blues", aspect="equal")
    axes.set_xticks(range(table.shape[1]))
    axes.set_xticklabels(table.columns, rotation=70, ha="right", fontsize=7)
    axes.set_yticks(range(size))
    axes.set_yticklabels(table.index, fontsize=7)
    fractional = float(values.max(initial=0.0)) <= 1.0
    maximum = float(shown[~pd.isna(shown)].max(initial=0.0)) if shown.size else 0.0
    for i in range(size):
        for j in range(table.shape[1]):
            value = shown[i, j]
            if value and not pd.isna(value):
                label = f"{value:.2f}".lstrip("0") if fractional else f"{value:.0f}"
                axes.text(j, i, label, ha="center", va="center", fontsize=5.5,
                          color="white" if value > 0.6 * maximum else "black")
    _mark_group_borders(axes, table, codebook, rows_too=True)
    return _finish_heatmap(figure, axes, image, title, path, colorbar_fraction=0.03)


def write_time_plot(long: pd.DataFrame, group: str, path: Path) -> Path:
    """One code group: its rate per 10,000 sentences over time, a line per case."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    frame = long[long["group"] == group]
    figure, axes = plt.subplots(figsize=(9, 4.5))
    cases = (frame.groupby("case")["sentences"].sum().sort_values(ascending=False)
             .index[:12])
    for case in cases:
        series = frame[frame["case"] == case].sort_values("period")
        axes.plot(series["period"], series["rate"], marker="o", markersize=3, label=case)
    axes.set_xlabel("year" if frame["label"].eq(frame["period"].astype(str)).all()
                    else "period (first year)")
    axes.set_ylabel("sentences per 10,000")
    axes.set_title(f"{group}: sentences with any {group} code per 10,000 sentences")
    if len(cases):
        axes.legend(fontsize=8, ncol=2)
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def _mark_group_borders(axes, table: pd.DataFrame, codebook: Codebook,  # type: ignore[no-untyped-def]
                        rows_too: bool) -> None:
    """Lines between code groups (identity | instrument | outcome) so the blocks read apart."""
    groups = [codebook.code(c).group if c in codebook.code_ids else "" for c in table.columns]
    for j in range(1, len(groups)):
        if groups[j] != groups[j - 1]:
            axes.axvline(j - 0.5, color="black", linewidth=1)
            if rows_too:
                axes.axhline(j - 0.5, color="black", linewidth=1)


def _finish_heatmap(figure, axes, image, title: str, path: Path,  # type: ignore[no-untyped-def]
                    colorbar_fraction: float) -> Path:
    import matplotlib.pyplot as plt

    axes.set_title(title, fontsize=11)
    figure.colorbar(image, ax=axes, fraction=colorbar_fraction, pad=0.01)
    figure.tight_layout()
    figure.savefig(path, dpi=130)
    plt.close(figure)
    return path
