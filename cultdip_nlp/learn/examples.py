"""Training examples from judgements: which sentences are positive or negative for a code.

A coder's latest judgement on a tag (or on a sentence, for additions) is their decision; a
changed mind is a newer row. From the decisions: accept = the tag's code is positive for the
sentence; reject = negative; relabel = the old code negative and the new code positive;
add = the added code positive. A sentence judged positive for some codes counts as negative
for every other code of the same run of decisions, unless a coder marked it positive too
("other-coded sentences are negatives").

Review data alone lacks the commonest negative: the ordinary sentence that carries no code.
`weak_negatives` samples such sentences from the judged documents (no tag of any source, no
coder addition): a coder who reviewed the document saw them and added nothing.
"""

from __future__ import annotations

import random
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledSentence:
    document_id: str
    sentence_idx: int
    text: str
    positives: frozenset[str]
    negatives: frozenset[str]
    # Codes the rules tagged on this sentence: a classifier suggestion is only made where
    # the rules did not tag, so its threshold is chosen on those pairs alone.
    ruled: frozenset[str] = frozenset()


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
    ruled = _rule_codes(connection, sorted({k[0] for k in keys}))
    result = []
    for key in keys:
        if key not in texts:
            continue  # the sentence is gone (document re-ingested differently): orphaned
        positive = positives.get(key, set())
        result.append(LabelledSentence(key[0], key[1], texts[key], frozenset(positive),
                                       frozenset(negatives.get(key, set()) - positive),
                                       frozenset(ruled.get(key, set()))))
    return result


def weak_negatives(connection: sqlite3.Connection, judged: Sequence[LabelledSentence],
                   codes: Sequence[str], fraction: float, seed: int = 13
                   ) -> list[LabelledSentence]:
    """A seeded sample (`fraction`) of the judged documents' untouched sentences as negatives
    for every code: no tag of any source and no judgement on them."""
    if fraction <= 0 or not judged:
        return []
    seen = {(s.document_id, s.sentence_idx) for s in judged}
    documents = sorted({s.document_id for s in judged})
    rng = random.Random(seed)
    every = frozenset(codes)
    result = []
    for document_id in documents:
        touched = {idx for (idx,) in connection.execute(
            "SELECT DISTINCT sentence_idx FROM tags WHERE document_id = ?", (document_id,))}
        for idx, text in connection.execute(
                "SELECT idx, text FROM sentences WHERE document_id = ? ORDER BY idx",
                (document_id,)):
            if idx in touched or (document_id, idx) in seen:
                continue
            if rng.random() < fraction:
                result.append(LabelledSentence(document_id, idx, text, frozenset(), every))
    return result


def _rule_codes(connection: sqlite3.Connection,
                documents: list[str]) -> dict[tuple[str, int], set[str]]:
    ruled: dict[tuple[str, int], set[str]] = defaultdict(set)
    for document_id in documents:
        for idx, code in connection.execute(
                "SELECT sentence_idx, code FROM tags WHERE document_id = ? AND source = 'rule'",
                (document_id,)):
            ruled[(document_id, idx)].add(code)
    return ruled


def _sentence_texts(connection: sqlite3.Connection,
                    keys: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    texts: dict[tuple[str, int], str] = {}
    for document_id in sorted({k[0] for k in keys}):
        for idx, text in connection.execute(
                "SELECT idx, text FROM sentences WHERE document_id = ?", (document_id,)):
            texts[(document_id, idx)] = text
    return {k: texts[k] for k in keys if k in texts}


def target_rows(code: str, sentences: Sequence[LabelledSentence]) -> tuple[list[int], list[int]]:
    """Indices into `sentences` and 0/1 labels for one code: judged positive, or negative by
    any decision (a rejection, or a sentence positive for other codes)."""
    rows, labels = [], []
    for index, sentence in enumerate(sentences):
        if code in sentence.positives:
            rows.append(index)
            labels.append(1)
        elif code in sentence.negatives or sentence.positives:
            rows.append(index)
            labels.append(0)
    return rows, labels


def group_rows(group: str, sentences: Sequence[LabelledSentence]) -> tuple[list[int], list[int]]:
    """Indices and 0/1 labels for "the sentence has some code of the group": positive when a
    coder gave it one; negative when judged without one (it has codes of other groups, a code
    of this group rejected, or it is a weak negative)."""
    rows, labels = [], []
    for index, sentence in enumerate(sentences):
        if any(c.split(".", 1)[0] == group for c in sentence.positives):
            rows.append(index)
            labels.append(1)
        elif sentence.positives or any(c.split(".", 1)[0] == group for c in sentence.negatives):
            rows.append(index)
            labels.append(0)
    return rows, labels


def targets_for(code: str, sentences: list[LabelledSentence]) -> tuple[list[str], list[int]]:
    """Texts and 0/1 labels for one code (see `target_rows`)."""
    rows, labels = target_rows(code, sentences)
    return [sentences[i].text for i in rows], labels
