"""REFI-QDA exchange: the project as a `.qdpx` (ATLAS.ti, MAXQDA, NVivo, QDA Miner, QualCoder
import it), the codebook alone as `.qdc`, and codings made in those tools read back as
judgements.

A `.qdpx` is a zip with `project.qde` (XML, namespace urn:QDA-XML:project:1.0) and the
documents' plain text under `sources/`. Offsets are character positions in that text, the
same as cultdip's. GUIDs are derived from cultdip's ids (uuid5), so exporting twice gives the
same file content and an imported coding can be traced to its document. Documents are
written to the zip one at a time: a large project is never held in memory as text.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..codebook import Codebook
from ..errors import CultdipError, ErrorCode
from ..records import make_tag_id
from ..store import document_text, text_chunks
from .adjudication import validated_tag_ids
from .coders import CODER_ID
from .judgements import Judgement, current, current_additions, record

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
GUID_NAMESPACE = uuid.UUID("6f0c5a52-8a51-4e37-9a35-c0d1f1b2a7e3")
MACHINE_USER = "cultdip-machine"
GROUP_COLOURS = {"identity": "#1F77B4", "instrument": "#2CA02C", "outcome": "#D62728"}
MAX_QDE_BYTES = 200_000_000


def guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _codes(parent: ET.Element, codebook: Codebook, ns: str) -> None:
    """Groups as non-codable parent codes; each code's name is its id, described by its label
    and definition (tools show the name; the id makes the round trip exact)."""
    codes = ET.SubElement(parent, f"{{{ns}}}Codes")
    for group, label in codebook.groups.items():
        group_element = ET.SubElement(codes, f"{{{ns}}}Code", guid=guid("group", group),
                                      name=group, isCodable="false",
                                      color=GROUP_COLOURS.get(group, "#7F7F7F"))
        ET.SubElement(group_element, f"{{{ns}}}Description").text = str(label)
        for code in codebook.codes:
            if code.group != group:
                continue
            element = ET.SubElement(group_element, f"{{{ns}}}Code", guid=guid("code", code.id),
                                    name=code.id, isCodable="true",
                                    color=GROUP_COLOURS.get(group, "#7F7F7F"))
            description = f"{code.label}. {code.definition}".strip()
            if code.include:
                description += f"\nInclude: {code.include}"
            if code.exclude:
                description += f"\nExclude: {code.exclude}"
            ET.SubElement(element, f"{{{ns}}}Description").text = description


def codebook_xml(codebook: Codebook) -> bytes:
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=f"cultdip {codebook.name} "
                      f"{codebook.version} {codebook.hash[:12]}")
    _codes(root, codebook, CODEBOOK_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def export_qdc(codebook: Codebook, path: Path) -> None:
    path.write_bytes(codebook_xml(codebook))


@dataclass
class ExportSummary:
    documents: int = 0
    selections: int = 0
    users: int = 0


def export_qdpx(connection: sqlite3.Connection, codebook: Codebook, path: Path,
                validated_only: bool = False) -> ExportSummary:
    """Write the project; machine tags (all, or only validated ones) and coders' added codes
    and relabels become coded selections, each coded by its author."""
    ET.register_namespace("", PROJECT_NS)
    p = f"{{{PROJECT_NS}}}"
    summary = ExportSummary()
    machine = guid("user", MACHINE_USER)
    root = ET.Element(f"{p}Project", name=f"cultdip {path.stem}", origin="cultdip",
                      creatingUserGUID=machine, creationDateTime=_now())
    users = ET.SubElement(root, f"{p}Users")
    coder_ids = sorted({MACHINE_USER} | {r[0] for r in connection.execute(
        "SELECT id FROM coders UNION SELECT DISTINCT coder FROM judgements")})
    for coder in coder_ids:
        ET.SubElement(users, f"{p}User", guid=guid("user", coder), name=coder, id=coder)
    summary.users = len(coder_ids)
    codebook_element = ET.SubElement(root, f"{p}CodeBook")
    _codes(codebook_element, codebook, PROJECT_NS)
    known = set(codebook.code_ids)
    keep = validated_tag_ids(connection) if validated_only else None
    human: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in current_additions(connection):
        human.setdefault(row["document_id"], []).append(_human_span(connection, row, row["code"]))
    for row in current(connection):
        if row["decision"] == "relabel" and row["start"] is not None:
            human.setdefault(row["document_id"], []).append(
                (row["start"], row["end"], row["new_code"], row["coder"]))
    sources = ET.SubElement(root, f"{p}Sources")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        documents = connection.execute(
            "SELECT d.id, d.path, d.title, d.country, d.year FROM documents d"
            " WHERE d.status = 'ok' ORDER BY d.path")
        for document in documents:
            source_guid = guid("document", document["id"])
            with archive.open(f"sources/{source_guid}.txt", "w") as member:
                for _, chunk in text_chunks(connection, document["id"]):
                    member.write(chunk.encode())
            source = ET.SubElement(sources, f"{p}TextSource", guid=source_guid,
                                   name=document["path"],
                                   plainTextPath=f"internal://{source_guid}.txt")
            ET.SubElement(source, f"{p}Description").text = (
                f"cultdip document {document['id']}; country {document['country'] or '?'};"
                f" year {document['year'] or '?'}; title {document['title'] or ''}")
            for tag in connection.execute(
                    "SELECT * FROM tags WHERE document_id = ? ORDER BY start, end, code",
                    (document["id"],)):
                if tag["code"] not in known or (keep is not None and tag["id"] not in keep):
                    continue
                _selection(source, tag["id"], tag["start"], tag["end"], tag["code"], machine,
                           f"{tag['source']} {tag['rule']} score {tag['score']}: {tag['text']}")
                summary.selections += 1
            for start, end, code, coder in human.get(document["id"], []):
                if code in known:
                    _selection(source, f"{coder}:{start}:{end}:{code}", start, end, code,
                               guid("user", coder), f"added by {coder}")
                    summary.selections += 1
            summary.documents += 1
        if summary.documents == 0:
            root.remove(sources)
        archive.writestr("project.qde", ET.tostring(root, encoding="utf-8",
                                                    xml_declaration=True))
    return summary


def _human_span(connection: sqlite3.Connection, row: sqlite3.Row,
                code: str) -> tuple[int, int, str, str]:
    if row["start"] is not None:
        return row["start"], row["end"], code, row["coder"]
    sentence = connection.execute("SELECT start, end FROM sentences WHERE document_id = ? AND"
                                  " idx = ?", (row["document_id"], row["sentence_idx"])).fetchone()
    start, end = (sentence[0], sentence[1]) if sentence else (0, 0)
    return start, end, code, row["coder"]


def _selection(source: ET.Element, key: str, start: int, end: int, code: str, user: str,
               description: str) -> None:
    p = f"{{{PROJECT_NS}}}"
    selection = ET.SubElement(source, f"{p}PlainTextSelection", guid=guid("selection", key),
                              startPosition=str(start), endPosition=str(end), creatingUser=user)
    ET.SubElement(selection, f"{p}Description").text = description
    coding = ET.SubElement(selection, f"{p}Coding", guid=guid("coding", key), creatingUser=user)
    ET.SubElement(coding, f"{p}CodeRef", targetGUID=guid("code", code))


# import ---------------------------------------------------------------------------------

@dataclass
class ImportSummary:
    accepted: int = 0
    added: int = 0
    skipped_machine: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def _coder_id(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "_", name.strip())[:40] or "qda_user"
    assert CODER_ID.match(cleaned)
    return cleaned


def import_qdpx(connection: sqlite3.Connection, codebook: Codebook, path: Path,
                coder: str | None = None) -> ImportSummary:
    """Codings made in a QDA tool become judgements: a coding on the span and code of a
    machine tag is an accept of that tag; any other coding is an `add` with its span.
    The machine's own selections (from an export) are skipped. Documents are matched by
    name (the path cultdip exported) and must have the same text."""
    def fail(message: str) -> CultdipError:
        return CultdipError(ErrorCode.QDPX_INVALID, message, str(path))

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise fail(f"not a .qdpx (zip) file: {error}") from error
    with archive:
        try:
            info = archive.getinfo("project.qde")
        except KeyError as error:
            raise fail("no project.qde inside") from error
        if info.file_size > MAX_QDE_BYTES:
            raise fail(f"project.qde is over {MAX_QDE_BYTES} bytes")
        try:
            root = ET.fromstring(archive.read("project.qde"))
        except ET.ParseError as error:
            raise fail(f"project.qde is not well-formed XML: {error}") from error
        if root.tag != f"{{{PROJECT_NS}}}Project":
            raise fail(f"root element is {root.tag}, not a REFI-QDA Project")
        p = f"{{{PROJECT_NS}}}"
        users = {u.get("guid"): (u.get("id") or u.get("name") or "qda_user")
                 for u in root.iter(f"{p}User")}
        codes = {c.get("guid"): c.get("name") for c in root.iter(f"{p}Code")}
        known = set(codebook.code_ids)
        summary = ImportSummary()
        existing = {(r[0], r[1], r[2], r[3], r[4]) for r in connection.execute(
            "SELECT coder, document_id, start, end, code FROM judgements")}
        for source in root.iter(f"{p}TextSource"):
            name = source.get("name") or ""
            row = connection.execute("SELECT d.id FROM documents d WHERE d.path = ?"
                                     " AND d.status = 'ok'", (name,)).fetchone()
            document = None if row is None else {
                "id": row["id"], "text": document_text(connection, row["id"])}
            if document is None:
                summary.problems.append(f"{path}: source {name!r} is not a document of this"
                                        " project; skipped")
                continue
            text = _source_text(archive, source, p)
            if text is not None and text != document["text"]:
                summary.problems.append(f"{path}: source {name!r} has a different text than"
                                        " the stored document; skipped")
                continue
            for selection in source.iter(f"{p}PlainTextSelection"):
                _import_selection(connection, selection, document, users, codes, known, coder,
                                  existing, summary, path, p)
    return summary


def _source_text(archive: zipfile.ZipFile, source: ET.Element, p: str) -> str | None:
    inline = source.find(f"{p}PlainTextContent")
    if inline is not None:
        return inline.text or ""
    location = source.get("plainTextPath") or ""
    if location.startswith("internal://"):
        member = "sources/" + location[len("internal://"):]
        if ".." in member or member not in archive.namelist():
            return None
        return archive.read(member).decode("utf-8", "replace")
    return None


def _import_selection(connection: sqlite3.Connection, selection: ET.Element,
                      document: "sqlite3.Row | dict[str, str]", users: dict[str | None, str],
                      codes: dict[str | None, str | None], known: set[str], coder: str | None,
                      existing: set[tuple[object, ...]], summary: ImportSummary, path: Path,
                      p: str) -> None:
    try:
        start = int(selection.get("startPosition", ""))
        end = int(selection.get("endPosition", ""))
    except ValueError:
        summary.problems.append(f"{path}: selection {selection.get('guid')} has no integer"
                                " positions; skipped")
        return
    if not 0 <= start < end <= len(document["text"]):
        summary.problems.append(f"{path}: selection {selection.get('guid')} span {start}..{end}"
                                " is outside the document; skipped")
        return
    for coding in selection.iter(f"{p}Coding"):
        author = users.get(coding.get("creatingUser") or selection.get("creatingUser"))
        if author == MACHINE_USER:
            summary.skipped_machine += 1
            continue
        reference = coding.find(f"{p}CodeRef")
        code = codes.get(reference.get("targetGUID") if reference is not None else None)
        if code not in known:
            summary.problems.append(f"{path}: selection {selection.get('guid')} has code "
                                    f"{code!r}, not in the codebook; skipped")
            continue
        who = coder or _coder_id(author or "qda_user")
        sentence = connection.execute(
            "SELECT idx FROM sentences WHERE document_id = ? AND start <= ? AND end > ?",
            (document["id"], start, start)).fetchone()
        sentence_idx = sentence[0] if sentence else 0
        tag_id = make_tag_id(document["id"], start, end, code)
        is_tag = connection.execute("SELECT 1 FROM tags WHERE id = ?", (tag_id,)).fetchone()
        if (who, document["id"], start, end, code) in existing:
            summary.unchanged += 1
            continue
        if is_tag:
            judgement = Judgement(tag_id, document["id"], sentence_idx, code, "accept", who,
                                  start=start, end=end, note=f"from {path.name}")
            summary.accepted += 1
        else:
            judgement = Judgement(None, document["id"], sentence_idx, code, "add", who,
                                  start=start, end=end, note=f"from {path.name}")
            summary.added += 1
        record(connection, judgement, known)
        existing.add((who, document["id"], start, end, code))
