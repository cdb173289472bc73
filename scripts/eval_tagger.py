#!/usr/bin/env python3
"""Precision, recall and F1 of the rule tagger against the hand-coded gold sets.

Why: the tagger's tags are what coders validate and matrices count, so its quality must be a
figure, not an impression. The unit is the sentence, as in docs/gold/README.md: a sentence is
predicted to carry a code when the tagger puts at least one span of that code in it.

Figures are printed per sample ("random", "culture", "purposive") because the samples answer
different questions: the random and culture samples were drawn without looking at the tagger
and measure precision on ordinary speech; the purposive sample was drawn to give every code
positives (see docs/gold/purposive/README.md) and is reported apart, never pooled silently.

Usage:
    python scripts/eval_tagger.py [--codebook default] [--gold FILE ...] [--heldout] [--errors] [--by-lang]
    python scripts/eval_tagger.py --gold docs/gold/ru_kk/gold.jsonl --by-lang   # Russian, Kazakh

--heldout measures on the held-out set instead of the development set: that is the honest
figure, since the development set is the one patterns were studied and changed on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = [ROOT / "docs/gold/gold.jsonl", ROOT / "docs/gold/purposive/purposive.jsonl"]
# Held-out: drawn from speeches no dev sentence comes from, coded and committed before the
# tagger was run on them; never used to change patterns (docs/gold/heldout/).
HELDOUT_GOLD = [ROOT / "docs/gold/heldout/heldout.jsonl",
                ROOT / "docs/gold/heldout/heldout_purposive.jsonl"]


def read_gold(paths: Iterable[Path]) -> Iterator[dict]:
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def predict(records: list[dict], codebook: str) -> dict[str, set[str]]:
    """Code set per record id, from the registered component on a blank pipeline."""
    from cultdip_nlp.codebook import load_codebook
    from cultdip_nlp.nlp import blank_pipeline
    from cultdip_nlp.tagging.component import SPANS_KEY, CultdipTagger

    book = load_codebook(codebook)
    taggers: dict[str, tuple] = {}
    result: dict[str, set[str]] = {}
    for record in records:
        lang = record.get("lang", "en")
        if lang not in taggers:
            nlp = blank_pipeline(lang)
            taggers[lang] = (nlp, CultdipTagger(nlp, book, lang=lang))
        nlp, tagger = taggers[lang]
        doc = tagger(nlp(record["text"]))
        result[record["id"]] = {span.label_ for span in doc.spans[SPANS_KEY]}
    return result


def scores(true_positive: int, false_positive: int, false_negative: int) -> tuple[float, ...]:
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else float("nan")
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else float("nan")
    f1 = (2 * precision * recall / (precision + recall)
          if precision == precision and recall == recall and precision + recall else float("nan"))
    return precision, recall, f1


def tally(records: list[dict], predicted: dict[str, set[str]],
          key) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        gold = set(record["codes"])
        guess = predicted[record["id"]]
        for code in gold | guess:
            bucket = key(code)
            if code in gold and code in guess:
                counts[bucket]["tp"] += 1
            elif code in guess:
                counts[bucket]["fp"] += 1
            else:
                counts[bucket]["fn"] += 1
    return counts


def table(title: str, counts: dict[str, Counter], rows: list[str]) -> list[str]:
    lines = [f"\n{title}", f"{'':34} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    total = Counter()
    for row in rows:
        c = counts.get(row, Counter())
        total.update(c)
        p, r, f = scores(c["tp"], c["fp"], c["fn"])
        lines.append(f"{row:34} {c['tp']:4} {c['fp']:4} {c['fn']:4} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = scores(total["tp"], total["fp"], total["fn"])
    lines.append(f"{'micro':34} {total['tp']:4} {total['fp']:4} {total['fn']:4} "
                 f"{p:6.3f} {r:6.3f} {f:6.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", default="default")
    parser.add_argument("--gold", type=Path, nargs="*", default=None)
    parser.add_argument("--heldout", action="store_true",
                        help="use the held-out gold files (docs/gold/heldout/) instead")
    parser.add_argument("--by-code", action="store_true", help="also print a row per code")
    parser.add_argument("--by-lang", action="store_true",
                        help="also print the figures per language (records' lang, default en)")
    parser.add_argument("--errors", action="store_true", help="list false positives/negatives")
    args = parser.parse_args(argv)
    paths = args.gold if args.gold else (HELDOUT_GOLD if args.heldout else DEFAULT_GOLD)
    records = list(read_gold(paths))
    if not records:
        print("no gold records found", file=sys.stderr)
        return 2
    predicted = predict(records, args.codebook)
    samples = sorted({r["sample"] for r in records})
    groups = ["identity", "instrument", "outcome"]
    out: list[str] = []
    for sample in samples + ["all"]:
        subset = [r for r in records if sample == "all" or r["sample"] == sample]
        n_pos = sum(1 for r in subset if r["codes"])
        out += table(f"== sample: {sample} ({len(subset)} sentences, {n_pos} with a code) "
                     f"by group", tally(subset, predicted, lambda c: c.split(".")[0]), groups)
    if args.by_lang:
        for lang in sorted({r.get("lang", "en") for r in records}):
            subset = [r for r in records if r.get("lang", "en") == lang]
            n_pos = sum(1 for r in subset if r["codes"])
            out += table(f"== language: {lang} ({len(subset)} sentences, {n_pos} with a code) "
                         f"by group", tally(subset, predicted, lambda c: c.split(".")[0]), groups)
    if args.by_code:
        codes = sorted({c for r in records for c in r["codes"]}
                       | {c for v in predicted.values() for c in v})
        out += table("== all samples by code", tally(records, predicted, lambda c: c), codes)
    if args.errors:
        out.append("\n== errors")
        for record in records:
            gold, guess = set(record["codes"]), predicted[record["id"]]
            for code in sorted(guess - gold):
                out.append(f"FP {record['id']} {code}: {record['text']}")
            for code in sorted(gold - guess):
                out.append(f"FN {record['id']} {code}: {record['text']}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
