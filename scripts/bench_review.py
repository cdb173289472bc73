"""Benchmark the review workflow on a tagged project, against a baseline from the same run.

Usage: .venv/bin/python scripts/bench_review.py --project out [--n 200]

Works on a private copy of the store (SQLite backup), so the project is not changed. Prints
seconds and, for each step, the ratio to the baseline: one full scan of the tags table
(`SELECT COUNT(*), SUM(LENGTH(text)) FROM tags`), which is the least any step must do.
Steps: sample a stratified batch for two coders; load one coder's page data (items with
context); record a judgement per item for both coders; compute agreement; export the
REFI-QDA project.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.review import queue
from cultdip_nlp.review.agreement import agreement
from cultdip_nlp.review.items import coder_items
from cultdip_nlp.review.judgements import Judgement, record
from cultdip_nlp.review.refiqda import export_qdpx
from cultdip_nlp.store import Store


def timed(label: str, results: dict[str, float], function, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = function(*args)
    results[label] = time.perf_counter() - start
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench_review_"))
    try:
        source = sqlite3.connect(args.project / "cultdip.sqlite")
        target = sqlite3.connect(folder / "cultdip.sqlite")
        source.backup(target)
        source.close()
        target.close()
        store = Store(folder / "cultdip.sqlite")
        db = store.connection
        codebook = load_codebook(None)
        known = set(codebook.code_ids)
        results: dict[str, float] = {}
        tags = timed("baseline: scan tags", results, lambda: db.execute(
            "SELECT COUNT(*), SUM(LENGTH(text)) FROM tags").fetchone()[0])
        documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        timed("sample (stratified, 2 coders, overlap 0.2)", results, queue.sample, db, args.n,
              "stratified", None, ["ann", "ben"], 0.2, 0)
        items = timed("page data for ann (items with context)", results, coder_items, db, "ann")

        def judge_all() -> int:
            count = 0
            for coder in ("ann", "ben"):
                for index, item in enumerate(coder_items(db, coder)):
                    decision = "accept" if (index + len(coder)) % 3 else "reject"
                    record(db, Judgement(item["tag_id"], item["document_id"],
                                         item["sentence_idx"], item["code"], decision, coder),
                           known)
                    count += 1
            return count

        judged = timed("record every judgement (one commit each)", results, judge_all)
        timed("agreement", results, agreement, db)
        timed("export qdpx", results, export_qdpx, db, codebook, folder / "p.qdpx")
        baseline = results["baseline: scan tags"]
        print(f"project {args.project}: {documents} documents, {tags} tags; batch {args.n} tags,"
              f" {len(items)} items for ann, {judged} judgements")
        for label, seconds in results.items():
            print(f"  {label:<48} {seconds:8.3f} s  x{seconds / baseline:10.1f} baseline")
        print(f"  peak resident memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
