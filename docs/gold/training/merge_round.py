#!/usr/bin/env python3
"""Two coders' files of a coding round -> their agreement, and one training file.

Why: a coding round is training data only if it is coded consistently, and consistency is
measured, not assumed. The sentences both coders coded ("AB") give the agreement; where
they disagree the lead coder's adjudication (ADJUDICATED below, with the reason) decides, so
the merged file has one decision per sentence and every disagreement is on record.

Agreement is reported three ways on the doubly coded sentences:
- exact: share of sentences given the same set of codes;
- per (sentence, code) pair over the 31 codes, present or absent: Cohen's kappa and
  Krippendorff's alpha (nominal) -- most pairs are absent for both, which kappa discounts;
- "has some code": Cohen's kappa on whether the sentence carries any code at all.

Rounds 2 to 5 have five coders (A-E) and one sentence in ten coded by two of them: the agreement is
pooled over those pairs (first and second coder of each sentence), which Krippendorff's alpha
allows (it does not assume the same two coders throughout).

Usage: python docs/gold/training/merge_round.py [--round 2|3|4|5] [--json]
       (writes coded.jsonl for round 1, coded<N>.jsonl for round N)
"""
import argparse
import json
import os
import sys

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

HERE = os.path.dirname(os.path.abspath(__file__))

# id -> (codes, reason): the lead coder's decision where two coders disagree.
ADJUDICATED: dict[str, tuple[list[str], str]] = {
    "t0011": ([], "A fact about the UN's official languages stated by Austria: no nation's language is "
                  "asserted as a marker of its identity (p0003 is a speaker on its own language). "
                  "Adjudicated: B."),
    "t0216": ([], "The Palestinian experience of exile and 'the challenge of affirming one's identity' is "
                  "a people's experience, not its values or narrative of itself (as h0146); the diaspora "
                  "is exile, not a programme. Adjudicated: A."),
    "t0217": ([], "An appeal to Haitians 'who live in the diaspora' to work with the Government: no "
                  "programme or policy for the diaspora (as p0097). Adjudicated: A."),
    "t0253": ([], "'inter-religious intervention' proposed for study against terrorism names no dialogue, "
                  "forum or initiative between religions. Adjudicated: B."),
    "t0336": ([], "'Having been divided, we wish unity' names no nation whose unity it is (as h0038). "
                  "Adjudicated: B."),
    # round 2
    "t2544": ([], "'the ancient Chinese wisdom' quoted by Burundi for a maxim is foreign wisdom, as a "
                  "foreign writer quoted for a maxim; the Formosa diaspora is named in a political "
                  "reconciliation, no programme (as p0097). Adjudicated: E."),
    "t2933": (["identity.modernity", "identity.values"],
              "identity.values: 'The Chinese nation, which has created an economic miracle' is the story "
              "the nation tells of itself; identity.modernity: it 'will create a new cultural splendor', a "
              "future-oriented national self-image. Adjudicated: the two coders' codes together."),
    "t2977": ([], "'historic and cultural ties with the people of East Timor' is a tie to one other people, "
                  "not belonging to a wider region or civilisation (the rule of the coding rounds). "
                  "Adjudicated: D."),
    "t3100": ([], "'cultural and friendly ties that are centuries old' with Russia is a bilateral relation, "
                  "neither a cooperation programme nor belonging to a wider region. Adjudicated: B."),
    "t3200": ([], "'Fate and history have placed the white people of South Africa in Africa': history as "
                  "fate in a statement on apartheid, no community's place in the nation described. "
                  "Adjudicated: A."),
    # round 3
    "t4088": (["identity.values"],
              "identity.values: 'in keeping with its African tradition, has always been to live in peace and "
              "harmony' is the nation's self-description as a trait (a tradition that is a value). 'African' "
              "qualifies the tradition; no belonging to Africa is asserted. Borderline: close to a foreign-policy "
              "principle. Adjudicated: E."),
    "t4377": ([], "The inauguration of 'the Government of National Unity and Reconciliation' reported as "
                  "postponed: a government's name and a political settlement, no reconciliation measure "
                  "described (as t3173). Adjudicated: D."),
    "t4666": ([], "The EU's list of tax havens and Antigua and Barbuda's tax agreements: a tax-policy fact; "
                  "the sentence does not say the country is branded or misportrayed. Adjudicated: B."),
    # round 4
    "t6055": ([], "'peace-loving people of diverse ethnic and cultural backgrounds' describes the South "
                  "Pacific region as a whole, not one named nation's make-up. Adjudicated: B."),
    "t6155": (["identity.belonging"],
              "identity.belonging: 'We are European and Western by vocation and geography; we are part of the "
              "cultural and political family' (Spain). The values are placed in that family, not a national "
              "narrative of Spain's own. Adjudicated: A."),
    "t6200": (["identity.belonging"],
              "identity.belonging: 'the global strategy of the whole Arab nation' (an Arab State, Mauritania, as "
              "h1013). 'the unity of its people' for Lebanon is a political objective wished for, not a "
              "nation's make-up described. Adjudicated: A."),
    "t6255": ([], "A paraphrase of the Charter's purpose of co-operation in the 'economic, social, cultural "
                  "and humanitarian fields' (as t3067, t3074). Adjudicated: A."),
    "t6533": ([], "'the culture of political dialogue to solve internal conflicts' is a political method, "
                  "no national reconciliation process named. Adjudicated: D."),
    "t6733": (["identity.belonging", "identity.traditions"],
              "identity.traditions: 'our traditional cultural roles as stewards of the ocean'; "
              "identity.belonging: 'We join our fellow Pacific nations' (a regional community the Marshall "
              "Islands are part of). Adjudicated: D."),
    "t6822": ([], "The UN system's role in 'economic, social and cultural co-operation' in general, as one "
                  "item of a survey of its work: no partner or cultural work named. Adjudicated: D."),
    # round 5
    "t8011": (["identity.diversity_unity"],
              "identity.diversity_unity: Chile's constitution 'drafted with the participation of citizens "
              "and indigenous peoples ... a constitution for all, but also made by all' (the indigenous "
              "peoples' place in the nation's civic identity). 'as never before in our history' is time. "
              "Adjudicated: C."),
    "t8044": (["identity.diversity_unity"],
              "identity.diversity_unity: 'an ethnically and linguistically diverse people' (Solomon "
              "Islands). 'linguistically diverse' names no language and no count of them, so not "
              "identity.language (the round-3 rule). Adjudicated: A."),
    "t8055": (["identity.diversity_unity"],
              "identity.diversity_unity: Djibouti 'building a ... harmonious nation with a common "
              "identity'. The 'values and principles of democracy' are the goal the building is inspired "
              "by, not a trait the nation claims. Adjudicated: B."),
    "t8166": ([], "A condolence after the attacks on New York: the American people's 'unity' in grief is "
                  "not interethnic unity or minorities' place (diversity_unity), and a foreign speaker's "
                  "admiration of its courage is not the story a nation tells about itself (values). "
                  "Adjudicated: neither coder (B values, C diversity_unity)."),
    "t8233": ([], "'peoples of the region with historical and cultural ties' describes the region Iraq "
                  "addresses, not a civilisation it places itself in (as t3034, t3127). Adjudicated: D."),
    "t8588": ([], "'I can say with pride ...' is a speaker's formula and 'Bolivia today has a strong "
                  "democracy' a political fact of the day, as t6920 (Chile 'more free and more fair'). "
                  "Adjudicated: E."),
    "t8822": ([], "A new economic group 'which embraces many countries with deep-rooted historic and "
                  "cultural ties' is a trade grouping described by its members' ties, not a civilisation "
                  "or region Oman says it belongs to (unlike t6603, Oman's own ties with Africa). "
                  "Adjudicated: D."),
}


def read(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {r["id"]: r for r in map(json.loads, filter(str.strip, handle))}


def taxonomy_codes() -> list[str]:
    sys.path.insert(0, os.path.join(HERE, "..", "..", ".."))
    from cultdip_nlp.codebook import load_codebook
    return sorted(load_codebook("default").code_ids)


def agreement(doubly: dict[str, list[dict]], codes: list[str]) -> dict:
    """Agreement between the first and the second coding of each doubly coded sentence."""
    both = sorted(doubly)
    a = [set(doubly[i][0]["codes"]) for i in both]
    b = [set(doubly[i][1]["codes"]) for i in both]
    pairs_a = [int(c in s) for s in a for c in codes]
    pairs_b = [int(c in s) for s in b for c in codes]
    alpha = krippendorff.alpha(reliability_data=np.array([pairs_a, pairs_b], dtype=float),
                               level_of_measurement="nominal")
    per_code = {}
    for code in codes:
        x = [int(code in s) for s in a]
        y = [int(code in s) for s in b]
        if any(x) or any(y):
            per_code[code] = {"first": sum(x), "second": sum(y),
                              "both": sum(p and q for p, q in zip(x, y))}
    return {
        "sentences": len(both),
        "exact_agreement": round(sum(x == y for x, y in zip(a, b)) / len(both), 3),
        "pair_kappa": round(float(cohen_kappa_score(pairs_a, pairs_b)), 3),
        "pair_alpha": round(float(alpha), 3),
        "some_code_kappa": round(float(cohen_kappa_score([bool(s) for s in a],
                                                         [bool(s) for s in b])), 3),
        "codes_given": {"first": sum(map(len, a)), "second": sum(map(len, b)),
                        "both": sum(len(x & y) for x, y in zip(a, b))},
        "per_code": per_code,
        "disagreements": [i for i, x, y in zip(both, a, b) if x != y],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--round", type=int, default=1, choices=(1, 2, 3, 4, 5))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    suffix = "" if args.round == 1 else str(args.round)
    letters = "ab" if args.round == 1 else "abcde"
    drawn = read(os.path.join(HERE, f"drawn{suffix}.jsonl"))
    coders = {}
    for letter in letters:
        path = os.path.join(HERE, f"coded{suffix}_{letter}.jsonl")
        coders[letter.upper()] = read(path) if os.path.exists(path) else {}
    codings = {number: [coders[c][number] for c in record["coders"] if number in coders[c]]
               for number, record in drawn.items()}
    codes = taxonomy_codes()
    report = agreement({n: c for n, c in codings.items() if len(c) == 2}, codes)
    report["coders"] = {c: len(done) for c, done in coders.items()}
    report["not_yet_coded"] = sum(len(c) < len(drawn[n]["coders"]) for n, c in codings.items())
    open_ = [i for i in report["disagreements"] if i not in ADJUDICATED]
    merged = []
    for number, record in drawn.items():
        coded = codings[number]
        if not coded:
            continue
        if number in ADJUDICATED:
            chosen, reason = ADJUDICATED[number]
            coder = "+".join(record["coders"]) + ", adjudicated"
        elif len(coded) == 2 and number not in open_:
            chosen, reason, coder = coded[0]["codes"], coded[0]["reason"], "+".join(record["coders"])
        elif len(coded) == 2:
            continue
        else:
            chosen, reason, coder = coded[0]["codes"], coded[0]["reason"], coded[0]["coder"]
        unknown = set(chosen) - set(codes)
        if unknown:
            sys.exit(f"{number}: codes not in the taxonomy: {sorted(unknown)}")
        merged.append({**{k: v for k, v in record.items() if k != "coders"},
                       "codes": sorted(chosen), "reason": reason, "coder": coder})
    report["merged_sentences"] = len(merged)
    report["merged_with_a_code"] = sum(bool(r["codes"]) for r in merged)
    report["merged_code_assignments"] = sum(len(r["codes"]) for r in merged)
    report["not_yet_adjudicated"] = open_
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    if open_:
        for number in open_:
            print(f"\n{number}: {drawn[number]['text']}")
            for coding in codings[number]:
                print(f"  {coding['coder']} {coding['codes']}: {coding['reason']}")
        sys.exit(f"{len(open_)} disagreements to adjudicate before coded.jsonl is written")
    with open(os.path.join(HERE, f"coded{suffix}.jsonl"), "w", encoding="utf-8") as handle:
        for record in merged:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
