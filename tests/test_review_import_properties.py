"""Property-based tests of the review spreadsheet import (review/spreadsheet.py).

Sheets are the real export of a real project (`cultdip run` on real documents, `review
sample`, `review export`), then damaged by hypothesis: any cell value in the columns a coder
fills (text, numbers, dates, booleans, formulas, very long notes), unknown item ids,
duplicated rows, columns dropped, renamed or shuffled, other sheets, bytes that are no
workbook. Whatever comes in: the import never raises anything but a coded CultdipError (E501
for the whole file), each rejected row is reported as E502 with its row number, every
judgement recorded is one a valid row asked for, and nothing stored before is lost or changed.
"""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.errors import CultdipError
from cultdip_nlp.review import queue
from cultdip_nlp.review.judgements import DECISIONS, Judgement, record
from cultdip_nlp.review.spreadsheet import COLUMNS, SHEET, export_xlsx, import_xlsx

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
CODEBOOK = load_codebook(None)
KNOWN = set(CODEBOOK.code_ids)
EDITABLE = ("item", "decision", "new_code", "note")

printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
cell_values = st.one_of(
    st.none(), printable, st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.datetimes(min_value=datetime.datetime(1901, 1, 1),
                 max_value=datetime.datetime(2100, 1, 1)),
    st.sampled_from(["accept", "reject", "relabel", " Accept ", "REJECT", "maybe", "", " ",
                     '=IF(1,"accept","reject")', "=A1", "=HYPERLINK(\"http://x\")",
                     "+1", "-1", "@SUM(1)"]),
    st.sampled_from(sorted(KNOWN)[:8] + ["identity.nope", "instrument.tourism "]),
    st.builds(lambda n: "x" * n, st.integers(1990, 2100)),  # notes around the 2000 limit
)


@pytest.fixture()
def exported(review_project: Path, tmp_path: Path) -> tuple[sqlite3.Connection, list]:
    """A real project with ann's items, a judgement already stored, and ann's real export."""
    connection = sqlite3.connect(review_project / "cultdip.sqlite", isolation_level=None)
    connection.row_factory = sqlite3.Row
    queue.sample(connection, 8, "random", coders=["ann", "ben"], seed=1, overlap=0.5)
    item = connection.execute("SELECT * FROM review_items WHERE coder = 'ann'").fetchone()
    record(connection, Judgement(item["tag_id"], item["document_id"], item["sentence_idx"],
                                 item["code"], "accept", "ann", start=item["start"],
                                 end=item["end"], note="before the import"), KNOWN)
    path = tmp_path / "ann.xlsx"
    export_xlsx(connection, CODEBOOK, path, coder="ann")
    rows = [list(r) for r in load_workbook(path)[SHEET].iter_rows(values_only=True)]
    yield connection, rows
    connection.close()


def _snapshot(connection: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    judgements = [tuple(r) for r in connection.execute("SELECT * FROM judgements ORDER BY id")]
    retractions = [tuple(r) for r in connection.execute(
        "SELECT * FROM judgement_retractions ORDER BY judgement_id")]
    return judgements, retractions


def _write(rows: list[list[object]], path: Path, sheet: str = SHEET) -> None:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)


def _check(connection: sqlite3.Connection, path: Path, rows: list[list[object]]) -> None:
    """The import's contract, whatever the sheet holds."""
    before, retracted = _snapshot(connection)
    items = {r["tag_id"]: r for r in connection.execute(
        "SELECT * FROM review_items WHERE coder = 'ann'")}
    try:
        report = import_xlsx(connection, CODEBOOK, path, "ann")
    except CultdipError as error:
        assert error.code.value == "E501", error
        assert _snapshot(connection) == (before, retracted)  # a refused file records nothing
        return
    after, retracted_after = _snapshot(connection)
    assert after[:len(before)] == before and retracted_after == retracted  # nothing lost
    new = after[len(before):]
    assert len(new) == report.imported
    for problem in report.problems:
        assert problem.startswith("E502 REVIEW_ROW_INVALID: ") and f"{path}: row " in problem
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    decided = set()
    for row in new:
        judgement = dict(zip([d[0] for d in connection.execute(
            "SELECT * FROM judgements LIMIT 0").description], row))
        assert judgement["coder"] == "ann" and judgement["decision"] in DECISIONS
        item = items[judgement["tag_id"]]  # only ann's own items
        assert (judgement["start"], judgement["end"], judgement["code"]) == (
            item["start"], item["end"], item["code"])
        if judgement["decision"] == "relabel":
            assert judgement["new_code"] in KNOWN and judgement["new_code"] != item["code"]
        assert judgement["tag_id"] not in decided  # one decision per item and sheet
        decided.add(judgement["tag_id"])
        # The judgement is what some row of the sheet says, not a formula's result.
        matching = [r for r in rows[1:] if len(r) > header.index("item")
                    and str(r[header.index("item")] or "").strip() == judgement["tag_id"]]
        assert any(str(r[header.index("decision")] or "").strip().lower()
                   == judgement["decision"] for r in matching)


@PROPERTY
@given(data=st.data())
def test_any_cell_values_import_or_are_reported_by_row(exported, tmp_path: Path,
                                                       data: st.DataObject) -> None:
    connection, rows = exported
    sheet = [list(rows[0])] + [list(r) for r in rows[1:]]
    column = {name: COLUMNS.index(name) for name in EDITABLE}
    for row in sheet[1:]:
        for name in data.draw(st.sets(st.sampled_from(EDITABLE)), label="edited columns"):
            row[column[name]] = data.draw(cell_values, label=name)
    # Unknown ids, and rows copied (duplicates) with a different decision.
    extra = data.draw(st.lists(st.tuples(st.integers(1, len(sheet) - 1), cell_values,
                                         st.sampled_from(["accept", "reject", "relabel"])),
                               max_size=4), label="extra rows")
    for source, item, decision in extra:
        copy = list(sheet[source])
        if data.draw(st.booleans(), label="unknown id"):
            copy[column["item"]] = item
        copy[column["decision"]] = decision
        sheet.append(copy)
    path = tmp_path / "edited.xlsx"
    _write(sheet, path)
    _check(connection, path, sheet)


@PROPERTY
@given(data=st.data())
def test_wrong_missing_or_shuffled_columns_never_crash(exported, tmp_path: Path,
                                                       data: st.DataObject) -> None:
    connection, rows = exported
    header = list(rows[0])
    order = data.draw(st.permutations(range(len(header))), label="column order")
    keep = [i for i in order if not data.draw(st.booleans(), label=f"drop {header[i]}")
            or header[i] not in EDITABLE and data.draw(st.booleans())]
    renamed = {i: data.draw(st.one_of(st.just(header[i]), printable, st.none(),
                                      st.just(header[i].upper()), st.just(f" {header[i]} ")),
                            label=f"name of {header[i]}") for i in keep}
    sheet = [[renamed[i] for i in keep]]
    for row in rows[1:]:
        values = [row[i] for i in keep]
        if "decision" in header and header.index("decision") in keep:
            values[keep.index(header.index("decision"))] = data.draw(
                st.sampled_from(["accept", "reject", None]), label="decision")
        sheet.append(values)
    sheet_name = data.draw(st.sampled_from([SHEET, SHEET, "Sheet1", "Review"]), label="sheet")
    path = tmp_path / "columns.xlsx"
    _write(sheet, path, sheet_name)
    if not sheet[0] or sheet_name != SHEET:
        with pytest.raises(CultdipError, match="E501"):
            import_xlsx(connection, CODEBOOK, path, "ann")
        return
    _check(connection, path, sheet)


@PROPERTY
@given(cut=st.integers(0, 20000), flips=st.lists(st.tuples(st.integers(0, 20000),
                                                             st.integers(0, 255)), max_size=8))
def test_a_damaged_workbook_file_is_refused_with_its_code(exported, tmp_path: Path, cut: int,
                                                          flips: list[tuple[int, int]]) -> None:
    """Bytes of a real export cut short or with bytes changed: imported or refused (E501)."""
    connection, rows = exported
    good = tmp_path / "good.xlsx"
    _write(rows, good)
    data = bytearray(good.read_bytes())
    for position, value in flips:
        data[position % len(data)] = value
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data[:max(cut, 1)] if cut < len(data) else data))
    _check(connection, path, rows)
