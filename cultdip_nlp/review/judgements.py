"""Judgements: a coder's decisions on tags, kept as history.

Every decision is a new row; a changed mind is a newer row, and undo marks the coder's latest
row as retracted (the row stays). A coder's *current* decision on a tag is their latest
unretracted row. Judgements refer to tags by stable id and are never deleted: a judgement
whose tag a later codebook no longer produces is reported as orphaned.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from ..errors import CultdipError, ErrorCode

DECISIONS = ("accept", "reject", "relabel", "add")
MAX_NOTE = 2000


@dataclass(frozen=True)
class Judgement:
    tag_id: str | None
    document_id: str
    sentence_idx: int
    code: str
    decision: str
    coder: str
    new_code: str | None = None
    start: int | None = None
    end: int | None = None
    note: str | None = None


def validate(judgement: Judgement, known_codes: set[str]) -> list[str]:
    """What is wrong with a judgement, as sentences a coder can act on (empty when valid)."""
    problems = []
    if judgement.decision not in DECISIONS:
        problems.append(f"decision {judgement.decision!r} is not one of {', '.join(DECISIONS)}")
    if judgement.decision == "relabel":
        if not judgement.new_code:
            problems.append("relabel needs the new code")
        elif judgement.new_code not in known_codes:
            problems.append(f"new code {judgement.new_code!r} is not in the codebook")
        elif judgement.new_code == judgement.code:
            problems.append("relabel to the same code: use accept")
    elif judgement.new_code:
        problems.append(f"a new code is only for relabel, not {judgement.decision}")
    if judgement.decision == "add" and judgement.code not in known_codes:
        problems.append(f"added code {judgement.code!r} is not in the codebook")
    if judgement.decision != "add" and not judgement.tag_id:
        problems.append(f"{judgement.decision} needs a tag")
    if (judgement.start is None) != (judgement.end is None):
        problems.append("a span needs both start and end")
    elif judgement.start is not None and judgement.end is not None and \
            not 0 <= judgement.start < judgement.end:
        problems.append(f"span {judgement.start}..{judgement.end} is empty or negative")
    if judgement.note and len(judgement.note) > MAX_NOTE:
        problems.append(f"note longer than {MAX_NOTE} characters")
    return problems


def record(connection: sqlite3.Connection, judgement: Judgement, known_codes: set[str],
           created_at: float | None = None) -> int:
    """Store one judgement (autocommit: it is on disk when this returns); returns its id."""
    problems = validate(judgement, known_codes)
    if problems:
        raise CultdipError(ErrorCode.REVIEW_INVALID, "; ".join(problems))
    cursor = connection.execute(
        "INSERT INTO judgements (tag_id, document_id, sentence_idx, code, decision, new_code,"
        " start, end, coder, note, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (judgement.tag_id, judgement.document_id, judgement.sentence_idx, judgement.code,
         judgement.decision, judgement.new_code, judgement.start, judgement.end,
         judgement.coder, judgement.note or None, created_at or time.time()))
    return int(cursor.lastrowid or 0)


def undo(connection: sqlite3.Connection, coder: str) -> sqlite3.Row | None:
    """Retract the coder's latest unretracted judgement; returns it (None: nothing to undo).

    Find and retract under the write lock (BEGIN IMMEDIATE): a coder with the page open in
    two tabs who presses undo in both at once retracts two judgements, not one twice (that
    race failed the second request with a UNIQUE constraint; tests/test_review_concurrency).
    """
    from ..store import begin_immediate

    begin_immediate(connection, "undo")
    try:
        row = connection.execute(
            "SELECT * FROM judgements j WHERE coder = ? AND NOT EXISTS"
            " (SELECT 1 FROM judgement_retractions x WHERE x.judgement_id = j.id)"
            " ORDER BY id DESC LIMIT 1", (coder,)).fetchone()
        if row is not None:
            connection.execute(
                "INSERT INTO judgement_retractions (judgement_id, coder, retracted_at)"
                " VALUES (?,?,?)", (row["id"], coder, time.time()))
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return row


CURRENT_SQL = (
    "SELECT j.* FROM judgements j WHERE j.decision != 'add' AND j.tag_id IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM judgement_retractions x WHERE x.judgement_id = j.id)"
    " AND j.id = (SELECT MAX(k.id) FROM judgements k WHERE k.tag_id = j.tag_id"
    " AND k.coder = j.coder AND k.decision != 'add' AND NOT EXISTS"
    " (SELECT 1 FROM judgement_retractions y WHERE y.judgement_id = k.id))"
)


def current(connection: sqlite3.Connection, coder: str | None = None) -> list[sqlite3.Row]:
    """Each coder's current decision (accept/reject/relabel) per tag."""
    query, params = CURRENT_SQL, []
    if coder:
        query += " AND j.coder = ?"
        params.append(coder)
    return list(connection.execute(query + " ORDER BY j.tag_id, j.coder", params))


def current_additions(connection: sqlite3.Connection,
                      coder: str | None = None) -> list[sqlite3.Row]:
    """Codes coders added to sentences (missed by the machine), retracted ones left out."""
    query = ("SELECT j.* FROM judgements j WHERE j.decision = 'add' AND NOT EXISTS"
             " (SELECT 1 FROM judgement_retractions x WHERE x.judgement_id = j.id)")
    params: list[object] = []
    if coder:
        query += " AND j.coder = ?"
        params.append(coder)
    return list(connection.execute(query + " ORDER BY j.id", params))


def history(connection: sqlite3.Connection, tag_id: str) -> list[dict[str, object]]:
    rows = connection.execute(
        "SELECT j.*, x.retracted_at FROM judgements j LEFT JOIN judgement_retractions x"
        " ON x.judgement_id = j.id WHERE j.tag_id = ? ORDER BY j.id", (tag_id,))
    return [dict(r) for r in rows]


def orphaned(connection: sqlite3.Connection) -> list[sqlite3.Row]:
    """Judgements on tags the current tagging no longer produces (kept, reported)."""
    return list(connection.execute(
        "SELECT j.* FROM judgements j WHERE j.tag_id IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM tags t WHERE t.id = j.tag_id) ORDER BY j.id"))
