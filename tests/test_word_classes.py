"""`requires` word classes (`@nationality`, `@country`) drawn from the case gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cultdip_nlp.codebook import REQUIRES_CLASSES, CodebookError, load_codebook
from cultdip_nlp.nlp import blank_pipeline
from cultdip_nlp.tagging.component import SPANS_KEY, CultdipTagger
from cultdip_nlp.tagging.word_classes import class_words

ROOT = Path(__file__).resolve().parent.parent


def _codes(sentence: str, codebook=None) -> set[str]:
    nlp = blank_pipeline("en")
    doc = CultdipTagger(nlp, codebook or load_codebook())(nlp(sentence))
    return {span.label_ for span in doc.spans[SPANS_KEY]}


def _gold(record_id: str) -> str:
    with (ROOT / "docs/gold/purposive/purposive.jsonl").open(encoding="utf-8") as handle:
        return next(json.loads(line)["text"] for line in handle if f'"{record_id}"' in line)


def test_every_class_the_codebook_accepts_has_words_in_english_russian_and_kazakh() -> None:
    """The codebook takes its class names from the tagger's list; each must be filled from the
    gazetteer in every language the default codebook tags, or a rule naming it would never
    match there."""
    for name in REQUIRES_CLASSES:
        for lang, kind in (("en", 0), ("ru", 1), ("kk", 2)):
            assert len(class_words(name, lang)[kind]) >= 50, (name, lang)


def test_english_class_words_keep_their_case() -> None:
    """Lower-cased, "US" would be the pronoun "us" and "Chad" a given name."""
    written, lemmas, stems = class_words("@country", "en")
    assert "US" in written and "us" not in written and not lemmas and not stems
    nationality, _, _ = class_words("@nationality", "en")
    assert {"Portuguese", "Latvian", "Kazakh"} <= nationality


def test_a_named_national_language_is_identity_language() -> None:
    """Portugal's speech (purposive gold p1016): "the promotion of the Portuguese language, one
    of the five most widely spoken languages in the world"."""
    assert "identity.language" in _codes(_gold("p1016"))


def test_a_language_as_a_skill_or_medium_is_not() -> None:
    """Japan's 2015 speech: a police officer's "French language skills" say nothing of a
    nation's language."""
    speech = (ROOT / "corpus/ungdc/JPN_70_2015.txt").read_text(encoding="utf-8-sig")
    start = speech.index("making full use of the French language skills")
    sentence = speech[speech.rindex(".", 0, start) + 1:speech.index(".", start) + 1].strip()
    assert "identity.language" not in _codes(sentence)


def test_unknown_class_is_reported_with_file_and_line(tmp_path: Path) -> None:
    book = tmp_path / "classes.yaml"
    book.write_text(
        "name: classes\nversion: '1'\ngroups: {identity: {label: Identity}}\ncodes:\n"
        "  - id: identity.language\n    group: identity\n    label: Language\n"
        "    definition: d\n    patterns:\n"
        "      - lemma: language\n        requires: {any: ['@nation'], window: 2}\n",
        encoding="utf-8")
    with pytest.raises(CodebookError) as raised:
        load_codebook(book)
    assert f"{book}:10" in str(raised.value) and "@nation" in str(raised.value)
