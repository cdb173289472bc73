"""What the speed work must not change, and the cheap re-run it promises."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CORPUS, SHARED, run_cli

from cultdip_nlp.analysis import Analyser
from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.ingest.reader import extract
from cultdip_nlp.nlp import blank_pipeline
from cultdip_nlp.tagging.cases import CaseAttributor
from cultdip_nlp.tagging.component import CultdipTagger

SPEECHES = ["KAZ_79_2024.txt", "JPN_75_2020.txt", "GBR_70_2015.txt"]


def _reference_sentences(text: str) -> list[tuple[int, int, str, int]]:
    """Sentences found token by token, the way the analyser did before it read arrays."""
    nlp = blank_pipeline("en")
    found = []
    offset = 0
    for block in text.split("\n\n"):
        if block.strip():
            doc = nlp(block)
            for sent in doc.sents:
                words = [t for t in sent if not t.is_space]
                if words:
                    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
                    found.append((offset + start, offset + end, doc.text[start:end],
                                  sum(1 for t in words if not t.is_punct)))
        offset += len(block) + 2
    return found


def test_sentences_and_tags_are_those_of_the_token_by_token_reading() -> None:
    codebook = load_codebook(None)
    analyser = Analyser(codebook)
    nlp = blank_pipeline("en")
    tagger, cases = CultdipTagger(nlp, codebook, lang="en"), CaseAttributor(nlp, "en")
    total_tags = 0
    for name in SPEECHES:
        path = CORPUS / "ungdc" / name
        extracted = extract(path, path.read_bytes(), None)
        assert len(extracted.pages) == 1
        _, sentences, tags, mentions = analyser.analyse("doc", extracted.text, extracted.pages,
                                                        "en")
        reference = _reference_sentences(extracted.text)
        assert [(s.start, s.end, s.text, s.n_tokens) for s in sentences] == reference
        assert all(extracted.text[s.start:s.end] == s.text for s in sentences)
        # Every tag and mention sits in the sentence that contains it.
        for item in [*tags, *mentions]:
            sentence = sentences[item.sentence_index]
            assert sentence.start <= item.start and item.end <= sentence.end
        # The same tags as the components give on each paragraph, token by token.
        expected = []
        offset = 0
        for block in extracted.text.split("\n\n"):
            if block.strip():
                doc = cases(tagger(nlp(block)))
                expected += [(offset + s.start_char, s.label_) for s in doc.spans["cultdip"]]
            offset += len(block) + 2
        assert [(t.start, t.code) for t in tags] == expected
        total_tags += len(tags)
    assert total_tags > 0


def _run(folder: Path, project: Path) -> None:
    run_cli("run", str(folder), "--project", str(project), "--jobs", "1", "--no-progress",
            check=True)


def _project_of(tmp_path: Path, speeches: list[str]) -> tuple[Path, Path]:
    """A folder of real UN speeches and the project a first `cultdip run` made of it."""
    folder, project = tmp_path / "docs", tmp_path / "project"
    folder.mkdir()
    for name in speeches:
        shutil.copy2(CORPUS / "ungdc" / name, folder / name)
    _run(folder, project)
    return folder, project


def test_a_rerun_on_an_unchanged_corpus_leaves_the_outputs_alone(tmp_path: Path) -> None:
    folder, project = _project_of(tmp_path, SPEECHES[:2])
    outputs = sorted(project.glob("matrix_*.csv")) + [project / "matrices.xlsx",
                                                      project / "heatmap_rate.png"]
    written = {path: path.stat().st_mtime_ns for path in outputs}
    _run(folder, project)
    assert {path: path.stat().st_mtime_ns for path in outputs} == written
    # A new speech changes the matrices: they are written again, with its country.
    shutil.copy2(CORPUS / "ungdc" / SPEECHES[2], folder / SPEECHES[2])
    _run(folder, project)
    assert (project / "matrix_count.csv").stat().st_mtime_ns != written[
        project / "matrix_count.csv"]
    assert "GBR" in (project / "matrix_count.csv").read_text(encoding="utf-8")


def test_a_manifest_edit_reaches_the_matrices_on_the_next_run(tmp_path: Path) -> None:
    """The re-run skips building the matrices only while the store is unchanged."""
    folder, project = _project_of(tmp_path, SPEECHES[:2])
    assert "KGZ" not in (project / "matrix_count.csv").read_text(encoding="utf-8")
    # A correction of the country, no new document: the store changes, the matrices follow.
    (folder / "manifest.csv").write_text(f"file,country,year\n{SPEECHES[0]},KGZ,2024\n",
                                         encoding="utf-8")
    _run(folder, project)
    counts = (project / "matrix_count.csv").read_text(encoding="utf-8")
    assert "KGZ" in counts and "KAZ" not in counts


def test_the_store_change_counter_moves_with_what_the_matrices_read(tmp_path: Path) -> None:
    from cultdip_nlp.review.judgements import Judgement, record
    from cultdip_nlp.store import Store

    folder, project = _project_of(tmp_path, SPEECHES[:1])
    with Store(project / "cultdip.sqlite") as store:
        before = store.changes()
    _run(folder, project)  # a run that reads nothing again changes nothing the matrices read
    with Store(project / "cultdip.sqlite") as store:
        assert store.changes() == before
        tag = store.connection.execute("SELECT * FROM tags LIMIT 1").fetchone()
        record(store.connection, Judgement(tag_id=tag["id"], document_id=tag["document_id"],
                                           sentence_idx=tag["sentence_idx"], code=tag["code"],
                                           decision="reject", coder="ana"), {tag["code"]})
        after_judgement = store.changes()
        assert after_judgement != before
    # Another store reaching the same count is told apart by its id.
    other = tmp_path / "other"
    run_cli("run", str(folder), "--project", str(other), "--jobs", "1", "--no-progress",
            check=True)
    with Store(other / "cultdip.sqlite") as store:
        assert store.changes().split(":")[0] != before.split(":")[0]


def test_token_patterns_find_what_one_matcher_over_the_whole_text_finds() -> None:
    """The tagger runs each token pattern only where its words occur (and a first-token set
    as plain words); the matches must be those of spaCy's Matcher over every paragraph."""
    from spacy.matcher import Matcher

    codebook = load_codebook(None)
    nlp = blank_pipeline("en")
    tagger = CultdipTagger(nlp, codebook, lang="en")
    reference = Matcher(nlp.vocab)
    for pattern in codebook.patterns("en"):
        if pattern.kind == "tokens":
            reference.add(pattern.id, [pattern.value])
    found = 0
    speeches = sorted((CORPUS / "ungdc").glob("*.txt"))
    for path in speeches:
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            if block.strip():
                doc = nlp(block)
                expected = sorted(reference(doc))
                assert sorted(tagger._token_matches(doc)) == expected
                found += len(expected)
    assert found > 0


def test_the_array_sentencizer_starts_the_sentences_spacys_own_starts() -> None:
    """cultdip_sentencizer applies spaCy's sentencizer rule to arrays: the SENT_START of
    every paragraph of real speeches (English, Russian, Kazakh) must be spaCy's."""
    import numpy
    from spacy.attrs import SENT_START
    from spacy.pipeline import Sentencizer

    from cultdip_nlp.nlp import ArraySentencizer

    paragraphs: dict[str, list[str]] = {"en": [], "ru": [], "kk": []}
    for path in sorted((CORPUS / "ungdc").glob("*.txt")) + sorted(
            (CORPUS / "kz_en").glob("*.md")):
        paragraphs["en"] += path.read_text(encoding="utf-8").split("\n\n")
    for name, lang in (("udhr_rus.xml", "ru"), ("udhr_kaz.xml", "kk")):
        text = (SHARED / "corpus" / "ru_kk" / name).read_text(encoding="utf-8")
        paragraphs[lang] += text.split("\n")
    spacys = Sentencizer()
    compared = 0
    for lang, blocks in paragraphs.items():
        nlp = blank_pipeline(lang)
        ours = nlp.get_pipe("sentencizer")
        assert isinstance(ours, ArraySentencizer)
        for block in blocks:
            expected, found = spacys(nlp.make_doc(block)), ours(nlp.make_doc(block))
            assert numpy.array_equal(found.to_array(SENT_START), expected.to_array(SENT_START))
            compared += len(found)
    assert compared > 100_000


def test_a_document_reaches_the_batch_process_as_the_reader_made_it(tmp_path: Path) -> None:
    """The child's result travels pickled through the pool worker (bounded_child.Pickled),
    and a Document pickles its records as tuples: what arrives equals what was made."""
    import pickle

    from cultdip_nlp import pipeline
    from cultdip_nlp.bounded_child import Pickled
    from cultdip_nlp.limits import Limits
    from cultdip_nlp.records import Document, DocumentMeta

    pipeline._init_worker(None, True)
    try:
        path = str(CORPUS / "ungdc" / SPEECHES[0])
        made = pipeline.process_file(path, DocumentMeta(country="KAZ"))
        assert isinstance(made, Document) and made.sentences and made.tags and made.mentions
        assert pickle.loads(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)) == made
        passed = pipeline.process_file_passed_on(path, DocumentMeta(country="KAZ"), Limits())
        assert isinstance(passed, Pickled) and passed.languages == ("en",)
        assert pipeline.opened(passed) == made
    finally:
        pipeline.close_child()


def test_a_forked_writer_that_fails_fails_again_in_the_batch_process(tmp_path: Path) -> None:
    """forked.Forked: the child's file is there after join; a failure in the child is run
    again (and raised) in the parent, never lost."""
    import pytest

    from cultdip_nlp.forked import Forked

    import os

    written = tmp_path / "written.txt"
    Forked(lambda: written.write_text(str(os.getpid()), encoding="utf-8")).join()
    assert written.read_text(encoding="utf-8") != str(os.getpid())  # the child wrote it

    def fails() -> None:
        raise OSError(f"{tmp_path / 'missing' / 'file.xlsx'}: no such folder")

    writing = Forked(fails)
    with pytest.raises(OSError, match="no such folder"):
        writing.join()
