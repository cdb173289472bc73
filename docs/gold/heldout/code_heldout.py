#!/usr/bin/env python3
"""Hand coding of the held-out sample: drawn.jsonl + the decisions below -> heldout.jsonl.

Why a script: the decisions (codes and reasons) are kept in one reviewable place, and the
output is rebuilt from the drawn sentences, so the texts cannot drift from the draw. Coded
sentence by sentence against /work/shared/TAXONOMY.md and the coding rules of
../README.md, before the tagger was run on any of these sentences.
Sentences not listed carry no code and the reason NO_CODE, or the reason given in NEGATIVE.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NO_CODE = "No identity, instrument or outcome content."

POSITIVE = {
    "h0008": (["identity.history_heritage"],
              "identity.history_heritage: the Lebanese ancestors who terraced the mountains and "
              "'transformed Lebanon into the verdant fruit basket' is a national historical narrative. "
              "Borderline: no word names history."),
    "h0029": (["instrument.broadcasting_media"],
              "instrument.broadcasting_media: 'campaign of calumny provided daily by Radio Moscow' is a "
              "state broadcaster aimed abroad (about the USSR). Borderline: a hostile use, described by its target."),
    "h0076": (["identity.diversity_unity"],
              "identity.diversity_unity: 'our recovered national unity' (Central African Republic)."),
    "h0084": (["instrument.exhibition_museum"],
              "instrument.exhibition_museum: Kazakhstan seeks to host 'the international exhibition Expo 2017' "
              "(as p0108)."),
    "h0085": (["identity.belonging"],
              "identity.belonging: 'Situated at the Eurasian crossroads of civilizations' places Kazakhstan "
              "in a wider Eurasian space."),
    "h0098": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: the three (East Asian) Olympics as 'an opportunity for promoting "
              "peace and economic cooperation' is sport used for diplomacy."),
    "h0101": (["identity.belonging"],
              "identity.belonging: Japan's life as 'the product of the fusion ... of the civilizations of the "
              "Orient and the Occident' (a bridge between East and West)."),
    "h0102": (["identity.values"],
              "identity.values: 'the only country in human history to have suffered nuclear devastation' as "
              "the story Japan tells about itself, grounding its role. Borderline: 'history' alone does not count; "
              "the narrative does."),
    "h0105": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: Japan and Tokyo granted 'the honour of hosting the 2020 Olympic "
              "and Paralympic Games'."),
    "h0123": (["identity.modernity"],
              "identity.modernity: Afghanistan 'driven and defined by the expectations of its youth' is a "
              "young, future-oriented self-image. Borderline."),
    "h0126": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: calls for 'dialogue among religions for the common good' "
              "(interfaith dialogue proposed). 'culture of peace' alone would not count."),
    "h0130": (["identity.history_heritage", "outcome.national_pride"],
              "identity.history_heritage: 'their relatively long history from the seventh century' and the "
              "'testimony in stone and in the written word' of the Croatian people; outcome.national_pride: "
              "the Croatian people 'have taken pride in' it."),
    "h0133": (["identity.history_heritage", "identity.values"],
              "identity.values: 'Our homeland is guided by Mexican Humanism' (a national narrative); "
              "identity.history_heritage: 'born of our millennia-old history'."),
    "h0137": (["identity.diversity_unity"],
              "identity.diversity_unity: 'national unity of purpose' among the marks of the nation Lesotho "
              "commits to build. Borderline: a goal, but no measure is named, so not outcome.social_cohesion."),
    "h0151": (["identity.values"],
              "identity.values: 'our democratic traditions and institutions' (Djibouti described by its own "
              "democratic tradition); 'I am proud' is a speaker's formula and does not count."),
    "h0153": (["identity.literature"],
              "identity.literature: 'a poem that represents our hope and identity' (Kiribati) is a poem used "
              "as a national symbol."),
    "h0158": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: 'such a dialogue' to accept 'different civilizations and cultures, "
              "including religions' is a dialogue between civilisations and religions."),
}

POSITIVE.update({
    "h1001": (["identity.history_heritage", "identity.language", "instrument.multilateral_cooperation"],
              "identity.language: 'language martyrs died for their mother tongue Bangla'; "
              "instrument.multilateral_cooperation: International Mother Language Day adopted by UNESCO at "
              "Bangladesh's initiative; identity.history_heritage: commemorating 21 February 1952 "
              "(borderline)."),
    "h1002": (["identity.language"],
              "identity.language: the Albanians' 'right to education in their mother tongue' (a minority's "
              "language and its teaching)."),
    "h1003": (["identity.literature"],
              "identity.literature: 'our poet Mahmoud Darwish' quoted as a national voice (as p1004)."),
    "h1004": (["identity.literature"],
              "identity.literature: 'Our great poet and thinker, Alfonso Guillen Zelaya' quoted."),
    "h1007": (["identity.traditions"],
              "identity.traditions: 'Our culture, our crafts, our way of life' (Andorra). Borderline: said "
              "to have changed."),
    "h1008": (["identity.values"],
              "identity.values: fair elections 'as our tradition dictates', the country 'a benchmark of "
              "democracy' (Sao Tome and Principe)."),
    "h1009": (["identity.values"],
              "identity.values: Chile acts 'consistently with our values and convictions'."),
    "h1010": (["identity.history_heritage", "identity.values"],
              "identity.history_heritage: 'Throughout our history'; identity.values: 'geography has shaped "
              "our character' (Andorra's national narrative)."),
    "h1013": (["identity.belonging"],
              "identity.belonging: Iraq's people and leadership confronting schemes that target 'the Arab "
              "nation as a whole', a nation of which Iraq is part. Borderline."),
    "h1016": (["identity.modernity"],
              "identity.modernity: 'build a modern nation' as Iraq's national goal (purposive rule)."),
    "h1017": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'Cultural exchanges with them have been markedly "
              "strengthened' (cultural exchanges between countries, as p1019)."),
    "h1018": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'Cultural exchanges contribute to ... a peaceful "
              "international order' (evaluates cultural exchanges between countries). Borderline: general."),
    "h1024": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: Venezuela 'supports dialogue between cultures and "
              "civilizations'; 'exhibitions of xenophobia' is not an exhibition."),
    "h1025": (["instrument.heritage_listing"],
              "instrument.heritage_listing: 'Galapagos, a UNESCO World Heritage Site' proposed as a signing "
              "venue (borderline, as p2004)."),
    "h1026": (["instrument.heritage_listing"],
              "instrument.heritage_listing: 'UNESCO's designation of the Rock Islands of Palau as ... world "
              "heritage site'."),
    "h1027": (["outcome.international_image"],
              "outcome.international_image: campaigns 'presenting a negative image of our country' and the "
              "wish that Guatemala's realities be 'known world-wide'."),
    "h1028": (["identity.belonging"],
              "identity.belonging: 'peoples of the African diaspora' as one community (Antigua and "
              "Barbuda; borderline, as p1041)."),
    "h1029": (["instrument.diaspora"],
              "instrument.diaspora: 'the Haitian diaspora - our tenth Department' as the focus of "
              "reconciliation (as p1043)."),
    "h1032": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'One World, One Dream', the theme of the Beijing Olympic Games."),
    "h1033": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: the IOC's refusal to let Rhodesia take part in the Munich games, "
              "welcomed as in keeping with UN resolutions (sport used as a diplomatic sanction). Borderline."),
    "h1034": (["identity.diversity_unity", "outcome.international_image"],
              "identity.diversity_unity: 'a country of interethnic and interfaith harmony'; "
              "outcome.international_image: 'Montenegro is recognized as a pillar of peace and stability'."),
    "h1035": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: 'the United Nations Year of Dialogue among Civilizations'."),
    "h1041": (["identity.history_heritage", "instrument.exhibition_museum", "instrument.tourism",
               "outcome.economic"],
              "instrument.exhibition_museum: Benin 'building three museums'; instrument.tourism: conditions "
              "for tourism; outcome.economic: tourism from the museums as 'one of the drivers of our economic "
              "growth' (a return claimed from culture); identity.history_heritage: to reveal 'its "
              "contribution and role in the evolution of humankind'."),
    "h1042": (["outcome.soft_power"],
              "outcome.soft_power: 'That projection of soft power' (the EU's)."),
    "h1048": (["outcome.social_cohesion"],
              "outcome.social_cohesion: the Angolan Government 'continued to promote genuine national "
              "reconciliation' to end the conflict (its own measure; borderline, as p1067)."),
})

NEGATIVE = {
    "h0025": "'as old as history itself' is history as time.",
    "h0038": "'we are one' names no nation's unity (solidarity in grief). Borderline.",
    "h0041": "A political aim (a federal civil State), not a national value narrative.",
    "h0049": "Political reconciliation between Afghan parties, not national unity or cohesion from a cultural measure.",
    "h0058": "'historical injustice' is history as a grievance.",
    "h0061": "Unity of the world, not of a nation.",
    "h0066": "Reunification of Korea as a political settlement.",
    "h0071": "Speeches in the General Assembly, not a cultural instrument.",
    "h0073": "'historic crossroads' is history as time.",
    "h0074": "Religious cultures of other countries, named as settings of democracy.",
    "h0081": "'nuclear heritage' is a weapons arsenal.",
    "h0082": "Domestic social spending on education.",
    "h0083": "'go down in the history of mankind' is history as record.",
    "h0086": "'exchange of views' is not an exchange programme.",
    "h0087": "'its history' is the world's time.",
    "h0088": "'our civilization' is humankind facing climate change.",
    "h0089": "'C5+ dialogue platforms' are political dialogue.",
    "h0090": "Security 'dialogue between East and West', not between cultures.",
    "h0091": "Political dialogue between the US and North Korea.",
    "h0092": "The UN's core values.",
    "h0093": "'universal values of humankind'.",
    "h0094": "Inter-Korean political dialogue.",
    "h0095": "Inter-Korean political dialogue.",
    "h0096": "'traditional threats' is security.",
    "h0097": "Digital education as development assistance, not digital diplomacy.",
    "h0099": "Political dialogue.",
    "h0100": "Human rights as universal values.",
    "h0103": "History of the United Nations.",
    "h0104": "Political dialogue.",
    "h0106": "Principles of an international order (fragment); no nation's own values named.",
    "h0107": "Organization of African Unity.",
    "h0108": "History as time.",
    "h0109": "A society hoped for in general, not a nation's values.",
    "h0110": "Values dividing the international community.",
    "h0111": "History as time.",
    "h0112": "History as record.",
    "h0113": "The values of the United Nations.",
    "h0114": "The Gleneagles dialogue is a climate policy dialogue (fragment).",
    "h0115": "News and social media as a source of fears, not digital diplomacy.",
    "h0116": "Common values between nations.",
    "h0117": "'no less pride' of future generations in a policy record; speaker's formula.",
    "h0118": "'Those values' are not named as the nation's own (the rules-based order). Borderline.",
    "h0119": "History as a given in a dispute.",
    "h0120": "Universal values (liberty, equality before the law) defended for all people. Borderline.",
    "h0121": "'free exchange among nations' in general.",
    "h0122": "'culture of peace' is a figure of speech (as g0292).",
    "h0124": "Moral values imposed by groups.",
    "h0125": "Dialogue as peaceful settlement of disputes.",
    "h0127": "Unification of two States, a political settlement. Borderline.",
    "h0128": "'Interim Government of National Unity' is a name.",
    "h0129": "Iraq's territorial unity.",
    "h0131": "Domestic education.",
    "h0132": "'pride of place' is an idiom.",
    "h0134": "Domestic school reform.",
    "h0135": "'our civilization' is humankind.",
    "h0136": "History of the Organization.",
    "h0138": "Values claimed by the industrialized world in general.",
    "h0139": "A complaint about UNESCO's procedures, not cultural cooperation.",
    "h0140": "Dialogue on the Korean peninsula (political).",
    "h0141": "'unity' of human rights.",
    "h0142": "Democratic values of another country in general. Borderline.",
    "h0143": "'language' as wording.",
    "h0144": "Dialogue among the Powers on arms.",
    "h0145": "'national heritage' is economic patrimony.",
    "h0146": "History as experience of a people, not heritage.",
    "h0147": "'culture of merit' is a figure of speech; education in general.",
    "h0148": "Political dialogue.",
    "h0149": "Economic history.",
    "h0150": "'exchange of views'.",
    "h0152": "The tourism industry as an economic sector (vaccination priority), not promotion.",
    "h0154": "National political dialogue.",
    "h0155": "Political dialogue.",
    "h0156": "'peaceful dialogue between nations' in general.",
    "h0157": "Education as development.",
    "h0159": "'We take great pride in our contributions' is a speaker's formula.",
    "h0160": "Procedural dialogue.",
    "h1005": "'our past policies' are economic policy.",
    "h1006": "'history books' of the past in general.",
    "h1011": "'multinational' force; 'United Nations traditions'.",
    "h1012": "'government of national unity' in Honduras, a political settlement.",
    "h1014": "Cape Verde names 'the Arab nation' as a victim; not its own belonging.",
    "h1015": "'modern society' in general.",
    "h1019": "Radio conversations intercepted, not broadcasting.",
    "h1020": "A radio station run by an armed group, not a State's broadcaster aimed abroad. Borderline.",
    "h1021": "'act in concert' is an idiom.",
    "h1022": "'act in concert' is an idiom.",
    "h1023": "Entering a museum under COVID rules.",
    "h1030": "A UNESCO goodwill ambassador is not a national cultural envoy (purposive rule).",
    "h1031": "A goodwill ambassador for a health committee.",
    "h1036": "Digital platforms for domestic teaching.",
    "h1037": "Online government services.",
    "h1038": "UNESCO's human rights procedures.",
    "h1039": "Hosting a UNESCO education conference (as the World Education Forum rule).",
    "h1040": "Tourism between regions as trade; not promoting the country as a destination. Borderline.",
    "h1043": "A person's reputation.",
    "h1044": "Perception of the Charter's application.",
    "h1045": "'take pride in our achievements' does not name a people's pride (speaker's formula). Borderline.",
    "h1046": "Patriotism as a value of Africans in general. Borderline.",
    "h1047": "National reconciliation as a political settlement (country not named).",
    "h1049": "Tourism's share of income as an economic condition (as p2014).",
    "h1050": "Tourism put at risk by acidification: a condition.",
}


def code_file(drawn: str, coded: str) -> None:
    out = []
    with open(os.path.join(HERE, drawn), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            codes, reason = POSITIVE.get(record["id"], ([], NEGATIVE.get(record["id"], NO_CODE)))
            record["codes"] = sorted(codes)
            record["reason"] = reason
            out.append(record)
    with open(os.path.join(HERE, coded), "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{coded}: {len(out)} records, {sum(1 for r in out if r['codes'])} with a code")


def main():
    code_file("drawn.jsonl", "heldout.jsonl")
    code_file("drawn_purposive.jsonl", "heldout_purposive.jsonl")


if __name__ == "__main__":
    main()
