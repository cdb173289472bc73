#!/usr/bin/env python3
"""Throughput of the full tagging stage against blank + sentencizer + lemmatizer, same run.

Why: tagging must cost little next to tokenising (issue 4 asks for >= 50 % of the baseline's
tokens per second). Both sides read the same UN General Debate speeches of 2015-2024, unpacked
from the shared archive, paragraph by paragraph, warm (one untimed pass over a few files first).

  baseline : spaCy's own blank("en") + sentencizer + lookup lemmatizer (nlp.pipe), the
             pipeline the issue names (and scripts/bench_scale.py measures against)
  ours     : cultdip's blank pipeline (the same, with the lookups done by its lemma-norm
             component), printed for comparison
  full     : the Analyser: cultdip's pipeline, every code of the codebook with context rules
             and negation, case attribution, and Sentence/Tag/Mention records for the store

Prints tokens, seconds, tokens/s for each and the ratios full/baseline and full/ours.

Usage: python scripts/bench_tagger.py [--archive PATH] [--years 2015-2024] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import tarfile
import time
from pathlib import Path

import spacy
from spacy.language import Language

from cultdip_nlp.analysis import Analyser
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.nlp import blank_pipeline
from cultdip_nlp.records import Page

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpus" / "ungdc" / "UNGDC_1946-2024.tar.xz"
SESSION = re.compile(r"/Session \d+ - (\d{4})/[^/]+\.txt$")


def speeches(archive: Path, first: int, last: int, limit: int | None) -> list[tuple[str, str]]:
    """(name, text) of the speeches of those years, streamed out of the .tar.xz."""
    found: list[tuple[str, str]] = []
    with tarfile.open(archive, "r|xz") as tar:
        for member in tar:
            match = SESSION.search(member.name)
            if not member.isfile() or not match or not first <= int(match.group(1)) <= last:
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            text = handle.read().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
            found.append((member.name.rsplit("/", 1)[-1], text))
            if limit and len(found) >= limit:
                break
    return found


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--years", default="2015-2024")
    parser.add_argument("--limit", type=int, default=None, help="only the first N speeches")
    parser.add_argument("--codebook", default="default")
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    documents = speeches(args.archive, first, last, args.limit)
    print(f"{len(documents)} speeches {first}-{last}")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    ours = blank_pipeline("en")
    analyser = Analyser(load_codebook(args.codebook))
    for _, text in documents[:5]:  # warm every side
        list(nlp.pipe(paragraphs(text)))
        list(ours.pipe(paragraphs(text)))
        analyser.analyse("warm", text, [Page(1, 0, len(text))], "en")

    def run_baseline(pipeline: Language = nlp) -> tuple[int, float]:
        count = 0
        began = time.perf_counter()
        for _, text in documents:
            for doc in pipeline.pipe(paragraphs(text), batch_size=64):
                count += len(doc)
        return count, time.perf_counter() - began

    # The baseline runs before and after the full stage and the faster run counts: the first
    # pass also fills the vocabulary and the lemma cache, which would flatter the full stage.
    tokens, first_baseline = run_baseline()

    n_tags = n_sentences = 0
    start = time.perf_counter()
    for name, text in documents:
        _, sentences, tags, _ = analyser.analyse(name, text, [Page(1, 0, len(text))], "en")
        n_tags += len(tags)
        n_sentences += len(sentences)
    full = time.perf_counter() - start
    _, second_baseline = run_baseline()
    baseline = min(first_baseline, second_baseline)
    ours_seconds = min(run_baseline(ours)[1], run_baseline(ours)[1])
    print(f"baseline runs: {first_baseline:.1f} s before, {second_baseline:.1f} s after")

    print(f"tokens: {tokens}  sentences: {n_sentences}  tags: {n_tags}")
    print(f"baseline blank+sentencizer+lemmatizer: {baseline:8.1f} s  {tokens / baseline:10,.0f} tokens/s")
    print(f"cultdip blank pipeline (for comparison): {ours_seconds:6.1f} s  {tokens / ours_seconds:10,.0f} tokens/s")
    print(f"full tagging stage:                    {full:8.1f} s  {tokens / full:10,.0f} tokens/s")
    print(f"ratio full/baseline: {baseline / full:.2f}  (goal >= 0.50)")
    print(f"ratio full/cultdip blank pipeline: {ours_seconds / full:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
