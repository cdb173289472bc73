"""The spaCy pipeline per language: blank tokenizer, sentencizer, lemmas, lower-cased norms.

No trained pipeline is needed (none can be downloaded here): `spacy.blank(lang)` with the
sentencizer and the lookup lemmatizer from spacy-lookups-data, pymorphy3 for Russian. Languages
that spaCy's blank pipeline cannot tokenise without extra libraries (Kazakh, Japanese, Korean)
use the multi-language tokenizer. An installed trained pipeline can be named instead.

The last component writes each token's lower-cased lemma into `token.norm_`: codebook lemma
patterns match on NORM, so "Festivals" at the start of a sentence finds the lemma "festival".
"""

from __future__ import annotations

import functools
import logging
from itertools import repeat
from typing import Any

import numpy
import spacy
from spacy.attrs import IS_PUNCT, LEMMA, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Lemmatizer as SpacyLemmatizer
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

# spaCy has a lookup table or rule lemmatizer for these; others get lower-cased forms.
LOOKUP_LEMMA_LANGUAGES = frozenset(
    "ca cs da de en es fr hr hu id it lb lt mk nb nl pt ro sr sv tl tr ur".split()
)
MULTILANG_FALLBACK = frozenset({"kk", "ko", "he", "xx"})
# Japanese needs SudachiPy for words; Chinese-style character segmentation still gives
# sentences (split at 。！？) and lets phrase patterns match character sequences.
CHARACTER_SEGMENTED = frozenset({"ja"})
MAX_CHARS = 2_000_000

log = logging.getLogger(__name__)


@Language.factory("cultdip_sentencizer",
                  default_config={"punct_chars": None, "overwrite": False})
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None,
                     overwrite: bool) -> "ArraySentencizer":
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite)


class ArraySentencizer(Sentencizer):
    """spaCy's rule-based sentencizer, its rule applied to arrays instead of Token objects.

    Why: spaCy's own walks the doc token by token in Python (a Token object, its text and
    a set lookup each), a tenth of our pipeline's time. The rule is the same: a sentence
    starts at token 0 and at every token that is neither punctuation nor a sentence-final
    character when a sentence-final character ("." "!" "?" ...) came after the previous such
    token; tokens whose SENT_START is already set keep it (unless `overwrite`).
    """

    def __call__(self, doc: Doc) -> Doc:
        length = len(doc)
        if not length:
            return doc
        strings = doc.vocab.strings
        final = getattr(self, "_final", None)
        if final is None or getattr(self, "_final_of", None) is not self.punct_chars:
            final = numpy.array(sorted(strings.add(c) for c in self.punct_chars),
                                dtype=numpy.uint64)
            self._final, self._final_of = final, self.punct_chars
        columns = doc.to_array([ORTH, IS_PUNCT, SENT_START])
        orths = columns[:, 0]
        found = numpy.minimum(numpy.searchsorted(final, orths), final.size - 1)
        is_final = final[found] == orths  # numpy.isin costs more than the whole rule
        content = numpy.flatnonzero(~is_final & (columns[:, 1] == 0))
        finals_before = numpy.cumsum(is_final)  # sentence-final tokens up to each token
        # For each content token, the sentence-final tokens before it; it starts a sentence
        # when there are more than before the previous content token (for the first content
        # token: when there are any)
        seen = finals_before[content - 1]
        if content.size and content[0] == 0:
            seen[0] = 0  # nothing comes before token 0
        previous = numpy.concatenate(([0], seen[:-1]))
        guesses = numpy.zeros(length, dtype=bool)
        guesses[0] = True
        guesses[content[seen > previous]] = True
        wanted = numpy.where(guesses, 1, -1).astype(numpy.uint64)  # -1 wraps, as spaCy's
        if not self.overwrite:
            current = columns[:, 2]
            wanted = numpy.where(current == 0, wanted, current)
        doc.from_array([SENT_START], wanted.reshape(length, 1))
        return doc


@Language.factory("cultdip_lemma_norm")
def make_lemma_norm(nlp: Language, name: str) -> "LemmaNorm":
    return LemmaNorm(nlp)


class LemmaNorm:
    """Sets NORM to the lower-cased lemma; retries the lookup on the lower-cased word.

    With spaCy's lookup lemmatizer before it, it also sets the lemmas (`sets_lemmas`; the
    pipeline then leaves spaCy's lemmatizer disabled): the same table lookup once per word
    (remembered across docs) instead of once per token through a Python Token object, which
    was a fifth of the pipeline's time.
    """

    MAX_WORDS = 500_000  # words whose lemma and norm are remembered across docs

    def __init__(self, nlp: Language) -> None:
        self.table: Any = None
        self.morph: Any = None
        self.sets_lemmas = False
        # word hash -> row of `values`: (lemma hash, norm hash); the strings stay in the
        # vocab's string store. Rows past `size` are free.
        self.rows: dict[int, int] = {}
        self.values = numpy.zeros((1024, 2), dtype=numpy.uint64)
        self.size = 0
        if "lemmatizer" in nlp.pipe_names:
            lemmatizer = nlp.get_pipe("lemmatizer")
            lookups = getattr(lemmatizer, "lookups", None)
            if lookups is not None and lookups.has_table("lemma_lookup"):
                self.table = lookups.get_table("lemma_lookup")
                self.sets_lemmas = (
                    getattr(lemmatizer, "mode", None) == "lookup"
                    and not getattr(lemmatizer, "overwrite", False)
                    and type(lemmatizer).lookup_lemmatize is SpacyLemmatizer.lookup_lemmatize)
            # Without part-of-speech tags spaCy's pymorphy3 mode leaves a word whose parses
            # disagree unlemmatised ("многосоставную", "может"): take pymorphy3's most
            # probable parse instead, so Russian lemma patterns find every form.
            self.morph = getattr(lemmatizer, "_morph", None)

    def __call__(self, doc: Doc) -> Doc:
        """Lemmas and norms read and written as arrays; a word's are worked out the first
        time it is met and then taken from `values` by row.

        Why rows: finding a doc's distinct words first (`numpy.unique`, a sort) and building
        an array of their values from Python tuples cost more than looking every token's
        row up in a dict (in C, through `map`)."""
        length = len(doc)
        if not length:
            return doc
        rows = self.rows
        if self.sets_lemmas:
            orths = doc.to_array(ORTH)
            lemma_hashes = None
        else:
            words = doc.to_array([ORTH, LEMMA])
            orths, lemma_hashes = words[:, 0], words[:, 1]
        found = numpy.fromiter(map(rows.get, orths.tolist(), repeat(-1)), dtype=numpy.int64,
                               count=length)
        missing = numpy.flatnonzero(found < 0)
        if missing.size:
            strings = doc.vocab.strings
            # Words of this doc met first here; those the full dict has no room for get rows
            # past `kept`, free again after this doc.
            own: dict[int, int] = {}
            kept = self.size
            for index in missing.tolist():
                orth = int(orths[index])
                row = rows.get(orth, own.get(orth, -1))
                if row < 0:  # its first token in the doc: its values from that token
                    row = self._new_row(strings, orth, None if lemma_hashes is None
                                        else int(lemma_hashes[index]))
                    if len(rows) < self.MAX_WORDS:
                        rows[orth] = row
                        kept = self.size
                    else:
                        own[orth] = row
                found[index] = row
            self.size = kept
        values = self.values[found]  # a copy: rows past `size` may be reused by the next doc
        if self.sets_lemmas:
            doc.from_array([LEMMA, NORM], values)
        else:
            doc.from_array([NORM], values[:, 1:])
        return doc

    def _new_row(self, strings: Any, orth: int, lemma_hash: int | None) -> int:
        """A row for a word's lemma and norm: with `lemma_hash` None, the lemma is spaCy's
        lookup_lemmatize (the table's entry for the exact text, or the text); otherwise the
        lemma the pipeline gave the word's first token in the doc."""
        text = strings[orth]
        if lemma_hash is None:
            lemma = _as_lemma(self.table.get(text, text), text)
        else:
            lemma = strings[lemma_hash] if lemma_hash else ""
        row = self.size
        if row == len(self.values):
            self.values = numpy.concatenate([self.values, numpy.zeros_like(self.values)])
        self.values[row] = (strings.add(lemma) if lemma else 0,
                            strings.add(self.norm(text, lemma)))
        self.size = row + 1
        return row

    def norm(self, text: str, lemma: str) -> str:
        """The lower-cased lemma of a word; spaCy's lookup is retried on the lower-cased word
        ("Festivals" misses "festivals" in the case-sensitive table)."""
        lemma = lemma or text
        lower = text.lower()
        if self.table is not None:
            lemma = _as_lemma(self.table.get(lower, lemma), lemma)
        norm = lemma.lower() if lemma else lower
        if self.morph is not None and norm == lower and lower.isalpha():
            norm = self.morph.parse(lower)[0].normal_form
        return norm


def _as_lemma(found: object, fallback: str) -> str:
    """Some languages' lookup tables hold several lemmas for a form (a list): take the first."""
    if isinstance(found, str):
        return found
    if isinstance(found, (list, tuple)) and found and isinstance(found[0], str):
        return found[0]
    return fallback


def spacy_language_code(lang: str | None) -> str:
    lang = (lang or "en").lower()
    if lang in CHARACTER_SEGMENTED:
        return "zh"
    if lang in MULTILANG_FALLBACK:
        return "xx"
    try:
        spacy.util.get_lang_class(lang)
    except ImportError:
        return "xx"
    return lang


@functools.lru_cache(maxsize=16)
def blank_pipeline(lang: str | None) -> Language:
    """Blank + sentencizer + lemmatizer + norms; cached because building it takes a second."""
    code = spacy_language_code(lang)
    try:
        nlp = spacy.blank(code)
    except ImportError:
        nlp = spacy.blank("xx")
        code = "xx"
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("cultdip_sentencizer", name="sentencizer")  # spaCy's rule, on arrays
    if code == "ru":
        _add_lemmatizer(nlp, {"mode": "pymorphy3"})
    elif code in LOOKUP_LEMMA_LANGUAGES:
        _add_lemmatizer(nlp, {"mode": "lookup"})
    norms = nlp.add_pipe("cultdip_lemma_norm")
    if norms.sets_lemmas:
        nlp.disable_pipe("lemmatizer")  # its lookups are done by cultdip_lemma_norm
    return nlp


def _add_lemmatizer(nlp: Language, config: dict[str, Any]) -> None:
    try:
        nlp.add_pipe("lemmatizer", config=config)
        nlp.initialize()
    except Exception as error:  # missing lookup data: lemmas fall back to lower case
        log.warning("no lemmatizer for %s (%s); matching on lower-cased words", nlp.lang, error)
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")


def trained_pipeline(name: str) -> Language:
    """An installed trained pipeline (e.g. en_core_web_sm), with our norms added."""
    nlp = spacy.load(name)
    if "cultdip_lemma_norm" not in nlp.pipe_names:
        nlp.add_pipe("cultdip_lemma_norm")
    nlp.max_length = MAX_CHARS
    return nlp
