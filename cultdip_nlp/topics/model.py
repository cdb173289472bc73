"""Training LDA (seeded or not) and measuring it: coherence, perplexity, diversity.

Seeded topics come first (topic i stands for seeds[i].code), free topics after them. A seed
word gets a larger prior in its own topic and a smaller one elsewhere, and its topic starts
with pseudo-counts on its seeds, so the first E-step already draws the code's sentences to
it; the prior keeps pulling afterwards. By default (`warm_start="nmf"`) the topics do not start
at random but from `warm_start.initial_statistics`: NMF themes for the free topics, the
seeds' contexts for the seeded ones. With `workers == 1` training is single-process
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
from .warm_start import initial_statistics

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


def seed_strength(corpus: PreparedCorpus, words: tuple[str, ...], share: float) -> np.ndarray:
    """Pseudo-counts for seed words: `share` of each word's corpus frequency.

    A fixed prior of 1 is nothing against a word seen 2,000 times: the topic drifts away from
    its seeds as soon as the data speak. Scaling with the word's frequency keeps the same
    hold on a corpus of 40 documents and one of 2,000.
    """
    ids = [corpus.dictionary.token2id[w] for w in words]
    return np.array([share * corpus.dictionary.cfs.get(i, 0) for i in ids], dtype=np.float64)


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
        eta[topic, ids] = settings.seed_prior + seed_strength(corpus, seed.words,
                                                              settings.seed_weight)
    return eta


def train(corpus: PreparedCorpus, seeds: list[Seed], settings: ModelSettings,
          bows: Iterable[list[tuple[int, int]]] | None = None) -> TrainedModel:
    """Fit LDA on the prepared corpus (or on `bows`, a part of it); no seeds: plain LDA."""
    k = settings.k
    if len(seeds) > k:
        raise ValueError(f"{len(seeds)} seeded topics do not fit in K={k}")
    eta: np.ndarray | str = seeded_eta(corpus, k, seeds, settings) if seeds else "symmetric"
    common = dict(id2word=corpus.dictionary, num_topics=k, eta=eta, passes=settings.passes,
                  iterations=settings.iterations, chunksize=settings.chunksize,
                  random_state=settings.seed, eval_every=None, decay=settings.decay,
                  offset=settings.offset, gamma_threshold=settings.gamma_threshold)
    if settings.workers > 1:
        alpha = settings.alpha if settings.alpha != "auto" else "symmetric"
        lda: LdaModel = LdaMulticore(workers=settings.workers - 1, alpha=alpha, **common)
    else:
        lda = LdaModel(alpha=settings.alpha, update_every=settings.update_every, **common)
    training = bows if bows is not None else corpus.bows()
    seed_ids = [np.array([corpus.dictionary.token2id[w] for w in seed.words], dtype=np.int64)
                for seed in seeds]
    if settings.warm_start == "nmf":
        lda.state.sstats[:] = initial_statistics(training, len(corpus.dictionary), seed_ids,
                                                 k, settings.seed, settings.warm_start_units)
    elif settings.warm_start != "none":
        raise ValueError(f"warm start must be 'nmf' or 'none', not {settings.warm_start!r}")
    if seeds or settings.warm_start != "none":
        for topic, (seed, ids) in enumerate(zip(seeds, seed_ids)):
            lda.state.sstats[topic, ids] += seed_strength(corpus, seed.words,
                                                          settings.seed_initial_share)
        lda.sync_state()
    lda.update(training)
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


def held_out_mask(units: int, fraction: float, seed: int) -> np.ndarray:
    """Which units to hold out: a fixed-seed random `fraction` of them (at least one)."""
    if not 0 < fraction < 1:
        raise ValueError(f"held-out fraction must be between 0 and 1, not {fraction}")
    mask = np.zeros(units, dtype=bool)
    count = max(1, int(round(units * fraction)))
    mask[np.random.default_rng(seed).choice(units, size=count, replace=False)] = True
    return mask


class UnitSubset:
    """Re-iterable bags of words of the units where `mask` equals `keep`, streamed from disk."""

    def __init__(self, corpus: PreparedCorpus, mask: np.ndarray, keep: bool) -> None:
        self.corpus = corpus
        self.mask = mask
        self.keep = keep

    def __iter__(self):  # type: ignore[no-untyped-def]
        for bow, held in zip(self.corpus.bows(), self.mask):
            if bool(held) == self.keep:
                yield bow

    def __len__(self) -> int:
        return int((self.mask == self.keep).sum())


def held_out_perplexity(model: TrainedModel, held_out: Iterable[list[tuple[int, int]]]) -> float:
    """2^(-per-word bound) on units the model never saw: lower generalises better.

    Unlike perplexity on the training units it does not keep falling as K grows, so it can
    say when more topics only memorise the corpus.
    """
    return float(np.exp2(-model.lda.log_perplexity(list(held_out))))


def perplexity(model: TrainedModel, corpus: PreparedCorpus) -> float:
    """2^(-per-word bound) on the training units: lower fits better (compare within a corpus)."""
    return float(np.exp2(-model.lda.log_perplexity(corpus.bows())))
