"""Rules alone vs rules + classifier on hand-coded gold sentences, by honest cross-validation.

Folds are drawn by document (the gold record's `source`), so no sentence, and no sentence of
the same speech, is both trained on and tested. In each fold the classifier is trained with
the production code (`cultdip_nlp.learn.classifier.train`) on the other folds' hand-coding;
the held-out sentences are tagged by the rules, then by the rules plus the classifier's
suggestions above each code's threshold (only where the rules did not tag that code).

    python scripts/eval_classifier.py [GOLD.jsonl ...] [--folds 5] [--seed 13]
        [--training gold|review] [--weak-negatives 0.5] [--threshold-scope code|group]
        [--target-precision 0.9] [--min-support 3] [--features word+char] [--model logistic]
        [--experiments] [--curve] [--json]

Training data, as the store would hold it:
  gold    every sentence fully coded: each code the coder did not give is a judged negative.
  review  what a review records: rule tags accepted or rejected, missed codes added; a
          sentence with codes is a negative for the others; untouched sentences are absent.
          --weak-negatives FRACTION adds that share of the untouched sentences as negatives.

Prints micro precision and recall, overall and per code group, the number of suggestions and
their own precision; the best precision any threshold could give the classifier's top 5, 10,
20 candidates (if even that is below the rules' precision, no threshold meets the goal); and
whether the goal is met: more recall, and precision not lower than the rules' (or than 0.90,
whichever is lower). --experiments runs the comparison table of docs/learning.md. --curve
prints learning curves: the same evaluation with each fold trained on 25, 50, 75 and 100% of
its training documents, and `learn train`'s curve (cross-validated F1 per code group on all
gold sentences) with its estimate of the judged sentences needed to reach the target.
Default gold files: docs/gold/gold.jsonl and docs/gold/purposive/purposive.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sklearn.model_selection import GroupKFold

from cultdip_nlp.analysis import Analyser
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.learn.classifier import (FEATURE_SETS, GROUPS, MODELS, THRESHOLD_SCOPES,
                                          probabilities, train)
from cultdip_nlp.learn.examples import LabelledSentence
from cultdip_nlp.records import Page

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = [ROOT / "docs/gold/gold.jsonl", ROOT / "docs/gold/purposive/purposive.jsonl"]
GOAL_PRECISION = 0.90


@dataclass(frozen=True)
class Settings:
    training: str = "gold"
    weak_negatives: float = 0.0
    threshold_scope: str = "code"
    target_precision: float = 0.9
    min_support: int = 3
    features: str = "word+char"
    model: str = "logistic"

    def label(self) -> str:
        parts = [self.training + (f" + weak negatives {self.weak_negatives:g}"
                                  if self.weak_negatives else ""),
                 f"threshold per {self.threshold_scope} at P {self.target_precision:g}"
                 f" (support {self.min_support})", self.features, self.model]
        return ", ".join(parts)


def load_gold(paths: list[Path]) -> list[dict]:
    gold = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"{path}:{number}: not JSON ({error.msg}); fix or remove the line")
            if not isinstance(item.get("text"), str) or not isinstance(item.get("codes"), list):
                sys.exit(f"{path}:{number}: a gold record needs 'text' and 'codes'")
            item.setdefault("source", f"{path.name}:{number}")
            gold.append(item)
    if not gold:
        sys.exit("no gold sentences in " + ", ".join(map(str, paths)))
    return gold


def rule_codes(analyser: Analyser, text: str) -> set[str]:
    _, _, tags, _ = analyser.analyse("eval", text, [Page(1, 0, len(text))], "en")
    return {t.code for t in tags}


def score(pairs: list[tuple[set[str], set[str]]], group: str | None = None) -> dict[str, float]:
    counts: Counter[str] = Counter()
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


def training_sentences(gold: list[dict], ruled: list[set[str]], indices: list[int],
                       all_codes: frozenset[str], settings: Settings, seed: int
                       ) -> list[LabelledSentence]:
    """The training folds' hand-coding as labelled sentences of the chosen kind."""
    result = []
    rng = random.Random(seed)
    for i in indices:
        codes = frozenset(gold[i]["codes"])
        rules = frozenset(ruled[i])
        if settings.training == "gold":
            negatives = all_codes - codes
        elif codes or rules:
            negatives = rules - codes  # rejected rule tags; other-coded follows from positives
        elif rng.random() < settings.weak_negatives:
            negatives = all_codes  # untouched sentence: a weak negative for every code
        else:
            continue
        result.append(LabelledSentence(gold[i]["source"], i, gold[i]["text"], codes, negatives,
                                       rules))
    return result


def evaluate(gold: list[dict], ruled: list[set[str]], settings: Settings, folds: int,
             seed: int, codebook_hash: str, all_codes: frozenset[str],
             fraction: float = 1.0) -> dict:
    """Cross-validated rules vs rules + classifier; `fraction` trains each fold on a seeded
    share of its training documents (for the learning curve)."""
    combined: list[set[str]] = [set(r) for r in ruled]
    candidates: list[tuple[float, bool, str]] = []  # (probability, correct, group) rule-missed
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for fold, (train_rows, test_rows) in enumerate(
            splitter.split(gold, groups=[g["source"] for g in gold])):
        rows = [int(i) for i in train_rows]
        if fraction < 1.0:
            rows = sorted(random.Random(seed + fold).sample(rows, int(fraction * len(rows))))
        training = training_sentences(gold, ruled, rows, all_codes, settings, seed + fold)
        codes = sorted({c for s in training for c in s.positives})
        models, card = train(training, codes, codebook_hash, seed=seed,
                             target_precision=settings.target_precision,
                             threshold_scope=settings.threshold_scope,
                             min_support=settings.min_support, features=settings.features,
                             model=settings.model)
        thresholds = card.parameters["thresholds"]
        scores = probabilities(models, [gold[i]["text"] for i in test_rows])
        for code, values in scores.items():
            for i, p in zip(map(int, test_rows), values):
                if code in ruled[i]:
                    continue
                candidates.append((float(p), code in gold[i]["codes"], code.split(".")[0]))
                if p >= thresholds[code]:  # type: ignore[index]
                    combined[i].add(code)
    truth = [set(g["codes"]) for g in gold]
    rules_pairs = list(zip(ruled, truth))
    combined_pairs = list(zip(combined, truth))
    result: dict = {"settings": settings.label(), "fraction": fraction, "groups": {}}
    for group in (None, *GROUPS):
        key = group or "micro"
        added = [(c - r) for c, r in zip(combined, ruled)]
        if group:
            added = [{c for c in a if c.startswith(group + ".")} for a in added]
        suggestions = sum(len(a) for a in added)
        correct = sum(len(a & t) for a, t in zip(added, truth))
        result["groups"][key] = {
            "rules": score(rules_pairs, group), "combined": score(combined_pairs, group),
            "suggestions": suggestions,
            "suggestion_precision": round(correct / suggestions, 3) if suggestions else None}
    candidates.sort(key=lambda c: -c[0])
    result["best_possible"] = {
        f"top_{k}": round(sum(c[1] for c in candidates[:k]) / k, 3)
        for k in (5, 10, 20) if len(candidates) >= k}
    result["missed_by_rules"] = sum(len(t - r) for t, r in zip(truth, ruled))
    micro = result["groups"]["micro"]
    floor = min(micro["rules"]["precision"], GOAL_PRECISION)
    result["goal_met"] = bool(micro["combined"]["recall"] > micro["rules"]["recall"]
                              and micro["combined"]["precision"] >= floor)
    return result


def print_result(result: dict, header: str) -> None:
    print(header)
    print(f"settings: {result['settings']}")
    print(f"{'':14} {'rules alone':>20}   {'rules + classifier':>20}   suggestions")
    print(f"{'':14} {'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6}   {'n':>5} {'P':>6}")
    for key, row in result["groups"].items():
        a, b = row["rules"], row["combined"]
        own = "-" if row["suggestion_precision"] is None else f"{row['suggestion_precision']:.3f}"
        print(f"{key:14} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f}   "
              f"{b['precision']:6.3f} {b['recall']:6.3f} {b['f1']:6.3f}   "
              f"{row['suggestions']:5} {own:>6}")
    best = ", ".join(f"top {k.split('_')[1]}: {v:.2f}" for k, v in result["best_possible"].items())
    print(f"precision of the classifier's best-ranked candidates among the "
          f"{result['missed_by_rules']} codes the rules missed (any threshold): {best}")
    print("goal (more recall, precision not below min(rules, 0.90)): "
          + ("MET" if result["goal_met"] else "not met"))


EXPERIMENTS = [
    Settings(),
    Settings(threshold_scope="group"),
    Settings(threshold_scope="group", target_precision=0.7),
    Settings(target_precision=0.7, min_support=2),
    Settings(training="review"),
    Settings(training="review", weak_negatives=0.5),
    Settings(training="review", weak_negatives=1.0, threshold_scope="group"),
    Settings(features="word+char+lemma"),
    Settings(features="word+char+codebook"),
    Settings(model="svm"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="*", help="gold JSONL files (text, codes, "
                        "source): default docs/gold/gold.jsonl and the purposive sample")
    parser.add_argument("--gold", dest="gold_option", type=Path, nargs="+", default=None,
                        help=argparse.SUPPRESS)  # the old spelling still works
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--training", choices=["gold", "review"], default="gold")
    parser.add_argument("--weak-negatives", type=float, default=0.0, metavar="FRACTION")
    parser.add_argument("--threshold-scope", choices=THRESHOLD_SCOPES, default="code")
    parser.add_argument("--target-precision", type=float, default=0.9)
    parser.add_argument("--min-support", type=int, default=3)
    parser.add_argument("--features", choices=FEATURE_SETS, default="word+char")
    parser.add_argument("--model", choices=MODELS, default="logistic")
    parser.add_argument("--experiments", action="store_true",
                        help="run the comparison of docs/learning.md and print a table")
    parser.add_argument("--curve", action="store_true",
                        help="learning curves and the judged sentences needed (see above)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    paths = args.gold or args.gold_option or DEFAULT_GOLD
    for path in paths:
        if not path.is_file():
            sys.exit(f"{path}: no such gold file")
    gold = load_gold(paths)
    codebook = load_codebook()
    analyser = Analyser(codebook)
    ruled = [rule_codes(analyser, item["text"]) for item in gold]
    all_codes = frozenset(codebook.code_ids)
    header = (f"gold: {', '.join(str(p) for p in paths)} ({len(gold)} sentences, "
              f"{sum(len(g['codes']) for g in gold)} code assignments, "
              f"{len({g['source'] for g in gold})} documents), {args.folds}-fold by document, "
              f"seed {args.seed}")
    settings = Settings(args.training, args.weak_negatives, args.threshold_scope,
                        args.target_precision, args.min_support, args.features, args.model)
    if args.curve:
        print_curves(gold, ruled, settings, args, codebook.hash, all_codes, header)
        return
    runs = EXPERIMENTS if args.experiments else [settings]
    results = [evaluate(gold, ruled, s, args.folds, args.seed, codebook.hash, all_codes)
               for s in runs]
    if args.json:
        print(json.dumps({"header": header, "results": results}, indent=2))
        return
    if not args.experiments:
        print_result(results[0], header)
        return
    print(header)
    first = results[0]["groups"]["micro"]["rules"]
    print(f"rules alone: P {first['precision']:.3f} R {first['recall']:.3f}\n")
    print("| variant | P | R | suggestions | their P | best top-10 P | goal |")
    print("|---|---|---|---|---|---|---|")
    for result in results:
        micro = result["groups"]["micro"]
        own = micro["suggestion_precision"]
        print(f"| {result['settings']} | {micro['combined']['precision']:.3f} | "
              f"{micro['combined']['recall']:.3f} | {micro['suggestions']} | "
              f"{'-' if own is None else f'{own:.2f}'} | "
              f"{result['best_possible'].get('top_10', float('nan')):.2f} | "
              f"{'met' if result['goal_met'] else 'not met'} |")


def print_curves(gold: list[dict], ruled: list[set[str]], settings: Settings,
                 args: argparse.Namespace, codebook_hash: str, all_codes: frozenset[str],
                 header: str) -> None:
    """Is the classifier getting closer to the goal as judgements grow, and how far is it?"""
    from cultdip_nlp.learn.classifier import judgements_needed, learning_curve

    fractions = (0.25, 0.5, 0.75, 1.0)
    results = [evaluate(gold, ruled, settings, args.folds, args.seed, codebook_hash,
                        all_codes, fraction) for fraction in fractions]
    sentences = training_sentences(gold, ruled, list(range(len(gold))), all_codes,
                                   Settings(training="gold"), args.seed)
    codes = sorted({c for s in sentences for c in s.positives})
    curve = learning_curve(sentences, codes, seed=args.seed)
    needed = judgements_needed(curve, args.target_precision)
    if args.json:
        print(json.dumps({"header": header, "evaluation_curve": results,
                          "f1_curve": curve, "judgements_needed": needed}, indent=2))
        return
    print(header)
    print(f"settings: {settings.label()}")
    print(f"{'share of training folds':>24} {'P':>6} {'R':>6} {'suggestions':>11} "
          f"{'best top-10 P':>13}")
    for fraction, result in zip(fractions, results):
        micro = result["groups"]["micro"]
        print(f"{fraction:24.0%} {micro['combined']['precision']:6.3f} "
              f"{micro['combined']['recall']:6.3f} {micro['suggestions']:11} "
              f"{result['best_possible'].get('top_10', float('nan')):13.2f}")
    keys = [k for k in curve[0] if k != "judged_sentences"]
    print("\ncross-validated F1 and average precision (AP) on all gold sentences, as"
          " `cultdip learn train` prints them:")
    print(f"{'judged':>7} " + " ".join(f"{k:>15}" for k in keys))
    for point in curve:
        print(f"{point['judged_sentences']:7} " + " ".join(f"{point[k]:15.3f}" for k in keys))
    print(f"judged sentences needed for AP {args.target_precision} (log fit, a rough guide; "
          "- = flat or beyond 100x): "
          + ", ".join(f"{k} " + (f"about {v:,}" if v is not None else "-")
                      for k, v in needed.items()))


if __name__ == "__main__":
    main()
