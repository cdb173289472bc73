"""A coder's review items with everything needed to judge them: the sentence, its neighbours,
the document's metadata, the code's definition and the machine's reason.

Shared by the web page and the spreadsheet so both show the same thing. Offsets of the span
are given relative to the sentence, so the page highlights it without touching raw HTML.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..codebook import Codebook
from .judgements import current, current_additions


def _sentence(connection: sqlite3.Connection, document_id: str, idx: int) -> sqlite3.Row | None:
    return connection.execute(
        "SELECT idx, page, start, end, text FROM sentences WHERE document_id = ? AND idx = ?",
        (document_id, idx)).fetchone()


def coder_items(connection: sqlite3.Connection, coder: str | None) -> list[dict[str, Any]]:
    """The coder's items (all coders' with None), oldest batch first, each with context."""
    query = ("SELECT r.*, b.created_at AS batch_created, t.rule, t.text AS matched, t.score,"
             " t.source, d.path, d.title, d.year, d.country FROM review_items r"
             " JOIN review_batches b ON b.id = r.batch_id"
             " LEFT JOIN tags t ON t.id = r.tag_id"
             " LEFT JOIN documents d ON d.id = r.document_id")
    params: list[object] = []
    if coder is not None:
        query += " WHERE r.coder = ?"
        params.append(coder)
    query += " ORDER BY b.created_at, r.batch_id, r.coder, r.position"
    decisions = {(j["coder"], j["tag_id"]): j for j in current(connection, coder)}
    additions: dict[tuple[str, str, int], list[str]] = {}
    for row in current_additions(connection, coder):
        additions.setdefault((row["coder"], row["document_id"], row["sentence_idx"]),
                             []).append(row["code"])
    items = []
    for row in connection.execute(query, params):
        sentence = _sentence(connection, row["document_id"], row["sentence_idx"])
        before = _sentence(connection, row["document_id"], row["sentence_idx"] - 1)
        after = _sentence(connection, row["document_id"], row["sentence_idx"] + 1)
        offset = sentence["start"] if sentence else 0
        judgement = decisions.get((row["coder"], row["tag_id"]))
        items.append({
            "tag_id": row["tag_id"], "batch": row["batch_id"], "coder": row["coder"],
            "position": row["position"], "code": row["code"], "overlap": bool(row["overlap"]),
            "document_id": row["document_id"], "sentence_idx": row["sentence_idx"],
            "sentence": sentence["text"] if sentence else "",
            "span": [row["start"] - offset, row["end"] - offset],
            "before": before["text"] if before else "",
            "after": after["text"] if after else "",
            "page": sentence["page"] if sentence else None,
            "document": row["title"] or row["path"], "year": row["year"],
            "country": row["country"],
            "orphaned": row["rule"] is None,
            "reason": {"rule": row["rule"], "matched": row["matched"], "score": row["score"],
                       "source": row["source"],
                       "text": machine_reason(row["source"], row["rule"], row["matched"],
                                              row["score"], row["code"])},
            "decision": judgement["decision"] if judgement else None,
            "new_code": judgement["new_code"] if judgement else None,
            "note": judgement["note"] if judgement else None,
            "added": additions.get((row["coder"], row["document_id"], row["sentence_idx"]), []),
        })
    return items


def machine_reason(source: str | None, rule: str | None, matched: str | None,
                   score: float | None, code: str) -> str:
    """One line telling the coder why the machine proposes this code, in the terms of its source.

    A rule names its pattern and match; a classifier or review candidate has no match to show
    (its span is the whole sentence), so the line says what its probability means and, for a
    candidate, that the code is only the model's guess within the group, which is what the coder
    is asked to correct.
    """
    if rule is None:
        return "no machine reason: the current codebook no longer produces this tag"
    shown = "—" if score is None else f"{score:.2f}"
    model = rule.split(":", 2)[1] if ":" in rule else rule
    if source == "classifier":
        return (f"classifier {model}: probability {shown} that the sentence has this code;"
                " no rule tagged it")
    if source == "candidate":
        group = code.split(".", 1)[0]
        return (f"review candidate from model {model}: probability {shown} that the sentence"
                f" has some {group} code, and no rule gave it one; the code shown is the"
                f" model's best guess: accept it, relabel to the right {group} code, or reject")
    if source == "topic":
        topic = rule.rsplit(":", 1)[-1]
        return f"topic {topic} of model {model}: share {shown} of the sentence"
    return f"rule {rule} matched “{matched or ''}” · score {shown}"


def codebook_view(codebook: Codebook) -> list[dict[str, Any]]:
    return [{"id": c.id, "group": c.group, "label": c.label, "definition": c.definition,
             "include": c.include, "exclude": c.exclude, "examples": list(c.examples[:3])}
            for c in codebook.codes]


def progress(items: list[dict[str, Any]]) -> dict[str, Any]:
    per_code: dict[str, dict[str, int]] = {}
    for item in items:
        entry = per_code.setdefault(item["code"], {"done": 0, "left": 0})
        entry["done" if item["decision"] else "left"] += 1
    done = sum(e["done"] for e in per_code.values())
    return {"done": done, "left": len(items) - done, "per_code": dict(sorted(per_code.items()))}
