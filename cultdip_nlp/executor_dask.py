"""Run ingest and tagging on a Dask cluster; results travel as partitioned Parquet.

Why Dask: labs that process millions of pages already run a Dask (or Dask-on-Kubernetes,
-on-SLURM, ...) cluster; `pip install cultdip[dask]` and `--executor dask --scheduler
tcp://HOST:PORT` lets them use it without another engine. Without `--scheduler` a local
cluster of `--jobs` worker processes on 127.0.0.1 is started for the run.

Each task reads, segments and tags a partition of files (`process_file`, the same function
the local process pool runs) and writes four Parquet files, one per table, under the
Parquet folder: `documents/`, `sentences/`, `tags/`, `mentions/`, each `part-RUN-N.parquet`.
Only the partition's name travels back through the scheduler. The main process then merges
each finished partition into the SQLite store, one transaction per document as always, so
the store, the matrices and every later verb are exactly those of a single-machine run. The
Parquet folder stays as a columnar copy that Dask DataFrame can read directly
(`matrices_from_parquet`). On a real cluster the input files and the Parquet folder must be
on storage every worker sees (NFS, a shared volume); the store stays on the main machine.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from .records import (Document, DocumentMeta, FailedDocument, Footnote, Mention, Page,
                      Sentence, Table, Tag)

if TYPE_CHECKING:
    from .pipeline import Settings, _Job

PARTITION_FILES = 16
TABLES = ("documents", "sentences", "tags", "mentions")

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("id", pa.string()), ("path", pa.string()), ("status", pa.string()),
        ("error_code", pa.string()), ("message", pa.string()), ("language", pa.string()),
        ("country", pa.string()), ("year", pa.int64()), ("meta", pa.string()),
        ("text", pa.string()), ("pages", pa.string()), ("warnings", pa.string()),
        # JSON: [[page, start, end, in_sentences]] and [[page, index, bbox, rows]].
        ("footnotes", pa.string()), ("pdf_tables", pa.string()),
    ]),
    "sentences": pa.schema([
        ("document_id", pa.string()), ("idx", pa.int64()), ("page", pa.int64()),
        ("start", pa.int64()), ("end", pa.int64()), ("n_tokens", pa.int64()),
        ("text", pa.string()),
    ]),
    "tags": pa.schema([
        ("id", pa.string()), ("document_id", pa.string()), ("sentence_idx", pa.int64()),
        ("start", pa.int64()), ("end", pa.int64()), ("code", pa.string()),
        ("text", pa.string()), ("source", pa.string()), ("rule", pa.string()),
        ("score", pa.float64()), ("codebook_hash", pa.string()),
    ]),
    "mentions": pa.schema([
        ("document_id", pa.string()), ("sentence_idx", pa.int64()), ("iso3", pa.string()),
        ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
    ]),
}


# The worker side ---------------------------------------------------------------------------

_WORKER_SETTINGS: tuple[str | None, bool, Any] | None = None


def process_partition(files: list[tuple[str, DocumentMeta]], folder: str, name: str,
                      codebook: str | None, tag: bool, read: Any = None) -> str:
    """Process files on a worker and write their rows as one Parquet file per table.

    `read` is the batch's ReadOptions (tables, footnotes, OCR); the per-page time limit
    needs the main thread, which a Dask task does not run in, so there only the
    per-document limit applies.
    """
    global _WORKER_SETTINGS
    from . import pipeline

    if _WORKER_SETTINGS != (codebook, tag, read):
        pipeline._init_worker(codebook, tag, read)
        _WORKER_SETTINGS = (codebook, tag, read)
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for path, meta in files:
        _add_rows(rows, pipeline.process_file(path, meta))
    for table in TABLES:
        target = Path(folder) / table / f"{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows[table], schema=SCHEMAS[table]), target)
    return name


def _meta_json(meta: DocumentMeta) -> str:
    fields = {field: getattr(meta, field) for field in meta.__slots__}  # type: ignore[attr-defined]
    fields["password"] = None  # a password never leaves the machine that was given it
    return json.dumps(fields)


def _add_rows(rows: dict[str, list[dict[str, Any]]], result: Document | FailedDocument) -> None:
    meta = result.meta
    common = {"id": result.id, "path": result.path, "country": meta.country,
              "year": meta.year, "meta": _meta_json(meta)}
    if isinstance(result, FailedDocument):
        rows["documents"].append({**common, "status": "error", "error_code": result.error_code,
                                  "message": result.message, "language": None, "text": None,
                                  "pages": "[]", "warnings": "[]", "footnotes": "[]",
                                  "pdf_tables": "[]"})
        return
    rows["documents"].append({
        **common, "status": "ok", "error_code": None, "message": None,
        "language": result.language, "text": result.text,
        "pages": json.dumps([[p.number, p.start, p.end, p.language, p.method, p.error]
                             for p in result.pages]),
        "warnings": json.dumps(list(result.warnings)),
        "footnotes": json.dumps([[n.page, n.start, n.end, n.in_sentences]
                                 for n in result.footnotes]),
        "pdf_tables": json.dumps([[t.page, t.index, list(t.bbox), [list(r) for r in t.rows]]
                                  for t in result.tables], ensure_ascii=False),
    })
    rows["sentences"].extend(
        {"document_id": result.id, "idx": s.index, "page": s.page, "start": s.start,
         "end": s.end, "n_tokens": s.n_tokens, "text": s.text} for s in result.sentences)
    rows["tags"].extend(
        {"id": t.id, "document_id": t.document_id, "sentence_idx": t.sentence_index,
         "start": t.start, "end": t.end, "code": t.code, "text": t.text, "source": t.source,
         "rule": t.rule, "score": t.score, "codebook_hash": t.codebook_hash}
        for t in result.tags)
    rows["mentions"].extend(
        {"document_id": result.id, "sentence_idx": m.sentence_index, "iso3": m.iso3,
         "start": m.start, "end": m.end, "text": m.text} for m in result.mentions)


# The main side -----------------------------------------------------------------------------

def read_partition(folder: Path, name: str) -> list[Document | FailedDocument]:
    """Rebuild the records of one partition from its Parquet files, in file order."""
    tables = {table: pq.read_table(folder / table / f"{name}.parquet").to_pylist()
              for table in TABLES}
    by_document: dict[str, dict[str, list[Any]]] = {}
    for table in ("sentences", "tags", "mentions"):
        for row in tables[table]:
            by_document.setdefault(row["document_id"], {}).setdefault(table, []).append(row)
    results: list[Document | FailedDocument] = []
    for row in tables["documents"]:
        meta = DocumentMeta(**json.loads(row["meta"]))
        if row["status"] == "error":
            results.append(FailedDocument(id=row["id"], path=row["path"], meta=meta,
                                          error_code=row["error_code"], message=row["message"]))
            continue
        parts = by_document.get(row["id"], {})
        results.append(Document(
            id=row["id"], path=row["path"], meta=meta, text=row["text"],
            language=row["language"],
            pages=tuple(Page(*page) for page in json.loads(row["pages"])),
            sentences=tuple(Sentence(index=s["idx"], page=s["page"], start=s["start"],
                                     end=s["end"], text=s["text"], n_tokens=s["n_tokens"])
                            for s in parts.get("sentences", [])),
            tags=tuple(Tag(document_id=t["document_id"], sentence_index=t["sentence_idx"],
                           start=t["start"], end=t["end"], code=t["code"], text=t["text"],
                           source=t["source"], rule=t["rule"], score=t["score"],
                           codebook_hash=t["codebook_hash"])
                       for t in parts.get("tags", [])),
            mentions=tuple(Mention(sentence_index=m["sentence_idx"], iso3=m["iso3"],
                                   start=m["start"], end=m["end"], text=m["text"])
                           for m in parts.get("mentions", [])),
            warnings=tuple(json.loads(row["warnings"])),
            footnotes=tuple(Footnote(*note) for note in json.loads(row.get("footnotes") or "[]")),
            tables=tuple(Table(page, index, tuple(bbox), tuple(tuple(r) for r in rows))
                         for page, index, bbox, rows in json.loads(row.get("pdf_tables")
                                                                   or "[]")),
        ))
    return results


def execute(jobs: Iterator["_Job"], settings: "Settings"
            ) -> Iterator[tuple[Document | FailedDocument, "_Job"]]:
    """Submit partitions of files to the cluster (a bounded number at a time) and merge them."""
    from distributed import Client, LocalCluster, as_completed

    if not settings.parquet:
        raise ValueError("the Dask executor needs a Parquet folder (Settings.parquet)")
    folder = Path(settings.parquet).resolve()
    run_tag = uuid.uuid4().hex[:8]
    cluster = None
    if settings.scheduler:
        client = Client(settings.scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, settings.jobs), threads_per_worker=1,
                               processes=True, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or settings.jobs)
        limit = workers * 2
        batches: dict[str, list[_Job]] = {}
        pending = as_completed()
        number = 0
        job_iterator = iter(jobs)
        while True:
            batch = list(islice(job_iterator, PARTITION_FILES))
            if batch:
                name = f"part-{run_tag}-{number:06d}"
                number += 1
                batches[name] = batch
                pending.add(client.submit(
                    process_partition, [(str(job.path), job.meta) for job in batch],
                    str(folder), name, settings.codebook, settings.tag, settings.read,
                    key=name, pure=False))
            while pending.count() and (not batch or pending.count() >= limit):
                future = next(pending)
                name = future.result()
                finished = batches.pop(name)
                for result, job in zip(read_partition(folder, name), finished):
                    yield result, job
            if not batch and not pending.count():
                break
        prune_partitions(folder)
    finally:
        client.close()
        if cluster is not None:
            # Workers that take a moment to exit are killed: said at WARNING, and harmless.
            logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
            cluster.close()


def _partition_names(folder: Path) -> list[str]:
    return [path.stem for path in (folder / "documents").glob("part-*.parquet")]


def prune_partitions(folder: Path) -> list[str]:
    """Delete the partitions every document of which a newer partition holds again.

    A document is read again when a run retries it (`--retry-errors`, a password added to the
    manifest); its rows then stand in two partitions. Partitions are taken newest first (by
    the time their documents file was written); one whose documents were all seen already is
    superseded, and its four files go. Returns the names of the deleted partitions.
    """
    documents = folder / "documents"
    if not documents.is_dir():
        return []
    names = sorted(_partition_names(folder),
                   key=lambda name: (documents / f"{name}.parquet").stat().st_mtime_ns,
                   reverse=True)
    seen: set[str] = set()
    pruned: list[str] = []
    for name in names:
        ids = set(pq.read_table(documents / f"{name}.parquet", columns=["id"])
                  .column("id").to_pylist())
        if ids and ids <= seen:
            for table in TABLES:
                (folder / table / f"{name}.parquet").unlink(missing_ok=True)
            pruned.append(name)
        seen |= ids
    return pruned


def matrices_from_parquet(folder: Path, codebook_hash: str | None = None) -> Any:
    """Tag counts per case and code straight from the Parquet folder with Dask DataFrame.

    For corpora whose tags are analysed on the cluster without a store: the same counts as
    `cultdip matrix --value count` (case = the document's country).
    """
    import dask.dataframe as dd

    tags = dd.read_parquet(str(folder / "tags"), columns=["id", "document_id", "code",
                                                          "source", "codebook_hash"])
    tags = tags[tags["source"] == "rule"]
    if codebook_hash:
        tags = tags[tags["codebook_hash"] == codebook_hash]
    # A document read again in a later partition repeats its tags (same ids): count them once.
    tags = tags.drop_duplicates(subset=["id"])
    documents = dd.read_parquet(str(folder / "documents"), columns=["id", "country", "status"])
    documents = documents[documents["status"] == "ok"].drop_duplicates(subset=["id"])
    merged = tags.merge(documents, left_on="document_id", right_on="id")
    merged["country"] = merged["country"].fillna("(unknown)")
    counts = merged.groupby(["country", "code"]).size().compute()
    return counts.unstack(fill_value=0)
