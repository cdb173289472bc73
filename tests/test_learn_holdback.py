"""Holding back the unjudged tags of doubtful rules: the judgements' verdict on a rule,
carried over to the tags nobody judged, through the real store and the real `cultdip matrix`.

The development gold set (real sentences of UN speeches, hand-coded) is ingested as one
document; a coder's review of half of its speeches is recorded (accept or reject each rule
tag, add what the rules missed), and the other half stays unjudged: its hand-coding is the
truth the held-back tags are measured against.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, run_cli
from test_learn import record_gold_review

GOLD_FILES = [ROOT / "docs" / "gold" / "gold.jsonl",
              ROOT / "docs" / "gold" / "purposive" / "purposive.jsonl"]


def _gold() -> list[dict]:
    return [json.loads(line) for path in GOLD_FILES
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def half_judged(tmp_path_factory: pytest.TempPathFactory) -> dict:
    gold = _gold()
    folder = tmp_path_factory.mktemp("gold")
    (folder / "gold_sentences.txt").write_text(
        "\n\n".join(item["text"] for item in gold) + "\n", encoding="utf-8")
    project = tmp_path_factory.mktemp("half-judged")
    run_cli("run", str(folder), "--project", str(project), "--no-progress", check=False)
    sources = sorted({item["source"] for item in gold})
    judged_sources = set(sources[::2])  # whole speeches judged, never half of one
    judged = {i for i, item in enumerate(gold) if item["source"] in judged_sources}
    records = record_gold_review(project / "cultdip.sqlite", gold, only=judged)
    return {"project": project, "gold": gold, "judged": judged, "records": records}


def _matrix(project: Path, *flags: str) -> pd.DataFrame:
    target = project / ("matrix" + "".join(flags).replace("-", "_") + ".csv")
    run_cli("matrix", "--project", str(project), "--value", "count", "-o", str(target),
            *flags, check=True)
    return pd.read_csv(target, index_col=0)


def test_doubtful_rule_tags_are_held_back_from_matrices_not_deleted(half_judged: dict) -> None:
    project, gold = half_judged["project"], half_judged["gold"]
    judged, records = half_judged["judged"], half_judged["records"]
    database = project / "cultdip.sqlite"
    with sqlite3.connect(database) as db:
        tags = db.execute("SELECT t.id, t.sentence_idx, t.code, t.rule,"
                          " EXISTS (SELECT 1 FROM judgements j WHERE j.tag_id = t.id)"
                          " FROM tags t WHERE t.source = 'rule'").fetchall()
    # The rule's verdict, computed here from the judgements independently of cultdip.
    verdicts: dict[str, Counter] = defaultdict(Counter)
    for _, idx, code, rule, was_judged in tags:
        if was_judged:
            verdicts[rule][code in gold[records[idx]]["codes"]] += 1
    doubtful = {rule for rule, c in verdicts.items() if c[False] > c[True]}
    assert doubtful, "the judged half holds rules coders rejected more often than accepted"
    sound_rules: dict[tuple[int, str], set[str]] = defaultdict(set)
    for _, idx, code, rule, _ in tags:
        if rule not in doubtful:
            sound_rules[(idx, code)].add(rule)
    held = [(tag_id, idx, code) for tag_id, idx, code, rule, was_judged in tags
            if not was_judged and rule in doubtful and not sound_rules[(idx, code)]]
    assert held and all(records[idx] not in judged for _, idx, _ in held)

    plain = _matrix(project)
    holding = _matrix(project, "--hold-back-doubtful-rules")
    difference = (plain - holding).sum()
    assert difference[difference != 0].to_dict() == dict(Counter(code for _, _, code in held))

    # The held-back tags are measured against the hand-coding of the unjudged half: they are
    # wrong far more often than the unjudged tags that stay.
    unjudged = [(idx, code) for _, idx, code, _, was_judged in tags if not was_judged]
    held_keys = {(idx, code) for _, idx, code in held}
    right = Counter((key in held_keys, key[1] in gold[records[key[0]]]["codes"])
                    for key in unjudged)
    held_precision = right[(True, True)] / (right[(True, True)] + right[(True, False)])
    kept_precision = right[(False, True)] / (right[(False, True)] + right[(False, False)])
    assert held_precision < 0.5 < kept_precision

    with sqlite3.connect(database) as db:  # the tags themselves are never deleted
        assert db.execute("SELECT COUNT(*) FROM tags WHERE source = 'rule'").fetchone()[0] \
            == len(tags)
    feedback = json.loads(run_cli("learn", "feedback", "--project", str(project), "--json",
                                  check=True).stdout)
    assert {r["rule"] for r in feedback["doubtful_rules"]} == doubtful


def test_a_judged_tag_keeps_its_own_status_under_hold_back(half_judged: dict) -> None:
    """An accepted tag of a doubtful rule counts: the coder's decision on a tag outranks the
    verdict on its rule; `--validated-only` with hold-back equals `--validated-only`."""
    project = half_judged["project"]
    validated = _matrix(project, "--validated-only")
    both = _matrix(project, "--validated-only", "--hold-back-doubtful-rules")
    assert validated.to_dict() == both.to_dict()
    assert validated.to_numpy().sum() > 0
