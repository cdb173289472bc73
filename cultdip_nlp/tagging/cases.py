"""Case attribution: which countries a sentence is about.

A sentence belongs to the case of its document (who speaks), and may also be about other
countries (who is spoken of): "Japan's Cool Japan strategy" is about JPN even in a Kazakh paper.
This component finds country names, adjectives and country-bound institutions from a gazetteer
(`data/countries.yaml`) and writes them to `doc.spans["cultdip_about"]`, labelled with ISO3.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..nlp import blank_pipeline

ABOUT_KEY = "cultdip_about"


def gazetteer_path() -> Path:
    return Path(str(resources.files("cultdip_nlp") / "data" / "countries.yaml"))


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> dict[str, Any]:
    with open(path or gazetteer_path(), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def gazetteer_entries(lang: str, path: str | None = None) -> list[tuple[str, str]]:
    """(surface form, ISO3) pairs for a language, institutions included (they are names)."""
    data = load_gazetteer(path)
    ambiguous = {str(item.get("text")) for item in data.get("ambiguous", []) or []
                 if isinstance(item, dict)}
    entries: list[tuple[str, str]] = []
    for country in data.get("countries", []):
        forms = country.get(lang) or {}
        for kind in ("names", "adjectives"):
            for form in forms.get(kind, []) or []:
                if form and str(form) not in ambiguous:
                    entries.append((str(form), str(country["iso3"])))
    for institution in data.get("institutions", []) or []:
        entries.append((str(institution["name"]), str(institution["iso3"])))
    return entries


@Language.factory("cultdip_cases", default_config={"lang": None, "gazetteer": None})
def make_cultdip_cases(nlp: Language, name: str, lang: str | None,
                       gazetteer: str | None) -> "CaseAttributor":
    return CaseAttributor(nlp, lang or nlp.lang, gazetteer)


class CaseAttributor:
    """Marks country mentions; proper names are matched case-sensitively (ORTH)."""

    def __init__(self, nlp: Language, lang: str, gazetteer: str | None = None) -> None:
        self.lang = "kk" if lang == "xx" else lang
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        tokenizer_nlp = blank_pipeline(self.lang)
        by_iso: dict[str, list[Doc]] = {}
        by_iso_lemma: dict[str, list[Doc]] = {}
        for form, iso3 in gazetteer_entries(self.lang, gazetteer):
            by_iso.setdefault(iso3, []).append(tokenizer_nlp.make_doc(form))
            if self.lang in ("ru", "kk"):
                # Inflected languages: match on lemmas (Russian) / lower-cased forms.
                doc = tokenizer_nlp.make_doc(form.lower())
                for _, proc in tokenizer_nlp.pipeline:
                    doc = proc(doc)
                by_iso_lemma.setdefault(iso3, []).append(doc)
        for iso3, docs in by_iso.items():
            self.matcher.add(iso3, docs)
        for iso3, docs in by_iso_lemma.items():
            self.lower_matcher.add(iso3, docs)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans = [Span(doc, start, end, label=strings[match_id])
                 for matcher in (self.matcher, self.lower_matcher) if len(matcher)
                 for match_id, start, end in matcher(doc)]
        doc.spans[ABOUT_KEY] = filter_spans(spans)
        return doc
