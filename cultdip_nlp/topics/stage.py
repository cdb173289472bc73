"""The topic stage end to end: prepare, fit, label, measure, save; apply; sweep over K.

These are the functions the `cultdip topics` verbs call; each reads and writes through the
store and the model folder only.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..codebook import Codebook
from ..errors import CultdipError, ErrorCode
from ..store import Store
from .inference import DEFAULT_THRESHOLD, SentenceInput, corpus_shares, sentence_topic_tags
from .intertopic import topic_coordinates
from .labels import default_label, describe_topics
from .model import (TrainedModel, UnitSubset, coherence, held_out_mask,
                    held_out_perplexity, topic_diversity, train)
from .overview import render_overview
from .persistence import (DOCUMENT_TOPICS_FILE, OVERVIEW_FILE, LoadedModel, cache_folder,
                          model_id, models_folder, renamed_labels, save_model, versions,
                          write_labels)
from .prepare import Lemmatizer, PreparedCorpus, prepare
from .seeds import choose_seeds, code_seeds, tagged_sentences
from .settings import TopicSettings
from .validity import seeded_validity

DEFAULT_HELD_OUT = 0.1  # share of units a sweep sets aside for held-out perplexity


def prepared_corpus(store: Store, project: Path, settings: TopicSettings,
                    progress: bool = False) -> PreparedCorpus:
    try:
        return prepare(store.connection, cache_folder(project), settings.prepare,
                       progress=progress)
    except ValueError as error:
        raise CultdipError(ErrorCode.TOPIC_CORPUS_EMPTY,
                           f"{error}; ingest documents first", str(store.path)) from error


def fit_trained(corpus: PreparedCorpus, codebook: Codebook, lemmatizer: Lemmatizer,
                settings: TopicSettings, bows: Iterable[list[tuple[int, int]]] | None = None,
                evidence: dict[str, list[list[str]]] | None = None,
                ) -> tuple[TrainedModel, float]:
    """Train on the prepared corpus; `evidence` is the rule-tagged sentences per code."""
    seeds = []
    if settings.model.seeded:
        seeds = choose_seeds(code_seeds(codebook, corpus, lemmatizer, evidence),
                             settings.model.k, settings.model.max_seeded,
                             settings.model.min_seed_frequency,
                             settings.model.min_rule_sentences)
    started = time.perf_counter()
    trained = train(corpus, seeds, settings.model, bows)
    return trained, time.perf_counter() - started


def fit(store: Store, project: Path, codebook: Codebook, settings: TopicSettings,
        name: str = "lda", progress: bool = False) -> dict[str, Any]:
    """Train, label, measure and save a model under models/NAME; returns its card."""
    corpus = prepared_corpus(store, project, settings, progress)
    lemmatizer = Lemmatizer(settings.prepare)
    evidence = tagged_sentences(store.connection, corpus, lemmatizer)
    trained, seconds = fit_trained(corpus, codebook, lemmatizer, settings, evidence=evidence)
    parameters = settings.as_dict()["model"]
    identifier = model_id(name, corpus.hash, codebook.hash, parameters)
    top = trained.top_terms(settings.model.topn)
    c_v, c_v_topics = coherence(top, corpus.document_texts(), corpus.dictionary, "c_v")
    npmi, _ = coherence(top, corpus.document_texts(), corpus.dictionary, "c_npmi")
    shares = corpus_shares(trained.lda, corpus)
    topic_codes = {t: s.code for t, s in enumerate(trained.seeds)}
    folder = models_folder(project) / name
    folder.mkdir(parents=True, exist_ok=True)
    code_labels = {code.id: code.label for code in codebook.codes}
    defaults = {t: default_label(trained, t, code_labels) for t in range(trained.k)}
    labels = write_labels(folder, defaults, renamed_labels(folder))
    topics = describe_topics(store.connection, trained, corpus, lemmatizer, shares, identifier,
                             labels)
    coordinates = topic_coordinates(trained.lda.get_topics(), settings.model.seed)
    for topic, value, (x, y) in zip(topics, c_v_topics, coordinates):
        topic["coherence_c_v"] = round(value, 4)
        topic["map"] = [round(float(x), 4), round(float(y), 4)]
    card: dict[str, Any] = {
        "model_id": identifier, "name": name, "created_at": time.time(),
        "corpus": {"hash": corpus.hash, "stats": corpus.stats,
                   "prepare": settings.as_dict()["prepare"]},
        "codebook": {"name": codebook.name, "version": codebook.version, "hash": codebook.hash},
        "parameters": parameters, "seed": settings.model.seed, "versions": versions(),
        "coherence": {"c_v": round(c_v, 4), "npmi": round(npmi, 4), "topn": settings.model.topn},
        "diversity": round(topic_diversity(trained.top_terms(25)), 4),
        "training_seconds": round(seconds, 2),
        "seeded_topics": [{"topic": t, "code": s.code, "seed_words": list(s.words)}
                          for t, s in enumerate(trained.seeds)],
        "validity": seeded_validity(store.connection, shares, topic_codes),
    }
    save_model(folder, trained.lda, corpus, card, topics)
    with open(folder / DOCUMENT_TOPICS_FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["document", *[f"topic_{t}" for t in range(trained.k)]])
        for document_id in shares.documents:
            writer.writerow([document_id, *[f"{v:.4f}" for v in
                                            shares.document_share(document_id)]])
    (folder / OVERVIEW_FILE).write_text(render_overview(card, topics, labels), encoding="utf-8")
    return card


def apply(store: Store, model: LoadedModel, threshold: float = DEFAULT_THRESHOLD) -> dict[str, int]:
    """Tag every stored sentence with the seeded topics it passes the threshold for.

    The model's earlier topic tags are replaced document by document; rule tags and the
    coders' judgements are untouched.
    """
    lemmatizer = Lemmatizer(model.corpus.settings)
    codebook_hash = str(model.card["codebook"]["hash"])
    documents = [r[0] for r in store.connection.execute(
        "SELECT id FROM documents WHERE status = 'ok' ORDER BY id")]
    counts = {"documents": 0, "tags": 0}
    for document_id in documents:
        sentences = [SentenceInput(document_id, r[0], r[1], r[2], r[3]) for r in
                     store.connection.execute(
                         "SELECT idx, start, end, text FROM sentences WHERE document_id = ?"
                         " ORDER BY idx", (document_id,))]
        tags = list(sentence_topic_tags(model.lda, model.corpus, lemmatizer, sentences,
                                        model.topic_codes, model.id, codebook_hash, threshold))
        store.replace_topic_tags(document_id, model.id, tags)
        counts["documents"] += 1
        counts["tags"] += len(tags)
    return counts


def sweep(store: Store, project: Path, codebook: Codebook, settings: TopicSettings,
          ks: list[int], progress: bool = False,
          held_out: float = DEFAULT_HELD_OUT) -> list[dict[str, Any]]:
    """Coherence (c_v, NPMI), perplexity and diversity for each K, on one prepared corpus.

    Each K trains on the same units with the same held-out fraction set aside (chosen by the
    model seed), so held-out perplexity compares the Ks on text none of them saw.
    """
    corpus = prepared_corpus(store, project, settings, progress)
    lemmatizer = Lemmatizer(settings.prepare)
    evidence = tagged_sentences(store.connection, corpus, lemmatizer)
    mask = held_out_mask(len(corpus.units), held_out, settings.model.seed)
    training, testing = UnitSubset(corpus, mask, False), UnitSubset(corpus, mask, True)
    results = []
    for k in ks:
        trained, seconds = fit_trained(corpus, codebook, lemmatizer, settings.with_model(k=k),
                                       training, evidence)
        top = trained.top_terms(settings.model.topn)
        results.append({
            "k": k, "seeded_topics": len(trained.seeds),
            "c_v": round(coherence(top, corpus.document_texts(), corpus.dictionary, "c_v")[0], 4),
            "npmi": round(coherence(top, corpus.document_texts(), corpus.dictionary,
                                    "c_npmi")[0], 4),
            "perplexity": round(held_out_perplexity(trained, testing), 2),
            "held_out_units": len(testing),
            "diversity": round(topic_diversity(trained.top_terms(25)), 4),
            "seconds": round(seconds, 2),
        })
    return results


def plot_sweep(results: list[dict[str, Any]], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ks = [r["k"] for r in results]
    figure, axes = plt.subplots(1, 4, figsize=(14, 3.2))
    for axis, key, title in zip(axes, ["c_v", "npmi", "perplexity", "diversity"],
                                ["coherence c_v", "coherence NPMI", "held-out perplexity (lower is better)",
                                 "topic diversity"]):
        axis.plot(ks, [r[key] for r in results], marker="o")
        axis.set_title(title)
        axis.set_xlabel("K")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
