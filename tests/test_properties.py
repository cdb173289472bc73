"""Property-based tests (hypothesis) on real material: the codebook loader, the text normaliser,
sentence and tag offsets; plus hostile codebooks and manifests.

Every generated input starts from a real document (the default codebook, UN speeches, the
UDHR in Russian and Kazakh, the sample manifest) and is then cut, mutated and spliced.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SHARED
from cultdip_nlp.analysis import Analyser
from cultdip_nlp.codebook import default_codebook_path, load_codebook
from cultdip_nlp.errors import CodebookError, CultdipError
from cultdip_nlp.ingest.discover import discover
from cultdip_nlp.ingest.normalize import normalize_text
from cultdip_nlp.records import Page

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
CODEBOOK_TEXT = default_codebook_path().read_text(encoding="utf-8")


def _udhr(code: str) -> str:
    xml = (SHARED / "corpus" / "ru_kk" / f"udhr_{code}.xml").read_text(encoding="utf-8")
    return "\n\n".join(re.findall(r"<para>(.*?)</para>", xml, flags=re.DOTALL))


SOURCES = [
    (CORPUS / "ungdc" / "KAZ_79_2024.txt").read_text(encoding="utf-8"),
    (CORPUS / "ungdc" / "JPN_70_2015.txt").read_text(encoding="utf-8"),
    (CORPUS / "kz_en" / "kz_tokayev_state-of-the-nation-address_2019-09-02.md")
    .read_text(encoding="utf-8"),
    _udhr("rus"),
    _udhr("kaz"),
]
# What real files carry that the normaliser must handle: CRLF, soft hyphens, ligatures,
# full-width forms, a BOM, tabs, no-break spaces, hyphenated line ends, blank runs.
NOISE = st.sampled_from(["\r\n", "\r", "\u00ad", "\ufb01", "\uff21", "\ufeff", "\t", "\u00a0",
                         "-\n", "\n\n\n", " ", "\u2003", "\u200b", "\n"])


@st.composite
def real_text(draw: st.DrawFn, max_length: int = 3000) -> str:
    """A slice of a real document with real-world noise spliced in at random places."""
    source = draw(st.sampled_from(SOURCES))
    start = draw(st.integers(0, max(0, len(source) - 1)))
    length = draw(st.integers(0, max_length))
    text = source[start:start + length]
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(NOISE) + text[at:]
    return text


# The text normaliser ---------------------------------------------------------------------


@PROPERTY
@given(real_text())
def test_normalised_text_is_a_fixed_point_with_clean_paragraphs(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\n\n\n" not in once and "\r" not in once and "\u00ad" not in once
    for paragraph in once.split("\n\n") if once else []:
        assert paragraph and paragraph == paragraph.strip() and "\n" not in paragraph


# Sentence and tag offsets ----------------------------------------------------------------

ANALYSER = Analyser(load_codebook(None), tag=True)


@PROPERTY
@given(real_text(max_length=6000))
def test_every_offset_slices_exactly_its_text(raw: str) -> None:
    text = normalize_text(raw)
    pages = [Page(number=1, start=0, end=len(text))]
    _, sentences, tags, mentions = ANALYSER.analyse("doc", text, pages, None)
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert text[sentence.start:sentence.end] == sentence.text and sentence.text.strip()
    for tag in tags:
        sentence = sentences[tag.sentence_index]
        assert text[tag.start:tag.end] == tag.text
        assert sentence.start <= tag.start < tag.end <= sentence.end
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text


# The codebook loader ---------------------------------------------------------------------


@st.composite
def mutated_codebook(draw: st.DrawFn) -> str:
    """The real default codebook with lines dropped, repeated, swapped or cut."""
    lines = CODEBOOK_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "cut", "indent", "splice"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "cut":
            line = lines[at]
            lines[at] = line[:draw(st.integers(0, len(line)))] + "\n"
        elif action == "indent":
            lines[at] = "  " + lines[at]
        else:
            lines[at] = lines[draw(st.integers(0, len(lines) - 1))]
        if not lines:
            break
    return "".join(lines)


def _load_or_report(path: Path) -> None:
    try:
        codebook = load_codebook(path)
    except CodebookError as error:
        assert error.problems and all(str(path) in p for p in error.problems)
    except CultdipError as error:
        assert str(path) in str(error)
    else:
        assert codebook.hash and codebook.codes


@settings(PROPERTY, max_examples=15)  # each load compiles the whole default codebook
@given(mutated_codebook())
def test_a_damaged_codebook_loads_or_is_reported_never_crashes(tmp_path: Path, text: str) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    _load_or_report(path)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["name", "codes", "groups", "id", "patterns", "label",
                                       "regex", "phrase", "lang", "requires", "extends"]) | st.text(max_size=8),
                      children, max_size=4),
    max_leaves=20)


@PROPERTY
@given(YAML_VALUES)
def test_any_yaml_document_loads_or_is_reported(tmp_path: Path, value: object) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    _load_or_report(path)


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """Billion laughs appended to the real codebook: nine levels of ten aliases each."""
    levels = ["lol0: &l0 [\"identity\"]"]
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        levels.append(f"lol{level}: &l{level} [{refs}]")
    path = tmp_path / "bomb.yaml"
    path.write_text(CODEBOOK_TEXT + "\n" + "\n".join(levels) + "\n", encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    assert "alias" in str(caught.value)


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch {marker}']",
                                 "!!python/name:os.system", "!!python/module:os"])
def test_python_tags_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(CODEBOOK_TEXT.replace("name:", "name: " + tag.format(marker=marker) + "\n"
                                          "old_name:", 1), encoding="utf-8")
    with pytest.raises(CodebookError):
        load_codebook(path)
    assert not marker.exists()


# Manifests -------------------------------------------------------------------------------


def _sample_folder(tmp_path: Path, rows: list[dict[str, str]], columns: list[str]) -> Path:
    folder = tmp_path / "corpus"
    (folder / "ungdc").mkdir(parents=True)
    for row in rows:
        name = row.get("file") or row.get("path") or ""
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "manifest.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


def _real_rows(count: int) -> list[dict[str, str]]:
    with (CORPUS / "manifest.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["file"].startswith("ungdc/")][:count]


def test_manifest_without_file_column_is_reported_and_file_names_still_give_metadata(
        tmp_path: Path) -> None:
    rows = [{**row, "path": row["file"]} for row in _real_rows(3)]
    folder = _sample_folder(tmp_path, rows, ["path", "country", "year"])
    found = discover([folder])
    assert len(found.files) == 3
    [problem] = found.problems
    assert problem.startswith("E301") and "manifest.csv" in problem and "'file'" in problem
    meta = found.meta_for(found.files[0])
    assert meta.origin == "filename" and meta.country == "GBR"


def test_manifest_duplicate_rows_keep_the_first_and_say_which_line(tmp_path: Path) -> None:
    rows = _real_rows(2)
    duplicate = {**rows[0], "country": "XXX"}
    folder = _sample_folder(tmp_path, [*rows, duplicate], ["file", "country", "year"])
    found = discover([folder])
    assert any("manifest.csv:4" in p and "duplicate" in p for p in found.problems)
    first = next(p for p in found.files if p.name == Path(rows[0]["file"]).name)
    assert found.meta_for(first).country == rows[0]["country"]
