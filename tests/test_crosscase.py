"""Cross-case matrices against numbers computed here, independently, from the real stores."""

from __future__ import annotations

import itertools
import math
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli
from scipy.stats import chi2_contingency

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.comparison import log_likelihood
from cultdip_nlp.cooccurrence import cooccurrence
from cultdip_nlp.errors import CultdipError, ErrorCode
from cultdip_nlp.evidence import evidence
from cultdip_nlp.indicators import caveats, correlate, read_indicators
from cultdip_nlp.matrices import CrossCase
from cultdip_nlp.selection import Selection, tag_statuses


@pytest.fixture()
def seed_db(seed_project: Path, tmp_path: Path) -> sqlite3.Connection:
    """A private copy of the seed store, so judgements written here stay here."""
    shutil.copy2(seed_project / "cultdip.sqlite", tmp_path / "cultdip.sqlite")
    connection = sqlite3.connect(tmp_path / "cultdip.sqlite")
    yield connection
    connection.close()


def about_sentences(db: sqlite3.Connection) -> dict[str, set]:
    sentences: dict[str, set] = defaultdict(set)
    for document_id, idx, iso3 in db.execute(
            "SELECT document_id, sentence_idx, iso3 FROM mentions"):
        sentences[iso3].add((document_id, idx))
    return sentences


def test_about_axis_counts_and_group_subtotals(seed_db: sqlite3.Connection) -> None:
    codebook = load_codebook()
    cross = CrossCase(seed_db, codebook, Selection(case="about", codebook_hash=codebook.hash))
    about = about_sentences(seed_db)
    tagged: dict[tuple[str, str], set] = defaultdict(set)
    for document_id, idx, code in seed_db.execute(
            "SELECT document_id, sentence_idx, code FROM tags"):
        tagged[code].add((document_id, idx))
    group_sentences = defaultdict(set)
    for code, units in tagged.items():
        group_sentences[codebook.code(code).group] |= units
    sentences = cross.matrix("sentences", subtotals=True)
    rate = cross.matrix("rate", subtotals=True)
    for case in ("GBR", "JPN", "KOR", "KAZ"):
        assert cross.totals.at[case, "sentences"] == len(about[case])
        for code in codebook.code_ids:
            assert sentences.at[case, code] == len(tagged[code] & about[case]), (case, code)
        for group, units in group_sentences.items():
            expected = len(units & about[case])
            assert sentences.at[case, f"{group}.all"] == expected
            assert rate.at[case, f"{group}.all"] == pytest.approx(
                round(10_000 * expected / len(about[case]), 2))
    # a subtotal is sentences with any code of the group, not the sum of the columns
    instrument = [c for c in codebook.code_ids if c.startswith("instrument.")]
    assert (sentences["instrument.all"] <= sentences[instrument].sum(axis=1)).all()
    assert (sentences.loc["KAZ", "instrument.all"]
            < sentences.loc["KAZ", instrument].sum())


def test_review_status_rule_and_filters(seed_db: sqlite3.Connection) -> None:
    codebook = load_codebook()
    tags = seed_db.execute("SELECT id, document_id, sentence_idx, code FROM tags"
                           " WHERE code = 'instrument.cultural_institute' ORDER BY id"
                           " LIMIT 5").fetchall()
    (t1, t2, t3, t4, t5) = tags

    def judge(tag: tuple, coder: str, decision: str, new_code: str | None = None) -> None:
        seed_db.execute(
            "INSERT INTO judgements (tag_id, document_id, sentence_idx, code, decision,"
            " new_code, coder, created_at) VALUES (?,?,?,?,?,?,?,0)",
            (tag[0], tag[1], tag[2], tag[3], decision, new_code, coder))

    judge(t1, "ana", "accept"); judge(t1, "ben", "accept")           # agreed: accept
    judge(t2, "ana", "accept"); judge(t2, "ben", "reject")           # disputed
    judge(t3, "ana", "reject"); judge(t3, "ana", "accept")           # latest wins: accept
    judge(t4, "ana", "accept"); judge(t4, "adjudicator", "reject")   # adjudicator: reject
    judge(t5, "ana", "relabel", "instrument.language_promotion")      # relabel
    seed_db.commit()
    status = tag_statuses(seed_db).set_index("tag_id")["status"].to_dict()
    assert status == {t1[0]: "accept", t2[0]: "disputed", t3[0]: "accept", t4[0]: "reject",
                      t5[0]: "relabel"}

    def totals(selection: Selection) -> pd.Series:
        return CrossCase(seed_db, codebook, selection).matrix("count").sum()

    everything = totals(Selection(codebook_hash=codebook.hash))
    validated = totals(Selection(validated_only=True, codebook_hash=codebook.hash))
    assert validated.sum() == 3
    assert validated["instrument.cultural_institute"] == 2
    assert validated["instrument.language_promotion"] == 1
    kept = totals(Selection(exclude_rejected=True, codebook_hash=codebook.hash))
    assert kept["instrument.cultural_institute"] == (
        everything["instrument.cultural_institute"] - 2)  # t4 rejected, t5 relabelled
    assert kept["instrument.language_promotion"] == (
        everything["instrument.language_promotion"] + 1)


def test_cooccurrence_windows(seed_db: sqlite3.Connection) -> None:
    codebook = load_codebook()
    cross = CrossCase(seed_db, codebook, Selection(codebook_hash=codebook.hash))
    units: dict[tuple, set] = defaultdict(set)
    for document_id, idx, code in seed_db.execute(
            "SELECT document_id, sentence_idx, code FROM tags"):
        units[(document_id, idx)].add(code)
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for codes in units.values():
        for a, b in itertools.product(codes, codes):
            expected[(a, b)] += 1
    sentence = cooccurrence(seed_db, cross.codes, "sentence")["(pooled)"]
    for a, b in itertools.product(cross.codes, cross.codes):
        assert sentence.at[a, b] == expected.get((a, b), 0), (a, b)
    jaccard = cooccurrence(seed_db, cross.codes, "sentence", "jaccard")["(pooled)"]
    a, b = "instrument.cultural_institute", "instrument.language_promotion"
    n_ab, n_a, n_b = expected[(a, b)], expected[(a, a)], expected[(b, b)]
    assert jaccard.at[a, b] == pytest.approx(round(n_ab / (n_a + n_b - n_ab), 4))
    ochiai = cooccurrence(seed_db, cross.codes, "sentence", "ochiai")["(pooled)"]
    assert ochiai.at[a, b] == pytest.approx(round(n_ab / math.sqrt(n_a * n_b), 4))
    paragraph = cooccurrence(seed_db, cross.codes, "paragraph")["(pooled)"]
    document = cooccurrence(seed_db, cross.codes, "document")["(pooled)"]
    # a wider window sees every pair a narrower one sees, in fewer units, and new pairs
    assert ((sentence.to_numpy() == 0) | (paragraph.to_numpy() > 0)).all()
    assert (paragraph.to_numpy().diagonal() <= sentence.to_numpy().diagonal()).all()
    assert ((paragraph.to_numpy() > 0).sum() > (sentence.to_numpy() > 0).sum())
    present = [c for c in cross.codes if sentence.at[c, c]]
    assert (document.loc[present, present] == 1).all().all()  # one document: every pair
    per_case = cooccurrence(seed_db, cross.codes, "sentence", per_case=True)
    assert list(per_case) == ["(unknown)"]


def test_evidence_quotes_are_tagged_sentences(seed_db: sqlite3.Connection) -> None:
    codebook = load_codebook()
    CrossCase(seed_db, codebook, Selection(case="about", cases=("KAZ", "GBR"),
                                           codebook_hash=codebook.hash))
    quotes = evidence(seed_db, per_cell=2)
    assert set(quotes["case"]) == {"KAZ", "GBR"}
    assert quotes.groupby(["case", "code"]).size().max() == 2
    for row in quotes.itertuples():
        assert seed_db.execute(
            "SELECT 1 FROM tags t JOIN mentions m ON m.document_id = t.document_id"
            " AND m.sentence_idx = t.sentence_idx WHERE t.document_id = ? AND"
            " t.sentence_idx = ? AND t.code = ? AND m.iso3 = ?",
            (row.document_id, row.sentence_idx, row.code, row.case)).fetchone()


def test_log_likelihood_matches_scipy_g_test() -> None:
    for a, b, total_a, total_b in ((10, 2, 1000, 1500), (0, 7, 300, 310), (40, 41, 900, 905)):
        table = [[a, total_a - a], [b, total_b - b]]
        g, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert log_likelihood(a, b, total_a, total_b) == pytest.approx(g)


def test_compare_cases_flags_the_paper_contrast(seed_db: sqlite3.Connection) -> None:
    codebook = load_codebook()
    cross = CrossCase(seed_db, codebook, Selection(case="about", codebook_hash=codebook.hash))
    table = cross.compare_cases("KAZ", "GBR")
    assert {"G2", "p", "significant", "significant (Bonferroni)",
            "low expected (<5)"} <= set(table.columns)
    row = table.loc["instrument.cultural_institute"]
    totals = cross.totals
    sentences = cross.matrix("sentences")
    expected = log_likelihood(int(sentences.at["KAZ", "instrument.cultural_institute"]),
                              int(sentences.at["GBR", "instrument.cultural_institute"]),
                              int(totals.at["KAZ", "sentences"]),
                              int(totals.at["GBR", "sentences"]))
    assert row["G2"] == pytest.approx(round(expected, 3))
    assert (table["significant (Bonferroni)"] <= table["significant"]).all()
    with pytest.raises(ValueError, match="no such case"):
        cross.compare_cases("KAZ", "ATL")


def test_indicators_from_table_1(seed_db: sqlite3.Connection, seed_paper: str,
                                 tmp_path: Path) -> None:
    """Soft power ranks as Table 1 prints them, correlated with the mention-matrix rates."""
    from test_seed_paper_matrix import COUNTRIES

    start = seed_paper.index("Table 1. Cultural diplomacy reach")
    rows = ["case,soft_power_rank"]
    for line in seed_paper[start:].splitlines():
        cells = line.split("\t")
        if cells[0] in COUNTRIES:
            rows.append(f"{COUNTRIES[cells[0]]},{int(cells[1].rstrip('stndrh'))}")
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    indicators = read_indicators(path)
    assert indicators["soft_power_rank"].to_dict() == {"GBR": 3, "JPN": 4, "KAZ": 80,
                                                       "KOR": 12}
    codebook = load_codebook()
    rates = CrossCase(seed_db, codebook, Selection(case="about", codebook_hash=codebook.hash)
                      ).matrix("rate")
    table = correlate(rates, indicators)
    assert (table["n"] == 4).all()
    row = table.set_index("code").loc["instrument.cultural_institute"]
    expected = pd.Series(rates.loc[["GBR", "JPN", "KAZ", "KOR"],
                                   "instrument.cultural_institute"]).rank().corr(
        indicators["soft_power_rank"].rank())
    assert row["rho"] == pytest.approx(round(expected, 4))
    notes = caveats(table)
    assert "n = 4" in notes[0] and any("tied" in note for note in notes)
    bad = tmp_path / "bad.csv"
    bad.write_text("nation,score\nKAZ,36\n", encoding="utf-8")
    with pytest.raises(CultdipError) as error:
        read_indicators(bad)
    assert error.value.code is ErrorCode.INDICATORS_INVALID and "bad.csv" in str(error.value)


def test_time_and_year_filter_on_un_speeches(mixed_project: tuple[Path, dict]) -> None:
    project, _ = mixed_project
    codebook = load_codebook()
    with sqlite3.connect(project / "cultdip.sqlite") as db:
        cross = CrossCase(db, codebook, Selection(codebook_hash=codebook.hash))
        counts = cross.matrix("count")
        long = cross.over_time(period=5, start=2005)
        assert set(long["label"]) <= {"2005-2009", "2015-2019", "2020-2024"}
        summed = long.groupby(["case", "code"])["count"].sum()
        for (case, code), value in summed.items():
            assert counts.at[case, code] == value
        for row in long.drop_duplicates(["case", "period"]).itertuples():
            assert row.case_sentences == db.execute(
                "SELECT SUM(n_sentences) FROM documents WHERE status = 'ok' AND country = ?"
                " AND year BETWEEN ? AND ?", (row.case, row.period, row.period + 4)
            ).fetchone()[0]
        assert set(long[long["case"] == "KAZ"]["label"]) == {"2015-2019", "2020-2024"}
        recent = CrossCase(db, codebook, Selection(year_from=2020, year_to=2021,
                                                   codebook_hash=codebook.hash))
        assert sorted(recent.totals.index) == ["JPN", "KOR"]


def test_matrix_verb_writes_every_output(mixed_project: tuple[Path, dict],
                                         tmp_path: Path) -> None:
    from openpyxl import load_workbook

    project, _ = mixed_project
    out = tmp_path / "out"
    result = run_cli("matrix", "--project", str(project), "--output-dir", str(out),
                     "--compare", "KAZ", "GBR", "--window", "paragraph", "--codes",
                     "instrument,outcome", check=True)
    assert "matrices.xlsx" in result.stdout
    csv = pd.read_csv(out / "matrix_rate.csv", index_col="case")
    parquet = pd.read_parquet(out / "matrix_rate.parquet")
    assert csv.columns.tolist() == parquet.columns.tolist()
    assert all(c.startswith(("instrument.", "outcome.")) for c in csv.columns)
    pd.testing.assert_frame_equal(csv, parquet, check_names=False)
    workbook = load_workbook(out / "matrices.xlsx")
    assert {"count", "rate", "rate_tokens", "presence", "time", "comparison", "evidence",
            "framework", "provenance"} <= set(workbook.sheetnames)
    assert "instrument.all" in [c.value for c in workbook["count"][1]]
    assert workbook["framework"]["B2"].alignment.wrap_text
    provenance = {row[0].value: row[1].value for row in
                  workbook["provenance"].iter_rows(min_row=2)}
    assert '"outcome.soft_power"' in provenance["filters"]
    for name in ("heatmap_rate.png", "heatmap_cooccurrence_paragraph.png",
                 "time_instrument.png", "framework.html"):
        assert (out / name).stat().st_size > 1000, name
    bad = run_cli("matrix", "--project", str(project), "--codes", "instrument.nonexistent")
    assert bad.returncode == 2 and "instrument.nonexistent" in bad.stderr


def test_report_is_one_self_contained_page(mixed_project: tuple[Path, dict],
                                           tmp_path: Path) -> None:
    import base64
    import re

    project, _ = mixed_project
    target = tmp_path / "report.html"
    run_cli("report", "--project", str(project), "-o", str(target), "--compare", "KAZ",
            "GBR", check=True)
    page = target.read_text(encoding="utf-8")
    for section in ("Corpus", "Validation status", "Cases × codes", "Code co-occurrence",
                    "Over time", "Comparison", "Evidence", "Provenance"):
        assert f"<h2>{section}" in page, section
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) >= 5  # rate, co-occurrence, one time plot per group
    assert all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert not re.search(r'(src|href)="https?://', page)  # nothing fetched from elsewhere
    assert "share reviewed" in page and load_codebook().hash in page
    missing = run_cli("report", "--project", str(tmp_path / "nothing"))
    assert missing.returncode == 2 and "no store here" in missing.stderr
