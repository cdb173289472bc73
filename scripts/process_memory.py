"""Memory of a process and all its descendants, read from /proc, for the benchmarks.

Shared by scripts/bench_scale.py and scripts/bench_large_text.py, so that both report peak
memory measured the same way: RSS summed over the tree (a page a forked child shares with its
parent counts twice) and PSS summed (shared pages split among the sharers, counted once).
scripts/tree_cpu.py walks the same tree for CPU time (`process_tree`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return found


def process_tree(pid: int) -> Iterator[tuple[int, int]]:
    """(pid, depth) of a process (depth 0) and every descendant alive now, read from /proc."""
    stack = [(pid, 0)]
    while stack:
        current, depth = stack.pop()
        yield current, depth
        stack.extend((child, depth + 1) for child in _children(current))


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except OSError:
        return 0


def _pss(pid: int) -> int:
    """Proportional set size: pages shared after fork are split among the sharers."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_memory(pid: int) -> tuple[int, int]:
    """RSS and PSS summed over a process and its descendants. The RSS sum counts the pages a
    forked child shares with its parent twice; the PSS sum does not."""
    rss = pss = 0
    for current, _ in process_tree(pid):
        rss += _rss(current)
        pss += _pss(current)
    return rss, pss


class PeakSampler:
    """Samples the process tree's RSS in a thread; `peak` is the largest sum seen."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval, self.peak, self.peak_pss = pid, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = tree_memory(self.pid)
            self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
