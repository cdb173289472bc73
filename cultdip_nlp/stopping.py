"""Ctrl-C during a batch: the first one stops after the current document, the second at once.

Why: a researcher who presses Ctrl-C wants the batch to stop, not a traceback and not a
half-processed document; the store keeps everything committed and the same command resumes.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

RESUME_HINT = "run the same command again to resume; finished documents are not read again"


class GracefulStop:
    """A context in which SIGINT sets `requested` instead of raising (main thread only)."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: object = None
        self._installed = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        print(f"\ncultdip: stopping after the current document (Ctrl-C again to stop at once); "
              f"{RESUME_HINT}", file=sys.stderr, flush=True)

    def __enter__(self) -> "GracefulStop":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]
            self._installed = False
