"""Large text files are streamed: read, normalised, segmented and tagged in paragraph-aligned
chunks, with offsets global to the document's text and memory that does not grow with the file.

The large file is real: UN General Debate speeches from ../shared/corpus/ungdc concatenated
(tests/large_text.py). Speed is measured by scripts/bench_large_text.py, not here.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import CORPUS, cultdip_command, run_cli
from cultdip_nlp.analysis import Analyser
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.ingest.normalize import normalize_text
from cultdip_nlp.ingest.stream import TextStream, detect_encoding
from cultdip_nlp.ingest.text import decode, read_text_file
from cultdip_nlp.store import Store, document_text
from cultdip_nlp.streaming import analyse_chunks
from large_text import build_large_text

LETTER = re.compile(r"[^\W\d_]")


def _spooled(spool: Path) -> tuple[str, list[tuple], list[tuple], list[tuple]]:
    connection = sqlite3.connect(spool)
    try:
        text = "".join(t for (t,) in connection.execute(
            "SELECT text FROM text_chunks ORDER BY start"))
        sentences = [tuple(r) for r in connection.execute(
            "SELECT idx, page, start, end, n_tokens, text FROM sentences ORDER BY idx")]
        tags = sorted(tuple(r) for r in connection.execute(
            "SELECT id, sentence_idx, start, end, code, text FROM tags"))
        mentions = sorted(tuple(r) for r in connection.execute(
            "SELECT sentence_idx, iso3, start, end, text FROM mentions"))
    finally:
        connection.close()
    return text, sentences, tags, mentions


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser(load_codebook(None))


@pytest.mark.parametrize("source", ["ungdc", "markdown", "cp1251"])
def test_streamed_chunks_equal_a_whole_read(source: str, analyser: Analyser, shared: Path,
                                            tmp_path: Path) -> None:
    """Cut every 20,000 characters (dozens of chunk boundaries), the streamed document has
    exactly the text, sentences, tags and mentions of the same file read whole."""
    if source == "ungdc":
        path, _ = build_large_text(shared, tmp_path / "speeches.txt", 0.4)
        chunk = 20_000
    elif source == "markdown":
        path = tmp_path / "address.md"
        path.write_bytes((CORPUS / "kz_en" /
                          "kz_tokayev_state-of-the-nation-address_2019-09-02.md").read_bytes())
        chunk = 2_000
    else:
        russian = (shared / "corpus" / "ru_kk" / "udhr_rus.xml").read_text(encoding="utf-8")
        path = tmp_path / "udhr_rus_cp1251.txt"
        path.write_bytes(re.sub(r"<[^>]+>", "\n", russian).encode("cp1251", errors="ignore"))
        chunk = 3_000
    whole = read_text_file(path, path.read_bytes())
    _, sentences, tags, mentions = analyser.analyse("doc", whole.text, whole.pages, None)
    stream = TextStream(path, detect_encoding(path), chunk_chars=chunk)
    result = analyse_chunks(analyser, "doc", stream.chunks(), None, tmp_path / "spool.sqlite")
    text, spooled_sentences, spooled_tags, spooled_mentions = _spooled(tmp_path / "spool.sqlite")
    assert text.count("\n\n") > 0 and result.length == len(whole.text)
    assert text == whole.text
    assert stream.title == whole.title
    assert spooled_sentences == [(s.index, s.page, s.start, s.end, s.n_tokens, s.text)
                                 for s in sentences]
    assert spooled_tags == sorted((t.id, t.sentence_index, t.start, t.end, t.code, t.text)
                                  for t in tags)
    assert spooled_mentions == sorted({(m.sentence_index, m.iso3, m.start, m.end, m.text)
                                       for m in mentions})
    assert len(sentences) > 40
    if source == "ungdc":
        assert tags and mentions  # the rules and case attribution ran across the chunks


def _kill_while_streaming(folder: Path, project: Path) -> int:
    """Start `cultdip ingest`, SIGKILL it (batch and child) once its spool holds two chunks:
    the store must hold nothing of the document. Returns the killed batch's pid."""
    process = subprocess.Popen([*cultdip_command(), "ingest", str(folder), "--project",
                                str(project), "--jobs", "1", "--no-progress"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    pattern = f"cultdip-spool-{process.pid}-*.sqlite"
    deadline = time.monotonic() + 600
    try:
        while True:
            assert process.poll() is None, process.stderr.read()[-2000:]
            assert time.monotonic() < deadline, "no spool file with two chunks in 600 s"
            chunks = 0
            for spool in Path(tempfile.gettempdir()).glob(pattern):
                try:
                    with sqlite3.connect(f"file:{spool}?mode=ro", uri=True) as db:
                        chunks = db.execute("SELECT COUNT(*) FROM text_chunks").fetchone()[0]
                except sqlite3.Error:
                    chunks = 0
            if chunks >= 2:
                break
            time.sleep(0.1)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert list(Path(tempfile.gettempdir()).glob(pattern))  # left behind by the kill
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        for table in ("documents", "text_chunks", "pages", "sentences", "files"):
            assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    return process.pid


def test_a_12_mb_real_text_is_ingested_and_tagged_whole_within_a_small_memory_limit(
        shared: Path, tmp_path: Path) -> None:
    """`cultdip ingest` killed mid-document (nothing of it stored), then `cultdip ingest` and
    `cultdip tag` of 12 MB of real speeches, each document's child
    held to 80 MB of address space above the worker (RLIMIT_AS): the document is stored whole
    (its text equals the whole file normalised, every word is inside a sentence, every offset
    slices its text) in several chunks; the same limit stops the file when it is read whole."""
    folder = tmp_path / "in"
    folder.mkdir()
    path, speeches = build_large_text(shared, folder / "ungdc_12mb.txt", 12)
    assert speeches > 500
    project = tmp_path / "project"
    killed = _kill_while_streaming(folder, project)
    ingest = run_cli("ingest", str(folder), "--project", str(project), "--jobs", "1",
                     "--no-progress", "--json", "--memory-limit", "80", timeout=3000)
    summary = json.loads(ingest.stdout[ingest.stdout.index("{"):])
    assert ingest.returncode == 0 and summary["processed"] == 1, ingest.stdout[-3000:]
    tag = run_cli("tag", "--project", str(project), "--no-progress", "--json",
                  "--memory-limit", "80", timeout=3000)
    tagged = json.loads(tag.stdout[tag.stdout.index("{"):])
    assert tag.returncode == 0 and tagged["processed"] == 1, tag.stdout[-3000:]

    assert not list(Path(tempfile.gettempdir()).glob(f"cultdip-spool-{killed}-*")), \
        "the killed batch's spool file is removed by the next run"
    expected = normalize_text(decode(path.read_bytes(), path))
    with Store(project / "cultdip.sqlite") as store:
        db = store.connection
        [document] = store.documents()
        assert document["status"] == "ok" and document["tagged_codebook_hash"]
        assert db.execute("SELECT COUNT(*) FROM text_chunks").fetchone()[0] >= 10
        text = store.document_text(document["id"])
        assert text == expected
        # The accessor's slices read only the chunks they need, across chunk boundaries too.
        for (start,) in db.execute("SELECT start FROM text_chunks WHERE start > 0"):
            assert document_text(db, document["id"], start - 30, start + 30) == \
                expected[start - 30:start + 30]
        assert document_text(db, document["id"], len(expected) - 10) == expected[-10:]
        sentences = db.execute("SELECT idx, start, end, text FROM sentences ORDER BY idx"
                               ).fetchall()
        assert [s[0] for s in sentences] == list(range(len(sentences)))
        assert len(sentences) == document["n_sentences"] > 50_000
        previous_end = 0
        for index, start, end, sentence in sentences:
            assert text[start:end] == sentence
            assert not LETTER.search(text[previous_end:start]), (index, text[previous_end:start])
            previous_end = end
        assert not LETTER.search(text[previous_end:])
        tags = db.execute("SELECT t.start, t.end, t.text, s.start, s.end FROM tags t JOIN"
                          " sentences s ON s.document_id = t.document_id AND"
                          " s.idx = t.sentence_idx").fetchall()
        assert len(tags) > 300
        for start, end, tag_text, sentence_start, sentence_end in tags:
            assert text[start:end] == tag_text and sentence_start <= start < end <= sentence_end
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # The control: read whole, the same file does not fit in the same limit.
    from cultdip_nlp import pipeline
    from cultdip_nlp.limits import Limits, run_bounded
    from cultdip_nlp.records import DocumentMeta

    pipeline._init_worker(None, False)

    def read_whole(name: str, meta: DocumentMeta):  # type: ignore[no-untyped-def]
        return pipeline.process_file(name, meta, Path(name).read_bytes())

    failed = run_bounded(read_whole, str(path), DocumentMeta(), Limits(None, 80))
    assert getattr(failed, "error_code", None) == "E110"
