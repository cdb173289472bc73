"""What a reader hands on: normalised text split into pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Footnote, Page, Table


@dataclass
class ExtractedText:
    text: str
    pages: list[Page]
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    # Why a page was read another way than from its text layer (page number -> note).
    notes: dict[int, str] = field(default_factory=dict)


def join_pages(page_texts: list[tuple[str, str, str | None]],
               footnote_starts: list[int | None] | None = None) -> ExtractedText:
    """Join (text, method, error) per page into one text, keeping each page's span.

    `footnote_starts` gives, per page, the offset in the page's text where its footnote
    block begins (footnotes run to the end of the page's text), or None.
    """
    parts: list[str] = []
    pages: list[Page] = []
    footnotes: list[Footnote] = []
    offset = 0
    for number, (text, method, error) in enumerate(page_texts, start=1):
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(text)
        pages.append(Page(number=number, start=offset, end=offset + len(text),
                          method=method, error=error))
        notes_at = footnote_starts[number - 1] if footnote_starts else None
        if notes_at is not None and notes_at < len(text):
            footnotes.append(Footnote(number, offset + notes_at, offset + len(text)))
        offset += len(text)
    return ExtractedText(text="".join(parts), pages=pages, footnotes=footnotes)
