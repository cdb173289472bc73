"""Which token patterns can match in a doc, and in which of its sentences, from their words.

A token pattern needs, for some of its tokens, one of a few words ("our"/"its", then
"history"/"past"/"heritage"): where a doc or a sentence lacks one of them, spaCy's Matcher
(a Python Token object per token it passes) need not run there. The gate answers that from
arrays: every word any pattern requires, per attribute (ORTH, LOWER, NORM), sorted once; a
doc's column is looked up in it with one `searchsorted`, and each word found says which
requirements ("entries") it fills.

Why: looking the words up as Python sets (a Python int per token and column, then set
intersections, then `numpy.isin` and `numpy.unique` per requirement and pattern) was most of
the token patterns' time; with the gate it went from 1.33 to 1.22 ms a UN speech (CPU).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.tokens import Doc

# (attribute id such as spacy.attrs.LOWER, word hashes one of which must occur)
Requirement = tuple[int, frozenset[int]]


@dataclass(frozen=True)
class GateHits:
    """A doc's tokens that hold a required word, and the requirements each one fills."""

    positions: numpy.ndarray  # token indices (int64), not sorted
    fills: numpy.ndarray  # bool, one row per position, one column per requirement

    def present(self) -> numpy.ndarray:
        """Per requirement: does some token of the doc fill it."""
        return self.fills.any(axis=0)  # type: ignore[no-any-return]

    def by_sentence(self, sentence_of: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The sentences (sorted) holding a required word, and per sentence and requirement
        whether one of its tokens fills it. `sentence_of` numbers each token's sentence."""
        held, which = numpy.unique(sentence_of[self.positions], return_inverse=True)
        filled = numpy.zeros((held.size, self.fills.shape[1]), dtype=bool)
        rows, requirements = numpy.nonzero(self.fills)
        filled[which[rows], requirements] = True
        return held, filled


class WordGate:
    """The requirements of a list of patterns, each pattern's given as (attribute, words)."""

    def __init__(self, patterns: Sequence[Sequence[Requirement]]) -> None:
        requirements = [requirement for required in patterns for requirement in required]
        # Per pattern, the columns of GateHits.fills that are its requirements.
        self.requirements_of: list[numpy.ndarray] = []
        first = 0
        for required in patterns:
            self.requirements_of.append(numpy.arange(first, first + len(required)))
            first += len(required)
        self.attributes = sorted({attribute for attribute, _ in requirements})
        self._words: list[numpy.ndarray] = []  # per attribute: the required hashes, sorted
        self._fills: list[numpy.ndarray] = []  # per attribute: word x requirement, bool
        for attribute in self.attributes:
            words = sorted(set().union(*(hashes for wanted, hashes in requirements
                                         if wanted == attribute)))
            row_of = {word: row for row, word in enumerate(words)}
            fills = numpy.zeros((len(words), len(requirements)), dtype=bool)
            for column, (wanted, hashes) in enumerate(requirements):
                if wanted == attribute:
                    fills[[row_of[word] for word in hashes], column] = True
            self._words.append(numpy.array(words, dtype=numpy.uint64))
            self._fills.append(fills)
        self._width = len(requirements)

    def hits(self, doc: Doc) -> GateHits:
        if not self.attributes or not len(doc):
            return GateHits(numpy.zeros(0, dtype=numpy.int64),
                            numpy.zeros((0, self._width), dtype=bool))
        columns = doc.to_array(self.attributes).reshape(len(doc), len(self.attributes))
        positions: list[numpy.ndarray] = []
        fills: list[numpy.ndarray] = []
        for index, (words, word_fills) in enumerate(zip(self._words, self._fills)):
            values = columns[:, index]
            found = numpy.minimum(numpy.searchsorted(words, values), words.size - 1)
            at = numpy.flatnonzero(words[found] == values)
            positions.append(at)
            fills.append(word_fills[found[at]])
        return GateHits(numpy.concatenate(positions), numpy.concatenate(fills))
