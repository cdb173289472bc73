#!/usr/bin/env python3
"""Draw a coding round for the classifier: sentences that look like a code but carry no rule tag.

Why: the classifier of issue 8 must suggest codes the rules miss, and the development gold
holds only 32 such (sentence, code) pairs, spread over 20 codes: no model learns a code from
one or two examples. A coding assistant's hour is best spent where the rules are silent but a
code is likely. This draw is that hour's work list, made the way the review queue would make
it before any model exists: per code, sentences matching the taxonomy probes of
`../purposive/draw_purposive.py` (written from TAXONOMY.md, not from the codebook) on which the
current codebook puts no tag at all.

Kept apart from every evaluation: speeches that are the source of any sentence of any gold
file (development, purposive, held-out, Russian/Kazakh, and their draws) are excluded whole,
so a model trained on this round is never tested on a sentence of a speech it saw.

Reproducible: fixed seed, sorted sources, the gold set's own splitter and filters
(`../sample_sentences.py`), the probes in a fixed order. Each code's candidates are shuffled
with the seed and taken in that order, skipping those the rules tag, until PER_CODE are found.

Round 2 (`--round 2`, drawn after round 1 was coded and merged into coded.jsonl) is larger
and adds active learning: 36 more sentences per code by the same probes (another seed,
round 1's sentences excluded), and, per code group, the 100 sentences of the culture pool
(the development set's culture word list) that the group models of the review queue's
`candidates` strategy (`cultdip_nlp.learn.candidates.train_groups`), trained on round 1
alone, rank highest, again only those without a rule tag. Those are the sentences the model
is most sure of: where it is wrong, the coder's verdict teaches it most. The selection model
sees no gold sentence, so the evaluation's test folds cannot steer what is drawn. Round 2's
sentences are split over five coders, one in ten coded by two.

Round 3 (`--round 3`, after round 2 was merged into coded2.jsonl) is active learning only:
models trained on rounds 1 and 2 (no gold sentence) rank the culture pool's untagged
sentences of speeches no earlier round drew from; per code group the 150 its group model
ranks highest, and per code the 15 its per-code classifier (`learn.classifier.train`) ranks
highest. Five coders, one sentence in ten coded by two. Round 4 (`--round 4`) repeats round
3 with models trained on rounds 1-3, 200 per group and 20 per code; round 5 (`--round 5`)
repeats round 4 with models trained on rounds 1-4.

Usage:
    python docs/gold/training/draw_training.py --ungdc /tmp/ungdc/UNGDC_1946-2024/TXT \
        --out docs/gold/training/drawn.jsonl
    python docs/gold/training/draw_training.py --round 2 --out docs/gold/training/drawn2.jsonl
    python docs/gold/training/draw_training.py --round 3 --out docs/gold/training/drawn3.jsonl
    python docs/gold/training/draw_training.py --round 4 --out docs/gold/training/drawn4.jsonl
    python docs/gold/training/draw_training.py --round 5 --out docs/gold/training/drawn5.jsonl
"""
import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "purposive"))
from draw_purposive import NARROW_PROBES, PROBES  # noqa: E402
from sample_sentences import CULTURE_RE, dedup, load_ungdc  # noqa: E402

SEED = 20261202
PER_CODE = 12
ROUND2_PER_CODE = 36
ROUND2_RANKED_PER_GROUP = 100
ROUND2_CODERS = "ABCDE"
# Active-learning rounds: (sentences per code group, per code) ranked by models trained on the
# rounds before.
RANKED_ROUNDS = {3: (150, 15), 4: (200, 20), 5: (200, 20)}
DRAWN = ["drawn.jsonl", "drawn2.jsonl", "drawn3.jsonl", "drawn4.jsonl", "drawn5.jsonl"]
CODED = ["coded.jsonl", "coded2.jsonl", "coded3.jsonl", "coded4.jsonl", "coded5.jsonl"]


def gold_sources() -> set[str]:
    """The `source` of every UN speech that holds a sentence of an evaluation gold file: the
    project's one definition of them (`learn.vectors.evaluation_gold_files`, which leaves this
    folder's coding rounds out; a later round excludes the earlier rounds' speeches itself)."""
    from pathlib import Path

    from cultdip_nlp.learn.vectors import evaluation_gold_files, gold_speeches
    return {"ungdc/" + name for name in gold_speeches(evaluation_gold_files(Path(HERE).parent))}


def probe_for(code: str) -> re.Pattern[str]:
    """The broad and the narrow probe of a code, either one matching."""
    parts = [p for p in (PROBES.get(code), NARROW_PROBES.get(code)) if p]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def read_texts(path: str) -> set[str]:
    with open(path, encoding="utf-8") as handle:
        return {json.loads(line)["text"] for line in handle if line.strip()}


def ranked_by_rounds(pool: list[dict], taken: set[str], untagged, per_group: int,
                     seed: int, rounds: list[str], per_code: int = 0) -> list[dict]:
    """Per code group (and, with `per_code`, per code), the culture-pool sentences that
    models trained on the given coded rounds rank highest."""
    from cultdip_nlp.codebook import load_codebook
    from cultdip_nlp.learn.candidates import train_groups
    from cultdip_nlp.learn.classifier import probabilities, train
    from cultdip_nlp.learn.examples import LabelledSentence

    book = load_codebook("default")
    codes = frozenset(book.code_ids)
    coded = []
    for name in rounds:
        with open(os.path.join(HERE, name), encoding="utf-8") as handle:
            coded += [json.loads(line) for line in handle if line.strip()]
    sentences = [LabelledSentence(r["source"], n, r["text"], frozenset(r["codes"]),
                                  codes - frozenset(r["codes"])) for n, r in enumerate(coded)]
    models, counts = train_groups(sentences, seed=seed)
    print(f"group models on {', '.join(rounds)}: {counts}")
    culture = [r for r in pool if r["text"] not in taken and CULTURE_RE.search(r["text"])]
    texts = [r["text"] for r in culture]
    rankings = [(f"ranked:{group}", values, per_group)
                for group, values in probabilities(models, texts).items()]
    if per_code:
        # the code's model alone, as when rounds 3-5 were drawn (agreement came after them)
        code_models, _ = train(sentences, sorted({c for s in sentences for c in s.positives}),
                               book.hash, seed=seed, agreement="none")
        rankings += [(f"ranked:{code}", values, per_code)
                     for code, values in sorted(probabilities(code_models, texts).items())]
    picked = []
    for label, values, wanted in rankings:
        order = sorted(range(len(culture)), key=lambda k: (-float(values[k]), k))
        got = []
        for k in order:
            if len(got) == wanted:
                break
            record = culture[k]
            if record["text"] not in taken and untagged(record["text"]):
                got.append(dict(record, probe=label, score=round(float(values[k]), 4)))
                taken.add(record["text"])
        print(f"{label}: {len(culture)} culture sentences scored, drew {len(got)},"
              f" scores {got[0]['score']}..{got[-1]['score']}")
        picked += got
    return picked


def round_two_coders(number: int) -> str:
    """Five coders in turn; one sentence in each ten (at a place that moves from one ten to
    the next, so that every pair of neighbouring coders shares some) also goes to the next."""
    first = ROUND2_CODERS[number % len(ROUND2_CODERS)]
    second = ROUND2_CODERS[(number + 1) % len(ROUND2_CODERS)]
    return first + second if number % 10 == (number // 10) % 10 else first


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ungdc", default="/tmp/ungdc/UNGDC_1946-2024/TXT")
    parser.add_argument("--out", help="default: this round's drawn file here (drawn.jsonl,"
                        " drawn2.jsonl, ...), never an earlier round's")
    parser.add_argument("--round", type=int, default=1, choices=range(1, len(DRAWN) + 1))
    args = parser.parse_args()
    args.out = args.out or os.path.join(HERE, DRAWN[args.round - 1])
    second = args.round >= 2  # rounds after the first share the five coders and exclusions
    earlier = DRAWN[:args.round - 1]

    from cultdip_nlp.codebook import load_codebook
    from cultdip_nlp.nlp import blank_pipeline
    from cultdip_nlp.tagging.component import SPANS_KEY, CultdipTagger

    nlp = blank_pipeline("en")
    tagger = CultdipTagger(nlp, load_codebook("default"), lang="en")
    excluded = gold_sources()
    for name in earlier:  # a later round also leaves out the speeches earlier rounds drew from
        with open(os.path.join(HERE, name), encoding="utf-8") as handle:
            excluded |= {json.loads(line)["source"] for line in handle if line.strip()}
    pool = [r for r in dedup(load_ungdc(args.ungdc, 1970, 2024)) if r["source"] not in excluded]
    print(f"pool: {len(pool)} sentences, {len(excluded)} speeches excluded")
    rng = random.Random(SEED + args.round - 1)
    taken: set[str] = set()
    for name in earlier:
        taken |= read_texts(os.path.join(HERE, name))
    per_code = {1: PER_CODE, 2: ROUND2_PER_CODE}.get(args.round, 0)

    def untagged(text: str) -> bool:
        return not tagger(nlp(text)).spans[SPANS_KEY]

    picked = []
    for code in PROBES if per_code else ():
        regex = probe_for(code)
        candidates = [r for r in pool if r["text"] not in taken and regex.search(r["text"])]
        rng.shuffle(candidates)
        got, looked = [], 0
        for record in candidates:
            if len(got) == per_code:
                break
            looked += 1
            if untagged(record["text"]):
                got.append(record)
                taken.add(record["text"])
        print(f"{code}: {len(candidates)} candidates, {looked} looked at, drew {len(got)}")
        picked += [dict(r, probe=code, slot=slot) for slot, r in enumerate(got)]
    if args.round == 2:
        picked += ranked_by_rounds(pool, taken, untagged, ROUND2_RANKED_PER_GROUP, SEED,
                                   ["coded.jsonl"])
    if args.round in RANKED_ROUNDS:
        per_group, per_ranked_code = RANKED_ROUNDS[args.round]
        picked += ranked_by_rounds(pool, taken, untagged, per_group, SEED,
                                   CODED[:args.round - 1], per_ranked_code)
    first_number = 2000 * (args.round - 1) + 1  # ids t0001..., t2001..., t4001...
    with open(args.out, "w", encoding="utf-8") as handle:
        for number, record in enumerate(picked, first_number):
            if second:
                coders = round_two_coders(number)
            else:  # slots 0-4 to coder A, 5-9 to B, 10-11 to both (agreement is measured on them)
                coders = "A" if record["slot"] < 5 else "B" if record["slot"] < 10 else "AB"
            out = {"id": f"t{number:04d}", "source": record["source"], "country": record["country"],
                   "year": record["year"], "sample": "training", "probe": record["probe"],
                   "coders": coders, "text": record["text"]}
            handle.write(json.dumps(out, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} sentences to {args.out}")


if __name__ == "__main__":
    main()
