"""Domain word vectors for the sentence classifiers, trained on UN General Debate speeches.

Why: a code has 1 to 15 hand-coded positives, so TF-IDF n-grams only recognise sentences
that share words with those few; word vectors learnt from the whole debate corpus place
"centres" near "institutes" and "students" near "scholarships", knowledge the judgements
cannot give. Trained with gensim Word2Vec, seeded and on one worker thread (gensim 4's
initial vectors come from a seeded numpy generator, so the same corpus and settings give
the same vectors), with a capped vocabulary so the stored file stays a few MB.

Speeches that hold a gold sentence (development or held-out: the `source` of every
`docs/gold/**/*.jsonl` but the coding rounds of `docs/gold/training/`, see
`evaluation_gold_files`) are left out of the training text, so no evaluation sentence is
seen, not even without its label.

Nothing holds the corpus: the speeches are read one at a time (`ungdc.speeches`, in the
archive's order from the archive or its unpacked folder alike) and their tokenised sentences
spooled to a temporary file, one sentence a line (`spool`); Word2Vec's passes (vocabulary,
then each epoch) read that file again line by line (`SpooledSentences`). Word2Vec sees the
same sentences in the same order as from a list, so the vectors are the same; only the
memory is not.

Stored as `vectors.npz` (words and float16 vectors, compressed) with `card.json` (corpus
hash, speeches used and left out, parameters, seed, versions).
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .ungdc import speeches

VECTORS_FILE = "vectors.npz"
CARD_FILE = "card.json"
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens: letters with inner apostrophes or hyphens (numbers and
    punctuation carry no meaning a code needs)."""
    return WORD.findall(text.lower())


def speech_sentences(text: str) -> Iterator[list[str]]:
    """One speech's sentences as token lists (line breaks in the corpus are page wraps)."""
    for sentence in SENTENCE_END.split(" ".join(text.split())):
        words = tokens(sentence)
        if len(words) > 2:
            yield words


TRAINING_ROUNDS = "training"  # docs/gold/training: coding rounds, training data, not evaluation


def evaluation_gold_files(gold_root: Path) -> list[Path]:
    """The gold files an evaluation scores on (every JSONL under `gold_root` and its draws),
    without the coding rounds of `training/`: those are training data, drawn from speeches
    outside every gold file, so a model may learn from their speeches."""
    return sorted(path for path in gold_root.rglob("*.jsonl")
                  if TRAINING_ROUNDS not in path.relative_to(gold_root).parts[:-1])


def gold_speeches(gold_files: Iterable[Path]) -> set[str]:
    """File names (e.g. `KAZ_47_1992.txt`) of the speeches gold sentences come from."""
    names = set()
    for path in gold_files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                source = str(json.loads(line).get("source", ""))
                if source.startswith("ungdc/"):
                    names.add(source.split("/", 1)[1])
    return names


@dataclass
class VectorsCard:
    id: str
    created: str
    corpus: str
    corpus_hash: str
    speeches_used: int
    speeches_excluded: list[str]
    sentences: int
    tokens: int
    vocabulary: int
    seed: int
    parameters: dict[str, object]
    versions: dict[str, str] = field(default_factory=dict)


@dataclass
class WordVectors:
    """Words and their unit-length vectors; a sentence is the mean of its known words."""

    words: list[str]
    vectors: np.ndarray  # float32, one unit-length row per word
    card: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {word: i for i, word in enumerate(self.words)}

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])

    def sentence(self, text: str) -> np.ndarray:
        """Unit-length mean vector of the sentence's known words (zeros if none is known)."""
        rows = [self.index[w] for w in tokens(text) if w in self.index]
        if not rows:
            return np.zeros(self.dimensions, dtype=np.float32)
        mean = self.vectors[rows].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return (mean / norm if norm else mean).astype(np.float32)

    def sentences(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.vstack([self.sentence(t) for t in texts])


@dataclass
class SpooledSentences:
    """The tokenised sentences of the speeches used, one a line in a text file (words are
    letters, apostrophes and hyphens, so a space separates them without loss): an iterable
    that can be read again for each of Word2Vec's passes, holding one line at a time.
    The counts and the corpus hash are those of the speeches spooled."""

    path: Path
    corpus_hash: str = ""
    speeches_used: int = 0
    speeches_excluded: list[str] = field(default_factory=list)
    sentences: int = 0
    tokens: int = 0

    def __iter__(self) -> Iterator[list[str]]:
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                yield line.split()


def spool(corpus: Path, excluded: set[str], path: Path, limit: int | None = None
          ) -> SpooledSentences:
    """Write the sentences of every speech of the corpus except the excluded ones (gold
    speeches) to `path`, reading one speech at a time. `limit` keeps every n-th speech only
    (counted in the corpus's order, the excluded ones included)."""
    digest = hashlib.sha256()
    spooled = SpooledSentences(path)
    with path.open("w", encoding="utf-8") as handle:
        for number, (name, text) in enumerate(speeches(corpus)):
            if name in excluded:
                spooled.speeches_excluded.append(name)
                continue
            if limit and number % limit:
                continue
            digest.update(name.encode() + b"\0" + text.encode() + b"\0")
            for words in speech_sentences(text):
                handle.write(" ".join(words) + "\n")
                spooled.sentences += 1
                spooled.tokens += len(words)
            spooled.speeches_used += 1
    spooled.corpus_hash = digest.hexdigest()
    spooled.speeches_excluded.sort()
    return spooled


def train(sentences: Iterable[list[str]], seed: int = 13, dimensions: int = 100,
          window: int = 5, min_count: int = 5, max_vocabulary: int = 20000, epochs: int = 5,
          sample: float = 1e-4) -> WordVectors:
    """CBOW Word2Vec on one worker thread (the only reproducible setting). `sentences` is
    read once for the vocabulary and once per epoch: a list or a `SpooledSentences`, not a
    generator."""
    from gensim.models import Word2Vec

    model = Word2Vec(sentences=sentences, vector_size=dimensions, window=window,
                     min_count=min_count, max_final_vocab=max_vocabulary, sg=0,
                     epochs=epochs, sample=sample, seed=seed, workers=1)
    words = list(model.wv.index_to_key)
    matrix = model.wv.vectors.astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return WordVectors(words, matrix / np.where(norms == 0, 1, norms))


def build(corpus: Path, excluded: set[str], seed: int = 13, dimensions: int = 100,
          window: int = 5, min_count: int = 5, max_vocabulary: int = 20000, epochs: int = 5,
          limit: int | None = None) -> WordVectors:
    """Vectors from every speech of the corpus except the excluded ones (gold speeches),
    with a card. `limit` keeps every n-th speech only (small test vectors). The sentences
    are spooled to a temporary file (about 190 MB for the whole corpus), removed after."""
    import gensim

    with tempfile.TemporaryDirectory(prefix="cultdip-vectors-") as folder:
        sentences = spool(corpus, excluded, Path(folder) / "sentences.txt", limit)
        if not sentences.sentences:
            raise ValueError(f"{corpus}: no speeches to train word vectors on")
        vectors = train(sentences, seed, dimensions, window, min_count, max_vocabulary,
                        epochs)
    parameters: dict[str, object] = {"algorithm": "word2vec cbow", "dimensions": dimensions,
                                     "window": window, "min_count": min_count,
                                     "max_vocabulary": max_vocabulary, "epochs": epochs,
                                     "sample": 1e-4, "workers": 1, "every_nth_speech": limit or 1,
                                     "tokens": "lower-cased letters, inner ' and -"}
    card = VectorsCard(
        id="", created=time.strftime("%Y-%m-%dT%H:%M:%S%z"), corpus=corpus.name,
        corpus_hash=sentences.corpus_hash, speeches_used=sentences.speeches_used,
        speeches_excluded=sentences.speeches_excluded, sentences=sentences.sentences,
        tokens=sentences.tokens, vocabulary=len(vectors.words), seed=seed,
        parameters=parameters,
        versions={"gensim": gensim.__version__, "numpy": np.__version__,
                  "python": platform.python_version()})
    card.id = "vectors-" + hashlib.sha256(
        (sentences.corpus_hash + json.dumps(parameters, sort_keys=True) + str(seed)).encode()
    ).hexdigest()[:12]
    vectors.card = asdict(card)
    return vectors


def save(vectors: WordVectors, directory: Path) -> Path:
    """`vectors.npz` (float16: half the size, far more precision than averaging needs)
    and `card.json` in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(directory / VECTORS_FILE, words=np.array(vectors.words),
                        vectors=vectors.vectors.astype(np.float16))
    (directory / CARD_FILE).write_text(json.dumps(vectors.card, indent=2, ensure_ascii=False),
                                       encoding="utf-8")
    return directory


_LOADED: dict[str, WordVectors] = {}


def load(directory: Path) -> WordVectors:
    """The vectors of a folder made by `save` (cached per path: every code's feature union
    shares one copy)."""
    key = str(Path(directory).resolve())
    if key not in _LOADED:
        path = Path(directory) / VECTORS_FILE
        try:
            with np.load(path) as data:
                words = [str(w) for w in data["words"]]
                matrix = data["vectors"].astype(np.float32)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            raise ValueError(f"{path}: not word vectors saved by scripts/build_vectors.py"
                             f" ({error}); rebuild them") from error
        card_path = Path(directory) / CARD_FILE
        card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}
        _LOADED[key] = WordVectors(words, matrix, card)
    return _LOADED[key]
