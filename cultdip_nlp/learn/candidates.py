"""Candidate sentences for review: where the rules may have missed a code, best first.

Why: a per-code classifier needs a few dozen positives per code and the judgements hold 5 to
15; rule tags are what coders see, so the codes the rules miss stay unlabelled (coders add
them only when they happen to notice). A model per code *group* (identity, instrument,
outcome: "has some code of this group") pools the positives of all the group's codes, so it
can rank sentences much earlier; the code within the group is then guessed (per-code model
where one exists, else the sentence's similarity to the code's codebook description), and
the coder accepts, relabels to the right code of the group, or rejects. Their decisions are
exactly the positives and hard negatives the per-code models lack.

Candidates are stored as tags with source "candidate" (rule `candidate:<model id>`, score =
the group probability). Matrices never count them unless the researcher selects the source
(`--source candidate`, usually with `--validated-only`: accepted candidates only).
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.pipeline import Pipeline

from ..codebook import Codebook
from ..records import Tag
from .classifier import GROUPS, fit_group_models, group_of, make_features, probabilities
from .examples import LabelledSentence


def train_groups(sentences: Sequence[LabelledSentence], seed: int = 13,
                 features: str = "word+char") -> tuple[dict[str, Pipeline], dict[str, dict]]:
    """One model per code group with at least 3 positive and 3 negative judged sentences;
    returns the models and, per group, the counts it was trained on (for the card)."""
    sentences = list(sentences)
    if not sentences:
        return {}, {}
    union = make_features(features).fit([s.text for s in sentences])
    fitted, _, counts = fit_group_models(union.transform([s.text for s in sentences]),
                                         sentences, seed)
    models = {group: Pipeline([("features", union), ("model", estimator)])
              for group, estimator in fitted.items()}
    return models, counts


def _description(code: object) -> str:
    parts = [getattr(code, "label", ""), getattr(code, "definition", ""),
             getattr(code, "include", ""), " ".join(getattr(code, "examples", ()))]
    return " ".join(p for p in parts if p)


class CodeGuesser:
    """The likeliest code of a group for a sentence: the per-code model's probability where
    the group has models, else the codebook description most similar to the sentence."""

    def __init__(self, codebook: Codebook, code_models: dict[str, Pipeline]) -> None:
        self.codebook = codebook
        self.code_models = code_models
        self.members = {g: [c.id for c in codebook.codes if c.group == g] for g in GROUPS}
        descriptions = [_description(c) for c in codebook.codes]
        self.vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(
            descriptions)
        self.described = self.vectorizer.transform(descriptions)
        self.index = {c.id: i for i, c in enumerate(codebook.codes)}

    def guess(self, group: str, texts: Sequence[str]) -> list[str]:
        members = self.members.get(group, [])
        if not members or not texts:
            return ["" for _ in texts]
        modelled = {c: m for c, m in self.code_models.items() if c in members}
        if modelled:
            scores = probabilities(modelled, texts)
            names = sorted(scores)
            table = np.vstack([scores[c] for c in names])
            return [names[int(j)] for j in table.argmax(axis=0)]
        similarity = cosine_similarity(self.vectorizer.transform(list(texts)),
                                       self.described[[self.index[c] for c in members]])
        return [members[int(j)] for j in similarity.argmax(axis=1)]


@dataclass(frozen=True, order=True)
class Candidate:
    probability: float
    document_id: str
    sentence_idx: int
    start: int
    end: int
    text: str
    group: str
    code: str


def find_candidates(connection: sqlite3.Connection, group_models: dict[str, Pipeline],
                    guesser: CodeGuesser, n: int, groups: Sequence[str] | None = None
                    ) -> list[Candidate]:
    """The n (sentence, group) pairs with the highest group probability among sentences that
    carry no tag of that group (of any source: rule, classifier, an earlier candidate) and no
    judgement of a coder (who has seen the sentence and said what it holds), each with its
    guessed code; highest first. One pass over the
    documents holding at most n candidates."""
    chosen = [g for g in GROUPS if g in group_models and (not groups or g in groups)]
    best: list[tuple[float, str, int, str]] = []
    for (document_id,) in connection.execute(
            "SELECT id FROM documents WHERE status = 'ok' ORDER BY id").fetchall():
        rows = connection.execute(
            "SELECT idx, text FROM sentences WHERE document_id = ? ORDER BY idx",
            (document_id,)).fetchall()
        if not rows:
            continue
        covered = {(idx, group_of(code)) for idx, code in connection.execute(
            "SELECT sentence_idx, code FROM tags WHERE document_id = ?", (document_id,))}
        judged = {idx for (idx,) in connection.execute(
            "SELECT DISTINCT sentence_idx FROM judgements WHERE document_id = ?",
            (document_id,))}
        texts = [row[1] for row in rows]
        scores = probabilities({g: group_models[g] for g in chosen}, texts)
        for group in chosen:
            for (idx, _), p in zip(rows, scores[group]):
                if (idx, group) in covered or idx in judged:
                    continue
                item = (round(float(p), 6), document_id, int(idx), group)
                if len(best) < n:
                    heapq.heappush(best, item)
                elif item > best[0]:
                    heapq.heapreplace(best, item)
    result = []
    ordered = sorted(best, key=lambda b: (-b[0], b[1], b[2], b[3]))
    for probability, document_id, idx, group in ordered:
        row = connection.execute("SELECT start, end, text FROM sentences WHERE document_id = ?"
                                 " AND idx = ?", (document_id, idx)).fetchone()
        code = guesser.guess(group, [row[2]])[0]
        result.append(Candidate(probability, document_id, idx, row[0], row[1], row[2], group,
                                code))
    return result


def store_candidates(connection: sqlite3.Connection, tags: Sequence[Tag]) -> int:
    """Add candidate tags in one transaction, never replacing a tag with the same id (span
    and code): an earlier tag there, judged or not, stays as it is. Returns how many were
    new."""
    from ..store import begin_immediate, insert_tags

    begin_immediate(connection, "review candidates")
    try:
        before = connection.total_changes
        insert_tags(connection, tags, None, replace=False)
        added = connection.total_changes - before
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return added


def as_tags(candidates: Sequence[Candidate], model_id: str, codebook_hash: str) -> list[Tag]:
    return [Tag(document_id=c.document_id, sentence_index=c.sentence_idx, start=c.start,
                end=c.end, code=c.code, text=c.text, source="candidate",
                rule=f"candidate:{model_id}", score=c.probability,
                codebook_hash=codebook_hash) for c in candidates if c.code]
