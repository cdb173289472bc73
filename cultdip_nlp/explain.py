"""`cultdip explain`: why a tag was given, shown in its context.

Why: a coder accepts a tag only after seeing the rule that fired and the text around it; the
sentence alone often hides what decides the sense (the sentence before names the festival, the
heading names the country). The context is `window` sentences either side, from the stored
sentences, with the match marked inside its sentence.
"""

from __future__ import annotations

from typing import Any

from .codebook import Codebook
from .store import Store

MARK_OPEN, MARK_CLOSE = "[[", "]]"


def explain_tag(store: Store, codebook: Codebook, tag_id: str, window: int = 1) -> dict[str, Any] | None:
    """Everything known about one tag: rule, pattern, context rules, score, the sentence with
    its neighbours and the match marked, the countries the sentence is about."""
    tag = store.tag(tag_id)
    if tag is None:
        return None
    db = store.connection
    document_id, index = tag["document_id"], tag["sentence_idx"]
    rows = db.execute(
        "SELECT idx, page, start, end, text FROM sentences WHERE document_id = ? "
        "AND idx BETWEEN ? AND ? ORDER BY idx",
        (document_id, index - window, index + window)).fetchall()
    sentence = next((row for row in rows if row["idx"] == index), None)
    document = db.execute("SELECT path, country, year FROM documents WHERE id = ?",
                          (document_id,)).fetchone()
    about = db.execute("SELECT iso3, text FROM mentions WHERE document_id = ? AND sentence_idx = ?"
                       " ORDER BY start", (document_id, index)).fetchall()
    pattern = next((p for p in codebook.patterns() if p.id == tag["rule"]), None)
    marked = None
    if sentence is not None:
        start = tag["start"] - sentence["start"]
        end = tag["end"] - sentence["start"]
        text = sentence["text"]
        if 0 <= start <= end <= len(text):
            marked = text[:start] + MARK_OPEN + text[start:end] + MARK_CLOSE + text[end:]
    return {
        "tag": tag["id"], "code": tag["code"], "matched": tag["text"],
        "span": [tag["start"], tag["end"]], "source": tag["source"], "rule": tag["rule"],
        "pattern": pattern.describe() if pattern else None,
        "lang": pattern.lang if pattern else None,
        "requires": list(pattern.requires_any) if pattern else None,
        "window": pattern.window if pattern else None,
        "excludes": list(pattern.excludes) if pattern else None,
        "score": tag["score"], "codebook_hash": tag["codebook_hash"],
        "codebook_matches": tag["codebook_hash"] == codebook.hash,
        "sentence": sentence["text"] if sentence else None,
        "page": sentence["page"] if sentence else None,
        "context": {
            "window": window,
            "before": [row["text"] for row in rows if row["idx"] < index],
            "sentence": marked,
            "after": [row["text"] for row in rows if row["idx"] > index],
        },
        "about": sorted({row["iso3"] for row in about}),
        "about_from": [f"{row['iso3']}: {row['text'] or '(the section heading)'}"
                       for row in about],
        "document": dict(document) if document else None,
    }


def render_text(info: dict[str, Any]) -> str:
    """The explanation for a terminal: fields, then the context with the match marked."""
    lines = []
    for key, value in info.items():
        if key != "context":
            lines.append(f"{key:>16}: {value}")
    context = info["context"]
    lines.append(f"{'context':>16}: {context['window']} sentence(s) either side, match in "
                 f"{MARK_OPEN} {MARK_CLOSE}")
    for text in context["before"]:
        lines.append(f"{'':>18}  {text}")
    lines.append(f"{'':>18}> {context['sentence']}")
    for text in context["after"]:
        lines.append(f"{'':>18}  {text}")
    return "\n".join(lines)
