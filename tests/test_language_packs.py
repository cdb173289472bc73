"""Russian and Kazakh: the language packs of the default codebook, on real text.

The seed paper's Russian and Kazakh abstracts are the test text for recall (docs/gold/ru_kk,
coded by hand with reasons); the UDHR in Russian, Kazakh and English is the parallel text for
consistency and precision.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.errors import CodebookError
from cultdip_nlp.nlp import blank_pipeline
from cultdip_nlp.tagging.component import SPANS_KEY, CultdipTagger

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "docs" / "gold" / "ru_kk" / "gold.jsonl"
UDHR_NS = "{http://www.unhchr.ch/udhr}"


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.fixture(scope="module")
def tag(codebook):
    taggers: dict[str, tuple] = {}

    def codes(text: str, lang: str) -> set[str]:
        if lang not in taggers:
            nlp = blank_pipeline(lang)
            taggers[lang] = (nlp, CultdipTagger(nlp, codebook, lang=lang))
        nlp, tagger = taggers[lang]
        doc = tagger(nlp(text))
        return {span.label_ for span in doc.spans[SPANS_KEY]}

    return codes


def test_every_code_has_russian_and_kazakh_patterns(codebook) -> None:
    for code in codebook.codes:
        languages = {pattern.lang for pattern in code.patterns}
        assert {"en", "ru", "kk"} <= languages, f"{code.id} lacks patterns in {languages}"
    assert len(codebook.language_packs) == 2
    assert codebook.negation.post_cues["kk"] == ("емес", "жоқ")


def test_gold_texts_are_real(seed_paper: str) -> None:
    flat = " ".join(seed_paper.split())
    records = _gold()
    abstracts = [r for r in records if r["sample"] == "seed_abstract"]
    assert len(abstracts) == 30 and {r["lang"] for r in abstracts} == {"en", "ru", "kk"}
    for record in abstracts:
        assert record["text"] in flat, record["id"]
        assert record["reason"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_abstract_codes_a_careful_coder_finds_are_found(lang: str, tag) -> None:
    records = [r for r in _gold() if r["sample"] == "seed_abstract" and r["lang"] == lang]
    found = predicted = 0
    missing = []
    for record in records:
        codes = tag(record["text"], lang)
        gold = set(record["codes"])
        missing += [(record["id"], code) for code in sorted(gold - codes)]
        found += len(gold & codes)
        predicted += len(codes)
    assert not missing, missing
    assert found / predicted >= 0.9  # precision on the same sentences


def _udhr(path: Path) -> dict[str, str]:
    root = ElementTree.parse(path).getroot()
    paragraphs = {}
    for article in root.iter(f"{UDHR_NS}article"):
        for index, para in enumerate(article.iter(f"{UDHR_NS}para"), start=1):
            paragraphs[f"{article.get('number')}.{index}"] = " ".join("".join(para.itertext()).split())
    return paragraphs


def test_parallel_udhr_gets_the_same_codes_as_english(shared: Path, tag) -> None:
    """Where the English tagger tags a UDHR paragraph with a code the gold confirms, the
    Russian and Kazakh ones do too; and they add no code that neither English nor the gold
    has (the UDHR is full of "language", "culture", "education" in other senses)."""
    russian = _udhr(shared / "corpus" / "ru_kk" / "udhr_rus.xml")
    kazakh = _udhr(shared / "corpus" / "ru_kk" / "udhr_kaz.xml")
    english = {r["parallel"].split("-", 1)[1]: r for r in _gold()
               if r["sample"] == "udhr" and r["lang"] == "en"}
    assert len(english) == 9
    for key, record in english.items():
        english_codes = tag(record["text"], "en")
        confirmed = english_codes & set(record["codes"])
        for lang, paragraphs in (("ru", russian), ("kk", kazakh)):
            codes = tag(paragraphs[key], lang)
            assert confirmed <= codes, (key, lang, confirmed - codes)
            assert codes <= english_codes | set(record["codes"]), (key, lang, codes)
    # and over the whole declaration, no Russian or Kazakh paragraph gets a code at all
    for lang, paragraphs in (("ru", russian), ("kk", kazakh)):
        tagged = {key: tag(text, lang) for key, text in paragraphs.items()}
        assert not any(tagged.values()), {k: v for k, v in tagged.items() if v}


def test_kazakh_suffixed_forms_are_one_word(seed_paper: str, tag) -> None:
    """"мәдени орталықтар" (plural) and "мұраны" (accusative) are found by their stems."""
    flat = " ".join(seed_paper.split())
    start = flat.index("Қазақстан әртүрлі қырлы")
    sentence = flat[start:flat.index(".", start) + 1]
    assert "мәдени орталықтар" in sentence
    assert {"instrument.cultural_institute", "instrument.diaspora",
            "instrument.nation_branding"} <= tag(sentence, "kk")


def test_kazakh_negation_follows_the_word(shared: Path, tmp_path: Path) -> None:
    """UDHR art. 2 and 14 in Kazakh: "саяси" (political) plain, and "саяси емес" (not
    political). A pack rule on "саяси" counts the first and is rejected by the post-position cue
    "емес" in the second, unless the rule says `negation: ignore`."""
    kazakh = _udhr(shared / "corpus" / "ru_kk" / "udhr_kaz.xml")
    plain, negated = kazakh["2.1"], kazakh["14.2"]
    assert "саяси немесе" in plain and "саяси емес" in negated
    pack = tmp_path / "political.kk.yaml"
    book = tmp_path / "political.yaml"
    book.write_text("extends: default\nname: political\nlanguage_packs: [political.kk.yaml]\n",
                    encoding="utf-8")
    nlp = blank_pipeline("kk")
    for action, expected in (("", False), ("\n      negation: ignore", True)):
        pack.write_text("lang: kk\ncodes:\n  identity.values:\n    - regex: \"^саяси$\"\n"
                        f"      id: political{action}\n", encoding="utf-8")
        tagger = CultdipTagger(nlp, load_codebook(book), lang="kk")

        def rules(text: str) -> set[str]:
            doc = tagger(nlp(text))
            return {span._.cultdip_rule for span in doc.spans[SPANS_KEY]}

        assert "political" in rules(plain)
        assert ("political" in rules(negated)) is expected


def test_pack_problems_are_reported_with_file_and_line(tmp_path: Path) -> None:
    default = load_codebook()
    pack = tmp_path / "mine.ru.yaml"
    pack.write_text(
        "lang: ru\n"
        "codes:\n"
        "  instrument.no_such_code:\n"
        "    - {lemma: культурный центр}\n"
        "  instrument.cultural_institute:\n"
        "    - {regex: \"(unclosed\"}\n"
        "    - {regex: \"x*\"}\n"
        "    - {lemma: центр, lang: kk}\n"
        "    - {lemma: центр, requires: {any: [культура], windw: 3}}\n", encoding="utf-8")
    book = tmp_path / "mine.yaml"
    book.write_text(f"extends: {default.source}\nlanguage_packs: [mine.ru.yaml, absent.kk.yaml]\n",
                    encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(book)
    assert f"{book}:2: language pack 'absent.kk.yaml' not found" in str(caught.value)
    (tmp_path / "absent.kk.yaml").write_text("lang: kk\ncodes: {}\n", encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(book)
    message = str(caught.value)
    assert f"{pack}:3: unknown code id 'instrument.no_such_code'" in message
    assert f"{pack}:6: invalid regular expression" in message
    assert f"{pack}:7: regular expression 'x*' matches the empty string" in message
    assert f"{pack}:8: pattern of instrument.cultural_institute says lang 'kk'" in message
    assert f"{pack}:9: unknown key 'windw' in requires" in message
    with pytest.raises(CodebookError) as caught:  # a pack checked as if it were a codebook
        load_codebook(pack)
    assert f"{pack}:1: this is a language pack, not a codebook" in str(caught.value)


def test_packs_are_hashed_and_inherited(tmp_path: Path) -> None:
    default = load_codebook()
    packaged = Path(default.source).parent
    for name in ("default.yaml", "default.ru.yaml", "default.kk.yaml"):
        shutil.copy(packaged / name, tmp_path / name)
    assert load_codebook(tmp_path / "default.yaml").hash == default.hash
    ru = tmp_path / "default.ru.yaml"
    ru.write_text(ru.read_text(encoding="utf-8").replace("{lemma: стипендия}",
                                                         "{lemma: грант}"), encoding="utf-8")
    assert load_codebook(tmp_path / "default.yaml").hash != default.hash
    # a child inherits the packs of the codes it does not override, and adds its own
    (tmp_path / "child.kk.yaml").write_text(
        "lang: kk\ncodes:\n  instrument.tourism:\n    - {stems: туристік маршрут}\n",
        encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {default.source}\nlanguage_packs: [child.kk.yaml]\n",
                     encoding="utf-8")
    book = load_codebook(child)
    assert book.language_packs[-1] == str(tmp_path / "child.kk.yaml")
    kazakh = [p.value for p in book.code("instrument.tourism").patterns if p.lang == "kk"]
    assert "туристік маршрут" in kazakh and len(kazakh) > 1
    assert book.code("identity.language").patterns == default.code("identity.language").patterns


def test_kazakh_verb_negated_by_its_suffix_rejects_the_match(shared: Path, tmp_path: Path) -> None:
    """UDHR art. 20 in Kazakh: 20.1 gives everyone the freedom of "ассоциациялар" (association);
    20.2 says no one may be forced into an "ассоциацияға ... кіргізуге болмайды", negated by the
    verb's suffix (бол-ма-йды), not by a separate word. A rule on "ассоциация" counts the first
    and is rejected in the second by the default pack's `post_regex`."""
    kazakh = _udhr(shared / "corpus" / "ru_kk" / "udhr_kaz.xml")
    free, forced = kazakh["20.1"], kazakh["20.2"]
    assert "болмайды" in forced and "болмайды" not in free
    pack = tmp_path / "association.kk.yaml"
    pack.write_text("lang: kk\ncodes:\n  identity.values:\n    - regex: \"(?i)^ассоциация\"\n"
                    "      id: association\n", encoding="utf-8")
    book = tmp_path / "association.yaml"
    book.write_text("extends: default\nname: association\nlanguage_packs: [association.kk.yaml]\n",
                    encoding="utf-8")
    nlp = blank_pipeline("kk")
    tagger = CultdipTagger(nlp, load_codebook(book), lang="kk")

    def rules(text: str) -> set[str]:
        doc = tagger(nlp(text))
        return {span._.cultdip_rule for span in doc.spans[SPANS_KEY]}

    assert "association" in rules(free)
    assert "association" not in rules(forced)


def test_kazakh_negative_suffix_finds_only_negated_verbs(shared: Path, codebook) -> None:
    """Every word of the Kazakh UDHR the default `post_regex` takes for a negated verb is one
    (болмайды "must not be", тартылмайды "shall not be held", бұрмаланбаған "undistorted"...),
    and present-tense verbs whose stem ends in б or п (табады "finds") are not among them."""
    import re

    patterns = codebook.negation.post_regex["kk"]
    negative = re.compile("|".join(f"(?:{p})" for p in patterns))
    words = {word.lower() for text in _udhr(shared / "corpus" / "ru_kk" / "udhr_kaz.xml").values()
             for word in re.findall(r"[^\W\d_]+", text)}
    found = {word for word in words if negative.search(word)}
    assert found == {"болмайды", "алаланбауы", "жатпайтын", "тартылмайды", "жүрмейді",
                     "бұрмаланбаған", "келмеуі"}
    assert not negative.search("табады") and negative.search("ашылмады")


def test_post_regex_problems_are_reported_with_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "bad.kk.yaml"
    pack.write_text("lang: kk\nnegation:\n  post_regex: [\"(ма\", \"^(ма)?$\"]\ncodes: {}\n",
                    encoding="utf-8")
    book = tmp_path / "bad.yaml"
    book.write_text("extends: default\nname: bad\nlanguage_packs: [bad.kk.yaml]\n", encoding="utf-8")
    with pytest.raises(CodebookError) as raised:
        load_codebook(book)
    message = str(raised.value)
    assert f"{pack}:3" in message and "invalid regular expression" in message
    assert "matches the empty string" in message
