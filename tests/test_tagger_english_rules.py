"""English rules of the default codebook (issue 4, fourth round) on UN speeches outside the gold.

Each rule family was checked with scripts/check_rule.py on speeches that are in no gold file
(docs/codebook.md, "The fourth round"); these tests pin one sentence the rule must tag and,
where the family has one, one it must leave alone, each read from the speech it comes from in
the shared UN General Debate archive (streamed once, nothing unpacked to disk).
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from cultdip_nlp.codebook import load_codebook
from cultdip_nlp.nlp import blank_pipeline
from cultdip_nlp.tagging.component import SPANS_KEY, CultdipTagger

ARCHIVE = "corpus/ungdc/UNGDC_1946-2024.tar.xz"

# (speech file, words inside the sentence, code, expected to be tagged)
CASES = [
    # Other nations' canonical writers as national symbols; a quotation is not the code.
    ("RWA_28_1973.txt", "the fatherland not only of Goethe", "identity.literature", True),
    ("KAZ_65_2010.txt", "As the great Goethe once said", "identity.literature", False),
    # A faith's or civilisation's heritage claimed by a nation.
    ("HUN_74_2019.txt", "a nation with a strong Christian heritage", "identity.history_heritage", True),
    ("ESP_66_2011.txt", "without its Arab and Jewish heritage", "identity.history_heritage", True),
    # A named national language's status at the United Nations.
    ("PRT_68_2013.txt", "seeing Portuguese adopted as an official language", "identity.language", True),
    # "our language" with the nation's culture or heritage; a word "in our language" is not.
    ("UZB_47_1992.txt", "We have saved our language, religion", "identity.language", True),
    ("AFG_58_2003.txt", "which in our language is called a Loya Jirga", "identity.language", False),
    # "learn a common language ... the language of law" is not a nation's language.
    ("BLR_55_2000.txt", "to learn a common language", "identity.language", False),
    # Exchanges in the fields of culture and education; science and technology are not.
    ("BLR_30_1975.txt", "exchanges in the fields of culture, education",
     "instrument.education_exchange", True),
    ("BLR_30_1975.txt", "exchanges in the fields of culture, education",
     "instrument.multilateral_cooperation", True),
    ("DEU_29_1974.txt", "exchanges in the field of science and technology",
     "instrument.education_exchange", False),
    # The Organization of Turkic States without a cultural side is not cultural cooperation.
    ("TUR_78_2023.txt", "the Organization of Turkic States is becoming",
     "instrument.multilateral_cooperation", False),
    # "music to my ears" is an idiom, not the arts.
    ("MWI_77_2022.txt", "is music to my ears", "identity.arts_popculture", False),
    # A stereotyped image promoted by others is not nation branding.
    ("DZA_77_2022.txt", "the stereotyped image promoted about it", "instrument.nation_branding", False),
    # Rebranding a continent is branding; a mechanism "rebranded" is not.
    ("NGA_68_2013.txt", "rebrand the continent even more positively", "instrument.nation_branding", True),
    ("ATG_68_2013.txt", "reshaped and rebranded into a new mechanism", "instrument.nation_branding", False),
    # Interfaith initiatives named a few words after "interfaith" (the hyphen splits "intra-religious").
    ("JOR_68_2013.txt", "interfaith and intra-religious initiatives", "instrument.dialogue_forums", True),
    # A nation's own innovation.
    ("EST_67_2012.txt", "examples of Estonian innovation", "identity.modernity", True),
    # A people with its history behind it; a history put behind is not.
    ("KHM_19_1964.txt", "two thousand years of history behind it", "identity.history_heritage", True),
    ("PRY_61_2006.txt", "We have put that history behind us", "identity.history_heritage", False),
]


@pytest.fixture(scope="module")
def speeches(shared: Path) -> dict[str, str]:
    """The speeches the cases need, whitespace collapsed (hard-wrapped files join their lines)."""
    wanted = {name for name, *_ in CASES}
    found: dict[str, str] = {}
    with tarfile.open(shared / ARCHIVE, mode="r|xz") as archive:
        for member in archive:
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and name in wanted and "/TXT/" in member.name:
                handle = archive.extractfile(member)
                assert handle is not None
                found[name] = " ".join(handle.read().decode("utf-8-sig").split())
                if len(found) == len(wanted):
                    break
    assert set(found) == wanted
    return found


@pytest.fixture(scope="module")
def tag():
    nlp = blank_pipeline("en")
    tagger = CultdipTagger(nlp, load_codebook(), lang="en")

    def codes(sentence: str) -> set[str]:
        doc = tagger(nlp(sentence))
        return {span.label_ for span in doc.spans[SPANS_KEY]}
    return codes


def sentence_around(text: str, words: str) -> str:
    """The sentence of `text` holding `words`: from the end of the previous sentence to the next
    full stop, question or exclamation mark."""
    start = text.index(words)
    begin = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! "))
    ends = [i for i in (text.find(mark, start + len(words)) for mark in (".", "?", "!")) if i >= 0]
    return text[begin + 2 if begin >= 0 else 0:min(ends) + 1]


@pytest.mark.parametrize(("speech", "words", "code", "expected"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES])
def test_rule_on_a_un_speech_outside_the_gold(speeches: dict[str, str], tag, speech: str,
                                              words: str, code: str, expected: bool) -> None:
    sentence = sentence_around(speeches[speech], words)
    assert words in sentence and len(sentence.split()) >= 6
    assert (code in tag(sentence)) is expected, sentence


def test_soft_power_drawn_from_culture_in_the_seed_paper(seed_paper: str, tag) -> None:
    """The seed paper: the Kazakh government "has embraced Dimash's popularity as a soft power
    asset ... in promoting national culture" (culture named away from "soft power")."""
    start = seed_paper.index("embraced Dimash")
    sentence = seed_paper[seed_paper.rindex(";", 0, start) + 1:seed_paper.index(".", start) + 1]
    assert "outcome.soft_power" in tag(sentence)
