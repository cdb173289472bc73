"""The UN General Debate corpus as a source of training text, for the scripts that build
from it (scripts/build_vectors.py, scripts/build_distant.py).

Both must read the same corpus by default and leave out the same speeches: every speech a
gold sentence comes from (the `source` fields of docs/gold/**/*.jsonl, held-out sets
included), so that nothing built from the corpus has seen a sentence it is evaluated on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cultdip_nlp.learn.vectors import evaluation_gold_files, gold_speeches

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared/corpus/ungdc/UNGDC_1946-2024.tar.xz"


def add_source_arguments(parser: argparse.ArgumentParser, default_out: str) -> None:
    """--corpus, --out (under the project's models/) and --seed."""
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the UNGDC archive or its unpacked TXT folder")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / default_out)
    parser.add_argument("--seed", type=int, default=13)


def excluded_speeches(corpus: Path) -> set[str]:
    """The gold speeches to leave out; exits with a message when the corpus is missing."""
    if not corpus.exists():
        sys.exit(f"{corpus}: no such corpus; give the UNGDC archive or TXT folder")
    return gold_speeches(evaluation_gold_files(ROOT / "docs/gold"))
