"""Run one piece of output writing in a forked child while this process writes the rest.

Why: at the end of `cultdip run` the batch process writes the matrix files alone (tables,
workbook, heatmaps, time plots), 5-10 s on one core while the other idles; the workbook
alone is about half of it. A forked child writes it from the same tables in memory, so the
files are those the batch process would have written itself.

If the child fails, or fork is not available, the function runs again in this process when
it is joined, so an error is raised here as it always was and a file is never left half
written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


class Forked:
    """`function` started in a forked child; `join()` waits for it (or runs it here)."""

    def __init__(self, function: Callable[[], object]) -> None:
        self.function = function
        self.pid: int | None = None
        if not hasattr(os, "fork"):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the function runs here at join()
            return
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            status = 1
            try:
                function()
                status = 0
            except BaseException:  # noqa: S110 - the parent runs it again and raises it there
                pass
            finally:
                os._exit(status)
        self.pid = pid

    def join(self) -> None:
        """Wait for the child; run the function here when it did not succeed."""
        pid, self.pid = self.pid, None
        if pid is not None:
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) == 0:
                return
        self.function()
