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

from ungdc_source import add_source_arguments, excluded_speeches

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.errors import EXIT_USAGE, CultdipError
from cultdip_nlp.learn import distant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_source_arguments(parser, "distant-ungdc")
    parser.add_argument("--speech-share", type=float, default=0.3)
    parser.add_argument("--untagged-share", type=float, default=0.02)
    parser.add_argument("--codebook", default=None)
    args = parser.parse_args()
    excluded = excluded_speeches(args.corpus)
    started = time.perf_counter()
    try:
        examples, card = distant.build(args.corpus, load_codebook(args.codebook), excluded,
                                       seed=args.seed, speech_share=args.speech_share,
                                       untagged_share=args.untagged_share)
    except CultdipError as error:  # a damaged archive, an unreadable speech
        print(error, file=sys.stderr)
        sys.exit(EXIT_USAGE)
    distant.save(examples, card, args.out)
    print(f"{args.out}: {card.tagged_sentences} tagged and {card.untagged_sentences} untagged"
          f" sentences from {card.speeches_used} speeches ({card.speeches_excluded} gold"
          f" speeches left out), id {card.id}, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
