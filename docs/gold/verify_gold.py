#!/usr/bin/env python3
"""Check docs/gold/gold.jsonl and print counts and the code frequency table.

Checks: required fields; unique ids; every code is one of the 31 ids of
/work/shared/TAXONOMY.md; codes sorted and unique; every `text` occurs verbatim in its
source after collapsing runs of whitespace to one space (utf-8-sig); 6-80 words.

Usage: python docs/gold/verify_gold.py [--gold docs/gold/gold.jsonl]
       [--taxonomy /work/shared/TAXONOMY.md] [--ungdc DIR] [--kz DIR] [--markdown]
"""
import argparse
import collections
import json
import os
import re
import sys

FIELDS = ["id", "source", "country", "year", "sample", "text", "codes", "reason"]


def ws(s):
    return re.sub(r"\s+", " ", s).strip()


def taxonomy_ids(path):
    ids = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\|\s*((?:identity|instrument|outcome)\.[a-z_]+)\s*\|", line)
        if m:
            ids.append(m.group(1))
    return ids


def source_path(src, ungdc, kz):
    kind, name = src.split("/", 1)
    if kind == "kz_en":
        return os.path.join(kz, name)
    m = re.match(r"[A-Z0-9]+_(\d+)_(\d{4})\.txt$", name)
    return os.path.join(ungdc, f"Session {int(m.group(1)):02d} - {m.group(2)}", name)


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--gold", default=os.path.join(here, "gold.jsonl"))
    ap.add_argument("--taxonomy", default="/work/shared/TAXONOMY.md")
    ap.add_argument("--ungdc", default="/tmp/ungdc/UNGDC_1946-2024/TXT")
    ap.add_argument("--kz", default="/work/shared/corpus/kz_en")
    ap.add_argument("--markdown", action="store_true", help="print the frequency table as Markdown")
    a = ap.parse_args()

    ids = taxonomy_ids(a.taxonomy)
    assert len(ids) == 31, f"expected 31 taxonomy ids, found {len(ids)}"
    valid = set(ids)
    recs = [json.loads(l) for l in open(a.gold, encoding="utf-8") if l.strip()]
    errors = []
    cache = {}
    seen = set()
    for r in recs:
        rid = r.get("id")
        missing = [f for f in FIELDS if f not in r]
        if missing:
            errors.append(f"{rid}: missing {missing}")
            continue
        if rid in seen:
            errors.append(f"{rid}: duplicate id")
        seen.add(rid)
        if r["sample"] not in ("random", "culture", "purposive"):
            errors.append(f"{rid}: bad sample {r['sample']}")
        bad = [c for c in r["codes"] if c not in valid]
        if bad:
            errors.append(f"{rid}: unknown codes {bad}")
        if r["codes"] != sorted(set(r["codes"])):
            errors.append(f"{rid}: codes not sorted/unique")
        if not r["reason"].strip():
            errors.append(f"{rid}: empty reason")
        for c in r["codes"]:
            if c not in r["reason"]:
                errors.append(f"{rid}: reason does not mention {c}")
        if r["text"] != ws(r["text"]):
            errors.append(f"{rid}: text not whitespace-normalised")
        n = len(r["text"].split())
        if not 6 <= n <= 80:
            errors.append(f"{rid}: {n} words")
        p = source_path(r["source"], a.ungdc, a.kz)
        if p not in cache:
            if not os.path.exists(p):
                errors.append(f"{rid}: source not found {p}")
                continue
            cache[p] = ws(open(p, encoding="utf-8-sig").read())
        if r["text"] not in cache[p]:
            errors.append(f"{rid}: text not found verbatim in {r['source']}")

    texts = collections.Counter(r["text"] for r in recs)
    errors += [f"duplicate text: {t[:60]}" for t, k in texts.items() if k > 1]

    print(f"{len(recs)} sentences, {len(seen)} unique ids, {len(cache)} source files")
    samp = collections.Counter(r["sample"] for r in recs)
    print("per sample:", dict(samp))
    focus = ("KAZ", "KOR", "JPN", "GBR")
    by = collections.Counter((r["sample"], r["country"] if r["country"] in focus else "other",
                              r["source"].split("/")[0]) for r in recs)
    for k in sorted(by):
        print("  ", k, by[k])
    coded = collections.Counter(r["sample"] for r in recs if r["codes"])
    print("sentences with >=1 code:", dict(coded))
    freq = collections.Counter(c for r in recs for c in r["codes"])
    fr = collections.Counter(c for r in recs if r["sample"] == "random" for c in r["codes"])
    fc = collections.Counter(c for r in recs if r["sample"] == "culture" for c in r["codes"])
    if a.markdown:
        print("\n| code | random | culture | total |\n|---|---:|---:|---:|")
        for c in ids:
            print(f"| {c} | {fr[c]} | {fc[c]} | {freq[c]} |")
        print(f"| **all code assignments** | {sum(fr.values())} | {sum(fc.values())} | {sum(freq.values())} |")
    else:
        print("\ncode frequency (random / culture / total):")
        for c in ids:
            print(f"  {c:40s} {fr[c]:3d} {fc[c]:3d} {freq[c]:3d}")
        print(f"  {'all':40s} {sum(fr.values()):3d} {sum(fc.values()):3d} {sum(freq.values()):3d}")
    if errors:
        print(f"\n{len(errors)} ERRORS")
        for e in errors:
            print("  ", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
