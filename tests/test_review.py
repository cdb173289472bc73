"""Review queue, judgements with history, orphans, the spreadsheet round trip, and the review
server's protections, on a real project made by `cultdip run`."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import cultdip_command
from cultdip_nlp.cli import main
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.review import judgements, queue
from cultdip_nlp.review.judgements import Judgement


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_cli(*args: str, check: bool = False) -> Result:
    """The CLI's real `main`, in this process: spaCy is imported once, not per call."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    if check and code != 0:
        raise AssertionError(f"cultdip {' '.join(args)} exited {code}:\n{out.getvalue()}\n"
                             f"{err.getvalue()}")
    return Result(code, out.getvalue(), err.getvalue())


def connect(project: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(project / "cultdip.sqlite", isolation_level=None)
    connection.row_factory = sqlite3.Row
    return connection


def test_stratified_sample_covers_every_code_and_overlap_goes_to_every_coder(
        review_project: Path) -> None:
    with connect(review_project) as db:
        codes = {r[0] for r in db.execute("SELECT DISTINCT code FROM tags")}
    result = run_cli("review", "sample", "--project", str(review_project), "--n", str(len(codes)),
                     "--strategy", "stratified", "--coders", "ann,ben", "--overlap", "0.5",
                     "--json", check=True)
    summary = json.loads(result.stdout)
    assert set(summary["per_code"]) == codes  # one of each code, rare ones included
    with connect(review_project) as db:
        ann = {r[0] for r in db.execute("SELECT tag_id FROM review_items WHERE coder='ann'")}
        ben = {r[0] for r in db.execute("SELECT tag_id FROM review_items WHERE coder='ben'")}
        shared = {r[0] for r in db.execute("SELECT tag_id FROM review_items WHERE overlap=1")}
    assert shared and shared == ann & ben
    assert len(shared) == round(0.5 * len(codes))
    assert ann | ben == {t for t in ann | ben}
    assert len(ann | ben) == len(codes)
    # A second batch samples only tags not yet in a batch.
    again = json.loads(run_cli("review", "sample", "--project", str(review_project), "--n", "5",
                               "--coders", "ann", "--json", check=True).stdout)
    with connect(review_project) as db:
        new = {r[0] for r in db.execute("SELECT tag_id FROM review_items WHERE batch_id=?",
                                        (again["id"],))}
    assert not new & (ann | ben)


def test_uncertain_strategy_takes_lowest_scores_first(review_project: Path) -> None:
    with connect(review_project) as db:
        candidates = list(queue._candidates(db, None))
    import random

    chosen = queue.choose(candidates, 3, "uncertain", random.Random(0))
    lowest = sorted(c[2] for c in candidates)[:3]
    scores = {c[0]: c[2] for c in candidates}
    assert sorted(scores[t] for t in chosen) == lowest
    assert min(scores.values()) < 1.0  # the real corpus has a lower-score rule (tourism, 0.8)


def test_changed_mind_and_undo_keep_history(review_project: Path) -> None:
    codebook = load_codebook(None)
    known = set(codebook.code_ids)
    with connect(review_project) as db:
        queue.sample(db, 3, "random", coders=["ann"], seed=3)
        item = db.execute("SELECT * FROM review_items LIMIT 1").fetchone()
        base = dict(tag_id=item["tag_id"], document_id=item["document_id"],
                    sentence_idx=item["sentence_idx"], code=item["code"], coder="ann")
        judgements.record(db, Judgement(decision="accept", **base), known)
        judgements.record(db, Judgement(decision="reject", note="not cultural", **base), known)
        [now] = judgements.current(db, "ann")
        assert now["decision"] == "reject"
        judgements.undo(db, "ann")
        [now] = judgements.current(db, "ann")
        assert now["decision"] == "accept"  # undo brings back the earlier decision
        history = judgements.history(db, item["tag_id"])
        assert [h["decision"] for h in history] == ["accept", "reject"]
        assert history[1]["retracted_at"] is not None and history[0]["retracted_at"] is None
        with pytest.raises(Exception, match="E501.*not in the codebook"):
            judgements.record(db, Judgement(decision="relabel", new_code="identity.nope",
                                            **base), known)


def test_judgements_survive_retagging_and_orphans_are_reported(review_project: Path,
                                                               tmp_path: Path) -> None:
    known = set(load_codebook(None).code_ids)
    with connect(review_project) as db:
        tourism = db.execute("SELECT * FROM tags WHERE code='instrument.tourism' LIMIT 1").fetchone()
        other = db.execute("SELECT * FROM tags WHERE code='identity.literature' LIMIT 1").fetchone()
        for tag in (tourism, other):
            judgements.record(db, Judgement(tag["id"], tag["document_id"], tag["sentence_idx"],
                                            tag["code"], "accept", "ann"), known)
    small = tmp_path / "small.yaml"
    small.write_text(
        "name: tourism-only\nversion: '0.1'\ngroups:\n  instrument: {label: Instruments}\n"
        "codes:\n  - id: instrument.tourism\n    group: instrument\n    label: Tourism\n"
        "    patterns:\n      - {lemma: tourism, score: 0.8}\n      - {lemma: tourist}\n"
        "      - {lemma: ethno-tourism}\n", encoding="utf-8")
    run_cli("tag", "--project", str(review_project), "--codebook", str(small), "--no-progress",
            check=True)
    with connect(review_project) as db:
        assert db.execute("SELECT COUNT(*) FROM judgements").fetchone()[0] == 2
        orphans = judgements.orphaned(db)
    assert [o["tag_id"] for o in orphans] == [other["id"]]  # tourism's tag was found again
    listed = json.loads(run_cli("review", "orphans", "--project", str(review_project), "--json",
                                check=True).stdout)
    assert [o["tag_id"] for o in listed] == [other["id"]]


def test_spreadsheet_round_trip_rejects_bad_rows_by_number(review_project: Path,
                                                           tmp_path: Path) -> None:
    run_cli("review", "sample", "--project", str(review_project), "--n", "6", "--coders", "ann",
            check=True)
    sheet_path = tmp_path / "ann.xlsx"
    run_cli("review", "export", "--project", str(review_project), "--format", "xlsx",
            "--coder", "ann", "-o", str(sheet_path), check=True)
    book = load_workbook(sheet_path)
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    assert sheet.max_row == 7
    decision_col = header.index("decision") + 1
    validations = sheet.data_validations.dataValidation
    assert any(v.formula1 == '"accept,reject,relabel"' for v in validations)
    col = {name: header.index(name) + 1 for name in header}
    sheet.cell(2, col["decision"], "accept")
    sheet.cell(3, col["decision"], "reject")
    sheet.cell(3, col["note"], "ceremonial only")
    sheet.cell(4, col["decision"], "relabel")
    sheet.cell(4, col["new_code"], "outcome.soft_power_nope")  # not in the codebook
    sheet.cell(5, col["decision"], "maybe")
    sheet.cell(6, col["decision"], '=IF(1,"accept","reject")')  # a formula is not a decision
    sheet.cell(7, col["item"], "0000000000notanitem")
    sheet.cell(7, col["decision"], "accept")
    assert decision_col
    book.save(sheet_path)
    result = run_cli("review", "import", str(sheet_path), "--coder", "ann", "--project",
                     str(review_project))
    assert result.returncode == 1
    rejected = [line for line in result.stderr.splitlines() if "E502" in line]
    assert [line.split("row ")[1].split(":")[0] for line in rejected] == ["4", "5", "6", "7"]
    assert "formula" in rejected[2]
    with connect(review_project) as db:
        rows = judgements.current(db, "ann")
    assert sorted(r["decision"] for r in rows) == ["accept", "reject"]
    assert any(r["note"] == "ceremonial only" for r in rows)
    # Importing the same sheet again records nothing new.
    again = run_cli("review", "import", str(sheet_path), "--coder", "ann", "--project",
                    str(review_project), "--json")
    assert json.loads(again.stdout)["imported"] == 0


def test_export_keeps_document_text_starting_with_equals_as_text(review_project: Path,
                                                                 tmp_path: Path) -> None:
    with connect(review_project) as db:
        queue.sample(db, 1, "random", coders=["ann"])
        tag = db.execute("SELECT * FROM review_items").fetchone()
        db.execute("UPDATE sentences SET text = '=HYPERLINK(\"http://x\")' || text"
                   " WHERE document_id = ? AND idx = ?", (tag["document_id"], tag["sentence_idx"]))
    path = tmp_path / "x.xlsx"
    run_cli("review", "export", "--project", str(review_project), "-o", str(path), check=True)
    sheet = load_workbook(path)["review"]
    cell = sheet.cell(2, 8)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


# the server's protections (the browser tests cover the page itself) -----------------------

@pytest.fixture()
def server(review_project: Path):
    run_cli("review", "sample", "--project", str(review_project), "--n", "6",
            "--coders", "ann,ben", "--overlap", "0.5", check=True)
    tokens = {c: json.loads(run_cli("review", "coder", "add", c, "--project",
                                    str(review_project), "--json", check=True).stdout)["token"]
              for c in ("ann", "ben")}
    process = subprocess.Popen([*cultdip_command(), "review", "serve", "--project",
                                str(review_project), "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    url = line.split("review page: ", 1)[1].strip()
    yield url, tokens, review_project
    process.terminate()
    process.wait(timeout=10)


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
            method: str | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def csrf_for(url: str, token: str) -> str:
    status, page = request(url, headers={"Cookie": f"cultdip_token={token}"})
    assert status == 200
    text = page.decode()
    return text.split('name="csrf-token" content="')[1].split('"')[0]


def test_server_refuses_writes_without_csrf_foreign_items_big_bodies_and_bad_hosts(server) -> None:
    url, tokens, project = server
    with connect(project) as db:
        ben_only = db.execute("SELECT tag_id FROM review_items WHERE coder='ben' AND overlap=0"
                              " LIMIT 1").fetchone()[0]
        ann_item = db.execute("SELECT tag_id FROM review_items WHERE coder='ann' LIMIT 1"
                              ).fetchone()[0]
    cookie = {"Cookie": f"cultdip_token={tokens['ann']}", "Content-Type": "application/json"}
    body = json.dumps({"tag_id": ann_item, "decision": "accept"}).encode()
    assert request(url + "api/judgements", body, cookie)[0] == 403  # no CSRF header
    csrf = csrf_for(url, tokens["ann"])
    with_csrf = {**cookie, "X-CSRF-Token": csrf}
    assert request(url + "api/judgements", body, {**cookie, "X-CSRF-Token": "0" * 64})[0] == 403
    assert request(url + "api/judgements", body, with_csrf)[0] == 200
    foreign = json.dumps({"tag_id": ben_only, "decision": "reject"}).encode()
    assert request(url + "api/judgements", foreign, with_csrf)[0] == 403
    assert request(url + "api/judgements", b"x" * 70_000, with_csrf)[0] == 413
    assert request(url + "api/judgements", body, {**with_csrf, "Origin": "http://evil.example"}
                   )[0] == 403
    assert request(url, headers={"Host": "evil.example"})[0] == 421  # DNS rebinding
    assert request(url + "api/items")[0] == 401  # no token, no items
    assert request(url + "static/../../cultdip.sqlite")[0] == 404
    assert request(url + "static/%2e%2e/review.py")[0] == 404
    with connect(project) as db:
        rows = db.execute("SELECT coder, tag_id, decision FROM judgements").fetchall()
    assert [tuple(r) for r in rows] == [("ann", ann_item, "accept")]
    time.sleep(0)
