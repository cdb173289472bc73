"""Re-tagging one stored document under the same per-document limits as reading it.

Why: `cultdip tag` runs the tokenizer and the rules over every stored text again, and a text
that once needed a time or memory limit to be read needs it to be re-tagged as well. The
re-analysis runs in the forked child of limits.run_bounded; the child only reads the store
(through a connection of its own) and hands back the sentences and tags, or, for a document
stored in several chunks (a streamed large text), a spool file; the batch process alone
writes. A document that fails keeps its previous tags and stays due for re-tagging.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .analysis import Analyser
from .errors import CultdipError, ErrorCode
from .limits import Limits, run_bounded
from .records import Document, DocumentMeta, FailedDocument, Page
from .store import Store, document_text, text_chunks
from .streaming import analyse_chunks, remove_spool, spool_path


def _read_only(store_file: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{store_file}?mode=ro", uri=True, timeout=30.0)
    connection.row_factory = sqlite3.Row
    return connection


def reanalyse(analyser: Analyser, store_file: Path, document_id: str, path: str,
              spool: Path) -> Document | FailedDocument:
    """Sentences, tags and mentions of a stored document anew (runs in the child)."""
    connection = _read_only(store_file)
    try:
        pages = [Page(p["number"], p["start"], p["end"], p["language"], p["method"],
                      p["error"]) for p in connection.execute(
                          "SELECT * FROM pages WHERE document_id = ? ORDER BY number",
                          (document_id,))]
        chunks = connection.execute("SELECT COUNT(*) FROM text_chunks WHERE document_id = ?",
                                    (document_id,)).fetchone()[0]
        if chunks > 1:
            # Stored in paragraph-aligned chunks: re-tag a chunk at a time (memory stays flat).
            language = pages[0].language if pages else None
            parts = (text.removeprefix("\n\n") for _, text in
                     text_chunks(connection, document_id))
            analyse_chunks(analyser, document_id, parts, language, spool)
            return Document(id=document_id, path=path, meta=DocumentMeta(), text="",
                            language=language, spool=str(spool))
        text = document_text(connection, document_id)
        skip = [(row["start"], row["end"]) for row in connection.execute(
            "SELECT start, end FROM footnotes WHERE document_id = ? AND NOT in_sentences",
            (document_id,))]
        _, sentences, tags, mentions = analyser.analyse(document_id, text, pages, None, skip)
    except CultdipError as error:
        remove_spool(spool)
        return FailedDocument(id=document_id, path=path, meta=DocumentMeta(),
                              error_code=error.code.value, message=str(error))
    except sqlite3.Error as error:
        remove_spool(spool)
        return FailedDocument(id=document_id, path=path, meta=DocumentMeta(),
                              error_code=ErrorCode.STORE_BUSY.value,
                              message=f"{ErrorCode.STORE_BUSY.value} STORE_BUSY: {path}: the "
                                      f"store could not be read ({error}); run `cultdip tag` "
                                      "again")
    finally:
        connection.close()
    return Document(id=document_id, path=path, meta=DocumentMeta(), text="", language=None,
                    pages=tuple(pages), sentences=tuple(sentences), tags=tuple(tags),
                    mentions=tuple(mentions))


def retag_bounded(analyser: Analyser, store: Store, document_id: str, path: str,
                  limits: Limits) -> Document | FailedDocument:
    """reanalyse() in a child under `limits`; a failure (E109/E110/E111...), never a raise."""
    import os

    spool = spool_path(os.getpid(), document_id)
    if limits.enabled:
        # Build the pipelines here once, so that every child inherits them through fork.
        for row in store.document_pages(document_id):
            analyser._components(row["language"] or "en")

    def work(work_path: str, _meta: DocumentMeta) -> Document | FailedDocument:
        return reanalyse(analyser, store.path, document_id, work_path, spool)

    result = run_bounded(work, path, DocumentMeta(), limits, document_id=document_id)
    if isinstance(result, FailedDocument):
        remove_spool(spool)
    return result


__all__ = ["reanalyse", "retag_bounded"]
