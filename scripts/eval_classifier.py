"""Rules alone vs rules + classifier on the development gold set, by cross-validation.

For each fold, the classifier is trained on the other folds' hand-coding, recorded the way a
coder's review would record it (rule tags accepted or rejected, missed codes added), and the
held-out sentences are tagged by the rules, then by the rules plus the classifier's
suggestions above each code's threshold. Prints micro precision and recall of both, overall
and per code group.

    python scripts/eval_classifier.py [--gold FILE ...] [--folds 5] [--seed 13]

The default gold files are the random/culture set and the purposive sample (docs/gold/).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from cultdip_nlp.analysis import Analyser
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.learn.classifier import train
from cultdip_nlp.learn.examples import LabelledSentence
from cultdip_nlp.records import Page

ROOT = Path(__file__).resolve().parents[1]


def rule_codes(analyser: Analyser, text: str) -> set[str]:
    _, _, tags, _ = analyser.analyse("eval", text, [Page(1, 0, len(text))], "en")
    return {t.code for t in tags}


def score(pairs: list[tuple[set[str], set[str]]], group: str | None = None) -> dict[str, float]:
    counts = Counter()
    for predicted, gold in pairs:
        if group:
            predicted = {c for c in predicted if c.startswith(group + ".")}
            gold = {c for c in gold if c.startswith(group + ".")}
        counts["tp"] += len(predicted & gold)
        counts["fp"] += len(predicted - gold)
        counts["fn"] += len(gold - predicted)
    p = counts["tp"] / (counts["tp"] + counts["fp"]) if counts["tp"] + counts["fp"] else 0.0
    r = counts["tp"] / (counts["tp"] + counts["fn"]) if counts["tp"] + counts["fn"] else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, nargs="+",
                        default=[ROOT / "docs/gold/gold.jsonl",
                                 ROOT / "docs/gold/purposive/purposive.jsonl"])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--target-precision", type=float, default=0.9)
    args = parser.parse_args()
    gold = [json.loads(line) for path in args.gold
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    codebook = load_codebook()
    analyser = Analyser(codebook)
    ruled = [rule_codes(analyser, item["text"]) for item in gold]
    order = list(range(len(gold)))
    random.Random(args.seed).shuffle(order)
    rules_only, combined = [], []
    for fold in range(args.folds):
        held = set(order[fold::args.folds])
        # Gold sentences are fully coded: every code the coder did not give is a judged
        # negative, as a review of that sentence for every code would record it.
        all_codes = frozenset(codebook.code_ids)
        training = [LabelledSentence("gold", i, gold[i]["text"], frozenset(gold[i]["codes"]),
                                     all_codes - set(gold[i]["codes"]))
                    for i in order if i not in held]
        codes = sorted({c for s in training for c in s.positives})
        models, card = train(training, codes, codebook.hash, seed=args.seed,
                             target_precision=args.target_precision)
        thresholds = card.parameters["thresholds"]
        for i in sorted(held):
            predicted = set(ruled[i])
            for code, model in models.items():
                if code not in predicted and model.predict_proba([gold[i]["text"]])[0, 1] >= \
                        thresholds[code]:
                    predicted.add(code)
            rules_only.append((ruled[i], set(gold[i]["codes"])))
            combined.append((predicted, set(gold[i]["codes"])))
    print(f"gold set: {', '.join(str(p) for p in args.gold)} ({len(gold)} sentences, "
          f"{sum(len(g['codes']) for g in gold)} code assignments), {args.folds}-fold, "
          f"seed {args.seed}, target precision {args.target_precision}")
    print(f"{'':22} {'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6}")
    print(f"{'':22} {'rules alone':>20}   {'rules + classifier':>20}")
    for group in (None, "identity", "instrument", "outcome"):
        a, b = score(rules_only, group), score(combined, group)
        print(f"{group or 'micro overall':22} {a['precision']:6.3f} {a['recall']:6.3f} "
              f"{a['f1']:6.3f}   {b['precision']:6.3f} {b['recall']:6.3f} {b['f1']:6.3f}")


if __name__ == "__main__":
    main()
