"""Shared fixtures: real documents from corpus/ and ../shared/, and a real project store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = Path(os.environ.get("CULTDIP_SHARED", ROOT.parent / "shared"))
SHARED_PDFS = SHARED / "corpus" / "pdfs"
SEED_PAPER = SHARED / "seed-paper-cultural-diplomacy-kazakhstan.txt"


def cultdip_command() -> list[str]:
    """The installed console script, run for real as a user would."""
    script = Path(sys.executable).with_name("cultdip")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cultdip_nlp.cli"]


def run_cli(*args: str, check: bool = False, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*cultdip_command(), *args], capture_output=True, text=True,
                            timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"cultdip {' '.join(args)} exited {result.returncode}:\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED_PDFS.is_dir():
        pytest.fail(f"the shared corpus is missing at {SHARED}: tests need the real PDFs "
                    "(set CULTDIP_SHARED to its folder)")
    return SHARED


@pytest.fixture(scope="session")
def seed_paper(shared: Path) -> str:
    return SEED_PAPER.read_text(encoding="utf-8")


MIXED_BATCH = {
    "ungdc/KAZ_79_2024.txt": CORPUS / "ungdc" / "KAZ_79_2024.txt",
    "ungdc/GBR_70_2015.txt": CORPUS / "ungdc" / "GBR_70_2015.txt",
    "ungdc/JPN_75_2020.txt": CORPUS / "ungdc" / "JPN_75_2020.txt",
    "ungdc/KOR_76_2021.txt": CORPUS / "ungdc" / "KOR_76_2021.txt",
    "kz_en/kz_tokayev_state-of-the-nation-address_2019-09-02.md":
        CORPUS / "kz_en" / "kz_tokayev_state-of-the-nation-address_2019-09-02.md",
    "pdfs/us_scotus_oral-argument-transcript_p1.pdf":
        CORPUS / "pdfs" / "us_scotus_oral-argument-transcript_p1.pdf",
    "unlisted/kz_tokayev_address-to-the-nation_2019-04-09.md":  # no manifest row
        CORPUS / "kz_en" / "kz_tokayev_address-to-the-nation_2019-04-09.md",
}
BAD_PDFS = {
    "edge_pdfplumber_empty_zero-bytes.pdf": "E101",
    "edge_pdfminer_aes-256_user-password.pdf": "E102",
    "edge_pdfplumber_password-example_user-password-test.pdf": "E102",
}


@pytest.fixture(scope="session")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """A folder like a researcher's: real texts, a real PDF, broken PDFs, and a manifest."""
    folder = tmp_path_factory.mktemp("batch")
    for relative, source in MIXED_BATCH.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    (folder / "bad").mkdir()
    for name in BAD_PDFS:
        shutil.copy2(shared / "corpus" / "pdfs" / name, folder / "bad" / name)
    rows = ["file,country,year,doc_type,language",
            "kz_en/kz_tokayev_state-of-the-nation-address_2019-09-02.md,KAZ,2019,speech,en",
            "pdfs/us_scotus_oral-argument-transcript_p1.pdf,USA,2009,transcript,en"]
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def mixed_project(tmp_path_factory: pytest.TempPathFactory, mixed_folder: Path) -> tuple[Path, dict]:
    """The mixed folder run once through the real `cultdip run` entry point."""
    project = tmp_path_factory.mktemp("project")
    result = run_cli("run", str(mixed_folder), "--project", str(project), "--json",
                     "--no-progress", "--jobs", "2")
    assert result.returncode == 1, result.stderr  # the batch had file errors: exit 1
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    return project, summary


# Review (issue 7): a real project whose one document carries a script injected into its text.
XSS_PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
REVIEW_DOCUMENTS = {
    "kz_tokayev_state-of-the-nation-address_2019-09-02.md":
        CORPUS / "kz_en" / "kz_tokayev_state-of-the-nation-address_2019-09-02.md",
    "KOR_78_2023.txt": CORPUS / "ungdc" / "KOR_78_2023.txt",
}


def _after_first_rule_tag(text: str) -> int:
    """Where the UN address's first rule tag ends: the payload goes into a tagged sentence."""
    import json
    import subprocess

    line = json.dumps({"id": "x", "text": text, "lang": "en"})
    result = subprocess.run([*cultdip_command(), "annotate", "-"], input=line + "\n",
                            capture_output=True, text=True, check=True)
    tags = json.loads(result.stdout)["tags"]
    assert tags, "the real UN address carries rule tags"
    return min(tags, key=lambda t: t["start"])["end"]


@pytest.fixture(scope="session")
def review_project_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made by `cultdip run` from a real speech and a real UN address whose text was
    tampered with (a <script> right after its first rule tag, inside the tagged sentence)."""
    folder = tmp_path_factory.mktemp("review_in")
    for name, source in REVIEW_DOCUMENTS.items():
        text = source.read_text(encoding="utf-8-sig")
        if name.startswith("KOR"):
            end = _after_first_rule_tag(text)
            text = text[:end] + " " + XSS_PAYLOAD + text[end:]
        (folder / name).write_text(text, encoding="utf-8")
    project = tmp_path_factory.mktemp("review_project")
    run_cli("run", str(folder), "--project", str(project), "--no-progress", "--jobs", "1",
            check=True)
    return project


@pytest.fixture()
def review_project(tmp_path: Path, review_project_template: Path) -> Path:
    """A private copy of the review project (SQLite backup API: consistent even under WAL)."""
    import sqlite3

    project = tmp_path / "project"
    project.mkdir()
    source = sqlite3.connect(review_project_template / "cultdip.sqlite")
    target = sqlite3.connect(project / "cultdip.sqlite")
    source.backup(target)
    source.close()
    target.close()
    return project


@pytest.fixture(scope="session")
def seed_project(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """The seed paper (one text about four countries) run once through `cultdip run`."""
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy2(SEED_PAPER, folder / SEED_PAPER.name)
    project = tmp_path_factory.mktemp("seed_project")
    run_cli("run", str(folder), "--project", str(project), "--no-progress", "--jobs", "1",
            check=True)
    return project


def check_threshold_sweep(report: dict) -> None:
    """eval_classifier's sweep of one threshold for every code, checked against its rules
    row: a lower threshold passes every suggestion a higher one passes, and a suggestion is a
    new tag, right or wrong, never a lost rule tag."""
    rules = report["groups"]["micro"]["rules"]
    sweep = report["threshold_sweep"]
    assert [row["threshold"] for row in sweep] == sorted(
        (row["threshold"] for row in sweep), reverse=True)
    for higher, lower in zip(sweep, sweep[1:]):
        assert lower["suggestions"] >= higher["suggestions"]
        assert lower["right"] >= higher["right"]
    total = rules["tp"] + rules["fn"]
    for row in sweep:
        assert row["right"] <= min(row["suggestions"], rules["fn"])
        tp = rules["tp"] + row["right"]
        assert row["recall"] == round(tp / total, 3)
        assert row["precision"] == round(tp / (rules["tp"] + rules["fp"] + row["suggestions"]), 3)
        # more recall means one right suggestion or more
        assert row["goal_met"] == (row["right"] > 0 and
                                   row["precision"] >= min(rules["precision"], 0.9))
