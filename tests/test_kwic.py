"""`cultdip kwic`: a concordance whose keywords are the stored tags, in their real context."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import run_cli

from cultdip_nlp.pipeline import store_path


def test_kwic_lines_are_the_tags_in_their_context(mixed_project: tuple[Path, dict]) -> None:
    project, _ = mixed_project
    db = sqlite3.connect(store_path(project))
    code, count = db.execute("SELECT code, COUNT(*) FROM tags GROUP BY code "
                             "ORDER BY COUNT(*) DESC, code LIMIT 1").fetchone()
    result = run_cli("kwic", "--project", str(project), "--code", code, "--json", "--window", "3")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == count
    for row in rows:
        text = db.execute("SELECT x.text FROM texts x JOIN documents d ON d.id = x.document_id "
                          "WHERE d.path = ?", (row["document"],)).fetchone()[0]
        assert text[row["start"]:row["end"]] == row["keyword"]
        assert len(row["pre"].split()) <= 3 and len(row["post"].split()) <= 3
        if row["pre"]:
            assert text[:row["start"]].split()[-len(row["pre"].split()):] == row["pre"].split()
    plain = run_cli("kwic", "--project", str(project), "--code", code)
    assert plain.returncode == 0 and len(plain.stdout.splitlines()) == count
    assert all(" | " in line for line in plain.stdout.splitlines())
