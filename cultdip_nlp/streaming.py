"""Analyse a large document chunk by chunk into a spool file the store then copies in one go.

Why a spool: the per-document child must not write to the project store (a child killed
mid-document would leave half a document), and it must not hand the parent a 50 MB text and
its sentences through a pipe either (memory would grow with the file). So the child writes
each chunk's text, sentences, tags and mentions to a private SQLite file as it goes, and the
batch process copies that file into the store with INSERT ... SELECT inside the document's
one transaction: the copy runs inside SQLite, a page at a time, and a crash before COMMIT
leaves no trace of the document in the store.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .analysis import Analyser
from .ingest.language import detect_language
from .records import Page

SPOOL_SCHEMA = """
CREATE TABLE text_chunks (start INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE sentences (idx INTEGER PRIMARY KEY, page INTEGER NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, n_tokens INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE tags (id TEXT PRIMARY KEY, document_id TEXT NOT NULL,
    sentence_idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    code TEXT NOT NULL, text TEXT NOT NULL, source TEXT NOT NULL, rule TEXT NOT NULL,
    score REAL NOT NULL, codebook_hash TEXT NOT NULL);
CREATE TABLE mentions (sentence_idx INTEGER NOT NULL, iso3 TEXT NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (start, end, iso3));
"""


def spool_path(owner_pid: int, key: str) -> Path:
    """Where the child of process `owner_pid` spools the document `key` (a path or an id);
    the owner computes the same name to remove what a killed child left behind."""
    digest = hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"cultdip-spool-{owner_pid}-{digest}.sqlite"


def remove_spool(path: Path | str) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def remove_stale_spools() -> int:
    """Remove spool files whose owner process is gone (a batch killed mid-document); returns
    how many. A live owner's files are left alone: another batch may be using them."""
    removed = 0
    for path in Path(tempfile.gettempdir()).glob("cultdip-spool-*-*.sqlite*"):
        try:
            owner = int(path.name.split("-")[2])
            os.kill(owner, 0)
        except ValueError:
            continue
        except ProcessLookupError:
            remove_spool(str(path).split(".sqlite")[0] + ".sqlite")
            removed += 1
        except PermissionError:  # alive, another user's
            continue
    return removed


@dataclass
class SpoolResult:
    language: str
    length: int  # characters of the document's normalised text
    sentences: int


def analyse_chunks(analyser: Analyser, document_id: str, chunks: Iterable[str],
                   language: str | None, spool: Path) -> SpoolResult:
    """Segment and tag normalised chunks (joined by a blank line they are the document's text)
    into `spool`; offsets and sentence numbers are global to the whole text."""
    remove_spool(spool)
    connection = sqlite3.connect(spool, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.executescript(SPOOL_SCHEMA)
        offset = 0
        n_sentences = 0
        lang = language
        for chunk in chunks:
            stored = chunk if offset == 0 else "\n\n" + chunk
            if lang is None:  # the first 20,000 characters, as for a document read whole
                lang = detect_language(chunk, default="en") or "en"
            page = Page(1, 0, len(stored), lang, "text")
            _, sentences, tags, mentions = analyser.analyse(document_id, stored, [page], lang)
            connection.execute("BEGIN")
            connection.execute("INSERT INTO text_chunks VALUES (?, ?)", (offset, stored))
            connection.executemany(
                "INSERT INTO sentences VALUES (?,?,?,?,?,?)",
                [(n_sentences + s.index, s.page, offset + s.start, offset + s.end, s.n_tokens,
                  s.text) for s in sentences])
            shifted = [replace(t, start=offset + t.start, end=offset + t.end,
                               sentence_index=n_sentences + t.sentence_index) for t in tags]
            connection.executemany(
                "INSERT OR REPLACE INTO tags VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(t.id, t.document_id, t.sentence_index, t.start, t.end, t.code, t.text,
                  t.source, t.rule, t.score, t.codebook_hash) for t in shifted])
            connection.executemany(
                "INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?)",
                [(n_sentences + m.sentence_index, m.iso3, offset + m.start, offset + m.end,
                  m.text) for m in mentions])
            connection.execute("COMMIT")
            n_sentences += len(sentences)
            offset += len(stored)
    finally:
        connection.close()
    return SpoolResult(language=lang or "en", length=offset, sentences=n_sentences)


def spool_counts(spool: Path | str) -> tuple[int, Counter[str]]:
    """Sentences, and tags per code group, of a spooled document (for the batch summary)."""
    connection = sqlite3.connect(f"file:{spool}?mode=ro", uri=True)
    try:
        sentences = connection.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
        groups: Counter[str] = Counter()
        for code, count in connection.execute("SELECT code, COUNT(*) FROM tags GROUP BY code"):
            groups[code.split(".")[0]] += count
        return int(sentences), groups
    finally:
        connection.close()


__all__ = ["SpoolResult", "analyse_chunks", "remove_spool", "remove_stale_spools",
           "spool_counts", "spool_path"]
