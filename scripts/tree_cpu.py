#!/usr/bin/env python3
"""Run a command and report the CPU seconds its process tree used, by depth.

Why: on a shared machine wall-clock time says more about the other sessions than about the
code; the CPU time each process of the tree used (main process, pool workers, their reading
children and the forked matrix writer) moves much less with the load. Sampled from /proc
every 0.05 s, each process's last sample kept (a process living less than that is missed).

    .venv/bin/python scripts/tree_cpu.py .venv/bin/cultdip run DOCS --project OUT --jobs 2

Depth 0 is the command's process, 1 its children (for `cultdip run`: the pool workers), 2
theirs (the reading children, and the matrix writer forked by the main process).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from process_memory import process_tree

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float | None:
    """User + system time of the process itself (its threads included, not its children)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    started = time.perf_counter()
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    seen: dict[int, tuple[int, float]] = {}  # pid -> (depth, CPU seconds)
    while process.poll() is None:
        for pid, depth in process_tree(process.pid):
            seconds = _cpu_seconds(pid)
            if seconds is not None:
                seen[pid] = (depth, seconds)
        time.sleep(0.05)
    wall = time.perf_counter() - started
    by_depth: dict[int, float] = {}
    for depth, seconds in seen.values():
        by_depth[depth] = by_depth.get(depth, 0.0) + seconds
    print(f"wall {wall:.1f} s; CPU by depth "
          f"{ {depth: round(by_depth[depth], 1) for depth in sorted(by_depth)} } "
          f"total {sum(by_depth.values()):.1f} s; processes {len(seen)}; "
          f"load {os.getloadavg()[0]:.1f}; exit {process.returncode}")
    return process.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
