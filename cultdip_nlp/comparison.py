"""Comparing two cases or two periods code by code, with a test fit for counts.

For each code the 2 x 2 table is (sentences with the code, sentences without it) in A and
in B. The statistic is Dunning's log-likelihood G2 (Rayson & Garside 2000), which behaves
better than chi-square for the small counts of rare codes; p comes from chi-square with one
degree of freedom. Every code is a test, so the output flags significance both at the plain
level and after Bonferroni correction over the codes compared, and marks cells whose expected
count is below 5, where no asymptotic test should be trusted.
"""

from __future__ import annotations

import math

import pandas as pd
from scipy.stats import chi2

ALPHA = 0.05


def log_likelihood(a: int, b: int, total_a: int, total_b: int) -> float:
    """G2 of code frequency a in total_a against b in total_b (sentences)."""
    observed = [(a, total_a), (b, total_b), (total_a - a, total_a), (total_b - b, total_b)]
    with_code = a + b
    without = total_a + total_b - with_code
    grand = total_a + total_b
    if grand == 0:
        return 0.0
    expected = [total_a * with_code / grand, total_b * with_code / grand,
                total_a * without / grand, total_b * without / grand]
    return 2.0 * sum(o * math.log(o / e) for (o, _), e in zip(observed, expected) if o > 0)


def compare(long: pd.DataFrame, totals_a: int, totals_b: int, label_a: str, label_b: str,
            codes: list[str], alpha: float = ALPHA) -> pd.DataFrame:
    """One row per code: sentences and rate per 10,000 in A and B, G2, p, flags.

    ``long`` has columns side ('a' or 'b'), code, sentences.
    """
    counts = long.pivot_table(index="code", columns="side", values="sentences",
                              aggfunc="sum", fill_value=0).reindex(codes, fill_value=0)
    rows = []
    tested = 0
    for code in codes:
        a = int(counts.at[code, "a"]) if "a" in counts.columns else 0
        b = int(counts.at[code, "b"]) if "b" in counts.columns else 0
        g2 = log_likelihood(a, b, totals_a, totals_b) if a + b else 0.0
        tested += a + b > 0
        grand = totals_a + totals_b
        expected_min = (min(totals_a, totals_b) * (a + b) / grand) if grand else 0.0
        rows.append({
            "code": code, f"{label_a} sentences": a, f"{label_b} sentences": b,
            f"{label_a} rate": round(10_000 * a / totals_a, 2) if totals_a else 0.0,
            f"{label_b} rate": round(10_000 * b / totals_b, 2) if totals_b else 0.0,
            "higher in": (label_a if a / max(totals_a, 1) > b / max(totals_b, 1) else label_b)
            if a + b else "",
            "G2": round(g2, 3), "p": float(chi2.sf(g2, 1)) if a + b else 1.0,
            "low expected (<5)": bool(a + b) and expected_min < 5,
        })
    table = pd.DataFrame(rows).set_index("code")
    table["significant"] = table["p"] < alpha
    table["significant (Bonferroni)"] = table["p"] < alpha / max(tested, 1)
    table.attrs["totals"] = {label_a: totals_a, label_b: totals_b}
    return table
