#!/usr/bin/env python3
"""What the per-document child (time and memory limits) costs: the same real documents read
in the worker itself (baseline) and through the bounded child; prints seconds and the ratio.

    .venv/bin/python scripts/bench_limits.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cultdip_nlp.limits import Limits  # noqa: E402
from cultdip_nlp.pipeline import _init_worker, process_file, process_file_bounded  # noqa: E402
from cultdip_nlp.records import DocumentMeta  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    files = sorted((ROOT / "corpus" / "ungdc").glob("*.txt"))[:20]
    files += sorted((ROOT / "corpus" / "pdfs").glob("*.pdf"))
    _init_worker(None, True)
    for path in files[:3]:  # warm both paths: pipelines built once
        process_file(str(path), DocumentMeta())
    best = {"in-process (baseline)": float("inf"), "bounded child": float("inf")}
    for _ in range(args.rounds):
        started = time.perf_counter()
        for path in files:
            process_file(str(path), DocumentMeta())
        best["in-process (baseline)"] = min(best["in-process (baseline)"],
                                            time.perf_counter() - started)
        started = time.perf_counter()
        for path in files:
            process_file_bounded(str(path), DocumentMeta(), Limits())
        best["bounded child"] = min(best["bounded child"], time.perf_counter() - started)
    base = best["in-process (baseline)"]
    print(f"{len(files)} real documents, best of {args.rounds} rounds")
    for name, seconds in best.items():
        print(f"  {name:24s} {seconds:7.2f} s   ratio {seconds / base:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
