"""Keyword in context: every tag of a code with the words before and after it.

Why: a researcher judges a code by reading its hits side by side, aligned on the keyword, the way
quanteda's `kwic()` shows them (docname, from, to, pre, keyword, post). Rows are streamed from
the store one document at a time, so a large project does not fill memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .store import Store

WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class KwicRow:
    document: str
    tag: str
    start: int  # character offsets of the keyword in the document's normalised text
    end: int
    pre: str
    keyword: str
    post: str
    rule: str | None
    score: float


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    before = WORD.findall(text[max(0, start - 40 * window):start])[-window:] if window else []
    after = WORD.findall(text[end:end + 40 * window])[:window] if window else []
    return " ".join(before), " ".join(after)


def kwic(store: Store, code: str, window: int = 5) -> Iterator[KwicRow]:
    """Rows for every tag of `code`, document by document, in text order."""
    documents = [row[0] for row in store.connection.execute(
        "SELECT DISTINCT t.document_id, d.path FROM tags t JOIN documents d ON d.id = t.document_id "
        "WHERE t.code = ? ORDER BY d.path", (code,))]
    for document_id in documents:
        path = store.connection.execute("SELECT path FROM documents WHERE id = ?",
                                        (document_id,)).fetchone()[0]
        for tag in store.connection.execute(
                "SELECT id, start, end, text, rule, score FROM tags WHERE document_id = ? AND code = ? "
                "ORDER BY start", (document_id, code)).fetchall():
            # Only the stretch around the tag: a streamed 50 MB text is never read whole here.
            first = max(0, tag["start"] - 40 * window)
            text = store.document_text(document_id, first, tag["end"] + 40 * window)
            start, end = tag["start"] - first, tag["end"] - first
            pre, post = _context(text, start, end, window)
            yield KwicRow(document=path, tag=tag["id"], start=tag["start"], end=tag["end"], pre=pre,
                          keyword=text[start:end], post=post, rule=tag["rule"],
                          score=tag["score"])


__all__ = ["KwicRow", "kwic"]
