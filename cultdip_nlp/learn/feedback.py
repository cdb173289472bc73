"""Rule feedback: what the judgements say about each rule, and phrases no rule covers yet."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..codebook import Codebook
from .examples import LATEST_JUDGEMENTS

_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
STOP_WORDS = frozenset(
    "a an the and or of to in on for with by at from as is are was were be been being this "
    "that these those it its our their his her we they you i he she which who whom whose "
    "has have had will would shall should can could may might must not no also all any "
    "more most other such than then there here into over under about between".split())


@dataclass
class RuleQuality:
    rule: str
    code: str
    judged: int = 0
    accepted: int = 0
    rejected: int = 0
    relabelled: int = 0
    rejected_examples: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.accepted / self.judged if self.judged else 0.0


def rule_quality(connection: sqlite3.Connection, examples: int = 3) -> list[RuleQuality]:
    """Precision of each rule from coders' latest decisions on its tags, worst first."""
    quality: dict[str, RuleQuality] = {}
    query = (f"SELECT t.rule, t.code, j.decision, s.text FROM ({LATEST_JUDGEMENTS}) j"
             " JOIN tags t ON t.id = j.tag_id"
             " JOIN sentences s ON s.document_id = t.document_id AND s.idx = t.sentence_idx"
             " WHERE j.decision IN ('accept', 'reject', 'relabel')")
    for rule, code, decision, text in connection.execute(query):
        entry = quality.setdefault(rule, RuleQuality(rule=rule, code=code))
        entry.judged += 1
        if decision == "accept":
            entry.accepted += 1
        else:
            entry.rejected += decision == "reject"
            entry.relabelled += decision == "relabel"
            if len(entry.rejected_examples) < examples:
                entry.rejected_examples.append(text)
    return sorted(quality.values(), key=lambda q: (q.precision, -q.judged, q.rule))


def _ngrams(text: str, sizes: tuple[int, ...] = (1, 2, 3)) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    grams = set()
    for n in sizes:
        for i in range(len(words) - n + 1):
            gram = words[i:i + n]
            if gram[0] in STOP_WORDS or gram[-1] in STOP_WORDS:
                continue
            grams.add(" ".join(gram))
    return grams


def uncovered_phrases(connection: sqlite3.Connection, codebook: Codebook, top: int = 10,
                      min_count: int = 2) -> dict[str, list[tuple[str, int]]]:
    """Per code: phrases frequent in accepted classifier suggestions that no rule names."""
    accepted: dict[str, list[str]] = defaultdict(list)
    query = (f"SELECT t.code, s.text FROM ({LATEST_JUDGEMENTS}) j"
             " JOIN tags t ON t.id = j.tag_id"
             " JOIN sentences s ON s.document_id = t.document_id AND s.idx = t.sentence_idx"
             " WHERE j.decision = 'accept' AND t.source = 'classifier'")
    for code, text in connection.execute(query):
        accepted[code].append(text)
    background = Counter()
    for (text,) in connection.execute("SELECT text FROM sentences ORDER BY RANDOM() LIMIT 5000"):
        background.update(_ngrams(text))
    result = {}
    for code, texts in accepted.items():
        covered = {str(p.value).lower() for p in codebook.code(code).patterns
                   if isinstance(p.value, str)} if code in codebook.code_ids else set()
        counts = Counter(g for text in texts for g in _ngrams(text))
        ranked = sorted(((g, c) for g, c in counts.items() if c >= min_count
                         and not any(g in pattern or pattern in g for pattern in covered)),
                        key=lambda gc: (-gc[1] / (1 + background[gc[0]]) , gc[0]))
        result[code] = ranked[:top]
    return result
