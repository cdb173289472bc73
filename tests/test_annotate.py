"""The public JSONL contract of `cultdip annotate`, on real sentences of the seed paper."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli


def _seed_sentence(seed_paper: str, start: str) -> str:
    position = seed_paper.index(start)
    end = seed_paper.index(". ", position) + 1
    return seed_paper[position:end]


def test_annotate_contract_on_seed_paper(seed_paper: str, tmp_path: Path) -> None:
    british = _seed_sentence(seed_paper, "The British Council operates in over 100 countries")
    korean = _seed_sentence(seed_paper, "The state established and expanded networks such as")
    unrelated = "The decision was agreed upon by the Constitutional Council."  # kz_en, real
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [
        {"id": "gb", "text": british, "lang": "en"},
        {"id": "kr", "text": korean, "country": "KOR"},
        {"id": "none", "text": unrelated},
        "not an object",
    ]) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    result = run_cli("annotate", str(source), "-o", str(target))
    assert result.returncode == 1 and f"{source}:4:" in result.stderr  # bad line named
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["gb", "kr", "none"]
    by_id = {line["id"]: line for line in lines}
    for line in lines:
        assert set(line) == {"id", "codes", "tags", "about"}
        assert line["codes"] == sorted({tag["code"] for tag in line["tags"]})
        text = {"gb": british, "kr": korean, "none": unrelated}[line["id"]]
        for tag in line["tags"]:
            assert set(tag) == {"code", "start", "end", "text", "source", "rule", "score"}
            assert text[tag["start"]:tag["end"]] == tag["text"]
            assert tag["source"] == "rule" and 0 < tag["score"] <= 1
    assert "instrument.cultural_institute" in by_id["gb"]["codes"]
    assert any(t["text"] == "British Council" for t in by_id["gb"]["tags"])
    assert "GBR" in by_id["gb"]["about"]
    assert "instrument.cultural_institute" in by_id["kr"]["codes"]
    assert "KOR" in by_id["kr"]["about"]
    assert by_id["none"]["codes"] == [] and by_id["none"]["about"] == []


def test_annotate_reads_stdin(seed_paper: str) -> None:
    import subprocess

    from conftest import cultdip_command

    text = _seed_sentence(seed_paper, "The inscription of the art of dombra kui")
    result = subprocess.run([*cultdip_command(), "annotate", "-"], capture_output=True,
                            text=True, input=json.dumps({"id": 7, "text": text}) + "\n")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert line["id"] == 7
    assert "instrument.heritage_listing" in line["codes"]


def test_annotate_sentences_carry_the_section_heading(seed_paper: str) -> None:
    """The seed paper's Japan section as one text: with --sentences every sentence is about
    JPN, also those that do not name Japan (the heading "Japan: Nation Branding ..." carries)."""
    import subprocess

    from conftest import cultdip_command

    start = seed_paper.index("Japan: Nation Branding")
    section = seed_paper[start:seed_paper.index("United Kingdom: institutional", start)]
    record = {"id": "jp", "text": section, "lang": "en"}
    result = subprocess.run([*cultdip_command(), "annotate", "-", "--sentences"],
                            capture_output=True, text=True, input=json.dumps(record) + "\n")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert "JPN" in line["about"]
    sentences = line["sentences"]
    assert len(sentences) > 15
    assert all("JPN" in s["about"] for s in sentences), [
        section[s["start"]:s["end"]][:50] for s in sentences if "JPN" not in s["about"]]
    unnamed = [s for s in sentences if "Japan" not in section[s["start"]:s["end"]]]
    assert len(unnamed) >= 5  # about JPN by the heading alone
    # without the heading, those sentences are about nothing
    body = section[section.index("\n"):]
    result = subprocess.run([*cultdip_command(), "annotate", "-", "--sentences"],
                            capture_output=True, text=True,
                            input=json.dumps({"id": "jp", "text": body, "lang": "en"}) + "\n")
    headless = json.loads(result.stdout)["sentences"]
    assert any(s["about"] == [] for s in headless)
