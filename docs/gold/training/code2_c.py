#!/usr/bin/env python3
"""Hand coding by coder C of training round 2: drawn2.jsonl + the decisions below -> coded2_c.jsonl.

Coder C codes the records whose `coders` contains "C" (issue 8, round 2). Every sentence was read
and decided by hand against /work/shared/TAXONOMY.md and the coding rules of ../README.md,
../purposive/README.md, ../heldout/README.md and README.md (decisions added in the coding rounds);
this script only writes the decisions down. Sentences not listed in POSITIVE carry no code and the
reason given in NEGATIVE, or NO_CODE.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TAXONOMY = "/work/shared/TAXONOMY.md"
NO_CODE = "No identity, instrument or outcome content."
CODER = "C"

POSITIVE = {
    # --- sentences coded by two coders (BC, CD) ---
    "t2022": (["identity.literature"],
              "identity.literature: 'young poet and mother Kathy Jetnil-Kijiner from the Marshall Islands' is a poet of "
              "the speaker's own nation speaking for it (round-1 rule: a poet of the speaker's own nation counts). "
              "Borderline: she urges action on climate, no literary work is named."),
    "t2077": (["identity.history_heritage"],
              "identity.history_heritage: 'closing a dark chapter of our history', removing Franco's remains, is the "
              "nation's past reckoned with and commemorated. Borderline: a memory policy, not heritage."),
    "t2177": (["identity.values"],
              "identity.values: 'our spirit of determination is anything but small' describes Paraguay by its own "
              "resilience (as t0063). Borderline: the sentence is short and the nation is not named."),
    "t2222": (["identity.belonging"],
              "identity.belonging: Libya 'as part of that region together with the whole Arab nation' (an Arab State "
              "on the Arab nation, as h1013)."),
    "t2277": (["identity.modernity"],
              "identity.modernity: 'China's modernization drive' is a national modernisation project (round-1 rule, "
              "'Chinese modernization')."),
    "t2322": (["instrument.education_exchange"],
              "instrument.education_exchange: Cuba 'has been able to provide scholarships to train thousands of "
              "professionals from the Caribbean and Latin America' (scholarships for foreigners; about CUB)."),
    "t2711": (["instrument.heritage_listing"],
              "instrument.heritage_listing: 'resolutions of the United Nations and UNESCO, which have declared "
              "Jerusalem and its ancient walls to be part of the heritage of mankind' (UNESCO's heritage declaration; "
              "about Jerusalem). Borderline: cited as a violated resolution; 'heritage of mankind' is here cultural, not "
              "the law-of-the-sea principle; UNESCO's general role not coded as multilateral_cooperation."),
    "t2811": (["outcome.international_image"],
              "outcome.international_image: 'such is the widespread image of contemporary Africa' is a complaint about "
              "how Africa (Congo's continent) is portrayed abroad (false-image rule). Borderline: a continent, not one country."),
    "t2866": (["identity.belonging"],
              "identity.belonging: Egypt, an Arab State, speaks of attempts to 'fragment Arab unity' (as 'the Arab "
              "nation' spoken by an Arab State, h1013). Borderline: Arab unity as a political good rather than a stated "
              "belonging."),
    "t2966": (["identity.values"],
              "identity.values: peacekeepers 'representing Ireland, our people and values' (Ireland described by its "
              "own values). Borderline: 'resonates more with Irish people' is not coded outcome.national_pride (no "
              "pride named)."),
    "t2977": (["identity.belonging"],
              "identity.belonging: Guinea-Bissau 'has historic and cultural ties with the people of East Timor', 'our "
              "brothers' (a shared Lusophone history, as 'a common history' with others). Borderline: the ties are not "
              "called a region or civilisation."),
    "t3022": (["identity.diversity_unity"],
              "identity.diversity_unity: 'America has been built by immigrants from every shore', a family of many "
              "'traditions and cultures and faiths' (the multicultural make-up of the USA)."),
    # --- sentences coded by C alone ---
    "t2002": (["identity.history_heritage"],
              "identity.history_heritage: Lebanon's ancient people who 'set sail ... carrying with them elements of an "
              "advanced alphabet' (the Phoenician past as national narrative). Borderline: the alphabet is ancient "
              "heritage, so identity.language is not coded."),
    "t2027": (["identity.diversity_unity"],
              "identity.diversity_unity: 'not a single Jewish school where Jews may study their history, literature and "
              "traditions' describes the place of the Jewish minority in the Soviet Union (about USSR, as g0315). "
              "Borderline: history, literature and traditions are named as school subjects, not coded separately."),
    "t2047": (["identity.history_heritage"],
              "identity.history_heritage: 'Our history has always shown us that it is possible' invokes the "
              "Netherlands' own history as a source of who it is ('with such history behind it'). Borderline: what "
              "is possible is not said."),
    "t2062": (["identity.diversity_unity", "identity.history_heritage"],
              "identity.history_heritage: 'all through the many centuries of our history'; identity.diversity_unity: "
              "Belarus never had 'anti-Jewish pogroms or any other similar actions on our national soil' (interethnic "
              "harmony as a historical given, as g0124). 'We take pride' is a speaker's formula, not coded. Borderline: "
              "could also be read as identity.values (tolerance)."),
    "t2072": (["identity.history_heritage"],
              "identity.history_heritage: Portugal 'shares with Cameroon a part of our history'; Fernando Po named the "
              "place 'Rio dos Camarões' 'from which Cameroon takes its name' (national history and the origin of its name)."),
    "t2097": (["identity.diversity_unity", "identity.traditions"],
              "identity.traditions: the 'age-old custom and belief' of the hill tribesmen; identity.diversity_unity: "
              "the place of Thailand's hill tribes in the nation (their customs to be respected). Borderline: the custom "
              "is opium cultivation, named in a drug-control context."),
    "t2107": (["identity.traditions"],
              "identity.traditions: Iran develops 'institutions suitable to their national traditions and their own "
              "way of life'. Borderline: the traditions are not named and could be read as political culture (values)."),
    "t2152": (["identity.modernity"],
              "identity.modernity: 'I am a Burkinabè youth ... committed to contributing to Burkina Faso's development' "
              "(a young, future-oriented national self-image, as h0123). Borderline: a rhetorical list of young people."),
    "t2162": (["identity.values"],
              "identity.values: Brunei acts 'not by compromising national values' (the nation's own values)."),
    "t2167": (["identity.values"],
              "identity.values: 'Antigua and Barbuda is small in size ... but our spirit stands tall' (resilience as "
              "national self-description)."),
    "t2182": (["identity.diversity_unity"],
              "identity.diversity_unity: the Liaquat-Nehru pact 'makes the safeguarding of the life, culture ... of the "
              "religious minorities in the two countries' a joint concern (named nations' minorities; PAK and IND)."),
    "t2207": (["identity.diversity_unity", "identity.language"],
              "identity.diversity_unity: educational reform 'in the light of Bolivia's ethnic and cultural diversity'; "
              "identity.language: 'institutionalizing bilingual and multicultural education' (language teaching status)."),
    "t2217": (["identity.belonging"],
              "identity.belonging: Libya, an Arab State, on 'aggressions against the Arab nation' (as h1013)."),
    "t2232": (["identity.belonging"],
              "identity.belonging: 'the Arab nation, of which my country is an integral part' (UAE)."),
    "t2237": (["identity.belonging"],
              "identity.belonging: 'Our Arab nation' (Iraq)."),
    "t2252": (["identity.modernity"],
              "identity.modernity: Bahrain 'seek[s] to build a modern society' as a national goal (as 'building a "
              "modern nation'). Borderline: 'modern society' in general does not count; here it is the nation's own goal."),
    "t2262": (["identity.modernity"],
              "identity.modernity: the Chinese people 'working hard for the modernization of their country' (national "
              "modernisation project)."),
    "t2272": (["identity.modernity"],
              "identity.modernity: the Congress decided 'to lead the country into a new phase of industrialization and "
              "modernization' after 'renewal, reform and national revival' (Viet Nam's national modernisation project)."),
    "t2352": (["instrument.broadcasting_media"],
              "instrument.broadcasting_media: De Gaulle's appeal of 1940 'over the British Broadcasting Corporation' "
              "to France (a state broadcaster aimed abroad; about GBR/FRA). Borderline: a fragment recalling history."),
    "t2397": (["identity.values"],
              "identity.values: 'What had been the general headquarters of the Costa Rican armed forces is today our "
              "main national museum' (Costa Rica's narrative of a nation without an army). Borderline: the values are "
              "implied; the museum is domestic, so instrument.exhibition_museum is not coded."),
    "t2402": (["identity.history_heritage"],
              "identity.history_heritage: ISIL 'pillage museums, defile ... shrines, and blow up the remains of ancient "
              "metropolises' (destruction of heritage, round-1 rule; about IRQ/SYR)."),
    "t2457": (["identity.values"],
              "identity.values: 'Mine is a country that has never been at war with anyone', whose anti-colonial desire "
              "inspires the Caribbean community (Venezuela's national narrative). Borderline."),
    "t2547": (["identity.values"],
              "identity.values: 'in Ireland we see ourselves as an island at the centre of the world, with a global "
              "diaspora' (the story Ireland tells about itself). The diaspora is described, no programme: "
              "instrument.diaspora not coded. Borderline."),
    "t2597": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'an international convention against apartheid in sports' (sport used as a "
              "diplomatic instrument, as h1033). Borderline."),
    "t2602": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'The Games have enriched human civilization in all of its beautiful cultural "
              "diversity' evaluates the (Beijing 2008) Olympic Games as cultural diplomacy. Borderline: 'Olympic' not named."),
}

NEGATIVE = {
    "t2372": "Haiti's experience of 'a nation divided' aspiring 'to recover its unity' is national division and reunification, a political matter (as h0066, t0078). Borderline: the words name a nation's unity.",
    "t2011": "Teaching 'literature and history' to praise Vietnamese-Soviet ties is political indoctrination in Cambodia, not national literature or heritage. Borderline.",
    "t2066": "'our past concerns' are recent troubles, not national history.",
    "t2111": "'craft a consensus' is a verb.",
    "t2122": "'historical theatre of absurd wars' is history as a record of conflicts, not heritage; 'theatre' is a metaphor. Borderline.",
    "t2166": "'our spirit of cohesion' is the Assembly's shared mission, not a nation's values (as t0064).",
    "t2211": "'national unity and territorial integrity of the affected State' is a principle of conflict settlement.",
    "t2266": "Modernisation of productive sectors is economic policy.",
    "t2311": "'fellowship among people' is not an exchange programme.",
    "t2366": "'act in concert' is an idiom.",
    "t2377": "'festival of words' is a metaphor for the debate.",
    "t2411": "'common heritage of mankind' is a law-of-the-sea principle.",
    "t2422": "'common heritage of mankind' is a law-of-the-sea principle.",
    "t2466": "'brand of racism' is an idiom.",
    "t2477": "Azerbaijan's 'Service and Assessment Network brand concept of public service' is a public-administration model, not nation branding. Borderline.",
    "t2511": "'translate ... into reality' is an idiom.",
    "t2522": "Salvadoran compatriots in the US are described; no programme or policy for them (as p0097). Borderline.",
    "t2566": "A UN Personal Envoy is not a cultural envoy.",
    "t2577": "UN Personal Envoy and Special Representative are not cultural envoys.",
    "t2611": "Sport centres turned into camps: no sport diplomacy.",
    "t2622": "'hegemonist games' is a metaphor.",
    "t2666": "Exchange on the Global Digital Compact is digital governance, not digital diplomacy as a cultural platform.",
    "t2677": "'digital revolution' as a global challenge.",
    "t2722": "Climate risk to tourism is an economic condition, not promotion.",
    "t2766": "The prestige of the United Nations, not of a country.",
    "t2777": "Political influence ('baleful influence').",
    "t2822": "'its prestige' is an organisation's standing in decision-making, not a country's image. Borderline: the referent is not named.",
    "t2877": "'internal national reconciliation' with no country or measure named (as h1047).",
    "t2911": "Oil revenues are not a return from culture.",
    "t2922": "Services' share of GDP is an economic fact, not a return from culture.",
    "t3011": "The German nation's will to unity is reunification, a political settlement (as t0078); 'historical strength' is not heritage. Borderline: the words name a nation's unity.",
    "t3066": "A programme of 'cultural ... restructuring' names no identity marker or instrument. Borderline.",
    "t3077": "Dialogue with ministries is policy dialogue.",
    "t3111": "International dialogue on energy.",
    "t3122": "North-South dialogue is economic.",
    "t3166": "Tolerance as a value of Islam, not of the nation, and no belonging claimed by the speaker. Borderline.",
    "t3177": "Latin American republics' 'creative sense' in national formation is a general regional statement, not one nation's self-image or a belonging claim. Borderline.",
    "t3211": "Political dialogue and tolerance between parties.",
    "t3222": "'sorry chapter of history' is colonialism as a record.",
    "t2007": "'script of yet another colour revolution' is a metaphor.",
    "t2012": "A foreign (Mozambican) poet quoted for his words (round-1 rule).",
    "t2017": "Religious literature in general.",
    "t2032": "A foreign poet (Hölderlin) quoted for a maxim (round-1 rule).",
    "t2037": "'poet-war' is an OCR error for post-war.",
    "t2042": "Persecution of the Azerbaijani writer Aylisli is a human-rights complaint; the writer is not a national symbol. Borderline.",
    "t2052": "'a small part of our history' is the European record of war, not national heritage. Borderline.",
    "t2057": "'our civilization' is humanity's.",
    "t2067": "'our civilization' is humanity's.",
    "t2082": "'folk technology' of developing countries in general is a development idea. Borderline.",
    "t2087": "'craft' is a verb.",
    "t2092": "'craft' is a verb.",
    "t2102": "Preparing for a conference, not a festival or tradition.",
    "t2112": "'craft' is a verb.",
    "t2117": "'space craft'.",
    "t2127": "'theatre' of confrontation.",
    "t2132": "Palestinians' hopes of being 'artists' in general.",
    "t2137": "'theater' of war.",
    "t2142": "'theater' of conflicts.",
    "t2147": "'artists' among people who desire peace.",
    "t2157": "'our idea' is a proposal.",
    "t2172": "'our idea of independence' is a political view on Namibia.",
    "t2187": "'multinational firms'.",
    "t2192": "'Government of National Unity' is a political settlement.",
    "t2197": "'transitional government of national unity' in Namibia is a political arrangement.",
    "t2202": "Comoros' 'national unity and territorial integrity' is a political principle. Borderline.",
    "t2212": "Palestinian 'Government of national unity' is a political settlement.",
    "t2227": "A 'Eurasian pact' on energy is a policy name, not belonging.",
    "t2242": "The Eurasian Economic Union is an economic organisation.",
    "t2247": "The West and the Islamic world in general; no belonging claimed by Bosnia. Borderline.",
    "t2257": "The Shah's 'modernization programs' named in a charge against his regime, not a self-image. Borderline.",
    "t2267": "Modernisation of arms.",
    "t2282": "Modernisation of agriculture is a policy tool.",
    "t2287": "A general maxim on modernisation.",
    "t2292": "'fellowship of nations'.",
    "t2297": "'our fellowship as members of the human race'.",
    "t2302": "Domestic subsidies and scholarships in general.",
    "t2307": "'act of fellowship' is international support.",
    "t2312": "'African fellowship' and OAU.",
    "t2317": "Scholarships for the country's own girls (round-1 rule).",
    "t2327": "'radio-active'.",
    "t2332": "Trade in television sets.",
    "t2337": "American television news, not a state broadcaster aimed abroad.",
    "t2342": "Domestic media.",
    "t2347": "Television viewing at home.",
    "t2357": "Teaching via radio and television at home.",
    "t2362": "'concert their efforts' is an idiom.",
    "t2367": "'Tour' is a typo for 'Your'.",
    "t2382": "'concert of nations' is an idiom.",
    "t2387": "'in concert' is an idiom.",
    "t2392": "'act in concert' is an idiom.",
    "t2407": "A speech at the Holocaust Memorial Museum; the museum is a venue.",
    "t2412": "'common heritage of mankind' is a law-of-the-sea principle.",
    "t2417": "'inscribed in the Charter' is an idiom.",
    "t2427": "'inscribed in the Portuguese Constitution'.",
    "t2432": "'common heritage of mankind' is a law-of-the-sea principle.",
    "t2437": "'inscribed in the United Nations Charter'.",
    "t2442": "'inscribed on the agenda'.",
    "t2447": "'brand of political persuasion' is an idiom.",
    "t2452": "'evil brand' is an idiom.",
    "t2462": "'brand new' trade deal.",
    "t2467": "'brand as renegades' is a verb for labelling people.",
    "t2472": "'its own brand of democracy' is a claim of sovereign choice of system. Borderline: could be read as identity.values.",
    "t2482": "'Israeli brand of justice' is an idiom.",
    "t2487": "'translate declarations into actions'.",
    "t2492": "'translated into concrete action'.",
    "t2497": "'translating that growth'.",
    "t2502": "'translate their stated commitments'.",
    "t2507": "'translated into practical action'.",
    "t2512": "'history books' recording past wrongs in general.",
    "t2517": "'publishing spurious lists' is a sanctions practice.",
    "t2527": "'compatriots' as fellow citizens.",
    "t2532": "'my compatriot' Kofi Annan.",
    "t2537": "Negotiating with compatriots at home.",
    "t2542": "An unnamed 'outstanding compatriot' quoted; no writer or symbol named. Borderline.",
    "t2552": "'compatriots' as fellow citizens.",
    "t2557": "UN Special Envoy for the Ocean.",
    "t2562": "UN Special Envoy.",
    "t2567": "UN Special Envoy for Libya.",
    "t2572": "A political envoy.",
    "t2582": "Diplomatic envoys.",
    "t2587": "Special envoys as a political goodwill gesture, not cultural envoys.",
    "t2592": "'war games'.",
    "t2607": "Domestic youth and sports legislation.",
}

POSITIVE2 = {
    "t2627": (["identity.diversity_unity", "instrument.dialogue_forums"],
              "instrument.dialogue_forums: 'The Interfaith Friendship Group in Myanmar' with 'representatives of all "
              "faiths' is a body for dialogue between religions; identity.diversity_unity: the multi-religious make-up "
              "of the nation. Borderline: a domestic body, not a forum abroad."),
    "t2632": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: the UN to 'develop a culture of dialogue and a dialogue of cultures' "
              "(dialogue between cultures proposed, as h0126). Borderline: no forum named."),
    "t2637": (["identity.diversity_unity"],
              "identity.diversity_unity: a constitutional commission for Bosnia and Herzegovina with 'inter-ethnic and "
              "inter-religious representation' (the place of the nation's communities)."),
    "t2692": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: African countries 'draw on up to 65 per cent of UNESCO funds in "
              "education, science and culture' (UNESCO's cultural work named). Borderline: said to regret a funding cut."),
    "t2697": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: UNESCO's 'key role' against obscurantism that 'seeks to eradicate "
              "[the world's] unbelievable diversity' (UNESCO's cultural work plainly implied). Borderline."),
    "t2702": (["identity.literature", "instrument.multilateral_cooperation"],
              "identity.literature: 'Palestine, the homeland of Mahmoud Darwish and Edward Said' (national writers as "
              "symbols); instrument.multilateral_cooperation: Palestine 'playing its role in UNESCO' (its UNESCO "
              "membership, as rejoining UNESCO)."),
    "t2737": (["identity.history_heritage"],
              "identity.history_heritage: 'art treasures which were stolen from Angkor have been placed on sale' "
              "(plunder of national heritage, round-1 rule)."),
    "t2747": (["instrument.tourism"],
              "instrument.tourism: Jamaica's Prime Minister 'issued the call for the declaration of an annual global "
              "tourism resilience day' (promoting tourism). Borderline: the sector, not Jamaica as a destination."),
    "t2807": (["outcome.international_image"],
              "outcome.international_image: 'we Africans must ... rid ourselves of that image of the outstretched hand' "
              "(Africa's image abroad, false-image rule, as t2811). Borderline: a continent; 'pride' is a wish, not coded."),
    "t2842": (["identity.belonging"],
              "identity.belonging: Grenada among 'the peoples of that part of the third world that ... Jose Marti, called "
              "\"our America\"' (belonging to Latin America and the Caribbean). 'source of great pride' is a congratulating "
              "formula, not coded. Borderline."),
    "t2882": (["identity.diversity_unity", "outcome.social_cohesion"],
              "identity.diversity_unity: 'greater unity in our increasing diversity' (America); outcome.social_cohesion: "
              "'we struggle here in America ... to reconcile all Americans to each other' (the nation's own harmony effort)."),
    "t2932": (["identity.values"],
              "identity.values: 'The Chinese culture values peace, and the Chinese nation has no tradition of external "
              "expansion' (national narrative)."),
    "t2942": (["identity.values"],
              "identity.values: 'Venezuela is a nation with a tradition of peace' (a tradition that is a value, round-1 rule)."),
    "t2947": (["identity.language"],
              "identity.language: 'as an Estonian ... we are a nation that knows how important it is to preserve and "
              "develop our culture and language' (the national language as identity marker)."),
    "t2957": (["identity.history_heritage"],
              "identity.history_heritage: 'Our nation, which has defeated all invaders by its struggles and determination "
              "throughout history' (the nation's past as who it is). Borderline: could also be identity.values (resilience)."),
    "t2962": (["identity.belonging"],
              "identity.belonging: 'Our links with Europe are built on history and tradition' (New Zealand's common "
              "history with Europe)."),
    "t2967": (["identity.belonging"],
              "identity.belonging: 'Our region' set apart from the north, 'which speaks a different language and has "
              "different customs' (Venezuela within Latin America). Borderline."),
    "t2972": (["identity.belonging"],
              "identity.belonging: 'our Arab region' (UAE). The 'historical ... and cultural bonds' with Greeks and Turks "
              "are outreach, not coded. Borderline."),
    "t2987": (["identity.history_heritage"],
              "identity.history_heritage: 'Our great nation, with its millennial civilization and history' (Iran)."),
    "t3002": (["identity.history_heritage"],
              "identity.history_heritage: Yemen's 'people have struggled throughout history ... to preserve their freedom "
              "and independence' (national historical narrative). Borderline: could also be identity.values."),
    "t3007": (["identity.language"],
              "identity.language: 'A quarter of the world's languages are spoken by the more than 8 million people of the "
              "subregion' (languages as markers of the Melanesian peoples). Borderline: a subregion, not one nation."),
    "t3017": (["identity.belonging"],
              "identity.belonging: the Western Balkans contributing 'to Europe and to the world, with its culture, "
              "diversity, people' (Montenegro's region placed in Europe). Borderline."),
    "t3037": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'new perspectives in the field of international economic, "
              "scientific and cultural co-operation' (cultural cooperation as international cooperation). Borderline: "
              "what opened them is not said."),
    "t3102": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'broadening and intensification of ... cultural links' in Europe "
              "(cultural exchanges between countries, as p1019). Borderline: cultural named in a list."),
    "t3132": (["identity.history_heritage", "identity.values"],
              "identity.history_heritage and identity.values: 'Bulgarian history and our national experience have always "
              "been characterized by dialogue and tolerance' (a national narrative of tolerance rooted in history)."),
    "t3137": (["identity.values"],
              "identity.values: 'a shared national culture of political accommodation and tolerance' (Tanzania). "
              "Borderline: a goal bequeathed by the President; no measure, so not outcome.social_cohesion."),
    "t3147": (["identity.values"],
              "identity.values: 'our strong democratic credentials' (Zambia described by its democracy); 'We take "
              "immense pride' is a speaker's formula, not coded."),
    "t3152": (["identity.diversity_unity", "identity.values"],
              "identity.diversity_unity: Lebanon's 'unique experience with coexistence, built on moderation, tolerance "
              "and unity'; identity.values: the same experience as a national narrative, 'an example to be followed'."),
    "t3157": (["outcome.international_image"],
              "outcome.international_image: 'an international media campaign to demonize the people and Government of "
              "Iran' (a false image abroad; about IRN)."),
    "t3207": (["identity.diversity_unity", "identity.values"],
              "identity.diversity_unity: Albania's 'tolerance of different religions and an appreciation of the "
              "contribution that every culture brings'; identity.values: 'a country characterized by a respect for "
              "differences'."),
}

NEGATIVE2 = {
    "t2612": "Development through sports at home; no sport diplomacy.",
    "t2617": "Sports titles won by Iraqi teams; no diplomacy or hosting. Borderline.",
    "t2642": "'interfaith tension' as a cause of terrorism; no dialogue or forum.",
    "t2647": "Domestic broadband.",
    "t2652": "'digital divide'.",
    "t2657": "Promoting universal Internet access is development policy.",
    "t2662": "'the age of the digital'.",
    "t2667": "'interactive digital market'; 'human history' as time.",
    "t2672": "A digital solidarity fund is ICT development aid.",
    "t2682": "UNESCO's human-rights procedures.",
    "t2687": "General interest in UNESCO's work; no cultural work named.",
    "t2707": "UNESCO's call against slavery and servitude is human rights. Borderline.",
    "t2712": "A vote at the UNESCO General Conference; no cultural work.",
    "t2717": "Tourism loss as an economic condition.",
    "t2727": "Tourism as the economy's base, an economic fact.",
    "t2732": "Tourism as an economic sector at risk.",
    "t2742": "Visitors rising from 300,000 to 3.5 million reported as a fact; no promotion named. Borderline.",
    "t2752": "'spheres of influence'.",
    "t2757": "Political influence.",
    "t2762": "Influence of a treaty on relations.",
    "t2767": "'foreign influence and pressure'.",
    "t2772": "'Western influence'.",
    "t2782": "'spheres of influence'.",
    "t2787": "'perception' of nuclear war.",
    "t2792": "'perception of the ordinary man'.",
    "t2797": "'perception of the present-day world'.",
    "t2802": "The UN's prestige.",
    "t2812": "The Organisation's prestige and pride.",
    "t2817": "Developing countries' perception of the UN.",
    "t2827": "Palestinian 'dignity' and determination; no pride or image named.",
    "t2832": "Universal human dignity.",
    "t2837": "'witness, with pride' is a speaker's formula.",
    "t2847": "Universal dignity.",
    "t2852": "Differences in values and cultures in general.",
    "t2857": "'We are proud of the distinctive contributions' is a speaker's formula.",
    "t2862": "Afghan reconciliation spoken of by Pakistan: another country's political process (as t0328, h0049). Borderline: harmony is named as its effect.",
    "t2867": "National reconciliation in Lebanon spoken of by Mexico: a political settlement (as p1068).",
    "t2872": "'the unity of all Yemen' is reunification, a political settlement (as h0066). Borderline: the words name a nation's unity.",
    "t2887": "'international peace and harmony'.",
    "t2892": "'reconciliation within the great family of nations'.",
    "t2897": "GDP growth is not a return from culture.",
    "t2902": "GDP growth in general.",
    "t2907": "Climate damage as share of GDP.",
    "t2912": "Cost of global warming as share of GDP.",
    "t2917": "GDP growth.",
    "t2927": "Non-oil GDP growth.",
    "t2937": "Democracies reflecting 'their own cultures and traditions' in general; no nation described. Borderline.",
    "t2952": "History, culture and language cited as evidence for a territorial claim (history as a source of disputes). Borderline.",
    "t2982": "'traditional friendship' is a relation between States.",
    "t2992": "Rights of minorities in general to their language and traditions; no nation named (round-1 rule). Borderline.",
    "t2997": "Ties with the Arab world 'inspired by strong historical and cultural affinities' are outreach, not Brazil's belonging. Borderline.",
    "t3012": "'lessons of history'.",
    "t3027": "'the unity of our land and our people' is Palestinian internal political unity (as a government of national unity). Borderline.",
    "t3032": "Bilateral dialogue.",
    "t3042": "Regional economic cooperation including tourism; not promoting a country as a destination. Borderline.",
    "t3047": "'historic economic and cultural ties' with neighbours are outreach. Borderline.",
    "t3052": "'traditional financing schemes'.",
    "t3057": "CSCE political dialogue.",
    "t3062": "'tradition of co-operation' is a policy record.",
    "t3067": "A quotation of the Charter's purposes.",
    "t3072": "'traditional bonds of friendship'.",
    "t3082": "North-South dialogue.",
    "t3087": "Political dialogue.",
    "t3092": "Political dialogue.",
    "t3097": "Political dialogue between regions.",
    "t3107": "Economic dialogue.",
    "t3112": "'culture of peace' and tolerance in general.",
    "t3117": "Political dialogue.",
    "t3127": "'profound historical and cultural ties to that region' are outreach, not Portugal's belonging. Borderline.",
    "t3142": "Tolerance as a universal democratic value.",
    "t3162": "Political dialogue and tolerance.",
    "t3167": "'Government of national reconciliation and unity' is a government's name; the measure is poverty reduction. Borderline.",
    "t3172": "Iraqi national reconciliation spoken of by Turkey: a political process.",
    "t3182": "Political dialogue.",
    "t3187": "Tolerance and dialogue as foreign-policy principles.",
    "t3192": "'values of tolerance' in general.",
    "t3197": "'diplomatic history'; indignation is not pride.",
    "t3202": "'in history' as time.",
    "t3212": "Burundi's national reconciliation spoken of by Ethiopia: political.",
    "t3217": "'wheel of history'.",
    "t3227": "'America' (the continent) inspired by great figures; no nation described. Borderline.",
}


POSITIVE.update(POSITIVE2)
NEGATIVE.update(NEGATIVE2)


def taxonomy_ids() -> set:
    with open(TAXONOMY, encoding="utf-8") as handle:
        return set(re.findall(r"^\| ((?:identity|instrument|outcome)\.[a-z_]+) \|", handle.read(), re.M))


def main() -> int:
    ids31 = taxonomy_ids()
    if len(ids31) != 31:
        print(f"expected 31 taxonomy ids, parsed {len(ids31)}", file=sys.stderr)
        return 1
    out = []
    with open(os.path.join(HERE, "drawn2.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if CODER not in record["coders"]:
                continue
            codes, reason = POSITIVE.get(record["id"], ([], NEGATIVE.get(record["id"], NO_CODE)))
            record["codes"] = sorted(set(codes))
            record["reason"] = reason
            record["coder"] = CODER
            out.append(record)
    ids = [r["id"] for r in out]
    problems = []
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    stray = (set(POSITIVE) | set(NEGATIVE)) - set(ids)
    both = set(POSITIVE) & set(NEGATIVE)
    if stray or both:
        problems.append(f"ids not mine: {sorted(stray)}; in both dicts: {sorted(both)}")
    for r in out:
        bad = [c for c in r["codes"] if c not in ids31]
        if bad:
            problems.append(f"{r['id']}: unknown codes {bad}")
        if r["codes"] and not all(c in r["reason"] for c in r["codes"]):
            problems.append(f"{r['id']}: a code is not named in its reason")
        if not r["codes"] and r["id"] in POSITIVE:
            problems.append(f"{r['id']}: positive without codes")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    with open(os.path.join(HERE, "coded2_c.jsonl"), "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    unlisted = [i for i in ids if i not in POSITIVE and i not in NEGATIVE]
    print(f"coded2_c.jsonl: {len(out)} records, {sum(1 for r in out if r['codes'])} with a code, "
          f"{sum(len(r['codes']) for r in out)} code assignments; {len(unlisted)} with reason NO_CODE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
