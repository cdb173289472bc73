#!/usr/bin/env python3
"""Draw the held-out gold sample (uncoded): UN General Debate sentences from speeches that
no development gold sentence comes from.

Why: the development sets (../gold.jsonl, ../purposive/purposive.jsonl) are used to study the
tagger's errors and to change its patterns, so figures measured on them flatter it. This set
was drawn, coded by hand and committed BEFORE the tagger was run on it or tuned, and it is
the honest figure for the tagger's precision and recall.

Design: the pool is every sentence of the UNGD speeches 1970-2024 whose file is not the source
of any sentence of gold.jsonl or of the purposive draws (drawn*.jsonl, a superset of
purposive.jsonl), split with the dev set's own splitter and filters
(../sample_sentences.py). Then, with a seed of its own:
  random  : 80 sentences uniformly over the pool;
  culture : 80 among pool sentences matching the dev set's culture word list (CULTURE_RE):
            10 each from KAZ, KOR, JPN, GBR speeches 1992-2024 and 40 from other countries.
Sentences drawn for "random" are excluded from "culture".
  purposive (--purposive, a second file): 2 sentences per code from the same pool, matched by
            the narrowest probe the dev purposive draw wrote from TAXONOMY.md for that code
            (../purposive/draw_purposive.py: stage 3, else stage 2, else stage 1), excluding
            the random and culture draws. It gives codes positives, so it is reported apart.

Usage:
    python docs/gold/heldout/draw_heldout.py --ungdc /tmp/ungdc/UNGDC_1946-2024/TXT \
        --out docs/gold/heldout/drawn.jsonl
    python docs/gold/heldout/draw_heldout.py --purposive --out docs/gold/heldout/drawn_purposive.jsonl
"""
import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from sample_sentences import CULTURE_RE, dedup, load_ungdc  # noqa: E402

sys.path.insert(0, os.path.join(HERE, "..", "purposive"))
from draw_purposive import NARROW_PROBES, PROBES, STAGE3_PROBES  # noqa: E402

SEED = 20261201
N_RANDOM = 80
N_FOCUS_EACH = 10
FOCUS = ("KAZ", "KOR", "JPN", "GBR")
N_OTHER = 40
N_PURPOSIVE_PER_CODE = 2
DEV_FILES = ["gold.jsonl", "purposive/drawn.jsonl", "purposive/drawn2.jsonl",
             "purposive/drawn3.jsonl", "purposive/purposive.jsonl"]


def dev_sources_and_texts():
    sources, texts = set(), set()
    for name in DEV_FILES:
        with open(os.path.join(HERE, "..", name), encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    sources.add(record["source"])
                    texts.add(record["text"])
    return sources, texts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ungdc", default="/tmp/ungdc/UNGDC_1946-2024/TXT")
    parser.add_argument("--out", default=None)
    parser.add_argument("--purposive", action="store_true",
                        help="draw the purposive part (after the random and culture draws)")
    args = parser.parse_args()
    rng = random.Random(SEED)
    sources, texts = dev_sources_and_texts()
    pool = [r for r in dedup(load_ungdc(args.ungdc, 1970, 2024))
            if r["source"] not in sources and r["text"] not in texts]
    print(f"pool: {len(pool)} sentences from {len({r['source'] for r in pool})} speeches "
          f"({len(sources)} dev source files excluded)")
    taken = set()

    def draw(candidates, n, label):
        candidates = [r for r in candidates if r["text"] not in taken]
        got = rng.sample(candidates, n)
        for r in got:
            taken.add(r["text"])
            r["sample"] = label
        return got

    picked = draw(pool, N_RANDOM, "random")
    culture = [r for r in pool if CULTURE_RE.search(r["text"])]
    for iso in FOCUS:
        stratum = [r for r in culture if r["country"] == iso and r["year"] >= 1992]
        print(f"culture pool {iso} (1992-2024): {len(stratum)}")
        picked += draw(stratum, N_FOCUS_EACH, "culture")
    other = [r for r in culture if r["country"] not in FOCUS]
    print(f"culture pool other countries: {len(other)}")
    picked += draw(other, N_OTHER, "culture")
    first = 1
    if args.purposive:
        first, picked = 1001, []
        for code in PROBES:
            probe = STAGE3_PROBES.get(code) or NARROW_PROBES.get(code) or PROBES[code]
            regex = re.compile(probe, re.IGNORECASE)
            candidates = [r for r in pool if r["text"] not in taken and regex.search(r["text"])]
            got = rng.sample(candidates, min(N_PURPOSIVE_PER_CODE, len(candidates)))
            print(f"{code}: {len(candidates)} candidates, drew {len(got)}")
            for r in got:
                taken.add(r["text"])
                picked.append(dict(r, sample="purposive", probe=code))
    out = args.out or os.path.join(HERE, "drawn_purposive.jsonl" if args.purposive else "drawn.jsonl")
    with open(out, "w", encoding="utf-8") as handle:
        for i, r in enumerate(picked, first):
            record = {"id": f"h{i:04d}", "source": r["source"], "country": r["country"],
                      "year": r["year"], "sample": r["sample"], "text": r["text"]}
            if "probe" in r:
                record["probe"] = r["probe"]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} sentences to {out}")


if __name__ == "__main__":
    main()
