"""From the store to bags of words, streamed: lemmas, stop words, boilerplate, phrases, vocabulary.

Preprocessing is where most of a topic model's coherence is won: lemmas merge "festivals" and
"festival", the boilerplate of diplomatic speech ("united nations", "mr president") would
otherwise join every topic, and phrases keep "human_right" or "climate_change" as one term.

Nothing holds the corpus in memory: documents are read from SQLite one at a time, the
lemmas of each sentence go to a gzip JSONL cache, and units, phrases, the dictionary and the
Matrix Market corpus are built by streaming over that cache. The lemma cache is keyed by the
documents and the settings that change lemmas (stop words, boilerplate); the prepared corpus
by the documents and every setting. So a sweep over K or a refit with another seed prepares
nothing again, and trying another unit size or vocabulary filter skips the slow part.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from gensim.corpora import Dictionary, MmCorpus
from gensim.models.phrases import FrozenPhrases, Phrases
from spacy.language import Language

from ..nlp import blank_pipeline
from .settings import PrepareSettings

SENTENCES_FILE = "sentences.jsonl.gz"  # raw content lemmas per sentence
TEXTS_FILE = "texts.jsonl.gz"        # phrased, in-vocabulary tokens per kept unit
INDEX_FILE = "index.jsonl"           # (document, first sentence, last sentence) per kept unit
DICTIONARY_FILE = "dictionary.gensim"
PHRASES_FILE = "phrases.pkl"
CORPUS_FILE = "corpus.mm"
DONE_FILE = "prepared.json"


@dataclass(frozen=True)
class Unit:
    """A run of sentences of one document: what the topic model sees as a 'document'."""

    document_id: str
    first: int
    last: int


class Lemmatizer:
    """Content lemmas of a text: lemmas minus stop words, boilerplate, numbers, short words."""

    def __init__(self, settings: PrepareSettings) -> None:
        self.settings = settings
        self.nlp: Language = blank_pipeline(settings.language)
        self.stop_words = {w.lower() for w in self.nlp.Defaults.stop_words}
        self.stop_words |= {w.lower() for w in settings.extra_stop_words}
        self.boilerplate: dict[str, list[tuple[str, ...]]] = {}
        for phrase in settings.boilerplate:
            lemmas = tuple(t.norm_ for t in self._docs([phrase])[0] if not t.is_space)
            if lemmas:
                self.boilerplate.setdefault(lemmas[0], []).append(lemmas)
        for candidates in self.boilerplate.values():
            candidates.sort(key=len, reverse=True)

    def _docs(self, texts: Iterable[str]) -> list:  # type: ignore[type-arg]
        return list(self.nlp.pipe(texts, disable=["sentencizer"]))

    def pipe(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[list[str]]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size, disable=["sentencizer"]):
            yield self.content(doc)

    def content(self, doc) -> list[str]:  # type: ignore[no-untyped-def]
        tokens = [t for t in doc if not t.is_space and not t.is_punct]
        lemmas = [t.norm_ for t in tokens]
        out: list[str] = []
        i = 0
        minimum = self.settings.min_token_length
        while i < len(tokens):
            skip = 0
            for candidate in self.boilerplate.get(lemmas[i], ()):
                if tuple(lemmas[i:i + len(candidate)]) == candidate:
                    skip = len(candidate)
                    break
            if skip:
                i += skip
                continue
            token = tokens[i]
            lemma = lemmas[i]
            if (token.is_alpha and len(lemma) >= minimum and lemma not in self.stop_words
                    and token.lower_ not in self.stop_words):
                out.append(lemma)
            i += 1
        return out


def select_documents(connection: sqlite3.Connection, language: str,
                     documents: Iterable[str] | None = None) -> list[tuple[str, str | None, int | None]]:
    """(id, country, year) of the stored documents the model is made of, in a stable order."""
    rows = connection.execute(
        "SELECT id, country, year FROM documents WHERE status = 'ok'"
        " AND (language = ? OR language IS NULL) AND n_sentences > 0 ORDER BY id", (language,))
    wanted = set(documents) if documents is not None else None
    return [(r[0], r[1], r[2]) for r in rows if wanted is None or r[0] in wanted]


# The settings that decide the lemmas of each unit; the others (phrases, vocabulary) work on
# those lemmas, so changing only them reuses the slow part of preparation.
LEMMA_SETTINGS = ("language", "min_token_length", "boilerplate", "extra_stop_words")


def corpus_hash(document_ids: Iterable[str], settings: PrepareSettings,
                fields: Iterable[str] | None = None) -> str:
    """Documents are content-addressed, so their ids plus the settings identify the corpus."""
    digest = hashlib.sha256()
    for document_id in document_ids:
        digest.update(document_id.encode("ascii") + b"\n")
    values = asdict(settings)
    if fields is not None:
        values = {name: values[name] for name in fields}
    digest.update(json.dumps(values, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()


def _sentences(connection: sqlite3.Connection, document_id: str) -> list[tuple[int, str]]:
    return [(r[0], r[1]) for r in connection.execute(
        "SELECT idx, text FROM sentences WHERE document_id = ? ORDER BY idx", (document_id,))]


def _read_jsonl(path: Path) -> Iterator[list]:  # type: ignore[type-arg]
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _units(path: Path, step: int) -> Iterator[tuple[str, int, int, list[str]]]:
    """(document, first sentence, last sentence, raw lemmas) per unit of `step` sentences."""
    current: tuple[str, int, int, list[str]] | None = None
    count = 0
    for document_id, index, tokens in _read_jsonl(path):
        if current is not None and (current[0] != document_id or (step > 0 and count == step)):
            yield current
            current = None
        if current is None:
            current = (document_id, index, index, list(tokens))
            count = 1
        else:
            current = (document_id, current[1], index, current[3] + tokens)
            count += 1
    if current is not None:
        yield current


class _Tokens:
    """Re-iterable raw unit tokens from the cache (Phrases and Dictionary iterate it)."""

    def __init__(self, path: Path, step: int, phrases: FrozenPhrases | None = None) -> None:
        self.path = path
        self.step = step
        self.phrases = phrases

    def __iter__(self) -> Iterator[list[str]]:
        for _, _, _, tokens in _units(self.path, self.step):
            yield self.phrases[tokens] if self.phrases is not None else tokens


class PreparedCorpus:
    """A prepared corpus on disk: dictionary, phrases, bags of words and unit index."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        info = json.loads((folder / DONE_FILE).read_text(encoding="utf-8"))
        self.hash: str = info["hash"]
        self.stats: dict[str, int] = info["stats"]
        self.settings = PrepareSettings(**{k: tuple(v) if isinstance(v, list) else v
                                           for k, v in info["settings"].items()})
        self.dictionary = Dictionary.load(str(folder / DICTIONARY_FILE))
        self.phrases = FrozenPhrases.load(str(folder / PHRASES_FILE))
        self.units = [Unit(*json.loads(line)) for line in
                      (folder / INDEX_FILE).read_text(encoding="utf-8").splitlines()]

    def bows(self) -> MmCorpus:
        """The bag-of-words corpus, streamed from disk on every pass."""
        return MmCorpus(str(self.folder / CORPUS_FILE))

    def unit_texts(self) -> Iterator[list[str]]:
        for tokens in _read_jsonl(self.folder / TEXTS_FILE):
            yield tokens

    def document_texts(self) -> "DocumentTexts":
        return DocumentTexts(self)

    def tokens_for(self, lemmatizer: Lemmatizer, texts: Iterable[str]) -> Iterator[list[str]]:
        """New text (a sentence to tag, an annotate record) prepared exactly like the corpus."""
        for tokens in lemmatizer.pipe(texts):
            yield [t for t in self.phrases[tokens] if t in self.dictionary.token2id]


class DocumentTexts:
    """Re-iterable token lists per document: the reference texts of c_v and NPMI coherence."""

    def __init__(self, corpus: PreparedCorpus) -> None:
        self.corpus = corpus

    def __iter__(self) -> Iterator[list[str]]:
        current: str | None = None
        tokens: list[str] = []
        for unit, unit_tokens in zip(self.corpus.units, self.corpus.unit_texts()):
            if unit.document_id != current and tokens:
                yield tokens
                tokens = []
            current = unit.document_id
            tokens.extend(unit_tokens)
        if tokens:
            yield tokens


def prepare(connection: sqlite3.Connection, cache_root: Path, settings: PrepareSettings,
            documents: Iterable[str] | None = None, progress: bool = False) -> PreparedCorpus:
    """Prepare (or find already prepared) the corpus of the stored documents."""
    selected = select_documents(connection, settings.language, documents)
    if not selected:
        raise ValueError(f"no documents in language {settings.language!r} with sentences")
    digest = corpus_hash((d for d, _, _ in selected), settings)
    folder = cache_root / digest[:16]
    if (folder / DONE_FILE).exists():
        return PreparedCorpus(folder)
    folder.mkdir(parents=True, exist_ok=True)
    units_path = _lemmatize(connection, cache_root, selected, settings, progress)
    _build(folder, units_path, digest, len(selected), settings)
    return PreparedCorpus(folder)


def _lemmatize(connection: sqlite3.Connection, cache_root: Path,
               selected: list[tuple[str, str | None, int | None]], settings: PrepareSettings,
               progress: bool) -> Path:
    """Content lemmas per sentence in a gzip JSONL file, shared by every unit size and
    vocabulary setting (they only regroup and filter these lemmas)."""
    lemma_digest = corpus_hash((d for d, _, _ in selected), settings, LEMMA_SETTINGS)
    folder = cache_root / f"lemmas-{lemma_digest[:16]}"
    units_path = folder / SENTENCES_FILE
    if (folder / DONE_FILE).exists():
        return units_path
    folder.mkdir(parents=True, exist_ok=True)
    lemmatizer = Lemmatizer(settings)
    iterator: Iterable[tuple[str, str | None, int | None]] = selected
    if progress:
        from tqdm import tqdm
        iterator = tqdm(selected, desc="lemmas", unit="doc")
    with gzip.open(units_path, "wt", encoding="utf-8", compresslevel=1) as handle:
        for document_id, _, _ in iterator:
            sentences = _sentences(connection, document_id)
            for (index, _), lemmas in zip(sentences, lemmatizer.pipe(t for _, t in sentences)):
                handle.write(json.dumps([document_id, index, lemmas]) + "\n")
    (folder / DONE_FILE).write_text(json.dumps({"hash": lemma_digest}), encoding="utf-8")
    return units_path


def effective_no_below(settings: PrepareSettings, units: int) -> int:
    """A word must be in `no_below_share` of the units, and in at least `no_below` of them.

    A fixed count does not fit every corpus: 30 units keeps the topic words of 2,000
    speeches and nothing of 40.
    """
    return max(settings.no_below, math.ceil(settings.no_below_share * units))


def _build(folder: Path, units_path: Path, digest: str, documents: int,
           settings: PrepareSettings) -> None:
    """Phrases, filtered dictionary, Matrix Market corpus and unit index from cached lemmas."""
    step = settings.unit_sentences
    phrases = Phrases(_Tokens(units_path, step), min_count=settings.phrases_min_count,
                      threshold=settings.phrases_threshold, scoring="npmi").freeze()
    phrases.save(str(folder / PHRASES_FILE))
    dictionary = Dictionary(_Tokens(units_path, step, phrases))
    dictionary.filter_extremes(no_below=effective_no_below(settings, dictionary.num_docs),
                               no_above=settings.no_above, keep_n=settings.keep_n)
    dictionary.compactify()
    dictionary.save(str(folder / DICTIONARY_FILE))
    kept_units = 0
    tokens_total = 0
    with (open(folder / INDEX_FILE, "w", encoding="utf-8") as index,
          gzip.open(folder / TEXTS_FILE, "wt", encoding="utf-8", compresslevel=1) as texts):
        def bows() -> Iterator[list[tuple[int, int]]]:
            nonlocal kept_units, tokens_total
            for document_id, first, last, tokens in _units(units_path, step):
                kept = [t for t in phrases[tokens] if t in dictionary.token2id]
                if len(kept) < settings.min_unit_tokens:
                    continue
                index.write(json.dumps([document_id, first, last]) + "\n")
                texts.write(json.dumps(kept) + "\n")
                kept_units += 1
                tokens_total += len(kept)
                yield dictionary.doc2bow(kept)
        MmCorpus.serialize(str(folder / CORPUS_FILE), bows(), id2word=dictionary)
    stats = {"documents": documents, "units": kept_units, "tokens": tokens_total,
             "vocabulary": len(dictionary)}
    (folder / DONE_FILE).write_text(json.dumps(
        {"hash": digest, "stats": stats, "settings": asdict(settings)}, indent=2),
        encoding="utf-8")
