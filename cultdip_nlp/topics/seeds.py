"""Seed words per code, from the codebook's patterns and from the sentences its rules tagged.

A seeded topic stands for a code: its seed words get a stronger prior (eta) and a head start
in that topic, as in seeded LDA (Jagarlamudi et al. 2012) and keyword-assisted topic models
(Eshima et al. 2024). Seeds go through the same lemmas and phrases as the corpus, so the
pattern "cultural heritage" seeds the corpus term "cultural_heritage" when the phrase model
found it, and its words otherwise.

Patterns alone are thin seeds: many are multiword or bound to a context, so a code is often
left with one or two words ("visa" for tourism). The rule tags already in the store say more:
the words that are far more frequent in a code's tagged sentences than in the corpus
("tourism", "tourist", "visitor") are how this corpus talks about the code. They join the
pattern words, and the number of tagged sentences decides which codes have enough evidence to
hold a topic at all: a code the rules found in a handful of sentences would only get a topic
of leftovers.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass

from ..codebook import Codebook
from .prepare import Lemmatizer, PreparedCorpus

EVIDENCE_WORDS = 10     # distinctive words taken from a code's tagged sentences
EVIDENCE_MIN_COUNT = 5  # ...each seen in at least this many of them
EVIDENCE_MIN_LIFT = 4.0  # ...and this many times more often there than in the corpus


@dataclass(frozen=True)
class Seed:
    code: str
    label: str
    words: tuple[str, ...]
    frequency: int  # corpus frequency of the seed words: how much evidence the topic has
    rule_sentences: int = 0  # sentences of the corpus the code's rules tagged


def tagged_sentences(connection: sqlite3.Connection, corpus: PreparedCorpus,
                     lemmatizer: Lemmatizer) -> dict[str, list[list[str]]]:
    """Prepared tokens of every sentence a code's rules tagged, per code (corpus documents)."""
    documents = {unit.document_id for unit in corpus.units}
    rows = [(code, text) for code, document_id, text in connection.execute(
        "SELECT DISTINCT t.code, t.document_id, s.text FROM tags t JOIN sentences s"
        " ON s.document_id = t.document_id AND s.idx = t.sentence_idx"
        " WHERE t.source = 'rule' ORDER BY t.code, t.document_id, t.sentence_idx")
        if document_id in documents]
    result: dict[str, list[list[str]]] = {}
    tokens = corpus.tokens_for(lemmatizer, (text for _, text in rows))
    for (code, _), words in zip(rows, tokens):
        result.setdefault(code, []).append(words)
    return result


def evidence_words(sentences: list[list[str]], corpus: PreparedCorpus,
                   limit: int = EVIDENCE_WORDS) -> list[str]:
    """Words much more frequent in the tagged sentences than in the corpus, best first."""
    counts: Counter[str] = Counter(w for words in sentences for w in set(words))
    tagged_tokens = max(1, sum(len(words) for words in sentences))
    corpus_tokens = max(1, corpus.stats.get("tokens", 0) or sum(corpus.dictionary.cfs.values()))
    scored = []
    for word, count in counts.items():
        if count < EVIDENCE_MIN_COUNT:
            continue
        frequency = corpus.dictionary.cfs.get(corpus.dictionary.token2id[word], 0)
        lift = (count / tagged_tokens) / (max(1, frequency) / corpus_tokens)
        if lift >= EVIDENCE_MIN_LIFT:
            scored.append((count * math.log(lift), word))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [word for _, word in scored[:limit]]


def code_seeds(codebook: Codebook, corpus: PreparedCorpus, lemmatizer: Lemmatizer,
               evidence: dict[str, list[list[str]]] | None = None) -> list[Seed]:
    """Every code with at least one seed word in the corpus vocabulary, best evidence first."""
    dictionary = corpus.dictionary
    frequency = dictionary.cfs
    evidence = evidence or {}
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
        words.update(evidence_words(evidence.get(code.id, []), corpus))
        candidates[code.id] = words
    spread: Counter[str] = Counter(w for words in candidates.values() for w in words)
    for code in codebook.codes:
        # A word that seeds three or more codes tells none of them apart.
        words = Counter({w: n for w, n in candidates[code.id].items() if spread[w] < 3})
        ids = [dictionary.token2id[w] for w in words]
        total = sum(frequency.get(i, 0) for i in ids)
        if words:
            seeds.append(Seed(code=code.id, label=code.label, words=tuple(sorted(words)),
                              frequency=int(total),
                              rule_sentences=len(evidence.get(code.id, []))))
    seeds.sort(key=lambda s: (-s.rule_sentences, -s.frequency, s.code))
    return seeds


def choose_seeds(seeds: list[Seed], k: int, max_seeded: int | None, min_frequency: int,
                 min_rule_sentences: int = 0) -> list[Seed]:
    """The codes that get a topic: enough corpus evidence, at most `max_seeded` (K/2 if None).

    With rule tags in the store a code needs `min_rule_sentences` tagged sentences; without
    any (a corpus not tagged yet) the corpus frequency of its seed words decides.
    """
    limit = max_seeded if max_seeded is not None else k // 2
    tagged = any(s.rule_sentences for s in seeds)
    chosen = [s for s in seeds if s.frequency >= min_frequency
              and (not tagged or s.rule_sentences >= min_rule_sentences)]
    return sorted(chosen[:max(0, min(limit, k))], key=lambda s: s.code)
