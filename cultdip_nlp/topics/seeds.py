"""Seed words per code, taken from the codebook's phrase and lemma patterns.

A seeded topic stands for a code: its seed words get a stronger prior (eta) and a head start
in that topic, as in seeded LDA (Jagarlamudi et al. 2012) and keyword-assisted topic models
(Eshima et al. 2024). Seeds go through the same lemmas and phrases as the corpus, so the
pattern "cultural heritage" seeds the corpus term "cultural_heritage" when the phrase model
found it, and its words otherwise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..codebook import Codebook
from .prepare import Lemmatizer, PreparedCorpus


@dataclass(frozen=True)
class Seed:
    code: str
    label: str
    words: tuple[str, ...]
    frequency: int  # corpus frequency of the seed words: how much evidence the topic has


def code_seeds(codebook: Codebook, corpus: PreparedCorpus, lemmatizer: Lemmatizer) -> list[Seed]:
    """Every code with at least one seed word in the corpus vocabulary, most frequent first."""
    dictionary = corpus.dictionary
    frequency = dictionary.cfs
    seeds: list[Seed] = []
    candidates: dict[str, Counter[str]] = {}
    for code in codebook.codes:
        # Context-bound patterns are ambiguous words ("language" only near "state"): no seed.
        phrases = [p.value for p in code.patterns
                   if p.kind in ("phrase", "lemma") and isinstance(p.value, str)
                   and p.lang == corpus.settings.language and not p.requires_any]
        words: Counter[str] = Counter()
        for phrase, tokens in zip(phrases, lemmatizer.pipe(phrases)):
            joined = [t for t in corpus.phrases[tokens] if t in dictionary.token2id]
            single = len(phrase.split()) == 1 and len(tokens) == 1
            if single or (len(joined) == 1 and "_" in joined[0]):
                words.update(joined)  # a word, or a multiword pattern found as a phrase
        candidates[code.id] = words
    spread: Counter[str] = Counter(w for words in candidates.values() for w in words)
    for code in codebook.codes:
        # A word that seeds three or more codes tells none of them apart.
        words = Counter({w: n for w, n in candidates[code.id].items() if spread[w] < 3})
        ids = [dictionary.token2id[w] for w in words]
        total = sum(frequency.get(i, 0) for i in ids)
        if words:
            seeds.append(Seed(code=code.id, label=code.label, words=tuple(sorted(words)),
                              frequency=int(total)))
    seeds.sort(key=lambda s: (-s.frequency, s.code))
    return seeds


def choose_seeds(seeds: list[Seed], k: int, max_seeded: int | None,
                 min_frequency: int) -> list[Seed]:
    """The codes that get a topic: enough corpus evidence, at most half of K by default."""
    limit = max_seeded if max_seeded is not None else k // 2
    chosen = [s for s in seeds if s.frequency >= min_frequency][:max(0, min(limit, k))]
    return sorted(chosen, key=lambda s: s.code)
