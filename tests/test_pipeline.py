"""The whole pipeline on real documents, run through the installed `cultdip` command."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import BAD_PDFS, MIXED_BATCH, run_cli


def test_batch_completes_and_names_each_bad_file(mixed_project: tuple[Path, dict]) -> None:
    project, summary = mixed_project
    assert summary["processed"] == len(MIXED_BATCH)
    codes = {Path(e["path"]).name: e["code"] for e in summary["errors"]}
    assert codes == BAD_PDFS
    for error in summary["errors"]:
        assert Path(error["path"]).name in error["message"]
        assert error["message"].startswith(error["code"])
    missing = " ".join(p for p in summary["problems"] if p.startswith("E302"))
    assert "kz_tokayev_address-to-the-nation" in missing  # no manifest row, no known name
    assert "KAZ_79_2024" not in missing and "state-of-the-nation" not in missing


def test_status_lists_every_document_with_its_state(mixed_project: tuple[Path, dict]) -> None:
    project, _ = mixed_project
    result = run_cli("status", "--project", str(project), "--json", check=True)
    entries = json.loads(result.stdout)
    assert len(entries) == len(MIXED_BATCH) + len(BAD_PDFS)
    by_name = {Path(e["path"]).name: e for e in entries}
    pdf = by_name["us_scotus_oral-argument-transcript_p1.pdf"]
    assert pdf["status"] == "ok" and pdf["pages"] == 1 and pdf["sentences"] > 5
    assert pdf["country"] == "USA" and pdf["year"] == 2009  # from the manifest
    kaz = by_name["KAZ_79_2024.txt"]
    assert (kaz["country"], kaz["year"], kaz["language"]) == ("KAZ", 2024, "en")  # file name
    encrypted = by_name["edge_pdfminer_aes-256_user-password.pdf"]
    assert encrypted["status"] == "error" and encrypted["error_code"] == "E102"
    assert "password" in encrypted["message"]


def test_rerun_does_no_work_and_says_so(mixed_folder: Path, mixed_project: tuple[Path, dict]) -> None:
    project, first = mixed_project
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        before = db.execute("SELECT COUNT(*), MAX(ingested_at) FROM documents").fetchone()
        tags_before = db.execute("SELECT COUNT(*) FROM tags").fetchone()[0]
    result = run_cli("run", str(mixed_folder), "--project", str(project), "--json",
                     "--no-progress")
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert summary["processed"] == 0
    assert summary["unchanged"] == len(MIXED_BATCH) + len(BAD_PDFS)
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        after = db.execute("SELECT COUNT(*), MAX(ingested_at) FROM documents").fetchone()
        assert db.execute("SELECT COUNT(*) FROM tags").fetchone()[0] == tags_before
    assert after == before  # nothing re-read, nothing rewritten
    text = run_cli("run", str(mixed_folder), "--project", str(project), "--no-progress")
    assert "0 processed" in text.stdout and "unchanged" in text.stdout


def test_markdown_front_matter_and_markup_are_stripped(mixed_project: tuple[Path, dict]) -> None:
    project, _ = mixed_project
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        text, title = db.execute(
            "SELECT t.text, d.title FROM texts t JOIN documents d ON d.id = t.document_id"
            " WHERE d.path LIKE '%state-of-the-nation%'").fetchone()
    assert not text.startswith("---") and "permalink" not in text and "__" not in text
    assert "<img" not in text and "##" not in text
    assert title and "Tokayev" in title
    assert "CONSTRUCTIVE PUBLIC DIALOGUE" in text.split("\n\n")[0]


def test_every_tag_slices_its_text_and_lies_in_its_sentence(
        mixed_project: tuple[Path, dict]) -> None:
    project, _ = mixed_project
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        rows = db.execute(
            "SELECT x.text, t.start, t.end, t.text, s.start, s.end, s.text FROM tags t"
            " JOIN texts x ON x.document_id = t.document_id"
            " JOIN sentences s ON s.document_id = t.document_id AND s.idx = t.sentence_idx"
        ).fetchall()
    assert len(rows) > 20
    for document_text, start, end, tag_text, s_start, s_end, sentence in rows:
        assert document_text[start:end] == tag_text
        assert s_start <= start < end <= s_end
        assert document_text[s_start:s_end] == sentence


def test_every_run_records_codebook_hash_and_versions(mixed_project: tuple[Path, dict]) -> None:
    project, _ = mixed_project
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        runs = db.execute("SELECT codebook_hash, versions, parameters FROM runs").fetchall()
        tag_hashes = {h for (h,) in db.execute("SELECT DISTINCT codebook_hash FROM tags")}
    assert runs and all(len(h) == 64 for h, _, _ in runs)
    assert tag_hashes == {runs[-1][0]}
    versions = json.loads(runs[0][1])
    assert {"cultdip", "spacy", "python"} <= versions.keys()


def test_password_added_to_manifest_reads_the_pdf_on_the_next_run(shared: Path,
                                                                    tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "locked"
    folder.mkdir()
    name = "edge_pdfplumber_password-example_user-password-test.pdf"
    shutil.copy2(shared / "corpus/pdfs" / name, folder / name)
    project = tmp_path / "project"
    first = run_cli("ingest", str(folder), "--project", str(project), "--json", "--no-progress")
    assert first.returncode == 1 and '"E102"' in first.stdout
    (folder / "manifest.csv").write_text(f"file,country,password\n{name},USA,test\n",
                                         encoding="utf-8")
    second = run_cli("ingest", str(folder), "--project", str(project), "--json",
                     "--no-progress")
    assert second.returncode == 0, second.stdout
    status = json.loads(run_cli("status", "--project", str(project), "--json").stdout)
    assert [(e["status"], e["country"]) for e in status] == [("ok", "USA")]
    assert status[0]["sentences"] > 10
