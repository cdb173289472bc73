"""Typed records that every stage passes along.

They are immutable and carry stable ids, so that a stage can be re-run and find the same
things again: a document id is the SHA-256 of its bytes, a tag id is derived from the document,
the character span and the code, so a coder's judgement on a tag survives re-tagging.
This module imports nothing from the rest of the package.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from itertools import starmap
from operator import attrgetter
from typing import Literal

TagSource = Literal["rule", "topic", "classifier", "candidate", "human"]


def make_tag_id(document_id: str, start: int, end: int, code: str) -> str:
    """A tag's identity is what it says about which text, not which rule said it."""
    key = f"{document_id}:{start}:{end}:{code}".encode("utf-8")
    return hashlib.sha256(key).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the manifest or the file name says about a document."""

    country: str | None = None
    year: int | None = None
    doc_type: str | None = None
    language: str | None = None
    title: str | None = None
    source: str | None = None
    licence: str | None = None
    password: str | None = None
    origin: str = "none"  # manifest | filename | none


@dataclass(frozen=True, slots=True)
class Page:
    """A page (or, for plain text, the whole file) as a span of the document's text."""

    number: int
    start: int
    end: int
    language: str | None = None
    method: str = "text"  # text | pdf | ocr | failed
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote block of a PDF page, as a span of the document's text.

    Kept in the text (a reader sees it in place) but left out of sentences and tags unless
    `in_sentences` (ingest with --keep-footnotes).
    """

    page: int
    start: int
    end: int
    in_sentences: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table on a PDF page; bbox is (left, top, right, bottom) in PDF points of the page as
    displayed, from its top-left corner. Its cells are not part of the document's text."""

    page: int
    index: int
    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str, ...], ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), max((len(row) for row in self.rows), default=0)

    def to_csv(self) -> str:
        import csv
        import io

        buffer = io.StringIO()
        csv.writer(buffer).writerows(self.rows)
        return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    page: int
    start: int
    end: int
    text: str
    n_tokens: int


@dataclass(frozen=True, slots=True)
class Tag:
    """One code found on one span, with the reason the machine gives for it."""

    document_id: str
    sentence_index: int
    start: int
    end: int
    code: str
    text: str
    source: TagSource
    rule: str
    score: float
    codebook_hash: str

    @property
    def id(self) -> str:
        return make_tag_id(self.document_id, self.start, self.end, self.code)


@dataclass(frozen=True, slots=True)
class Mention:
    """A country a sentence is about (case attribution)."""

    sentence_index: int
    iso3: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A processed document: its text and what the stages found in it."""

    id: str
    path: str
    meta: DocumentMeta
    text: str
    language: str | None
    pages: tuple[Page, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tags: tuple[Tag, ...] = ()
    mentions: tuple[Mention, ...] = ()
    warnings: tuple[str, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    tables: tuple[Table, ...] = ()
    # A large document analysed in chunks: its text, sentences, tags and mentions are in this
    # SQLite file (streaming.py), not in the fields above, and the store copies them from it.
    spool: str | None = None

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled with its sentences, tags and mentions as plain tuples of their fields.

        Why: a document travels from the reading process to the batch process, and the
        dataclasses' own pickling calls Python code twice per record (`fields()` on the way
        out and in): ~1 ms per speech per hop, for ~150 records. Tuples of strings and
        numbers are pickled in C. The document that comes out is equal to the one that went in.
        """
        return _rebuild_document, (
            self.id, self.path, self.meta, self.text, self.language, self.pages,
            list(map(_SENTENCE_FIELDS, self.sentences)), list(map(_TAG_FIELDS, self.tags)),
            list(map(_MENTION_FIELDS, self.mentions)), self.warnings, self.footnotes,
            self.tables, self.spool)


_SENTENCE_FIELDS = attrgetter("index", "page", "start", "end", "text", "n_tokens")
_TAG_FIELDS = attrgetter("document_id", "sentence_index", "start", "end", "code", "text",
                         "source", "rule", "score", "codebook_hash")
_MENTION_FIELDS = attrgetter("sentence_index", "iso3", "start", "end", "text")


def _rebuild_document(id: str, path: str, meta: DocumentMeta, text: str, language: str | None,
                      pages: tuple[Page, ...], sentences: list[tuple[object, ...]],
                      tags: list[tuple[object, ...]], mentions: list[tuple[object, ...]],
                      warnings: tuple[str, ...], footnotes: tuple[Footnote, ...],
                      tables: tuple[Table, ...], spool: str | None) -> Document:
    """The document pickled by Document.__reduce__."""
    return Document(id=id, path=path, meta=meta, text=text, language=language, pages=pages,
                    sentences=tuple(starmap(Sentence, sentences)),
                    tags=tuple(starmap(Tag, tags)),
                    mentions=tuple(starmap(Mention, mentions)), warnings=warnings,
                    footnotes=footnotes, tables=tables, spool=spool)


@dataclass(frozen=True, slots=True)
class FailedDocument:
    """A file that could not be read: kept in the store so the summary and status name it."""

    id: str
    path: str
    meta: DocumentMeta
    error_code: str
    message: str


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a run needs to be reproduced: codebook, parameters, versions."""

    id: str
    command: str
    codebook_name: str
    codebook_version: str
    codebook_hash: str
    parameters: dict[str, object] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
