"""The rule tagger as a registered spaCy component: `nlp.add_pipe("cultdip_tagger")`.

It reads its rules from a codebook (data), never from code. Phrases match on token text
(lower-cased), lemma patterns on NORM (the lower-cased lemma set by `cultdip_lemma_norm`),
token patterns through spaCy's Matcher, regexes token by token. Context rules are checked per
sentence. Found tags go to `doc.spans["cultdip"]` with the rule, pattern and score on each span.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab
from spacy.util import filter_spans

from ..codebook import Codebook, Pattern, load_codebook
from ..nlp import blank_pipeline
from .word_classes import WORD_CLASSES, class_words
from .word_gate import Requirement, WordGate

SPANS_KEY = "cultdip"
SCOPE_BREAKERS = frozenset({"but", "however", "yet", "although", "though", "whereas",
                            "но", "однако", "а", "бірақ", "алайда"})



def _explanation_extension(name: str) -> tuple:
    """Getter and setter that key a span's explanation by its label as well as its offsets.

    Why: spaCy keys a plain span extension by (start, end) only, so when two codes tag the same
    words ("national languages" is identity.language and identity.diversity_unity) the second
    tag's rule, pattern and score overwrote the first's and `explain` named the wrong rule."""

    def get(span: Span) -> object:
        return span.doc.user_data.get(("cultdip", name, span.start, span.end, span.label))

    def put(span: Span, value: object) -> None:
        span.doc.user_data[("cultdip", name, span.start, span.end, span.label)] = value

    return get, put


for _name in ("cultdip_rule", "cultdip_pattern", "cultdip_score", "cultdip_negation"):
    _getter, _setter = _explanation_extension(_name)
    Span.set_extension(_name, getter=_getter, setter=_setter, force=True)


def stem_specs(stems: list[str]) -> list[dict]:
    """A `stems` pattern as Matcher specs: each word is a token beginning with that stem, so
    "мәдени орталы" finds "мәдени орталық", "мәдени орталықтары", "мәдени орталығында".
    Punctuation inside ("к-рор") must match exactly."""
    return [{"LOWER": {"REGEX": "^" + re.escape(stem)}} if any(c.isalnum() for c in stem)
            else {"LOWER": stem} for stem in stems]


def _expand_first_set(spec: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    """A token pattern whose first token is a set ({"LOWER": {"IN": [...]}}) as one pattern
    per member, each starting with a plain value ({"LOWER": "our"}). Same matches.

    Why: the Matcher tries every pattern's first token at every token of the text, and a set
    test is a Python call with a new Token object each time: 8 such patterns were a quarter
    of the pipeline's time. A plain value is compared in C.
    """
    if not spec:
        return [spec]
    first = spec[0]
    if len(first) != 1:
        return [spec]
    (attribute, test), = first.items()
    if not isinstance(test, dict) or list(test) != ["IN"] or not isinstance(test["IN"], list) \
            or not all(isinstance(value, str) for value in test["IN"]):
        return [spec]
    return [[{attribute: value}, *spec[1:]] for value in dict.fromkeys(test["IN"])]


_COLUMNS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM}


@dataclass(frozen=True)
class _TokenPattern:
    matcher: Matcher
    # (attribute ORTH/LOWER/NORM, word hashes): a match needs one of the words in that
    # attribute for each entry
    required: list[Requirement]
    within_sentences: bool  # every token is a word: no match crosses a sentence end


def _word_test(token: dict[str, object]) -> tuple[str, list[str]] | None:
    """(attribute, words) of a token spec that tests one ORTH/TEXT/LOWER/NORM value or set."""
    tests = {key: value for key, value in token.items() if key != "OP"}
    if len(tests) != 1:
        return None
    (attribute, test), = tests.items()
    attribute = str(attribute).upper()
    if attribute not in _COLUMNS:
        return None
    if isinstance(test, str):
        return attribute, [test]
    if isinstance(test, dict) and list(test) == ["IN"] and isinstance(test["IN"], list) \
            and all(isinstance(v, str) for v in test["IN"]):
        return attribute, list(test["IN"])
    return None


def _required_words(spec: list[dict[str, object]], vocab: Vocab) -> list[Requirement]:
    """For each token a pattern cannot match without (no OP, or OP "+", and a word test):
    the column and the word hashes one of which must occur for the pattern to match."""
    required = []
    for token in spec:
        if token.get("OP") not in (None, "+"):
            continue
        test = _word_test(token)
        if test is None:
            continue
        attribute, words = test
        required.append((_COLUMNS[attribute],
                         frozenset(vocab.strings.add(word) for word in words)))
    return required


def _words_only(spec: list[dict[str, object]]) -> bool:
    """Every token of the pattern is a word test whose words hold a letter or digit, so
    no token of a match can be the punctuation the sentencizer ends a sentence after."""
    for token in spec:
        test = _word_test(token)
        if test is None or token.get("OP") == "!" or not all(
                any(c.isalnum() for c in word) for word in test[1]):
            return False  # "!" matches any other token, punctuation included
    return bool(spec)


@dataclass(frozen=True)
class RuleHit:
    start: int  # token index
    end: int
    pattern: Pattern
    score: float | None = None  # None: the pattern's score
    negation: str | None = None  # the negation cue that lowered the score


@Language.factory(
    "cultdip_tagger",
    default_config={"codebook": "default", "spans_key": SPANS_KEY, "lang": None},
)
def make_cultdip_tagger(
    nlp: Language, name: str, codebook: str, spans_key: str, lang: str | None
) -> "CultdipTagger":
    return CultdipTagger(nlp, load_codebook(codebook), spans_key=spans_key, lang=lang)


class CultdipTagger:
    """Finds codebook patterns in a Doc and keeps those whose context rules hold."""

    def __init__(self, nlp: Language, codebook: Codebook, spans_key: str = SPANS_KEY,
                 lang: str | None = None) -> None:
        self.codebook = codebook
        self.spans_key = spans_key
        self.lang = lang or nlp.lang
        if self.lang == "xx":
            self.lang = "kk"
        self.vocab = nlp.vocab
        # A user's own pipeline may lack our sentencizer and lemmas: bring them along.
        self._prepare = [] if "cultdip_lemma_norm" in nlp.pipe_names else [
            proc for _, proc in blank_pipeline(self.lang).pipeline
        ]
        self._patterns = [p for p in codebook.patterns() if p.lang == self.lang]
        self._by_key: dict[str, Pattern] = {}
        self._phrase = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._lemma = PhraseMatcher(nlp.vocab, attr="NORM")
        # One Matcher per token pattern, run only where every word it requires occurs.
        self._tokens: list[_TokenPattern] = []
        self._gate = WordGate([])
        self._names = PhraseMatcher(nlp.vocab, attr="ORTH")  # gazetteers: case matters
        self._excludes = PhraseMatcher(nlp.vocab, attr="NORM")
        self._regexes: list[tuple[re.Pattern[str], Pattern]] = []
        self._requires_cache: dict[str, tuple[frozenset[str], tuple[str, ...], frozenset[str]]] = {}
        self._negation = codebook.negation
        self._cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._post_regex: re.Pattern[str] | None = None
        self._build()

    def _pattern_doc(self, text: str) -> Doc:
        doc = blank_pipeline(self.lang).make_doc(text)
        for _, proc in blank_pipeline(self.lang).pipeline:
            doc = proc(doc)
        return doc

    def _build(self) -> None:
        for pattern in self._patterns:
            key = pattern.id
            self._by_key[key] = pattern
            if pattern.kind == "phrase":
                self._phrase.add(key, [blank_pipeline(self.lang).make_doc(pattern.value)])
            elif pattern.kind == "lemma":
                self._lemma.add(key, [self._pattern_doc(pattern.value)])
            elif pattern.kind == "tokens":
                matcher = Matcher(self.vocab)
                matcher.add(key, _expand_first_set(pattern.value))
                required = _required_words(pattern.value, self.vocab)
                self._tokens.append(_TokenPattern(
                    matcher, required, bool(required) and _words_only(pattern.value)))
            elif pattern.kind == "stems":
                words = [t.text for t in blank_pipeline(self.lang).make_doc(pattern.value)]
                matcher = Matcher(self.vocab)
                matcher.add(key, [stem_specs(words)])
                self._tokens.append(_TokenPattern(matcher, [], False))
            elif pattern.kind == "gazetteer":
                make = blank_pipeline(self.lang).make_doc
                self._names.add(key, [make(name) for name in pattern.value])
            elif pattern.kind == "regex":
                self._regexes.append((re.compile(pattern.value), pattern))
            if pattern.excludes:
                self._excludes.add(key, [self._pattern_doc(p) for p in pattern.excludes])
        self._gate = WordGate([pattern.required for pattern in self._tokens])
        if self._negation is not None:
            make = blank_pipeline(self.lang).make_doc
            cues = self._negation.cues.get(self.lang, ())
            not_cues = self._negation.not_cues.get(self.lang, ())
            post_cues = self._negation.post_cues.get(self.lang, ())
            if cues:
                self._cues.add("cue", [make(c) for c in cues])
            if post_cues:
                self._cues.add("post_cue", [make(c) for c in post_cues])
            if not_cues:
                self._cues.add("not_cue", [make(c) for c in not_cues])
            post_regex = self._negation.post_regex.get(self.lang, ())
            if post_regex:  # Kazakh verb negation by suffix: "ашылмады", "болмайды"
                self._post_regex = re.compile("|".join(f"(?:{r})" for r in post_regex))

    def __call__(self, doc: Doc) -> Doc:
        for proc in self._prepare:
            doc = proc(doc)
        spans = [self._span(doc, hit) for hit in self.hits(doc)]
        doc.spans[self.spans_key] = spans
        return doc

    def hits(self, doc: Doc) -> list[RuleHit]:
        """Matches whose context rules hold, longest first among overlaps of one code."""
        strings = self.vocab.strings
        raw: list[RuleHit] = []
        for matcher in (self._phrase, self._lemma, self._names):
            if not len(matcher):
                continue
            for match_id, start, end in matcher(doc):
                raw.append(RuleHit(start, end, self._by_key[strings[match_id]]))
        for match_id, start, end in self._token_matches(doc):
            raw.append(RuleHit(start, end, self._by_key[strings[match_id]]))
        for regex, pattern in self._regexes:
            for token in doc:
                if regex.search(token.text):
                    raw.append(RuleHit(token.i, token.i + 1, pattern))
        if not raw:
            return []
        if doc.has_annotation("SENT_START"):  # as Doc.sents draws them, without the Spans
            bounds = doc.to_array(SENT_START)[1:] == 1
            sentence_starts = [0, *(numpy.flatnonzero(bounds) + 1).tolist()]
        else:
            sentence_starts = [0]
        excluded = defaultdict(list)
        for match_id, start, end in (self._excludes(doc) if len(self._excludes) else ()):
            excluded[strings[match_id]].append((start, end))
        kept = [hit for hit in raw if self._context_holds(doc, hit, sentence_starts, excluded)]
        kept = self._apply_negation(doc, kept, sentence_starts)
        return self._longest_per_code(kept)

    def _token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The token patterns' matches, each Matcher run only where it can match.

        spaCy's Matcher makes a Python Token object for every token it passes, so running
        eight of them over every paragraph cost a quarter of the pipeline. A pattern runs on
        a doc only if the doc holds a word for each token the pattern requires, and a pattern
        made of words alone (it cannot match the punctuation a sentence ends with, so none of
        its matches crosses a sentence) only on the sentences that hold them all.
        """
        if not self._tokens or not len(doc):
            return []
        hits = self._gate.hits(doc)
        present = hits.present()
        sentences: tuple[numpy.ndarray, numpy.ndarray] | None = None
        bounds: list[int] = []
        found: list[tuple[int, int, int]] = []
        for pattern, requirements in zip(self._tokens, self._gate.requirements_of):
            if not present[requirements].all():
                continue
            if not pattern.within_sentences or not doc.has_annotation("SENT_START"):
                found.extend(pattern.matcher(doc))
                continue
            if sentences is None:
                starts = doc.to_array(SENT_START)[1:] == 1
                starts_at = (numpy.flatnonzero(starts) + 1).tolist()
                bounds = [0, *starts_at, len(doc)]
                sentence_of = numpy.zeros(len(doc), dtype=numpy.int64)
                sentence_of[starts_at] = 1
                sentences = hits.by_sentence(numpy.cumsum(sentence_of))
            held, filled = sentences
            for sentence in held[filled[:, requirements].all(axis=1)].tolist():
                span = doc[bounds[sentence]:bounds[sentence + 1]]
                found.extend((match_id, span.start + start, span.start + end)
                             for match_id, start, end in pattern.matcher(span))
        return found

    def _negation_cues(self, doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(start, end) of cues before and of cues after a match ("емес", "жоқ"), leaving
        out those inside a non-negating phrase ("not only", "ғана емес")."""
        if not len(self._cues) and self._post_regex is None:
            return [], []
        strings = self.vocab.strings
        cue_id, post_id = strings["cue"], strings["post_cue"]
        found = list(self._cues(doc)) if len(self._cues) else []
        if self._post_regex is not None:
            search = self._post_regex.search
            found += [(post_id, token.i, token.i + 1) for token in doc if search(token.lower_)]
        blocked = [(s, e) for m, s, e in found if m not in (cue_id, post_id)]

        def free(kind: int) -> list[tuple[int, int]]:
            return sorted((s, e) for m, s, e in found if m == kind
                          and not any(bs <= s and e <= be for bs, be in blocked))

        return free(cue_id), free(post_id)

    @staticmethod
    def _scope_breaks(doc: Doc, start: int, end: int) -> bool:
        """A cue's scope ends at punctuation or "but": "where a centre is not feasible,
        Kazakhstan Corners..." does not negate the corners."""
        return any(doc[i].is_punct or doc[i].lower_ in SCOPE_BREAKERS for i in range(start, end))

    def _apply_negation(self, doc: Doc, hits: list[RuleHit],
                        starts: list[int]) -> list[RuleHit]:
        negation = self._negation
        if negation is None or not hits:
            return hits
        cues, post_cues = self._negation_cues(doc)
        if not cues and not post_cues:
            return hits
        result = []
        for hit in hits:
            action = hit.pattern.negation or negation.action
            sent_start, sent_end = self._sentence_bounds(doc, hit.start, starts)
            low = max(sent_start, hit.start - negation.window)
            high = min(sent_end, hit.end + negation.window)
            cue = next(((s, e) for s, e in cues if low <= s and e <= hit.start
                        and not self._scope_breaks(doc, e, hit.start)), None)
            if cue is None:
                cue = next(((s, e) for s, e in post_cues if hit.end <= s < high
                            and not self._scope_breaks(doc, hit.end, s)), None)
            if cue is None or action == "ignore":
                result.append(hit)
            elif action == "lower":
                result.append(RuleHit(hit.start, hit.end, hit.pattern,
                                      score=hit.pattern.score * negation.factor,
                                      negation=doc[cue[0]:cue[1]].text))
        return result

    @staticmethod
    def _sentence_bounds(doc: Doc, index: int, starts: list[int]) -> tuple[int, int]:
        position = bisect.bisect_right(starts, index) - 1
        start = starts[max(position, 0)]
        end = starts[position + 1] if position + 1 < len(starts) else len(doc)
        return start, end

    def _context_holds(self, doc: Doc, hit: RuleHit, starts: list[int],
                       excluded: dict[str, list[tuple[int, int]]]) -> bool:
        pattern = hit.pattern
        sent_start, sent_end = self._sentence_bounds(doc, hit.start, starts)
        if pattern.window:
            low = max(sent_start, hit.start - pattern.window)
            high = min(sent_end, hit.end + pattern.window)
        else:
            low, high = sent_start, sent_end
        if pattern.requires_any:
            wanted, stems, written = self._required(pattern)
            if not any(
                doc[i].norm_ in wanted or doc[i].lower_ in wanted
                or (stems and doc[i].lower_.startswith(stems))
                or (written and doc[i].text in written)
                for i in range(low, high) if not hit.start <= i < hit.end
            ):
                return False
        for start, end in excluded.get(pattern.id, ()):
            if start < high and end > low:
                return False
        return True

    def _required(self, pattern: Pattern) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
        """`requires` words split into exact lemmas, stems ("мәдени*": any word beginning
        so, for suffixing languages such as Kazakh) and words matched as written (the English
        forms of a word class such as "@nationality", see word_classes.py)."""
        found = self._requires_cache.get(pattern.id)
        if found is None:
            words = [w for w in pattern.requires_any if w not in WORD_CLASSES]
            exact = frozenset(w for w in words if not w.endswith("*"))
            stems = tuple(w[:-1] for w in words if w.endswith("*"))
            written: frozenset[str] = frozenset()
            for name in pattern.requires_any:
                if name in WORD_CLASSES:
                    class_written, class_lemmas, class_stems = class_words(name, self.lang)
                    written, exact = written | class_written, exact | class_lemmas
                    stems += class_stems
            found = self._requires_cache[pattern.id] = (exact, stems, written)
        return found

    @staticmethod
    def _longest_per_code(hits: list[RuleHit]) -> list[RuleHit]:
        by_code: dict[str, list[RuleHit]] = defaultdict(list)
        for hit in hits:
            by_code[hit.pattern.code].append(hit)
        result: list[RuleHit] = []
        for code_hits in by_code.values():
            code_hits.sort(key=lambda h: (h.start, -(h.end - h.start), -h.pattern.score,
                                          h.pattern.id))
            chosen: list[RuleHit] = []
            for hit in sorted(code_hits, key=lambda h: (-(h.end - h.start), h.start,
                                                        -h.pattern.score, h.pattern.id)):
                if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
                    chosen.append(hit)
            result.extend(chosen)
        result.sort(key=lambda h: (h.start, h.end, h.pattern.code))
        return result

    def _span(self, doc: Doc, hit: RuleHit) -> Span:
        span = Span(doc, hit.start, hit.end, label=hit.pattern.code)
        span._.cultdip_rule = hit.pattern.id
        span._.cultdip_pattern = hit.pattern.describe()
        span._.cultdip_score = hit.pattern.score if hit.score is None else hit.score
        span._.cultdip_negation = hit.negation
        return span


__all__ = ["CultdipTagger", "make_cultdip_tagger", "SPANS_KEY", "filter_spans"]
