"""A trained model on disk: `models/NAME/` with the model, its vocabulary, a JSON card and labels.

The folder is self-contained (dictionary and phrases are copied in), so `cultdip annotate
--topics models/NAME` can tag new text without the project's store. The card records what is
needed to make the same model again: corpus hash, codebook hash, every parameter, the seed and
the library versions, with the coherence it reached. `labels.yaml` holds the researcher's
topic names: a refit reads it and never overwrites a name someone wrote.
"""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from gensim.corpora import Dictionary
from gensim.models import LdaModel
from gensim.models.phrases import FrozenPhrases

from .. import __version__
from ..errors import CultdipError, ErrorCode
from .prepare import DICTIONARY_FILE, PHRASES_FILE, PreparedCorpus

MODEL_FILE = "lda.gensim"
CARD_FILE = "card.json"
TOPICS_FILE = "topics.json"
LABELS_FILE = "labels.yaml"
DEFAULT_LABELS_FILE = "labels.defaults.json"  # the names fit generated, to tell renames apart
DOCUMENT_TOPICS_FILE = "document_topics.csv"
OVERVIEW_FILE = "overview.html"
SWEEP_FILE = "sweep.json"


def models_folder(project: Path) -> Path:
    return project / "models"


def cache_folder(project: Path) -> Path:
    return models_folder(project) / ".cache"


def model_id(name: str, corpus_hash: str, codebook_hash: str, parameters: dict[str, Any]) -> str:
    """Same corpus, codebook and parameters (seed included) give the same id."""
    key = json.dumps([corpus_hash, codebook_hash, parameters], sort_keys=True)
    return f"{name}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"


def versions() -> dict[str, str]:
    import gensim
    import numpy
    import spacy

    return {"cultdip": __version__, "gensim": gensim.__version__, "numpy": numpy.__version__,
            "spacy": spacy.__version__, "python": platform.python_version()}


def save_model(folder: Path, lda: LdaModel, corpus: PreparedCorpus, card: dict[str, Any],
               topics: list[dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lda.save(str(folder / MODEL_FILE))
    for file in (DICTIONARY_FILE, PHRASES_FILE):
        shutil.copy2(corpus.folder / file, folder / file)
    (folder / "prepared.json").write_text(
        (corpus.folder / "prepared.json").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / CARD_FILE).write_text(json.dumps(card, indent=2, sort_keys=True), encoding="utf-8")
    (folder / TOPICS_FILE).write_text(json.dumps(topics, indent=2, ensure_ascii=False),
                                      encoding="utf-8")


def read_labels(folder: Path) -> dict[int, str]:
    """The researcher's names; a broken file is an error, not a silent reset."""
    path = folder / LABELS_FILE
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise CultdipError(ErrorCode.TOPIC_MODEL_INVALID, f"labels are not valid YAML: {error}",
                           str(path)) from error
    names = raw.get("topics", {}) if isinstance(raw, dict) else None
    if not isinstance(names, dict):
        raise CultdipError(ErrorCode.TOPIC_MODEL_INVALID,
                           "expected a mapping 'topics:' of topic number to name", str(path))
    labels: dict[int, str] = {}
    for key, value in names.items():
        try:
            labels[int(key)] = str(value)
        except (TypeError, ValueError):
            raise CultdipError(ErrorCode.TOPIC_MODEL_INVALID,
                               f"topic key {key!r} is not a topic number", str(path)) from None
    return labels


def renamed_labels(folder: Path) -> dict[int, str]:
    """The names a researcher wrote: those in labels.yaml that differ from what fit generated.

    A generated name describes the topic of one fit; a refit with other topics (new data,
    new settings) must describe its own topics, not keep the old descriptions.
    """
    labels = read_labels(folder)
    path = folder / DEFAULT_LABELS_FILE
    if not path.exists():
        return labels
    generated = {int(k): str(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    return {topic: name for topic, name in labels.items() if generated.get(topic) != name}


def write_labels(folder: Path, defaults: dict[int, str], kept: dict[int, str]) -> dict[int, str]:
    """Names for every topic: the researcher's where given, defaults for the rest."""
    names = {topic: kept.get(topic, default) for topic, default in defaults.items()}
    (folder / DEFAULT_LABELS_FILE).write_text(
        json.dumps({str(t): name for t, name in sorted(defaults.items())}, indent=2,
                   ensure_ascii=False), encoding="utf-8")
    lines = ["# Topic names: edit the right-hand side; `cultdip topics fit` keeps your names.",
             "topics:"]
    lines += [f"  {topic}: {json.dumps(name, ensure_ascii=False)}" for topic, name in
              sorted(names.items())]
    (folder / LABELS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


@dataclass
class LoadedModel:
    """A model folder read back: enough to show it and to tag with it."""

    folder: Path
    lda: LdaModel
    card: dict[str, Any]
    topics: list[dict[str, Any]]
    labels: dict[int, str]
    corpus: PreparedCorpus

    @property
    def id(self) -> str:
        return str(self.card["model_id"])

    @property
    def topic_codes(self) -> dict[int, str]:
        return {int(s["topic"]): str(s["code"]) for s in self.card.get("seeded_topics", [])}


class _ModelCorpus(PreparedCorpus):
    """The prepared-corpus view of a model folder: dictionary and phrases, no bag of words."""

    def __init__(self, folder: Path) -> None:  # noqa: D107 - a lighter reader
        from .prepare import PrepareSettings

        info = json.loads((folder / "prepared.json").read_text(encoding="utf-8"))
        self.folder = folder
        self.hash = info["hash"]
        self.stats = info["stats"]
        self.settings = PrepareSettings(**{k: tuple(v) if isinstance(v, list) else v
                                           for k, v in info["settings"].items()})
        self.dictionary = Dictionary.load(str(folder / DICTIONARY_FILE))
        self.phrases = FrozenPhrases.load(str(folder / PHRASES_FILE))
        self.units = []


def resolve_model(reference: str | Path, project: Path | None = None) -> Path:
    """A model is named by its folder, or by its name under the project's models/."""
    path = Path(reference)
    if (path / CARD_FILE).exists():
        return path
    if project is not None and (models_folder(project) / str(reference) / CARD_FILE).exists():
        return models_folder(project) / str(reference)
    raise CultdipError(ErrorCode.TOPIC_MODEL_NOT_FOUND,
                       "no topic model here (expected card.json); train one with "
                       "`cultdip topics fit`", str(path))


def load_model(reference: str | Path, project: Path | None = None) -> LoadedModel:
    folder = resolve_model(reference, project)
    try:
        card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
        topics = json.loads((folder / TOPICS_FILE).read_text(encoding="utf-8"))
        lda = LdaModel.load(str(folder / MODEL_FILE))
        corpus = _ModelCorpus(folder)
    except (OSError, ValueError, KeyError) as error:
        raise CultdipError(ErrorCode.TOPIC_MODEL_INVALID,
                           f"the model folder is incomplete or damaged ({error}); fit it again",
                           str(folder)) from error
    return LoadedModel(folder=folder, lda=lda, card=card, topics=topics,
                       labels=read_labels(folder), corpus=corpus)
