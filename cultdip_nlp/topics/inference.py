"""Topic shares of units, documents and sentences, and the topic tags they earn.

Inference runs in batches through gensim's `LdaModel.inference` (one call per batch, not per
text). A sentence earns a tag when a *seeded* topic's share passes the threshold: only a
seeded topic stands for a code; free topics describe the corpus but tag nothing.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from gensim.models import LdaModel

from ..records import Tag
from .prepare import PreparedCorpus

BATCH = 2000
DEFAULT_THRESHOLD = 0.5
MIN_SENTENCE_TOKENS = 4


def topic_shares(lda: LdaModel, bows: Sequence[list[tuple[int, int]]]) -> np.ndarray:
    """Rows of topic proportions (each sums to 1), one per bag of words."""
    if not bows:
        return np.zeros((0, lda.num_topics))
    gamma, _ = lda.inference(list(bows))
    return gamma / gamma.sum(axis=1, keepdims=True)


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:  # type: ignore[type-arg]
    batch: list = []  # type: ignore[type-arg]
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class CorpusShares:
    """What one pass over the training units tells: document shares, sizes, top units."""

    documents: dict[str, np.ndarray] = field(default_factory=dict)  # token-weighted sums
    document_tokens: dict[str, int] = field(default_factory=dict)
    topic_tokens: np.ndarray | None = None
    top_units: list[list[tuple[float, int]]] = field(default_factory=list)  # per topic heap

    def document_share(self, document_id: str) -> np.ndarray:
        return self.documents[document_id] / max(1, self.document_tokens[document_id])

    @property
    def sizes(self) -> np.ndarray:
        assert self.topic_tokens is not None
        return self.topic_tokens / max(1.0, float(self.topic_tokens.sum()))


def corpus_shares(lda: LdaModel, corpus: PreparedCorpus, keep_top: int = 20) -> CorpusShares:
    """Stream the units once: a document's share is its units' shares weighted by tokens."""
    k = lda.num_topics
    result = CorpusShares(topic_tokens=np.zeros(k), top_units=[[] for _ in range(k)])
    position = 0
    for batch in batched(corpus.bows()):
        shares = topic_shares(lda, batch)
        for row, bow in zip(shares, batch):
            unit = corpus.units[position]
            tokens = sum(n for _, n in bow)
            weighted = row * tokens
            if unit.document_id in result.documents:
                result.documents[unit.document_id] += weighted
                result.document_tokens[unit.document_id] += tokens
            else:
                result.documents[unit.document_id] = weighted.copy()
                result.document_tokens[unit.document_id] = tokens
            result.topic_tokens += weighted  # type: ignore[operator]
            for topic in range(k):
                heap = result.top_units[topic]
                item = (float(row[topic]), position)
                if len(heap) < keep_top:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heapreplace(heap, item)
            position += 1
    for topic in range(k):
        result.top_units[topic].sort(reverse=True)
    return result


@dataclass(frozen=True)
class SentenceInput:
    document_id: str
    index: int
    start: int
    end: int
    text: str


def sentence_topic_tags(
    lda: LdaModel, corpus: PreparedCorpus, lemmatizer, sentences: Iterable[SentenceInput],  # type: ignore[no-untyped-def]
    topic_codes: dict[int, str], model_id: str, codebook_hash: str,
    threshold: float = DEFAULT_THRESHOLD, min_tokens: int = MIN_SENTENCE_TOKENS,
) -> Iterator[Tag]:
    """Tags for sentences where a seeded topic's share reaches the threshold."""
    seeded = sorted(topic_codes)
    if not seeded:
        return
    for batch in batched(sentences, 512):
        tokens = list(corpus.tokens_for(lemmatizer, (s.text for s in batch)))
        keep = [(s, corpus.dictionary.doc2bow(t)) for s, t in zip(batch, tokens)
                if len(t) >= min_tokens]
        if not keep:
            continue
        shares = topic_shares(lda, [bow for _, bow in keep])
        for (sentence, _), row in zip(keep, shares):
            for topic in seeded:
                score = float(row[topic])
                if score >= threshold:
                    yield Tag(document_id=sentence.document_id, sentence_index=sentence.index,
                              start=sentence.start, end=sentence.end, code=topic_codes[topic],
                              text=sentence.text, source="topic",
                              rule=f"topic:{model_id}:{topic}", score=round(score, 4),
                              codebook_hash=codebook_hash)
