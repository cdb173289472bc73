"""Benchmark: every matrix over the full UN General Debate corpus against a plain GROUP BY.

The store is built once (unpack ../shared/corpus/ungdc/UNGDC_1946-2024.tar.xz, then
`cultdip run`; that takes a long while) and reused on later runs. Then, in one run, it times

- the baseline: ``SELECT country, code, count(*) FROM tags JOIN documents GROUP BY 1, 2``;
- every matrix of :func:`cultdip_nlp.matrix_run.build` (six values with group subtotals,
  time series, co-occurrence, evidence, a comparison) for the document axis and the
  mention axis, and the sentence and paragraph co-occurrence windows;

and prints each time with its ratio to the baseline.

Usage: python scripts/bench_matrices.py [--work .bench] [--jobs 2] [--repeat 3] [--store S]
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "corpus" / "ungdc" / "UNGDC_1946-2024.tar.xz"


def build_store(work: Path, jobs: int) -> Path:
    project = work / "ungdc_project"
    store = project / "cultdip.sqlite"
    done = project / ".complete"
    if done.exists():
        return store
    corpus = work / "UNGDC_1946-2024" / "TXT"
    if not corpus.is_dir():
        print(f"unpacking {ARCHIVE} ...", flush=True)
        with tarfile.open(ARCHIVE) as archive:
            members = [m for m in archive.getmembers() if "/TXT/" in m.name]
            archive.extractall(work, members=members, filter="data")
    print(f"building the store in {project} (once; reused afterwards) ...", flush=True)
    cultdip = Path(sys.executable).with_name("cultdip")
    started = time.perf_counter()
    subprocess.run([str(cultdip), "run", str(corpus), "--project", str(project), "--jobs",
                    str(jobs), "--no-progress"], check=False)
    print(f"store built in {time.perf_counter() - started:.0f} s", flush=True)
    done.write_text("ok\n")
    return store


def timed(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--store", type=Path, default=None,
                        help="time an existing store instead of building the UN one")
    args = parser.parse_args()
    store = args.store or build_store(args.work, args.jobs)

    from cultdip_nlp.codebook import load_codebook
    from cultdip_nlp.matrix_run import MatrixOptions, build
    from cultdip_nlp.selection import Selection

    codebook = load_codebook()
    connection = sqlite3.connect(store)
    documents, tags = connection.execute(
        "SELECT (SELECT COUNT(*) FROM documents WHERE status = 'ok'),"
        " (SELECT COUNT(*) FROM tags)").fetchone()
    print(f"store: {store}  documents: {documents}  tags: {tags}")

    def baseline() -> None:
        connection.execute(
            "SELECT d.country, t.code, COUNT(*) FROM tags t JOIN documents d"
            " ON d.id = t.document_id WHERE t.source = 'rule' GROUP BY 1, 2").fetchall()

    base = timed(baseline, args.repeat)
    print(f"{'baseline SELECT count(*) ... GROUP BY':58} {base:8.3f} s    1.0 x")
    cases = [row[0] for row in connection.execute(
        "SELECT country FROM documents WHERE country IS NOT NULL"
        " GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 2")]
    runs = {
        "every matrix, case = document, sentence window": MatrixOptions(
            selection=Selection(codebook_hash=codebook.hash),
            compare_cases=(cases[0], cases[1])),
        "every matrix, case = about (mentions), sentence window": MatrixOptions(
            selection=Selection(case="about", codebook_hash=codebook.hash)),
        "every matrix, case = document, paragraph window": MatrixOptions(
            selection=Selection(codebook_hash=codebook.hash), window="paragraph",
            compare_periods=((1946, 1991), (1992, 2024))),
    }
    for name, options in runs.items():
        steps: dict[str, float] = {}

        def run() -> None:
            steps.update(build(connection, codebook, options).seconds)

        seconds = timed(run, args.repeat)
        print(f"{name:58} {seconds:8.3f} s {seconds / base:6.1f} x")
        print("    last run's steps: " + ", ".join(f"{k} {v:.2f} s" for k, v in steps.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
