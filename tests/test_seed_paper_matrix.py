"""The acceptance case: the seed paper's Table 1 recovered from its text by case attribution.

The paper (one text about four countries) lists per country the cultural-diplomacy
instruments it uses. Run through `cultdip run` and `cultdip matrix --case about`, the
instrument matrix must have a non-zero cell for every instrument Table 1 names for that
country. The table is read from the paper; the test maps each listed instrument to the
codebook code(s) that stand for it, and fails if the table lists one the map does not know.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from conftest import run_cli

COUNTRIES = {"United Kingdom": "GBR", "Japan": "JPN", "South Korea": "KOR",
             "Kazakhstan": "KAZ"}
# Table 1's "Notable cultural diplomacy instruments", item by item (start of the item's text),
# to the codebook's instrument codes.
INSTRUMENT_CODES = {
    "British Council": ["cultural_institute"],
    "BBC World Service": ["broadcasting_media"],
    "scholarships (Chevening)": ["education_exchange"],
    "global cultural festivals": ["festival_event"],
    "Japan Foundation": ["cultural_institute", "language_promotion"],
    "“Cool Japan” branding campaign": ["nation_branding", "creative_industries"],
    "Japanese gardens and cultural events": ["festival_event"],
    "Korean Wave (Hallyu) promotion": ["creative_industries", "nation_branding"],
    "KOCIS and cultural centers": ["cultural_institute", "festival_event"],
    "government-funded cultural content": ["creative_industries"],
    "Cultural days and festivals abroad": ["festival_event"],
    "Abai Centers": ["cultural_institute", "language_promotion"],
    "UNESCO heritage nominations": ["heritage_listing"],
    "“Rukhani Zhangyru” modernization programs": ["translation_publishing"],
}


def table_1(paper: str) -> dict[str, list[str]]:
    """Country -> the instruments its Table 1 row lists (last tab-separated column)."""
    start = paper.index("Table 1. Cultural diplomacy reach")
    rows: dict[str, list[str]] = {}
    for line in paper[start:].splitlines()[1:]:
        if line.startswith("Sources:"):
            break
        cells = line.split("\t")
        if cells[0] in COUNTRIES:
            rows[COUNTRIES[cells[0]]] = [item.strip() for item in
                                         re.split(r";\s*", cells[-1]) if item.strip()]
    return rows


def codes_for(item: str) -> list[str]:
    for start, codes in INSTRUMENT_CODES.items():
        if item.startswith(start):
            return [f"instrument.{code}" for code in codes]
    raise AssertionError(f"Table 1 lists an instrument this test does not map: {item!r}")


def test_table_1_instruments_are_nonzero_in_the_mention_matrix(
        seed_project: Path, seed_paper: str, tmp_path: Path) -> None:
    table = table_1(seed_paper)
    assert set(table) == {"GBR", "JPN", "KOR", "KAZ"}
    assert sum(len(items) for items in table.values()) == 14
    target = tmp_path / "instruments.csv"
    run_cli("matrix", "--project", str(seed_project), "--case", "about", "--codes",
            "instrument", "--cases", "GBR,JPN,KOR,KAZ", "--value", "count", "-o", str(target),
            check=True)
    matrix = pd.read_csv(target, index_col="case")
    assert sorted(matrix.index) == ["GBR", "JPN", "KAZ", "KOR"]
    assert all(column.startswith("instrument.") for column in matrix.columns)
    missing = [(case, item, code) for case, items in table.items() for item in items
               for code in codes_for(item) if matrix.at[case, code] == 0]
    assert not missing, missing


def test_document_axis_puts_the_paper_under_one_unknown_case(seed_project: Path) -> None:
    result = run_cli("matrix", "--project", str(seed_project), "--value", "count", "--json",
                     check=True)
    assert '"(unknown)"' in result.stdout and '"GBR"' not in result.stdout


SECTIONS = {  # heading start -> (case, the next heading's start)
    "South Korea: the": ("KOR", "Japan: Nation Branding"),
    "Japan: Nation Branding": ("JPN", "United Kingdom: institutional"),
    "United Kingdom: institutional": ("GBR", "Kazakhstan: Current Cultural"),
}


def test_section_headings_carry_their_country(seed_project: Path) -> None:
    """Every sentence of the paper's South Korea, Japan and UK sections is about KOR, JPN,
    GBR, also those that do not name the country; the carry stops at the next heading."""
    from cultdip_nlp.store import Store

    with Store(seed_project / "cultdip.sqlite") as store:
        (document_id,) = store.connection.execute("SELECT id FROM documents").fetchone()
        text = store.document_text(document_id)
        sentences = store.connection.execute(
            "SELECT idx, start, text FROM sentences WHERE document_id = ? ORDER BY idx",
            (document_id,)).fetchall()
        about: dict[int, set[str]] = {}
        carried: dict[int, set[str]] = {}
        for idx, iso3, start, end in store.connection.execute(
                "SELECT sentence_idx, iso3, start, end FROM mentions WHERE document_id = ?",
                (document_id,)):
            about.setdefault(idx, set()).add(iso3)
            if start == end:  # carried from the heading: the sentence does not name it
                carried.setdefault(idx, set()).add(iso3)
    for heading, (case, next_heading) in SECTIONS.items():
        start, end = text.index(heading), text.index(next_heading)
        inside = [row for row in sentences if start <= row["start"] < end]
        assert len(inside) > 15
        not_about = [row["text"][:60] for row in inside if case not in about.get(row["idx"], ())]
        assert not not_about, (case, not_about)
        unnamed = [row for row in inside if case in carried.get(row["idx"], ())]
        assert len(unnamed) >= 3, case  # the carry did work: these do not name the country
        assert all(case not in carried.get(row["idx"], ()) for row in sentences
                   if row["start"] >= end and row["start"] < end + 2000)
    discussion = text.index("\n\nDiscussion\n\n")
    after = [row for row in sentences if row["start"] > discussion][:3]
    assert all(not carried.get(row["idx"]) for row in after)


def test_russian_and_kazakh_abstracts_are_tagged_with_their_own_patterns(
        seed_project: Path) -> None:
    """The paper is one English text file with a Kazakh and a Russian abstract: `cultdip run`
    tags those paragraphs with the Kazakh and Russian patterns, and finds every code the hand
    coding (docs/gold/ru_kk) gives their sentences."""
    import json

    from cultdip_nlp.store import Store

    gold = [json.loads(line) for line in (Path(__file__).parents[1] / "docs" / "gold" / "ru_kk"
                                          / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    with Store(seed_project / "cultdip.sqlite") as store:
        (document_id,) = store.connection.execute("SELECT id FROM documents").fetchone()
        text = store.document_text(document_id)
        for lang, first, stop in (("ru", "Аннотация. Культурная", "Ключевые слова:"),
                                  ("kk", "Аңдатпа. Қазақстанның", "Тірек сөздер:")):
            start = text.index(first)
            end = text.index(stop, start)
            rules = [row[0] for row in store.connection.execute(
                "SELECT rule FROM tags WHERE document_id = ? AND start >= ? AND end <= ?",
                (document_id, start, end))]
            codes = {row[0] for row in store.connection.execute(
                "SELECT code FROM tags WHERE document_id = ? AND start >= ? AND end <= ?",
                (document_id, start, end))}
            assert rules and all(f"#{lang}" in rule for rule in rules), (lang, rules)
            expected = {code for record in gold if record["lang"] == lang
                        and record["sample"] == "seed_abstract" for code in record["codes"]}
            assert expected <= codes, (lang, expected - codes)
