"""Inter-coder agreement and the machine's precision, from the coders' current judgements.

A unit is a reviewed tag; a coder's value on it is accept, reject or relabel:<code> (a
relabel to a different code is a different value). Reported per code and overall:
percent agreement (share of units seen by two or more coders on which all agree), Cohen's
kappa for each pair of coders on the units both judged, and Krippendorff's alpha (nominal)
over all coders with missing data (the `krippendorff` package). Machine precision is how
often the machine's tags are accepted, per code and per rule; an adjudicated tag counts
once with its gold decision, otherwise every coder's decision counts.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from itertools import combinations
from typing import Any

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from .adjudication import gold_decisions
from .judgements import current

OVERALL = "(all codes)"


def _value(row: sqlite3.Row | dict[str, Any]) -> str:
    return f"relabel:{row['new_code']}" if row["decision"] == "relabel" else str(row["decision"])


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 4)


def _measures(units: dict[str, dict[str, str]]) -> dict[str, Any]:
    coders = sorted({c for values in units.values() for c in values})
    multi = {u: v for u, v in units.items() if len(v) >= 2}
    agreeing = sum(1 for v in multi.values() if len(set(v.values())) == 1)
    result: dict[str, Any] = {
        "units": len(units), "units_with_2_or_more_coders": len(multi), "coders": coders,
        "percent_agreement": round(100.0 * agreeing / len(multi), 2) if multi else None,
        "cohen_kappa": {}, "krippendorff_alpha": None,
    }
    for first, second in combinations(coders, 2):
        both = [u for u, v in units.items() if first in v and second in v]
        if not both:
            continue
        a = [units[u][first] for u in both]
        b = [units[u][second] for u in both]
        kappa = None if len(set(a) | set(b)) < 2 else _finite(cohen_kappa_score(a, b))
        result["cohen_kappa"][f"{first}~{second}"] = {"units": len(both), "kappa": kappa}
    domain = sorted({value for v in multi.values() for value in v.values()})
    if multi and len(domain) >= 2:
        index = {value: i for i, value in enumerate(domain)}
        data = np.full((len(coders), len(multi)), np.nan)
        for column, values in enumerate(multi.values()):
            for coder, value in values.items():
                data[coders.index(coder), column] = index[value]
        result["krippendorff_alpha"] = _finite(
            krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    elif multi:
        result["krippendorff_alpha"] = 1.0 if agreeing == len(multi) else None
    return result


def agreement(connection: sqlite3.Connection) -> dict[str, Any]:
    """Agreement per code and overall, and machine precision per code and per rule."""
    units: dict[str, dict[str, str]] = defaultdict(dict)
    code_of: dict[str, str] = {}
    rows = current(connection)
    for row in rows:
        units[row["tag_id"]][row["coder"]] = _value(row)
        code_of[row["tag_id"]] = row["code"]
    per_code: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for unit, values in units.items():
        per_code[code_of[unit]][unit] = values
    report: dict[str, Any] = {
        "overall": _measures(units),
        "per_code": {code: _measures(u) for code, u in sorted(per_code.items())},
        "machine_precision": machine_precision(connection, rows),
    }
    return report


def machine_precision(connection: sqlite3.Connection,
                      rows: list[sqlite3.Row] | None = None) -> dict[str, Any]:
    rows = rows if rows is not None else current(connection)
    gold = gold_decisions(connection)
    rules = {r[0]: r[1] for r in connection.execute(
        "SELECT id, rule FROM tags WHERE id IN (SELECT tag_id FROM judgements UNION"
        " SELECT tag_id FROM adjudications)")}
    votes: list[tuple[str, str, str]] = []  # (code, rule, decision)
    for tag_id, decision in gold.items():
        code = connection.execute("SELECT code FROM tags WHERE id = ?", (tag_id,)).fetchone()
        if code:
            votes.append((code[0], rules.get(tag_id, "(orphaned)"), decision["decision"]))
    for row in rows:
        if row["tag_id"] not in gold:
            votes.append((row["code"], rules.get(row["tag_id"], "(orphaned)"), row["decision"]))

    def table(key: int) -> dict[str, dict[str, Any]]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {"judged": 0, "accepted": 0})
        for vote in votes:
            counts[vote[key]]["judged"] += 1
            counts[vote[key]]["accepted"] += vote[2] == "accept"
        return {name: {**c, "precision": round(c["accepted"] / c["judged"], 4)}
                for name, c in sorted(counts.items())}

    return {"per_code": table(0), "per_rule": table(1)}
