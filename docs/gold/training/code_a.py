#!/usr/bin/env python3
"""Hand coding by coder A of the training draw: drawn.jsonl + the decisions below -> coded_a.jsonl.

Coder A codes the records whose `coders` is "A" or "AB" (issue 8). Every sentence was read and
decided by hand against /work/shared/TAXONOMY.md and the coding rules of ../README.md,
../purposive/README.md and ../heldout/README.md; this script only writes the decisions down.
Sentences not listed in POSITIVE carry no code and the reason given in NEGATIVE, or NO_CODE.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NO_CODE = "No identity, instrument or outcome content."
CODER = "A"

POSITIVE = {
    # --- sentences coded by both coders (AB) ---
    "t0011": (["identity.language"],
              "identity.language: 'Arabic is one of the six official languages of the United Nations' states "
              "the status of a national language (the Arab States', not the speaker's; as p0003). Borderline: "
              "status at the UN stated as a fact, no identity claim in the sentence."),
    "t0024": (["identity.literature"],
              "identity.literature: 'The people of Walt Whitman has more in common with its poets' makes a poet "
              "the symbol of the American people (about USA; as p0050 'the nation of Goethe and Schiller')."),
    "t0059": (["identity.history_heritage"],
              "identity.history_heritage: the Icelandic gift gavel's head 'shows a Viking praying for peace', a "
              "figure of the Nordic past used as a national motif. Borderline: the sentence names neither "
              "Iceland nor the artist's nationality, so identity.arts_popculture is not coded."),
    "t0072": (["identity.values"],
              "identity.values: the Greek people 'proved to the world that neither our values nor our humanity "
              "are conditional' (the nation described by its own values, as p0028)."),
    "t0084": (["identity.diversity_unity"],
              "identity.diversity_unity: 'erosion of the rights of ... ethnic and religious minorities' in "
              "Afghanistan (minorities' place in the nation; about AFG, as g0315). Borderline: a list of rights "
              "violations rather than a statement about the nation's make-up."),
    "t0095": (["identity.belonging"],
              "identity.belonging: Iraq speaks of 'the Arab nation' forced to submit, a nation of which Iraq is "
              "part (as h1013). Borderline: belonging inferred from the speaker's membership."),
    "t0096": (["identity.belonging", "identity.language"],
              "identity.belonging: 'The Arab nation' of which Algeria is part; identity.language: 'characterized "
              "by the unity of language, and the unity of language is the unity of thought' (language as the "
              "marker of the nation)."),
    "t0108": (["identity.modernity"],
              "identity.modernity: 'By pursuing Chinese modernization' - modernisation as the nation's own "
              "project and self-image (as 'build a modern nation'); 'human civilization' is humankind."),
    "t0131": (["instrument.education_exchange"],
              "instrument.education_exchange: Canada is 'helping the victims of apartheid with scholarships' "
              "(scholarships for South Africans). Borderline: scholarships as aid, the place of study not named."),
    "t0132": (["instrument.education_exchange"],
              "instrument.education_exchange: Brunei 'offering scholarships to study in Brunei Darussalam' to "
              "fellow developing countries."),
    "t0253": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: proposes 'inter-religious intervention' among solutions to the roots "
              "of terrorism (an interfaith initiative proposed, as h0126). Borderline: no forum or dialogue is "
              "named."),
    "t0276": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: the (Gulf Cooperation) Council 'promoting political, economic, "
              "security, social and cultural co-operation among its member States' (as p0122)."),
    "t0336": (["identity.diversity_unity"],
              "identity.diversity_unity: 'Having been divided, we wish unity' - the unity of the people wished "
              "for (the line is from the preamble of the FSM Constitution). Borderline: on its own wording the "
              "'we' is not named; a wish, no measure, so not outcome.social_cohesion."),
    "t0337": (["outcome.social_cohesion"],
              "outcome.social_cohesion: 'the process of harmony and tolerance begins at home, and we take it very "
              "seriously' - domestic harmony pursued as the aim of Pakistan's own effort. Borderline: no measure "
              "is named, only a process."),
    # --- sentences coded by A only ---
    "t0003": (["identity.language"],
              "identity.language: the proposal 'to declare Bangla one of the official languages of the United "
              "Nations' (status of the national language, as p0003)."),
    "t0016": (["identity.literature"],
              "identity.literature: 'citing the literature of my own nation' (Iceland's literature used as a "
              "national voice on the rule of law)."),
    "t0029": (["identity.history_heritage"],
              "identity.history_heritage: 'Throughout our history, we had to struggle to preserve it' - the "
              "nation's past invoked as part of who it is (as h1010). Borderline: the struggle narrative, not "
              "heritage content."),
    "t0039": (["identity.traditions"],
              "identity.traditions: 'According to our tradition, this is a time when God determines the fate of "
              "each and every individual' (a living Jewish religious tradition, the High Holy Days)."),
    "t0050": (["identity.arts_popculture", "identity.values"],
              "identity.values: Poland 'the land of heroes and artists, a nation of heroism and sacrifice' (a "
              "national narrative; about POL); identity.arts_popculture: 'land of ... artists' (artists as a "
              "national asset). Borderline for identity.arts_popculture: an epithet, no art named."),
    "t0061": (["identity.values"],
              "identity.values: 'inherent to our idea of democracy' (Uruguay described by its own idea of "
              "democracy)."),
    "t0063": (["identity.values", "instrument.tourism"],
              "identity.values: 'Our spirit of service and open door policy' (Panama's self-description); "
              "instrument.tourism: Panama promoted as 'an enjoyable, exciting place of true opportunities'. "
              "Borderline for instrument.tourism: visitors are not named, the opportunities may be business."),
    "t0065": (["identity.values"],
              "identity.values: 'Our idea is to begin building a model society for the world' (El Salvador's "
              "national narrative of itself as an example). Borderline: a plan as much as a narrative."),
    "t0073": (["identity.diversity_unity"],
              "identity.diversity_unity: 'Historical minorities of Latvia such as Russians, Belarussians, Poles, "
              "Jews' with 'their own schools and active national cultural societies' that maintain 'each group's "
              "national identity' (minorities' place in the nation)."),
    "t0077": (["identity.diversity_unity", "identity.language"],
              "identity.diversity_unity: 'multicultural criteria' in public policy and 'affirmative action' for "
              "indigenous civil employees (minorities' place in the nation); identity.language: 'strengthened "
              "bilingual and intercultural education' (teaching of indigenous languages). No unity or inclusion "
              "is claimed as an effect, so not outcome.social_cohesion."),
    "t0085": (["identity.belonging", "identity.history_heritage"],
              "identity.belonging: 'The Arab nation' of which Algeria is part; identity.history_heritage: "
              "'characterized by the unity of history' (a shared history as the nation's marker)."),
    "t0087": (["identity.belonging"],
              "identity.belonging: 'We in Jordan, together with our Palestinian brethren and the rest of the Arab "
              "nation' places Jordan in the Arab nation."),
    "t0089": (["identity.belonging", "identity.history_heritage"],
              "identity.belonging: 'the Arab nation' speaking as 'we' (Iraq); identity.history_heritage: "
              "defending 'our very existence and our civilization' (Arab civilisation as heritage, as g0102). "
              "Borderline for identity.history_heritage: named in a war context."),
    "t0122": (["instrument.education_exchange"],
              "instrument.education_exchange: 'a special scholarship programme for youngsters from Syria to study "
              "in Hungary'."),
    "t0157": (["identity.history_heritage"],
              "identity.history_heritage: plunder of 'objects d'art of gold or silver, precious stones, rare "
              "pieces from our museums, from the Silver Pagoda and from the Royal Palace' (Cambodia's material "
              "heritage). The museums are domestic, not an exhibition instrument."),
    "t0159": (["identity.history_heritage"],
              "identity.history_heritage: 'works of art and other cultural treasures belonging to Zaire', 'museum "
              "pieces and archives ... essential to preserving and nourishing cultural values' held abroad and "
              "claimed back (as p0073)."),
    "t0161": (["identity.history_heritage"],
              "identity.history_heritage: museums abroad should not acquire 'antiquities which are native to the "
              "Kingdom of Cambodia' (protection of the national archaeological heritage)."),
    "t0173": (["identity.history_heritage", "instrument.heritage_listing",
               "instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: five Central American countries 'agreed to promote the "
              "establishment of the \"Mayan Trail\"'; instrument.heritage_listing: it 'must be declared as a "
              "common heritage of mankind, ... consistent with the guidelines of the United Nations Educational, "
              "Scientific and Cultural Organization'; identity.history_heritage: the 'Mayan' heritage of the "
              "region. Borderline for instrument.heritage_listing: a declaration sought, not a UNESCO list named. "
              "Tourism is not named, so instrument.tourism is not coded."),
    "t0185": (["instrument.nation_branding"],
              "instrument.nation_branding: diplomats and trade commissioners instructed 'to promote the "
              "Fijian-made brand' abroad (a national brand promoted by the State). Borderline: a product brand "
              "for exports rather than a branding of the nation."),
    "t0193": (["identity.history_heritage", "instrument.multilateral_cooperation"],
              "identity.history_heritage: 'The return of cultural goods to the countries which have lost them' "
              "(material heritage restitution); instrument.multilateral_cooperation: 'necessary to deal with this "
              "matter on a global basis' (international cultural cooperation proposed). Borderline: no country's "
              "heritage is named."),
    "t0206": (["identity.diversity_unity", "identity.history_heritage"],
              "identity.diversity_unity: 'our Turkish Cypriot compatriots' and 'a measure directly aimed at "
              "benefiting the Turkish Cypriots' (a community's place in the nation); identity.history_heritage: "
              "'the restoration of the medieval part of the city' of Famagusta (material heritage). Borderline "
              "for both: part of a political settlement proposal. Compatriots at home, not instrument.diaspora."),
    "t0209": (["identity.diversity_unity"],
              "identity.diversity_unity: 'The Falashas, who have lived among their Ethiopian compatriots for "
              "thousands of years' (a minority's place in the Ethiopian nation). Not instrument.diaspora: no "
              "programme for compatriots abroad."),
    "t0230": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'my country will host the Islamic Solidarity Games' (hosting a "
              "multi-sport mega-event)."),
    "t0231": (["identity.arts_popculture"],
              "identity.arts_popculture: Jamaica's 'significant contributions ... in the fields of music, culture "
              "and sports' (music and culture as national assets). 'We reflect with pride' is a speaker's formula, "
              "not outcome.national_pride; sport contributions are not hosting or sport diplomacy."),
    "t0232": (["identity.belonging", "instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'thanks to the sport, I had a great following in India, I have "
              "friends in India' (cricket as a bridge between peoples, as p0107); identity.belonging: 'Cricket is "
              "a passion of our subcontinent' (a shared regional culture). Borderline for both: a personal "
              "anecdote, no event."),
    "t0234": (["identity.modernity", "instrument.sport_mega_events", "outcome.international_image",
               "outcome.national_pride"],
              "instrument.sport_mega_events: the efforts of the Chinese Government and people 'for the Games' "
              "(Beijing 2008); outcome.international_image: 'The international community has highly commended the "
              "efforts'; outcome.national_pride: their success 'greatly inspired the Chinese people and given "
              "them even more confidence'; identity.modernity: 'to achieve modernization of the country' as the "
              "national goal."),
    "t0242": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: 'We must promote intercultural, inter-civilizational and "
              "inter-religious understanding and cooperation' (dialogue between cultures and religions "
              "proposed). Borderline: understanding and cooperation, not dialogue or a forum, are named."),
    "t0246": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: 'a series of inter-religious encounters, especially between "
              "Christianity and Islam' held by Austria."),
    "t0257": (["identity.modernity"],
              "identity.modernity: 'The digital sector in Romania ... is an important driver of growth and "
              "innovation' (an innovative self-image). Borderline: an economic statistic; GDP share of the digital "
              "sector is not a return from culture, so not outcome.economic."),
    "t0266": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'ASEAN was initially founded to promote economic, technical "
              "and cultural co-operation' (as p0122)."),
    "t0269": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'an international forum was held in Tirana ... under the "
              "auspices of the President of Albania and the Director-General of UNESCO' (cooperation with the UN "
              "cultural body). Borderline: the forum's subject is not named in the sentence, so "
              "instrument.dialogue_forums is not coded."),
    "t0281": (["instrument.tourism"],
              "instrument.tourism: 'We have more and more tourism, internal and external' (El Salvador as a "
              "growing destination, as p0129)."),
    "t0290": (["outcome.soft_power"],
              "outcome.soft_power: the frontline States 'exerting an inspiring influence on the majority of the "
              "people of South Africa' (influence by attraction; about the frontline States). Borderline: "
              "political, not cultural, influence."),
    "t0304": (["identity.values", "outcome.international_image"],
              "outcome.international_image: 'the reputation that Ghana has built' that 'we ... intend to nurture "
              "and improve upon'; identity.values: Ghana 'as a tolerant and working democracy'."),
}

NEGATIVE = {
    # --- AB ---
    "t0012": "'veer off script' is an idiom, not a writing system.",
    "t0023": "A foreign writer (Chinua Achebe) quoted for a maxim about the world; no national-literature "
             "claim (as p0006). Borderline: his nationality is named.",
    "t0035": "'our civilization' is humankind.",
    "t0036": "'the survival of our civilization' is humankind.",
    "t0047": "'craft' and 'culture' describe terrorism (figures of speech).",
    "t0048": "'our tradition of support for the ideals of this Organization' is a policy record (as 'a long "
             "tradition of peace-keeping'); 'rightful place among the nations' is standing, not image. Borderline.",
    "t0060": "'theater of confrontation' is a figure of speech.",
    "t0071": "'the common heritage of mankind' is a law-of-the-sea principle; 'Our idea' is a proposal.",
    "t0083": "'national unity and territorial integrity' of countries in general, undermined by interference: "
             "sovereignty, no nation named. Borderline.",
    "t0107": "Economic modernization of developing countries in general.",
    "t0119": "Goethe quoted as a maxim; not a national symbol of the speaker.",
    "t0120": "Goethe quoted as a maxim (as p0007); not a national symbol of the speaker.",
    "t0143": "The hacking of the Qatar News Agency website: state media as a target, not described as media "
             "aimed abroad. Borderline.",
    "t0144": "World media reporting the drought; not a State's broadcasting abroad.",
    "t0155": "'work in concert' is an idiom.",
    "t0156": "'working things out in concert' is an idiom; dialogue is political.",
    "t0167": "'showpieces in a military museum' is a figure of speech.",
    "t0168": "A development cooperation expo (as p0109).",
    "t0179": "'the heritage of mankind' is a law-of-the-sea principle.",
    "t0180": "'the common heritage of mankind' is a law-of-the-sea principle.",
    "t0191": "A national development plan; no identity or branding content.",
    "t0192": "'a new brand of cooperation' means a kind of cooperation.",
    "t0204": "'translate ... into' a package of assistance is an idiom.",
    "t0205": "A foreign newspaper article quoted; not a translation or publishing programme.",
    "t0216": "Palestinian experience of exile and 'the challenge of affirming one's identity': history as a "
             "people's experience (as h0146), no identity marker named; the diaspora is exile, not a programme. "
             "Borderline.",
    "t0217": "An appeal to Haitians 'who live in the diaspora' to support the Government: no programme for the "
             "diaspora (as p0097). Borderline.",
    "t0228": "Hosting political talks and a UN special envoy; no cultural forum or envoy.",
    "t0229": "A UN Special Envoy is not a cultural envoy.",
    "t0240": "'cynical games of the stock-markets' is a figure of speech; the Francophone Summit is only the "
             "place where debt was raised.",
    "t0241": "'geopolitical games'; 'fraternal Ukrainian people' is outreach, not belonging.",
    "t0252": "The danger of inter-ethnic and inter-religious conflicts in general; no forum, no nation's unity.",
    "t0264": "Abuse of social media by terrorists; not digital diplomacy.",
    "t0265": "Championing freedom of expression online is a human-rights policy, not digital platforms used as "
             "diplomacy. Borderline.",
    "t0277": "Support of the UNDP Administrator and the Director-General of UNESCO for an initiative whose "
             "subject is not named (fragment); no cultural cooperation stated. Borderline.",
    "t0288": "Job losses in the tourism industry: an economic condition (as g0264).",
    "t0289": "Tourism affected by climate: a condition.",
    "t0300": "'power and influence' of States in general.",
    "t0301": "Political and economic influence of the great Powers by devious devices; not soft power.",
    "t0312": "'the image of the dignity of States' in general; no country's image abroad. Borderline.",
    "t0313": "The prestige of the United Nations.",
    "t0324": "'dignity and value of the human person' from the Charter.",
    "t0325": "Dignity of older people.",
    "t0348": "GDP growth; no return from culture.",
    "t0349": "GDP per capita; no return from culture.",
    # --- A only ---
    "t0001": "'a script of false allegations' is a text, not a writing system.",
    "t0002": "'rewrite the script' is an idiom.",
    "t0004": "'opposite ends of the alphabet' is a joke on country names.",
    "t0005": "The Babylonians' alphabet is the heritage of another region, not Egypt's own (as g0312). "
             "Borderline.",
    "t0013": "The speaker's own career as a writer and historian; 'history of the past century' is time.",
    "t0014": "A foreign writer quoted as a source on colonial history; no national-literature claim.",
    "t0015": "Milton quoted as a maxim.",
    "t0017": "Culture, art and literature flourishing in 'peripheral' places in general; no nation named. "
             "Borderline.",
    "t0025": "'For the second time in our history' is history as time.",
    "t0026": "'the spiritual and cultural values of our civilization' is humankind's civilisation, shared by "
             "countries that oppose racism.",
    "t0027": "'the future of our civilization' is humankind.",
    "t0028": "'the first of its kind in our history' is history as time.",
    "t0037": "'craft' as a verb.",
    "t0038": "'craft' as a verb.",
    "t0040": "'National customs and values' of nations in general humiliated; no nation's traditions or values "
             "named. Borderline.",
    "t0041": "'craft' as a verb.",
    "t0049": "Hollywood horror films as a simile; not popular culture as a national asset.",
    "t0051": "'theatre of war' is a figure of speech.",
    "t0052": "'a theatre of division' is a figure of speech.",
    "t0053": "'the theatre of choice for conflict' is a figure of speech.",
    "t0062": "'our idea of radical reductions' is a proposal.",
    "t0064": "'our spirit' is the Assembly's commitment to multilateralism.",
    "t0074": "Rights of minorities in general; no nation named. Borderline.",
    "t0075": "Kim Il Sung's principle of 'greater national unity' for Korea's reunification is a political "
             "settlement (as h0066). Borderline.",
    "t0076": "Ending the Lendu-Hema inter-ethnic conflict through a peace process: conflict settlement in the "
             "DRC, not national unity or cohesion from a cultural measure (as h0049). Borderline.",
    "t0086": "Partnerships across the Arab and Islamic world: outreach, not belonging stated. Borderline.",
    "t0088": "Denunciations of other regimes as 'the shame of the Islamic world' and traitors to Islam; Iran's "
             "own belonging is not asserted. Borderline.",
    "t0097": "Domestic school reform.",
    "t0098": "Modernization of the General Assembly's agenda.",
    "t0099": "Modernization of the judicial system (institutional reform).",
    "t0100": "Modernization of developing countries in general.",
    "t0101": "Economic modernization of low-income countries.",
    "t0109": "Domestic cultural centres destroyed in war; not institutes abroad.",
    "t0110": "Domestic cultural centres destroyed; not institutes abroad.",
    "t0111": "Domestic cultural centres for youth; not institutes abroad.",
    "t0112": "Goethe quoted as a maxim.",
    "t0113": "Cultural centers built at home in North Korea; not institutes abroad.",
    "t0121": "'scholarship' as learning.",
    "t0123": "'fellowship' as companionship.",
    "t0124": "'fellowship and solidarity' with Member States.",
    "t0125": "Domestic scholarships among social spending.",
    "t0133": "'radio-electronics' is an industry.",
    "t0134": "Television images of war watched at home.",
    "t0135": "A televised announcement of a coup; not broadcasting aimed abroad.",
    "t0136": "A domestic press, radio and television authority.",
    "t0137": "'radio-activity'.",
    "t0145": "'a concert of convenience' among Powers.",
    "t0146": "'the international concert of nations'.",
    "t0147": "A greeting to 'our Muslim brothers and sisters' celebrating Eid al-Adha: a religious festival "
             "named, not presented as a tradition of the nation (the Muslims may be those of the world). "
             "Borderline.",
    "t0148": "'a concert of pre-selected Powers'.",
    "t0149": "'work in concert' is an idiom.",
    "t0158": "A quote from a foreign museum the speaker visited; not an exhibition or museum exchange.",
    "t0160": "A murder at the Jewish Museum of Belgium; no cultural content.",
    "t0169": "'inscription of the item' on the agenda; history of the UN.",
    "t0170": "'the common heritage of mankind' is a law-of-the-sea principle; the anniversary is of a "
             "diplomatic initiative, not national history.",
    "t0171": "'the common heritage of mankind' as a development principle.",
    "t0172": "Re-inscribing New Caledonia on the list of Non-Self-Governing Territories.",
    "t0181": "'their brand of radical Islam' means a kind of.",
    "t0182": "'its brand of so-called independence' means a kind of.",
    "t0183": "'that brand of evil' means a kind of.",
    "t0184": "'brand-new chapter in the history of my country' is history as time.",
    "t0194": "'translating them into reality' is an idiom.",
    "t0195": "'translated into concrete actions' is an idiom.",
    "t0196": "'translated into reality' is an idiom.",
    "t0197": "'translate these blueprints into programmes' is an idiom.",
    "t0198": "'translated into action' is an idiom.",
    "t0207": "UN help for displaced compatriots; not a programme for the diaspora.",
    "t0208": "The Muslim diaspora in non-Islamic countries, a topic of debate; no programme, no belonging "
             "of the speaker.",
    "t0210": "Disaster relief for compatriots at home.",
    "t0218": "A Slovak minister appointed UN Special Envoy: not a cultural envoy.",
    "t0219": "A UN Special Envoy.",
    "t0220": "A UN Special Envoy.",
    "t0221": "The Secretary-General's Envoy on Youth is a UN post, not a national cultural envoy.",
    "t0222": "A UN Special Envoy; the name dispute is political.",
    "t0233": "'geopolitical games'.",
    "t0243": "Interreligious conflicts in general; no dialogue forum.",
    "t0244": "Interfaith tensions as a threat; no dialogue forum.",
    "t0245": "Interreligious conflicts of the past century; no dialogue forum.",
    "t0254": "Access to the digital revolution as development.",
    "t0255": "The digital world and artificial intelligence in general.",
    "t0256": "The Digital Solidarity Fund is ICT development finance, not digital diplomacy.",
    "t0258": "Online activity during the pandemic in general.",
    "t0267": "The UN 'Verified' campaign and UNESCO's response to disinformation (as a hate-speech programme, "
             "not cultural cooperation; not the speaker's digital diplomacy). Borderline.",
    "t0268": "A State's refusal of its obligations to UNESCO, cited as an example of unilateralism; a complaint, "
             "not cultural cooperation (as h0139). Borderline.",
    "t0270": "UNESCO's Intergovernmental Oceanographic Commission: ocean science, not cultural cooperation.",
    "t0278": "Tourism among the development priorities of the third world in general; no country promoted as "
             "a destination. Borderline.",
    "t0279": "Tourism among sectors affected by the oceans.",
    "t0280": "Tourism earnings hit by recession: an economic condition.",
    "t0282": "'Tourism is the leading industry in the Bahamas': an economic condition (as p2014), not "
             "promotion. Borderline.",
    "t0291": "Prestige of the Organization.",
    "t0292": "'attempts to gain political influence' through investment; not soft power.",
    "t0293": "Influence of countries in general, with obligations.",
    "t0294": "'spheres of influence'.",
    "t0302": "Prestige of the United Nations.",
    "t0303": "Prestige of the United Nations.",
    "t0305": "Prestige of the United Nations.",
    "t0306": "Prestige of the Organization.",
    "t0314": "The founding ideals of the United Nations.",
    "t0315": "Return of refugees in dignity and their participation in national life; no unity or pride named.",
    "t0316": "'New Zealand is, naturally, proud' is a speaker's formula.",
    "t0317": "'New Zealand is proud' is a speaker's formula.",
    "t0318": "'our identity and the dignity of every people' named without any identity marker. Borderline.",
    "t0326": "'Government of National Unity' is a name.",
    "t0327": "Political reconciliation and a coalition government.",
    "t0328": "Karzai's 'national reconciliation and reintegration' with insurgents is a political settlement "
             "(as h0049). Borderline.",
    "t0329": "National reconciliation in Chad (political, as p1066).",
    "t0330": "Reunification of the Cypriot communities as a political settlement.",
    "t0338": "Resource revenue invested in human capital; no return from culture.",
    "t0339": "Tax revenue; no return from culture.",
    "t0340": "A sovereign wealth fund for gas revenue.",
    "t0341": "Social programmes as a share of GDP.",
    "t0342": "GDP as an indicator.",
}


def main() -> int:
    out = []
    with open(os.path.join(HERE, "drawn.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if CODER not in record["coders"]:
                continue
            codes, reason = POSITIVE.get(record["id"], ([], NEGATIVE.get(record["id"], NO_CODE)))
            record["codes"] = sorted(codes)
            record["reason"] = reason
            record["coder"] = CODER
            out.append(record)
    ids = {r["id"] for r in out}
    stray = (set(POSITIVE) | set(NEGATIVE)) - ids
    both = set(POSITIVE) & set(NEGATIVE)
    if stray or both:
        print(f"ids not mine: {sorted(stray)}; in both dicts: {sorted(both)}", file=sys.stderr)
        return 1
    with open(os.path.join(HERE, "coded_a.jsonl"), "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"coded_a.jsonl: {len(out)} records, {sum(1 for r in out if r['codes'])} with a code, "
          f"{sum(len(r['codes']) for r in out)} code assignments")
    return 0


if __name__ == "__main__":
    sys.exit(main())
