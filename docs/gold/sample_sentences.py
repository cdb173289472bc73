#!/usr/bin/env python3
"""Draw the sentences of the cultdip development gold set (uncoded).

Reproducible: fixed seed, sorted file lists, deterministic splitting.
Writes docs/gold/sampled.jsonl (id, source, country, year, sample, text), which was
then coded by hand into docs/gold/gold.jsonl.

Usage:
    python docs/gold/sample_sentences.py \
        --ungdc /tmp/ungdc/UNGDC_1946-2024/TXT \
        --kz /work/shared/corpus/kz_en \
        --out docs/gold/sampled.jsonl

Design (see README.md in this folder):
  random  : 120 sentences uniformly at random among all sentences of UN General Debate
            speeches 1970-2024 (all countries), 40 uniformly among kz_en sentences.
  culture : among sentences containing a culture-related word (CULTURE_RE),
            25 each from KAZ, KOR, JPN, GBR (UNGD speeches 1992-2024; the KAZ stratum also
            contains the kz_en texts), and 60 from the speeches of all other countries
            1970-2024. Sentences already drawn for "random" are excluded.
"""
import argparse
import glob
import json
import os
import random
import re

SEED = 20240917
N_RANDOM_UNGDC = 120
N_RANDOM_KZ = 40
N_CULTURE_FOCUS_EACH = 25            # KAZ, KOR, JPN, GBR
FOCUS = ("KAZ", "KOR", "JPN", "GBR")
N_CULTURE_OTHER = 60
MIN_WORDS, MAX_WORDS = 6, 80

# --- text normalisation --------------------------------------------------------------

TERMINAL_END = re.compile(r"[.!?:;][\"'”’)\]_*]*$")
PARA_NUMBER = re.compile(r"^\d{1,4}\.(?:\t\s*|\s+)")  # "114.\t Mr. President" in old files


def ws(s):
    """Collapse runs of whitespace to one space (the normalisation used for `text`)."""
    return re.sub(r"\s+", " ", s).strip()


def ungdc_paragraphs(raw):
    """Join hard-wrapped lines into paragraphs.

    A file is treated as hard-wrapped when fewer than half of its non-empty lines end in
    terminal punctuation (line length ~50-75 chars, e.g. 1982, 1992-2014). There, lines are
    joined and only blank lines separate paragraphs. Otherwise a line is a paragraph, but a
    line without terminal punctuation is joined to the next one when it is long (>100 chars)
    or the next line starts in lower case (a stray wrap), so that short headings such as
    "Mr. President," stay apart from the following sentence.
    """
    lines = [l.strip() for l in raw.split("\n")]
    nonempty = [l for l in lines if l]
    if not nonempty:
        return []
    frac = sum(bool(TERMINAL_END.search(l)) for l in nonempty) / len(nonempty)
    wrapped = frac < 0.5
    if wrapped:  # drop page numbers standing alone on a line
        lines = ["" if re.fullmatch(r"\d{1,3}", l) else l for l in lines]
    paras, cur = [], []
    for i, line in enumerate(lines):
        if not line:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        if not wrapped:
            line = PARA_NUMBER.sub("", line)
        else:
            line = re.sub(r"^\d{1,4}\.\t\s*", "", line)
        cur.append(line)
        if wrapped:
            continue
        nxt = next((l for l in lines[i + 1:] if l), "")
        join = (not TERMINAL_END.search(line)) and (len(line) > 100 or nxt[:1].islower())
        if not join:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    # a paragraph that starts in lower case after one without terminal punctuation is the
    # continuation of a sentence broken by a page break
    merged = []
    for p in (ws(p) for p in paras if p.strip()):
        if merged and p[:1].islower() and not TERMINAL_END.search(merged[-1]):
            merged[-1] += " " + p
        else:
            merged.append(p)
    return merged


def kz_paragraphs(raw):
    """Markdown: drop Jekyll front matter, html lines, heading/list markers; a line is a paragraph."""
    parts = raw.split("---", 2)
    body = parts[2] if raw.lstrip().startswith("---") and len(parts) == 3 else raw
    paras = []
    for line in body.split("\n"):
        line = line.strip()
        if not line or line.startswith("<"):
            continue
        line = re.sub(r"^#+\s*", "", line)
        line = re.sub(r"^(?:[-*]|\d{1,2}\.)\s+", "", line)
        paras.append(ws(line))
    return [p for p in paras if p]


# --- sentence splitting --------------------------------------------------------------

ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "messrs", "mme", "mm", "prof", "gen", "lt",
    "col", "capt", "gov", "sen", "rev", "jr", "sr", "hon", "art", "arts", "para", "paras",
    "vol", "pp", "p", "op", "cit", "ibid", "cf", "vs", "viz", "approx", "dept", "corp",
    "inc", "ltd", "co", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "rt", "sheikh",
}
# candidate boundary: . ! ? (+ closing quotes/brackets/markdown) + whitespace + (opening
# quotes/brackets/markdown) + capital letter
BOUNDARY = re.compile(r"[.!?][\"'”’)\]_*]*\s+(?=[\"'“‘(\[_*]*[A-ZА-ЯІ])")


def is_abbrev(before):
    """`before` is the text up to and including the period."""
    m = re.search(r"(\S+)$", before)
    if not m:
        return False
    tok = m.group(1).lstrip("\"'“‘([_*")
    if not tok.endswith("."):
        return False
    core = tok[:-1]
    if core.lower() in ABBREV:
        return True
    if re.fullmatch(r"[A-Z]", core):                 # initials: J. F. Kennedy
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", core):  # U.N. U.S.S.R. e.g. i.e.
        return True
    return False


def split_sentences(par):
    out, start = [], 0
    for m in BOUNDARY.finditer(par):
        head = par[start:m.start() + 1]
        if par[m.start()] == "." and is_abbrev(head):
            continue
        end = m.end()
        out.append(par[start:end].strip())
        start = end
    out.append(par[start:].strip())
    return [s for s in out if s]


def clean_sentence(s):
    # strip markdown bold markers that wrap the sentence (kz_en); the result is still a
    # verbatim substring of the source
    s = re.sub(r"^(?:__|\*\*)+", "", s)
    s = re.sub(r"(?:__|\*\*)+$", "", s)
    return s.strip()


def keep(s):
    n = len(s.split())
    return MIN_WORDS <= n <= MAX_WORDS


CULTURE_WORDS = [
    r"cultures?", r"cultural(?:ly)?", r"heritages?", r"languages?", r"traditions?",
    r"traditional", r"festivals?", r"exhibitions?", r"museums?", r"art", r"arts", r"music",
    r"films?", r"tourism", r"sports?", r"olympics?", r"olympiads?", r"scholarships?",
    r"students?", r"exchanges?", r"education", r"identity", r"identities", r"diasporas?",
    r"compatriots?", r"brands?", r"branding", r"image", r"reputation", r"soft power",
    r"unesco", r"dialogues?", r"civili[sz]ations?", r"values", r"unity", r"diversity",
    r"pride", r"creative", r"innovation", r"youth", r"history", r"literature", r"poets?",
    r"media", r"broadcast(?:s|ing|er|ers)?",
]
CULTURE_RE = re.compile(r"\b(?:" + "|".join(CULTURE_WORDS) + r")\b", re.IGNORECASE)


# --- corpus --------------------------------------------------------------------------

def load_ungdc(root, y0, y1):
    recs = []
    for d in sorted(os.listdir(root)):
        m = re.match(r"Session (\d+) - (\d{4})$", d)
        if not m or not (y0 <= int(m.group(2)) <= y1):
            continue
        for f in sorted(glob.glob(os.path.join(root, d, "*.txt"))):
            name = os.path.basename(f)
            iso = name.split("_")[0]
            with open(f, encoding="utf-8-sig") as fh:
                raw = fh.read()
            flat = ws(raw)
            for p in ungdc_paragraphs(raw):
                for s in split_sentences(p):
                    s = clean_sentence(s)
                    # keep only sentences that stand verbatim in the whitespace-normalised
                    # source (drops the few that span a removed page number)
                    if keep(s) and s in flat:
                        recs.append({"source": f"ungdc/{name}", "country": iso,
                                     "year": int(m.group(2)), "text": s})
    return recs


def load_kz(root):
    recs = []
    for f in sorted(glob.glob(os.path.join(root, "kz_*.md"))):
        name = os.path.basename(f)
        year = int(re.search(r"_(\d{4})-\d\d-\d\d\.md$", name).group(1))
        with open(f, encoding="utf-8-sig") as fh:
            raw = fh.read()
        flat = ws(raw)
        for p in kz_paragraphs(raw):
            for s in split_sentences(p):
                s = clean_sentence(s)
                if keep(s) and s in flat:
                    recs.append({"source": f"kz_en/{name}", "country": "KAZ",
                                 "year": year, "text": s})
    return recs


def dedup(recs):
    seen, out = set(), []
    for r in recs:
        if r["text"] not in seen:
            seen.add(r["text"])
            out.append(r)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ungdc", default="/tmp/ungdc/UNGDC_1946-2024/TXT")
    ap.add_argument("--kz", default="/work/shared/corpus/kz_en")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "sampled.jsonl"))
    a = ap.parse_args()

    rng = random.Random(SEED)
    ungdc = dedup(load_ungdc(a.ungdc, 1970, 2024))
    kz = dedup(load_kz(a.kz))
    print(f"pool: {len(ungdc)} UNGD sentences 1970-2024, {len(kz)} kz_en sentences")

    taken = set()

    def draw(pool, n, label):
        pool = [r for r in pool if r["text"] not in taken]
        got = rng.sample(pool, n)
        for r in got:
            taken.add(r["text"])
            r["sample"] = label
        return got

    picked = []
    picked += draw(ungdc, N_RANDOM_UNGDC, "random")
    picked += draw(kz, N_RANDOM_KZ, "random")

    cult = [r for r in ungdc + kz if CULTURE_RE.search(r["text"])]
    for iso in FOCUS:
        pool = [r for r in cult if r["country"] == iso and r["year"] >= 1992]
        print(f"culture pool {iso} (1992-2024): {len(pool)}")
        picked += draw(pool, N_CULTURE_FOCUS_EACH, "culture")
    other = [r for r in cult if r["country"] not in FOCUS]
    print(f"culture pool other countries (1970-2024): {len(other)}")
    picked += draw(other, N_CULTURE_OTHER, "culture")

    with open(a.out, "w", encoding="utf-8") as fh:
        for i, r in enumerate(picked, 1):
            rec = {"id": f"g{i:04d}", "source": r["source"], "country": r["country"],
                   "year": r["year"], "sample": r["sample"], "text": r["text"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} sentences to {a.out}")


if __name__ == "__main__":
    main()
