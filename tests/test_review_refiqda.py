"""REFI-QDA export validated against the standard's XSDs, and codings read back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.review import judgements, queue
from cultdip_nlp.review.adjudication import validated_tag_ids
from cultdip_nlp.review.judgements import Judgement
from cultdip_nlp.review.refiqda import PROJECT_NS, guid
from test_review import connect, run_cli

import xmlschema  # noqa: E402 - the [test] extra installs it
SCHEMAS = Path(__file__).resolve().parents[1] / "cultdip_nlp" / "review" / "schemas"
P = f"{{{PROJECT_NS}}}"
KNOWN = set(load_codebook(None).code_ids)


@pytest.fixture(scope="module")
def project_schema():
    return xmlschema.XMLSchema(SCHEMAS / "Project-mrt2019.xsd")


def judged(project: Path) -> dict[str, str]:
    with connect(project) as db:
        queue.sample(db, 4, "random", coders=["ann"], seed=5)
        items = db.execute("SELECT * FROM review_items ORDER BY tag_id").fetchall()
        first, second = items[0], items[1]
        for item, decision in ((first, "accept"), (second, "relabel")):
            judgements.record(db, Judgement(
                item["tag_id"], item["document_id"], item["sentence_idx"], item["code"],
                decision, "ann", new_code="outcome.national_pride" if decision == "relabel"
                else None, start=item["start"], end=item["end"]), KNOWN)
        judgements.record(db, Judgement(None, first["document_id"], first["sentence_idx"],
                                        "identity.values", "add", "ann"), KNOWN)
    return {"accepted": first["tag_id"], "relabelled": second["tag_id"]}


def read_qde(path: Path) -> tuple[bytes, dict[str, str]]:
    with zipfile.ZipFile(path) as archive:
        texts = {name: archive.read(name).decode() for name in archive.namelist()
                 if name.startswith("sources/")}
        return archive.read("project.qde"), texts


def test_qdpx_is_valid_and_offsets_point_at_the_tagged_text(review_project: Path,
                                                            tmp_path: Path,
                                                            project_schema) -> None:
    judged(review_project)
    path = tmp_path / "all.qdpx"
    run_cli("review", "export", "--project", str(review_project), "--format", "qdpx", "-o",
            str(path), check=True)
    qde, texts = read_qde(path)
    project_schema.validate(qde.decode())
    root = ET.fromstring(qde)
    assert {u.get("name") for u in root.iter(f"{P}User")} == {"ann", "cultdip-machine"}
    with connect(review_project) as db:
        tags = {(r["document_id"], r["start"], r["end"], r["code"]): r["text"]
                for r in db.execute("SELECT * FROM tags")}
        documents = {guid("document", r[0]): r[0] for r in db.execute("SELECT id FROM documents")}
    code_names = {c.get("guid"): c.get("name") for c in root.iter(f"{P}Code")}
    machine = guid("user", "cultdip-machine")
    found = set()
    human = []
    for source in root.iter(f"{P}TextSource"):
        text = texts["sources/" + source.get("plainTextPath").split("internal://")[1]]
        document_id = documents[source.get("guid")]
        for selection in source.iter(f"{P}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            code = code_names[selection.find(f"{P}Coding/{P}CodeRef").get("targetGUID")]
            if selection.get("creatingUser") == machine:
                assert text[start:end] == tags[(document_id, start, end, code)]
                found.add((document_id, start, end, code))
            else:
                human.append(code)
    assert found == set(tags)  # every tag is a coded selection, at its character offsets
    assert sorted(human) == ["identity.values", "outcome.national_pride"]
    # A document whose text holds markup still makes well-formed, valid XML (texts are files).
    assert any("<script>" in t for t in texts.values())

    validated = tmp_path / "validated.qdpx"
    run_cli("review", "export", "--project", str(review_project), "--format", "qdpx",
            "--validated-only", "-o", str(validated), check=True)
    qde, _ = read_qde(validated)
    project_schema.validate(qde.decode())
    machine_selections = [s for s in ET.fromstring(qde).iter(f"{P}PlainTextSelection")
                          if s.get("creatingUser") == machine]
    with connect(review_project) as db:
        assert len(machine_selections) == len(validated_tag_ids(db)) == 1


def test_qdc_codebook_is_valid_and_the_schema_rejects_a_broken_one(tmp_path: Path) -> None:
    schema = xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd")
    path = tmp_path / "codebook.qdc"
    run_cli("review", "export", "--project", str(tmp_path), "--format", "qdc", "-o", str(path),
            check=True)
    schema.validate(str(path))
    names = {c.get("name") for c in ET.parse(path).getroot().iter(
        "{urn:QDA-XML:codebook:1.0}Code")}
    assert KNOWN <= names
    broken = path.read_text(encoding="utf-8").replace('isCodable="true"', "", 1)
    assert not schema.is_valid(broken)


def test_codings_from_a_qda_tool_come_back_as_judgements(review_project: Path,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "out.qdpx"
    run_cli("review", "export", "--project", str(review_project), "--format", "qdpx", "-o",
            str(path), check=True)
    qde, texts = read_qde(path)
    root = ET.fromstring(qde)
    # What a QDA tool writes after a coder worked: a new user, codings of her own.
    maria = "0b7e7f4e-6a51-4c1e-9f0e-3d2b1c0a9e88"
    ET.SubElement(root.find(f"{P}Users"), f"{P}User", guid=maria, name="Maria Q")
    source = next(s for s in root.iter(f"{P}TextSource")
                  if s.find(f"{P}PlainTextSelection") is not None)
    machine_selection = next(source.iter(f"{P}PlainTextSelection"))
    start, end = machine_selection.get("startPosition"), machine_selection.get("endPosition")
    code_guid = machine_selection.find(f"{P}Coding/{P}CodeRef").get("targetGUID")
    coding = ET.SubElement(machine_selection, f"{P}Coding",
                           guid="1b7e7f4e-6a51-4c1e-9f0e-3d2b1c0a9e88", creatingUser=maria)
    ET.SubElement(coding, f"{P}CodeRef", targetGUID=code_guid)
    new = ET.SubElement(source, f"{P}PlainTextSelection", guid="2b7e7f4e-6a51-4c1e-9f0e-"
                        "3d2b1c0a9e88", startPosition="0", endPosition="20", creatingUser=maria)
    coding = ET.SubElement(new, f"{P}Coding", guid="3b7e7f4e-6a51-4c1e-9f0e-3d2b1c0a9e88",
                           creatingUser=maria)
    ET.SubElement(coding, f"{P}CodeRef", targetGUID=guid("code", "identity.values"))
    edited = tmp_path / "from_tool.qdpx"
    with zipfile.ZipFile(edited, "w") as archive:
        archive.writestr("project.qde", ET.tostring(root))
        for name, text in texts.items():
            archive.writestr(name, text)
    result = run_cli("review", "import", str(edited), "--project", str(review_project), "--json",
                     check=True)
    summary = json.loads(result.stdout)
    assert (summary["accepted"], summary["added"]) == (1, 1)
    assert summary["skipped_machine"] > 0 and summary["problems"] == []
    with connect(review_project) as db:
        rows = db.execute("SELECT * FROM judgements WHERE coder = 'Maria_Q' ORDER BY id").fetchall()
        tag = db.execute("SELECT * FROM tags WHERE id = ?", (rows[0]["tag_id"],)).fetchone()
    assert [r["decision"] for r in rows] == ["accept", "add"]
    assert (tag["start"], tag["end"]) == (int(start), int(end))
    assert (rows[1]["start"], rows[1]["end"], rows[1]["code"]) == (0, 20, "identity.values")
    again = json.loads(run_cli("review", "import", str(edited), "--project",
                               str(review_project), "--json", check=True).stdout)
    assert (again["accepted"], again["added"], again["unchanged"]) == (0, 0, 2)
    not_a_zip = tmp_path / "broken.qdpx"
    not_a_zip.write_bytes(b"PK\x03\x04 truncated")
    failed = run_cli("review", "import", str(not_a_zip), "--project", str(review_project))
    assert failed.returncode == 2 and "E504" in failed.stderr and "broken.qdpx" in failed.stderr
