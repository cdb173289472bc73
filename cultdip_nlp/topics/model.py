"""Training LDA (seeded or not) and measuring it: coherence, perplexity, diversity.

Seeded topics come first (topic i stands for seeds[i].code), free topics after them. A seed
word gets a larger prior in its own topic and a smaller one elsewhere, and its topic starts
with pseudo-counts on its seeds, so the first E-step already draws the code's sentences to
it; the prior keeps pulling afterwards. With `workers == 1` training is single-process
`LdaModel` and bit-for-bit reproducible for the same corpus and seed; `workers > 1` uses
`LdaMulticore`, faster on long corpora but its merge order is not fixed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from gensim.models import CoherenceModel, LdaModel, LdaMulticore

from .prepare import PreparedCorpus
from .seeds import Seed
from .settings import ModelSettings

OTHER_TOPIC_SHRINK = 0.1
DIVERSITY_TOPN = 25

log = logging.getLogger(__name__)


@dataclass
class TrainedModel:
    lda: LdaModel
    seeds: list[Seed]  # seeds[i] belongs to topic i

    @property
    def k(self) -> int:
        return int(self.lda.num_topics)

    def topic_code(self, topic: int) -> str | None:
        return self.seeds[topic].code if topic < len(self.seeds) else None

    def top_terms(self, topn: int = 10) -> list[list[str]]:
        return [[word for word, _ in self.lda.show_topic(t, topn=topn)] for t in range(self.k)]


def seeded_eta(corpus: PreparedCorpus, k: int, seeds: list[Seed],
               settings: ModelSettings) -> np.ndarray:
    """Topic-word prior: 1/K everywhere, seed words raised in their topic, lowered elsewhere."""
    vocabulary = len(corpus.dictionary)
    base = 1.0 / k
    eta = np.full((k, vocabulary), base, dtype=np.float64)
    for topic, seed in enumerate(seeds):
        ids = [corpus.dictionary.token2id[w] for w in seed.words]
        eta[:, ids] = np.minimum(eta[:, ids], base * OTHER_TOPIC_SHRINK)
    for topic, seed in enumerate(seeds):
        ids = [corpus.dictionary.token2id[w] for w in seed.words]
        eta[topic, ids] = settings.seed_prior
    return eta


def train(corpus: PreparedCorpus, seeds: list[Seed], settings: ModelSettings) -> TrainedModel:
    """Fit LDA on the prepared corpus; seeds empty means plain (unseeded) LDA."""
    k = settings.k
    if len(seeds) > k:
        raise ValueError(f"{len(seeds)} seeded topics do not fit in K={k}")
    eta: np.ndarray | str = seeded_eta(corpus, k, seeds, settings) if seeds else "symmetric"
    common = dict(id2word=corpus.dictionary, num_topics=k, eta=eta, passes=settings.passes,
                  iterations=settings.iterations, chunksize=settings.chunksize,
                  random_state=settings.seed, eval_every=None)
    if settings.workers > 1:
        alpha = settings.alpha if settings.alpha != "auto" else "symmetric"
        lda: LdaModel = LdaMulticore(workers=settings.workers - 1, alpha=alpha, **common)
    else:
        lda = LdaModel(alpha=settings.alpha, **common)
    if seeds:
        for topic, seed in enumerate(seeds):
            ids = [corpus.dictionary.token2id[w] for w in seed.words]
            lda.state.sstats[topic, ids] += settings.seed_initial_mass
        lda.sync_state()
    lda.update(corpus.bows())
    return TrainedModel(lda=lda, seeds=list(seeds))


def topic_diversity(topics: list[list[str]], topn: int = DIVERSITY_TOPN) -> float:
    """Share of distinct words among the topics' top words (1 = no topic repeats another)."""
    words = [w for topic in topics for w in topic[:topn]]
    return len(set(words)) / len(words) if words else 0.0


def coherence(topics: list[list[str]], texts: Iterable[list[str]], dictionary,  # type: ignore[no-untyped-def]
              measure: str = "c_v", topn: int = 10, processes: int = 1) -> tuple[float, list[float]]:
    """Mean and per-topic coherence of top-word lists against reference texts."""
    model = CoherenceModel(topics=[t[:topn] for t in topics], texts=texts,
                           dictionary=dictionary, coherence=measure, topn=topn,
                           processes=processes)
    per_topic = [float(v) for v in model.get_coherence_per_topic()]
    return float(np.mean(per_topic)), per_topic


def perplexity(model: TrainedModel, corpus: PreparedCorpus) -> float:
    """2^(-per-word bound) on the training units: lower fits better (compare within a corpus)."""
    return float(np.exp2(-model.lda.log_perplexity(corpus.bows())))
