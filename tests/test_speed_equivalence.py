"""The fourth round of speed work: each shortcut gives what the plain way gives, on real text.

Each test runs the shortcut and the plain computation it replaced over real documents (UN
speeches of corpus/ungdc, the Russian and Kazakh declarations of ../shared/corpus/ru_kk)
and checks that both paths of the shortcut were taken, so that it can fail.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path

import numpy
from conftest import CORPUS
from spacy.attrs import LEMMA, NORM

from cultdip_nlp.ingest import language
from cultdip_nlp.ingest.normalize import _SPACES, collapse_spaces, normalize_unicode
from cultdip_nlp.ingest.reader import extract
from cultdip_nlp.nlp import LemmaNorm, blank_pipeline
from cultdip_nlp.tagging.cases import HEADING_MAX_WORDS, heading_kind

SPEECHES = sorted((CORPUS / "ungdc").glob("*.txt"))


def _declaration(shared: Path, name: str) -> list[str]:
    xml = (shared / "corpus" / "ru_kk" / name).read_text(encoding="utf-8")
    return [p.strip() for p in re.findall(r"<para>(.*?)</para>", xml, flags=re.S) if p.strip()]


def test_spaces_collapse_as_the_one_pattern_collapses_them() -> None:
    texts = [normalize_unicode(path.read_text(encoding="utf-8")) for path in SPEECHES]
    texts += [text.replace(" ", "\t", 3) for text in texts[:5]]  # a tab: the general path
    assert all(collapse_spaces(text) == _SPACES.sub(" ", text) for text in texts)
    other = [text for text in texts if language_spaces(text)]
    runs = [text for text in texts if not language_spaces(text) and "  " in text]
    assert other and runs  # both the general path and the plain-spaces path were taken


def language_spaces(text: str) -> bool:
    """Holds a space other than the plain one (the general path of collapse_spaces)."""
    return re.search(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]", text) is not None


def test_remembered_spelling_cues_count_what_a_search_per_word_counts() -> None:
    language._CUE_BITS.clear()
    seen_before = 0
    for path in SPEECHES:
        words = Counter(map(str.lower, language._WORD.findall(path.read_text(encoding="utf-8"))))
        seen_before += sum(1 for word in words if word in language._CUE_BITS)
        expected = {lang: sum(count for word, count in words.items() if cue.search(word))
                    for lang, cue in language._SPELLING_CUES.items()}
        assert language._cue_counts(words) == expected
    assert seen_before > 0  # later speeches were answered from what earlier ones taught
    assert any(bits for bits in language._CUE_BITS.values())


def test_lemmas_and_norms_are_the_same_when_no_word_is_remembered(shared: Path) -> None:
    """LemmaNorm remembers at most MAX_WORDS words across docs; past that, a word's lemma
    and norm are worked out per doc. Both ways give the same arrays, in English (lookup
    table) and Russian (pymorphy3, lemmas from spaCy's lemmatizer)."""
    cases = [("en", [block for path in SPEECHES[:8]
                     for block in path.read_text(encoding="utf-8").split("\n\n")]),
             ("ru", _declaration(shared, "udhr_rus.xml"))]
    for lang, paragraphs in cases:
        nlp = blank_pipeline(lang)
        remembering = _fresh(nlp.get_pipe("cultdip_lemma_norm"), LemmaNorm.MAX_WORDS)
        forgetting = _fresh(remembering, 0)
        assert remembering.sets_lemmas == (lang == "en")
        before = [proc for name, proc in nlp.pipeline if name != "cultdip_lemma_norm"]
        for paragraph in paragraphs:
            doc = nlp.make_doc(paragraph)
            for proc in before:
                doc = proc(doc)
            twin = doc.copy()
            remembering(doc)
            forgetting(twin)
            assert numpy.array_equal(doc.to_array([LEMMA, NORM]), twin.to_array([LEMMA, NORM]))
        assert len(remembering.rows) > 100 and not forgetting.rows
        assert forgetting.size == 0  # rows of words it could not remember were given back


def _fresh(norms: LemmaNorm, max_words: int) -> LemmaNorm:
    """The pipeline's LemmaNorm (its tables and lemmatizer) with nothing remembered yet."""
    fresh = copy.copy(norms)
    fresh.rows, fresh.size, fresh.MAX_WORDS = {}, 0, max_words
    fresh.values = numpy.zeros_like(norms.values[:16])
    return fresh


def test_a_heading_is_told_from_prose_after_a_limited_split() -> None:
    """heading_kind splits a paragraph into at most HEADING_MAX_WORDS + 1 pieces; what it
    answers is what the whole split answered (the check it replaced, kept here)."""
    paragraphs = [block for path in [*SPEECHES, *sorted((CORPUS / "kz_en").glob("*.md"))]
                  for block in extract(path, path.read_bytes()).text.split("\n\n")]
    headings = 0
    for paragraph in paragraphs:
        text = paragraph.strip()
        words = text.split()
        if not words or len(words) > HEADING_MAX_WORDS or "\n" in text:
            assert heading_kind(paragraph) is None
        else:
            headings += heading_kind(paragraph) is not None
    assert headings >= 5 and len(paragraphs) > 800
