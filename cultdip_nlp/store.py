"""The project's SQLite store: one file, a versioned schema, one transaction per document.

Why SQLite: a researcher gets one file they can copy, open in any tool and query with SQL,
and an interrupted batch keeps everything it committed. WAL mode lets a reader (a coder's
review page, `cultdip status`) work while a batch writes.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from .errors import CultdipError, ErrorCode
from .records import (Document, FailedDocument, Footnote, Mention, RunInfo, Sentence, Table,
                      Tag)

# Each entry migrates from version i to i+1. Never edit a released entry: add a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        command TEXT NOT NULL,
        started_at REAL NOT NULL,
        finished_at REAL,
        codebook_name TEXT,
        codebook_version TEXT,
        codebook_hash TEXT,
        parameters TEXT NOT NULL DEFAULT '{}',
        versions TEXT NOT NULL DEFAULT '{}',
        summary TEXT
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
        error_code TEXT,
        error_message TEXT,
        country TEXT,
        year INTEGER,
        doc_type TEXT,
        language TEXT,
        title TEXT,
        source TEXT,
        licence TEXT,
        meta_origin TEXT,
        n_pages INTEGER NOT NULL DEFAULT 0,
        n_sentences INTEGER NOT NULL DEFAULT 0,
        n_tokens INTEGER NOT NULL DEFAULT 0,
        warnings TEXT NOT NULL DEFAULT '[]',
        tagged_codebook_hash TEXT,
        run_id TEXT,
        ingested_at REAL NOT NULL
    );
    CREATE TABLE files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        document_id TEXT NOT NULL
    );
    CREATE TABLE texts (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        text TEXT NOT NULL
    );
    CREATE TABLE pages (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        language TEXT,
        method TEXT NOT NULL,
        error TEXT,
        PRIMARY KEY (document_id, number)
    );
    CREATE TABLE sentences (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        page INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        n_tokens INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (document_id, idx)
    );
    CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        code TEXT NOT NULL,
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        rule TEXT NOT NULL,
        score REAL NOT NULL,
        codebook_hash TEXT NOT NULL,
        run_id TEXT
    );
    CREATE INDEX tags_document ON tags(document_id, sentence_idx);
    CREATE INDEX tags_code ON tags(code);
    CREATE TABLE mentions (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        iso3 TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (document_id, start, end, iso3)
    );
    CREATE INDEX mentions_sentence ON mentions(document_id, sentence_idx);
    -- Judgements are never deleted with a document or a tag: they are the coders' work.
    CREATE TABLE judgements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tag_id TEXT,
        document_id TEXT NOT NULL,
        sentence_idx INTEGER NOT NULL,
        code TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'relabel', 'add')),
        new_code TEXT,
        start INTEGER,
        end INTEGER,
        coder TEXT NOT NULL,
        note TEXT,
        created_at REAL NOT NULL
    );
    CREATE INDEX judgements_tag ON judgements(tag_id);
    """,
    # Review (cultdip_nlp/review/): batches of tags assigned to coders, coders with hashed
    # tokens, retractions (undo keeps the judgement row), and a senior coder's gold decisions.
    # Items copy the tag's place and code so they outlive a tag that re-tagging removes.
    """
    CREATE TABLE review_batches (
        id TEXT PRIMARY KEY,
        created_at REAL NOT NULL,
        strategy TEXT NOT NULL,
        parameters TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE review_items (
        batch_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        coder TEXT NOT NULL,
        tag_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        sentence_idx INTEGER NOT NULL,
        code TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        overlap INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (coder, tag_id)
    );
    CREATE INDEX review_items_batch ON review_items(batch_id, coder, position);
    CREATE TABLE coders (
        id TEXT PRIMARY KEY,
        token_sha256 TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL DEFAULT 'coder' CHECK (role IN ('coder', 'senior')),
        created_at REAL NOT NULL
    );
    CREATE TABLE judgement_retractions (
        judgement_id INTEGER PRIMARY KEY,
        coder TEXT NOT NULL,
        retracted_at REAL NOT NULL
    );
    CREATE INDEX judgements_coder ON judgements(coder, tag_id);
    CREATE TABLE adjudications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tag_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'relabel')),
        new_code TEXT,
        adjudicator TEXT NOT NULL,
        note TEXT,
        created_at REAL NOT NULL
    );
    CREATE INDEX adjudications_tag ON adjudications(tag_id);
    """,
    # PDF structure (ingest/pdf.py): footnote blocks, kept in the text but out of sentences
    # unless in_sentences (--keep-footnotes), and tables found with --tables, whose rows are
    # a JSON array of arrays of cell strings; bbox in PDF points of the displayed page from
    # its top-left corner. Both go with their document.
    """
    CREATE TABLE footnotes (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        in_sentences INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (document_id, start)
    );
    CREATE TABLE pdf_tables (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        left REAL NOT NULL,
        top REAL NOT NULL,
        right REAL NOT NULL,
        bottom REAL NOT NULL,
        n_rows INTEGER NOT NULL,
        n_columns INTEGER NOT NULL,
        rows TEXT NOT NULL,
        PRIMARY KEY (document_id, page, idx)
    );
    """,
    # A document's text as consecutive chunks (issue 9): a 50 MB text file is written and read
    # a chunk at a time instead of as one row that must fit in memory whole. A document read
    # whole is one chunk starting at 0. The view `texts` keeps `SELECT text FROM texts WHERE
    # document_id = ?` working; code in this package reads through `document_text()`.
    """
    CREATE TABLE text_chunks (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (document_id, start)
    );
    INSERT INTO text_chunks (document_id, start, text) SELECT document_id, 0, text FROM texts;
    DROP TABLE texts;
    CREATE VIEW texts AS SELECT d.id AS document_id,
        (SELECT group_concat(c.text, '') FROM (SELECT text FROM text_chunks
            WHERE text_chunks.document_id = d.id ORDER BY start) AS c) AS text
        FROM documents d WHERE EXISTS (SELECT 1 FROM text_chunks k WHERE k.document_id = d.id);
    """,
    # A change counter for what the matrices are built from, so that `cultdip run` on an
    # unchanged corpus can tell without building them that its matrix files are current.
    # Rule tags, sentences and mentions only change together with their document's row
    # (saved, re-tagged, deleted); other tags, judgements and adjudications count themselves.
    # `store_id` tells a new store from an old one that reached the same count.
    """
    CREATE TABLE store_changes (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        store_id TEXT NOT NULL,
        generation INTEGER NOT NULL
    );
    INSERT INTO store_changes VALUES (1, lower(hex(randomblob(16))), 0);
    CREATE TRIGGER documents_insert_counted AFTER INSERT ON documents
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER documents_update_counted AFTER UPDATE ON documents
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER documents_delete_counted AFTER DELETE ON documents
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER tags_insert_counted AFTER INSERT ON tags WHEN NEW.source != 'rule'
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER tags_update_counted AFTER UPDATE ON tags
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER tags_delete_counted AFTER DELETE ON tags WHEN OLD.source != 'rule'
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER judgements_insert_counted AFTER INSERT ON judgements
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER judgements_update_counted AFTER UPDATE ON judgements
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER judgements_delete_counted AFTER DELETE ON judgements
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER retractions_insert_counted AFTER INSERT ON judgement_retractions
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER retractions_delete_counted AFTER DELETE ON judgement_retractions
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER adjudications_insert_counted AFTER INSERT ON adjudications
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER adjudications_update_counted AFTER UPDATE ON adjudications
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    CREATE TRIGGER adjudications_delete_counted AFTER DELETE ON adjudications
        BEGIN UPDATE store_changes SET generation = generation + 1; END;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
BUSY_RETRIES = 5


def retry_while_locked(action: Callable[[], None], where: str, doing: str,
                       first_wait: float) -> None:
    """Run `action`, again after a doubling wait while SQLite says the store is locked or
    busy; after BUSY_RETRIES waits, E402 STORE_BUSY naming the store and what was being done.

    Another process's long write must delay this one, not lose it or end the batch.
    """
    for attempt in range(BUSY_RETRIES + 1):
        try:
            action()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if attempt == BUSY_RETRIES:
                raise CultdipError(
                    ErrorCode.STORE_BUSY,
                    f"another process kept the store locked through {BUSY_RETRIES + 1} waits "
                    f"{doing}({error}); try again when it has finished", where) from error
            time.sleep(first_wait * 2 ** attempt)


def begin_immediate(connection: sqlite3.Connection, where: str) -> None:
    """BEGIN IMMEDIATE, retried when another process holds the write lock past the busy timeout.

    A long write elsewhere (another batch, a coder's save) must delay this one, not lose it.
    """
    retry_while_locked(lambda: connection.execute("BEGIN IMMEDIATE"), where, "", 0.2)


def enter_wal_mode(connection: sqlite3.Connection, where: str) -> None:
    """Switch a store to write-ahead logging, retried while another process opens it too.

    Changing the journal mode needs an exclusive lock, and SQLite answers "database is
    locked" at once, without waiting out the busy timeout, when two processes that each
    hold a read lock race for it (the deadlock it avoids). Two batches started together on
    a new project, or a coder's page opening the store as a batch starts, meet this.
    """
    def switch() -> None:
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode=WAL")  # else another opener switched it

    retry_while_locked(switch, where, "while it was being opened ", 0.05)


class Store:
    """Reads and writes the project's records; the only module that speaks SQL for writing."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        self.connection.row_factory = sqlite3.Row
        enter_wal_mode(self.connection, str(self.path))
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.execute("PRAGMA foreign_keys=ON")
        self.connection.execute("PRAGMA busy_timeout=30000")
        self._migrate()

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise CultdipError(
                ErrorCode.STORE_SCHEMA_NEWER,
                f"schema version {current} is newer than this cultdip ({SCHEMA_VERSION}); "
                "upgrade cultdip to open it",
                str(self.path),
            )
        for version in range(current, SCHEMA_VERSION):
            # Two processes may open a new store at once: under the write lock, check that
            # the other one has not migrated already (else CREATE TABLE would fail).
            begin_immediate(self.connection, str(self.path))
            done = self.schema_version > version
            self.connection.execute("COMMIT")
            if done:
                continue
            # executescript() commits first, so the transaction is part of the script: a
            # failed migration rolls back whole and leaves the previous version intact.
            try:
                self.connection.executescript(
                    "BEGIN IMMEDIATE;" + MIGRATIONS[version]
                    + f";PRAGMA user_version = {version + 1}; COMMIT;"
                )
            except sqlite3.Error:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
                if self.schema_version > version:  # the other process won the race
                    continue
                raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE: take the write lock up front so concurrent writers queue, not fail."""
        begin_immediate(self.connection, str(self.path))
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        else:
            self.connection.execute("COMMIT")

    def defer_checkpoints(self, pages: int = 10_000) -> None:
        """Copy the write-ahead log into the database every `pages` pages (SQLite's default:
        1,000) for a batch that writes many documents one transaction each.

        Why: each checkpoint syncs the log and the database to disk; every ~60 UN speeches
        that stalled the batch process for a few milliseconds (2.3 -> 1.5 ms a speech for
        saving, measured wall-clock), while the reading processes waited for it. What is
        stored and when a transaction is durable do not change; the log grows to at most
        `pages` x 4 KB before it is copied in."""
        self.connection.execute(f"PRAGMA wal_autocheckpoint={int(pages)}")

    def changes(self) -> str:
        """Which store this is and how often what matrices read has changed in it."""
        row = self.connection.execute(
            "SELECT store_id, generation FROM store_changes WHERE id = 1").fetchone()
        return f"{row[0]}:{row[1]}"

    # runs -------------------------------------------------------------------------------

    def start_run(self, run: RunInfo) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO runs (id, command, started_at, codebook_name, codebook_version,"
                " codebook_hash, parameters, versions) VALUES (?,?,?,?,?,?,?,?)",
                (
                    run.id,
                    run.command,
                    time.time(),
                    run.codebook_name,
                    run.codebook_version,
                    run.codebook_hash,
                    json.dumps(run.parameters, sort_keys=True),
                    json.dumps(run.versions, sort_keys=True),
                ),
            )

    def finish_run(self, run_id: str, summary: dict[str, object]) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?",
                (time.time(), json.dumps(summary, sort_keys=True), run_id),
            )

    # files and documents ----------------------------------------------------------------

    def known_file(self, path: str, size: int, mtime_ns: int) -> str | None:
        """The document id of a file seen before with the same size and mtime, if any."""
        row = self.connection.execute(
            "SELECT document_id FROM files WHERE path = ? AND size = ? AND mtime_ns = ?",
            (path, size, mtime_ns),
        ).fetchone()
        return row[0] if row else None

    _STATE_COLUMNS = ("d.id, d.status, d.error_code, d.error_message, d.path, d.country, d.year,"
                      " d.doc_type, d.title, d.source, d.licence, d.meta_origin")

    def known_document(self, path: str, size: int, mtime_ns: int) -> sqlite3.Row | None:
        """The stored document of a file seen before with this size and mtime: one query
        answers whether a batch must read the file again and whether its metadata moved."""
        return self.connection.execute(
            f"SELECT {self._STATE_COLUMNS} FROM files f JOIN documents d ON d.id = f.document_id"
            " WHERE f.path = ? AND f.size = ? AND f.mtime_ns = ?", (path, size, mtime_ns),
        ).fetchone()

    def document_state(self, document_id: str) -> sqlite3.Row | None:
        """The columns of :meth:`known_document` for a document found by its content hash."""
        return self.connection.execute(
            f"SELECT {self._STATE_COLUMNS} FROM documents d WHERE d.id = ?", (document_id,),
        ).fetchone()

    def remember_file(self, path: str, size: int, mtime_ns: int, document_id: str) -> None:
        with self.transaction() as db:
            self._remember_file(db, path, size, mtime_ns, document_id)

    @staticmethod
    def _remember_file(
        db: sqlite3.Connection, path: str, size: int, mtime_ns: int, document_id: str
    ) -> None:
        db.execute(
            "INSERT INTO files (path, size, mtime_ns, document_id) VALUES (?,?,?,?)"
            " ON CONFLICT(path) DO UPDATE SET size=excluded.size, mtime_ns=excluded.mtime_ns,"
            " document_id=excluded.document_id",
            (path, size, mtime_ns, document_id),
        )

    def document_status(self, document_id: str) -> str | None:
        row = self.connection.execute(
            "SELECT status FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return row[0] if row else None

    def save_document(
        self, document: Document, run_id: str, codebook_hash: str | None,
        file_key: tuple[str, int, int] | None = None,
    ) -> None:
        """Write a document with its pages, sentences, mentions and tags in one transaction.

        A spooled document (document.spool) is copied from its spool file inside the same
        transaction, so it too is stored whole or not at all.
        """
        meta = document.meta
        n_tokens = sum(s.n_tokens for s in document.sentences)
        with self._spool_attached(document.spool), self.transaction() as db:
            db.execute("DELETE FROM documents WHERE id = ?", (document.id,))
            db.execute(
                "INSERT INTO documents (id, path, status, country, year, doc_type, language,"
                " title, source, licence, meta_origin, n_pages, n_sentences, n_tokens, warnings,"
                " tagged_codebook_hash, run_id, ingested_at)"
                " VALUES (?,?,'ok',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    document.id, document.path, meta.country, meta.year, meta.doc_type,
                    document.language, meta.title, meta.source, meta.licence, meta.origin,
                    len(document.pages), len(document.sentences), n_tokens,
                    json.dumps(list(document.warnings)), codebook_hash, run_id, time.time(),
                ),
            )
            db.executemany(
                "INSERT INTO pages VALUES (?,?,?,?,?,?,?)",
                [
                    (document.id, p.number, p.start, p.end, p.language, p.method, p.error)
                    for p in document.pages
                ],
            )
            if document.spool:
                db.execute("INSERT INTO text_chunks (document_id, start, text)"
                           " SELECT ?, start, text FROM spool.text_chunks", (document.id,))
                self._copy_analysis(db, document.id, run_id)
            else:
                db.execute(
                    "INSERT INTO text_chunks (document_id, start, text) VALUES (?, 0, ?)",
                    (document.id, document.text),
                )
                self._insert_sentences(db, document.id, document.sentences)
                self._insert_mentions(db, document.id, document.mentions)
                insert_tags(db, document.tags, run_id)
            db.executemany(
                "INSERT INTO footnotes VALUES (?,?,?,?,?)",
                [(document.id, note.page, note.start, note.end, int(note.in_sentences))
                 for note in document.footnotes],
            )
            db.executemany(
                "INSERT INTO pdf_tables VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(document.id, table.page, table.index, *table.bbox, *table.shape,
                  json.dumps([list(row) for row in table.rows], ensure_ascii=False))
                 for table in document.tables],
            )
            if file_key:
                self._remember_file(db, *file_key, document.id)

    @contextmanager
    def _spool_attached(self, spool: str | None) -> Iterator[None]:
        """ATTACH a spool file as `spool` around a transaction (ATTACH cannot be inside one)."""
        if not spool:
            yield
            return
        self.connection.execute("ATTACH DATABASE ? AS spool", (str(spool),))
        try:
            yield
        finally:
            self.connection.execute("DETACH DATABASE spool")

    @staticmethod
    def _copy_analysis(db: sqlite3.Connection, document_id: str, run_id: str) -> None:
        """Sentences, mentions and tags from the attached spool, then the document's counts."""
        db.execute("INSERT INTO sentences SELECT ?, idx, page, start, end, n_tokens, text"
                   " FROM spool.sentences", (document_id,))
        db.execute("INSERT OR IGNORE INTO mentions SELECT ?, sentence_idx, iso3, start, end,"
                   " text FROM spool.mentions", (document_id,))
        db.execute("INSERT OR REPLACE INTO tags SELECT id, document_id, sentence_idx, start,"
                   " end, code, text, source, rule, score, codebook_hash, ? FROM spool.tags",
                   (run_id,))
        db.execute("UPDATE documents SET n_sentences = (SELECT COUNT(*) FROM spool.sentences),"
                   " n_tokens = (SELECT COALESCE(SUM(n_tokens), 0) FROM spool.sentences)"
                   " WHERE id = ?", (document_id,))

    def save_failure(
        self, failure: FailedDocument, run_id: str, file_key: tuple[str, int, int] | None = None
    ) -> None:
        meta = failure.meta
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE id = ?", (failure.id,))
            db.execute(
                "INSERT INTO documents (id, path, status, error_code, error_message, country,"
                " year, doc_type, language, title, source, licence, meta_origin, run_id,"
                " ingested_at) VALUES (?,?,'error',?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    failure.id, failure.path, failure.error_code, failure.message,
                    meta.country, meta.year, meta.doc_type, meta.language, meta.title,
                    meta.source, meta.licence, meta.origin, run_id, time.time(),
                ),
            )
            if file_key:
                self._remember_file(db, *file_key, failure.id)

    def update_metadata(self, document_id: str, path: str, country: str | None,
                        year: int | None, doc_type: str | None, title: str | None,
                        source: str | None, licence: str | None, origin: str) -> None:
        """A manifest edit must reach the matrices without re-reading the document."""
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET path=?, country=?, year=?, doc_type=?, title=?, source=?,"
                " licence=?, meta_origin=? WHERE id=?",
                (path, country, year, doc_type, title, source, licence, origin, document_id),
            )

    # tags --------------------------------------------------------------------------------

    def replace_analysis(
        self, document_id: str, sentences: Iterable[Sentence], tags: Iterable[Tag],
        mentions: Iterable[Mention], codebook_hash: str, run_id: str, spool: str | None = None,
    ) -> None:
        """Re-tagging swaps a document's sentences and rule tags at once (from `spool` when the
        document was analysed in chunks).

        Judgements are untouched: they refer to tags by stable id, so a tag found again is
        found with its judgements, and one no longer found leaves its judgements orphaned,
        never deleted.
        """
        sentences = list(sentences)
        with self._spool_attached(spool), self.transaction() as db:
            db.execute("DELETE FROM tags WHERE document_id = ? AND source = 'rule'",
                       (document_id,))
            db.execute("DELETE FROM mentions WHERE document_id = ?", (document_id,))
            db.execute("DELETE FROM sentences WHERE document_id = ?", (document_id,))
            if spool:
                self._copy_analysis(db, document_id, run_id)
                db.execute("UPDATE documents SET tagged_codebook_hash = ? WHERE id = ?",
                           (codebook_hash, document_id))
                return
            self._insert_sentences(db, document_id, sentences)
            self._insert_mentions(db, document_id, mentions)
            insert_tags(db, tags, run_id)
            db.execute(
                "UPDATE documents SET tagged_codebook_hash = ?, n_sentences = ?, n_tokens = ?"
                " WHERE id = ?",
                (codebook_hash, len(sentences), sum(s.n_tokens for s in sentences),
                 document_id),
            )

    @staticmethod
    def _insert_sentences(db: sqlite3.Connection, document_id: str,
                          sentences: Iterable[Sentence]) -> None:
        db.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?,?,?,?)",
            [(document_id, s.index, s.page, s.start, s.end, s.n_tokens, s.text)
             for s in sentences],
        )

    @staticmethod
    def _insert_mentions(db: sqlite3.Connection, document_id: str,
                         mentions: Iterable[Mention]) -> None:
        db.executemany(
            "INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?,?)",
            [(document_id, m.sentence_index, m.iso3, m.start, m.end, m.text) for m in mentions],
        )

    def replace_source_tags(self, document_id: str, source: str, tags: Iterable[Tag],
                            run_id: str) -> None:
        """Swap one source's tags of a document (e.g. classifier suggestions) at once."""
        with self.transaction() as db:
            db.execute("DELETE FROM tags WHERE document_id = ? AND source = ?",
                       (document_id, source))
            insert_tags(db, tags, run_id)

    # reading -----------------------------------------------------------------------------

    def documents(self, status: str | None = None) -> list[sqlite3.Row]:
        query = "SELECT * FROM documents"
        params: tuple[object, ...] = ()
        if status:
            query += " WHERE status = ?"
            params = (status,)
        return list(self.connection.execute(query + " ORDER BY path", params))

    def documents_to_tag(self, codebook_hash: str, force: bool = False) -> list[sqlite3.Row]:
        query = "SELECT id, path, language FROM documents WHERE status = 'ok'"
        if not force:
            query += " AND (tagged_codebook_hash IS NULL OR tagged_codebook_hash != ?)"
            return list(self.connection.execute(query + " ORDER BY path", (codebook_hash,)))
        return list(self.connection.execute(query + " ORDER BY path"))

    def document_text(self, document_id: str, start: int = 0, end: int | None = None) -> str:
        return document_text(self.connection, document_id, start, end)

    def text_chunks(self, document_id: str) -> Iterator[tuple[int, str]]:
        return text_chunks(self.connection, document_id)

    def document_pages(self, document_id: str) -> list[sqlite3.Row]:
        return list(self.connection.execute(
            "SELECT * FROM pages WHERE document_id = ? ORDER BY number", (document_id,)
        ))

    def document_footnotes(self, document_id: str) -> list[Footnote]:
        return [Footnote(row["page"], row["start"], row["end"], bool(row["in_sentences"]))
                for row in self.connection.execute(
                    "SELECT * FROM footnotes WHERE document_id = ? ORDER BY start",
                    (document_id,))]

    def tables(self) -> list[tuple[sqlite3.Row, Table]]:
        """Every stored table with its document's row (path, country, year), in file order."""
        rows = self.connection.execute(
            "SELECT t.*, d.path, d.country, d.year FROM pdf_tables t"
            " JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.page, t.idx")
        return [(row, Table(row["page"], row["idx"],
                            (row["left"], row["top"], row["right"], row["bottom"]),
                            tuple(tuple(cells) for cells in json.loads(row["rows"]))))
                for row in rows]

    def tag(self, tag_id: str) -> sqlite3.Row | None:
        return self.connection.execute("SELECT * FROM tags WHERE id = ?", (tag_id,)).fetchone()

    def runs(self) -> list[dict[str, object]]:
        rows = self.connection.execute("SELECT * FROM runs ORDER BY started_at")
        return [dict(row) for row in rows]

    def replace_topic_tags(self, document_id: str, model_id: str, tags: Iterable[Tag]) -> None:
        """A topic model's tags of one document, swapped at once.

        INSERT OR IGNORE: a topic tag never replaces a rule tag with the same span and code
        (and so the same id, which a coder's judgement may refer to).
        """
        with self.transaction() as db:
            db.execute("DELETE FROM tags WHERE document_id = ? AND source = 'topic'"
                       " AND rule LIKE ?", (document_id, f"topic:{model_id}:%"))
            insert_tags(db, tags, None, replace=False)


def insert_tags(db: sqlite3.Connection, tags: Iterable[Tag], run_id: str | None,
                replace: bool = True) -> None:
    """Write tags as rows. `replace`: a re-analysis replaces a tag with the same id (span
    and code); without it (topic tags, review candidates) a tag already there, which a
    coder's judgement may refer to, stays as it is."""
    db.executemany(
        f"INSERT OR {'REPLACE' if replace else 'IGNORE'} INTO tags"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(t.id, t.document_id, t.sentence_index, t.start, t.end, t.code, t.text, t.source,
          t.rule, t.score, t.codebook_hash, run_id) for t in tags],
    )


def document_text(connection: sqlite3.Connection, document_id: str, start: int = 0,
                  end: int | None = None) -> str:
    """The document's normalised text, or its [start, end) slice: the one accessor for texts.

    Only the chunks that overlap the slice are read, so a sentence's context in a 50 MB
    document costs one chunk, not the whole text.
    """
    query = "SELECT start, text FROM text_chunks WHERE document_id = ?"
    params: list[object] = [document_id]
    if end is not None:
        query += " AND start < ?"
        params.append(end)
    if start > 0:
        # The last chunk starting at or before `start`, and every one after it.
        query += (" AND start >= COALESCE((SELECT MAX(start) FROM text_chunks"
                  " WHERE document_id = ? AND start <= ?), 0)")
        params += [document_id, start]
    rows = connection.execute(query + " ORDER BY start", params).fetchall()
    if not rows:
        return ""
    first = int(rows[0][0])
    text = "".join(row[1] for row in rows)
    return text[start - first:None if end is None else end - first]


def text_chunks(connection: sqlite3.Connection, document_id: str) -> Iterator[tuple[int, str]]:
    """(start, text) of each stored chunk in order, one row in memory at a time."""
    last = -1
    while True:
        row = connection.execute(
            "SELECT start, text FROM text_chunks WHERE document_id = ? AND start > ?"
            " ORDER BY start LIMIT 1", (document_id, last)).fetchone()
        if row is None:
            return
        last = int(row[0])
        yield last, row[1]


def run_as_dict(run: RunInfo) -> dict[str, object]:
    return asdict(run)
