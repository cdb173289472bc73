"""Classifier suggestions as tags: sentences the rules did not tag, above the code's threshold."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from sklearn.pipeline import Pipeline

from ..records import Tag
from .classifier import probabilities


@dataclass(frozen=True)
class Suggestion:
    document_id: str
    sentence_idx: int
    start: int
    end: int
    text: str
    code: str
    probability: float


def _sentences_and_rule_codes(connection: sqlite3.Connection, document_id: str
                              ) -> tuple[list[sqlite3.Row], set[tuple[int, str]]]:
    """A document's sentences, and the (sentence, code) pairs the rules already tagged."""
    sentences = connection.execute(
        "SELECT idx, start, end, text FROM sentences WHERE document_id = ? ORDER BY idx",
        (document_id,)).fetchall()
    ruled = {(idx, code) for idx, code in connection.execute(
        "SELECT sentence_idx, code FROM tags WHERE document_id = ? AND source = 'rule'",
        (document_id,))}
    return sentences, ruled


def suggest(connection: sqlite3.Connection, document_id: str, models: dict[str, Pipeline],
            thresholds: dict[str, float]) -> list[Suggestion]:
    """Suggestions for one document: probability >= threshold and no rule tag of that code."""
    sentences, ruled = _sentences_and_rule_codes(connection, document_id)
    if not sentences:
        return []
    texts = [row["text"] for row in sentences]
    result = []
    for code, scores in probabilities(models, texts).items():
        threshold = thresholds.get(code, 1.01)
        for row, probability in zip(sentences, scores):
            if probability >= threshold and (row["idx"], code) not in ruled:
                result.append(Suggestion(document_id, row["idx"], row["start"], row["end"],
                                         row["text"], code, round(float(probability), 4)))
    return result


def as_tags(suggestions: list[Suggestion], model_id: str, codebook_hash: str) -> list[Tag]:
    return [Tag(document_id=s.document_id, sentence_index=s.sentence_idx, start=s.start,
                end=s.end, code=s.code, text=s.text, source="classifier",
                rule=f"classifier:{model_id}", score=s.probability,
                codebook_hash=codebook_hash) for s in suggestions]


def uncertainty(connection: sqlite3.Connection, models: dict[str, Pipeline],
                document_ids: list[str] | None = None
                ) -> Iterator[tuple[float, str, int, str]]:
    """(uncertainty, document, sentence, code), most informative first within each document.

    Uncertainty is high where the classifier is unsure (p near 0.5) and where it disagrees
    with the rules (a rule tag the classifier doubts, or a confident suggestion no rule made).
    """
    ids = document_ids or [r[0] for r in connection.execute(
        "SELECT id FROM documents WHERE status = 'ok' ORDER BY id")]
    for document_id in ids:
        sentences, ruled = _sentences_and_rule_codes(connection, document_id)
        if not sentences:
            continue
        texts = [row["text"] for row in sentences]
        scored = []
        for code, scores in probabilities(models, texts).items():
            for row, p in zip(sentences, scores):
                ruled_here = (row["idx"], code) in ruled
                disagreement = (1 - p) if ruled_here else p
                score = max(1 - 2 * abs(p - 0.5), disagreement)
                if ruled_here or p >= 0.2:
                    scored.append((round(float(score), 4), document_id, row["idx"], code))
        yield from sorted(scored, reverse=True)


def tag_uncertainty(probability: float, source: str) -> float:
    """How much a coder's judgement on this tag would teach: the classifier is unsure
    (p near 0.5), or it disagrees with the source that made the tag (a rule tag it doubts,
    a suggestion no rule made)."""
    doubt = 1 - 2 * abs(probability - 0.5)
    disagreement = 1 - probability if source == "rule" else probability
    return round(max(doubt, disagreement), 6)


def rescore_candidates(connection: sqlite3.Connection,
                       candidates: Iterator[tuple[str, str, float]],
                       models: dict[str, Pipeline], batch: int = 256
                       ) -> Iterator[tuple[str, str, float]]:
    """Review candidates (tag id, code, score) with the score replaced by 1 - uncertainty, so
    that "lowest score first" means "most informative first". Tags of codes without a model
    keep their machine score. Streams in batches: memory stays flat."""
    chunk: list[tuple[str, str, float]] = []

    def flush() -> Iterator[tuple[str, str, float]]:
        marks = ",".join("?" for _ in chunk)
        rows = {row[0]: (row[1], row[2]) for row in connection.execute(
            "SELECT t.id, t.source, s.text FROM tags t JOIN sentences s ON"
            f" s.document_id = t.document_id AND s.idx = t.sentence_idx WHERE t.id IN ({marks})",
            [c[0] for c in chunk])}
        by_code: dict[str, list[int]] = {}
        for position, (tag_id, code, _) in enumerate(chunk):
            if code in models and tag_id in rows:
                by_code.setdefault(code, []).append(position)
        scores = [c[2] for c in chunk]
        # one transform of the chunk's texts serves every code's model
        texts = [rows[tag_id][1] if tag_id in rows else "" for tag_id, _, _ in chunk]
        every = probabilities({code: models[code] for code in by_code}, texts)
        for code, positions in by_code.items():
            for position in positions:
                source = rows[chunk[position][0]][0]
                scores[position] = 1 - tag_uncertainty(float(every[code][position]), source)
        for (tag_id, code, _), score in zip(chunk, scores):
            yield tag_id, code, score

    for candidate in candidates:
        chunk.append(candidate)
        if len(chunk) >= batch:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()
