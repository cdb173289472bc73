"""What a topic is about, in words a researcher can check: terms, sentences, documents, code.

Representative sentences come from the topic's strongest units: each of their sentences is
scored on its own and the best ones are kept, so the quotes are the clearest statements of
the topic, not merely sentences that sit next to them.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np

from .inference import CorpusShares, topic_shares
from .model import TrainedModel
from .prepare import Lemmatizer, PreparedCorpus

TOP_TERMS = 15
TOP_SENTENCES = 5
TOP_DOCUMENTS = 8
UNITS_SEARCHED = 12


def default_label(model: TrainedModel, topic: int, code_labels: dict[str, str]) -> str:
    code = model.topic_code(topic)
    if code:
        return f"{code_labels.get(code, code)} (seeded)"
    return " / ".join(model.top_terms(3)[topic])


def _document_meta(connection: sqlite3.Connection, document_ids: list[str]) -> dict[str, sqlite3.Row]:
    if not document_ids:
        return {}
    connection.row_factory = sqlite3.Row
    placeholders = ",".join("?" for _ in document_ids)
    rows = connection.execute(
        f"SELECT id, path, country, year, title FROM documents WHERE id IN ({placeholders})",
        document_ids)
    return {row["id"]: row for row in rows}


def describe_topics(connection: sqlite3.Connection, model: TrainedModel, corpus: PreparedCorpus,
                    lemmatizer: Lemmatizer, shares: CorpusShares, model_id: str,
                    labels: dict[int, str]) -> list[dict[str, Any]]:
    """One record per topic for topics.json, the CLI and the HTML overview."""
    sizes = shares.sizes
    document_ids = list(shares.documents)
    matrix = np.array([shares.document_share(d) for d in document_ids]) if document_ids else \
        np.zeros((0, model.k))
    topics: list[dict[str, Any]] = []
    for topic in range(model.k):
        order = np.argsort(-matrix[:, topic])[:TOP_DOCUMENTS] if len(document_ids) else []
        top_docs = [(document_ids[i], float(matrix[i, topic])) for i in order]
        meta = _document_meta(connection, [d for d, _ in top_docs])
        sentences = _representative_sentences(connection, model, corpus, lemmatizer, shares,
                                              topic)
        topics.append({
            "topic": topic,
            "id": f"topic:{model_id}:{topic}",
            "label": labels.get(topic, ""),
            "code": model.topic_code(topic),
            "seed_words": list(model.seeds[topic].words) if model.topic_code(topic) else [],
            "size": round(float(sizes[topic]), 4),
            "terms": [[w, round(float(p), 5)] for w, p in
                      model.lda.show_topic(topic, topn=TOP_TERMS)],
            "documents": [{"document": d, "share": round(s, 4),
                           "path": meta[d]["path"] if d in meta else None,
                           "country": meta[d]["country"] if d in meta else None,
                           "year": meta[d]["year"] if d in meta else None}
                          for d, s in top_docs],
            "sentences": sentences,
        })
    return topics


def _representative_sentences(connection: sqlite3.Connection, model: TrainedModel,
                              corpus: PreparedCorpus, lemmatizer: Lemmatizer,
                              shares: CorpusShares, topic: int) -> list[dict[str, Any]]:
    candidates: list[tuple[str, int, str]] = []
    for _, position in shares.top_units[topic][:UNITS_SEARCHED]:
        unit = corpus.units[position]
        for row in connection.execute(
                "SELECT idx, text FROM sentences WHERE document_id = ? AND idx BETWEEN ? AND ?"
                " ORDER BY idx", (unit.document_id, unit.first, unit.last)):
            candidates.append((unit.document_id, int(row[0]), str(row[1])))
    if not candidates:
        return []
    tokens = list(corpus.tokens_for(lemmatizer, (text for _, _, text in candidates)))
    scored = [(candidate, corpus.dictionary.doc2bow(t)) for candidate, t in zip(candidates, tokens)
              if len(t) >= 4]
    if not scored:
        return []
    rows = topic_shares(model.lda, [bow for _, bow in scored])
    order = np.argsort(-rows[:, topic])[:TOP_SENTENCES]
    return [{"document": scored[i][0][0], "sentence": scored[i][0][1],
             "text": scored[i][0][2], "share": round(float(rows[i, topic]), 4)} for i in order]
