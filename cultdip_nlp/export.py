"""Writing matrices: CSV per value, one formatted XLSX workbook, and a heatmap PNG."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .codebook import Codebook
from .matrices import VALUE_TITLES


def write_csvs(matrices: Mapping[str, pd.DataFrame], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for value, table in matrices.items():
        path = directory / f"matrix_{value}.csv"
        table.to_csv(path)
        written.append(path)
    return written


def write_xlsx(matrices: Mapping[str, pd.DataFrame], path: Path, codebook: Codebook,
               provenance: Mapping[str, object]) -> Path:
    """One sheet per matrix (frozen headers, colour scale), a codes sheet, a provenance sheet."""
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for value, table in matrices.items():
            table.to_excel(writer, sheet_name=value)
            sheet = writer.sheets[value]
            sheet.freeze_panes = "B2"
            sheet.column_dimensions["A"].width = 14
            for column in range(2, table.shape[1] + 2):
                sheet.column_dimensions[get_column_letter(column)].width = 12
            if table.shape[0] and table.shape[1]:
                last = f"{get_column_letter(table.shape[1] + 1)}{table.shape[0] + 1}"
                sheet.conditional_formatting.add(
                    f"B2:{last}",
                    ColorScaleRule(start_type="min", start_color="FFFFFF",
                                   end_type="max", end_color="F8696B"))
            sheet.cell(row=table.shape[0] + 3, column=1, value=VALUE_TITLES.get(value, value))
        codes = pd.DataFrame(
            [{"code": c.id, "group": c.group, "label": c.label, "definition": c.definition}
             for c in codebook.codes])
        codes.to_excel(writer, sheet_name="codes", index=False)
        writer.sheets["codes"].freeze_panes = "A2"
        rows = [{"key": key, "value": value if isinstance(value, str)
                 else json.dumps(value, sort_keys=True, ensure_ascii=False)}
                for key, value in provenance.items()]
        pd.DataFrame(rows).to_excel(writer, sheet_name="provenance", index=False)
        writer.sheets["provenance"].column_dimensions["A"].width = 22
        writer.sheets["provenance"].column_dimensions["B"].width = 100
    return path


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
    groups = [codebook.code(code).group if code in codebook.code_ids else "" for code in
              table.columns]
    for j in range(1, columns):
        if groups[j] != groups[j - 1]:
            axes.axvline(j - 0.5, color="black", linewidth=1)
    axes.set_title(title, fontsize=11)
    figure.colorbar(image, ax=axes, fraction=0.02, pad=0.01)
    figure.tight_layout()
    figure.savefig(path, dpi=130)
    plt.close(figure)
    return path
