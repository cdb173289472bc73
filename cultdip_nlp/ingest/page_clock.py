"""A time limit per PDF page, so that one pathological page cannot stall a document.

The per-document limit (limits.py) kills a whole document; this one gives up a single page,
records it as failed with E112 PAGE_TIME_LIMIT and keeps the rest. It is an interval timer
(SIGALRM) armed before each page and disarmed after it: two system calls per page, nothing
measurable next to reading the page. Python code (pdfplumber's table finder, the wait for
tesseract) is interrupted at once; a call into PDFium's C code is interrupted when it returns,
so a page stuck inside PDFium itself is left to the per-document limit. Signals reach only the
main thread: elsewhere (a thread pool), or while another interval timer is armed, the clock
does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_PAGE_SECONDS = 120.0


class PageTimeout(BaseException):
    """The page took longer than its time limit.

    A BaseException, so that the readers' `except Exception` (a page that fails is recorded
    and skipped) does not swallow it on its way to read_pdf.
    """


def _expired(signum: int, frame: object) -> None:
    raise PageTimeout


class PageClock:
    """Arm with `page()` around each page; the handler is installed once per document."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._active = bool(seconds) and threading.current_thread() is threading.main_thread()
        self._previous: object = None

    def __enter__(self) -> "PageClock":
        # Someone else's interval timer (a test runner's, a caller's) is left alone.
        if self._active and signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            self._active = False
        if self._active:
            self._previous = signal.signal(signal.SIGALRM, _expired)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)  # type: ignore[arg-type]

    @contextmanager
    def page(self) -> Iterator[None]:
        if not self._active:
            yield
            return
        signal.setitimer(signal.ITIMER_REAL, self.seconds)  # type: ignore[arg-type]
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
