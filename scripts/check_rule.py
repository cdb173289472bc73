#!/usr/bin/env python3
"""Show what a code's rules tag in UN General Debate sentences that are in no gold set.

Why: the issue forbids fitting patterns to gold sentences without checking the rule on other
text. Before a pattern change is kept, this lists its hits (code, rule id, matched words,
speech file, sentence) on real speeches outside docs/gold/ (development and held-out), so a
coder can judge the rule's precision on text it was not written from.

Sentences are those of the gold sets' own splitter (docs/gold/sample_sentences.py), taken from
the speech files in a seeded random order; only sentences matching --filter are tagged (a
prefilter to reach a rare word quickly), and the script stops after --limit candidates.

Usage:
    python scripts/check_rule.py CODE --filter REGEX [--limit 40] [--codebook default]
        [--ungdc /tmp/ungdc/UNGDC_1946-2024/TXT] [--seed 7] [--baseline OLD.yaml]
    python scripts/check_rule.py instrument.cultural_institute --filter 'cultur(al|e) cent(re|er)'
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs" / "gold"))


def gold_texts() -> set[str]:
    texts: set[str] = set()
    for path in (ROOT / "docs" / "gold").rglob("*.jsonl"):
        with path.open(encoding="utf-8") as handle:
            texts |= {json.loads(line)["text"] for line in handle if line.strip()}
    return texts


def main(argv: list[str] | None = None) -> int:
    from sample_sentences import split_sentences, ungdc_paragraphs

    from cultdip_nlp.codebook import load_codebook
    from cultdip_nlp.nlp import blank_pipeline
    from cultdip_nlp.tagging.component import SPANS_KEY, CultdipTagger

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", help="code id, e.g. identity.values")
    parser.add_argument("--filter", required=True, help="regex a sentence must match to be tagged")
    parser.add_argument("--limit", type=int, default=40, help="stop after this many candidates")
    parser.add_argument("--codebook", default="default")
    parser.add_argument("--ungdc", type=Path, default=Path("/tmp/ungdc/UNGDC_1946-2024/TXT"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", help="codebook before the change (e.g. `git show "
                        "HEAD:cultdip_nlp/codebooks/default.yaml > /tmp/old.yaml`): mark hits it "
                        "did not make with '+ NEW' and count them apart, so a rule's own "
                        "precision is judged on its own new matches")
    args = parser.parse_args(argv)
    files = sorted(args.ungdc.glob("Session */*.txt"))
    if not files:
        print(f"no speeches under {args.ungdc}: unpack ../shared/corpus/ungdc/UNGDC_1946-2024.tar.xz "
              "there or pass --ungdc", file=sys.stderr)
        return 2
    random.Random(args.seed).shuffle(files)
    prefilter = re.compile(args.filter, re.IGNORECASE)
    skip = gold_texts()
    nlp = blank_pipeline("en")
    tagger = CultdipTagger(nlp, load_codebook(args.codebook), lang="en")
    baseline = (CultdipTagger(nlp, load_codebook(args.baseline), lang="en")
                if args.baseline else None)
    candidates = hits = new = lost = 0
    for path in files:
        raw = path.read_text(encoding="utf-8-sig")
        if not prefilter.search(raw):
            continue
        for paragraph in ungdc_paragraphs(raw):
            for sentence in split_sentences(paragraph):
                if sentence in skip or not prefilter.search(sentence):
                    continue
                candidates += 1
                doc = tagger(nlp(sentence))  # keep the Doc alive: its span group refers to it
                spans = [s for s in doc.spans[SPANS_KEY] if s.label_ == args.code]
                before = None
                if baseline is not None:
                    old_doc = baseline(nlp(sentence))
                    before = any(s.label_ == args.code for s in old_doc.spans[SPANS_KEY])
                if spans:
                    hits += 1
                    rules = ", ".join(f"{s._.cultdip_rule} '{s.text}'" for s in spans)
                    mark = "+ NEW" if before is False else "+"
                    new += before is False
                    print(f"{mark} [{rules}] {path.name}: {sentence}")
                else:
                    mark = "- LOST" if before else "-"
                    lost += bool(before)
                    print(f"{mark} {path.name}: {sentence}")
                if candidates >= args.limit:
                    break
            if candidates >= args.limit:
                break
        if candidates >= args.limit:
            break
    summary = f"candidates {candidates}, tagged {args.code}: {hits}"
    if baseline is not None:
        summary += f" (new against the baseline: {new}, lost: {lost})"
    print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
