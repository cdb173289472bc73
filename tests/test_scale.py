"""What the speed work must not change, and the cheap re-run it promises."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CORPUS, run_cli

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


def test_a_rerun_on_an_unchanged_corpus_leaves_the_outputs_alone(tmp_path: Path) -> None:
    folder, project = tmp_path / "docs", tmp_path / "project"
    folder.mkdir()
    for name in SPEECHES[:2]:
        shutil.copy2(CORPUS / "ungdc" / name, folder / name)
    run_cli("run", str(folder), "--project", str(project), "--jobs", "1", "--no-progress",
            check=True)
    outputs = sorted(project.glob("matrix_*.csv")) + [project / "matrices.xlsx",
                                                      project / "heatmap_rate.png"]
    written = {path: path.stat().st_mtime_ns for path in outputs}
    run_cli("run", str(folder), "--project", str(project), "--jobs", "1", "--no-progress",
            check=True)
    assert {path: path.stat().st_mtime_ns for path in outputs} == written
    # A new speech changes the matrices: they are written again, with its country.
    shutil.copy2(CORPUS / "ungdc" / SPEECHES[2], folder / SPEECHES[2])
    run_cli("run", str(folder), "--project", str(project), "--jobs", "1", "--no-progress",
            check=True)
    assert (project / "matrix_count.csv").stat().st_mtime_ns != written[
        project / "matrix_count.csv"]
    assert "GBR" in (project / "matrix_count.csv").read_text(encoding="utf-8")
