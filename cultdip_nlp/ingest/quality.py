"""Is a page's text layer worth keeping, or is it garbage to be read another way?

A text layer can be present and useless: glyphs drawn from a font without a Unicode map come
out as private-use code points, replacement or control characters, pdfminer's "(cid:NN)", or
characters of the wrong script (the Russian GOST title block of the corpus reads as Hangul
syllables that form no Korean word). A font PDFium cannot map at all leaves a page of text
objects with almost no text (the vertical Japanese gazette: 2,624 text objects, 28
characters). Such a page is read with pdfminer if that does better, else OCRed, and marked.

The checks look at the text PDFium already gave; the text-object count is read only for
pages with little text, so ordinary pages pay one pass over their characters.
"""

from __future__ import annotations

import re

# Unlikely characters above this share of a page's (non-space) characters: garbage.
UNLIKELY_SHARE = 0.2
# Fewer characters than this are too few to judge.
MIN_CHARS = 8
# Hangul text in which fewer than this share of syllables are among Korean's most frequent
# ones forms no Korean words (ordinary Korean prose: 30-50%).
COMMON_HANGUL_SHARE = 0.05
_COMMON_HANGUL = frozenset("이다는의하에고가를을은지한로기서도리사자대수시어아해나있것으정들그일부"
                           "적인상게요만내우주전제국원생보라스구여면말결")
# A page with little text is checked for unmapped fonts: at least this many text objects
# and fewer characters than CHARS_PER_OBJECT of them.
MIN_TEXT_OBJECTS = 50
CHARS_PER_OBJECT = 0.25
LITTLE_TEXT = 200


# Counted with regular expressions (C speed): this runs on every page.
_SPACE = re.compile(r"\s")
_UNLIKELY = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff\ufffd\uffff"
                       "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HANGUL = re.compile("[\uac00-\ud7a3]")


def garbage_reason(text: str) -> str | None:
    """Why the text is garbage (a phrase for the page's note), or None when it is not."""
    chars = len(text) - len(_SPACE.findall(text))
    if chars < MIN_CHARS:
        return None
    unlikely = len(_UNLIKELY.findall(text)) + 6 * text.count("(cid:")
    if unlikely >= UNLIKELY_SHARE * chars:
        return (f"{min(unlikely / chars, 1):.0%} of its characters are private-use, "
                "replacement, control or (cid:) codes")
    hangul = _HANGUL.findall(text)
    if len(hangul) >= MIN_CHARS and len(hangul) >= 0.5 * chars:
        common = sum(1 for char in hangul if char in _COMMON_HANGUL)
        if common < COMMON_HANGUL_SHARE * len(hangul):
            return "its Hangul syllables form no Korean words (a font without a Unicode map)"
    return None


def unmapped_reason(page, text: str) -> str | None:  # type: ignore[no-untyped-def]
    """Why a page with little text is unmapped (many text objects, few characters), or None."""
    if len(text) >= 4 * LITTLE_TEXT:
        return None
    chars = len(text) - len(_SPACE.findall(text))
    if chars >= LITTLE_TEXT:
        return None
    import pypdfium2.raw as pdfium_c

    objects = 0
    for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=3):
        objects += 1
        if objects >= LITTLE_TEXT * 4:
            break
    if objects >= MIN_TEXT_OBJECTS and chars < CHARS_PER_OBJECT * objects:
        return (f"{objects} text objects give only {chars} characters (fonts PDFium cannot "
                "map to Unicode)")
    return None


def usable(text: str) -> bool:
    """Is a fallback reading worth keeping: some words, and not garbage itself?"""
    letters = sum(1 for char in text if char.isalpha())
    return letters >= 20 and garbage_reason(text) is None
