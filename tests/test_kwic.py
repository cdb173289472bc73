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


def test_explain_shows_the_tag_in_its_context(seed_project: Path) -> None:
    """`cultdip explain --window N`: the tag's sentence with N neighbours either side as stored,
    the match marked in place, the rule, and the countries the sentence is about (a tag under
    the paper's Japan heading is about JPN even where the sentence does not name Japan)."""
    db = sqlite3.connect(store_path(seed_project))
    tag_id, start, end, document_id, index = db.execute(
        "SELECT id, start, end, document_id, sentence_idx FROM tags "
        "WHERE text = 'British Council' ORDER BY start LIMIT 1 OFFSET 2").fetchone()
    sentences = dict(db.execute("SELECT idx, text FROM sentences WHERE document_id = ?",
                                (document_id,)).fetchall())
    result = run_cli("explain", "--project", str(seed_project), "--tag", tag_id, "--window", "2",
                     "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["rule"].startswith("instrument.cultural_institute") and info["pattern"]
    context = info["context"]
    assert context["before"] == [sentences[index - 2], sentences[index - 1]]
    assert context["after"] == [sentences[index + 1], sentences[index + 2]]
    assert context["sentence"].replace("[[", "").replace("]]", "") == sentences[index]
    assert "[[British Council]]" in context["sentence"]
    assert "GBR" in info["about"]
    narrow = json.loads(run_cli("explain", "--project", str(seed_project), "--tag", tag_id,
                                "--window", "0", "--json", check=True).stdout)
    assert narrow["context"]["before"] == [] and narrow["context"]["after"] == []
    plain = run_cli("explain", "--project", str(seed_project), "--tag", tag_id, check=True).stdout
    assert any(line.strip().startswith("> ") and "[[British Council]]" in line
               for line in plain.splitlines())
    # a tag whose sentence does not name Japan, under the "Japan: ..." heading
    text = db.execute("SELECT text FROM texts WHERE document_id = ?", (document_id,)).fetchone()[0]
    low, high = text.index("Japan: Nation Branding"), text.index("United Kingdom: institutional")
    carried = db.execute(
        "SELECT t.id FROM tags t JOIN mentions m ON m.document_id = t.document_id "
        "AND m.sentence_idx = t.sentence_idx WHERE t.start BETWEEN ? AND ? AND m.iso3 = 'JPN' "
        "AND m.start = m.end LIMIT 1", (low, high)).fetchone()
    assert carried is not None
    info = json.loads(run_cli("explain", "--project", str(seed_project), "--tag", carried[0],
                              "--json", check=True).stdout)
    assert "JPN" in info["about"] and "JPN: (the section heading)" in info["about_from"]
    missing = run_cli("explain", "--project", str(seed_project), "--tag", "nope")
    assert missing.returncode != 0 and "no tag 'nope'" in missing.stderr
