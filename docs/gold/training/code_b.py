#!/usr/bin/env python3
"""Hand coding of the training round, coder B: drawn.jsonl + the decisions below -> coded_b.jsonl.

Why a script: the decisions (codes and reasons) are kept in one reviewable place, and the output
is rebuilt from the drawn sentences, so the texts cannot drift from the draw. Every sentence whose
`coders` is "B" or "AB" was read and decided by hand, sentence by sentence, against
/work/shared/TAXONOMY.md and the coding rules of ../README.md, ../purposive/README.md and
../heldout/README.md; no program proposed a code. This script only writes the decisions.
Sentences not listed in POSITIVE carry no code and the reason in NEGATIVE, or NO_CODE.

Usage: python docs/gold/training/code_b.py
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CODER = "B"
NO_CODE = "No identity, instrument or outcome content."
TAXONOMY = "/work/shared/TAXONOMY.md"

POSITIVE = {}
NEGATIVE = {}

# ---- t0006-t0120: identity probes and the first instrument probe --------------------------
POSITIVE.update({
    "t0006": (["identity.language"],
              "identity.language: Bahrain welcomes 'the Assembly's decision to introduce Arabic as the sixth "
              "official language of the United Nations' (the status of its national language, as p0003). "
              "Borderline: status abroad, procedural wording."),
    "t0008": (["identity.language"],
              "identity.language: Bangladesh calls to 'recognize Bangla, which is spoken by more than 300 million "
              "people, as an official language of the United Nations' (status and reach of the national language, "
              "as p0003 and p1015)."),
    "t0010": (["identity.history_heritage"],
              "identity.history_heritage: 'lest we forget, that the name \u201cNyasaland\u201d at one time "
              "represented the biblical David and Goliath in the Federation' commemorates Malawi's colonial-era "
              "past as part of its story. 'script' is a metaphor. Borderline: a political history, told as a "
              "national narrative."),
    "t0018": (["identity.literature"],
              "identity.literature: 'The Costa Rican poet Julieta Dobles Yzaguirre' quoted by Costa Rica, a "
              "national poet as the nation's voice (as h1003, h1004)."),
    "t0021": (["identity.history_heritage", "identity.literature", "identity.values",
               "outcome.international_image"],
              "identity.literature: Iran 'known throughout history for its scientists, poets, artists and "
              "philosophers' (poets and thinkers as national symbols); identity.history_heritage: 'whose culture "
              "and civilization' are invoked as who Iran is; identity.values: that culture 'synonymous with purity, "
              "submission to God and seeking justice' (the national narrative); outcome.international_image: "
              "'known throughout history for' (reputation, as g0262 'known for its generosity')."),
    "t0024": (["identity.literature"],
              "identity.literature: 'The people of Walt Whitman has more in common with its poets' names the US "
              "people by its national poet (about USA, as p0050 'the nation of Goethe and Schiller')."),
    "t0031": (["outcome.social_cohesion"],
              "outcome.social_cohesion: the Government of Mozambique is 'fully prepared to open a new chapter' of "
              "'tolerance, reconciliation and understanding among all Mozambicans' (national reconciliation as the "
              "government's own aim, as p1067). 'our history' is time. Borderline: an aim, no measure named."),
    "t0033": (["identity.history_heritage", "outcome.national_pride"],
              "identity.history_heritage: an 'international vocation which is in keeping with our history' "
              "(Uruguay's history as part of who it is, as 'rooted in its own history'); outcome.national_pride: "
              "'new vitality derived from a process of profound national affirmation' (a strengthened national "
              "identity at home). Borderline: outcome.national_pride for 'national affirmation'."),
    "t0042": (["identity.values"],
              "identity.values: New Zealand acted 'in keeping with our tradition of opposing tyranny and "
              "supporting freedom' (the nation described by its own values). Borderline: a 'tradition' of "
              "foreign policy (cf. g0243's 'tradition of peace-keeping'), but one of values, not of a practice."),
    "t0043": (["instrument.tourism"],
              "instrument.tourism: Grenada 'broadening and enhancing sectors such as ... tourism' (developing the "
              "country as a destination, as g0167 and p2013). 'crafts' is listed as an economic sector, not a "
              "living tradition. Borderline: tourism is one sector in a list."),
    "t0045": (["identity.traditions", "instrument.festival_event"],
              "identity.traditions: Paraguay proposes 'to share with the world our tradition of celebrating "
              "friendship' (a living national custom); instrument.festival_event: sharing that celebration with "
              "the world (the proposed day of friendship, a day of culture offered abroad). 'values that "
              "strengthen any organization' are general. Borderline: instrument.festival_event, the day is not "
              "named."),
    "t0058": (["instrument.festival_event", "instrument.sport_mega_events"],
              "instrument.sport_mega_events and instrument.festival_event: the South African programme of "
              "'increasing facilities for black artists, sportsmen and other personalities to visit South Africa' "
              "to court black African countries (visits of sportsmen and artists used as diplomacy; about ZAF, "
              "described by its opponent, as h0029). Borderline: both, a hostile description of a visits "
              "programme."),
    "t0059": (["identity.history_heritage"],
              "identity.history_heritage: the gavel (Iceland's gift) 'shows a Viking praying for peace', Iceland's "
              "ancestral past as its emblem. Borderline: on its own wording the sentence does not say the gavel or "
              "the Viking is Iceland's; 'the artist' is not presented as a national asset."),
    "t0068": (["identity.values"],
              "identity.values: 'Anyone wishing to understand our character can best begin with ... freedom' "
              "(the Netherlands described by its own value)."),
    "t0072": (["identity.values"],
              "identity.values: the Greek people 'proved to the world that neither our values nor our humanity "
              "are conditional' (the nation's own values). 'proved to the world' is not coded as "
              "outcome.international_image: no image or reputation is named."),
    "t0081": (["identity.diversity_unity", "outcome.social_cohesion"],
              "identity.diversity_unity: Austria and Italy 'guarantee and protect the rights and identities of "
              "minorities' (the South Tyrol minority's place in the nation); outcome.social_cohesion: they were "
              "able 'to resolve an ethnic conflict' (reduced interethnic tension as the effect of their "
              "settlement). Borderline: outcome.social_cohesion."),
    "t0084": (["identity.diversity_unity"],
              "identity.diversity_unity: 'the ongoing erosion of the rights of ... ethnic and religious "
              "minorities' in Afghanistan (minorities' place in the nation; about AFG, as g0315). Borderline: "
              "a human-rights complaint."),
    "t0090": (["identity.belonging"],
              "identity.belonging: 'the leaders of the Muslim nation' meeting in Kuwait on the challenges facing "
              "'the Islamic world' (the Umma, of which Kuwait is part, as g0316)."),
    "t0091": (["identity.belonging"],
              "identity.belonging: 'Egypt's national security is linked to the security and concerns of our Arab "
              "nation'."),
    "t0092": (["identity.belonging"],
              "identity.belonging: Israel's annexation of Jerusalem defies '700 million Moslems' and transgresses "
              "against 'the entire Arab nation', of which Qatar is part. Borderline: as h1013, no 'our'."),
    "t0093": (["identity.belonging"],
              "identity.belonging: attempts 'to impose capitulation on the Arab nation', of which Iraq is part. "
              "Borderline: as h1013, no 'our'."),
    "t0094": (["identity.belonging"],
              "identity.belonging: 'Our Arab nation stands with all other nations' (Jordan)."),
    "t0095": (["identity.belonging"],
              "identity.belonging: the United States and Israel intend 'to force the Arab nation to accept and "
              "submit', a nation of which Iraq is part. Borderline: as h1013, no 'our'."),
    "t0096": (["identity.belonging", "identity.language"],
              "identity.language: 'The Arab nation was always characterized by the unity of language' (language as "
              "the marker of a nation); identity.belonging: the Arab nation, of which Algeria is part, defined by "
              "it. Borderline: identity.belonging, no 'our' (as h1013)."),
    "t0105": (["identity.diversity_unity", "identity.modernity"],
              "identity.diversity_unity: 'the determination of the whole nation united in mind and in action' "
              "(national unity as the asset behind reform, as g0163); identity.modernity: 'a new stage of "
              "development: the industrialization and modernization of our country' as the national goal (as "
              "'build a modern nation'). Borderline: identity.modernity, close to economic modernisation."),
    "t0108": (["identity.modernity"],
              "identity.modernity: 'By pursuing Chinese modernization' (China's modernisation as its national "
              "self-image and path). 'human civilization' is humankind's."),
    "t0116": (["identity.modernity"],
              "identity.modernity: 'our region ... will become a global economic and cultural centre where new "
              "technology, science, renewable energy and artificial intelligence will thrive' (a future-oriented "
              "self-image of the UAE's region). 'cultural centre' is not an institute. Borderline: the region, not "
              "the nation alone."),
    "t0118": (["identity.literature"],
              "identity.literature: 'Gutenberg, Luther, Goethe, Kant, Marx, Beethoven' named as the famous men of "
              "a nation whose influence reaches everyone (Germany's canonical figures, about DEU, as p0050). "
              "Borderline: the sentence does not name Germany."),
})

NEGATIVE.update({
    "t0007": "'script for the apocalyptical blockbuster' is a metaphor; no language, film or arts content.",
    "t0009": "'the script' means the scenario of events, not a writing system.",
    "t0011": "Arabic as one of the six official UN languages is a fact stated by Austria, not the status of a "
             "language as a marker of any nation's identity. Borderline: t0006 codes Bahrain's own words on "
             "Arabic's UN status.",
    "t0012": "'veer off script' is an idiom.",
    "t0019": "A foreign leader mourned as 'a man of culture, a poet and a humanist'; the poet is not used as a "
             "national symbol. Borderline.",
    "t0020": "A Barbadian writer's poem quoted by Saint Vincent and the Grenadines as words to adopt: a foreign "
             "writer quoted as a maxim (as p0007). Borderline: 'iconic Barbadian writer' names him as Barbados' "
             "own, and the Caribbean is shared.",
    "t0022": "Tribute to the founder of the Angolan nation, 'the poet', for his political example and devotion; "
             "his poetry is not what is invoked. Borderline: a national founder who was a poet.",
    "t0023": "A Nigerian writer's cry quoted by Togo as a maxim (as p0007).",
    "t0030": "'a time in our history' is history as time.",
    "t0032": "'past experience' of the OAU in such matters is a policy record.",
    "t0034": "'our civilisation' is humankind's; 'culture of human rights' is a figure of speech.",
    "t0035": "'our civilization' is humankind's.",
    "t0036": "'the survival of our civilization' is humankind's.",
    "t0044": "'helps to craft approaches' is a verb, not a craft.",
    "t0046": "'the great tradition of the United Nations' is the Organization's; 'craft' is a verb.",
    "t0047": "'craft' and 'culture' describe terrorism, figuratively.",
    "t0048": "'our tradition of support for the ideals of this Organization' is a foreign-policy record (as g0243); "
             "'its rightful place among the nations' is standing, not image. Borderline.",
    "t0054": "'theater of conflict' is an idiom.",
    "t0055": "'theatre of these devastating crises' is an idiom.",
    "t0056": "'a theatre of debate' is an idiom.",
    "t0057": "'theatre of operations' is military.",
    "t0060": "'theater of confrontation' is an idiom.",
    "t0066": "'Our idea of peace' is a policy view, not a national idea or narrative.",
    "t0067": "'shared values' of global solidarity are universal, not a nation's own.",
    "t0069": "'Upholding our spirit of solidarity' in fighting terrorism is a foreign-policy disposition, not a "
             "national value narrative (as g0012). Borderline.",
    "t0070": "Foreign observers 'strengthened our spirit of struggle': resolve in an election dispute, not "
             "national pride or patriotism. Borderline.",
    "t0071": "'the common heritage of mankind' is a law-of-the-sea concept; 'Our idea' is Malta's proposal.",
    "t0078": "'broad national unity' is one of the three principles of Korean reunification, a political "
             "settlement (as h0066, h0127). Borderline: the words name a nation's unity.",
    "t0079": "'multinational organizations' are not a multiethnic nation.",
    "t0080": "'unity in diversity' as a key to world peace is a general conviction (the session theme, as p0032), "
             "not a nation's make-up.",
    "t0082": "'Multinational oil companies'.",
    "t0083": "'political and national unity and territorial integrity' of many countries is sovereignty, not a "
             "nation's make-up or unity as identity.",
    "t0102": "'modern society' in general (purposive rule).",
    "t0103": "'border modernization' is infrastructure.",
    "t0104": "Modernisation of missiles.",
    "t0106": "Modernisation of military bases.",
    "t0107": "Economic development and modernisation of the developing world.",
    "t0114": "Goethe quoted by the Bahamas as a maxim (as p0007).",
    "t0115": "'recreation and cultural centers' as domestic investment (as p0048), not institutes abroad.",
    "t0117": "Domestic building of 'bilingual schools, sports and cultural centres' (as p0048); no language is "
             "named as a marker. Borderline: identity.language for bilingual schooling.",
    "t0119": "'the star of which Goethe wrote' is a simile.",
    "t0120": "'As the great Goethe once said' quotes a maxim (as p0007).",
})

# ---- t0126-t0241: instrument probes ---------------------------------------------------------
POSITIVE.update({
    "t0126": (["instrument.education_exchange"],
              "instrument.education_exchange: Spain's assistance includes 'fellowships, organization of lectures, "
              "seminars' (fellowships for foreigners and academic seminars). Borderline: within an aid package "
              "(education aid alone would not count)."),
    "t0130": (["instrument.education_exchange"],
              "instrument.education_exchange: a young Nauruan official took part in 'this pioneering fellowship' "
              "(a fellowship programme abroad for young officials). Borderline: the programme is not named, and "
              "Nauru is its beneficiary."),
    "t0131": (["instrument.education_exchange"],
              "instrument.education_exchange: Canada is 'helping the victims of apartheid with scholarships' "
              "(scholarships for foreign students, as g0180). Borderline: part of aid to victims."),
    "t0132": (["instrument.education_exchange"],
              "instrument.education_exchange: Brunei 'offering scholarships to study in Brunei Darussalam' to "
              "fellow developing countries."),
    "t0138": (["instrument.broadcasting_media"],
              "instrument.broadcasting_media: 'a television broadcast which I had made in Moscow ... to the people "
              "of the Soviet Union' (the British Foreign Secretary addressing a foreign public through its media). "
              "Borderline: one broadcast on the host's television, not a state broadcaster aimed abroad."),
    "t0163": (["identity.history_heritage", "instrument.exhibition_museum"],
              "instrument.exhibition_museum: 'The creation a century ago of the Oceanographic Museum and the Museum "
              "of Prehistoric Anthropology' bears witness to Monaco's ocean policy (museums as its means, as "
              "h1041); identity.history_heritage: the princely line, 'my great-great-grandfather Albert I', "
              "invoked as Monaco's own past. Borderline: both."),
    "t0164": (["identity.history_heritage", "instrument.exhibition_museum"],
              "instrument.exhibition_museum: 'Prince Albert I created in Monaco in 1910 the Oceanographic Museum in "
              "order to share what he had learned' (a museum made to share knowledge with the world); "
              "identity.history_heritage: Monaco's princely past recalled. Borderline: "
              "identity.history_heritage."),
    "t0162": (["identity.history_heritage"],
              "identity.history_heritage: terrorists who 'attack Palmyra or the Bardo Museum in Tunisia ... are "
              "not attacking the past' (heritage of Syria and Tunisia under attack, about SYR and TUN, as g0315's "
              "erased heritage). The museum is a target, not an exhibition instrument. Borderline: heritage of "
              "other countries."),
    "t0166": (["identity.history_heritage", "identity.traditions"],
              "identity.traditions: 'frequent Jewish weddings in Dubai, ... the dedication of a Torah scroll in a "
              "synagogue in Bahrain' (living Jewish customs now practised in the Gulf); identity.history_heritage: "
              "'the Museum of Moroccan Judaism in Casablanca' (Morocco's Jewish heritage; about ARE, BHR, MAR). "
              "Not instrument.exhibition_museum: a museum visited, no exhibition or exchange. Borderline: both."),
    "t0186": (["identity.diversity_unity", "identity.history_heritage"],
              "identity.diversity_unity: people the British 'treated ... as savages and fugitives' were 'in "
              "Guatemala ... free men' (the place of a black minority in the nation); "
              "identity.history_heritage: this past told as Guatemala's own history. 'branded' is literal "
              "branding, not nation branding. Borderline: both."),
    "t0187": (["instrument.nation_branding"],
              "instrument.nation_branding: 'we are growing our own Pacific-driven commercial brand' (a brand of the "
              "Pacific states). Borderline: a commercial and regional brand, not explicitly a national one."),
    "t0188": (["outcome.international_image"],
              "outcome.international_image: Antigua and Barbuda objects to 'inappropriately branding us as tax "
              "havens' (a complaint about a false image abroad, purposive rule). Not instrument.nation_branding: "
              "'branding' is labelling by others. Borderline: a label in tax matters."),
    "t0189": (["outcome.international_image"],
              "outcome.international_image: 'a vicious and slanderous campaign was unleashed against my country' "
              "'to brand a black African State as racist' (a complaint about a false image abroad, purposive "
              "rule)."),
    "t0216": (["identity.values"],
              "identity.values: 'In refugee camps and the diaspora, in exile, we knew ... the challenge of affirming "
              "one's identity' (the Palestinian story of exile and identity, the national narrative). Not "
              "instrument.diaspora: no programme. Borderline: close to history as a people's experience (h0146)."),
    "t0217": (["instrument.diaspora"],
              "instrument.diaspora: 'I appeal to all Haitians ... those who live in the diaspora as well as those "
              "in the country ... to work with the Government' (the Government calling on the diaspora, as p1002). "
              "Borderline: an appeal, no programme (cf. p0097, addressed only)."),
    "t0235": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'We congratulate the refugee team, Brazil and sport for walking the "
              "talk about inclusiveness' (the Rio Games, Brazil as host and the refugee team, evaluated as sport "
              "serving inclusion; about BRA). Borderline: the Games are not named."),
    "t0237": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'a commitment to hosting the 2023 Pacific Games, which will bring "
              "together all 24 countries and territories of the Pacific' (hosting a regional mega-event)."),
})

NEGATIVE.update({
    "t0127": "Scholarships to 4 million students at home: domestic education (as p0058, p0059).",
    "t0128": "'engage in a fellowship' means companionship.",
    "t0129": "'bridges of fellowship' means companionship.",
    "t0139": "'television programmes' as a figure of speech; no broadcaster aimed abroad.",
    "t0140": "'broadcast by ... voices' is figurative; 'one universal value — freedom' is universal.",
    "t0141": "Cable television entering Saint Lucia's homes is a domestic complaint about imported content, not a "
             "state's broadcasting aimed abroad.",
    "t0142": "A television documentary and books on Lockerbie cited as evidence; no broadcasting or publishing "
             "programme.",
    "t0143": "The Qatar News Agency website hacked by others: a state news agency as victim, not used as an "
             "instrument. Borderline.",
    "t0144": "World radio, press and television reporting the drought: news coverage, not a state's media abroad.",
    "t0150": "'in concert with its allies' is an idiom.",
    "t0151": "'move forward in concert' is an idiom.",
    "t0152": "'in concert with our times' is an idiom.",
    "t0153": "'in concert with those' is an idiom.",
    "t0154": "'the concert of nations' is an idiom.",
    "t0155": "'work in concert' is an idiom.",
    "t0156": "'working things out in concert' is an idiom.",
    "t0165": "'the museum of measures that are left to rot' is a metaphor (as p0071).",
    "t0167": "'showpieces in a military museum' is a figure of speech for obsolete weapons.",
    "t0168": "The Global South-South Development Expo is a development-cooperation expo (as p0109, same expo).",
    "t0174": "'common heritage of mankind' is a law-of-the-sea concept.",
    "t0175": "'inscribed in the Covenants' is not a UNESCO inscription.",
    "t0176": "'common heritage of mankind' refers to seabed resources.",
    "t0177": "'common heritage of mankind' is a law-of-the-sea concept.",
    "t0178": "'inscribed on the United Nations agenda' is not a UNESCO inscription.",
    "t0179": "'the heritage of mankind' is the seabed.",
    "t0180": "'common heritage of mankind' is the oceans, space and science.",
    "t0190": "'a ... lasting brand of development' means a kind of development.",
    "t0191": "A national human development plan for jobs and poverty; no brand, image or cultural content.",
    "t0192": "'a new brand of cooperation' means a kind of cooperation.",
    "t0199": "'translating ... provisions into reality' means implementing.",
    "t0200": "'translate its promises into tangible results' means implementing.",
    "t0201": "'the translation of that programme into practical steps' means implementing.",
    "t0202": "'translate the ideals of the Charter into living reality' means implementing.",
    "t0203": "'translate into deeds' means implementing.",
    "t0204": "'translate the recognition ... into a ... package' means implementing.",
    "t0205": "An article in Le Monde quoted as evidence; no translation or publishing programme.",
    "t0211": "The diaspora's role in the economy through remittances is acknowledged; no programme for it (as "
             "p0097). Borderline.",
    "t0212": "'my compatriots' are fellow citizens at home.",
    "t0213": "Afghan refugees and emigrants hosted by Pakistan: refugees, not a diaspora programme.",
    "t0215": "'my compatriots' are fellow citizens at home.",
    "t0223": "OAU special envoys are not cultural envoys (purposive rule).",
    "t0224": "A UN Special Envoy is not a cultural envoy (purposive rule).",
    "t0225": "An envoy on a Security Council fact-finding mission.",
    "t0226": "A UN Special Envoy is not a cultural envoy (purposive rule).",
    "t0227": "A UN Special Envoy is not a cultural envoy (purposive rule).",
    "t0228": "The Secretary-General's special envoy and 'major international forums' on peace talks; no cultural "
             "envoy or dialogue between cultures.",
    "t0229": "A UN Special Envoy is not a cultural envoy (purposive rule).",
    "t0236": "New Zealanders gave to 'Sport Aid', a charity appeal; no sport diplomacy or hosting by a State. "
             "Borderline.",
    "t0238": "'regarded as a sport' is a figure of speech.",
    "t0239": "The speaker played sport professionally in England: a personal aside, not sport diplomacy.",
    "t0240": "'the cynical games of the stock-markets' is a figure of speech; the Francophone Summit is only its "
             "venue.",
    "t0241": "'geopolitical games' is a figure of speech; 'fraternal Ukrainian people' is outreach to a neighbour, "
             "not belonging.",
})

# ---- t0247-t0349: dialogue, digital, multilateral, tourism and outcome probes ---------------
POSITIVE.update({
    "t0248": (["outcome.social_cohesion"],
              "outcome.social_cohesion: 'our national week of prayer and forgiveness' (Fiji's own reconciliation "
              "measure, as p1067). The closing 'interfaith service' is a joint service, not a dialogue forum. "
              "Borderline: no unity or reconciliation is named as its aim."),
    "t0261": (["identity.modernity"],
              "identity.modernity: 'Estonia is to this day the world's only digitally transformed nation, running "
              "its Government totally online' (an innovative, future-oriented self-image). Not "
              "instrument.digital_diplomacy: e-government, not platforms as diplomacy; 'many are following us' is "
              "not coded as outcome.soft_power. Borderline: outcome.soft_power."),
    "t0272": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Italy's 'task force will be available to UNESCO' (a national "
              "contribution to cultural protection through the UN cultural body). Borderline: on its own wording "
              "the task force is not said to protect heritage."),
    "t0273": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'UNESCO ... can and must play an important role in the "
              "implementation of the provisions of the Final Act' (cultural and educational cooperation of the "
              "Helsinki Final Act through a UN body). Borderline: the cultural provisions are not named."),
    "t0276": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: the Gulf Cooperation Council 'promoting ... social and "
              "cultural co-operation among its member States' (cultural cooperation through a regional body)."),
    "t0283": (["instrument.tourism"],
              "instrument.tourism: 'Promotion is the sine qua non of a successful tourist-based economy' (promoting "
              "the country as a destination). The 60 per cent GDP share is an economic condition, not "
              "outcome.economic (as h1049)."),
    "t0287": (["instrument.tourism"],
              "instrument.tourism: 'We have succeeded in turning tourism into a new engine of the economy' "
              "(Nicaragua developing itself as a destination). Borderline: outcome.economic not coded, the "
              "foreign-currency return is claimed from tourism, not from culture (purposive rule)."),
    "t0295": (["identity.diversity_unity", "identity.history_heritage"],
              "identity.diversity_unity: Czechoslovakia built on 'the notion that there was a Czechoslovak nation', "
              "whereas 'there were two distinct nations the Czechs and the Slovaks' (civic versus ethnic identity "
              "in a two-nation State); identity.history_heritage: how Czechoslovakia 'emerged', the national "
              "history invoked. Borderline: identity.history_heritage."),
    "t0337": (["outcome.social_cohesion"],
              "outcome.social_cohesion: 'the process of harmony and tolerance begins at home, and we take it very "
              "seriously' (Pakistan's domestic harmony pursued as its own goal). Borderline: no measure named."),
    "t0214": (["outcome.social_cohesion"],
              "outcome.social_cohesion: thanks to 'our Cambodian compatriots for their cooperation in consolidating "
              "the national reconciliation process' (Cambodia's own reconciliation process, as p1067). "
              "'compatriots' are citizens at home, not a diaspora. Borderline."),
})

NEGATIVE.update({
    "t0247": "'inter-ethnic, interreligious ... conflicts' in general; no nation's make-up and no dialogue forum.",
    "t0249": "A national planning commission that includes the Inter-Religious Organization; national, not a "
             "dialogue forum between religions.",
    "t0250": "A call to 'internalize a spirit of interfaith understanding' in general; no forum, initiative or "
             "dialogue named. Borderline.",
    "t0251": "'interreligious and intercultural predicaments' in general.",
    "t0252": "Danger of 'inter-ethnic and inter-religious conflicts' in general.",
    "t0253": "'inter-religious intervention' proposed for study against terrorism is not a dialogue forum between "
             "religions. Borderline.",
    "t0259": "'the digital divide' is development.",
    "t0260": "A global digital compact is technology governance, not digital diplomacy.",
    "t0262": "Laptops and Internet for domestic schools (as h1036).",
    "t0263": "Television and the Internet as forces of globalisation.",
    "t0264": "Abuse of social media by terrorists.",
    "t0265": "Sweden will 'champion freedom of expression online': a foreign-policy aim on Internet freedom, not "
             "digital platforms as diplomacy. Borderline.",
    "t0271": "Faith in 'institutions such as UNESCO' in general; no cultural cooperation described. Borderline.",
    "t0274": "UNESCO among donors of economic aid for reconstruction.",
    "t0275": "Concern about UNESCO's reforms: management (as p0121).",
    "t0277": "UNESCO's Director-General supporting a summit initiative; no cultural cooperation named.",
    "t0284": "Terrorism 'disrupted tourism': a condition.",
    "t0285": "Depressed demand for tourism: an economic condition.",
    "t0286": "A visa-free regime for Georgians in the EU and EU membership as a geopolitical priority: not tourism "
             "promotion, and not belonging asserted.",
    "t0288": "Job losses in the tourism industry: an economic condition (as g0264).",
    "t0289": "Climate effects on tourism: a condition.",
    "t0296": "Forces using 'our emblem' (the UN's) for prestige and hegemony; no soft power of a nation.",
    "t0297": "'use their influence' on Israel: political leverage.",
    "t0298": "Influence and prestige of the Non-Aligned Movement, an organisation.",
    "t0299": "'under the influence of emotional intoxication'.",
    "t0300": "'power and influence' as hard power.",
    "t0301": "Political and economic influence through interference and blackmail: hard power.",
    "t0307": "'perception of reality' is not a country's image.",
    "t0308": "'the image of the OAU', an organisation.",
    "t0309": "'a clear and revised image of our situation' is Guatemala's self-assessment, not its image abroad.",
    "t0310": "'perception' of regional conflicts in general.",
    "t0311": "'the prestige of our Organization' (the UN).",
    "t0312": "'the image of the dignity of States' in general; no country's image.",
    "t0313": "The UN's prestige.",
    "t0319": "'A life of dignity for all' is a report title.",
    "t0320": "'Patriotic Front of Zimbabwe' is a name.",
    "t0321": "'I am proud to note' is a speaker's formula; a change of aid status, not image.",
    "t0322": "'patriotic reunification forces' is a political label.",
    "t0323": "Djibouti's 'hopes of dignity and development'.",
    "t0324": "'the dignity and value of the human person' from the Charter: universal.",
    "t0325": "Dignity of older people: universal rights.",
    "t0331": "A peace accord congratulated.",
    "t0332": "Organization of African Unity.",
    "t0333": "'domestic quietude, international harmony' as effects of good governance in general, no nation "
             "named.",
    "t0334": "'Arab unity' and the unity of the Palestinian movement: unity of others and of organisations; not "
             "Albania's belonging.",
    "t0335": "An interim accord between two States.",
    "t0336": "'Having been divided, we wish unity' names no nation's unity (as h0038). Borderline.",
    "t0343": "Mining revenues: no return claimed from culture.",
    "t0344": "GDP growth: no return claimed from culture.",
    "t0345": "Investment share of GDP: no return claimed from culture.",
    "t0346": "GDP, revenue and FDI growth: no return claimed from culture.",
    "t0347": "Debt-to-GDP ratios: no return claimed from culture.",
    "t0348": "GDP growth: no return claimed from culture.",
    "t0349": "GDP per capita: no return claimed from culture.",
})


def taxonomy_ids(path=TAXONOMY):
    ids = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r"\|\s*((?:identity|instrument|outcome)\.[a-z_]+)\s*\|", line)
            if match:
                ids.append(match.group(1))
    return ids


def main():
    valid = set(taxonomy_ids())
    assert len(valid) == 31, f"expected 31 taxonomy ids, found {len(valid)}"
    with open(os.path.join(HERE, "drawn.jsonl"), encoding="utf-8") as handle:
        drawn = [json.loads(line) for line in handle if line.strip()]
    mine = [r for r in drawn if CODER in r["coders"]]
    mine_ids = {r["id"] for r in mine}
    decided = set(POSITIVE) | set(NEGATIVE)
    assert not set(POSITIVE) & set(NEGATIVE), sorted(set(POSITIVE) & set(NEGATIVE))
    assert decided <= mine_ids, f"decisions for ids not mine: {sorted(decided - mine_ids)}"
    out = []
    for record in mine:
        codes, reason = POSITIVE.get(record["id"], ([], NEGATIVE.get(record["id"], NO_CODE)))
        bad = [c for c in codes if c not in valid]
        assert not bad, f"{record['id']}: unknown codes {bad}"
        assert len(set(codes)) == len(codes), record["id"]
        for code in codes:
            assert code in reason, f"{record['id']}: reason does not name {code}"
        record = dict(record)
        record["codes"] = sorted(codes)
        record["reason"] = reason
        record["coder"] = CODER
        out.append(record)
    assert len({r["id"] for r in out}) == len(out) == len(mine)
    with open(os.path.join(HERE, "coded_b.jsonl"), "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    undecided = sorted(mine_ids - decided)
    print(f"coded_b.jsonl: {len(out)} records, {sum(1 for r in out if r['codes'])} with a code, "
          f"{sum(len(r['codes']) for r in out)} code assignments; "
          f"{len(undecided)} with the default reason: {' '.join(undecided)}")


if __name__ == "__main__":
    main()
