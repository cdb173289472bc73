"""Case attribution: which countries a sentence is about.

A sentence belongs to the case of its document (who speaks), and may also be about other
countries (who is spoken of): "Japan's Cool Japan strategy" is about JPN even in a Kazakh paper.
This component finds country names, adjectives and country-bound institutions from a gazetteer
(`data/countries.yaml`) and writes them to `doc.spans["cultdip_about"]`, labelled with ISO3.

A section heading naming one country ("Japan: Nation Branding through Cool Japan") makes the
sentences under it about that country too, until the next heading:
`heading_kind` and `HeadingCarry` decide that from the paragraphs of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..nlp import blank_pipeline
from .component import stem_specs
from .gazetteer import load_gazetteer

ABOUT_KEY = "cultdip_about"
STEM_MIN_CHARS = 4  # shorter Kazakh names ("Чад") match only as written


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
        # Kazakh adds case and possessive suffixes to names ("Жапонияның", "Қазақстанға"):
        # each word of a form is a stem; among matches of one span the longest stem wins, so
        # "түрікмен" (TKM) is not "түрік" (TUR) + suffix.
        self.stem_matcher = Matcher(nlp.vocab)
        self._stem_keys: dict[int, tuple[str, int]] = {}
        if self.lang == "kk":
            for form, iso3 in gazetteer_entries(self.lang, gazetteer):
                words = [t.text for t in tokenizer_nlp.make_doc(form.lower())]
                if sum(len(w) for w in words) < STEM_MIN_CHARS:
                    continue  # short names match exactly (above), not as stems
                key = f"{iso3}\t{len(form)}"
                self._stem_keys[nlp.vocab.strings.add(key)] = (iso3, len(form))
                self.stem_matcher.add(key, [stem_specs(words)])

    def _stem_spans(self, doc: Doc) -> list[Span]:
        best: dict[tuple[int, int], tuple[int, str]] = {}
        for match_id, start, end in self.stem_matcher(doc):
            iso3, length = self._stem_keys[match_id]
            if length > best.get((start, end), (0, ""))[0]:
                best[(start, end)] = (length, iso3)
        return [Span(doc, start, end, label=iso3) for (start, end), (_, iso3) in best.items()]

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans = [Span(doc, start, end, label=strings[match_id])
                 for matcher in (self.matcher, self.lower_matcher) if len(matcher)
                 for match_id, start, end in matcher(doc)]
        if len(self.stem_matcher):
            spans += self._stem_spans(doc)
        doc.spans[ABOUT_KEY] = filter_spans(spans)
        return doc


HEADING_MAX_WORDS = 15
_CAPTION = re.compile(r"^(figure|fig\.|table|source|sources|chart|рисунок|рис\.|таблица|"
                      r"источник|сурет|кесте|дереккөз)\b", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"^(\d{1,2}(\.\d{1,2})*|[ivxIVX]{1,4}|[a-zа-я])[.)]\s+")
_SENTENCE_INSIDE = re.compile(r"[.!?]\s")


def heading_kind(paragraph: str) -> str | None:
    """"heading", "numbered" (a list-numbered sub-heading), "caption", or None (prose).

    A heading is one short line that does not end like a sentence and has no sentence end
    inside: "Japan: Nation Branding through “Cool Japan” and Heritage", "Discussion".
    """
    text = paragraph.strip()
    # Split no further than one word past the limit: a paragraph of prose has hundreds.
    words = text.split(maxsplit=HEADING_MAX_WORDS)
    if not words or len(words) > HEADING_MAX_WORDS or "\n" in text:
        return None
    if _CAPTION.match(text):
        return "caption"
    numbered = _LIST_NUMBER.match(text)
    body = text[numbered.end():] if numbered else text
    if not body or text[-1] in ".,;!?…-–" or _SENTENCE_INSIDE.search(body):
        return None
    first = body[0]
    if not (first.isupper() or first.isdigit() or first in "«\"“'"):
        return None
    return "numbered" if numbered else "heading"


@dataclass
class HeadingCarry:
    """Walks a document's paragraphs in order and says which country the current section is
    about. A heading naming exactly one country opens its section; a heading naming none or
    several closes it; a numbered sub-heading naming none ("1. Nomadic heritage") stays inside
    the section; captions and prose change nothing."""

    iso3: str | None = None
    name: str = ""

    def see(self, paragraph: str, countries: dict[str, str]) -> bool:
        """Update the section from a paragraph and the countries it names (ISO3 -> the text
        naming it); True when the paragraph is prose or a caption the section covers."""
        kind = heading_kind(paragraph)
        if kind is None:
            return True
        if kind == "caption":
            return False
        if len(countries) == 1:
            self.iso3, self.name = next(iter(countries.items()))
        elif countries or kind == "heading":
            self.iso3, self.name = None, ""
        return False
