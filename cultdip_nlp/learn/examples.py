"""Training examples from judgements: which sentences are positive or negative for a code.

A coder's latest judgement on a tag (or on a sentence, for additions) is their decision; a
changed mind is a newer row. From the decisions: accept = the tag's code is positive for the
sentence; reject = negative; relabel = the old code negative and the new code positive;
add = the added code positive. A sentence judged positive for some codes counts as negative
for every other code of the same run of decisions, unless a coder marked it positive too
("other-coded sentences are negatives").
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledSentence:
    document_id: str
    sentence_idx: int
    text: str
    positives: frozenset[str]
    negatives: frozenset[str]


LATEST_JUDGEMENTS = """
SELECT j.* FROM judgements j
JOIN (SELECT MAX(id) AS id FROM judgements
      GROUP BY coder, COALESCE(tag_id, document_id || ':' || sentence_idx || ':' || code))
     latest ON latest.id = j.id
"""


def labelled_sentences(connection: sqlite3.Connection) -> list[LabelledSentence]:
    """Every judged sentence with its positive and negative codes (positives win ties)."""
    positives: dict[tuple[str, int], set[str]] = defaultdict(set)
    negatives: dict[tuple[str, int], set[str]] = defaultdict(set)
    for row in connection.execute(LATEST_JUDGEMENTS):
        key = (row["document_id"], row["sentence_idx"])
        decision = row["decision"]
        if decision in ("accept", "add"):
            positives[key].add(row["code"])
        elif decision == "reject":
            negatives[key].add(row["code"])
        elif decision == "relabel":
            negatives[key].add(row["code"])
            if row["new_code"]:
                positives[key].add(row["new_code"])
    keys = sorted(set(positives) | set(negatives))
    texts = _sentence_texts(connection, keys)
    result = []
    for key in keys:
        if key not in texts:
            continue  # the sentence is gone (document re-ingested differently): orphaned
        positive = positives.get(key, set())
        result.append(LabelledSentence(key[0], key[1], texts[key], frozenset(positive),
                                       frozenset(negatives.get(key, set()) - positive)))
    return result


def _sentence_texts(connection: sqlite3.Connection,
                    keys: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    texts: dict[tuple[str, int], str] = {}
    for document_id in sorted({k[0] for k in keys}):
        for idx, text in connection.execute(
                "SELECT idx, text FROM sentences WHERE document_id = ?", (document_id,)):
            texts[(document_id, idx)] = text
    return {k: texts[k] for k in keys if k in texts}


def targets_for(code: str, sentences: list[LabelledSentence]) -> tuple[list[str], list[int]]:
    """Texts and 0/1 labels for one code: judged positive, or negative by any decision."""
    texts, labels = [], []
    for sentence in sentences:
        if code in sentence.positives:
            texts.append(sentence.text)
            labels.append(1)
        elif code in sentence.negatives or sentence.positives:
            texts.append(sentence.text)
            labels.append(0)
    return texts, labels
