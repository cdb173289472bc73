"""Batch processing: ingest (and tag) every file, one transaction per document.

The worker function is pure (a path and settings in, a record out) so that it can run in a
process pool; only the main process writes to the store. An interrupted batch keeps what it
committed, and running the same command again does only the work that is left.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .bounded_child import BoundedChild, Pickled, opened
from .codebook import Codebook, load_codebook
from .errors import CultdipError, ErrorCode
from .ingest.discover import discover
from .ingest.reader import MAX_FILE_BYTES, ReadOptions
from .ingest.stream import STREAM_BYTES, should_stream
from .limits import Limits, failed_document
from .records import Document, DocumentMeta, FailedDocument, Footnote, Page, RunInfo
from .stopping import GracefulStop
from .store import Store

if TYPE_CHECKING:  # spaCy and the readers load in the workers, not for a re-run
    import sqlite3

    from .analysis import Analyser

STORE_NAME = "cultdip.sqlite"


@dataclass
class Settings:
    codebook: str | None = None
    tag: bool = True
    jobs: int = 1
    retry_errors: bool = False
    limits: Limits = field(default_factory=Limits)
    executor: str = "local"  # local (process pool) | dask (executor_dask)
    scheduler: str | None = None  # a Dask scheduler address; None starts a local cluster
    parquet: str | None = None  # where the Dask executor writes its Parquet partitions
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass
class Summary:
    run_id: str = ""
    files: int = 0
    processed: int = 0
    unchanged: int = 0
    pages: int = 0
    sentences: int = 0
    tags_by_group: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # path, code, message
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    ocr_pages: int = 0
    pages_needing_ocr: int = 0
    failed_pages: int = 0
    tables: int = 0
    footnotes: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id, "files": self.files, "processed": self.processed,
            "unchanged": self.unchanged, "pages": self.pages, "sentences": self.sentences,
            "tags_by_group": dict(sorted(self.tags_by_group.items())),
            "errors": [{"path": p, "code": c, "message": m} for p, c, m in self.errors],
            "problems": self.problems, "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted, "ocr_pages": self.ocr_pages,
            "pages_needing_ocr": self.pages_needing_ocr, "failed_pages": self.failed_pages,
            "tables": self.tables, "footnotes": self.footnotes,
            "errors_by_code": dict(sorted(Counter(c for _, c, _ in self.errors).items())),
        }


def store_path(project: Path) -> Path:
    return project / STORE_NAME


def versions() -> dict[str, str]:
    # Read from the installed distributions, not by importing them: importing gensim and
    # scikit-learn took seconds, which was most of a re-run on an unchanged corpus.
    from importlib.metadata import version

    return {"cultdip": __version__, "python": platform.python_version(),
            "spacy": version("spacy"), "pdfplumber": version("pdfplumber"),
            "pandas": version("pandas"), "scikit-learn": version("scikit-learn"),
            "gensim": version("gensim"), **_pdf_engine_versions()}


def _pdf_engine_versions() -> dict[str, str]:
    """PDFium and tesseract change what text comes out of a PDF: record them with each run."""
    import subprocess

    import pypdfium2.version

    from .ingest.ocr import tesseract_path

    found = {"pypdfium2": str(pypdfium2.version.PYPDFIUM_INFO),
             "pdfium": str(pypdfium2.version.PDFIUM_INFO)}
    binary = tesseract_path()
    if binary:
        output = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                check=False)
        first = (output.stdout or output.stderr).splitlines()
        found["tesseract"] = first[0] if first else "unknown"
    return found


def new_run(command: str, codebook: Codebook | None, parameters: dict[str, object]) -> RunInfo:
    return RunInfo(
        id=time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6], command=command,
        codebook_name=codebook.name if codebook else "", codebook_version=codebook.version
        if codebook else "", codebook_hash=codebook.hash if codebook else "",
        parameters=parameters, versions=versions(),
    )


# The worker side ---------------------------------------------------------------------------

_ANALYSER: Analyser | None = None
_READ = ReadOptions()
# The process whose per-document children spool large documents (streaming.py); None: read
# every file whole (the Dask executor: its workers may not share this machine's disk).
_SPOOL_OWNER: int | None = None


def _init_worker(codebook_reference: str | None, tag: bool,
                 read: ReadOptions | None = None, stream: bool = False) -> None:
    global _ANALYSER, _READ, _SPOOL_OWNER
    close_child()  # a child forked before holds the previous analyser
    from .analysis import Analyser

    _ANALYSER = Analyser(load_codebook(codebook_reference) if tag else None, tag=tag)
    _READ = read or ReadOptions()
    _SPOOL_OWNER = os.getpid() if stream else None
    if stream:
        from .streaming import remove_stale_spools

        remove_stale_spools()


def process_file(path: str, meta: DocumentMeta, data: bytes | None = None) -> Document | FailedDocument:
    """Read, segment and tag one file. Never raises for a bad file: it returns a failure."""
    assert _ANALYSER is not None, "call _init_worker first"
    from .ingest.reader import extract

    file_path = Path(path)
    try:
        if data is None and _SPOOL_OWNER is not None and should_stream(
                file_path, file_path.stat().st_size):
            return _process_streamed(file_path, meta)
        if data is None:
            data = file_path.read_bytes()
    except OSError as error:
        return failed_document(path, meta, ErrorCode.UNREADABLE_FILE,
                               str(error.strerror or error),
                               hashlib.sha256(path.encode()).hexdigest())
    document_id = hashlib.sha256(data).hexdigest()
    try:
        extracted = extract(file_path, data, meta.password, meta.language, _READ)
        footnotes = tuple(Footnote(note.page, note.start, note.end, _READ.keep_footnotes)
                          for note in extracted.footnotes)
        skip = [] if _READ.keep_footnotes else [(note.start, note.end) for note in footnotes]
        pages, sentences, tags, mentions = _ANALYSER.analyse(
            document_id, extracted.text, extracted.pages, meta.language, skip)
    except CultdipError as error:
        return FailedDocument(id=document_id, path=path, meta=meta, error_code=error.code.value,
                              message=str(error))
    except Exception as error:  # a bug must not stop the batch; the message says where
        return _internal_failure(path, meta, error, document_id)
    if meta.title is None and extracted.title:
        meta = DocumentMeta(**{**_meta_dict(meta), "title": extracted.title})
    languages = Counter(p.language for p in pages if p.end > p.start and p.language)
    language = meta.language or (languages.most_common(1)[0][0] if languages else None)
    return Document(id=document_id, path=path, meta=meta, text=extracted.text,
                    language=language, pages=tuple(pages), sentences=tuple(sentences),
                    tags=tuple(tags), mentions=tuple(mentions),
                    warnings=tuple(extracted.warnings), footnotes=footnotes,
                    tables=tuple(extracted.tables))


def _internal_failure(path: str, meta: DocumentMeta, error: Exception,
                      document_id: str) -> FailedDocument:
    """A bug met on one file (E901): reported with the file and the exception, the batch goes on."""
    return failed_document(path, meta, ErrorCode.INTERNAL,
                           f"{type(error).__name__}: {error}", document_id)


def _process_streamed(file_path: Path, meta: DocumentMeta) -> Document | FailedDocument:
    """A large text file read, normalised, segmented and tagged a chunk at a time into a spool
    file (memory does not grow with the file); the batch process copies the spool in."""
    assert _ANALYSER is not None and _SPOOL_OWNER is not None
    from .ingest.stream import TextStream, detect_encoding
    from .streaming import analyse_chunks, remove_spool, spool_path

    path = str(file_path)
    document_id = _sha256_file(file_path)
    spool = spool_path(_SPOOL_OWNER, path)
    try:
        stream = TextStream(file_path, detect_encoding(file_path))
        result = analyse_chunks(_ANALYSER, document_id, stream.chunks(), meta.language, spool)
        if not result.sentences and result.length == 0:
            raise CultdipError(ErrorCode.NO_TEXT, "the file holds no text", path)
    except CultdipError as error:
        remove_spool(spool)
        return FailedDocument(id=document_id, path=path, meta=meta, error_code=error.code.value,
                              message=str(error))
    except OSError as error:  # the file went away or became unreadable while being read
        remove_spool(spool)
        return failed_document(path, meta, ErrorCode.UNREADABLE_FILE,
                               str(error.strerror or error), document_id)
    except Exception as error:  # a bug must not stop the batch; the message says where
        remove_spool(spool)
        return _internal_failure(path, meta, error, document_id)
    if meta.title is None and stream.title:
        meta = DocumentMeta(**{**_meta_dict(meta), "title": stream.title})
    page = Page(1, 0, result.length, result.language, "text")
    return Document(id=document_id, path=path, meta=meta, text="",
                    language=meta.language or result.language, pages=(page,),
                    spool=str(spool))


def limits_for(limits: Limits, path: Path) -> Limits:
    """A streamed text gets the time limit once per STREAM_BYTES of file: its time grows with
    its size by design, while its memory stays bounded and keeps the memory limit."""
    if limits.seconds is None:
        return limits
    try:
        size = path.stat().st_size
    except OSError:
        return limits
    if not should_stream(path, size):
        return limits
    return _time_per_stream_chunk(limits, size)


def _time_per_stream_chunk(limits: Limits, size: int) -> Limits:
    """The time limit counted once per STREAM_BYTES of a document (memory limit unchanged)."""
    if limits.seconds is None:
        return limits
    return Limits(seconds=limits.seconds * -(-size // STREAM_BYTES), memory_mb=limits.memory_mb)


_CHILD: BoundedChild | None = None


def close_child() -> None:
    """End this process's document child, if it has one."""
    global _CHILD
    if _CHILD is not None:
        _CHILD.close()
        _CHILD = None


def process_file_bounded(path: str, meta: DocumentMeta, limits: Limits) -> Document | FailedDocument:
    """process_file under per-document time and memory limits (see limits.py), in a child
    that reads one document after another (bounded_child.py)."""
    return opened(process_file_passed_on(path, meta, limits))


def process_file_passed_on(path: str, meta: DocumentMeta,
                           limits: Limits) -> Document | FailedDocument | Pickled:
    """process_file_bounded for a pool worker: the child's result is passed on still pickled
    (`opened` unpickles it in the batch process)."""
    global _CHILD
    if not limits.enabled:
        return process_file(path, meta)
    if _ANALYSER is not None and not _ANALYSER._cases:
        _ANALYSER._components("en")  # the default language: not rebuilt in every child
    if _SPOOL_OWNER is not None:
        limits = limits_for(limits, Path(path))
    if _CHILD is None or _CHILD.limits != limits:
        close_child()
        _CHILD = BoundedChild(process_file, limits)
    result = _CHILD.run_pickled(path, meta)
    if isinstance(result, FailedDocument) and _SPOOL_OWNER is not None:
        from .streaming import remove_spool, spool_path

        remove_spool(spool_path(_SPOOL_OWNER, path))  # a killed child's leftovers
    if _ANALYSER is not None and isinstance(result, Pickled):
        # The child built the pipelines for this document's languages and took them with it:
        # build them here once, so that every later child inherits them through fork.
        for language in result.languages:
            _ANALYSER._components(language)
    return result


def _init_pool_worker(codebook_reference: str | None, tag: bool,
                      read: ReadOptions | None = None) -> None:
    """Pool workers leave Ctrl-C to the batch process, which stops after the current document."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker(codebook_reference, tag, read, stream=True)


def _meta_dict(meta: DocumentMeta) -> dict[str, object]:
    return {name: getattr(meta, name) for name in meta.__slots__}  # type: ignore[attr-defined]


# The batch side ----------------------------------------------------------------------------


@dataclass
class _Job:
    path: Path
    meta: DocumentMeta
    file_key: tuple[str, int, int]


def _plan(store: Store, files: Iterable[Path], meta_for: Callable[[Path], DocumentMeta],
          codebook: Codebook | None, settings: Settings, summary: Summary) -> Iterator[_Job]:
    """Skip what the store already has; yield the files that need work."""
    for path in files:
        summary.files += 1
        try:
            stat = path.stat()
        except OSError as error:
            summary.errors.append((str(path), ErrorCode.UNREADABLE_FILE.value,
                                   f"{ErrorCode.UNREADABLE_FILE.value} UNREADABLE_FILE: {path}: "
                                   f"{error.strerror or error}"))
            continue
        meta = meta_for(path)
        if meta.origin == "none":
            summary.problems.append(
                f"{ErrorCode.METADATA_MISSING.value} METADATA_MISSING: {path}: no manifest row "
                "and no known file-name pattern; country and year left empty")
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if stat.st_size > MAX_FILE_BYTES:
            summary.errors.append((str(path), ErrorCode.UNREADABLE_FILE.value,
                                   f"{ErrorCode.UNREADABLE_FILE.value} UNREADABLE_FILE: {path}: "
                                   f"{stat.st_size} bytes is over the {MAX_FILE_BYTES} limit"))
            continue
        # One query when (path, size, mtime) are known; the bytes are hashed only otherwise.
        row = store.known_document(*key)
        if row is None:
            row = store.document_state(_sha256_file(path))
            if row is not None:
                store.remember_file(*key, row["id"])
        if row is not None:
            retry = row["status"] == "error" and bool(
                settings.retry_errors
                or (row["error_code"] == ErrorCode.ENCRYPTED_PDF.value and meta.password))
            if not retry:
                _refresh_metadata(store, row, path, meta)
                summary.unchanged += 1
                if row["status"] == "error":
                    summary.errors.append((str(path), row["error_code"], row["error_message"]))
                continue
        yield _Job(path=path, meta=meta, file_key=key)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _refresh_metadata(store: Store, row: "sqlite3.Row", path: Path, meta: DocumentMeta) -> None:
    """`row` is the document's state (Store.known_document); written only when it differs."""
    if meta.origin == "none" and row["meta_origin"] != "none":
        return
    wanted = (str(path), meta.country, meta.year, meta.doc_type,
              meta.title if meta.title is not None else row["title"], meta.source,
              meta.licence, meta.origin)
    stored = tuple(row[name] for name in ("path", "country", "year", "doc_type", "title",
                                          "source", "licence", "meta_origin"))
    if stored != wanted:
        store.update_metadata(row["id"], *wanted)


def run_batch(paths: list[Path], project: Path, settings: Settings, command: str = "run",
              progress: bool = True) -> Summary:
    """Ingest (and, with settings.tag, tag) everything under `paths` into the project store."""
    started = time.perf_counter()
    codebook = load_codebook(settings.codebook) if settings.tag else None
    found = discover(paths)
    summary = Summary(problems=list(found.problems))
    run = new_run(command, codebook, {"paths": [str(p) for p in paths], "tag": settings.tag,
                                      "jobs": settings.jobs, "codebook": settings.codebook
                                      or "default", "tables": settings.read.tables,
                                      "keep_footnotes": settings.read.keep_footnotes,
                                      "page_time_limit": settings.read.page_seconds})
    summary.run_id = run.id
    with Store(store_path(project)) as store:
        store.defer_checkpoints()
        store.start_run(run)
        jobs = _plan(store, found.files, found.meta_for, codebook, settings, summary)
        bar = _progress(len(found.files), progress)
        stop = GracefulStop()
        try:
            with stop:
                results = _execute(jobs, settings)
                try:
                    for result, job in results:
                        _save(store, result, job, run.id, codebook, summary)
                        bar.update(1)
                        rate = summary.pages / max(time.perf_counter() - started, 1e-9)
                        bar.set_postfix_str(f"{summary.pages} pages ({rate:.0f} pages/s), "
                                            f"{summary.sentences} sentences")
                        if stop.requested:
                            summary.interrupted = True
                            break
                finally:
                    results.close()
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            bar.close()
        if settings.tag and codebook is not None and not summary.interrupted:
            retag = tag_documents(store, codebook, run.id, progress=False,
                                  limits=settings.limits)
            for group, count in retag.tags_by_group.items():
                summary.tags_by_group[group] += count
        summary.seconds = time.perf_counter() - started
        store.finish_run(run.id, summary.as_dict())
    return summary


def _progress(total: int, enabled: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    interactive = sys.stderr.isatty()
    return tqdm(total=total, unit="doc", disable=not enabled, file=sys.stderr,
                dynamic_ncols=True, desc="documents", mininterval=0.1 if interactive else 5.0)


def _execute(jobs: Iterator[_Job], settings: Settings) -> Iterator[tuple[Document | FailedDocument, _Job]]:
    """Run jobs in this process or a bounded process pool; memory does not grow with the batch."""
    if settings.executor == "dask":
        from .executor_dask import execute

        yield from execute(jobs, settings)
        return
    if settings.jobs <= 1:
        _init_worker(settings.codebook, settings.tag, settings.read, stream=True)
        try:
            for job in jobs:
                yield process_file_bounded(str(job.path), job.meta, settings.limits), job
        finally:
            close_child()
        return
    with ProcessPoolExecutor(max_workers=settings.jobs, initializer=_init_pool_worker,
                             initargs=(settings.codebook, settings.tag, settings.read)) as pool:
        pending: dict[Future[Document | FailedDocument | Pickled], _Job] = {}
        # Four documents per worker in flight: while the batch process saves a document
        # (a checkpoint of the store may stall it for milliseconds) the workers have further
        # documents queued, so their reading children wait less for the next request
        # (1,000 speeches: 0.59 -> 0.43 s idle per child).
        limit = settings.jobs * 4
        try:
            for job in jobs:
                pending[pool.submit(process_file_passed_on, str(job.path), job.meta,
                                    settings.limits)] = job
                while len(pending) >= limit:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield opened(future.result()), pending.pop(future)
            for future in list(pending):
                yield opened(future.result()), pending.pop(future)
        finally:
            # Stopped early (Ctrl-C): queued documents are dropped, running ones finish.
            for future in pending:
                future.cancel()


def _save(store: Store, result: Document | FailedDocument, job: _Job, run_id: str,
          codebook: Codebook | None, summary: Summary) -> None:
    if isinstance(result, FailedDocument):
        store.save_failure(result, run_id, job.file_key)
        summary.errors.append((result.path, result.error_code, result.message))
        return
    if result.spool:
        from .streaming import remove_spool, spool_counts
    try:
        if result.spool:
            n_sentences, groups = spool_counts(result.spool)
            summary.sentences += n_sentences
            summary.tags_by_group.update(groups)
        store.save_document(result, run_id, codebook.hash if codebook else None, job.file_key)
    finally:
        if result.spool:
            remove_spool(result.spool)
    summary.processed += 1
    summary.pages += len(result.pages)
    summary.ocr_pages += sum(1 for page in result.pages if page.method == "ocr")
    summary.pages_needing_ocr += sum(1 for page in result.pages if page.method == "needs_ocr")
    summary.failed_pages += sum(1 for page in result.pages if page.method == "failed")
    summary.tables += len(result.tables)
    summary.footnotes += len(result.footnotes)
    summary.sentences += len(result.sentences)
    for tag in result.tags:
        summary.tags_by_group[tag.code.split(".")[0]] += 1


def tag_documents(store: Store, codebook: Codebook, run_id: str, force: bool = False,
                  progress: bool = True, limits: Limits | None = None) -> Summary:
    """Re-tag stored documents whose tags came from another codebook (or all, with force).

    Each document is re-analysed under the per-document limits (retag.py), as when it was
    read; one that fails is reported with its code and keeps its previous tags.
    """
    limits = limits if limits is not None else Limits()
    summary = Summary(run_id=run_id)
    rows = store.documents_to_tag(codebook.hash, force=force)
    if not rows:
        return summary
    # Imported only when there is something to re-tag: retag imports spaCy (through the
    # analyser), which was most of a re-run's time on an unchanged corpus.
    from .analysis import Analyser
    from .retag import retag_bounded
    from .streaming import remove_spool, spool_counts

    analyser = Analyser(codebook, tag=True)
    bar = _progress(len(rows), progress)
    try:
        for row in rows:
            length = max((p["end"] for p in store.document_pages(row["id"])), default=0)
            bounded = _time_per_stream_chunk(limits, length) if length > STREAM_BYTES else limits
            result = retag_bounded(analyser, store, row["id"], row["path"], bounded)
            if isinstance(result, FailedDocument):
                summary.errors.append((row["path"], result.error_code, result.message))
                bar.update(1)
                continue
            try:
                if result.spool:
                    n_sentences, groups = spool_counts(result.spool)
                    summary.sentences += n_sentences
                    summary.tags_by_group.update(groups)
                store.replace_analysis(row["id"], result.sentences, result.tags,
                                       result.mentions, codebook.hash, run_id,
                                       spool=result.spool)
            finally:
                if result.spool:
                    remove_spool(result.spool)
            summary.processed += 1
            summary.sentences += len(result.sentences)
            for tag in result.tags:
                summary.tags_by_group[tag.code.split(".")[0]] += 1
            bar.update(1)
    finally:
        bar.close()
    return summary


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
