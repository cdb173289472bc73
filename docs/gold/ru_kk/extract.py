#!/usr/bin/env python3
"""Extract the uncoded ru/kk gold texts from the real sources (reproducible, no hand copying).

Writes docs/gold/ru_kk/extracted.jsonl: the sentences of the seed paper's Russian and Kazakh
abstracts (and the English one, for the parallel comparison), split by the project's own
sentencizer, and the UDHR paragraphs on culture, education, language and belief in Russian and
Kazakh from ../shared/corpus/ru_kk (the English paragraphs are in english_udhr.json, transcribed
from the official UN text, since the shared corpus has no English UDHR file).

Usage: python docs/gold/ru_kk/extract.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
UDHR_NS = "{http://www.unhchr.ch/udhr}"
# (article, paragraph index) pairs: non-discrimination on language, belief, expression,
# cultural rights, education, cultural life.
UDHR_PARAGRAPHS = [(2, 0), (18, 0), (19, 0), (22, 0), (26, 0), (26, 1), (26, 2), (27, 0), (27, 1)]
ABSTRACTS = {  # language -> (first words, the words that follow the abstract)
    "en": ("Abstract. Kazakhstan", "Key words:"),
    "ru": ("Аннотация. Культурная", "Ключевые слова:"),
    "kk": ("Аңдатпа. Қазақстанның", "Тірек сөздер:"),
}


def abstract_sentences(paper: str, lang: str) -> list[str]:
    from cultdip_nlp.nlp import blank_pipeline

    first, stop = ABSTRACTS[lang]
    start = paper.index(first)
    text = " ".join(paper[start:paper.index(stop, start)].split())  # joins the page break
    doc = blank_pipeline(lang)(text)
    sentences = [s.text.strip() for s in doc.sents]
    return [s for s in sentences if len(s.split()) > 1]  # drops the "Abstract." label


def udhr_paragraphs(path: Path) -> dict[tuple[int, int], str]:
    root = ElementTree.parse(path).getroot()
    found = {}
    for article in root.iter(f"{UDHR_NS}article"):
        number = int(article.get("number"))
        for index, para in enumerate(article.iter(f"{UDHR_NS}para")):
            found[(number, index)] = " ".join("".join(para.itertext()).split())
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    paper = (args.shared / "seed-paper-cultural-diplomacy-kazakhstan.txt").read_text(encoding="utf-8")
    records = []
    for lang in ("en", "ru", "kk"):
        for number, sentence in enumerate(abstract_sentences(paper, lang), start=1):
            records.append({"id": f"abs-{lang}-{number:02d}", "lang": lang, "sample": "seed_abstract",
                            "source": "seed-paper-cultural-diplomacy-kazakhstan.txt",
                            "parallel": f"abs-{number:02d}", "text": sentence})
    english = json.loads((HERE / "english_udhr.json").read_text(encoding="utf-8"))
    sources = {"ru": args.shared / "corpus/ru_kk/udhr_rus.xml",
               "kk": args.shared / "corpus/ru_kk/udhr_kaz.xml"}
    paragraphs = {lang: udhr_paragraphs(path) for lang, path in sources.items()}
    for lang in ("en", "ru", "kk"):
        for article, index in UDHR_PARAGRAPHS:
            key = f"{article}.{index + 1}"
            text = english[key] if lang == "en" else paragraphs[lang][(article, index)]
            source = ("UN official English text of the UDHR" if lang == "en"
                      else f"corpus/ru_kk/{sources[lang].name}")
            records.append({"id": f"udhr-{lang}-{key}", "lang": lang, "sample": "udhr",
                            "source": source, "parallel": f"udhr-{key}", "text": text})
    out = HERE / "extracted.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{out}: {len(records)} records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
