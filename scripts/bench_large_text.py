#!/usr/bin/env python3
"""Large text files: time and peak memory of `cultdip run` on one real text of 10 MB vs 50 MB.

The texts are UN General Debate speeches from ../shared/corpus/ungdc concatenated
(tests/large_text.py). Each size runs `cultdip run` (read, normalise, segment, tag, store,
matrices) on a new project with the default per-document limits; the memory of the whole
process tree (batch process, per-document child: PSS, so pages shared after fork count once)
is sampled from /proc every 0.2 s. The baseline reads the same file whole in one process. Streaming holds
when the peak does not grow with the file (ratio near 1) while the time grows with it.

    .venv/bin/python scripts/bench_large_text.py [--sizes 10 50] [--verb run|ingest]
        [--whole-baseline 10 50]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from large_text import build_large_text  # noqa: E402
from process_memory import PeakSampler  # noqa: E402


def measure(folder: Path, project: Path, verb: str) -> tuple[float, int, dict]:
    command = [str(Path(sys.executable).with_name("cultdip")), verb, str(folder), "--project",
               str(project), "--jobs", "1", "--no-progress", "--json"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    with PeakSampler(process.pid) as sampler:
        out, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{err[-3000:]}")
    return seconds, sampler.peak_pss, json.loads(out[out.index("{"):])


WHOLE = """
import sys
from pathlib import Path
from cultdip_nlp import pipeline
from cultdip_nlp.records import DocumentMeta
from cultdip_nlp.store import Store
pipeline._init_worker(None, True)  # stream=False: the file read whole, as before streaming
document = pipeline.process_file(sys.argv[1], DocumentMeta())
with Store(Path(sys.argv[2]) / "cultdip.sqlite") as store:
    store.save_document(document, "bench", None)
print(len(document.sentences))
"""


def measure_whole(path: Path, project: Path) -> tuple[float, int]:
    """The baseline: the same file read, analysed and stored whole, in one process."""
    project.mkdir()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", WHOLE, str(path), str(project)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakSampler(process.pid) as sampler:
        _, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"whole read exited {process.returncode}:\n{err[-3000:]}")
    return time.perf_counter() - started, sampler.peak_pss


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 50])
    parser.add_argument("--verb", choices=["run", "ingest"], default="run")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--whole-baseline", type=float, nargs="*", default=[10],
                        help="sizes (MB) also read whole in one process, without streaming or "
                             "limits, as the baseline (default: 10)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="cultdip-bench-large-") as scratch:
        for size in args.sizes:
            folder = Path(scratch) / f"in-{size:g}"
            folder.mkdir()
            path, speeches = build_large_text(args.shared, folder / f"ungdc_{size:g}mb.txt",
                                              size)
            megabytes = path.stat().st_size / 1024 / 1024
            seconds, peak, summary = measure(folder, Path(scratch) / f"project-{size:g}",
                                             args.verb)
            rows.append((megabytes, speeches, seconds, peak, summary))
            print(f"{megabytes:6.1f} MB ({speeches} speeches): {seconds:7.1f} s, "
                  f"{megabytes / seconds:5.3f} MB/s, peak memory {peak / 2**20:6.0f} MB, "
                  f"{summary['sentences']} sentences, errors {summary['errors_by_code']}",
                  flush=True)
            if size in args.whole_baseline:
                whole_seconds, whole_peak = measure_whole(path, Path(scratch) / f"whole-{size:g}")
                print(f"{megabytes:6.1f} MB read whole (baseline, no tagging pass after, no "
                      f"limits): {whole_seconds:7.1f} s, peak memory {whole_peak / 2**20:6.0f} MB; "
                      f"streamed/whole: time x{seconds / whole_seconds:.2f}, "
                      f"peak x{peak / whole_peak:.2f}", flush=True)
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        print(f"size x{large[0] / small[0]:.1f}: time x{large[2] / small[2]:.2f}, "
              f"peak memory x{large[3] / small[3]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
