"""Hostile and broken input in one real batch: each file gets its own code, the batch goes on.

Every hostile file is made from a real document (a PDF of the shared corpus with its content
stream replaced, a UN speech wrapped in HTML, the Russian UDHR re-encoded in cp1251).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import sqlite3
import zlib
from pathlib import Path

import pytest

from conftest import CORPUS, SHARED_PDFS, run_cli

BASE_PDF = "kz_respublikasy_word-fragment.pdf"  # small real PDF whose page has one content stream


def replace_content_stream(pdf: bytes, stream: bytes) -> bytes:
    """The real PDF with its page's content stream (object 7) replaced by `stream` (Flate).

    The cross-reference table is left as it was: the reader must cope with stale offsets too.
    """
    start = pdf.index(b"\n7 0 obj")
    end = pdf.index(b"endobj", start) + len(b"endobj")
    replacement = (b"\n7 0 obj\n<< /Filter /FlateDecode /Length " + str(len(stream)).encode()
                   + b" >>\nstream\n" + stream + b"\nendstream\nendobj")
    return pdf[:start] + replacement + pdf[end:]


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """zlib's adler32_combine: the checksum of A+B from those of A and B (B's length)."""
    base = 65521
    remainder = second_length % base
    sum1 = first & 0xFFFF
    sum2 = (remainder * sum1) % base
    sum1 += (second & 0xFFFF) + base - 1
    sum2 += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + base - remainder
    sum1 %= base
    sum2 %= base
    return sum1 | (sum2 << 16)


def inflating_bomb(gigabytes: float) -> bytes:
    """A valid zlib stream of a few MB that inflates to `gigabytes` of content-stream spaces.

    After a full flush the compressor starts afresh, so every further megabyte compresses to
    the same bytes: they are compressed once and repeated (the checksum is computed for real).
    """
    block = b" " * (1 << 20)
    megabytes = int(gigabytes * 1024)
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum, block_checksum = 1, zlib.adler32(block)
    for _ in range(megabytes):
        checksum = _adler32_combine(checksum, block_checksum, len(block))
    final_empty_block = b"\x03\x00"
    return (first + repeated * (megabytes - 1) + final_empty_block
            + struct.pack(">I", checksum))


def nesting_bomb(depth: int) -> bytes:
    """Arrays nested `depth` deep: a parser that recurses per level runs out of stack or time."""
    return zlib.compress(b"[" * depth + b"]" * depth + b" TJ")


def hostile_folder(root: Path, shared: Path) -> dict[str, str | None]:
    """Write the hostile folder; returns file name -> expected error code (None: read fine)."""
    expected: dict[str, str | None] = {}
    edge = {"edge_pdfplumber_empty_zero-bytes.pdf": "E101",
            "edge_pdfminer_aes-256_user-password.pdf": "E102",
            "edge_pdfplumber_password-example_user-password-test.pdf": "E102",
            "edge_pdfplumber_owner-password-rc4_copy-restricted.pdf": None,
            "edge_us_fbi_nics-background-checks_2015-11_rotated.pdf": None,
            "edge_pdfminer_zen-of-python_corrupted.pdf": None,
            "edge_pdfplumber_malformed-issue-932.pdf": None}
    (root / "edge cases").mkdir(parents=True)
    for name, code in edge.items():
        shutil.copy2(SHARED_PDFS / name, root / "edge cases" / name)
        expected[name] = code
    speech = (CORPUS / "ungdc" / "KAZ_79_2024.txt").read_text(encoding="utf-8")
    (root / "download-failed.pdf").write_text(
        "<!DOCTYPE html>\n<html><head><title>Statement</title></head><body><p>"
        + speech.replace("\n", "<br>") + "</p></body></html>\n", encoding="utf-8")
    expected["download-failed.pdf"] = "E105"
    base = (SHARED_PDFS / BASE_PDF).read_bytes()
    (root / "bomb_inflates_to_2GB.pdf").write_bytes(
        replace_content_stream(base, inflating_bomb(2)))
    expected["bomb_inflates_to_2GB.pdf"] = "E110"
    (root / "bomb_nested_arrays.pdf").write_bytes(
        replace_content_stream(base, nesting_bomb(100_000)))
    expected["bomb_nested_arrays.pdf"] = "E104"
    (root / "garbage.txt").write_bytes((SHARED_PDFS / "ko_literary-text-line_fragment.pdf")
                                       .read_bytes()[2000:40000])
    expected["garbage.txt"] = "E105"
    russian = (shared / "corpus" / "ru_kk" / "udhr_rus.xml").read_text(encoding="utf-8")
    (root / "udhr_rus_cp1251.txt").write_bytes(russian.encode("cp1251", errors="ignore"))
    expected["udhr_rus_cp1251.txt"] = None
    spaced = root / "folder with spaces" / "Қазақстан доклад 2024.txt"
    spaced.parent.mkdir()
    shutil.copy2(CORPUS / "ungdc" / "KAZ_78_2023.txt", spaced)
    expected[spaced.name] = None
    loops = root / "loops"
    loops.mkdir()
    shutil.copy2(CORPUS / "ungdc" / "JPN_79_2024.txt", loops / "JPN_79_2024.txt")
    os.symlink("..", loops / "up")              # a directory link back up: a loop
    os.symlink("self.txt", loops / "self.txt")  # a file link to itself
    os.symlink("a.txt", loops / "b.txt")
    os.symlink("b.txt", loops / "a.txt")        # two links pointing at each other
    expected["JPN_79_2024.txt"] = None
    return expected


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> tuple[dict, dict, Path]:
    root = tmp_path_factory.mktemp("hostile") / "corpus ünïcode"
    expected = hostile_folder(root, shared)
    project = root.parent / "project"
    result = run_cli("run", str(root), "--project", str(project), "--json", "--no-progress",
                     "--jobs", "2", "--time-limit", "60", "--memory-limit", "512", timeout=300)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    return expected, summary, project


def test_each_hostile_file_gets_its_own_code_and_the_batch_goes_on(hostile_run) -> None:
    expected, summary, project = hostile_run
    codes = {Path(e["path"]).name: e["code"] for e in summary["errors"]}
    wanted = {name: code for name, code in expected.items() if code}
    assert codes == wanted
    for error in summary["errors"]:
        assert error["message"].startswith(error["code"]) and error["path"] in error["message"]
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        ok = {Path(p).name for (p,) in db.execute(
            "SELECT path FROM documents WHERE status = 'ok'")}
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert ok == {name for name, code in expected.items() if code is None}


def test_bombs_are_bounded_by_the_limits(hostile_run) -> None:
    _, summary, _ = hostile_run
    messages = {Path(e["path"]).name: e["message"] for e in summary["errors"]}
    assert "512 MB" in messages["bomb_inflates_to_2GB.pdf"]
    assert summary["seconds"] < 120  # neither bomb held the batch anywhere near its time limit


def test_legacy_encoding_and_unicode_paths_are_read(hostile_run) -> None:
    _, _, project = hostile_run
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        rows = dict(db.execute(
            "SELECT d.path, t.text FROM documents d JOIN texts t ON t.document_id = d.id"))
    russian = next(text for path, text in rows.items() if path.endswith("cp1251.txt"))
    assert "Всеобщая декларация прав человека" in russian
    spaced = next(path for path in rows if path.endswith("доклад 2024.txt"))
    assert "folder with spaces" in spaced and Path(spaced).exists()


def test_symbolic_link_loops_are_reported_not_followed(hostile_run) -> None:
    _, summary, _ = hostile_run
    looping = [p for p in summary["problems"] if "symbolic link" in p]
    assert {Path(p.split(":")[0]).name for p in looping} == {"self.txt", "a.txt", "b.txt"}


def test_time_limit_stops_a_slow_document_with_its_own_code(tmp_path: Path) -> None:
    """The 400-page real manual with a 1-second limit: stopped, reported E109, others read."""
    folder = tmp_path / "slow"
    folder.mkdir()
    shutil.copy2(SHARED_PDFS / "us_irs_internal-revenue-manual_400p.pdf", folder)
    shutil.copy2(CORPUS / "ungdc" / "GBR_79_2024.txt", folder)
    result = run_cli("ingest", str(folder), "--project", str(tmp_path / "p"), "--json",
                     "--no-progress", "--jobs", "1", "--time-limit", "1", timeout=120)
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert summary["processed"] == 1
    [error] = summary["errors"]
    assert error["code"] == "E109" and "us_irs_internal-revenue-manual_400p.pdf" in error["message"]


def test_retagging_runs_under_the_same_per_document_limits(review_project: Path) -> None:
    """`cultdip tag` re-analyses each stored document in the bounded child, as `run` reads it:
    over the time limit a document is reported (E109, exit 1) and keeps its
    tags; within the limits the same codebook finds the same tags again."""
    def tags() -> tuple[set[str], set[str | None]]:
        with sqlite3.connect(review_project / "cultdip.sqlite") as db:
            return ({r[0] for r in db.execute("SELECT id FROM tags")},
                    {r[0] for r in db.execute("SELECT tagged_codebook_hash FROM documents")})

    before = tags()
    assert before[0] and len(before[1]) == 1
    # (The memory limit on re-tagging: tests/test_large_text.py, `tag --memory-limit 80`.)
    result = run_cli("tag", "--project", str(review_project), "--force", "--no-progress",
                     "--json", "--time-limit", "0.01")
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert result.returncode == 1, result.stderr[-2000:]
    assert summary["processed"] == 0
    assert [e["code"] for e in summary["errors"]] == ["E109", "E109"]
    assert all(e["message"].startswith("E109 TIME_LIMIT: ") for e in summary["errors"])
    assert tags() == before  # nothing removed, nothing half-replaced
    result = run_cli("tag", "--project", str(review_project), "--force", "--no-progress",
                     "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout[result.stdout.index("{"):])["processed"] == 2
    assert tags() == before
