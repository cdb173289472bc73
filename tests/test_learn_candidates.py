"""Review candidates: the sentences the classifier's code-group models rank highest among
those the rules left without a code of the group, queued best first for coders, through the
real store, the real `cultdip` commands and real UN speeches.

The judgements that train the models are the development gold set's hand-coding (real
sentences, recorded as a coder's review would record it); the candidates come from real UN
General Debate speeches that are not in the gold set.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import CORPUS, ROOT, run_cli
from test_learn import record_gold_review
from test_review_browser import Running, browser, current_tag, decisions, login, press  # noqa: F401 - browser is a fixture

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.learn.candidates import CodeGuesser
from cultdip_nlp.learn.classifier import GROUPS, group_of, load, load_groups, probabilities
from cultdip_nlp.learn.examples import labelled_sentences
from cultdip_nlp.review import coders
from cultdip_nlp.review.judgements import Judgement, record

GOLD_FILES = [ROOT / "docs" / "gold" / "gold.jsonl",
              ROOT / "docs" / "gold" / "purposive" / "purposive.jsonl"]
SPEECHES = ("KAZ_77_2022.txt", "KOR_77_2022.txt", "GBR_77_2022.txt")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> dict:
    gold = [json.loads(line) for path in GOLD_FILES
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert not {f"ungdc/{name}" for name in SPEECHES} & {item["source"] for item in gold}
    folder = tmp_path_factory.mktemp("texts")
    (folder / "gold_sentences.txt").write_text(
        "\n\n".join(item["text"] for item in gold) + "\n", encoding="utf-8")
    for name in SPEECHES:
        shutil.copy2(CORPUS / "ungdc" / name, folder / name)
    root = tmp_path_factory.mktemp("candidates-project")
    run_cli("run", str(folder), "--project", str(root), "--no-progress", check=False)
    record_gold_review(root / "cultdip.sqlite", gold)
    models = tmp_path_factory.mktemp("models")
    card = json.loads(run_cli("learn", "train", "--project", str(root), "--models", str(models),
                              "--weak-negatives", "0.5", "--json", check=True).stdout)
    return {"root": root, "model": Path(card["model"]), "card": card}


def _eligible_scores(database: Path, model: Path) -> dict[tuple[str, int, str], float]:
    """Every (document, sentence, group) the candidates strategy may propose, with the group
    model's probability: no tag of the group (any source) and no judgement on the sentence."""
    group_models = load_groups(model)
    result = {}
    with sqlite3.connect(database) as db:
        for (document_id,) in db.execute("SELECT id FROM documents WHERE status = 'ok'"
                                         ).fetchall():
            rows = db.execute("SELECT idx, text FROM sentences WHERE document_id = ?"
                              " ORDER BY idx", (document_id,)).fetchall()
            covered = {(i, group_of(c)) for i, c in db.execute(
                "SELECT sentence_idx, code FROM tags WHERE document_id = ?", (document_id,))}
            judged = {i for (i,) in db.execute(
                "SELECT sentence_idx FROM judgements WHERE document_id = ?", (document_id,))}
            scores = probabilities(group_models, [text for _, text in rows])
            for group, values in scores.items():
                for (idx, _), p in zip(rows, values):
                    if (idx, group) not in covered and idx not in judged:
                        result[(document_id, idx, group)] = float(p)
    return result


def _matrix(root: Path, name: str, *flags: str) -> pd.DataFrame:
    target = root / f"{name}.csv"
    run_cli("matrix", "--project", str(root), "--value", "count", "-o", str(target), *flags,
            check=True)
    return pd.read_csv(target, index_col=0)


def test_candidates_are_the_best_ranked_rule_missed_sentences_best_first(project: dict) -> None:
    root, model = project["root"], project["model"]
    database = root / "cultdip.sqlite"
    assert set(project["card"]["group_models"]) == set(GROUPS)
    assert set(load_groups(model)) == set(GROUPS)  # enough judged sentences for every group
    eligible = _eligible_scores(database, model)
    before = _matrix(root, "before")
    result = run_cli("review", "sample", "--project", str(root), "--n", "12", "--strategy",
                     "candidates", "--model", str(model), "--coders", "ann", "--json",
                     check=True)
    batch = json.loads(result.stdout)
    assert batch["items"] == 12 and batch["strategy"] == "candidates"
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT r.position, t.document_id, t.sentence_idx, t.code, t.source, t.rule,"
            " t.score, s.text, t.start = s.start AND t.end = s.end FROM review_items r"
            " JOIN tags t ON t.id = r.tag_id JOIN sentences s ON s.document_id = t.document_id"
            " AND s.idx = t.sentence_idx WHERE r.batch_id = ? ORDER BY r.position",
            (batch["id"],)).fetchall()
    assert len(rows) == 12
    models, card = load(model)
    guesser = CodeGuesser(load_codebook(), models)
    for _, document_id, idx, code, source, rule, score, text, whole in rows:
        assert source == "candidate" and rule == f"candidate:{card['id']}" and whole
        key = (document_id, idx, group_of(code))
        assert key in eligible  # the rules had no code of the group there; nobody judged it
        assert score == pytest.approx(eligible[key], abs=1e-5)
        assert guesser.guess(group_of(code), [text]) == [code]
    scores = [row[6] for row in rows]
    assert scores == sorted(scores, reverse=True)  # the coder sees the best first
    ranked = sorted(eligible.values(), reverse=True)
    assert min(scores) >= ranked[11] - 1e-5  # and they are the 12 best of all eligible pairs
    assert np.mean(scores) > np.mean(ranked)
    # candidates are not counted in matrices unless selected
    assert _matrix(root, "after").equals(before)
    # a second batch proposes other sentences
    again = json.loads(run_cli("review", "sample", "--project", str(root), "--n", "5",
                               "--strategy", "candidates", "--model", str(model),
                               "--coders", "ann", "--json", check=True).stdout)
    with sqlite3.connect(database) as db:
        first = {(d, i) for _, d, i, *_ in rows}
        second = {(d, i) for d, i in db.execute(
            "SELECT document_id, sentence_idx FROM review_items WHERE batch_id = ?",
            (again["id"],))}
    assert len(second) == 5 and not first & second


def test_a_coders_decision_on_a_candidate_teaches_the_classifier(project: dict) -> None:
    root = project["root"]
    database = root / "cultdip.sqlite"
    codebook = load_codebook()
    known = set(codebook.code_ids)
    batch = json.loads(run_cli("review", "sample", "--project", str(root), "--n", "2",
                               "--strategy", "candidates", "--model", str(project["model"]),
                               "--coders", "ben", "--json", check=True).stdout)
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        items = db.execute("SELECT * FROM review_items WHERE batch_id = ? ORDER BY position",
                           (batch["id"],)).fetchall()
        relabelled, rejected = items[0], items[1]
        new_code = next(c.id for c in codebook.codes if c.group == group_of(relabelled["code"])
                        and c.id != relabelled["code"])
        for item, decision in ((relabelled, "relabel"), (rejected, "reject")):
            record(db, Judgement(item["tag_id"], item["document_id"], item["sentence_idx"],
                                 item["code"], decision, "ben",
                                 new_code=new_code if decision == "relabel" else None,
                                 start=item["start"], end=item["end"]), known)
        db.commit()
        labelled = {(s.document_id, s.sentence_idx): s for s in labelled_sentences(db)}
    first = labelled[(relabelled["document_id"], relabelled["sentence_idx"])]
    assert first.positives == {new_code} and relabelled["code"] in first.negatives
    second = labelled[(rejected["document_id"], rejected["sentence_idx"])]
    assert not second.positives and rejected["code"] in second.negatives
    validated = _matrix(root, "candidates", "--source", "candidate", "--validated-only")
    counted = validated.sum()
    assert counted[counted != 0].to_dict() == {new_code: 1}


def test_candidates_need_a_model_with_group_models(project: dict, tmp_path: Path) -> None:
    root = project["root"]
    missing = run_cli("review", "sample", "--project", str(root), "--n", "3", "--strategy",
                      "candidates")
    assert missing.returncode != 0 and "E501" in missing.stderr and "--model" in missing.stderr
    old = tmp_path / "old-model"
    shutil.copytree(project["model"], old)
    (old / "groups.joblib").unlink()  # a model folder trained before group models existed
    result = run_cli("review", "sample", "--project", str(root), "--n", "3", "--strategy",
                     "candidates", "--model", str(old))
    assert result.returncode != 0 and "no code-group models" in result.stderr


def test_a_coder_judges_candidates_in_the_browser(project: dict, browser: object) -> None:
    """The review page tells a coder what a candidate is (a group probability and a guessed
    code, not a rule match), highlights the whole sentence, offers the group's other codes, and
    saves accept, relabel and reject on candidates like on any tag."""
    root = project["root"]
    database = root / "cultdip.sqlite"
    batch = json.loads(run_cli("review", "sample", "--project", str(root), "--n", "3",
                               "--strategy", "candidates", "--model", str(project["model"]),
                               "--coders", "cat", "--json", check=True).stdout)
    with sqlite3.connect(database, isolation_level=None) as db:
        db.row_factory = sqlite3.Row
        token = coders.add_coder(db, "cat")
        items = db.execute(
            "SELECT r.tag_id, r.code, t.score, s.text FROM review_items r JOIN tags t"
            " ON t.id = r.tag_id JOIN sentences s ON s.document_id = r.document_id"
            " AND s.idx = r.sentence_idx WHERE r.batch_id = ? ORDER BY r.position",
            (batch["id"],)).fetchall()
    assert len(items) == 3
    running = Running(database)
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = login(context, running.url, token)
        first = items[0]
        assert current_tag(page) == first["tag_id"]
        reason = page.inner_text("#reason")
        group = group_of(first["code"])
        assert "review candidate from model" in reason and "matched" not in reason
        assert f"probability {first['score']:.2f}" in reason and f"some {group} code" in reason
        assert page.inner_text("#sentence mark") == first["text"]
        choices = page.locator("#choices li").all_inner_texts()
        offered = [choice.rsplit("(", 1)[1].rstrip(")") for choice in choices]
        assert offered and all(group_of(code) == group for code in offered)
        assert first["code"] not in offered
        press(page, "1")  # relabel to the first code offered
        press(page, "a")
        press(page, "r")
        assert page.inner_text("#progress").startswith("3 done · 0 left")
    finally:
        context.close()
        running.stop()
    assert decisions(root, "cat") == {items[0]["tag_id"]: ("relabel", offered[0]),
                                      items[1]["tag_id"]: ("accept", None),
                                      items[2]["tag_id"]: ("reject", None)}
