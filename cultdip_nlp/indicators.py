"""External country indicators joined on the case axis, with Spearman rank correlations.

The CSV has one row per case (a ``case``, ``iso3`` or ``country`` column holding ISO3 codes)
and numeric indicator columns (soft power rank and score, cultural institutes abroad...).
With a ``year`` column, rows are averaged per case, and the average is what is correlated.
Correlations across a handful of countries are fragile: every result carries its n and the
number of tied values, and :func:`caveats` spells them out for printing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from scipy.stats import spearmanr

from .errors import CultdipError, ErrorCode

CASE_COLUMNS = ("case", "iso3", "country")


def read_indicators(path: Path) -> pd.DataFrame:
    """Indicators indexed by case; a missing case column or no numeric column is E-coded."""
    try:
        frame = pd.read_csv(path)
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise CultdipError(ErrorCode.INDICATORS_INVALID, f"cannot read indicators: {error}",
                           str(path)) from error
    column = next((c for c in frame.columns if str(c).strip().lower() in CASE_COLUMNS), None)
    if column is None:
        raise CultdipError(ErrorCode.INDICATORS_INVALID,
                           f"no case column: the CSV needs one of {', '.join(CASE_COLUMNS)}"
                           f" (it has {', '.join(map(str, frame.columns))})", str(path))
    frame = frame.rename(columns={column: "case"})
    frame["case"] = frame["case"].astype(str).str.strip().str.upper()
    numeric = frame.drop(columns=["case"] + (["year"] if "year" in frame.columns else []))
    numeric = numeric.apply(pd.to_numeric, errors="coerce")
    numeric = numeric.loc[:, numeric.notna().any()]
    if numeric.empty:
        raise CultdipError(ErrorCode.INDICATORS_INVALID, "no numeric indicator column",
                           str(path))
    numeric["case"] = frame["case"]
    return numeric.groupby("case").mean()


def correlate(rates: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Spearman rho of each code's rate with each indicator over the cases both have."""
    cases = rates.index.intersection(indicators.index)
    rows = []
    for indicator in indicators.columns:
        for code in rates.columns:
            pair = pd.DataFrame({"x": rates.loc[cases, code],
                                 "y": indicators.loc[cases, indicator]}).dropna()
            n = len(pair)
            ties = int((pair["x"].duplicated(keep=False)).sum()
                       + (pair["y"].duplicated(keep=False)).sum())
            constant = n < 3 or pair["x"].nunique() < 2 or pair["y"].nunique() < 2
            rho, p = (float("nan"), float("nan")) if constant else spearmanr(pair["x"],
                                                                            pair["y"])
            rows.append({"indicator": indicator, "code": code, "n": n,
                         "tied values": ties, "rho": round(float(rho), 4),
                         "p": float(p)})
    return pd.DataFrame(rows)


def caveats(table: pd.DataFrame) -> list[str]:
    """Plain-language warnings about the correlations, to print and to record."""
    if table.empty:
        return ["no case is both in the matrix and in the indicators CSV"]
    n = int(table["n"].max())
    notes = [f"Spearman rank correlations over n = {n} cases at most; with n < 10 a rho "
             "far from zero can still be chance, and p-values are approximate."]
    tied = table[table["tied values"] > 0]
    if not tied.empty:
        notes.append(f"{len(tied)} of {len(table)} correlations have tied values (average "
                     "ranks used); many zero rates tie, which weakens the test.")
    undefined = int(table["rho"].isna().sum())
    if undefined:
        notes.append(f"{undefined} correlations undefined: fewer than 3 cases or a constant "
                     "column.")
    notes.append("Correlation across countries is not an effect of one on the other.")
    return notes
