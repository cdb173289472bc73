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
from typing import Any

import numpy
import spacy
from spacy.attrs import LEMMA, NORM, ORTH
from spacy.language import Language
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


@Language.factory("cultdip_lemma_norm")
def make_lemma_norm(nlp: Language, name: str) -> "LemmaNorm":
    return LemmaNorm(nlp)


class LemmaNorm:
    """Sets NORM to the lower-cased lemma; retries the lookup on the lower-cased word."""

    def __init__(self, nlp: Language) -> None:
        self.table: Any = None
        # word hash -> norm hash; the norms stay in the vocab's string store with the words
        self.hashes: dict[int, int] = {}
        if "lemmatizer" in nlp.pipe_names:
            lemmatizer = nlp.get_pipe("lemmatizer")
            lookups = getattr(lemmatizer, "lookups", None)
            if lookups is not None and lookups.has_table("lemma_lookup"):
                self.table = lookups.get_table("lemma_lookup")

    def __call__(self, doc: Doc) -> Doc:
        """Norms read and written as arrays, looked up by the word's hash: a Python Token
        object per token cost as much as spaCy's tokenizer."""
        if not len(doc):
            return doc
        cache = self.hashes
        strings = doc.vocab.strings
        words = doc.to_array([ORTH, LEMMA])
        # Once per distinct word: 64-bit hashes are slow to turn into Python ints one by one.
        distinct, first, where = numpy.unique(words[:, 0], return_index=True,
                                              return_inverse=True)
        norms = []
        for orth, index in zip(distinct.tolist(), first.tolist()):
            norm = cache.get(orth)
            if norm is None:
                lemma = int(words[index, 1])
                norm = strings.add(self.norm(strings[orth], strings[lemma] if lemma else ""))
                if len(cache) < 500_000:
                    cache[orth] = norm
            norms.append(norm)
        values = numpy.array(norms, dtype=numpy.uint64)[where]
        doc.from_array([NORM], values.reshape(-1, 1))
        return doc

    def norm(self, text: str, lemma: str) -> str:
        """The lower-cased lemma of a word; spaCy's lookup is retried on the lower-cased word
        ("Festivals" misses "festivals" in the case-sensitive table)."""
        lemma = lemma or text
        lower = text.lower()
        if self.table is not None:
            lemma = _as_lemma(self.table.get(lower, lemma), lemma)
        return lemma.lower() if lemma else lower


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
    nlp.add_pipe("sentencizer")
    if code == "ru":
        _add_lemmatizer(nlp, {"mode": "pymorphy3"})
    elif code in LOOKUP_LEMMA_LANGUAGES:
        _add_lemmatizer(nlp, {"mode": "lookup"})
    nlp.add_pipe("cultdip_lemma_norm")
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
