"""Language identification by script and, within a script, by frequent function words.

Good enough to choose the spaCy pipeline for a page: the scripts tell ja/ko/zh/ar/he apart
outright; Kazakh Cyrillic is told from Russian by the letters only Kazakh uses (ә ғ қ ң ө ұ ү һ і);
Latin-script languages by their commonest words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import accumulate

import numpy

_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Frequent Kazakh words written without Kazakh-only letters, for short texts (a title, a
# stamp) that have none of those letters; Russian has none of these words.
_KAZAKH_WORDS = frozenset("республикасы республикасының туралы бойынша жылы жылғы мен бен пен "
                          "арасындағы болып қазақстан".split())
_RUSSIAN_WORDS = frozenset("и в во не на что с со по о об для от из к за как это".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CYRILLIC_RUN = re.compile("[\u0400-\u04ff]{3}")
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for it with as on be by this are we our".split()),
    "fr": frozenset("le la les des de et un une est pour dans que qui du sur au par".split()),
    "de": frozenset("der die das und zu den nicht ist mit von sich des auf für dem ein".split()),
    "es": frozenset("el la los las de y que en un una por con para del se es al".split()),
}


# Spelling cues of Latin-script languages, for short texts (a gazette's imprint: "HERAUSGEBER:
# Bundesministerium des Innern ... Postanschrift") whose few function words ("des") are
# shared: German sch/umlauts/eszett and noun suffixes, French and Spanish accents.
_SPELLING_CUES: dict[str, re.Pattern[str]] = {
    "de": re.compile(r"(?<=.)sch|[äöüß]|(?:ung|ungen|keit|heit|lich|isch)$"),
    "fr": re.compile(r"[éèêàçœù]|(?:eaux?|aient)$"),
    "es": re.compile(r"[ñ¿¡áíóú]|(?:ción|ciones|idad)$"),
}


# The same cues over all distinct words at once, joined by line breaks: none of them can
# match a line break ("." does not, "$" ends each line), so a match lies inside one word.
_CUES_BY_LINE: dict[str, re.Pattern[str]] = {
    lang: re.compile(cue.pattern, re.MULTILINE) for lang, cue in _SPELLING_CUES.items()}


# E-mail and web addresses say nothing of the language ("bmi.bund.de" is not French "de").
_ADDRESS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+")
# What an address must hold; without any of them the substitution is skipped (the pattern
# backtracks over every word looking for an "@": a third of the detection's time).
_ADDRESS_MARKS = ("@", "://", "www.")


def _without_addresses(text: str) -> str:
    if any(mark in text for mark in _ADDRESS_MARKS):
        return _ADDRESS.sub(" ", text)
    return text


# Which languages' cues each word has (bit i: the i-th language of _CUES_BY_LINE), kept
# across the documents a process reads: most words of a text were seen in earlier ones.
_CUE_BITS: dict[str, int] = {}
_CUE_BITS_MAX = 100_000


def _cue_bits(distinct: list[str]) -> dict[str, int]:
    """Per word, the bits of the languages whose spelling cues it has.

    One regular-expression scan of the words joined by line breaks per language instead of
    a search per word (a tenth of a speech's pipeline time)."""
    joined = "\n".join(distinct)
    ends = list(accumulate(len(word) + 1 for word in distinct))  # past each word's break
    bits = dict.fromkeys(distinct, 0)
    for bit, cue in enumerate(_CUES_BY_LINE.values()):
        for index in {bisect_right(ends, match.start()) for match in cue.finditer(joined)}:
            bits[distinct[index]] |= 1 << bit
    return bits


def _cue_counts(words: Counter[str]) -> dict[str, int]:
    """Per language, the occurrences of words with one of its spelling cues.

    The words' cues are remembered (_CUE_BITS): only words not seen before are scanned,
    which took a speech's scan from ~1 ms to ~0.1 ms."""
    known = list(map(_CUE_BITS.get, words))
    unknown = [word for word, bits in zip(words, known) if bits is None]
    if unknown:
        found = _cue_bits(unknown)
        if len(_CUE_BITS) < _CUE_BITS_MAX:
            _CUE_BITS.update(found)
        known = [found[word] if bits is None else bits for word, bits in zip(words, known)]
    cued = [(count, bits) for count, bits in zip(words.values(), known) if bits]
    return {lang: sum(count for count, bits in cued if bits >> bit & 1)
            for bit, lang in enumerate(_CUES_BY_LINE)}


# Script ranges as (name, first, last) code points; "latin" is every letter below U+0250.
_RANGES: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("cyrillic", ((0x0400, 0x04FF),)),
    ("kana", ((0x3040, 0x30FF),)),
    ("hangul", ((0xAC00, 0xD7AF), (0x1100, 0x11FF))),
    ("han", ((0x4E00, 0x9FFF),)),
    ("arabic", ((0x0600, 0x06FF),)),
    ("hebrew", ((0x0590, 0x05FF),)),
)
_LATIN_LETTER = numpy.array([chr(code).isalpha() for code in range(0x250)] + [False])
_KAZAKH_CODES = numpy.array(sorted(ord(c) for c in _KAZAKH_LETTERS), dtype=numpy.uint32)


def _script_counts(text: str) -> Counter[str]:
    """Characters per script, the scripts in the order they first occur in the text (the
    order breaks ties in detect_language).

    Vectorised over the code points: a Python loop over the characters took ~30 ms a page,
    a tenth of the whole pipeline's time on plain-text speeches.
    """
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    masks: list[tuple[str, numpy.ndarray]] = []
    for script, ranges in _RANGES:
        mask = numpy.zeros(len(codes), dtype=bool)
        for first, last in ranges:
            mask |= (codes >= first) & (codes <= last)
        masks.append((script, mask))
        if script == "cyrillic" and mask.any():
            masks.append(("kazakh", numpy.isin(codes, _KAZAKH_CODES)))
    masks.append(("latin", _LATIN_LETTER[numpy.minimum(codes, 0x250)]))
    found = []
    for script, mask in masks:
        count = int(numpy.count_nonzero(mask))
        if count:
            found.append((int(mask.argmax()), script, count))
    # "kazakh" first counts on a Kazakh letter, which is itself Cyrillic: it sorts after it.
    found.sort()
    return Counter({script: count for _, script, count in found})


def detect_language(text: str, default: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language, or `default` when the text says too little."""
    sample = text[:20000]
    counts = _script_counts(sample)
    total = sum(v for k, v in counts.items() if k != "kazakh")
    if total < 3:
        return default
    script, _ = max(((k, v) for k, v in counts.items() if k != "kazakh"), key=lambda kv: kv[1])
    if script == "cyrillic":
        if counts["kazakh"] >= max(2, 0.005 * counts["cyrillic"]):
            return "kk"
        words = {w.lower() for w in _WORD.findall(sample)}
        if words & _KAZAKH_WORDS and not words & _RUSSIAN_WORDS:
            return "kk"
        return "ru"
    if script in ("kana",) or (script == "han" and counts["kana"] > 0.05 * counts["han"]):
        return "ja"
    if script == "hangul":
        return "ko"
    if script == "han":
        return "zh"
    if script == "arabic":
        return "ar"
    if script == "hebrew":
        return "he"
    words = Counter(map(str.lower, _WORD.findall(_without_addresses(sample))))
    scores = {
        lang: sum(words[w] for w in vocabulary) for lang, vocabulary in _FUNCTION_WORDS.items()
    }
    # A word with a spelling cue counts half a function word: it settles short texts.
    for lang, count in _cue_counts(words).items():
        scores[lang] += 0.5 * count
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else default


def paragraph_language(paragraph: str, page_language: str) -> str:
    """The language of one paragraph of a page, for documents that mix Latin and Cyrillic
    languages (Kazakh journals print each abstract in Kazakh, Russian and English). Only a
    clear majority of the other script switches, so a Kazakh name in a Russian paragraph or
    "British Council" in a Kazakh one does not."""
    if len(paragraph) < 60:
        return page_language
    cyrillic_page = page_language in ("ru", "kk")
    if not cyrillic_page and _CYRILLIC_RUN.search(paragraph) is None:
        return page_language  # the common case, decided by one regular-expression scan
    counts = _script_counts(paragraph)
    cyrillic, latin = counts["cyrillic"], counts["latin"]
    if cyrillic > 2 * latin and cyrillic >= 40:
        return "kk" if counts["kazakh"] >= max(3, 0.01 * cyrillic) else "ru"
    if cyrillic_page and latin > 2 * cyrillic and latin >= 40:
        return detect_language(paragraph, default="en") or "en"
    return page_language
