"""Topic models on the real UN speeches of the focal countries in corpus/ungdc (40 documents).

Models are tiny (K=6, two passes) so the whole module runs in about a minute; the benchmark
on 1,938 speeches is scripts/bench_topics.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from conftest import CORPUS, run_cli
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.store import Store
from cultdip_nlp.topics.intertopic import jensen_shannon_distances
from cultdip_nlp.topics.model import UnitSubset, held_out_mask, train
from cultdip_nlp.topics.persistence import load_model, read_labels
from cultdip_nlp.topics.prepare import Lemmatizer
from cultdip_nlp.topics.seeds import choose_seeds, code_seeds, evidence_words, tagged_sentences
from cultdip_nlp.topics.settings import PrepareSettings, TopicSettings
from cultdip_nlp.topics.stage import fit, prepared_corpus
from cultdip_nlp.topics.warm_start import initial_statistics

FIT_ARGS = ("--k", "6", "--passes", "2", "--min-seed-frequency", "5", "--no-progress")


@pytest.fixture(scope="module")
def topic_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 40 UN speeches run through `cultdip run`, then `cultdip topics fit`."""
    folder = tmp_path_factory.mktemp("ungdc")
    for path in sorted((CORPUS / "ungdc").glob("*.txt")):
        shutil.copy2(path, folder / path.name)
    project = tmp_path_factory.mktemp("topics-project")
    run_cli("run", str(folder), "--project", str(project), "--no-progress", "--jobs", "2",
            check=True)
    run_cli("topics", "fit", "--project", str(project), "--name", "un", *FIT_ARGS, check=True)
    return project


def test_fit_writes_card_topics_and_overview(topic_project: Path) -> None:
    folder = topic_project / "models" / "un"
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    assert card["codebook"]["hash"] == load_codebook().hash
    assert len(card["corpus"]["hash"]) == 64 and card["corpus"]["stats"]["documents"] == 40
    assert card["parameters"]["k"] == 6 and card["seed"] == card["parameters"]["seed"]
    assert {"gensim", "numpy", "spacy", "cultdip"} <= set(card["versions"])
    assert 0 < card["coherence"]["c_v"] < 1 and -1 < card["coherence"]["npmi"] < 1
    seeded = card["seeded_topics"]
    assert seeded and all(s["topic"] < 6 and s["seed_words"] for s in seeded)
    topics = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    assert [t["topic"] for t in topics] == list(range(6))
    assert abs(sum(t["size"] for t in topics) - 1) < 0.01
    for topic in topics:
        assert len(topic["terms"]) >= 10 and topic["documents"] and topic["sentences"]
        assert topic["id"] == f"topic:{card['model_id']}:{topic['topic']}"
    by_code = {t["code"]: t for t in topics if t["code"]}
    assert set(by_code) == {s["code"] for s in seeded}
    # The seeded topic's terms include its seed words: the seeding took hold.
    for entry in seeded:
        terms = [w for w, _ in by_code[entry["code"]]["terms"]]
        assert set(entry["seed_words"]) & set(terms)
    # Validity over the focal countries' documents is in the card and the page.
    assert [v["code"] for v in card["validity"]] == [s["code"] for s in seeded]
    assert all(v["documents"] == 40 for v in card["validity"])
    page = (folder / "overview.html").read_text(encoding="utf-8")
    assert "Validity" in page and seeded[0]["code"] in page and "Representative" in page
    # Boilerplate of UN speech is not a term; phrases are.
    vocabulary = set(load_model(folder).corpus.dictionary.token2id)
    assert not {"united_nation", "general_assembly", "president", "nation"} & vocabulary
    assert any("_" in word for word in vocabulary)


def test_same_data_and_seed_give_same_topics_and_renames_survive(topic_project: Path) -> None:
    folder = topic_project / "models" / "un"
    before = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    card_before = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    labels = folder / "labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8").replace(
        '  1: "', '  1: "Our own name" # was "', 1), encoding="utf-8")
    settings = TopicSettings().with_model(k=6, passes=2, min_seed_frequency=5)
    with Store(topic_project / "cultdip.sqlite") as store:
        card = fit(store, topic_project, load_codebook(), settings, name="un")
    after = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    assert card["model_id"] == card_before["model_id"]
    assert [t["terms"] for t in after] == [t["terms"] for t in before]
    assert card["coherence"] == card_before["coherence"]
    shown = json.loads(run_cli("topics", "show", "un", "--project", str(topic_project),
                               "--json", check=True).stdout)
    assert shown["topics"][1]["label"] == "Our own name"
    assert "Our own name" in (folder / "overview.html").read_text(encoding="utf-8")
    # Another seed gives another model (another id, other topics).
    with Store(topic_project / "cultdip.sqlite") as store:
        other = fit(store, topic_project, load_codebook(), settings.with_model(seed=99),
                    name="un-seed99")
    assert other["model_id"] != card["model_id"]
    first = load_model(folder).lda.get_topics()
    second = load_model(topic_project / "models" / "un-seed99").lda.get_topics()
    assert not np.allclose(first, second)


def test_apply_adds_topic_tags_on_sentence_spans(topic_project: Path) -> None:
    store_file = topic_project / "cultdip.sqlite"
    with Store(store_file) as store:
        rules_before = store.connection.execute(
            "SELECT COUNT(*) FROM tags WHERE source = 'rule'").fetchone()[0]
    result = run_cli("topics", "apply", "un", "--project", str(topic_project), "--threshold",
                     "0.4", "--json", check=True)
    counts = json.loads(result.stdout)
    assert counts["tags"] > 0 and counts["documents"] == 40
    model = load_model(topic_project / "models" / "un")
    with Store(store_file) as store:
        rows = store.connection.execute(
            "SELECT t.*, s.start AS s_start, s.end AS s_end, s.text AS s_text FROM tags t"
            " JOIN sentences s ON s.document_id = t.document_id AND s.idx = t.sentence_idx"
            " WHERE t.source = 'topic'").fetchall()
        rules_after = store.connection.execute(
            "SELECT COUNT(*) FROM tags WHERE source = 'rule'").fetchone()[0]
    assert len(rows) == counts["tags"] and rules_after == rules_before
    for row in rows:
        assert (row["start"], row["end"], row["text"]) == (row["s_start"], row["s_end"],
                                                          row["s_text"])
        _, model_id, topic = row["rule"].split(":")
        assert model_id == model.id and model.topic_codes[int(topic)] == row["code"]
        assert 0.4 <= row["score"] <= 1
    again = json.loads(run_cli("topics", "apply", "un", "--project", str(topic_project),
                               "--threshold", "0.4", "--json", check=True).stdout)
    assert again["tags"] == counts["tags"]  # replaced, not added twice


def test_annotate_adds_topic_tags_with_a_model(topic_project: Path, tmp_path: Path) -> None:
    model = load_model(topic_project / "models" / "un")
    topics = json.loads((model.folder / "topics.json").read_text(encoding="utf-8"))
    # The seeded topic's most representative sentence, of the topic that holds its best.
    strongest = max((t for t in topics if t["code"]), key=lambda t: t["sentences"][0]["share"])
    code, quote = strongest["code"], strongest["sentences"][0]["text"]
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "q", "text": quote, "lang": "en"}) + "\n",
                      encoding="utf-8")
    target = tmp_path / "out.jsonl"
    run_cli("annotate", str(source), "-o", str(target), "--topics", str(model.folder),
            check=True)
    line = json.loads(target.read_text(encoding="utf-8"))
    assert set(line) == {"id", "codes", "tags", "about"}
    assert line["codes"] == sorted({t["code"] for t in line["tags"]})
    topic_tags = [t for t in line["tags"] if t["source"] == "topic"]
    assert topic_tags and topic_tags[0]["code"] == code
    for tag in line["tags"]:
        assert set(tag) == {"code", "start", "end", "text", "source", "rule", "score"}
        assert quote[tag["start"]:tag["end"]] == tag["text"]


def test_sweep_reports_each_k_with_a_plot(topic_project: Path) -> None:
    plot = topic_project / "sweep.png"
    result = run_cli("topics", "sweep", "--project", str(topic_project), "--k", "3", "5",
                     "--passes", "1", "--unseeded", "--plot", str(plot), "--json",
                     "--no-progress", check=True)
    rows = json.loads(result.stdout)
    assert [r["k"] for r in rows] == [3, 5]
    for row in rows:
        assert 0 < row["c_v"] < 1 and row["perplexity"] > 1 and 0 < row["diversity"] <= 1
        assert row["seeded_topics"] == 0 and row["held_out_units"] > 0
    assert plot.stat().st_size > 10_000


def test_missing_model_is_a_coded_error(topic_project: Path) -> None:
    result = run_cli("topics", "show", "nothing-here", "--project", str(topic_project))
    assert result.returncode == 2
    assert "E601 TOPIC_MODEL_NOT_FOUND" in result.stderr and "nothing-here" in result.stderr


def test_lemmatizer_drops_boilerplate_and_stop_words(seed_paper: str) -> None:
    sentence = seed_paper[seed_paper.index("The British Council operates"):]
    sentence = sentence[:sentence.index(". ") + 1]
    lemmatizer = Lemmatizer(PrepareSettings())
    tokens = next(lemmatizer.pipe([sentence]))
    assert "council" in tokens and "the" not in tokens and "operates" not in tokens
    address = "Mr. President, on behalf of the United Nations General Assembly, festivals."
    assert next(lemmatizer.pipe([address])) == ["festival"]


def test_overview_draws_the_intertopic_map(topic_project: Path) -> None:
    folder = topic_project / "models" / "un"
    topics = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    page = (folder / "overview.html").read_text(encoding="utf-8")
    assert "Intertopic distance map" in page and page.count("<circle") == len(topics)
    for topic in topics:
        assert f"<a href='#t{topic['topic']}'><circle" in page
    # The layout keeps the Jensen-Shannon geometry: far topics are drawn far apart.
    distances = jensen_shannon_distances(load_model(folder).lda.get_topics())
    assert np.allclose(distances, distances.T) and np.allclose(np.diag(distances), 0)
    assert ((distances >= 0) & (distances <= 1)).all()
    xy = np.array([t["map"] for t in topics])
    drawn = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=-1)
    upper = np.triu_indices(len(topics), 1)
    assert np.corrcoef(distances[upper], drawn[upper])[0, 1] > 0.5


def test_seeds_come_from_rule_tagged_sentences(topic_project: Path) -> None:
    settings = TopicSettings()
    with Store(topic_project / "cultdip.sqlite") as store:
        corpus = prepared_corpus(store, topic_project, settings)
        lemmatizer = Lemmatizer(settings.prepare)
        evidence = tagged_sentences(store.connection, corpus, lemmatizer)
        tagged = dict(store.connection.execute(
            "SELECT code, COUNT(DISTINCT document_id || ':' || sentence_idx) FROM tags"
            " WHERE source = 'rule' GROUP BY code").fetchall())
    assert {code: len(s) for code, s in evidence.items()} == tagged
    seeds = {s.code: s for s in code_seeds(load_codebook(), corpus, lemmatizer, evidence)}
    with_evidence = [code for code in evidence
                     if evidence_words(evidence[code], corpus) and code in seeds]
    assert with_evidence
    for code in with_evidence:
        # The distinctive words of the tagged sentences are seeds, each found in them.
        words = evidence_words(evidence[code], corpus)
        assert set(words) & set(seeds[code].words)
        assert all(any(w in sentence for sentence in evidence[code]) for w in words)
        assert seeds[code].rule_sentences == tagged[code]
    chosen = choose_seeds(list(seeds.values()), 10, None, 0, min_rule_sentences=3)
    assert chosen and all(s.rule_sentences >= 3 for s in chosen)


def test_held_out_units_are_fixed_by_the_seed_and_never_trained_on(topic_project: Path) -> None:
    with Store(topic_project / "cultdip.sqlite") as store:
        corpus = prepared_corpus(store, topic_project, TopicSettings())
    units = len(corpus.units)
    mask = held_out_mask(units, 0.1, 13)
    assert mask.sum() == round(units * 0.1) and (mask == held_out_mask(units, 0.1, 13)).all()
    assert not (mask == held_out_mask(units, 0.1, 14)).all()
    training, testing = UnitSubset(corpus, mask, False), UnitSubset(corpus, mask, True)
    assert len(training) + len(testing) == units == len(list(corpus.bows()))
    held = [bow for bow, out in zip(corpus.bows(), mask) if out]
    assert list(testing) == held
    with pytest.raises(ValueError):
        held_out_mask(units, 1.5, 13)


def test_vocabulary_settings_reuse_the_cached_lemmas(topic_project: Path) -> None:
    cache = topic_project / "models" / ".cache"
    with Store(topic_project / "cultdip.sqlite") as store:
        first = prepared_corpus(store, topic_project, TopicSettings())
        lemma_folders = sorted(cache.glob("lemmas-*"))
        stamp = [(p / "sentences.jsonl.gz").stat().st_mtime_ns for p in lemma_folders]
        other = prepared_corpus(store, topic_project, TopicSettings().with_prepare(no_below=2))
    assert other.hash != first.hash and len(other.dictionary) > len(first.dictionary)
    assert sorted(cache.glob("lemmas-*")) == lemma_folders
    assert [(p / "sentences.jsonl.gz").stat().st_mtime_ns for p in lemma_folders] == stamp


def test_a_refit_renames_generated_labels_but_keeps_the_researchers(topic_project: Path) -> None:
    settings = TopicSettings().with_model(k=6, passes=2, min_seed_frequency=5)
    folder = topic_project / "models" / "relabel"
    with Store(topic_project / "cultdip.sqlite") as store:
        fit(store, topic_project, load_codebook(), settings.with_model(seed=99), name="relabel")
        first = read_labels(folder)
        labels = folder / "labels.yaml"
        labels.write_text(labels.read_text(encoding="utf-8").replace(
            '  5: "', '  5: "Our own name" # was "', 1), encoding="utf-8")
        # A cold start: the NMF warm start gives much the same topics whatever the seed.
        fit(store, topic_project, load_codebook(), settings.with_model(seed=7, warm_start="none"),
            name="relabel")
    second = read_labels(folder)
    generated = json.loads((folder / "labels.defaults.json").read_text(encoding="utf-8"))
    assert second[5] == "Our own name"
    assert {t: n for t, n in second.items() if t != 5} == {
        int(t): n for t, n in generated.items() if t != "5"}
    # The free topics of another seed are other topics, so their generated names change.
    assert any(first[t] != second[t] for t in range(6) if t != 5)


def test_warm_start_is_reproducible_and_is_where_training_starts(topic_project: Path) -> None:
    settings = TopicSettings().with_model(k=6, passes=2, min_seed_frequency=5)
    with Store(topic_project / "cultdip.sqlite") as store:
        corpus = prepared_corpus(store, topic_project, settings)
        lemmatizer = Lemmatizer(settings.prepare)
        evidence = tagged_sentences(store.connection, corpus, lemmatizer)
    seeds = choose_seeds(code_seeds(load_codebook(), corpus, lemmatizer, evidence), 6, 4, 5, 20)
    assert seeds
    seed_ids = [np.array([corpus.dictionary.token2id[w] for w in s.words]) for s in seeds]
    vocabulary = len(corpus.dictionary)
    start = initial_statistics(corpus.bows(), vocabulary, seed_ids, 6, 13, 50_000)
    assert np.array_equal(start, initial_statistics(corpus.bows(), vocabulary, seed_ids, 6, 13,
                                                    50_000))
    assert not np.allclose(start, initial_statistics(corpus.bows(), vocabulary, seed_ids, 6, 14,
                                                     50_000))
    counts = np.zeros(vocabulary)
    for bow in corpus.bows():
        for word, count in bow:
            counts[word] += count
    # Every word's count is split over the topics, none made up.
    assert np.allclose(start.sum(axis=0), counts, rtol=1e-6)
    for topic, ids in enumerate(seed_ids):
        # A seeded topic starts from the words around its seeds, which lead it.
        assert set(ids) & set(np.argsort(-start[topic])[:10])
    warm = train(corpus, seeds, settings.model)
    cold = train(corpus, seeds, settings.with_model(warm_start="none").model)
    assert not np.allclose(warm.lda.get_topics(), cold.lda.get_topics())
    # The free topics stay the NMF themes they started from: same ids, same leading words.
    for topic in range(len(seeds), 6):
        started = set(np.argsort(-start[topic])[:10])
        trained = set(np.argsort(-warm.lda.get_topics()[topic])[:10])
        assert len(started & trained) >= 5
    again = train(corpus, seeds, settings.model)
    assert np.array_equal(warm.lda.get_topics(), again.lda.get_topics())
