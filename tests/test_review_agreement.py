"""Agreement, machine precision, adjudication and the validated-tag rule, on real tags."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.errors import CultdipError
from cultdip_nlp.review import coders, judgements, queue
from cultdip_nlp.review.adjudication import disagreements, validated_tag_ids
from cultdip_nlp.review.judgements import Judgement
from test_review import connect, run_cli

KNOWN = set(load_codebook(None).code_ids)


def judge(db: sqlite3.Connection, tag_id: str, coder: str, decision: str) -> None:
    item = db.execute("SELECT * FROM tags WHERE id = ?", (tag_id,)).fetchone()
    new_code = "outcome.national_pride" if decision == "relabel" else None
    judgements.record(db, Judgement(tag_id, item["document_id"], item["sentence_idx"],
                                    item["code"], decision, coder, new_code=new_code), KNOWN)


@pytest.fixture()
def judged(review_project: Path) -> tuple[Path, list[str]]:
    with connect(review_project) as db:
        queue.sample(db, 5, "random", coders=["ann", "ben"], overlap=1.0, seed=11)
        units = [r[0] for r in db.execute(
            "SELECT tag_id FROM review_items WHERE coder='ann' ORDER BY tag_id")]
        # ann A A R R ; ben A R R R ; the fifth unit is judged by ann only (missing for ben).
        for unit, a, b in zip(units, "AARR", "ARRR"):
            judge(db, unit, "ann", {"A": "accept", "R": "reject"}[a])
            judge(db, unit, "ben", {"A": "accept", "R": "reject"}[b])
        judge(db, units[4], "ann", "accept")
    return review_project, units


def test_kappa_alpha_and_percent_agreement_match_hand_computation(judged) -> None:
    project, units = judged
    report = json.loads(run_cli("review", "agreement", "--project", str(project), "--json",
                                check=True).stdout)
    overall = report["overall"]
    # po = 3/4, pe = .5*.25 + .5*.75 = .5  ->  kappa = .5
    assert overall["cohen_kappa"]["ann~ben"] == {"units": 4, "kappa": 0.5}
    # coincidences: n = 8 values (3 accept, 5 reject), 2 disagreeing ordered pairs:
    # alpha = 1 - (2/8) / (2*3*5 / (8*7)) = 1 - 0.25/0.5357 = 0.5333 (unit 5 is unpairable)
    assert overall["krippendorff_alpha"] == pytest.approx(0.5333, abs=1e-4)
    assert overall["percent_agreement"] == 75.0
    assert overall["units"] == 5 and overall["units_with_2_or_more_coders"] == 4
    assert set(report["per_code"]) == {r for r in report["per_code"]}  # keyed by code
    precision = report["machine_precision"]
    judged_total = sum(c["judged"] for c in precision["per_code"].values())
    assert judged_total == 9
    assert sum(c["accepted"] for c in precision["per_rule"].values()) == 4
    # A relabel is its own value: ben changing his mind to relabel moves the measures.
    with connect(project) as db:
        judge(db, units[0], "ben", "relabel")
    again = json.loads(run_cli("review", "agreement", "--project", str(project), "--json",
                               check=True).stdout)
    assert again["overall"]["percent_agreement"] == 50.0


def test_senior_adjudication_becomes_gold_and_defines_validated_tags(judged) -> None:
    project, units = judged
    with connect(project) as db:
        assert [d["tag_id"] for d in disagreements(db)] == [units[1]]
        # unanimous accepts are validated; unanimous rejects and open disagreements are not
        assert validated_tag_ids(db) == {units[0], units[4]}
        coders.add_coder(db, "ben")
        coders.add_coder(db, "sam", role="senior")
    refused = run_cli("review", "adjudicate", "--project", str(project), "--tag", units[1],
                      "--decision", "accept", "--adjudicator", "ben")
    assert refused.returncode == 2 and "E503" in refused.stderr
    run_cli("review", "adjudicate", "--project", str(project), "--tag", units[1],
            "--decision", "accept", "--adjudicator", "sam", check=True)
    run_cli("review", "adjudicate", "--project", str(project), "--tag", units[0],
            "--decision", "reject", "--adjudicator", "sam", check=True)
    listed = json.loads(run_cli("review", "adjudicate", "--project", str(project), "--json",
                                check=True).stdout)
    assert listed == []
    with connect(project) as db:
        assert validated_tag_ids(db) == {units[1], units[4]}  # gold overrides the coders
        with pytest.raises(CultdipError, match="E501"):
            from cultdip_nlp.review.adjudication import adjudicate

            adjudicate(db, units[2], "relabel", "sam", KNOWN, new_code="nope.nope")
