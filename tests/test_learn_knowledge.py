"""Knowledge beyond the judgements: domain word vectors and distant supervision by the rules.

Everything is built from real UN General Debate speeches (corpus/ungdc, the speeches shipped
with the repository) and trained with the real gold sentences (docs/gold/gold.jsonl); the
shipped vectors (models/vectors-ungdc) are the ones scripts/build_vectors.py made from the
whole corpus.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, check_threshold_sweep, run_cli

from cultdip_nlp.analysis import Analyser
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.errors import CultdipError, ErrorCode
from cultdip_nlp.learn import distant, ungdc, vectors
from cultdip_nlp.learn.classifier import probabilities, train
from cultdip_nlp.learn.examples import LabelledSentence
from cultdip_nlp.records import Page

SPEECHES = ROOT / "corpus" / "ungdc"
SHIPPED = ROOT / "models" / "vectors-ungdc"
GOLD = ROOT / "docs" / "gold" / "gold.jsonl"
GOLD_FILES = vectors.evaluation_gold_files(ROOT / "docs" / "gold")


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _labelled(records: list[dict], codes: list[str]) -> list[LabelledSentence]:
    """Gold sentences as fully coded judgements (each code not given is a negative)."""
    analyser = Analyser(load_codebook())
    result = []
    for number, item in enumerate(records):
        text = item["text"]
        _, _, tags, _ = analyser.analyse("gold", text, [Page(1, 0, len(text))], "en")
        given = frozenset(item["codes"])
        result.append(LabelledSentence(item["source"], number, text, given,
                                       frozenset(codes) - given,
                                       frozenset(t.code for t in tags)))
    return result


@pytest.fixture(scope="module")
def small_vectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    excluded = vectors.gold_speeches(GOLD_FILES)
    built = vectors.build(SPEECHES, excluded, seed=5, dimensions=16, min_count=2, epochs=3)
    return vectors.save(built, tmp_path_factory.mktemp("vectors"))


def test_vectors_leave_gold_speeches_out_and_are_reproducible(small_vectors: Path,
                                                              tmp_path: Path) -> None:
    excluded = vectors.gold_speeches(GOLD_FILES)
    local = {p.name for p in SPEECHES.glob("*.txt")}
    card = json.loads((small_vectors / "card.json").read_text(encoding="utf-8"))
    # most of the shipped speeches hold a gold sentence: they must not be trained on
    assert set(card["speeches_excluded"]) == local & excluded and card["speeches_excluded"]
    assert card["speeches_used"] == len(local - excluded) > 0
    assert card["parameters"]["workers"] == 1 and card["seed"] == 5
    again = vectors.save(vectors.build(SPEECHES, excluded, seed=5, dimensions=16,
                                       min_count=2, epochs=3), tmp_path / "again")
    first, second = vectors.load(small_vectors), vectors.load(again)
    assert first.words == second.words
    assert np.array_equal(first.vectors, second.vectors)
    assert json.loads((again / "card.json").read_text())["id"] == card["id"]
    other = vectors.build(SPEECHES, excluded, seed=6, dimensions=16, min_count=2, epochs=3)
    assert other.card["id"] != card["id"]


def test_shipped_vectors_know_the_domain() -> None:
    """The shipped vectors were trained on the whole corpus without the gold speeches, and
    place words of a code near each other: the knowledge the judgements lack."""
    shipped = vectors.load(SHIPPED)
    card = shipped.card
    assert card["speeches_used"] > 10000 and len(card["speeches_excluded"]) > 600
    assert "KAZ_77_2022.txt" in card["speeches_excluded"]  # a gold speech
    assert (SHIPPED / "vectors.npz").stat().st_size < 6_000_000

    def nearest(word: str, n: int = 10) -> list[str]:
        similarity = shipped.vectors @ shipped.vectors[shipped.index[word]]
        return [shipped.words[i] for i in np.argsort(-similarity)[1:n + 1]]

    assert "students" in nearest("scholarships")
    assert "tourist" in nearest("tourism")
    assert {"patrimony", "civilization"} & set(nearest("heritage"))
    # a sentence vector is the unit-length mean of its known words; unknown words only: zero
    assert np.isclose(np.linalg.norm(shipped.sentence("Our cultural heritage")), 1.0, atol=1e-3)
    assert not shipped.sentence("Xqzt vrrp").any()


def test_distant_examples_mask_what_the_rules_matched(tmp_path: Path) -> None:
    codebook = load_codebook()
    excluded = vectors.gold_speeches([GOLD])  # only the development sample's speeches
    examples, card = distant.build(SPEECHES, codebook, excluded, seed=3, speech_share=1.0,
                                   untagged_share=0.05)
    assert not {e.source for e in examples} & excluded
    tagged = [e for e in examples if e.codes]
    assert len(tagged) >= 20 and card.tagged_sentences == len(tagged)
    assert 0 < card.untagged_sentences < card.sentences_seen * 0.2
    # the matched words are gone: the rules no longer find those codes on most sentences
    analyser = Analyser(codebook)
    still = 0
    for example in tagged:
        _, _, tags, _ = analyser.analyse("x", example.text, [Page(1, 0, len(example.text))],
                                         "en")
        still += bool(example.codes & {t.code for t in tags})
    assert still <= len(tagged) // 10, still
    saved = distant.save(examples, card, tmp_path / "distant")
    loaded, loaded_card = distant.load(saved, codebook.hash)
    assert loaded == examples and loaded_card["id"] == card.id
    with pytest.raises(ValueError, match="rebuild them"):
        distant.load(saved, "another codebook")
    again, again_card = distant.build(SPEECHES, codebook, excluded, seed=3, speech_share=1.0,
                                      untagged_share=0.05)
    assert again == examples and again_card.id == card.id


def test_train_with_vectors_and_distant_examples(small_vectors: Path) -> None:
    """Distant examples give a code with too few judged positives a model; the card records
    the vectors and examples; the same inputs give the same model and probabilities."""
    codebook = load_codebook()
    local = {p.name for p in SPEECHES.glob("*.txt")}
    records = [g for g in _gold() if g["source"].split("/")[-1] not in local]
    codes = list(codebook.code_ids)
    sentences = _labelled(records, codes)
    examples, card = distant.build(SPEECHES, codebook, vectors.gold_speeches([GOLD]), seed=3,
                                   speech_share=1.0, untagged_share=0.05)
    plain_models, plain = train(sentences, codes, codebook.hash)
    models, model_card = train(sentences, codes, codebook.hash, features="word+char+vectors",
                               vectors=small_vectors, distant=examples, distant_weight=0.3,
                               distant_id=card.id)
    assert model_card.parameters["distant"] == card.id
    assert model_card.parameters["distant_sentences"] == len(examples)
    assert model_card.parameters["vectors"] == vectors.load(small_vectors).card["id"]
    gained = set(models) - set(plain_models)
    assert gained, "distant positives should let a code with under 5 judged positives train"
    for code in gained:
        judged = sum(code in s.positives for s in sentences)
        assert 1 <= judged < 5 and code in card.codes
    again_models, again = train(sentences, codes, codebook.hash,
                                features="word+char+vectors", vectors=small_vectors,
                                distant=examples, distant_weight=0.3, distant_id=card.id)
    assert again.id == model_card.id != plain.id
    texts = [s.text for s in sentences[:30]]
    first, second = probabilities(models, texts), probabilities(again_models, texts)
    assert all(np.array_equal(first[c], second[c]) for c in first)
    # the model reads its vectors from the folder it was trained with, and checks their id
    union = next(iter(models.values())).named_steps["features"]
    union.named_transformers["vectors"].vectors_id_ = "vectors-000000000000"
    with pytest.raises(ValueError, match="retrain"):
        probabilities(models, texts)


def test_cli_train_and_apply_with_vectors_and_distant(tmp_path_factory: pytest.TempPathFactory
                                                     ) -> None:
    """`learn train --features word+char+vectors --vectors --distant` on a real store of
    judgements (the gold hand-coding recorded as a review), then `learn apply` with the
    saved model, which reads its vectors again."""
    from test_learn import record_gold_review, run_gold_document

    gold = _gold()
    project = run_gold_document(tmp_path_factory, gold, "knowledge-project")
    record_gold_review(project / "cultdip.sqlite", gold)
    folder = tmp_path_factory.mktemp("distant")
    examples, card = distant.build(SPEECHES, load_codebook(), vectors.gold_speeches([GOLD]),
                                   seed=3, speech_share=1.0, untagged_share=0.05)
    distant.save(examples, card, folder)
    models_dir = tmp_path_factory.mktemp("models")
    without = run_cli("learn", "train", "--project", str(project), "--models", str(models_dir),
                      "--features", "word+char+vectors")
    assert without.returncode == 2 and "--vectors" in without.stderr
    result = json.loads(run_cli(
        "learn", "train", "--project", str(project), "--models", str(models_dir),
        "--features", "word+char+vectors", "--vectors", str(SHIPPED), "--distant",
        str(folder), "--distant-weight", "0.5", "--target-precision", "0.3",
        "--threshold-scope", "group", "--min-support", "1", "--json", check=True).stdout)
    parameters = result["parameters"]
    assert parameters["features"] == "word+char+vectors"
    assert parameters["vectors"] == vectors.load(SHIPPED).card["id"]
    assert parameters["distant"] == card.id and parameters["distant_weight"] == 0.5
    applied = json.loads(run_cli("learn", "apply", "--project", str(project), "--model",
                                 result["model"], "--json", check=True).stdout)
    assert applied["model"] == result["id"]


def test_eval_refuses_distant_examples_from_gold_speeches(tmp_path: Path) -> None:
    """Distant examples drawn without leaving the gold speeches out would train on the very
    speeches the evaluation scores: the evaluation refuses them."""
    import subprocess
    import sys

    codebook = load_codebook()
    examples, card = distant.build(SPEECHES, codebook, set(), seed=3, speech_share=1.0,
                                   untagged_share=0.0)
    assert {e.source for e in examples} & vectors.gold_speeches(GOLD_FILES)
    folder = distant.save(examples, card, tmp_path / "leaky")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_classifier.py"),
                             "--distant", str(folder)], capture_output=True, text=True)
    assert result.returncode != 0 and "come from gold speeches" in result.stderr


def test_damaged_vectors_file_is_named(tmp_path: Path) -> None:
    """A vectors file cut short (an interrupted copy of the shipped one) is reported with its
    path and what to do, not as numpy's bare complaint."""
    shipped = (ROOT / "models" / "vectors-ungdc" / vectors.VECTORS_FILE).read_bytes()
    damaged = tmp_path / "vectors-damaged"
    damaged.mkdir()
    (damaged / vectors.VECTORS_FILE).write_bytes(shipped[:len(shipped) // 2])
    with pytest.raises(ValueError) as error:
        vectors.load(damaged)
    assert str(damaged / vectors.VECTORS_FILE) in str(error.value)
    assert "rebuild" in str(error.value)


CODED_ROUND = ROOT / "docs" / "gold" / "training" / "coded.jsonl"


def test_a_coding_round_trains_every_fold_and_is_never_tested(tmp_path: Path) -> None:
    """A coding round (sentences coded outside the gold speeches) joins the training folds
    only: the scored sentences are the gold's, all of them, once; a round drawn from a gold
    speech, or with a code the codebook lacks, is refused before any work."""
    import subprocess
    import sys

    script = str(ROOT / "scripts" / "eval_classifier.py")
    coded = [json.loads(line) for line in CODED_ROUND.read_text(encoding="utf-8").splitlines()
             if line.strip()][:80]  # a part of round 1 keeps the three trainings short
    part = tmp_path / "round-1-part.jsonl"
    part.write_text("".join(json.dumps(c) + "\n" for c in coded), encoding="utf-8")
    # the code's model alone: with its group's agreement too, no pair of this small training
    # set reaches 0.5, and the sweep below would have nothing to check
    result = subprocess.run([sys.executable, script, str(GOLD), "--folds", "3", "--json",
                             "--agreement", "none", "--coded-round", str(part)],
                            capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    assert f"({len(coded)} sentences, {sum(len(c['codes']) for c in coded)} code" \
        in report["header"]
    micro = report["results"][0]["groups"]["micro"]
    assert report["results"][0]["tested_sentences"] == len(_gold())
    assert micro["rules"]["tp"] + micro["rules"]["fn"] == sum(len(g["codes"]) for g in _gold())
    check_threshold_sweep(report["results"][0])
    assert report["results"][0]["threshold_sweep"][-1]["suggestions"] > 0  # reaches the ranking
    assert "agreement none" in report["results"][0]["settings"]

    leaky = tmp_path / "leaky.jsonl"  # real gold sentences passed off as a coding round
    leaky.write_text("".join(json.dumps(g) + "\n" for g in _gold()[:3]), encoding="utf-8")
    refused = subprocess.run([sys.executable, script, str(GOLD), "--coded-round", str(leaky)],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "come from gold speeches" in refused.stderr
    misnamed = tmp_path / "misnamed.jsonl"
    misnamed.write_text(json.dumps({**coded[0], "codes": ["identity.langauge"]}) + "\n",
                        encoding="utf-8")
    refused = subprocess.run([sys.executable, script, str(GOLD), "--coded-round", str(misnamed)],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "identity.langauge" in refused.stderr
    refused = subprocess.run([sys.executable, script, str(GOLD), "--coded-round", str(part),
                              str(part)], capture_output=True, text=True)
    assert refused.returncode != 0 and "80 sentences are coded twice" in refused.stderr


def _archive(folder: Path, names: list[str], path: Path, mode: str) -> Path:
    """A tar of the speeches in `names` order, laid out as in the UNGDC archive."""
    with tarfile.open(path, mode) as archive:
        for name in names:
            session = ungdc.speech_order(name)[0]
            archive.add(folder / name, f"UNGDC_1946-2024/TXT/Session {session:02d} - "
                                       f"{1945 + session}/{name}")
    return path


@pytest.fixture(scope="module")
def early_speeches(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """The first 300 speeches of the real archive (sessions 1-4, 5 MB) and the first 3 whose
    lines end in CR LF (session 20), unpacked flat."""
    folder = tmp_path_factory.mktemp("ungdc-early")
    kept = carriage_returns = 0
    with tarfile.open(shared / "corpus/ungdc/UNGDC_1946-2024.tar.xz", "r|xz") as archive:
        for member in archive:
            name = Path(member.name).name
            if member.isfile() and "/TXT/" in member.name and ungdc.is_speech(name):
                data = archive.extractfile(member).read()
                if kept < 300 or b"\r" in data:
                    (folder / name).write_bytes(data)
                    kept += 1
                    carriage_returns += b"\r" in data
                if kept >= 300 and carriage_returns == 3:
                    break
    return folder


def test_archive_and_folder_stream_the_same_speeches_in_the_same_order(
        early_speeches: Path, tmp_path: Path) -> None:
    """The archive, an archive repacked in another order (spooled to disk, then handed out
    in order) and the unpacked folder give the same speeches in the archive's order (session,
    then name: not plain name order); the spooled sentences Word2Vec reads are the same from
    each and the same when read again."""
    names = sorted((p.name for p in early_speeches.iterdir()), key=ungdc.speech_order)
    assert names != sorted(names)  # ARG_01, AUS_01, ... ARG_02: not sorted by name
    archive = _archive(early_speeches, names, tmp_path / "ungdc.tar.xz", "w:xz")
    repacked = _archive(early_speeches, names[::-1], tmp_path / "repacked.tar.gz", "w:gz")
    from_folder = list(ungdc.speeches(early_speeches))
    assert [name for name, _ in from_folder] == names
    assert list(ungdc.speeches(archive)) == from_folder
    assert list(ungdc.speeches(repacked)) == from_folder
    excluded = {names[7], names[100]}
    spooled = [vectors.spool(source, excluded, tmp_path / f"{number}.txt")
               for number, source in enumerate([early_speeches, archive, repacked])]
    first = list(spooled[0])
    assert len(first) == spooled[0].sentences > 10000
    assert sum(map(len, first)) == spooled[0].tokens
    assert list(spooled[0]) == first  # restartable: each of Word2Vec's passes reads it again
    for other in spooled[1:]:
        assert list(other) == first
        assert other.corpus_hash == spooled[0].corpus_hash
        assert other.speeches_excluded == sorted(excluded)
        assert other.speeches_used == len(names) - 2
    assert any(b"\r" in (early_speeches / name).read_bytes() for name in names)  # CR LF


def test_speeches_are_read_one_at_a_time(early_speeches: Path, tmp_path: Path) -> None:
    """Reading the speeches holds one speech, not the corpus: the most memory Python holds
    while all 303 go by (5.5 million characters; the largest speech 114 KB) is under a quarter
    of their text (the dict the archive was once read into held all of it)."""
    names = sorted((p.name for p in early_speeches.iterdir()), key=ungdc.speech_order)
    archive = _archive(early_speeches, names, tmp_path / "ungdc.tar", "w")  # no xz window
    for source in (early_speeches, archive):
        tracemalloc.start()
        try:
            characters = sum(len(text) for _, text in ungdc.speeches(source))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert characters > 4_000_000
        assert peak < characters / 4, f"{source}: {peak:,} bytes held at most"


def test_damaged_archive_and_unreadable_speech_are_named(early_speeches: Path,
                                                          tmp_path: Path) -> None:
    """A cut archive and a speech file that cannot be read stop the build with E107 naming
    the file (and build_vectors.py exits 2 with that message, no traceback)."""
    names = sorted((p.name for p in early_speeches.iterdir()), key=ungdc.speech_order)
    whole = _archive(early_speeches, names, tmp_path / "ungdc.tar.xz", "w:xz").read_bytes()
    cut = tmp_path / "cut.tar.xz"
    cut.write_bytes(whole[:len(whole) // 2])
    with pytest.raises(CultdipError) as error:
        list(ungdc.speeches(cut))
    assert error.value.code is ErrorCode.UNREADABLE_FILE and str(cut) in str(error.value)
    not_archive = tmp_path / "speech.tar.xz"
    shutil.copy(early_speeches / names[0], not_archive)
    with pytest.raises(CultdipError, match="E107.*speech.tar.xz"):
        list(ungdc.speeches(not_archive))
    folder = tmp_path / "folder"
    shutil.copytree(early_speeches, folder)
    dangling = folder / "ZZZ_02_1947.txt"
    dangling.symlink_to(tmp_path / "gone" / "ZZZ_02_1947.txt")
    with pytest.raises(CultdipError, match="E107 UNREADABLE_FILE: .*ZZZ_02_1947.txt"):
        vectors.spool(folder, set(), tmp_path / "sentences.txt")
    script = subprocess.run([sys.executable, str(ROOT / "scripts/build_vectors.py"),
                             "--corpus", str(cut), "--out", str(tmp_path / "vectors")],
                            capture_output=True, text=True)
    assert script.returncode == 2
    assert f"E107 UNREADABLE_FILE: {cut}" in script.stderr and "Traceback" not in script.stderr
    assert not (tmp_path / "vectors").exists()


def test_spooled_sentences_train_the_vectors_a_list_trains(tmp_path: Path) -> None:
    """Word2Vec reading the spool, pass after pass, learns exactly what it learns from the
    list of every sentence the build used to hold (so streaming changed memory, not vectors)."""
    spooled = vectors.spool(SPEECHES, set(), tmp_path / "sentences.txt")
    held = [words for _, text in ungdc.speeches(SPEECHES)
            for words in vectors.speech_sentences(text)]
    assert list(spooled) == held and spooled.tokens == sum(map(len, held))
    from_spool = vectors.train(spooled, seed=5, dimensions=16, min_count=2, epochs=3)
    from_list = vectors.train(held, seed=5, dimensions=16, min_count=2, epochs=3)
    assert from_spool.words == from_list.words
    assert np.array_equal(from_spool.vectors, from_list.vectors)
