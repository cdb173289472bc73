#!/usr/bin/env python3
"""Draw the purposive gold sample: sentences likely to carry each of the 31 codes (uncoded).

Why: the random and culture samples (docs/gold/gold.jsonl) leave 17 codes without a single
positive, so recall cannot be measured for them. This sample is drawn *per code* from
sentences matching a broad probe written from TAXONOMY.md's "applies to" column, NOT from the
tagger's codebook patterns, so that the tagger's recall is not measured on its own output.
Probes are deliberately broad: many drawn sentences turn out to carry no code or another code,
which is what a coder then decides by hand.

Reproducible: fixed seed, sorted sources, the gold set's own sentence splitter
(docs/gold/sample_sentences.py). Sentences already in gold.jsonl are excluded.

Usage:
    python docs/gold/purposive/draw_purposive.py --ungdc /tmp/ungdc/UNGDC_1946-2024/TXT \
        --kz /work/shared/corpus/kz_en --out docs/gold/purposive/drawn.jsonl
    python docs/gold/purposive/draw_purposive.py --stage 2 ... --out docs/gold/purposive/drawn2.jsonl
    python docs/gold/purposive/draw_purposive.py --stage 3 ... --out docs/gold/purposive/drawn3.jsonl
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from sample_sentences import dedup, load_kz, load_ungdc  # noqa: E402

SEED = 20261129
PER_CODE = 5

# One broad probe per code, from TAXONOMY.md's "applies to" column (case-insensitive).
PROBES = {
    "identity.language": r"\b(state|national|official|mother|native) (language|tongue)s?\b|\balphabet\b|\bscript\b",
    "identity.literature": r"\b(poet|poets|poetry|literature|novelist|writer|Abai|Shakespeare|Farabi)\b",
    "identity.history_heritage": r"\b(our|ancient|national) (history|heritage|civili[sz]ation|past|ancestors)\b",
    "identity.traditions": r"\b(our|national|age-old|ancient) (traditions?|customs?)\b|\b(folk|crafts?|cuisine)\b",
    "identity.arts_popculture": r"\b(cinema|theatre|theater|music|film|films|pop culture|artists?)\b",
    "identity.values": r"\b(our|national) (values|idea|character|spirit)\b",
    "identity.diversity_unity": r"\b(multi-?ethnic|multinational|multicultural|inter-?ethnic|national unity|unity in diversity|minorities)\b",
    "identity.belonging": r"\b(Eurasian|Turkic|Arab nation|Islamic (world|civili[sz]ation)|African identity|European family|bridge between (East|Europe|Asia))\b",
    "identity.modernity": r"\b(moderni[sz]ation|innovative nation|modern nation|creative economy|future-oriented)\b",
    "instrument.cultural_institute": r"\b(cultural (centres?|centers?|institutes?)|British Council|Alliance Fran|Goethe|Confucius Institute|Japan Foundation)\b",
    "instrument.language_promotion": r"\b(teaching|teach|learn|learning|study|studying) (of )?(the )?[A-Z][a-z]+ language\b|\blanguage (courses|teaching)\b",
    "instrument.education_exchange": r"\b(scholarships?|student exchanges?|exchange programmes?|foreign students|youth exchanges?|fellowships?)\b",
    "instrument.broadcasting_media": r"\b(broadcast\w*|radio|television|news agency)\b",
    "instrument.festival_event": r"\b(festivals?|cultural (days|weeks|seasons|years)|concerts?|tours?)\b",
    "instrument.exhibition_museum": r"\b(exhibitions?|museums?|expo|biennale|pavilion)\b",
    "instrument.heritage_listing": r"\b(World Heritage|heritage list|intangible (cultural )?heritage|inscri\w+)\b",
    "instrument.nation_branding": r"\b(brand|branding|national image|image of (our|the) country|promot\w+ (our|the) country)\b",
    "instrument.creative_industries": r"\b(creative industr\w+|cultural industr\w+|film industry|cultural (goods|products|exports))\b",
    "instrument.translation_publishing": r"\b(translat\w+|publish\w+|book fairs?|books)\b",
    "instrument.diaspora": r"\b(diaspora|compatriots?|nationals (living )?abroad|emigrants?)\b",
    "instrument.cultural_ambassadors": r"\b(goodwill ambassadors?|cultural ambassadors?|envoys?|ambassadors? of (culture|peace|goodwill))\b",
    "instrument.sport_mega_events": r"\b(Olympic\w*|World Cup|sports?|Games|Expo)\b",
    "instrument.dialogue_forums": r"\b(dialogue (among|between|of) (civili[sz]ations|cultures|religions)|interfaith|inter-religious|interreligious)\b",
    "instrument.digital_diplomacy": r"\b(social media|internet|digital|online)\b",
    "instrument.multilateral_cooperation": r"\b(UNESCO|cultural (co-?operation|agreements?)|TURKSOY|ISESCO|Francophonie)\b",
    "instrument.tourism": r"\b(touris\w+|visitors|visa-free)\b",
    "outcome.soft_power": r"\b(soft power|influence|prestige)\b",
    "outcome.international_image": r"\b(image|reputation|prestige|recogni[sz]ed (throughout|by) the world|perception)\b",
    "outcome.national_pride": r"\b(pride|proud|patriotism|patriotic|self-confidence|dignity)\b",
    "outcome.social_cohesion": r"\b(social cohesion|harmony|accord|reconciliation|consolidation of (our )?society|unity)\b",
    "outcome.economic": r"\b(cultural (economy|exports?)|creative economy|tourism revenue|revenues? from|GDP)\b",
}


# Stage 2: after coding stage 1 by hand, many codes still had no positive (UN speeches rarely
# name these instruments). Narrower probes, again from TAXONOMY.md's wording and not from the
# codebook, drawn for those codes only, excluding everything drawn before.
NARROW_PROBES = {
    "identity.literature": r"\b(our|national|great) (poets?|writers?|literature)\b|\bnational poet\b",
    "identity.arts_popculture": r"\b(K-pop|anime|manga|our (artists|musicians|cinema|films?)|national (cinema|theatre|theater))\b",
    "identity.modernity": r"\b(innovative|modern|creative|dynamic) (nation|country|society)\b",
    "instrument.cultural_institute": r"\b(British Council|Japan Foundation|Alliance Fran\w+|cultural (centres?|centers?) (abroad|in))\b",
    "instrument.language_promotion": r"\b(teaching|promotion|promote|learn\w*|spread) (of )?(the )?(Kazakh|Korean|Japanese|English|French|Russian|Arabic|Spanish|Portuguese|Chinese) language\b",
    "instrument.education_exchange": r"\b(student|students|youth|academic|educational|cultural) exchanges?\b|\bforeign students\b",
    "instrument.heritage_listing": r"\bWorld Heritage (List|Sites?)\b|\bheritage of (humanity|mankind)\b",
    "instrument.nation_branding": r"\b(national brand|country brand|nation brand\w*|image of (our|my) country)\b",
    "instrument.creative_industries": r"\bcreative (industr\w+|economy)\b|\bcultural industr\w+\b",
    "instrument.translation_publishing": r"\btranslat\w+ (of|into)\b[^.]{0,40}\b(works|books|literature|poems?|languages)\b",
    "instrument.diaspora": r"\b(our|the [A-Z][a-z]+) diasporas?\b|\bcompatriots (abroad|living abroad)\b",
    "instrument.cultural_ambassadors": r"\b(goodwill|cultural) ambassadors?\b",
    "instrument.digital_diplomacy": r"\b(digital diplomacy|public diplomacy|social media)\b",
    "outcome.soft_power": r"\bsoft power\b",
    "outcome.national_pride": r"\b(national pride|patriotism|pride in (our|their))\b",
    "outcome.social_cohesion": r"\b(social cohesion|inter-?ethnic (harmony|accord)|national reconciliation)\b",
    "outcome.economic": r"\b(creative economy|cultural (exports?|economy)|tourism (revenues?|earnings|receipts))\b",
}

# Stage 3: the four codes still without a positive after stage 2 (the "common heritage of
# mankind" of the law of the sea swamped stage 2's heritage probe).
STAGE3_PROBES = {
    "instrument.heritage_listing": r"\bWorld Heritage (List|Sites?)\b|\bUNESCO\b[^.]{0,80}\b(heritage|inscri\w+)\b",
    "instrument.translation_publishing": r"\btranslat\w+\b[^.]{0,60}\b(literature|novels?|poems?|poetry|epics?|classics)\b",
    "instrument.digital_diplomacy": r"\b(digital (diplomacy|platforms?)|public diplomacy|online (campaign|platform)s?)\b",
    "outcome.economic": r"\b(creative|cultural) (industr\w+|economy|sector)\b[^.]{0,80}\b(per cent|GDP|jobs|revenues?|exports?|billion)\b|\btourism\b[^.]{0,40}\b(per cent of|main source|largest source|foreign exchange)\b",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ungdc", default="/tmp/ungdc/UNGDC_1946-2024/TXT")
    ap.add_argument("--kz", default="/work/shared/corpus/kz_en")
    ap.add_argument("--gold", default=os.path.join(os.path.dirname(__file__), "..", "gold.jsonl"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "drawn.jsonl"))
    ap.add_argument("--stage", type=int, default=1, choices=(1, 2, 3))
    a = ap.parse_args()
    rng = random.Random(SEED + a.stage - 1)
    taken = set()
    here = os.path.dirname(__file__)
    previous = [a.gold] + [os.path.join(here, f"drawn{'' if n == 1 else n}.jsonl")
                           for n in range(1, a.stage)]
    for path in previous:
        with open(path, encoding="utf-8") as fh:
            taken |= {json.loads(line)["text"] for line in fh if line.strip()}
    probes = {1: PROBES, 2: NARROW_PROBES, 3: STAGE3_PROBES}[a.stage]
    first = {1: 1, 2: 1001, 3: 2001}[a.stage]
    pool = dedup(load_ungdc(a.ungdc, 1970, 2024) + load_kz(a.kz))
    print(f"pool: {len(pool)} sentences")
    picked = []
    for code, probe in probes.items():
        regex = re.compile(probe, re.IGNORECASE)
        candidates = [r for r in pool if r["text"] not in taken and regex.search(r["text"])]
        got = rng.sample(candidates, min(PER_CODE, len(candidates)))
        print(f"{code}: {len(candidates)} candidates, drew {len(got)}")
        for r in got:
            taken.add(r["text"])
            picked.append(dict(r, probe=code))
    with open(a.out, "w", encoding="utf-8") as fh:
        for i, r in enumerate(picked, first):
            rec = {"id": f"p{i:04d}", "source": r["source"], "country": r["country"],
                   "year": r["year"], "sample": "purposive", "probe": r["probe"],
                   "text": r["text"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} sentences to {a.out}")


if __name__ == "__main__":
    main()
