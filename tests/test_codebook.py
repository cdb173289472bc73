"""Codebook loading: the default implements the taxonomy; bad files are reported by line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SHARED, run_cli

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.errors import CodebookError

TAXONOMY = SHARED / "TAXONOMY.md"


def test_default_codebook_implements_every_taxonomy_code(shared: Path) -> None:
    taxonomy_ids = re.findall(r"^\| ((?:identity|instrument|outcome)\.[a-z_]+) \|",
                              TAXONOMY.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert len(taxonomy_ids) == 31
    codebook = load_codebook()
    assert codebook.code_ids == taxonomy_ids
    for code in codebook.codes:
        assert code.label and code.definition
        assert any(p.lang == "en" for p in code.patterns), code.id
    assert len(codebook.hash) == 64


def test_hash_changes_with_content_not_with_formatting(tmp_path: Path) -> None:
    base = load_codebook()
    text = Path(base.source).read_text(encoding="utf-8")
    reformatted = tmp_path / "same.yaml"
    reformatted.write_text("# a comment\n" + text, encoding="utf-8")
    assert load_codebook(reformatted).hash == base.hash
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace('version: "1.0.0"', 'version: "1.0.1"'), encoding="utf-8")
    assert load_codebook(changed).hash != base.hash


BROKEN = """\
name: broken
version: "1"
groups:
  instrument: {label: Instruments}
codes:
  - id: instrument.cultural_institute
    group: instrument
    label: Institutes
    colour: red
    patterns:
      - phrase: British Council
        lemma: council
      - regex: "a*"
      - regex: "(unclosed"
  - id: instrument.cultural_institute
    group: instrument
    label: Again
  - id: identity.language
    group: identity
    label: Language
    patterns:
      - lemma: language
        requires: {any: [state], windw: 3}
"""


def test_problems_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    problems = "\n".join(caught.value.problems)
    expected = {
        9: "unknown code key 'colour'",
        11: "exactly one of",
        13: "matches the empty string",
        14: "invalid regular expression",
        15: "duplicate code id",
        19: "which 'groups' does not declare",
        23: "unknown key 'windw'",
    }
    for line, message in expected.items():
        assert any(f"{path}:{line}:" in p and message in p for p in caught.value.problems), (
            line, message, problems)


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = tmp_path / "syntax.yaml"
    path.write_text("name: x\ncodes:\n  - id: a.b\n    label: [unclosed\n", encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    assert re.search(rf"{re.escape(str(path))}:\d+: YAML syntax", str(caught.value))


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("name: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(CodebookError):
        load_codebook(path)


def test_extends_overrides_and_adds(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\nversion: '0.1'\nextends: default\ngroups:\n  theme: {label: Themes}\n"
        "codes:\n  - id: theme.space\n    group: theme\n    label: Space programme\n"
        "    patterns:\n      - lemma: space programme\n"
        "  - id: instrument.diaspora\n    group: instrument\n    label: Diaspora only\n"
        "    patterns:\n      - phrase: Otandastar\n", encoding="utf-8")
    codebook = load_codebook(path)
    default = load_codebook()
    assert codebook.code_ids == default.code_ids + ["theme.space"]
    assert codebook.code("instrument.diaspora").label == "Diaspora only"
    assert [p.value for p in codebook.code("instrument.diaspora").patterns] == ["Otandastar"]


def test_codebook_check_verb(tmp_path: Path) -> None:
    ok = run_cli("codebook", "check")
    assert ok.returncode == 0 and "31 codes" in ok.stdout
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    bad = run_cli("codebook", "check", str(path))
    assert bad.returncode == 2
    assert "E201 CODEBOOK_INVALID" in bad.stderr and f"{path}:13:" in bad.stderr
