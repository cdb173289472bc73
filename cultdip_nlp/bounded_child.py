"""Per-document limits in one long-lived child instead of a fork per document.

Why: limits.run_bounded forks a fresh child for every document. The fork itself is cheap, but
everything a document warms up dies with its child: spaCy's tokenizer cache and the words it
adds to the vocabulary, the lemma-norm cache, the copy-on-write pages the child touches. On
the UN speeches that doubled the pipeline's time. Here the child stays and reads document
after document; the guarantees stay those of limits.py:

- time: each document has its own deadline; past it the child is killed (SIGKILL), the
  document reported as E109 and the next document goes to a new child;
- memory: the child runs under RLIMIT_AS (its size at the start plus the budget); a document
  that fails after the child's address space grew past half the budget is E110, and a child
  that grew past a quarter of it leaves after the document it was reading, so that the next
  document starts with (almost) the whole budget;
- a crash (segfault, kill) reports the document it was reading, and the next one gets a new
  child. Only the parent writes anything; a killed child leaves nothing half-written.

A child also leaves after MAX_DOCUMENTS so that what it accumulates stays bounded.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ErrorCode
from .limits import (Limits, _hit_memory_limit, _status, _wait, cap_address_space,
                     failed_document)
from .records import Document, DocumentMeta, FailedDocument

MAX_DOCUMENTS = 1000
_HEADER = struct.Struct("<Q")

Function = Callable[[str, DocumentMeta], Document | FailedDocument]


def _write_frame(fd: int, payload: bytes) -> None:
    view = memoryview(_HEADER.pack(len(payload)) + payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_exactly(fd: int, size: int) -> bytes | None:
    """Blocking read of `size` bytes; None at end of file."""
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _serve(function: Function, limits: Limits, requests: int, responses: int) -> None:
    """The child's loop: never returns, always leaves with os._exit."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        start, budget = cap_address_space(limits)
        for count in range(1, MAX_DOCUMENTS + 1):
            header = _read_exactly(requests, _HEADER.size)
            if header is None:
                break  # the parent has gone or closed the pipe: nothing more to read
            body = _read_exactly(requests, _HEADER.unpack(header)[0])
            if body is None:
                break
            path, meta = pickle.loads(body)
            leaving = False
            try:
                result = function(path, meta)
                if budget and _hit_memory_limit(start, budget, result):
                    answer: tuple[str, object, tuple[str, ...]] = ("memory", "", ())
                    leaving = True
                else:
                    leaving = bool(budget) and _status("VmPeak") - start > budget // 4
                    # The result goes on pickled: the parent can hand it further unopened.
                    answer = ("ok", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL),
                              _languages(result))
            except MemoryError:
                answer, leaving = ("memory", "", ()), True
            except BaseException as error:  # reported by the parent, never raised there
                answer = ("error", f"{type(error).__name__}: {error}", ())
            if count == MAX_DOCUMENTS:
                leaving = True
            payload = pickle.dumps((*answer, leaving), protocol=pickle.HIGHEST_PROTOCOL)
            _write_frame(responses, payload)
            if leaving:
                break
    except BaseException:
        status = 3
    finally:
        os._exit(status)


def _languages(result: Document | FailedDocument) -> tuple[str, ...]:
    """The languages of a document's pages: the parent builds their pipelines once, so that
    its next children inherit them."""
    if not isinstance(result, Document):
        return ()
    return tuple(sorted({page.language for page in result.pages if page.language}))


@dataclass(frozen=True)
class Pickled:
    """A child's result still pickled (bytes), with the languages of its pages."""

    data: bytes
    languages: tuple[str, ...]

    def open(self) -> Document | FailedDocument:
        return pickle.loads(self.data)  # type: ignore[no-any-return]


def opened(result: Document | FailedDocument | Pickled) -> Document | FailedDocument:
    """A result that may have come still pickled, unpickled."""
    return result.open() if isinstance(result, Pickled) else result


@dataclass
class _Child:
    pid: int
    requests: int  # parent writes (path, meta) here
    responses: int  # parent reads results here


class BoundedChild:
    """Runs `function(path, meta)` for document after document in a reused forked child."""

    def __init__(self, function: Function, limits: Limits) -> None:
        self.function = function
        self.limits = limits
        self._child: _Child | None = None

    def _start(self) -> _Child:
        request_read, request_write = os.pipe()
        response_read, response_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            os.close(request_write)
            os.close(response_read)
            _serve(self.function, self.limits, request_read, response_write)
        os.close(request_read)
        os.close(response_write)
        self._child = _Child(pid, request_write, response_read)
        return self._child

    def close(self) -> None:
        """End the child (it leaves when its request pipe closes) and reap it."""
        child, self._child = self._child, None
        if child is None:
            return
        os.close(child.requests)
        os.close(child.responses)
        _wait(child.pid)

    def _kill(self) -> int:
        """Kill the child now; its exit status (negative: the signal)."""
        child, self._child = self._child, None
        assert child is not None
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(child.requests)
        os.close(child.responses)
        return _wait(child.pid)[1]

    def run(self, path: str, meta: DocumentMeta) -> Document | FailedDocument:
        """The document's result, or its failure (E109, E110, E111); never an exception."""
        return opened(self.run_pickled(path, meta))

    def run_pickled(self, path: str, meta: DocumentMeta) -> Pickled | FailedDocument:
        """As run, but the child's result is left pickled (a pool worker passes it on to the
        batch process as it is: unpickling and pickling it again cost ~1 ms a speech)."""
        child = self._child or self._start()
        try:
            _write_frame(child.requests, pickle.dumps((path, meta)))
        except BrokenPipeError:  # the child left on its own (MAX_DOCUMENTS): a new one
            self._kill()
            child = self._start()
            _write_frame(child.requests, pickle.dumps((path, meta)))
        deadline = None if self.limits.seconds is None else \
            time.monotonic() + self.limits.seconds
        buffer = bytearray()
        expected: int | None = None
        try:
            while expected is None or len(buffer) < expected:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    self._kill()
                    return failed_document(path, meta, ErrorCode.TIME_LIMIT,
                                    f"stopped after {self.limits.seconds:g} s (the per-document "
                                    "time limit; raise it with --time-limit if the file is "
                                    "sound)")
                ready, _, _ = select.select([child.responses], [], [], remaining)
                if not ready:
                    continue
                chunk = os.read(child.responses, 1 << 20)
                if not chunk:
                    return self._died(path, meta)
                buffer += chunk
                if expected is None and len(buffer) >= _HEADER.size:
                    expected = _HEADER.size + _HEADER.unpack_from(buffer)[0]
        except BaseException:  # a second Ctrl-C: stop at once, leave no child behind
            if self._child is not None:
                self._kill()
            raise
        kind, value, languages, leaving = pickle.loads(bytes(buffer[_HEADER.size:]))
        if leaving:
            self.close()
        if kind == "ok":
            return Pickled(value, languages)
        if kind == "memory":
            return failed_document(path, meta, ErrorCode.MEMORY_LIMIT,
                            f"needs more than the per-document memory limit of "
                            f"{self.limits.memory_mb} MB (raise it with --memory-limit if the "
                            "file is sound)")
        return failed_document(path, meta, ErrorCode.WORKER_CRASHED, f"the reader failed: {value}")

    def _died(self, path: str, meta: DocumentMeta) -> FailedDocument:
        """The child ended without an answer: killed by the memory limit, or crashed."""
        child, self._child = self._child, None
        assert child is not None
        os.close(child.requests)
        os.close(child.responses)
        status = _wait(child.pid)[1]
        died = (f"killed by signal {signal.Signals(-status).name}" if status < 0
                else f"exited with status {status}")
        if self.limits.memory_mb is not None and status in (-signal.SIGSEGV, -signal.SIGABRT,
                                                            -signal.SIGKILL, -signal.SIGBUS):
            return failed_document(path, meta, ErrorCode.MEMORY_LIMIT,
                            f"the reader {died}, most likely out of its "
                            f"{self.limits.memory_mb} MB memory limit")
        return failed_document(path, meta, ErrorCode.WORKER_CRASHED, f"the reader {died}")
