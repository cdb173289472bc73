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
