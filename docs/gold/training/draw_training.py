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

Usage:
    python docs/gold/training/draw_training.py --ungdc /tmp/ungdc/UNGDC_1946-2024/TXT \
        --out docs/gold/training/drawn.jsonl
"""
import argparse
import glob
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "purposive"))
from draw_purposive import NARROW_PROBES, PROBES  # noqa: E402
from sample_sentences import dedup, load_ungdc  # noqa: E402

SEED = 20261202
PER_CODE = 12


def gold_speeches(gold_root: str) -> set[str]:
    """Every `source` named by any record of any JSONL file under docs/gold."""
    sources: set[str] = set()
    for path in glob.glob(os.path.join(gold_root, "**", "*.jsonl"), recursive=True):
        with open(path, encoding="utf-8") as handle:
            sources |= {json.loads(line).get("source", "") for line in handle if line.strip()}
    return sources


def probe_for(code: str) -> re.Pattern[str]:
    """The broad and the narrow probe of a code, either one matching."""
    parts = [p for p in (PROBES.get(code), NARROW_PROBES.get(code)) if p]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ungdc", default="/tmp/ungdc/UNGDC_1946-2024/TXT")
    parser.add_argument("--out", default=os.path.join(HERE, "drawn.jsonl"))
    args = parser.parse_args()

    from cultdip_nlp.codebook import load_codebook
    from cultdip_nlp.nlp import blank_pipeline
    from cultdip_nlp.tagging.component import SPANS_KEY, CultdipTagger

    nlp = blank_pipeline("en")
    tagger = CultdipTagger(nlp, load_codebook("default"), lang="en")
    excluded = gold_speeches(os.path.join(HERE, ".."))
    pool = [r for r in dedup(load_ungdc(args.ungdc, 1970, 2024)) if r["source"] not in excluded]
    print(f"pool: {len(pool)} sentences, {len(excluded)} gold speeches excluded")
    rng = random.Random(SEED)
    taken: set[str] = set()
    picked = []
    for code in PROBES:
        regex = probe_for(code)
        candidates = [r for r in pool if r["text"] not in taken and regex.search(r["text"])]
        rng.shuffle(candidates)
        got, looked = [], 0
        for record in candidates:
            if len(got) == PER_CODE:
                break
            looked += 1
            if not tagger(nlp(record["text"])).spans[SPANS_KEY]:
                got.append(record)
                taken.add(record["text"])
        print(f"{code}: {len(candidates)} candidates, {looked} looked at, drew {len(got)}")
        picked += [dict(r, probe=code, slot=slot) for slot, r in enumerate(got)]
    with open(args.out, "w", encoding="utf-8") as handle:
        for number, record in enumerate(picked, 1):
            # Slots 0-4 go to coder A, 5-9 to coder B, 10-11 to both (agreement is measured on them).
            coders = "A" if record["slot"] < 5 else "B" if record["slot"] < 10 else "AB"
            out = {"id": f"t{number:04d}", "source": record["source"], "country": record["country"],
                   "year": record["year"], "sample": "training", "probe": record["probe"],
                   "coders": coders, "text": record["text"]}
            handle.write(json.dumps(out, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} sentences to {args.out}")


if __name__ == "__main__":
    main()
