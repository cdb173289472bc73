"""From normalised text to sentences, rule tags and country mentions.

Documents are processed paragraph by paragraph (`nlp.pipe`), so a sentence never runs across
a paragraph or page break, memory stays bounded for long files, and every offset is an offset
into the document's normalised text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .codebook import Codebook, load_codebook
from .ingest.language import detect_language, paragraph_language
from .nlp import blank_pipeline, spacy_language_code
from .records import Mention, Page, Sentence, Tag
from .tagging.cases import ABOUT_KEY, CaseAttributor, HeadingCarry
from .tagging.component import SPANS_KEY, CultdipTagger

MAX_PARAGRAPH_CHARS = 100_000


class Analyser:
    """Holds one pipeline per language for a codebook; cheap to call per document."""

    def __init__(self, codebook: Codebook | None, tag: bool = True) -> None:
        self.codebook = codebook
        self.tag = tag and codebook is not None
        self._taggers: dict[str, CultdipTagger] = {}
        self._cases: dict[str, CaseAttributor] = {}

    def _components(self, lang: str) -> tuple[Language, CultdipTagger | None, CaseAttributor]:
        nlp = blank_pipeline(lang)
        if lang not in self._cases:
            self._cases[lang] = CaseAttributor(nlp, lang)
            if self.tag and self.codebook is not None:
                self._taggers[lang] = CultdipTagger(nlp, self.codebook, lang=lang)
        return nlp, self._taggers.get(lang), self._cases[lang]

    @staticmethod
    def _paragraphs(text: str, page: Page) -> Iterator[tuple[int, str]]:
        """(offset, paragraph) pairs of a page; over-long paragraphs are cut at line ends."""
        offset = page.start
        for block in text[page.start:page.end].split("\n\n"):
            start = 0
            while start < len(block):
                piece = block[start:start + MAX_PARAGRAPH_CHARS]
                if start + MAX_PARAGRAPH_CHARS < len(block):
                    cut = max(piece.rfind(". "), piece.rfind("\n"))
                    if cut > MAX_PARAGRAPH_CHARS // 2:
                        piece = piece[:cut + 1]
                if piece.strip():
                    yield offset + start, piece
                start += len(piece)
            offset += len(block) + 2

    def analyse(
        self, document_id: str, text: str, pages: Sequence[Page], language: str | None,
        skip: Sequence[tuple[int, int]] = (),
    ) -> tuple[list[Page], list[Sentence], list[Tag], list[Mention]]:
        """Sentences, tags and mentions of a document; pages come back with their language.

        Paragraphs that start inside a `skip` span (footnote blocks) give no sentences.
        """
        sentences: list[Sentence] = []
        tags: list[Tag] = []
        mentions: list[Mention] = []
        out_pages: list[Page] = []
        codebook_hash = self.codebook.hash if self.codebook else ""
        section = HeadingCarry()
        for page in pages:
            page_text = text[page.start:page.end]
            lang = (language or page.language or detect_language(page_text, default="en")
                    or "en")
            out_pages.append(Page(page.number, page.start, page.end, lang, page.method,
                                  page.error))
            if not page_text.strip():
                continue
            paragraphs = [(offset, paragraph) for offset, paragraph
                          in self._paragraphs(text, page)
                          if not any(start <= offset < end for start, end in skip)]
            for run_lang, run in self._language_runs(paragraphs, lang, language is None):
                nlp, tagger, cases = self._components(run_lang)
                docs = nlp.pipe((p for _, p in run), batch_size=64)
                for (offset, paragraph), doc in zip(run, docs):
                    if tagger is not None:
                        doc = tagger(doc)
                    doc = cases(doc)
                    first_sentence, first_mention = len(sentences), len(mentions)
                    self._collect(doc, paragraph, offset, page.number, document_id, codebook_hash,
                                  sentences, tags, mentions)
                    self._carry(paragraph, section, sentences[first_sentence:],
                                mentions[first_mention:], mentions)
        return out_pages, sentences, tags, mentions

    @staticmethod
    def _language_runs(paragraphs: list[tuple[int, str]], page_lang: str, detect: bool,
                       ) -> Iterator[tuple[str, list[tuple[int, str]]]]:
        """Consecutive paragraphs of one language. Unless the caller fixed the language, a
        paragraph clearly in another script's language (the Russian and Kazakh abstracts of
        an English paper) gets that language's pipeline and patterns."""
        if not detect:
            yield page_lang, paragraphs
            return
        run: list[tuple[int, str]] = []
        run_lang = page_lang
        for item in paragraphs:
            lang = paragraph_language(item[1], page_lang)
            if lang != run_lang and run:
                yield run_lang, run
                run = []
            run_lang = lang
            run.append(item)
        if run:
            yield run_lang, run

    @staticmethod
    def _carry(paragraph: str, section: HeadingCarry, new_sentences: Sequence[Sentence],
               new_mentions: Sequence[Mention], mentions: list[Mention]) -> None:
        """Sentences under a one-country heading are about that country, also those that do
        not name it ("For Kazakhstan, lessons include ..." in the South Korea section is about
        both). The carried mention is an empty span (and text) at the sentence start: the
        country is not named in the sentence, and every mention still slices its text."""
        named: dict[str, str] = {}
        for mention in new_mentions:
            named.setdefault(mention.iso3, mention.text)
        if not section.see(paragraph, named) or section.iso3 is None:
            return
        naming = {mention.sentence_index for mention in new_mentions
                  if mention.iso3 == section.iso3}
        for sentence in new_sentences:
            if sentence.index not in naming:
                mentions.append(Mention(sentence_index=sentence.index, iso3=section.iso3,
                                        start=sentence.start, end=sentence.start, text=""))

    @staticmethod
    def _collect(doc: Doc, text: str, offset: int, page_number: int, document_id: str,
                 codebook_hash: str, sentences: list[Sentence], tags: list[Tag],
                 mentions: list[Mention]) -> None:
        """`text` is the paragraph the doc was made from: spaCy keeps it exactly (doc.text
        would join a Python Token object per token to rebuild it, 15% of the time)."""
        first_index = len(sentences)
        if not len(doc):
            return
        # Array reads instead of a Python Token object per token, and one pass over all the
        # sentences of the doc instead of a few numpy calls per sentence.
        flags = doc.to_array([IS_SPACE, IS_PUNCT, IDX, LENGTH, SENT_START])
        words = flags[:, 0] == 0
        word_positions = numpy.flatnonzero(words)
        if not word_positions.size:
            return
        # Sentence bounds as Doc.sents draws them: a start wherever SENT_START is 1, and at
        # token 0.
        starts = flags[:, 4] == 1
        starts[0] = True
        sentence_of = numpy.cumsum(starts) - 1  # the doc's sentence of each token
        # A sentence holding no word (only spaces) gives no Sentence; the others keep their
        # order. Its first and last word give its characters, its non-punctuation words count.
        kept, first_word = numpy.unique(sentence_of[word_positions], return_index=True)
        last_word = numpy.append(first_word[1:], word_positions.size) - 1
        first_token, last_token = word_positions[first_word], word_positions[last_word]
        char_starts = flags[first_token, 2].tolist()
        char_ends = (flags[last_token, 2] + flags[last_token, 3]).tolist()
        counted = words & (flags[:, 1] == 0)
        n_tokens = numpy.bincount(sentence_of[counted], minlength=int(sentence_of[-1]) + 1)
        for index, start, end, count in zip(
                range(first_index, first_index + len(kept)), char_starts, char_ends,
                n_tokens[kept].tolist()):
            sentences.append(Sentence(index=index, page=page_number, start=offset + start,
                                      end=offset + end, text=text[start:end], n_tokens=count))
        numbering = numpy.full(int(sentence_of[-1]) + 1, -1, dtype=numpy.int64)
        numbering[kept] = numpy.arange(first_index, first_index + len(kept))
        token_sentence = numbering[sentence_of]
        for span in doc.spans.get(SPANS_KEY, []):
            tags.append(Tag(
                document_id=document_id, sentence_index=int(token_sentence[span.start]),
                start=offset + span.start_char, end=offset + span.end_char, code=span.label_,
                text=span.text, source="rule", rule=span._.cultdip_rule,
                score=float(span._.cultdip_score), codebook_hash=codebook_hash,
            ))
        for span in doc.spans.get(ABOUT_KEY, []):
            mentions.append(Mention(sentence_index=int(token_sentence[span.start]), iso3=span.label_,
                                    start=offset + span.start_char, end=offset + span.end_char,
                                    text=text[span.start_char:span.end_char]))


def analyser_for(codebook_reference: str | None, tag: bool = True) -> Analyser:
    return Analyser(load_codebook(codebook_reference) if tag else None, tag=tag)


__all__ = ["Analyser", "analyser_for", "spacy_language_code"]
