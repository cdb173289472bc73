#!/usr/bin/env python3
"""Scale benchmark: `cultdip run` on the UN General Debate corpus against spaCy's own speed.

Why: the goal is a pipeline whose end-to-end throughput (ingest + tag + store + matrices)
stays within a factor of two of the blank spaCy pipeline it is built on, whose memory does
not grow with the corpus, and whose re-run on an unchanged corpus costs almost nothing.
Everything is measured in the same run on the same texts, so the ratios hold on any machine.

For each size (default 1000, 5000 and all 10,952 speeches) it
  1. runs the blank spaCy pipeline (tokenizer, sentencizer, lookup lemmatizer; no tagging,
     no store) over the texts with the same number of processes: the baseline;
  2. runs `cultdip run FOLDER --project NEW` as a user would, sampling the RSS of the whole
     process tree (main process and workers) every 0.2 s;
  3. runs the same command again (nothing changed) to time a re-run.
The figures are written to --json after every size, so an interrupted run keeps its figures;
the load average is recorded next to each measurement (the machine may be shared).

    .venv/bin/python scripts/bench_scale.py                   # 1000, 5000, all
    .venv/bin/python scripts/bench_scale.py --sizes 200 1000  # quicker
    .venv/bin/python scripts/bench_scale.py --json out.json   # also write the figures

The archive is unpacked to a temporary folder (from ../shared/corpus/ungdc/ by default).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from process_memory import PeakSampler

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = Path(os.environ.get("CULTDIP_SHARED", ROOT.parent / "shared")) / "corpus" / \
    "ungdc" / "UNGDC_1946-2024.tar.xz"


# The corpus --------------------------------------------------------------------------------

def unpack(archive: Path, target: Path) -> list[Path]:
    """Stream the speeches out of the archive; returns them in a fixed order."""
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt") and "/TXT/" in member.name:
                destination = target / "all" / Path(member.name).name
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                assert source is not None
                destination.write_bytes(source.read())
    return sorted((target / "all").glob("*.txt"))


def subset(files: list[Path], size: int, folder: Path, seed: int) -> list[Path]:
    """A seeded sample of `size` speeches, hard-linked into its own folder (no copies)."""
    chosen = list(files)
    random.Random(seed).shuffle(chosen)
    chosen = sorted(chosen[:size])
    folder.mkdir(parents=True, exist_ok=True)
    for path in chosen:
        os.link(path, folder / path.name)
    return [folder / path.name for path in chosen]


# The baseline: spaCy's blank pipeline alone ------------------------------------------------

_NLP = None


def _blank_worker_init() -> None:
    global _NLP
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = 2_000_000
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    _NLP = nlp


def _blank_shard(paths: list[str]) -> int:
    assert _NLP is not None
    texts = (Path(p).read_text(encoding="utf-8", errors="replace") for p in paths)
    return sum(len(doc) for doc in _NLP.pipe(texts, batch_size=32))


def blank_throughput(files: list[Path], jobs: int) -> tuple[float, int]:
    """Seconds and tokens for the blank pipeline over the files with `jobs` processes."""
    shards = [[str(p) for p in files[i::jobs * 8]] for i in range(jobs * 8)]
    with ProcessPoolExecutor(jobs, initializer=_blank_worker_init) as pool:
        list(pool.map(_blank_shard, [[str(files[0])]] * jobs))  # load lookups first: not timed
        started = time.perf_counter()
        tokens = sum(pool.map(_blank_shard, shards))
        return time.perf_counter() - started, tokens


# The pipeline ------------------------------------------------------------------------------

def cultdip_run(folder: Path, project: Path, jobs: int,
                extra: list[str]) -> tuple[float, tuple[int, int], dict]:
    """Seconds, peak tree (RSS, PSS) and the JSON summary of one `cultdip run`."""
    script = Path(sys.executable).with_name("cultdip")
    command = [str(script), "run", str(folder), "--project", str(project), "--jobs", str(jobs),
               "--no-progress", "--json", *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    with PeakSampler(process.pid) as sampler:
        out, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{err[-3000:]}")
    summary = json.loads(out[out.index("{"):])
    return seconds, (sampler.peak, sampler.peak_pss), summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--unpacked", type=Path, default=None,
                        help="a folder holding the archive's speeches already unpacked "
                             "(*.txt at any depth, on the same file system as $TMPDIR)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 0],
                        help="documents per step; 0 means the whole corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--extra", nargs=argparse.REMAINDER, default=[],
                        help="further arguments for `cultdip run` (e.g. --executor dask)")
    args = parser.parse_args()

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="cultdip-bench-") as temporary:
        work = Path(temporary)
        started = time.perf_counter()
        files = (sorted(args.unpacked.rglob("*.txt"), key=lambda p: p.name) if args.unpacked
                 else unpack(args.archive, work))
        print(f"unpacked {len(files)} speeches in {time.perf_counter() - started:.0f} s; "
              f"{args.jobs} processes", flush=True)
        reruns: list[dict[str, object]] = []
        for size in args.sizes:
            size = size or len(files)
            chosen = subset(files, size, work / f"docs_{size}", args.seed)
            load_before = os.getloadavg()[0]
            blank_seconds, tokens = blank_throughput(chosen, args.jobs)
            load_blank = os.getloadavg()[0]
            run_seconds, peak, summary = cultdip_run(work / f"docs_{size}",
                                                     work / f"project_{size}", args.jobs,
                                                     args.extra)
            load_run = os.getloadavg()[0]
            row = {
                "documents": size, "tokens": tokens, "sentences": summary["sentences"],
                "tags": sum(summary["tags_by_group"].values()),
                "errors": len(summary["errors"]),
                "blank_seconds": round(blank_seconds, 1),
                "blank_docs_per_s": round(size / blank_seconds, 1),
                "blank_tokens_per_s": round(tokens / blank_seconds),
                "run_seconds": round(run_seconds, 1),
                "run_docs_per_s": round(size / run_seconds, 1),
                "run_tokens_per_s": round(tokens / run_seconds),
                "ratio_to_blank": round(blank_seconds / run_seconds, 3),
                "peak_rss_mb": round(peak[0] / 2**20),
                "peak_pss_mb": round(peak[1] / 2**20),
                "load_1min": [round(load_before, 1), round(load_blank, 1), round(load_run, 1)],
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
            rerun_seconds, rerun_peak, rerun = cultdip_run(work / f"docs_{size}",
                                                           work / f"project_{size}", args.jobs,
                                                           args.extra)
            assert rerun["processed"] == 0 and rerun["unchanged"] == size, rerun
            rerun_row = {"documents": size, "rerun_seconds": round(rerun_seconds, 2),
                         "rerun_ratio": round(rerun_seconds / run_seconds, 4),
                         "rerun_peak_rss_mb": round(rerun_peak[0] / 2**20),
                         "rerun_peak_pss_mb": round(rerun_peak[1] / 2**20)}
            reruns.append(rerun_row)
            print(json.dumps(rerun_row), flush=True)
            if args.json:
                args.json.write_text(json.dumps({"jobs": args.jobs, "sizes": rows,
                                                 "reruns": reruns}, indent=2))

    print("\n| documents | tokens | run s | docs/s | tokens/s | blank tokens/s | ratio "
          "| peak RSS MB | peak PSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['documents']} | {row['tokens']} | {row['run_seconds']} "
              f"| {row['run_docs_per_s']} | {row['run_tokens_per_s']} "
              f"| {row['blank_tokens_per_s']} | {row['ratio_to_blank']} "
              f"| {row['peak_rss_mb']} | {row['peak_pss_mb']} |")
    for rerun_row in reruns:
        print(f"re-run of {rerun_row['documents']} unchanged documents: "
              f"{rerun_row['rerun_seconds']} s = {rerun_row['rerun_ratio']:.2%} of the first "
              f"run (goal < 5%), peak {rerun_row['rerun_peak_rss_mb']} MB")
    goal = all(float(r["ratio_to_blank"]) >= 0.5 for r in rows)
    print(f"throughput ratio goal (>= 0.5 of blank spaCy): {'met' if goal else 'NOT met'}")
    rerun_goal = all(float(r["rerun_ratio"]) < 0.05 for r in reruns)
    print(f"re-run goal (< 5% of the first run): {'met' if rerun_goal else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
