"""The review queue: which tags each coder checks, in which order.

A batch is a sample of tags (random, stratified by code so rare codes are reviewed too, or
the least certain first) split among coders, with an overlap share given to every coder so
their agreement can be measured. Items copy the tag's place and code: an item outlives a tag
that a later codebook no longer produces. Tags already in a batch are not sampled again.
"""

from __future__ import annotations

import heapq
import json
import random
import sqlite3
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..codebook import Codebook
from ..errors import CultdipError, ErrorCode
from .coders import check_coder_id

STRATEGIES = ("random", "stratified", "uncertain", "candidates")


@dataclass(frozen=True)
class BatchSummary:
    id: str
    strategy: str
    items: int
    tags: int
    per_coder: dict[str, int]
    per_code: dict[str, int]


def _candidates(connection: sqlite3.Connection, codes: list[str] | None,
                review_candidates: bool = False) -> Iterator[tuple[str, str, float]]:
    """(tag id, code, score) of tags not yet in any batch, streamed from the store: the
    machine's tags, or with `review_candidates` only the sentences the classifier proposes
    (source "candidate", learn/candidates.py)."""
    query = ("SELECT t.id, t.code, t.score FROM tags t JOIN documents d ON d.id = t.document_id"
             " WHERE d.status = 'ok' AND NOT EXISTS"
             " (SELECT 1 FROM review_items r WHERE r.tag_id = t.id)"
             + (" AND t.source = 'candidate'" if review_candidates
                else " AND t.source != 'candidate'"))
    params: list[object] = []
    if codes:
        query += f" AND t.code IN ({','.join('?' for _ in codes)})"
        params.extend(codes)
    for row in connection.execute(query + " ORDER BY t.id", params):
        yield row[0], row[1], float(row[2])


def _reservoir(pool: list[str], seen: int, item: str, n: int, rng: random.Random) -> None:
    """Algorithm R: after `seen` items, each is in the pool with probability n / seen."""
    if len(pool) < n:
        pool.append(item)
    else:
        slot = rng.randrange(seen)
        if slot < n:
            pool[slot] = item


def choose(candidates: Iterable[tuple[str, str, float]], n: int, strategy: str,
           rng: random.Random) -> list[str]:
    """Pick n tag ids by strategy, in one pass holding at most n ids per code; every strategy
    is reproducible from the seed."""
    if strategy == "random":
        pool: list[str] = []
        for seen, candidate in enumerate(candidates, start=1):
            _reservoir(pool, seen, candidate[0], n, rng)
        rng.shuffle(pool)
        return pool
    if strategy == "candidates":
        # Highest group probability first: the sentences most likely to hold a missed code.
        highest = heapq.nlargest(n, ((c[2], -rng.random(), c[0]) for c in candidates))
        return [c[2] for c in highest]
    if strategy == "uncertain":
        # Lowest machine score first; a classifier's probability can replace the score later.
        lowest = heapq.nsmallest(n, ((c[2], rng.random(), c[0]) for c in candidates))
        return [c[2] for c in lowest]
    if strategy == "stratified":
        pools: dict[str, list[str]] = defaultdict(list)
        seen_per_code: dict[str, int] = defaultdict(int)
        for tag_id, code, _ in candidates:
            seen_per_code[code] += 1
            _reservoir(pools[code], seen_per_code[code], tag_id, n, rng)
        ordered = []
        for code in sorted(pools):
            rng.shuffle(pools[code])
            ordered.append(pools[code])
        chosen: list[str] = []
        # Round-robin over codes: a rare code gets as many items as a common one until it runs out.
        while len(chosen) < n and any(ordered):
            for pool_of_code in ordered:
                if pool_of_code and len(chosen) < n:
                    chosen.append(pool_of_code.pop())
        return chosen
    raise CultdipError(ErrorCode.REVIEW_INVALID,
                       f"strategy {strategy!r} is not one of {', '.join(STRATEGIES)}")


def assign(tag_ids: list[str], coders: list[str], overlap: float,
           rng: random.Random, keep_order: bool = False) -> dict[str, list[tuple[str, bool]]]:
    """Split tags among coders; the first round(overlap * n) tags go to every coder. With
    `keep_order` and no shared items, each coder's queue keeps the chosen order (the
    candidates strategy: best first)."""
    if not 0.0 <= overlap <= 1.0:
        raise CultdipError(ErrorCode.REVIEW_INVALID, f"overlap {overlap} must be in 0..1")
    shared = round(overlap * len(tag_ids)) if len(coders) > 1 else 0
    queues: dict[str, list[tuple[str, bool]]] = {c: [(t, True) for t in tag_ids[:shared]]
                                                  for c in coders}
    for index, tag_id in enumerate(tag_ids[shared:]):
        queues[coders[index % len(coders)]].append((tag_id, False))
    for queue in queues.values():
        if keep_order and not shared:
            continue
        rng.shuffle(queue)  # shared items are not all at the start: coders can't tell them apart
    return queues


def _find_review_candidates(connection: sqlite3.Connection, n: int, codes: list[str] | None,
                            model: Path | None, codebook: Codebook | None) -> int:
    """Store the model's n best new review candidates as tags; returns how many were new."""
    if model is None:
        raise CultdipError(ErrorCode.REVIEW_INVALID, "--strategy candidates needs --model (a"
                           " folder made by `cultdip learn train`)")
    from ..codebook import load_codebook
    from ..learn.candidates import CodeGuesser, as_tags, find_candidates, store_candidates
    from ..learn.classifier import group_of, load, load_groups

    if not (model / "card.json").is_file():
        raise CultdipError(ErrorCode.REVIEW_INVALID, "not a model folder (no card.json): give"
                           " one made by `cultdip learn train`", str(model))
    models, card = load(model)
    group_models = load_groups(model)
    if not group_models:
        raise CultdipError(ErrorCode.REVIEW_INVALID, "this model has no code-group models"
                           " (trained before they existed, or fewer than 3 judged sentences"
                           " with and without a code of any group): run `cultdip learn"
                           " train` again", str(model))
    book = codebook or load_codebook()
    groups = sorted({group_of(c) for c in codes}) if codes else None
    found = find_candidates(connection, group_models, CodeGuesser(book, models), n, groups)
    if codes:
        found = [c for c in found if c.code in codes]
    return store_candidates(connection, as_tags(found, str(card["id"]), str(card["codebook_hash"])))


def sample(connection: sqlite3.Connection, n: int, strategy: str = "stratified",
           codes: list[str] | None = None, coders: list[str] | None = None,
           overlap: float = 0.0, seed: int = 0, model: Path | None = None,
           codebook: Codebook | None = None) -> BatchSummary:
    """Build and store a review batch; returns what was assigned to whom.

    With a classifier `model` (from `cultdip learn train`), the uncertain strategy orders
    tags by how much a judgement would teach it (active learning) instead of rule score,
    and the candidates strategy (which needs one) first finds the n sentences its code-group
    models rank highest among those without a tag of the group, stores them as tags of
    source "candidate" with a guessed code, and queues the best unreviewed candidates.
    """
    if n <= 0:
        raise CultdipError(ErrorCode.REVIEW_INVALID, f"--n must be positive, not {n}")
    coders = [check_coder_id(c) for c in (coders or ["default"])]
    if len(set(coders)) != len(coders):
        raise CultdipError(ErrorCode.REVIEW_INVALID, f"coders repeat: {coders}")
    if strategy not in STRATEGIES:
        raise CultdipError(ErrorCode.REVIEW_INVALID,
                           f"strategy {strategy!r} is not one of {', '.join(STRATEGIES)}")
    rng = random.Random(seed)
    if strategy == "candidates":
        _find_review_candidates(connection, n, codes, model, codebook)
    candidates = _candidates(connection, codes, strategy == "candidates")
    if model is not None and strategy == "uncertain":
        from ..learn.apply import rescore_candidates
        from ..learn.classifier import load

        models, _ = load(model)
        candidates = rescore_candidates(connection, candidates, models)
    tag_ids = choose(candidates, n, strategy, rng)
    queues = assign(tag_ids, coders, overlap, rng, keep_order=strategy == "candidates")
    batch_id = time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    parameters = {"n": n, "codes": codes, "coders": coders, "overlap": overlap, "seed": seed,
                  "model": str(model) if model else None}
    per_code: dict[str, int] = defaultdict(int)
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(
            "INSERT INTO review_batches (id, created_at, strategy, parameters) VALUES (?,?,?,?)",
            (batch_id, time.time(), strategy, json.dumps(parameters, sort_keys=True)))
        for coder, queue in queues.items():
            for position, (tag_id, shared) in enumerate(queue):
                connection.execute(
                    "INSERT INTO review_items (batch_id, position, coder, tag_id, document_id,"
                    " sentence_idx, code, start, end, overlap) SELECT ?, ?, ?, id, document_id,"
                    " sentence_idx, code, start, end, ? FROM tags WHERE id = ?",
                    (batch_id, position, coder, int(shared), tag_id))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    for row in connection.execute("SELECT code FROM review_items WHERE batch_id = ? GROUP BY"
                                  " tag_id", (batch_id,)):
        per_code[row[0]] += 1
    return BatchSummary(batch_id, strategy, sum(len(q) for q in queues.values()), len(tag_ids),
                        {c: len(q) for c, q in queues.items()}, dict(sorted(per_code.items())))
