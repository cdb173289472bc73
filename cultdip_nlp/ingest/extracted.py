"""What a reader hands on: normalised text split into pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Page
from .tables import Table


@dataclass
class ExtractedText:
    text: str
    pages: list[Page]
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def join_pages(page_texts: list[tuple[str, str, str | None]]) -> ExtractedText:
    """Join (text, method, error) per page into one text, keeping each page's span."""
    parts: list[str] = []
    pages: list[Page] = []
    offset = 0
    for number, (text, method, error) in enumerate(page_texts, start=1):
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(text)
        pages.append(Page(number=number, start=offset, end=offset + len(text),
                          method=method, error=error))
        offset += len(text)
    return ExtractedText(text="".join(parts), pages=pages)
