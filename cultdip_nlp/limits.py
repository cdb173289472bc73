"""Per-document resource bounds: a document that takes too long or too much memory is stopped,
reported with its own error code, and the batch goes on.

Why a forked child per document: pdfminer's parser and the tokenizer are Python loops that
cannot be interrupted from inside, and a PDF bomb (a stream that inflates to gigabytes, objects
nested a million deep) must not take the batch down with it. The child inherits the loaded
pipelines (fork is cheap), runs with an address-space limit (RLIMIT_AS) above its own size,
and is killed with SIGKILL when its time is up. Only the parent ever writes to the store, so a
killed child can leave nothing half-written behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ErrorCode
from .records import Document, DocumentMeta, FailedDocument

DEFAULT_SECONDS = 600.0
DEFAULT_MEMORY_MB = 4096


@dataclass(frozen=True)
class Limits:
    """Time (wall-clock seconds) and memory (MB above the worker's own size) per document.

    None switches a bound off (and with both off the document runs in the worker itself).
    """

    seconds: float | None = DEFAULT_SECONDS
    memory_mb: int | None = DEFAULT_MEMORY_MB

    @property
    def enabled(self) -> bool:
        return self.seconds is not None or self.memory_mb is not None


def _status(field: str) -> int:
    """A size from /proc/self/status in bytes (VmSize: address space, VmPeak: its peak)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _virtual_size() -> int:
    return _status("VmSize")


def _hit_memory_limit(start: int, budget: int, result: object) -> bool:
    """Did a failed document fail because it ran into the memory limit?

    A reader may catch the MemoryError itself (a page that fails is skipped), so the child
    cannot rely on seeing it; instead: the document failed (or lost a page) after its address
    space had grown by more than half its budget.
    """
    failed = isinstance(result, FailedDocument) or (
        isinstance(result, Document) and any(page.error for page in result.pages))
    return failed and _status("VmPeak") - start > budget // 2


def _file_id(path: str) -> str:
    """The document id (SHA-256 of the bytes) of a file the child could not finish."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return hashlib.sha256(path.encode()).hexdigest()
    return digest.hexdigest()


def failed_document(path: str, meta: DocumentMeta, code: ErrorCode, detail: str,
                    document_id: str | None = None) -> FailedDocument:
    """The failure record of a file, its message in the one form every error has
    ("E109 TIME_LIMIT: path: detail"); without an id, the file's bytes give it."""
    return FailedDocument(id=document_id or _file_id(path), path=path, meta=meta,
                          error_code=code.value,
                          message=f"{code.value} {code.name}: {path}: {detail}")


def cap_address_space(limits: Limits) -> tuple[int, int]:
    """Cap this (child) process's address space at its present size plus the memory budget,
    so that a document's own growth, not the pipelines it inherited, meets the limit.
    Returns (size at the start, budget) in bytes; the budget is 0 without a memory limit."""
    start = _virtual_size()
    if limits.memory_mb is None:
        return start, 0
    budget = limits.memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = start + budget if hard == resource.RLIM_INFINITY else min(start + budget, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    return start, budget


def _child(function: Callable[..., object], args: tuple[object, ...], limits: Limits,
           write_fd: int) -> None:
    """Runs in the forked child: never returns, always leaves with os._exit."""
    status = 0
    try:
        # Ctrl-C is the parent's to handle: it lets the current document finish.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        start, budget = cap_address_space(limits)
        try:
            result = function(*args)
            if budget and _hit_memory_limit(start, budget, result):
                payload = pickle.dumps(("memory", ""))
            else:
                payload = pickle.dumps(("ok", result), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", ""))
        except BaseException as error:  # reported by the parent, never raised there
            payload = pickle.dumps(("error", f"{type(error).__name__}: {error}"))
        view = memoryview(payload)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
    except BaseException:
        status = 3
    finally:
        os._exit(status)


def run_bounded(function: Callable[[str, DocumentMeta], Document | FailedDocument],
                path: str, meta: DocumentMeta, limits: Limits,
                document_id: str | None = None) -> Document | FailedDocument:
    """`function(path, meta)` in a forked child under `limits`; a failure, never an exception.

    A failure's id is `document_id`, or else the SHA-256 of the file at `path`.
    """
    if not limits.enabled:
        return function(path, meta)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_fd)
        _child(function, (path, meta), limits, write_fd)
    os.close(write_fd)
    deadline = None if limits.seconds is None else time.monotonic() + limits.seconds
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    except BaseException:  # a second Ctrl-C: stop at once, leave no child behind
        os.kill(pid, signal.SIGKILL)
        _wait(pid)
        raise
    finally:
        os.close(read_fd)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = _wait(pid)
    if timed_out:
        return failed_document(path, meta, ErrorCode.TIME_LIMIT,
                        f"stopped after {limits.seconds:g} s (the per-document time limit; "
                        "raise it with --time-limit if the file is sound)", document_id)
    data = b"".join(chunks)
    if not data:
        died = (f"killed by signal {signal.Signals(-status).name}" if status < 0
                else f"exited with status {status}")
        if limits.memory_mb is not None and status in (-signal.SIGSEGV, -signal.SIGABRT,
                                                       -signal.SIGKILL, -signal.SIGBUS):
            return failed_document(path, meta, ErrorCode.MEMORY_LIMIT,
                            f"the reader {died}, most likely out of its "
                            f"{limits.memory_mb} MB memory limit", document_id)
        return failed_document(path, meta, ErrorCode.WORKER_CRASHED, f"the reader {died}",
                        document_id)
    kind, value = pickle.loads(data)
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "memory":
        return failed_document(path, meta, ErrorCode.MEMORY_LIMIT,
                        f"needs more than the per-document memory limit of {limits.memory_mb} MB "
                        "(raise it with --memory-limit if the file is sound)", document_id)
    return failed_document(path, meta, ErrorCode.WORKER_CRASHED, f"the reader failed: {value}",
                    document_id)


def _wait(pid: int) -> tuple[int, int]:
    """waitpid that survives EINTR and returns a signal as a negative status."""
    while True:
        try:
            _, raw = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            return pid, 0
    if os.WIFSIGNALED(raw):
        return pid, -os.WTERMSIG(raw)
    return pid, os.WEXITSTATUS(raw)


def parse_memory(value: str) -> int | None:
    """'2048', '2G', '512M' or 'none' as megabytes (None: no limit); for the CLI."""
    text = value.strip().lower()
    if text in {"none", "off", "0"}:
        return None
    factor = 1
    if text.endswith("g"):
        factor, text = 1024, text[:-1]
    elif text.endswith("m"):
        text = text[:-1]
    return int(float(text) * factor)


def parse_seconds(value: str) -> float | None:
    text = value.strip().lower()
    if text in {"none", "off", "0"}:
        return None
    return float(text)


__all__ = ["Limits", "run_bounded", "parse_memory", "parse_seconds"]
