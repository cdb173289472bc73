"""The Dask executor on a real multi-process cluster on loopback gives the single-machine run.

The cluster is started here (two worker processes, 127.0.0.1 only) and handed to
`cultdip run --executor dask --scheduler tcp://...`, as a lab would hand its own cluster.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.executor_dask import matrices_from_parquet

from conftest import CORPUS, run_cli

SPEECHES = [f"{country}_{session}_{session + 1945}.txt"
            for country in ("GBR", "JPN", "KAZ", "KOR") for session in (75, 76)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """Real UN speeches, a real Kazakh address in Markdown and an empty PDF (E101)."""
    target = tmp_path_factory.mktemp("dask_batch")
    for name in SPEECHES:
        shutil.copy2(CORPUS / "ungdc" / name, target / name)
    shutil.copy2(CORPUS / "kz_en" / "kz_tokayev_state-of-the-nation-address_2019-09-02.md",
                 target)
    shutil.copy2(shared / "corpus" / "pdfs" / "edge_pdfplumber_empty_zero-bytes.pdf", target)
    return target


@pytest.fixture(scope="module")
def scheduler() -> str:
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _rows(store: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(store) as connection:
        return sorted(tuple(row) for row in connection.execute(query))


def test_dask_cluster_gives_the_single_machine_matrices(folder: Path, scheduler: str,
                                                        tmp_path: Path) -> None:
    local, cluster = tmp_path / "local", tmp_path / "cluster"
    first = run_cli("run", str(folder), "--project", str(local), "--jobs", "1", "--no-progress")
    second = run_cli("run", str(folder), "--project", str(cluster), "--executor", "dask",
                     "--scheduler", scheduler, "--no-progress")
    assert scheduler.startswith("tcp://127.0.0.1:")
    assert first.returncode == second.returncode == 1, second.stderr  # the empty PDF
    assert "E101" in second.stdout

    for name in ("count", "sentences", "rate", "docs"):
        expected = (local / f"matrix_{name}.csv").read_text(encoding="utf-8")
        assert (cluster / f"matrix_{name}.csv").read_text(encoding="utf-8") == expected
    tag_query = "SELECT id, document_id, sentence_idx, start, end, code, rule FROM tags"
    tags = _rows(local / "cultdip.sqlite", tag_query)
    assert tags and _rows(cluster / "cultdip.sqlite", tag_query) == tags
    sentence_query = "SELECT document_id, idx, start, end, n_tokens, text FROM sentences"
    sentences = _rows(local / "cultdip.sqlite", sentence_query)
    assert _rows(cluster / "cultdip.sqlite", sentence_query) == sentences
    status_query = "SELECT path, status, error_code, country, year FROM documents"
    assert _rows(cluster / "cultdip.sqlite", status_query) == \
        _rows(local / "cultdip.sqlite", status_query)

    # The partitioned Parquet holds the same rows, and Dask DataFrame reads the matrix from it.
    parquet = cluster / "parquet"
    assert len(list((parquet / "tags").glob("part-*.parquet"))) >= 1
    assert pq.read_table(parquet / "tags").num_rows == len(tags)
    assert pq.read_table(parquet / "sentences").num_rows == len(sentences)
    counts = matrices_from_parquet(parquet, load_codebook(None).hash)
    store_counts = {(case, code): int(value) for case, code, value in _rows(
        local / "cultdip.sqlite",
        "SELECT COALESCE(d.country, '(unknown)'), t.code, COUNT(*) FROM tags t"
        " JOIN documents d ON d.id = t.document_id GROUP BY 1, 2")}
    parquet_counts = {(case, code): int(value) for (case, code), value in counts.stack().items()
                      if value}
    assert parquet_counts == store_counts
    # The same counts through the command line, still without the store.
    written = tmp_path / "from_parquet.csv"
    run_cli("matrix", "--from-parquet", str(parquet), "-o", str(written), check=True)
    import pandas as pd

    table = pd.read_csv(written, index_col=0)
    assert {(case, code): int(value) for (case, code), value in table.stack().items()
            if value} == store_counts
    refused = run_cli("matrix", "--from-parquet", str(parquet), "--value", "rate")
    assert refused.returncode == 2 and "--from-parquet" in refused.stderr


def test_rerun_on_the_cluster_reads_nothing_again(folder: Path, scheduler: str,
                                                  tmp_path: Path) -> None:
    project = tmp_path / "again"
    run_cli("run", str(folder), "--project", str(project), "--executor", "dask",
            "--scheduler", scheduler, "--no-progress")
    parts = sorted((project / "parquet" / "documents").glob("*.parquet"))
    again = run_cli("run", str(folder), "--project", str(project), "--executor", "dask",
                    "--scheduler", scheduler, "--no-progress", "--json")
    assert '"processed": 0' in again.stdout
    assert sorted((project / "parquet" / "documents").glob("*.parquet")) == parts


def test_ingest_on_the_cluster_stores_what_a_local_ingest_stores(folder: Path, scheduler: str,
                                                                 tmp_path: Path) -> None:
    local, cluster = tmp_path / "local", tmp_path / "cluster"
    run_cli("ingest", str(folder), "--project", str(local), "--jobs", "1", "--no-progress")
    result = run_cli("ingest", str(folder), "--project", str(cluster), "--executor", "dask",
                     "--scheduler", scheduler, "--no-progress")
    assert result.returncode == 1 and "E101" in result.stdout, result.stderr  # the empty PDF
    sentence_query = "SELECT document_id, idx, start, end, n_tokens, text FROM sentences"
    sentences = _rows(local / "cultdip.sqlite", sentence_query)
    assert sentences and _rows(cluster / "cultdip.sqlite", sentence_query) == sentences
    assert _rows(cluster / "cultdip.sqlite", "SELECT id FROM tags") == []  # ingest: no tags
    assert pq.read_table(cluster / "parquet" / "sentences").num_rows == len(sentences)


def test_a_partition_read_again_in_full_is_pruned(folder: Path, scheduler: str,
                                                  tmp_path: Path) -> None:
    """--retry-errors reads the broken PDF again: its old partition is superseded and goes."""
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy2(folder / "edge_pdfplumber_empty_zero-bytes.pdf", broken)
    shutil.copy2(folder / SPEECHES[0], broken)
    project = tmp_path / "project"
    arguments = ["run", str(broken), "--project", str(project), "--executor", "dask",
                 "--scheduler", scheduler, "--no-progress"]
    run_cli(*arguments)
    documents = project / "parquet" / "documents"
    [first] = sorted(documents.glob("*.parquet"))  # both files in one partition
    run_cli(*arguments, "--retry-errors")
    parts = sorted(documents.glob("*.parquet"))
    # The new partition holds only the PDF: the first one still holds the speech, and stays.
    assert first in parts and len(parts) == 2
    run_cli(*arguments, "--retry-errors")
    after = sorted(documents.glob("*.parquet"))
    # The PDF's second partition is superseded by its third: pruned, tables and all.
    assert len(after) == 2 and first in after and set(parts) != set(after)
    for table in ("sentences", "tags", "mentions"):
        assert sorted(p.name for p in (project / "parquet" / table).glob("*.parquet")) == \
            sorted(p.name for p in after)
    assert pq.read_table(documents).num_rows == 3  # the first partition (2) and the newest
