"""Rules alone vs rules + classifier on hand-coded gold sentences, by honest cross-validation.

Folds are drawn by document (the gold record's `source`), so no sentence, and no sentence of
the same speech, is both trained on and tested. In each fold the classifier is trained with
the production code (`cultdip_nlp.learn.classifier.train`) on the other folds' hand-coding;
the held-out sentences are tagged by the rules, then by the rules plus the classifier's
suggestions above each code's threshold (only where the rules did not tag that code).

    python scripts/eval_classifier.py [GOLD.jsonl ...] [--folds 5] [--seed 13]
        [--training gold|review] [--weak-negatives 0.5] [--threshold-scope code|group]
        [--target-precision 0.9] [--min-support 3] [--features word+char] [--model logistic]
        [--experiments] [--curve] [--json] [--coded-round CODED.jsonl ...]
        [--agreement group|none]

Training data, as the store would hold it:
  gold    every sentence fully coded: each code the coder did not give is a judged negative.
  review  what a review records: rule tags accepted or rejected, missed codes added; a
          sentence with codes is a negative for the others; untouched sentences are absent.
          --weak-negatives FRACTION adds that share of the untouched sentences as negatives.

Prints micro precision and recall, overall and per code group, the number of suggestions and
their own precision; the best precision any threshold could give the classifier's top 5, 10,
20 candidates (if even that is below the rules' precision, no threshold meets the goal); rules
+ classifier with one probability threshold for every code, from 0.95 down to 0.5 (scored on
the test sentences themselves: a diagnostic of whether the thresholds or the ranking hold the
goal back, not a method); and whether the goal is met: more recall, and precision not lower
than the rules' (or than 0.90, whichever is lower). --experiments runs the comparison table
of docs/learning.md. --curve prints learning curves: the same evaluation with each fold
trained on 25, 50, 75 and 100% of its training documents, and `learn train`'s curve
(cross-validated F1 per code group on all gold sentences) with its estimate of the judged
sentences needed to reach the target.
Default gold files: docs/gold/gold.jsonl and docs/gold/purposive/purposive.jsonl.

--coded-round adds a coding round (docs/gold/training/coded.jsonl: sentences a coding
assistant coded in full, from speeches that hold no gold sentence) to every fold's training
data, never to a test fold: what a round of review adds to the classifier.
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
from cultdip_nlp.codebook import Codebook, load_codebook
from cultdip_nlp.learn.candidates import CodeGuesser, train_groups
from cultdip_nlp.learn.classifier import (AGREEMENTS, FEATURE_SETS, GROUPS, MODELS,
                                          THRESHOLD_SCOPES, probabilities, train)
from cultdip_nlp.learn.examples import LabelledSentence
from cultdip_nlp.records import Page
from cultdip_nlp.rule_verdicts import verdict

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = [ROOT / "docs/gold/gold.jsonl", ROOT / "docs/gold/purposive/purposive.jsonl"]
GOAL_PRECISION = 0.90
DEFAULT_VECTORS = ROOT / "models/vectors-ungdc"


@dataclass(frozen=True)
class Settings:
    training: str = "gold"
    weak_negatives: float = 0.0
    threshold_scope: str = "code"
    target_precision: float = 0.9
    min_support: int = 3
    features: str = "word+char"
    model: str = "logistic"
    vectors: str = ""
    distant: str = ""
    distant_weight: float = 0.3
    agreement: str = "group"

    def label(self) -> str:
        parts = [self.training + (f" + weak negatives {self.weak_negatives:g}"
                                  if self.weak_negatives else ""),
                 f"threshold per {self.threshold_scope} at P {self.target_precision:g}"
                 f" (support {self.min_support})", self.features, self.model,
                 f"agreement {self.agreement}"]
        if self.distant:
            parts.append(f"distant x {self.distant_weight:g}")
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


def rule_tags(analyser: Analyser, text: str) -> dict[str, set[str]]:
    """The codes the rules tag on a sentence, each with the rules (pattern ids) that made it."""
    _, _, tags, _ = analyser.analyse("eval", text, [Page(1, 0, len(text))], "en")
    result: dict[str, set[str]] = {}
    for tag in tags:
        result.setdefault(tag.code, set()).add(tag.rule)
    return result


def rule_judgements(gold: list[dict], rules: list[dict[str, set[str]]], indices: list[int]
                    ) -> dict[str, tuple[int, int, Counter[str]]]:
    """(accepted, rejected, relabelled to each code) per rule over the training sentences:
    what a review of their rule tags would record, the hand-coding standing in for the coder.
    A wrong rule tag on a sentence with exactly one code the rules missed counts as relabelled
    to that code (the coder moves the tag to the right code); otherwise as rejected."""
    counts: dict[str, tuple[list[int], Counter[str]]] = {}
    for i in indices:
        truth = set(gold[i]["codes"])
        missed = truth - set(rules[i])
        for code, made_by in rules[i].items():
            for rule in made_by:
                entry = counts.setdefault(rule, ([0, 0], Counter()))
                if code in truth:
                    entry[0][0] += 1
                elif len(missed) == 1:
                    entry[1][next(iter(missed))] += 1
                else:
                    entry[0][1] += 1
    return {rule: (a, r, relabels) for rule, ([a, r], relabels) in counts.items()}


def apply_verdicts(rules: dict[str, set[str]],
                   judged: dict[str, tuple[int, int, Counter[str]]]
                   ) -> tuple[set[str], set[str]]:
    """(codes held back, codes added by relabelling) on an unjudged sentence: a code whose
    every rule is doubtful is held back, and counted under the code a rule's verdict relabels
    it to (cultdip_nlp.rule_verdicts, as `cultdip matrix --apply-rule-verdicts` applies it)."""
    held, added = set(), set()
    for code, made_by in rules.items():
        verdicts = [verdict(*judged.get(rule, (0, 0, Counter()))) for rule in made_by]
        if all(doubtful for doubtful, _ in verdicts):
            held.add(code)
            added.update(new for _, new in verdicts if new)
    return held, added


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


CODED_ROUND_OFFSET = 1_000_000  # sentence numbers of a coded round, apart from the gold's


def coded_round(paths: list[Path], analyser: Analyser, gold: list[dict],
                all_codes: frozenset[str]) -> list[LabelledSentence]:
    """Fully coded training sentences (each code not given is a judged negative), refused
    when one comes from a speech that holds a gold sentence: that speech would be trained
    on and tested at once."""
    if not paths:
        return []
    for path in paths:
        if not path.is_file():
            sys.exit(f"{path}: no such coded file")
    records = load_gold(paths)
    speeches = {g["source"] for g in gold}
    shared = sorted({r["source"] for r in records} & speeches)
    if shared:
        sys.exit(f"{', '.join(map(str, paths))}: coded sentences come from gold speeches"
                 f" ({', '.join(shared[:5])}); draw them outside the gold speeches")
    twice = sorted(text for text, n in Counter(r["text"] for r in records).items() if n > 1)
    if twice:  # e.g. a coder's own file given next to the merged round it is part of
        sys.exit(f"{', '.join(map(str, paths))}: {len(twice)} sentences are coded twice"
                 f" (first: {twice[0][:80]!r}); give each round's merged file once")
    unknown = sorted({c for r in records for c in r["codes"]} - all_codes)
    if unknown:
        sys.exit(f"{', '.join(map(str, paths))}: codes not in the codebook: {', '.join(unknown)}")
    return [LabelledSentence(r["source"], CODED_ROUND_OFFSET + n, r["text"],
                             frozenset(r["codes"]), all_codes - frozenset(r["codes"]),
                             frozenset(rule_tags(analyser, r["text"])))
            for n, r in enumerate(records)]


def splits(gold: list[dict], folds: int, seed: int, heldout: int = 0
           ) -> list[tuple[list[int], list[int]]]:
    """Training and test rows: folds by document over the development gold, or (with
    `heldout` > 0, the last `heldout` records) one split: all development gold to train,
    the held-out gold to test."""
    if heldout:
        return [(list(range(len(gold) - heldout)), list(range(len(gold) - heldout, len(gold))))]
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return [([int(i) for i in a], [int(i) for i in b])
            for a, b in splitter.split(gold, groups=[g["source"] for g in gold])]


def review_queue(gold: list[dict], ruled: list[dict[str, set[str]]],
                 training: list[LabelledSentence], models: dict, test_rows: list[int],
                 codebook: Codebook, seed: int) -> list[tuple[float, bool, bool, str]]:
    """The `review sample --strategy candidates` ranking on the test sentences: per code
    group, the group model's probability for each sentence without a rule tag of the group,
    whether the gold gives it a code of the group, and whether the guessed code is right."""
    group_models, _ = train_groups(training, seed=seed)
    guesser = CodeGuesser(codebook, models)
    texts = [gold[i]["text"] for i in test_rows]
    scores = probabilities(group_models, texts)
    result = []
    for group, values in scores.items():
        eligible = [(k, i) for k, i in enumerate(test_rows)
                    if not any(c.startswith(group + ".") for c in ruled[i])]
        guesses = guesser.guess(group, [texts[k] for k, _ in eligible])
        for (k, i), code in zip(eligible, guesses):
            codes = set(gold[i]["codes"])
            result.append((float(values[k]), any(c.startswith(group + ".") for c in codes),
                           code in codes, group))
    return result


def evaluate(gold: list[dict], ruled: list[dict[str, set[str]]], settings: Settings,
             folds: int, seed: int, codebook_hash: str, all_codes: frozenset[str],
             fraction: float = 1.0, heldout: int = 0, codebook: Codebook | None = None,
             coded: list[LabelledSentence] | None = None) -> dict:
    """Rules alone, rules + hold-back of doubtful rules, rules + classifier, and rules +
    hold-back + classifier, each scored on sentences no part of it was trained or judged on.
    `fraction` trains each fold on a seeded share of its training documents (learning curve).
    `coded` (a coding round outside the gold speeches) joins every fold's training data.
    """
    additions: dict[int, set[str]] = {}
    holds: dict[int, set[str]] = {}
    relabels: dict[int, set[str]] = {}
    candidates: list[tuple[float, bool, str]] = []  # (probability, correct, group) rule-missed
    queue: list[tuple[float, bool, bool, str]] = []  # review candidates: (p, group ok, code ok)
    distant_examples, distant_id = load_distant(settings.distant, codebook_hash, gold)
    for fold, (rows, test_rows) in enumerate(splits(gold, folds, seed, heldout)):
        if fraction < 1.0:
            rows = sorted(random.Random(seed + fold).sample(rows, int(fraction * len(rows))))
        judged = rule_judgements(gold, ruled, rows)
        training = training_sentences(gold, ruled, rows, all_codes, settings, seed + fold)
        training += coded or []
        codes = sorted({c for s in training for c in s.positives})
        models, card = train(training, codes, codebook_hash, seed=seed,
                             target_precision=settings.target_precision,
                             threshold_scope=settings.threshold_scope,
                             min_support=settings.min_support, features=settings.features,
                             model=settings.model, vectors=settings.vectors or None,
                             distant=distant_examples, distant_weight=settings.distant_weight,
                             distant_id=distant_id, agreement=settings.agreement)
        thresholds = card.parameters["thresholds"]
        if codebook is not None:
            queue.extend(review_queue(gold, ruled, training, models, test_rows, codebook, seed))
        scores = probabilities(models, [gold[i]["text"] for i in test_rows])
        for i in test_rows:
            additions[i] = set()
            holds[i], relabels[i] = apply_verdicts(ruled[i], judged)
        for code, values in scores.items():
            for i, p in zip(test_rows, values):
                if code in ruled[i]:
                    continue
                candidates.append((float(p), code in gold[i]["codes"], code.split(".")[0]))
                if p >= thresholds[code]:  # type: ignore[index]
                    additions[i].add(code)
    tested = sorted(additions)
    truth = [set(gold[i]["codes"]) for i in tested]
    rules_only = [set(ruled[i]) for i in tested]
    variants = {
        "rules": rules_only,
        "held_back": [(r - holds[i]) | relabels[i] for r, i in zip(rules_only, tested)],
        "combined": [r | additions[i] for r, i in zip(rules_only, tested)],
        "held_back_combined": [(r - holds[i]) | relabels[i] | additions[i]
                               for r, i in zip(rules_only, tested)],
    }
    result: dict = {"settings": settings.label(), "fraction": fraction, "groups": {},
                    "tested_sentences": len(tested),
                    "mode": "trained on development gold, tested on held-out gold" if heldout
                    else f"{folds}-fold by document"}
    for group in (None, *GROUPS):
        key = group or "micro"

        def within(codes: set[str]) -> set[str]:
            return {c for c in codes if group is None or c.startswith(group + ".")}

        added = [within(additions[i]) for i in tested]
        removed = [within(holds[i]) for i in tested]
        moved = [within(relabels[i] - set(ruled[i])) for i in tested]
        suggestions = sum(len(a) for a in added)
        correct = sum(len(a & t) for a, t in zip(added, truth))
        row = {name: score(list(zip(predicted, truth)), group)
               for name, predicted in variants.items()}
        row.update({
            "suggestions": suggestions,
            "suggestion_precision": round(correct / suggestions, 3) if suggestions else None,
            "held_back_tags": sum(len(r) for r in removed),
            "held_back_correct": sum(len(r & t) for r, t in zip(removed, truth)),
            "relabelled_tags": sum(len(m) for m in moved),
            "relabelled_correct": sum(len(m & t) for m, t in zip(moved, truth))})
        result["groups"][key] = row
    candidates.sort(key=lambda c: -c[0])
    result["best_possible"] = {
        f"top_{k}": round(sum(c[1] for c in candidates[:k]) / k, 3)
        for k in (5, 10, 20) if len(candidates) >= k}
    result["missed_by_rules"] = sum(len(t - r) for t, r in zip(truth, rules_only))
    result["threshold_sweep"] = threshold_sweep(candidates, result["groups"]["micro"]["rules"])
    queue.sort(key=lambda q: -q[0])
    result["candidate_queue"] = {
        "pairs": len(queue), "with_a_code_of_the_group": sum(q[1] for q in queue),
        **{f"top_{k}": {"group": round(sum(q[1] for q in queue[:k]) / k, 3),
                        "code": round(sum(q[2] for q in queue[:k]) / k, 3)}
           for k in (10, 20, 50) if len(queue) >= k}}
    micro = result["groups"]["micro"]
    floor = min(micro["rules"]["precision"], GOAL_PRECISION)
    result["goal_met"] = bool(micro["combined"]["recall"] > micro["rules"]["recall"]
                              and micro["combined"]["precision"] >= floor)
    result["goal_met_with_hold_back"] = bool(
        micro["held_back_combined"]["recall"] > micro["rules"]["recall"]
        and micro["held_back_combined"]["precision"] >= floor)
    return result


SWEEP_THRESHOLDS = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5)


def threshold_sweep(candidates: list[tuple[float, bool, str]], rules: dict[str, float]
                    ) -> list[dict[str, float]]:
    """Rules + classifier if every code had the same probability threshold, for a range of
    thresholds, scored on the test sentences themselves. A diagnostic, not a method (the
    threshold is chosen looking at the test): it tells whether the per-code thresholds are
    what holds the goal back, or the ranking."""
    floor = min(rules["precision"], GOAL_PRECISION)
    rows = []
    for threshold in SWEEP_THRESHOLDS:
        passed = [correct for p, correct, _ in candidates if p >= threshold]
        right = sum(passed)
        tp = int(rules["tp"]) + right
        fp = int(rules["fp"]) + len(passed) - right
        fn = int(rules["fn"]) - right
        precision = round(tp / (tp + fp), 3) if tp + fp else 0.0
        recall = round(tp / (tp + fn), 3) if tp + fn else 0.0
        rows.append({"threshold": threshold, "suggestions": len(passed), "right": right,
                     "precision": precision, "recall": recall,
                     "goal_met": bool(right > 0 and precision >= floor)})
    return rows


def load_distant(folder: str, codebook_hash: str, gold: list[dict]) -> tuple[list, str]:
    """The distant examples of a folder (none without one), refusing any drawn from a speech
    a gold sentence comes from: that sentence's speech would be trained on."""
    if not folder:
        return [], ""
    from cultdip_nlp.learn.distant import load

    examples, card = load(Path(folder), codebook_hash)
    speeches = {g["source"].split("/", 1)[1] for g in gold if g["source"].startswith("ungdc/")}
    overlap = sorted({e.source for e in examples} & speeches)
    if overlap:
        sys.exit(f"{folder}: distant examples come from gold speeches ({', '.join(overlap[:5])}"
                 "); rebuild them with scripts/build_distant.py")
    return examples, str(card["id"])


VARIANT_TITLES = {"rules": "rules alone", "held_back": "rules + verdicts",
                  "combined": "rules + classifier",
                  "held_back_combined": "rules + verdicts + classifier"}


def print_result(result: dict, header: str) -> None:
    print(header)
    print(f"settings: {result['settings']} ({result['mode']}, "
          f"{result['tested_sentences']} sentences scored)")
    print(f"{'variant':32} {'group':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} "
          f"{'fn':>4}")
    for variant, title in VARIANT_TITLES.items():
        for key, row in result["groups"].items():
            m = row[variant]
            print(f"{title if key == 'micro' else '':32} {key:10} {m['precision']:6.3f} "
                  f"{m['recall']:6.3f} {m['f1']:6.3f} {m['tp']:4} {m['fp']:4} {m['fn']:4}")
    micro = result["groups"]["micro"]
    own = micro["suggestion_precision"]
    print(f"classifier suggestions: {micro['suggestions']}, their precision "
          f"{'-' if own is None else f'{own:.3f}'}")
    print(f"rule verdicts (from the training folds' judgements): held back "
          f"{micro['held_back_tags']} codes on sentences, {micro['held_back_correct']} of them "
          f"correct; relabelled to {micro['relabelled_tags']} codes the rules missed, "
          f"{micro['relabelled_correct']} of them correct")
    best = ", ".join(f"top {k.split('_')[1]}: {v:.2f}" for k, v in result["best_possible"].items())
    print(f"precision of the classifier's best-ranked candidates among the "
          f"{result['missed_by_rules']} codes the rules missed (any threshold): {best}")
    print("one probability threshold for every code instead (a diagnostic scored on these"
          " test sentences, not a method): " + "; ".join(
              f"{row['threshold']:g}: {row['suggestions']} ({row['right']} right) P"
              f" {row['precision']:.3f} R {row['recall']:.3f}" + (" MET" if row["goal_met"]
                                                                  else "")
              for row in result["threshold_sweep"]))
    queue = result.get("candidate_queue")
    if queue:
        print(f"review candidates (`review sample --strategy candidates`): {queue['pairs']}"
              f" (sentence, group) pairs without a rule tag of the group, "
              f"{queue['with_a_code_of_the_group']} of them with a code of the group (base rate "
              f"{queue['with_a_code_of_the_group'] / max(queue['pairs'], 1):.3f}); "
              + ", ".join(f"top {k.split('_')[1]}: group {v['group']:.2f}, code {v['code']:.2f}"
                          for k, v in queue.items() if k.startswith("top_")))
    print("goal (more recall, precision not below min(rules, 0.90)): rules + classifier "
          + ("MET" if result["goal_met"] else "not met") + "; rules + verdicts + classifier "
          + ("MET" if result["goal_met_with_hold_back"] else "not met"))


EXPERIMENTS = [
    Settings(),
    Settings(agreement="none"),
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
    parser.add_argument("--vectors", default="", metavar="FOLDER",
                        help="word vectors for --features word+char+vectors "
                        "(scripts/build_vectors.py; default models/vectors-ungdc)")
    parser.add_argument("--distant", default="", metavar="FOLDER",
                        help="distant examples (scripts/build_distant.py, e.g."
                        " models/distant-ungdc) added to every training fold")
    parser.add_argument("--distant-weight", type=float, default=0.3)
    parser.add_argument("--agreement", choices=AGREEMENTS, default="group",
                        help="group (default): a code's probability times its code group's"
                        " model's (both must agree); none: the code's model alone")
    parser.add_argument("--experiments", action="store_true",
                        help="run the comparison of docs/learning.md and print a table")
    parser.add_argument("--curve", action="store_true",
                        help="learning curves and the judged sentences needed (see above)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="the default comparison with N fold draws (seeds SEED ..."
                        " SEED+N-1): how much the figures depend on which speeches share a"
                        " fold")
    parser.add_argument("--test-on", type=Path, nargs="+", default=None, metavar="GOLD",
                        help="train on all the gold files given before (the development"
                        " set) and score on these (a held-out set) instead of folds")
    parser.add_argument("--coded-round", type=Path, nargs="+", default=[], metavar="CODED",
                        help="fully coded sentences from speeches outside the gold (e.g."
                        " docs/gold/training/coded.jsonl) added to every training fold")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    paths = args.gold or args.gold_option or DEFAULT_GOLD
    for path in paths:
        if not path.is_file():
            sys.exit(f"{path}: no such gold file")
    gold = load_gold(paths)
    codebook = load_codebook()
    analyser = Analyser(codebook)
    heldout = 0
    if args.test_on:
        for path in args.test_on:
            if not path.is_file():
                sys.exit(f"{path}: no such gold file")
        tested = load_gold(args.test_on)
        heldout = len(tested)
        gold = gold + tested
    all_codes = frozenset(codebook.code_ids)
    coded = coded_round(args.coded_round, analyser, gold, all_codes)  # refused before the work
    ruled = [rule_tags(analyser, item["text"]) for item in gold]
    development = gold[:len(gold) - heldout]
    header = (f"gold: {', '.join(str(p) for p in paths)} ({len(development)} sentences, "
              f"{sum(len(g['codes']) for g in development)} code assignments, "
              f"{len({g['source'] for g in development})} documents), "
              + (f"tested on {', '.join(str(p) for p in args.test_on)} ({heldout} sentences,"
                 f" {sum(len(g['codes']) for g in gold[len(development):])} code assignments)"
                 if heldout else f"{args.folds}-fold by document") + f", seed {args.seed}"
              + (f"; + coding round {', '.join(str(p) for p in args.coded_round)} ({len(coded)}"
                 f" sentences, {sum(len(c.positives) for c in coded)} code assignments) in"
                 " every training fold" if coded else ""))
    vectors = args.vectors or (str(DEFAULT_VECTORS) if "vectors" in args.features else "")
    settings = Settings(args.training, args.weak_negatives, args.threshold_scope,
                        args.target_precision, args.min_support, args.features, args.model,
                        vectors, args.distant, args.distant_weight, args.agreement)
    if args.curve:
        print_curves(gold, ruled, settings, args, codebook.hash, all_codes, header, coded)
        return
    if args.repeat > 1:
        print_repeats(gold, ruled, settings, args, codebook, all_codes, header, coded)
        return
    runs = EXPERIMENTS if args.experiments else [settings]
    # the review-candidate ranking does not depend on thresholds: measured once, with the
    # first (default) settings
    results = [evaluate(gold, ruled, s, args.folds, args.seed, codebook.hash, all_codes,
                        heldout=heldout, codebook=codebook if n == 0 else None, coded=coded)
               for n, s in enumerate(runs)]
    if args.json:
        print(json.dumps({"header": header, "results": results}, indent=2))
        return
    if not args.experiments:
        print_result(results[0], header)
        return
    print(header)
    hold = first = results[0]["groups"]["micro"]
    print(f"rules alone: P {first['rules']['precision']:.3f} R {first['rules']['recall']:.3f};"
          f" rules + verdicts: P {hold['held_back']['precision']:.3f}"
          f" R {hold['held_back']['recall']:.3f} ({hold['held_back_tags']} held back,"
          f" {hold['held_back_correct']} of them correct; {hold['relabelled_tags']} relabelled,"
          f" {hold['relabelled_correct']} of them correct)\n")
    print("| variant | + classifier P | R | suggestions | their P | best top-10 P "
          "| + verdicts + classifier P | R | goal (classifier / verdicts + classifier) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for result in results:
        micro = result["groups"]["micro"]
        own = micro["suggestion_precision"]
        both = micro["held_back_combined"]
        print(f"| {result['settings']} | {micro['combined']['precision']:.3f} | "
              f"{micro['combined']['recall']:.3f} | {micro['suggestions']} | "
              f"{'-' if own is None else f'{own:.2f}'} | "
              f"{result['best_possible'].get('top_10', float('nan')):.2f} | "
              f"{both['precision']:.3f} | {both['recall']:.3f} | "
              f"{'met' if result['goal_met'] else 'not met'} / "
              f"{'met' if result['goal_met_with_hold_back'] else 'not met'} |")


def print_repeats(gold: list[dict], ruled: list[dict[str, set[str]]], settings: Settings,
                  args: argparse.Namespace, codebook: Codebook, all_codes: frozenset[str],
                  header: str, coded: list[LabelledSentence]) -> None:
    """The comparison over several fold draws: is a gain a property of the method or of
    which speeches happened to share a fold?"""
    seeds = list(range(args.seed, args.seed + args.repeat))
    results = [evaluate(gold, ruled, settings, args.folds, seed, codebook.hash, all_codes,
                        coded=coded) for seed in seeds]
    if args.json:
        print(json.dumps({"header": header, "seeds": seeds, "results": results}, indent=2))
        return
    print(header.replace(f", seed {args.seed}", f", seeds {seeds[0]}-{seeds[-1]}"))
    print("| seed | rules P | R | + verdicts P | R | tp | fp | + verdicts + classifier P | R"
          " | suggestions | goal (verdicts + classifier) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for seed, result in zip(seeds, results):
        m = result["groups"]["micro"]
        print(f"| {seed} | {m['rules']['precision']:.3f} | {m['rules']['recall']:.3f} | "
              f"{m['held_back']['precision']:.3f} | {m['held_back']['recall']:.3f} | "
              f"{m['held_back']['tp']} | {m['held_back']['fp']} | "
              f"{m['held_back_combined']['precision']:.3f} | "
              f"{m['held_back_combined']['recall']:.3f} | {m['suggestions']} | "
              f"{'met' if result['goal_met_with_hold_back'] else 'not met'} |")
    met = sum(r["goal_met_with_hold_back"] for r in results)
    print(f"goal met by rules + verdicts + classifier in {met} of {len(seeds)} fold draws;"
          f" by rules + classifier in {sum(r['goal_met'] for r in results)}")


def print_curves(gold: list[dict], ruled: list[set[str]], settings: Settings,
                 args: argparse.Namespace, codebook_hash: str, all_codes: frozenset[str],
                 header: str, coded: list[LabelledSentence]) -> None:
    """Is the classifier getting closer to the goal as judgements grow, and how far is it?"""
    from cultdip_nlp.learn.classifier import judgements_needed, learning_curve

    fractions = (0.25, 0.5, 0.75, 1.0)
    results = [evaluate(gold, ruled, settings, args.folds, args.seed, codebook_hash,
                        all_codes, fraction, coded=coded) for fraction in fractions]
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
