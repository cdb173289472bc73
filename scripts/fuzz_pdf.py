#!/usr/bin/env python3
"""Fuzz the PDF reader with mutated real PDFs: every outcome must be text or a coded error.

Each case takes a real PDF of the corpus, applies a few mutations (flip bytes, cut, repeat or
drop a chunk, splice two files) and reads it through the same bounded path a batch uses
(`process_file` in a forked child under time and memory limits). A finding is any outcome a
batch could not report cleanly: E901 INTERNAL (an unexpected exception in a reader) or a
crashed child (E111). Time-outs and memory-limit hits are counted, not findings.

CI runs a short fixed-seed pass (tests/test_fuzz.py); a longer run:
    .venv/bin/python scripts/fuzz_pdf.py --seconds 3600 --seed 1 --save findings/
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cultdip_nlp.limits import Limits  # noqa: E402
from cultdip_nlp.pipeline import _init_worker, process_file_bounded  # noqa: E402
from cultdip_nlp.records import Document, DocumentMeta  # noqa: E402

FINDING_CODES = {"E901", "E111"}


def mutate(data: bytes, other: bytes, chance: random.Random) -> bytes:
    """A few random byte-level mutations of a real PDF."""
    out = bytearray(data)
    for _ in range(chance.randint(1, 4)):
        if not out:
            break
        kind = chance.choice(["flip", "cut", "repeat", "drop", "splice", "digits"])
        at = chance.randrange(len(out))
        size = chance.randint(1, min(4096, len(out)))
        if kind == "flip":
            for _ in range(chance.randint(1, 32)):
                out[chance.randrange(len(out))] = chance.randrange(256)
        elif kind == "cut":
            del out[at:]
        elif kind == "repeat":
            out[at:at] = out[at:at + size] * chance.randint(2, 20)
        elif kind == "drop":
            del out[at:at + size]
        elif kind == "splice":
            start = chance.randrange(max(1, len(other)))
            out[at:at + size] = other[start:start + size]
        else:  # numbers are lengths, offsets and object ids: change one
            digits = [i for i in range(at, min(len(out), at + 2000)) if 48 <= out[i] <= 57]
            if digits:
                out[chance.choice(digits)] = chance.randrange(48, 58)
    return bytes(out)


def fuzz(sources: list[Path], seconds: float, seed: int, work: Path,
         save: Path | None = None, case_seconds: float = 10.0) -> dict[str, object]:
    chance = random.Random(seed)
    _init_worker(None, False)
    limits = Limits(seconds=case_seconds, memory_mb=1024)
    originals = [path.read_bytes() for path in sources]
    outcomes: Counter[str] = Counter()
    findings: list[dict[str, str]] = []
    work.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + seconds
    case = 0
    while time.monotonic() < deadline:
        case += 1
        index = chance.randrange(len(originals))
        data = mutate(originals[index], chance.choice(originals), chance)
        path = work / f"case-{case}.pdf"
        path.write_bytes(data)
        result = process_file_bounded(str(path), DocumentMeta(), limits)
        code = "ok" if isinstance(result, Document) else result.error_code
        outcomes[code] += 1
        if code in FINDING_CODES:
            message = result.message  # type: ignore[union-attr]
            findings.append({"case": case, "source": sources[index].name, "message": message})
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"seed{seed}-case{case}-{sources[index].stem}.pdf").write_bytes(data)
        path.unlink()
    return {"seed": seed, "cases": case, "outcomes": dict(sorted(outcomes.items())),
            "findings": findings}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdfs", type=Path, default=ROOT / "corpus" / "pdfs",
                        help="folder of real PDFs to mutate (default: corpus/pdfs)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/cultdip-fuzz"))
    parser.add_argument("--save", type=Path, default=None, help="keep findings here")
    args = parser.parse_args()
    sources = sorted(p for p in args.pdfs.glob("*.pdf") if p.stat().st_size < 2_000_000)
    report = fuzz(sources, args.seconds, args.seed, args.work, args.save)
    print(json.dumps(report, indent=2))
    return 1 if report["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
