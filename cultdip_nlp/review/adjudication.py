"""Adjudication: a senior coder settles disagreements, and their decision becomes the gold.

`validated_tag_ids()` is THE definition of a validated tag, used by the matrices' "validated"
filter and by the REFI-QDA export. A tag is validated when it is still produced by the
current tagging (it is in `tags`) and either
  * its latest adjudication is accept, or
  * it has no adjudication, at least one coder judged it, and every coder's current
    (unretracted, latest) judgement on it is accept.
A tag rejected or relabelled by the gold, or with any coder's current reject or relabel and
no adjudication, is not validated. Relabels and added codes are human tags of other codes;
they are reported (`gold_decisions`, judgements) but do not validate the machine's tag.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from typing import Any

from ..errors import CultdipError, ErrorCode
from .coders import coder_role

DECISIONS = ("accept", "reject", "relabel")


def gold_decisions(connection: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """The latest adjudication per tag."""
    rows = connection.execute(
        "SELECT a.* FROM adjudications a WHERE a.id = (SELECT MAX(b.id) FROM adjudications b"
        " WHERE b.tag_id = a.tag_id)")
    return {r["tag_id"]: dict(r) for r in rows}


def validated_tag_ids(connection: sqlite3.Connection) -> set[str]:
    """Ids of tags validated by humans (see the module docstring for the exact rule)."""
    from .judgements import current

    gold = gold_decisions(connection)
    existing = {r[0] for r in connection.execute(
        "SELECT DISTINCT tag_id FROM judgements WHERE tag_id IS NOT NULL AND EXISTS"
        " (SELECT 1 FROM tags t WHERE t.id = judgements.tag_id)")}
    existing |= {t for t in gold if connection.execute(
        "SELECT 1 FROM tags WHERE id = ?", (t,)).fetchone()}
    decisions: dict[str, set[str]] = defaultdict(set)
    for row in current(connection):
        decisions[row["tag_id"]].add(row["decision"])
    validated = set()
    for tag_id in existing:
        if tag_id in gold:
            if gold[tag_id]["decision"] == "accept":
                validated.add(tag_id)
        elif decisions.get(tag_id) == {"accept"}:
            validated.add(tag_id)
    return validated


def disagreements(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    """Tags whose coders' current decisions differ and that no senior coder has settled."""
    from .judgements import current

    gold = gold_decisions(connection)
    by_tag: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in current(connection):
        by_tag[row["tag_id"]].append(row)
    listed = []
    for tag_id, rows in sorted(by_tag.items()):
        values = {(r["decision"], r["new_code"]) for r in rows}
        if len(rows) < 2 or len(values) < 2 or tag_id in gold:
            continue
        first = rows[0]
        sentence = connection.execute(
            "SELECT text FROM sentences WHERE document_id = ? AND idx = ?",
            (first["document_id"], first["sentence_idx"])).fetchone()
        tag = connection.execute("SELECT text, rule FROM tags WHERE id = ?", (tag_id,)).fetchone()
        listed.append({
            "tag_id": tag_id, "code": first["code"],
            "sentence": sentence[0] if sentence else None,
            "matched": tag["text"] if tag else None, "rule": tag["rule"] if tag else None,
            "decisions": {r["coder"]: r["decision"] + (f":{r['new_code']}" if r["new_code"]
                                                        else "") for r in rows},
        })
    return listed


def adjudicate(connection: sqlite3.Connection, tag_id: str, decision: str, adjudicator: str,
               known_codes: set[str], new_code: str | None = None,
               note: str | None = None) -> int:
    """Record the gold decision on a tag; only a coder with role 'senior' may."""
    if coder_role(connection, adjudicator) != "senior":
        raise CultdipError(ErrorCode.REVIEW_FORBIDDEN,
                           f"{adjudicator!r} is not a senior coder: add them with "
                           "`cultdip review coder add NAME --role senior`")
    if decision not in DECISIONS:
        raise CultdipError(ErrorCode.REVIEW_INVALID,
                           f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
    if decision == "relabel" and new_code not in known_codes:
        raise CultdipError(ErrorCode.REVIEW_INVALID, f"relabel needs a codebook code, not {new_code!r}")
    known_tag = connection.execute(
        "SELECT 1 FROM judgements WHERE tag_id = ? UNION SELECT 1 FROM tags WHERE id = ?",
        (tag_id, tag_id)).fetchone()
    if known_tag is None:
        raise CultdipError(ErrorCode.REVIEW_INVALID, f"no tag or judgement with id {tag_id!r}")
    cursor = connection.execute(
        "INSERT INTO adjudications (tag_id, decision, new_code, adjudicator, note, created_at)"
        " VALUES (?,?,?,?,?,?)",
        (tag_id, decision, new_code if decision == "relabel" else None, adjudicator, note,
         time.time()))
    return int(cursor.lastrowid or 0)
