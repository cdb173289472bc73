#!/usr/bin/env python3
"""Hand coding by coder E of coding round 2: drawn2.jsonl + the decisions below -> coded2_e.jsonl.

Coder E codes the records whose `coders` contains "E" (issue 8, round 2). Every sentence was read
and decided by hand against /work/shared/TAXONOMY.md and the coding rules of ../README.md,
../purposive/README.md, ../heldout/README.md and the round decisions of ./README.md; this script
only writes the decisions down and checks them.
Sentences not listed in POSITIVE carry no code and the reason given in NEGATIVE, or NO_CODE.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NO_CODE = "No identity, instrument or outcome content."
CODER = "E"
DRAWN = "drawn2.jsonl"
OUT = "coded2_e.jsonl"

POSITIVE = {
    # --- sentences coded by two coders ---
    "t2044": (["identity.literature"],
              "identity.literature: 'Abuabdullohi Rudaki, the founder of Tajik-Persian literature', whose 1,150th "
              "anniversary was celebrated, is a poet of the speaker's own nation used as a national symbol. "
              "Borderline: the commemoration could also earn identity.history_heritage; not coded."),
    "t2233": (["identity.belonging"],
              "identity.belonging: Israel's strategy 'to destroy the Arab nation', spoken by Djibouti, an Arab State "
              "(as h1013, t0093). Borderline: no 'our', belonging inferred from the speaker's membership."),
    "t2244": (["identity.belonging"],
              "identity.belonging: 'the Arab nation' named among those Iraq addresses, Iraq being part of it "
              "(as h1013, t0095). Borderline: no 'our'."),
    "t2288": (["instrument.education_exchange"],
              "instrument.education_exchange: Hungary offers '100 scholarships on an annual basis to youngsters' "
              "persecuted in the region (scholarships for foreigners)."),
    "t2299": (["instrument.education_exchange"],
              "instrument.education_exchange: 'provided undergraduate and graduate fellowships in Turkey' (fellowships "
              "and training for foreigners in the country, within aid)."),
    "t2933": (["identity.modernity"],
              "identity.modernity: 'The Chinese nation, which has created an economic miracle, will create a new "
              "cultural splendor' is a creative, future-oriented national self-image. Borderline: could also be read "
              "as identity.values (national narrative); one code chosen."),
    "t2944": (["identity.history_heritage"],
              "identity.history_heritage: 'this culturally rich nation, a nation with traditions going back thousands "
              "of years' (another, divided nation, not the Congo) invokes its ancient lineage. Borderline: "
              "'traditions' here is lineage, not living customs, so identity.traditions is not coded."),
    "t2988": (["identity.history_heritage"],
              "identity.history_heritage: 'We Austrians have learned from our history' invokes the national past as "
              "formative of the nation. Borderline: a short statement; not history as time or as dispute."),
    "t3033": (["instrument.nation_branding"],
              "instrument.nation_branding: Mexico 'has also launched an extensive campaign of cultural promotion "
              "abroad' (a state campaign promoting the country's culture abroad). Borderline: no instrument named; "
              "a promotion campaign is closest to a branding campaign."),
    "t3099": (["identity.diversity_unity"],
              "identity.diversity_unity: 'the Albanians of the Presheva valley' and their 'economic, social, educational "
              "and cultural problems' describe a named minority community in Serbia (as g0315). Borderline: the "
              "dialogue is political, the code rests on the minority's place."),
    # --- sentences coded by E alone ---
    "t2024": (["identity.literature"],
              "identity.literature: 'the country of Rubén Dario, who is a symbol for Latin America ... for his great "
              "contribution to Spanish literature' makes a poet stand for Nicaragua (about NIC)."),
    "t2029": (["identity.literature"],
              "identity.literature: 'the Irish poet Yeats' quoted by Ireland; a poet of the speaker's own nation counts. "
              "Borderline: quoted for a maxim."),
    "t2064": (["identity.history_heritage"],
              "identity.history_heritage: 'every new generation of Greeks ... to learn from our history' invokes the "
              "national past as part of who the Greeks are (as t2988, t0029). Borderline: 'not to become slaves to it' "
              "also hints at history as a source of disputes with neighbours."),
    "t2109": (["identity.values"],
              "identity.values: 'If we do not prioritize the values of humanity and pietas ... we will have betrayed "
              "our tradition' (Italy's tradition as a value). Borderline."),
    "t2154": (["identity.history_heritage", "identity.values"],
              "identity.values: the rescue of Jews is 'a remarkable expression of our spirit of tolerance, compassion "
              "and respect' (Albania); identity.history_heritage: 'The exceptional story of how Albanians risked "
              "their lives ... during the Holocaust' as national history. Borderline for history_heritage."),
    "t2224": (["identity.belonging"],
              "identity.belonging: 'our Arab nation is linked to Africa by bonds of blood, history, culture, religion' "
              "(Libya in the Arab nation and with Africa)."),
    "t2234": (["identity.belonging"],
              "identity.belonging: 'The Arab nation will never condone' spoken by Iraq, part of it (as h1013). "
              "Borderline: no 'our'."),
    "t2239": (["identity.belonging"],
              "identity.belonging: 'This model of harmonious relations between Jews and Arabs prevailed for centuries, "
              "throughout the Arab-Islamic world', a civilisation Morocco speaks of as its own. Borderline: Morocco "
              "not named; history_heritage/diversity_unity not coded (a civilisation, not the nation)."),
    "t2249": (["identity.belonging"],
              "identity.belonging: 'aggression against Tunisia and the Arab nation' spoken by Libya, part of it "
              "(as h1013). Borderline: no 'our'."),
    "t2259": (["identity.modernity"],
              "identity.modernity: 'Chinese modernization is rooted in China' (a national modernisation project)."),
    "t2274": (["identity.modernity"],
              "identity.modernity: 'our reform and opening up and the socialist modernization drive' (China's "
              "national modernisation project, as 'Chinese modernization'). Borderline: 'the great flood-fighting "
              "spirit' not coded as values."),
    "t2304": (["instrument.education_exchange"],
              "instrument.education_exchange: Cuba 'offered numerous scholarships to the young people of Saint Vincent' "
              "(scholarships for foreigners; about CUB)."),
    "t2309": (["instrument.education_exchange"],
              "instrument.education_exchange: 'the provision of educational scholarships for Namibians in Barbados'."),
    "t2314": (["instrument.education_exchange"],
              "instrument.education_exchange: 'the President of the General Assembly Fellowship for ... Empowerment of "
              "Youth initiative' (a fellowship programme for young officials from abroad, as t0130). Borderline: a UN "
              "programme, not a nation's exchange."),
    "t2404": (["instrument.exhibition_museum"],
              "instrument.exhibition_museum: Saudi Arabia's 'candidacy' to host 'the exhibition' ('Connecting Minds, "
              "Creating the Future', the Expo; as p0108, h0084)."),
    "t2449": (["outcome.international_image"],
              "outcome.international_image: lawmakers 'seek ... to brand ... the Barbados regime, as havens for "
              "corporate tax evasion' (others branding a country: the false-image rule, not nation_branding)."),
    "t2474": (["outcome.social_cohesion"],
              "outcome.social_cohesion: 'consolidate the valuable achievements of national reconciliation' (the "
              "Comoros government's own reconciliation, as p1067)."),
    "t2524": (["instrument.diaspora"],
              "instrument.diaspora: 'We will continue to strengthen relations with Cuban emigrants in every corner of "
              "the planet' (a standing policy of engaging the diaspora, not a bare appeal)."),
    "t2549": (["instrument.diaspora", "outcome.social_cohesion"],
              "instrument.diaspora: 'The Commission has also consulted with the Gambian diaspora as an important "
              "constituency' (a state body engaging the diaspora); outcome.social_cohesion: 'our quest for "
              "inclusiveness and national reconciliation' (the Gambia's own process, as p1067). Borderline for "
              "diaspora: a consultation, not a programme."),
    "t2604": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'the value of peaceful cooperation through sport' championed by the UN, "
              "endorsed by Greece (sport as diplomacy; Greece in 2003, before Athens 2004). Borderline: no Games named."),
    "t2624": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'our preparation to host the Games' with partners funding the facilities "
              "(Solomon Islands hosting the Pacific Games)."),
    "t2634": (["identity.values"],
              "identity.values: 'Sierra Leone continues to uphold the principles of interreligious tolerance, peaceful "
              "coexistence' as the nation's own values. Borderline: could be read as a policy principle."),
    "t2639": (["identity.diversity_unity"],
              "identity.diversity_unity: 'the unique interfaith balance that has historically developed in Belarus' "
              "(the nation's multi-religious make-up)."),
    "t2684": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: in the spirit of Helsinki (CSCE) Hungary stands ready to 'broaden "
              "the scope of political, economic and cultural co-operation, improve the exchange of information and "
              "widen human contacts' (cultural cooperation under an international agreement)."),
    "t2739": (["instrument.tourism"],
              "instrument.tourism: 'tourism infrastructure' among what regional cooperation should build (developing "
              "tourism). Borderline: one item of an infrastructure list, no destination promoted."),
    "t2869": (["identity.diversity_unity"],
              "identity.diversity_unity: 'Thanks to our continuous revolutionary vigilance and tight unity, our nation, "
              "our people and our army' (Cambodia's national unity). Borderline: unity as wartime cohesion."),
    "t2874": (["outcome.social_cohesion"],
              "outcome.social_cohesion: 'we have started the journey towards national reconciliation and lasting "
              "peace' after the war (Sri Lanka's own process, as p1067)."),
    "t2934": (["identity.belonging", "identity.values"],
              "identity.belonging: 'the people of the Arab world', 'the Arab countries', spoken by Egypt as its own "
              "world; identity.values: Jews 'never enjoyed more magnanimity and brotherhood', 'never been any "
              "discrimination' (a narrative of Arab tolerance). Borderline: the nation is the Arab world, not Egypt."),
    "t2939": (["identity.belonging"],
              "identity.belonging: Iranian policy 'against Iraq and the Arab nation', spoken by Iraq, part of it "
              "(as h1013). Borderline: history here is a source of dispute, not coded."),
    "t2949": (["identity.values"],
              "identity.values: 'The individual in India has always been given the pivotal place in our religious and "
              "philosophic tradition' (a national value and narrative). Borderline: history_heritage not coded."),
    "t2954": (["identity.history_heritage"],
              "identity.history_heritage: 'East Jerusalem, which has an Arab religious and historical identity' (Arab "
              "heritage of the city, threatened by alteration; Jordan speaks as an Arab State). Borderline."),
    "t2969": (["identity.belonging"],
              "identity.belonging: 'the creative Arab nation, which has contributed so much to mankind', spoken by "
              "Libya, part of it. Borderline: the civilisational contribution not coded as history_heritage."),
    "t2979": (["identity.language"],
              "identity.language: 'The language of the Prophets now echoes with the joy of children' (Hebrew revived "
              "as the living language of Israel). Borderline: the language not named."),
    "t2989": (["identity.history_heritage"],
              "identity.history_heritage: 'The Jewish people is the only people which has made Jerusalem its capital "
              "since it appeared as a nation on the stage of human history' (historical lineage of the nation)."),
    "t3009": (["identity.values"],
              "identity.values: 'Women in India have traditionally enjoyed pride of place in our society' (a national "
              "narrative about India's society). Borderline."),
    "t3014": (["identity.belonging"],
              "identity.belonging: 'the community of Hispanic nations ... the affinities and identity which unite us "
              "to it' (Equatorial Guinea in the Hispanic world)."),
    "t3029": (["identity.belonging", "identity.history_heritage"],
              "identity.history_heritage: 'Bonds of history, culture and civilization ... ever since Damascus was the "
              "capital of the first Arab State' (Syria's past); identity.belonging: 'my country, Syria, and the Arab "
              "people'."),
    "t3049": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'co-operated with our African brothers in the political, economic, "
              "cultural ... fields within the framework of the Organization of African Unity' (cultural cooperation "
              "through a regional body)."),
    "t3069": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'ASEAN ... a useful instrument for enhancing mutual assistance and "
              "co-operation in the economic and cultural fields'."),
    "t3089": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'We believe in regional co-operation, especially in the economic, "
              "industrial, social and cultural fields' (proposed cultural cooperation). Borderline: a field in a list."),
    "t3149": (["identity.diversity_unity"],
              "identity.diversity_unity: Zimbabwe's independence 'amid tolerance and a respect for the multiracial "
              "complexity of its people' (another country's multiracial make-up; about ZWE)."),
    "t3159": (["identity.values", "outcome.international_image"],
              "identity.values: 'unique culture, whose hallmarks are tolerance and compassion' (Myanmar); "
              "outcome.international_image: 'Myanmar is known for' it (as 'known for its generosity')."),
    "t3174": (["identity.diversity_unity"],
              "identity.diversity_unity: 'Sudan has a well-known history of tolerance and cordial relations amongst its "
              "people' (harmony as a historical given, as g0124; about SDN, Egypt speaking). Borderline: "
              "'well-known' not coded as international_image."),
    "t3209": (["identity.belonging", "instrument.multilateral_cooperation"],
              "identity.belonging: 'Based on a common culture and values, ... a true community of Portuguese-speaking "
              "nations' (Portugal with Brazil and the African countries); instrument.multilateral_cooperation: "
              "'we are developing' that community (the CPLP). Borderline: identity.language not coded, the language "
              "only names the community."),
    "t3214": (["identity.diversity_unity"],
              "identity.diversity_unity: 'the Sudan has a rich legacy of tolerance and coexistence between religions "
              "and cultures' (multi-religious, multicultural make-up as a given)."),
    "t3224": (["identity.values"],
              "identity.values: 'the strength and courage which the Mexican people have demonstrated throughout their "
              "history' (a people described by its qualities, resilience; about MEX, Guyana speaking). Borderline."),
    "t3229": (["identity.diversity_unity"],
              "identity.diversity_unity: a South Africa 'in which South Africans of all races, backgrounds and faiths "
              "can live in peace, freedom and harmony within their common homeland' (a named nation's unity in "
              "diversity; about ZAF). Borderline: a wish, but it names the nation."),
}

NEGATIVE = {
    # --- sentences coded by two coders ---
    "t2033": "The poet Vercors is a foreign writer quoted for a maxim ('Tomorrow will be a beautiful day'); not identity.literature.",
    "t2088": "'craft and implement policies': 'craft' as a verb, not a craft tradition.",
    "t2099": "'craft a ... set of goals': 'craft' as a verb.",
    "t2133": "'theatre of escalating tensions' is a figure of speech, not the arts.",
    "t2144": "An insulting film that caused protests is not a national cultural asset; no country's image is claimed.",
    "t2188": "'multinational force' is a military force, not a multiethnic nation.",
    "t2199": "'multinational corporations'; no identity content.",
    "t2333": "'television images' shaping attention to disasters; not a state's media aimed abroad.",
    "t2344": "An image broadcast in the media and social networks; no state broadcaster or digital diplomacy.",
    "t2388": "'work in concert' is an idiom, not a concert.",
    "t2399": "'Nature is not a museum' is a metaphor.",
    "t2433": "Re-inscription on the list of Non-Self-Governing Territories is not a UNESCO heritage listing.",
    "t2444": "'inscribe this on the doors' is a figure of speech.",
    "t2488": "A published electoral code, not a translation or publishing programme.",
    "t2499": "Figures published by the United Nations; not publishing of national works.",
    "t2533": "'my compatriots' voting at home; no diaspora programme.",
    "t2544": "'the Formosa diaspora' named in a political reconciliation, no programme (as p0097); 'ancient Chinese "
             "wisdom' is foreign wisdom quoted by Burundi for a maxim. Borderline: by analogy with the foreign-writer "
             "rule, not identity.traditions.",
    "t2588": "'an envoy of peace' is a foreign-policy role, not a cultural envoy.",
    "t2599": "'power games' is an idiom.",
    "t2633": "'interreligious ... intolerance' as a source of terrorism; no dialogue forum.",
    "t2644": "Digital economy agreements are trade agreements, not digital diplomacy.",
    "t2688": "Quotes the UNESCO Constitution on peace; no cultural work or cooperation proposed.",
    "t2699": "Quotes the UNESCO Constitution on peace; no cultural work or cooperation proposed.",
    "t2733": "Visitors quarantined at the border; no promotion of tourism.",
    "t2744": "Russian tourists received without incident is a fact about security, not promotion of the destination. "
             "Borderline.",
    "t2788": "Prestige of the United Nations, not a country's image.",
    "t2799": "'perception of this fact' is not a country's image abroad.",
    "t2833": "'man's dignity'; not national pride.",
    "t2844": "'human dignity'; not national pride.",
    "t2888": "Reconciliation in East Timor spoken of by Australia: another country's political settlement.",
    "t2899": "GDP growth; no return from culture.",
    "t2999": "'cultural differences' among nations in general.",
    "t3044": "Political dialogue among the countries of the region.",
    "t3088": "'a new international economic and cultural order' is a general political demand, no cultural cooperation "
             "measure.",
    "t3133": "Political dialogue and tolerance in Somalia's transition.",
    "t3144": "'tolerance' and 'dialogue' in international relations in general.",
    "t3188": "'rewrite history': history as a dispute.",
    "t3199": "The media's influence in spreading tolerance in general; not a state's media aimed abroad, not soft power.",
    # --- sentences coded by E alone ---
    "t2004": "'destabilization script' is a plan, not a writing system.",
    "t2009": "'changed the script' is an idiom.",
    "t2014": "'United Nations literature' means documents.",
    "t2019": "'As one Arab poet says' quotes an unnamed poet for a maxim. Borderline: Arab (Libya's own sphere), but no "
             "canonical figure is named or used as a symbol.",
    "t2034": "Milan Kundera is a foreign writer quoted for a point.",
    "t2039": "'adequate literature' on Islam means scholarly works; no national literature.",
    "t2049": "'our civilization' is humankind.",
    "t2054": "'that dramatic period of our history' is history as time.",
    "t2059": "'our civilization' is humankind.",
    "t2069": "'a legacy of our past' is backwardness; no heritage invoked.",
    "t2074": "'at some time in our history' is history as time.",
    "t2079": "'unprecedented event in our history' is history as record.",
    "t2084": "'craft a ... index': 'craft' as a verb.",
    "t2089": "'the very root of our tradition' is foreign-policy principles (legal equality of States, non-intervention); "
             "a policy record, not values or customs.",
    "t2094": "'our tradition as a peacemaker' is a policy record.",
    "t2104": "'customs and immigration services' is the customs administration.",
    "t2114": "'in keeping with our tradition' of peacekeeping since 1897 is a policy record.",
    "t2119": "'theatre of conflict' is a figure of speech.",
    "t2124": "'theater of antagonisms' is a figure of speech.",
    "t2129": "'theatre of grave events' is a figure of speech.",
    "t2134": "An album by international artists for an HIV/AIDS charity; not a national artistic asset.",
    "t2139": "The speaker's former career as an artist; no national art.",
    "t2149": "'a theatre of the two World Wars' is a figure of speech.",
    "t2159": "'Our idea of a new Middle East' is a political vision.",
    "t2164": "'our spirit of solidarity towards developing countries' shown by aid figures is a foreign-policy record, not "
             "a national value. Borderline.",
    "t2169": "'our idea of justice' in general.",
    "t2174": "'our spirit of cooperation' announced with a Security Council candidacy: one act of a government.",
    "t2179": "Stories and parables everyone grows up with; no national tradition named. Borderline.",
    "t2184": "'the logic of the minorities' means economic elites.",
    "t2189": "Protection of minorities in general (no nation named).",
    "t2194": "'helpless small minorities' emigrating, no nation's make-up described.",
    "t2204": "'Government of National Unity' in Lebanon is a name.",
    "t2209": "Korean 'great national unity' is a principle of political reunification.",
    "t2214": "Burundi's national reconciliation and protection of minorities as a political settlement, spoken by Belgium. "
             "Borderline.",
    "t2219": "Benin, not an Arab State, on 'the Arab nation'.",
    "t2229": "Indonesia, not an Arab State, stands 'on the side of the Arab nation'.",
    "t2254": "Modernization of the Organization.",
    "t2264": "Military modernization of the super Powers.",
    "t2269": "'social modernization' in developing countries in general.",
    "t2279": "'modern society' in general.",
    "t2284": "'industrialization and modernization of the country' as a development programme with partners, not a "
             "national self-image. Borderline.",
    "t2289": "Ecuador's investment in scholarships for its own students.",
    "t2294": "Scholarships for Fiji's own students.",
    "t2319": "'human fellowship' means companionship.",
    "t2324": "Live television in general.",
    "t2329": "Communications infrastructure for the third world; no media aimed abroad.",
    "t2334": "Television cameras leaving Haiti.",
    "t2339": "A statement on television; not a broadcaster aimed abroad.",
    "t2349": "'our television screens'.",
    "t2354": "'our television screens'.",
    "t2359": "A message watched on television.",
    "t2364": "'in concert' is an idiom.",
    "t2369": "'in concert' is an idiom.",
    "t2374": "'concert their efforts' is an idiom.",
    "t2379": "'act in concert' is an idiom.",
    "t2384": "A political tour of Prince Sihanouk, not a cultural tour.",
    "t2389": "'In concert with' is an idiom.",
    "t2394": "'in concert' is an idiom.",
    "t2409": "A sarcastic remark about a museum of Lumumba's tooth; not a museum a state founds.",
    "t2414": "'common heritage of mankind' (the sea-bed) is a legal concept.",
    "t2419": "'common heritage of mankind' (the ocean floor) is a legal concept.",
    "t2424": "'common heritage of mankind' (the sea-bed) is a legal concept.",
    "t2429": "'common heritage of mankind' (resources) is a legal concept.",
    "t2434": "'common heritage of mankind' (Antarctica) is a legal concept.",
    "t2439": "'inscribed on the agenda of the Peacebuilding Commission' is not a heritage listing.",
    "t2454": "'brand these acts' means to label.",
    "t2459": "'their own brand of fear' is an idiom.",
    "t2464": "'a purely Azerbaijani brand' of public services at home; not a nation-branding campaign. Borderline.",
    "t2469": "'his brand of fascism' is an idiom.",
    "t2479": "Promoting 'our country's ... stability, progress and prosperity' is development, not branding.",
    "t2484": "'An Agenda for Peace' published by the Secretary-General.",
    "t2489": "'translate ... into tangible action' is an idiom.",
    "t2494": "Attacks on religious symbols and holy books; no publishing programme or identity claim.",
    "t2504": "'translating those objectives into facts' is an idiom.",
    "t2509": "'translate the meaning of family' is an idiom.",
    "t2514": "'translates into a balanced income distribution' is an idiom.",
    "t2519": "'the Jews of the Diaspora' given a State; no programme for a diaspora.",
    "t2529": "Life in the diaspora of refugees; no programme.",
    "t2534": "'our nationals living abroad' among participants, no programme or policy named. Borderline.",
    "t2539": "Return of emigrants as a demographic fact.",
    "t2554": "'your fellow compatriots' of the President; no diaspora.",
    "t2559": "A UN Special Envoy is not a cultural ambassador.",
    "t2564": "'ambassadors of peace' are peacekeepers.",
    "t2569": "UN Special Envoys are not cultural ambassadors.",
    "t2574": "A UN Special Envoy is not a cultural ambassador.",
    "t2579": "Political special envoys.",
    "t2584": "A UN Special Envoy is not a cultural ambassador.",
    "t2589": "A UN Special Envoy is not a cultural ambassador.",
    "t2594": "Building a stadium and sports infrastructure at home; no mega-event hosted or sport used for diplomacy. "
             "Borderline.",
    "t2609": "'political games' is an idiom.",
    "t2614": "A Minister of Youth and Sports on a domestic council.",
    "t2619": "Sports, culture and the arts as fields of a women's forum's initiatives; no code's content asserted.",
    "t2629": "'interreligious clashes' as a danger; no dialogue forum.",
    "t2649": "Domestic internet access.",
    "t2654": "Digital solutions in agriculture and health at home.",
    "t2659": "Access to digital data in general.",
    "t2664": "Rural population connected to the digital age.",
    "t2669": "The Global Digital Compact on technology for development.",
    "t2674": "Digital government services at home.",
    "t2679": "A candidacy for the UNESCO Executive Board with no cultural work named. Borderline.",
    "t2689": "UNESCO's Intergovernmental Oceanographic Commission: ocean science, not cultural cooperation.",
    "t2694": "Reform of UNESCO ('back into balance') with no cultural work named. Borderline.",
    "t2704": "UNESCO's International Hydrological Programme: water management, not cultural cooperation.",
    "t2709": "An appeal to UNESCO to investigate an unnamed matter.",
    "t2714": "UNESCO's activity in general and the speaker's Board seat; no cultural work named.",
    "t2719": "Restrictions on tourist travel as sanctions against South Africa.",
    "t2724": "Denying tourism to the aggressor's citizens as a sanction.",
    "t2729": "The halt in tourism as an economic condition.",
    "t2734": "'for tourism' said of a trial abroad; no promotion.",
    "t2749": "Visa-free travel of Moldovans to the EU, not visa facilitation for visitors to Moldova.",
    "t2754": "Influence of non-alignment (a movement, not a nation), framed by rejecting militarism. Borderline: not "
             "attraction by a country.",
    "t2759": "'adverse influence on the international climate'.",
    "t2764": "'Prestige' and power in general.",
    "t2769": "Struggles for political influence.",
    "t2774": "Political influence of socialist and liberated peoples.",
    "t2779": "Cultural domination by Powers to gain 'political influence' (political influence, not attraction; the "
             "third world's values in general). Borderline.",
    "t2784": "'favorable influence on the climate of the negotiations'.",
    "t2789": "The prestige of the Organization.",
    "t2794": "The prestige of the United Nations.",
    "t2804": "'Leadership is not prestige' in general.",
    "t2809": "The image of the United Nations.",
    "t2814": "The prestige of the United Nations and the Security Council.",
    "t2819": "The prestige of the United Nations.",
    "t2824": "'We are proud of the fact' is a speaker's formula.",
    "t2829": "'the dignity of every human being'.",
    "t2834": "'I am proud to announce' is a speaker's formula; 'our history' is record.",
    "t2839": "The dignity of the previous President's conduct.",
    "t2849": "'This Organization can be proud' is a formula.",
    "t2854": "'human dignity'.",
    "t2859": "Unity among Zimbabwe's liberation leaders, a political matter.",
    "t2864": "The unity and territorial integrity of Cyprus.",
    "t2879": "The unity of the Non-Aligned Movement.",
    "t2884": "'world peace and unity'.",
    "t2889": "National reconciliation in Somalia spoken of by Egypt: another country's political settlement.",
    "t2894": "Unity of the Arab Governments spoken of by Hungary.",
    "t2904": "Share of GDP; no return from culture.",
    "t2909": "Climate change costs in GDP.",
    "t2914": "LNG revenue; no return from culture.",
    "t2919": "Stimulus packages as share of GDP.",
    "t2924": "GDP figures; 'our history' is record.",
    "t2929": "GDP as a classification criterion.",
    "t2959": "The right of every nation to preserve its cultural identity, in general.",
    "t2964": "A proposed right of nations in general to preserve their culture; no nation's identity, no forum.",
    "t2974": "No nation may 'distort history ... to achieve some kind of identity': history as a dispute, in general.",
    "t2984": "Diverse backgrounds of UN Members in general.",
    "t2994": "Italy's 'historical and cultural ties' with the Middle East justify a contribution: outreach to a "
             "region, not belonging. Borderline.",
    "t3004": "Close ties with the German nation throughout history: bilateral relations, not heritage. Borderline.",
    "t3019": "'throughout human history' is history as record.",
    "t3024": "Countries with different 'cultures, values and history' in general.",
    "t3034": "France's 'historical and cultural ties' to Africa: outreach to a region, not belonging. Borderline.",
    "t3039": "International co-operation on 'cultural problems' in general.",
    "t3054": "A Black Sea 'Forum for Dialogue and Partnership' is political, not intercultural.",
    "t3059": "Health care, education and women's empowerment programmes; no cultural diplomacy.",
    "t3064": "'pride of place' is an idiom; co-operation with socialist countries is political.",
    "t3074": "Quotes the Charter on international co-operation in general.",
    "t3079": "Preferential development co-operation with countries of 'historic and cultural links': outreach, not "
             "belonging or cultural cooperation. Borderline.",
    "t3084": "Political dialogue on conflicts.",
    "t3094": "Tourism earnings as an economic condition.",
    "t3104": "Tourism as an economic resource.",
    "t3109": "ASEAN dialogue partnership: economic integration, not intercultural dialogue.",
    "t3114": "The UN 'promoting tolerance and understanding between nations, cultures and religions' names no dialogue or "
             "forum. Borderline.",
    "t3119": "A programme on ageing's economic, social and cultural problems.",
    "t3124": "East-West political dialogue in the CSCE.",
    "t3129": "Dialogue and co-operation among States in general.",
    "t3134": "'a great example of tolerance, wisdom and respect for diversity' with no nation named. Borderline.",
    "t3139": "Democracy as the practice of diversity and tolerance, in general.",
    "t3154": "National reconciliation in Rwanda spoken of by Burundi: another country's political process.",
    "t3164": "'a new chapter' of world history.",
    "t3169": "A 'political culture of tolerance and dialogue' fostered by the Government: political reform, not social "
             "cohesion among groups. Borderline.",
    "t3179": "'a new chapter in their nation's history' is history as time.",
    "t3184": "A 'concept of history' of Marxism.",
    "t3189": "Afghanistan's national reconciliation spoken of by Tajikistan: another country's political process.",
    "t3194": "'Throughout history' is history as time.",
    "t3204": "Dialogue and reconciliation in Egypt's political transition.",
    "t3219": "'learned from our history' of the region: history as a lesson of conflict, in general.",
}


def taxonomy_ids() -> set:
    path = "/work/shared/TAXONOMY.md"
    with open(path, encoding="utf-8") as handle:
        return set(re.findall(r"^\| ((?:identity|instrument|outcome)\.[a-z_]+) \|", handle.read(), re.M))


def main() -> int:
    valid = taxonomy_ids()
    out = []
    with open(os.path.join(HERE, DRAWN), encoding="utf-8") as handle:
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
    errors = []
    if len(valid) != 31:
        errors.append(f"taxonomy parsed to {len(valid)} ids, not 31")
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids in the draw")
    stray = (set(POSITIVE) | set(NEGATIVE)) - set(ids)
    both = set(POSITIVE) & set(NEGATIVE)
    if stray or both:
        errors.append(f"ids not mine: {sorted(stray)}; in both dicts: {sorted(both)}")
    for record in out:
        for code in record["codes"]:
            if code not in valid:
                errors.append(f"{record['id']}: unknown code {code}")
            if code not in record["reason"]:
                errors.append(f"{record['id']}: code {code} not named in its reason")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    with open(os.path.join(HERE, OUT), "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    counts = {}
    for record in out:
        for code in record["codes"]:
            counts[code] = counts.get(code, 0) + 1
    print(f"{OUT}: {len(out)} records, {sum(1 for r in out if r['codes'])} with a code, "
          f"{sum(counts.values())} code assignments")
    for code in sorted(counts):
        print(f"  {code}: {counts[code]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
