"""Do seeded topics line up with the rules? Per document, a seeded topic's share against the
rate of its code's rule tags (sentences with the code per sentence), on the focal countries.

A positive correlation says the topic and the rules see the same theme; a topic that finds
what the rules miss shows up as documents with a high share and a low rate, which the HTML
overview lists for reading.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np

from .inference import CorpusShares

FOCAL_COUNTRIES = ("KAZ", "KOR", "JPN", "GBR")


def _rank(values: np.ndarray) -> np.ndarray:
    order = values.argsort(kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    for value in np.unique(values):  # ties get their mean rank
        mask = values == value
        if mask.sum() > 1:
            ranks[mask] = ranks[mask].mean()
    return ranks


def _correlation(x: np.ndarray, y: np.ndarray) -> float | None:
    if len(x) < 3 or x.std() == 0 or y.std() == 0:
        return None
    return round(float(np.corrcoef(x, y)[0, 1]), 3)


def seeded_validity(connection: sqlite3.Connection, shares: CorpusShares,
                    topic_codes: dict[int, str],
                    countries: tuple[str, ...] = FOCAL_COUNTRIES) -> list[dict[str, Any]]:
    """One row per seeded topic: Pearson and Spearman r over the focal countries' documents."""
    placeholders = ",".join("?" for _ in countries)
    documents = [(r[0], r[1]) for r in connection.execute(
        f"SELECT id, n_sentences FROM documents WHERE status = 'ok' AND country IN ({placeholders})"
        " ORDER BY id", countries) if r[0] in shares.documents]
    rows: list[dict[str, Any]] = []
    for topic, code in sorted(topic_codes.items()):
        counts = dict(connection.execute(
            "SELECT document_id, COUNT(DISTINCT sentence_idx) FROM tags"
            " WHERE source = 'rule' AND code = ? GROUP BY document_id", (code,)).fetchall())
        share = np.array([shares.document_share(d)[topic] for d, _ in documents])
        rate = np.array([counts.get(d, 0) / max(1, n) for d, n in documents])
        rows.append({
            "topic": topic, "code": code, "documents": len(documents),
            "documents_with_rule_tags": int((rate > 0).sum()),
            "pearson": _correlation(share, rate),
            "spearman": _correlation(_rank(share), _rank(rate)) if len(share) else None,
            "mean_share": round(float(share.mean()), 4) if len(share) else None,
        })
    return rows
