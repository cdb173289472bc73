"""Word classes a `requires` list can name instead of spelling every word out.

Why: many context rules ask "is a nation named next to this word?" ("Serbian heritage",
"India's Islamic heritage", "the Portuguese language"). Listing every nationality adjective in
each rule would make the codebook unreadable and let lists drift apart; the case-attribution
gazetteer (`data/countries.yaml`) already holds them, for English, Russian and Kazakh.

    requires: {any: ["@nationality", our], window: 3}

- `@nationality`: the gazetteer's adjectives and demonyms of every country ("Serbian",
  "Kazakhs", "японский"), one-word forms, lower-cased.
- `@country`: the gazetteer's one-word country names ("India", "Kazakhstan", "Япония").

English forms are matched as written (case-sensitive), since lower-cased they would collide with
common words ("US" and "us", "Chad", "Jordan", "Turkey"). Russian forms are dictionary forms,
matched against the token's lemma; Kazakh forms are stems, matched at the start of a word
("қазақстандық" finds "қазақстандықтар"), as `requires` stems are.
"""

from __future__ import annotations

import functools

from .gazetteer import load_gazetteer

WORD_CLASSES = {"@nationality": "adjectives", "@country": "names"}
SUFFIXING = {"kk"}  # languages whose forms carry case suffixes: matched as stems


@functools.lru_cache(maxsize=16)
def class_words(name: str, lang: str) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(words as written, lower-cased lemmas, lower-cased stems) of a word class in a language,
    only one of them filled; all empty when the gazetteer has no forms for that language."""
    kind = WORD_CLASSES[name]
    data = load_gazetteer()
    words = {
        str(form).replace("’", "'")
        for country in data.get("countries", []) or []
        for form in ((country.get(lang) or {}).get(kind) or [])
        if form and " " not in str(form) and "-" not in str(form) and "'" not in str(form)
    }
    if lang in SUFFIXING:
        return frozenset(), frozenset(), tuple(sorted(w.lower() for w in words))
    if lang == "ru":
        return frozenset(), frozenset(w.lower() for w in words), ()
    return frozenset(words), frozenset(), ()


__all__ = ["WORD_CLASSES", "class_words"]
