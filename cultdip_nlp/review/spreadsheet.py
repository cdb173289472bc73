"""The spreadsheet round trip: one row per review item out to XLSX, decisions back in.

Export writes what the web page shows (context, span, code, definition, the machine's
reason) and a decision column with a drop-down list. Import checks every row and reports
each bad one with its row number (coded E502); good rows are recorded as judgements. Cells
are read as stored: a formula is never evaluated and a row holding one is rejected, because
a cell computed from elsewhere is not a coder's decision.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ..codebook import Codebook
from ..errors import CultdipError, ErrorCode
from .items import coder_items
from .judgements import Judgement, record

SHEET = "review"
COLUMNS = ("item", "coder", "document", "country", "year", "page", "before", "sentence",
           "span", "code", "label", "definition", "machine_reason", "decision", "new_code",
           "note")
DECISION_CHOICES = ("accept", "reject", "relabel")
MAX_ROWS = 100_000


@dataclass
class ImportReport:
    imported: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def export_xlsx(connection: sqlite3.Connection, codebook: Codebook, path: Path,
                coder: str | None = None) -> int:
    """Write the items (one coder's, or everyone's) to an XLSX file; returns the row count."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    labels = {c.id: c for c in codebook.codes}
    rows = 0
    for item in coder_items(connection, coder):
        start, end = item["span"]
        code = labels.get(item["code"])
        reason = item["reason"]
        values = [
            item["tag_id"], item["coder"], item["document"], item["country"], item["year"],
            item["page"], item["before"], item["sentence"], item["sentence"][start:end],
            item["code"], code.label if code else "", code.definition if code else "",
            reason["text"],
            item["decision"] or "", item["new_code"] or "", item["note"] or "",
        ]
        # Document text is untrusted: a sentence starting with '=' must stay text in Excel.
        sheet.append(values)
        rows += 1
        for cell in sheet[rows + 1]:
            _keep_as_text(cell)
    codes_sheet = book.create_sheet("codes")
    codes_sheet.append(["code", "label", "definition"])
    for code in codebook.codes:
        codes_sheet.append([code.id, code.label, code.definition])
    last = max(rows + 1, 2)
    decision = DataValidation(type="list", formula1='"' + ",".join(DECISION_CHOICES) + '"',
                              allow_blank=True, showErrorMessage=True,
                              errorTitle="decision", error="accept, reject or relabel")
    new_code = DataValidation(type="list", formula1=f"codes!$A$2:$A${len(codebook.codes) + 1}",
                              allow_blank=True)
    sheet.add_data_validation(decision)
    sheet.add_data_validation(new_code)
    decision_col = chr(ord("A") + COLUMNS.index("decision"))
    new_code_col = chr(ord("A") + COLUMNS.index("new_code"))
    decision.add(f"{decision_col}2:{decision_col}{last}")
    new_code.add(f"{new_code_col}2:{new_code_col}{last}")
    fill = PatternFill("solid", fgColor="FFF2CC")
    for row in sheet.iter_rows(min_row=2, max_row=rows + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[COLUMNS.index("decision")].fill = fill
    for column, width in zip("ABCDEFGHIJKLMNOP", (22, 8, 30, 8, 6, 5, 40, 60, 20, 28, 20, 40,
                                                   30, 10, 28, 30)):
        sheet.column_dimensions[column].width = width
    book.save(path)
    return rows


def _keep_as_text(cell: object) -> None:
    """openpyxl stores a string starting with '=' as a formula: force it back to text."""
    value = getattr(cell, "value", None)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # type: ignore[attr-defined]
        cell.quotePrefix = True  # type: ignore[attr-defined]


def import_xlsx(connection: sqlite3.Connection, codebook: Codebook, path: Path,
                coder: str) -> ImportReport:
    """Record the sheet's decisions as `coder`'s judgements; bad rows are reported, not fatal."""
    try:
        # read_only streams rows; data_only=False returns formulas as their text ("=...").
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a broken or non-XLSX file
        raise CultdipError(ErrorCode.REVIEW_INVALID, f"not a readable XLSX file ({error})",
                           str(path)) from error
    if SHEET not in book.sheetnames:
        raise CultdipError(ErrorCode.REVIEW_INVALID, f"no sheet named {SHEET!r}", str(path))
    known = set(codebook.code_ids)
    report = ImportReport()
    rows = book[SHEET].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    missing = [c for c in ("item", "decision", "new_code", "note") if c not in header]
    if missing:
        raise CultdipError(ErrorCode.REVIEW_INVALID,
                           f"header lacks column(s) {', '.join(missing)}", str(path))
    column = {name: header.index(name) for name in header if name}
    current = {r["tag_id"]: r for r in connection.execute(
        "SELECT j.tag_id, j.decision, j.new_code, j.note FROM judgements j WHERE j.coder = ?"
        " AND j.id = (SELECT MAX(k.id) FROM judgements k WHERE k.coder = j.coder"
        " AND k.tag_id = j.tag_id)", (coder,))}
    seen: dict[str, int] = {}  # item -> the row that decided it
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            report.problems.append(f"{path}: rows after {MAX_ROWS} ignored")
            break
        cells = {name: (values[i] if i < len(values) else None) for name, i in column.items()}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue
        item = str(cells.get("item") or "").strip()
        if item in seen and str(cells.get("decision") or "").strip():
            # A pasted or duplicated row must not record a second decision behind the first.
            problem: str | None = (f"item {item!r} was already decided at row {seen[item]}; "
                                   "keep one row per item")
        else:
            problem = _import_row(connection, cells, coder, known, current, report)
            if problem is None and str(cells.get("decision") or "").strip():
                seen[item] = number
        if problem:
            report.problems.append(
                f"{ErrorCode.REVIEW_ROW_INVALID.value} {ErrorCode.REVIEW_ROW_INVALID.name}: "
                f"{path}: row {number}: {problem}")
    book.close()
    return report


def _import_row(connection: sqlite3.Connection, cells: dict[str, object], coder: str,
                known: set[str], current: dict[str, sqlite3.Row],
                report: ImportReport) -> str | None:
    for name, value in cells.items():
        if isinstance(value, str) and value.startswith("=") and name in (
                "item", "decision", "new_code", "note"):
            return f"column {name} holds a formula ({value[:40]!r}); type the value instead"
    decision = str(cells.get("decision") or "").strip().lower()
    if not decision:
        return None  # not judged yet: nothing to import
    tag_id = str(cells.get("item") or "").strip()
    item = connection.execute(
        "SELECT * FROM review_items WHERE tag_id = ? AND coder = ?", (tag_id, coder)).fetchone()
    if item is None:
        return f"item {tag_id!r} is not assigned to coder {coder!r}"
    if decision not in DECISION_CHOICES:
        return f"decision {decision!r} is not one of {', '.join(DECISION_CHOICES)}"
    new_code = str(cells.get("new_code") or "").strip() or None
    if decision != "relabel":
        new_code = None  # a leftover new_code beside accept/reject is ignored, not an error
    note = str(cells.get("note") or "").strip() or None
    judgement = Judgement(tag_id, item["document_id"], item["sentence_idx"], item["code"],
                          decision, coder, new_code=new_code, start=item["start"],
                          end=item["end"], note=note)
    previous = current.get(tag_id)
    if previous and (previous["decision"], previous["new_code"], previous["note"]) == (
            decision, new_code, note):
        report.unchanged += 1
        return None
    try:
        record(connection, judgement, known)
    except CultdipError as error:
        return error.detail
    report.imported += 1
    return None
