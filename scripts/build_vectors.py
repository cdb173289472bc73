"""Build the domain word vectors the classifiers can use (`cultdip learn train --vectors`).

    python scripts/build_vectors.py [--corpus ../shared/corpus/ungdc/UNGDC_1946-2024.tar.xz]
        [--out models/vectors-ungdc] [--seed 13] [--dimensions 100] [--max-vocabulary 20000]
        [--epochs 5] [--every N]

Word2Vec (CBOW, one worker thread, seeded) on the UN General Debate speeches, leaving out
every speech a gold sentence comes from (all `source` fields of docs/gold/**/*.jsonl: the
development, purposive and held-out sets and their draws; not the coding rounds of
docs/gold/training/, which are training data). Writes vectors.npz and card.json
(corpus hash, speeches used and left out, parameters, seed, versions). Same corpus, seed and
parameters give the same vectors, from the archive or its unpacked folder alike. Speeches
are read one at a time and their sentences spooled to a temporary file (about 180 MB), so
the build holds about 190 MB, not the corpus. See docs/learning.md.
"""

from __future__ import annotations

import argparse
import sys
import time

from ungdc_source import add_source_arguments, excluded_speeches

from cultdip_nlp.errors import EXIT_USAGE, CultdipError
from cultdip_nlp.learn import vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_source_arguments(parser, "vectors-ungdc")
    parser.add_argument("--dimensions", type=int, default=100)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--max-vocabulary", type=int, default=20000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--every", type=int, default=None, metavar="N",
                        help="use every N-th speech only (quick, small vectors)")
    args = parser.parse_args()
    excluded = excluded_speeches(args.corpus)
    started = time.perf_counter()
    try:
        built = vectors.build(args.corpus, excluded, seed=args.seed,
                              dimensions=args.dimensions, window=args.window,
                              min_count=args.min_count, max_vocabulary=args.max_vocabulary,
                              epochs=args.epochs, limit=args.every)
    except CultdipError as error:  # a damaged archive, an unreadable speech
        print(error, file=sys.stderr)
        sys.exit(EXIT_USAGE)
    vectors.save(built, args.out)
    card = built.card
    print(f"{args.out}: {card['vocabulary']} words x {args.dimensions} dimensions from "
          f"{card['speeches_used']} speeches ({card['tokens']:,} tokens; "
          f"{len(card['speeches_excluded'])} gold speeches left out), id {card['id']}, "
          f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
