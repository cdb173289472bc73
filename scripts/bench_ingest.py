#!/usr/bin/env python3
"""Ingest throughput against raw PDFium, measured in the same run on the same files.

    .venv/bin/python scripts/bench_ingest.py [PDF_FOLDER] [--jobs 2] [--plumber-pages 60]
                                             [--tables]

Files: the PDFs of ../shared/corpus/pdfs that have a text layer (scans and broken files are
left out: they measure OCR and error paths, not text extraction). Prints pages/s for
  raw pypdfium2   open + get_text_range per page: in one process (the issue's figure) and
                  over a pool of --jobs workers, before and after the project's run;
  project         cultdip_nlp.ingest.pdf.read_pdf (layout, header/footer removal,
                  normalisation, footnotes, garbage checks, per-page time limit; with
                  --tables also pdfplumber's table finder on ruled pages, like `ingest
                  --tables`) over a pool of --jobs workers;
  pdfplumber      extract_text on the first --plumber-pages pages (the engine it replaced);
the ratio project/raw (goal >= 0.5) against raw over the same pool (the mean of its two
runs, so that a change of machine load during the run is shared out), and the peak resident
memory of a worker.

Fair by construction: both pools have --jobs workers forked from this process after it has
imported both sides' modules (start-up is not throughput), read the same files in the same
order (largest first, so that the workers finish together), one file per task, and return
only a page count, so that neither side pays for pickling text.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def raw_pages(path: Path) -> int:
    """Pages read by raw PDFium; 0 when the file cannot be opened or has no text at all."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path.read_bytes())
    except pypdfium2.PdfiumError:
        return 0
    chars = 0
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range().strip())
            textpage.close()
            page.close()
        return len(pdf) if chars else 0
    finally:
        pdf.close()


def project_pages(path: str, tables: bool = False) -> tuple[int, int]:
    from cultdip_nlp.errors import CultdipError
    from cultdip_nlp.ingest.pdf import read_pdf

    try:
        pages = len(read_pdf(Path(path), Path(path).read_bytes(), ocr=False,
                             tables=tables).pages)
    except CultdipError:
        pages = 0
    return pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def raw_pool_pages(path: str, tables: bool = False) -> tuple[int, int]:
    """raw_pages in a pool worker (same signature and result as project_pages)."""
    return raw_pages(Path(path)), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def worker_cpu(_: int) -> tuple[int, float]:
    """(pid, CPU seconds) of a pool worker so far."""
    import os

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), usage.ru_utime + usage.ru_stime


CPU: dict[str, float] = {}


def timed_pool(work, paths: list[str], jobs: int,  # type: ignore[no-untyped-def]
               tables: bool) -> tuple[float, list[tuple[int, int]]]:
    """(seconds, results) of `work` over the files in a fresh pool of `jobs` workers; the
    workers' CPU seconds are added to CPU[work's name] (CPU time hardly depends on the
    machine's load, wall time does)."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(work, paths, [tables] * len(paths)))
        seconds = time.perf_counter() - start
        # One CPU probe per worker (a probe sleeps so that the others reach other workers).
        cpu = dict(pool.map(worker_cpu_after_pause, range(jobs)))
    CPU[work.__name__] = CPU.get(work.__name__, 0.0) + sum(cpu.values())
    return seconds, results


def worker_cpu_after_pause(index: int) -> tuple[int, float]:
    time.sleep(0.2)
    return worker_cpu(index)


def pooled(work, paths: list[str], jobs: int, tables: bool) -> float:  # type: ignore[no-untyped-def]
    return timed_pool(work, paths, jobs, tables)[0]


def plumber_pages(paths: list[Path], limit: int) -> tuple[int, float]:
    import pdfplumber

    done = 0
    start = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                if done >= limit:
                    return done, time.perf_counter() - start
                page.extract_text()
                page.close()
                done += 1
    return done, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared/corpus/pdfs"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--plumber-pages", type=int, default=60)
    parser.add_argument("--tables", action="store_true",
                        help="the project reads with pdfplumber's table finder on ruled pages")
    args = parser.parse_args()

    candidates = sorted(Path(args.folder).glob("*.pdf"))
    files = [path for path in candidates if raw_pages(path)]  # also warms the file cache

    import cultdip_nlp.ingest.pdf  # noqa: F401  (imported once, inherited by both pools)

    start = time.perf_counter()
    raw_total = sum(raw_pages(path) for path in files)
    single_seconds = time.perf_counter() - start

    # Largest files first so that the workers finish together.
    ordered = [str(path) for path in
               sorted(files, key=lambda path: path.stat().st_size, reverse=True)]
    raw_before = pooled(raw_pool_pages, ordered, args.jobs, args.tables)
    project_seconds, results = timed_pool(project_pages, ordered, args.jobs, args.tables)
    raw_after = pooled(raw_pool_pages, ordered, args.jobs, args.tables)
    project_total = sum(pages for pages, _ in results)
    peak_kib = max(rss for _, rss in results)

    plumber_done, plumber_seconds = plumber_pages(files, args.plumber_pages)

    single_rate = raw_total / single_seconds
    raw_rates = (raw_total / raw_before, raw_total / raw_after)
    raw_rate = sum(raw_rates) / 2
    project_rate = project_total / project_seconds
    print(f"files with a text layer: {len(files)} of {len(candidates)}, pages: {raw_total}")
    print(f"raw pypdfium2 (1 process): {single_rate:8.1f} pages/s")
    print(f"raw pypdfium2 ({args.jobs} jobs):    {raw_rate:8.1f} pages/s "
          f"(before {raw_rates[0]:.1f}, after {raw_rates[1]:.1f})")
    label = "project read_pdf" + (" --tables" if args.tables else "")
    print(f"{label} ({args.jobs} jobs):  {project_rate:8.1f} pages/s  "
          f"(pages {project_total}, worker peak RSS {peak_kib / 1024:.0f} MiB)")
    if plumber_done:
        print(f"pdfplumber extract_text:   {plumber_done / plumber_seconds:8.1f} pages/s "
              f"(first {plumber_done} pages)")
    raw_cpu = CPU["raw_pool_pages"] / 2
    project_cpu = CPU["project_pages"]
    print(f"CPU seconds in the workers: raw {raw_cpu:.2f} (mean of two runs), project "
          f"{project_cpu:.2f}: ratio raw/project {raw_cpu / project_cpu:.2f} (the load-free "
          "ratio)")
    print(f"ratio project/raw, {args.jobs} jobs each: {project_rate / raw_rate:.2f} (goal >= 0.5); "
          f"against raw in 1 process: {project_rate / single_rate:.2f}")


if __name__ == "__main__":
    main()
