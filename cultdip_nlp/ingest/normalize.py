"""Text normalisation shared by every reader.

Offsets stored anywhere in the project point into the text this module returns, so it is the
one place where characters are changed: Unicode NFKC (ligatures, full-width forms), one kind of
line break, wrapped lines joined into paragraphs, paragraphs separated by one blank line.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# The members of _SPACES other than the plain space, and runs of plain spaces.
_OTHER_SPACES = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_SPACE_RUNS = re.compile(r"  +")
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]$")
_SOFT_HYPHEN = "\u00ad"
# PDFium marks a hyphen it took for a line-end break inside a word with U+FFFE.
_PDFIUM_SOFT_HYPHEN = "\ufffe"


def normalize_unicode(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(_SOFT_HYPHEN, "")
    text = text.replace(_PDFIUM_SOFT_HYPHEN, "")
    # A byte-order mark inside the text (files concatenated) is invisible noise, not a word.
    text = text.replace("\ufeff", "")
    return unicodedata.normalize("NFKC", text)


def collapse_spaces(text: str) -> str:
    """Every run of spaces and tabs (Unicode spaces included) as one plain space.

    Why not `_SPACES.sub` alone: it replaces every single space of the text by itself, a
    match object each (~0.8 ms a speech, 3% of the pipeline). A text with no space but the
    plain one (most texts) only needs its runs of two or more collapsed, which a search for
    a literal double space finds fast; the result is the same.
    """
    if _OTHER_SPACES.search(text) is None:
        return _SPACE_RUNS.sub(" ", text) if "  " in text else text
    return _SPACES.sub(" ", text)


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines; a line ending in a hyphen joins the next line without a space."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            out += line
        else:
            out += " " + line
    return out


def _split_block(lines: list[str]) -> list[list[str]]:
    """Split a block of hard-wrapped lines where a short line ends a sentence.

    Transcripts such as the older UN speeches mark paragraphs only by a short last line.
    """
    if len(lines) < 4:
        return [lines]
    typical = statistics.median(len(line) for line in lines)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        paragraphs[-1].append(line)
        if typical >= 40 and len(line) < 0.7 * typical and _SENTENCE_END.search(line):
            paragraphs.append([])
    return [p for p in paragraphs if p]


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: blank lines separate them, wrapped lines are joined."""
    result: list[str] = []
    block: list[str] = []

    def flush() -> None:
        for para in _split_block(block):
            joined = _join_lines(para).strip()
            if joined:
                result.append(joined)
        block.clear()

    # Spaces are collapsed over the whole text in one call (the pattern never matches a
    # line break, so each line comes out as if collapsed on its own).
    for raw in collapse_spaces(normalize_unicode(text)).split("\n"):
        line = raw.strip()
        if line:
            block.append(line)
        else:
            flush()
    flush()
    return result


def normalize_text(text: str) -> str:
    """The canonical form of a plain text: paragraphs separated by one blank line."""
    return "\n\n".join(paragraphs(text))
