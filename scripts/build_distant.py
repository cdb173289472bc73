"""Build the distant-supervision examples (`cultdip learn train --distant`).

    python scripts/build_distant.py [--corpus ../shared/corpus/ungdc/UNGDC_1946-2024.tar.xz]
        [--out models/distant-ungdc] [--seed 13] [--speech-share 0.3]
        [--untagged-share 0.02] [--codebook PATH]

The rules tag a seeded share of the UN General Debate speeches, leaving out every speech a
gold sentence comes from (all `source` fields of docs/gold/**/*.jsonl); every tagged
sentence is kept with the matched words blanked, and a seeded share of the untagged ones as
negatives. Writes distant.jsonl.gz and card.json (corpus and codebook hashes, seed, shares,
counts per code). Rebuild after the codebook changes: `learn train` refuses examples tagged
by another codebook. See docs/learning.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.learn import distant
from cultdip_nlp.learn.vectors import gold_speeches

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared/corpus/ungdc/UNGDC_1946-2024.tar.xz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the UNGDC archive or its unpacked TXT folder")
    parser.add_argument("--out", type=Path, default=ROOT / "models/distant-ungdc")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--speech-share", type=float, default=0.3)
    parser.add_argument("--untagged-share", type=float, default=0.02)
    parser.add_argument("--codebook", default=None)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: no such corpus; give the UNGDC archive or TXT folder")
    excluded = gold_speeches(sorted((ROOT / "docs/gold").rglob("*.jsonl")))
    started = time.perf_counter()
    examples, card = distant.build(args.corpus, load_codebook(args.codebook), excluded,
                                   seed=args.seed, speech_share=args.speech_share,
                                   untagged_share=args.untagged_share)
    distant.save(examples, card, args.out)
    print(f"{args.out}: {card.tagged_sentences} tagged and {card.untagged_sentences} untagged"
          f" sentences from {card.speeches_used} speeches ({card.speeches_excluded} gold"
          f" speeches left out), id {card.id}, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
