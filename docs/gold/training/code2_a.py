#!/usr/bin/env python3
"""Hand coding by coder A of coding round 2: drawn2.jsonl + the decisions below -> coded2_a.jsonl.

Coder A codes the records whose `coders` contains "A" (issue 8). Every sentence was read and
decided by hand against /work/shared/TAXONOMY.md and the coding rules of ../README.md,
../purposive/README.md, ../heldout/README.md and ./README.md ("Decisions added in the coding
rounds"); this script only writes the decisions down.
Sentences not listed in POSITIVE carry no code and the reason given in NEGATIVE, or NO_CODE.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NO_CODE = "No identity, instrument or outcome content."
CODER = "A"
TAXONOMY = "/work/shared/TAXONOMY.md"

POSITIVE = {
    # --- sentences coded by two coders ---
    "t2044": (["identity.literature"],
              "identity.literature: 'Abuabdullohi Rudaki, the founder of Tajik-Persian literature' is the "
              "speaker's own national poet, his anniversary celebrated internationally."),
    "t2244": (["identity.belonging"],
              "identity.belonging: Iraq names 'the Arab nation' among those it addresses (as h1013). Borderline: "
              "belonging inferred from the speaker being an Arab State; the sentence lists addressees."),
    "t2299": (["instrument.education_exchange"],
              "instrument.education_exchange: Turkey 'provided undergraduate and graduate fellowships in Turkey' "
              "(with training programmes, for foreigners)."),
    "t2400": (["instrument.exhibition_museum"],
              "instrument.exhibition_museum: Portugal holds 'Lisbon Expo/98 - the last great exposition of the "
              "twentieth century' (as p0108)."),
    "t2455": (["outcome.international_image"],
              "outcome.international_image: OECD countries 'branding Caribbean offshore financial services as "
              "havens for criminal activity' - others branding a region (the false-image rule), not "
              "instrument.nation_branding."),
    "t2544": (["identity.traditions"],
              "identity.traditions: 'the ancient Chinese wisdom which says that water does not remain on the "
              "mountain side nor vengeance in a great heart' is quoted folk wisdom (about CHN). The appeal to "
              "'the Formosa diaspora' names no programme (as p0097), so no instrument.diaspora. Borderline."),
    "t2944": (["identity.history_heritage"],
              "identity.history_heritage: 'this culturally rich nation, a nation with traditions going back "
              "thousands of years' - a nation's (not the speaker's; unnamed in the sentence) ancient lineage and "
              "heritage. Borderline: could also be identity.traditions; 'thousands of years' makes it lineage."),
    "t2955": (["identity.values"],
              "identity.values: North Macedonia claims the right 'to an identity and to unite around our own "
              "national myth' - the national narrative. Borderline: a right claimed rather than the narrative "
              "described; not identity.diversity_unity, as 'unite' is around the myth, not a make-up."),
    "t3000": (["identity.values"],
              "identity.values: 'Our deepest root, which gave us life as a nation and a place in history, is our "
              "rebelliousness' - the story Cuba tells about itself. 'place in history' is part of the same "
              "narrative, not coded separately as identity.history_heritage. Borderline."),
    "t3099": (["identity.diversity_unity"],
              "identity.diversity_unity: 'the Albanians of the Presheva valley' and their 'educational and "
              "cultural problems' - a named country's (Serbia's) minority and its place (about SRB; as g0315). "
              "The Belgrade-Albanian dialogue is political, not dialogue_forums. Borderline."),
    "t3100": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Georgia's 'cultural and friendly ties that are centuries old' "
              "with Russia - bilateral cultural relations (as p1019, cultural exchanges between countries). "
              "Borderline: 'centuries old' invokes a shared past, but one neighbour is not a wider region "
              "(identity.belonging) and the past is not Georgia's own heritage (identity.history_heritage)."),
    "t3155": (["outcome.social_cohesion"],
              "outcome.social_cohesion: 'strengthening a culture of tolerance and mutual understanding among our "
              "people' as the goal of Ethiopia's democratic process (a government's own harmony effort, as p1067). "
              "'our New Millennium' (the Ethiopian calendar) is not coded identity.traditions. Borderline."),
    # --- sentences coded by coder A alone ---
    "t2015": (["identity.literature"],
              "identity.literature: 'our distinguished and world-renowned writer Chingiz Aitmatov' - a writer of "
              "the speaker's own nation (Kyrgyzstan) as a national figure."),
    "t2025": (["identity.history_heritage", "identity.literature"],
              "identity.literature: 'the poet Yehuda Halevi', a poet of the speaker's own people, voicing its "
              "yearning; identity.history_heritage: the 'Golden Age' of Muslim Spain when 'our people never "
              "abandoned their dream of and yearning for Jerusalem' - the people's history 800 years ago."),
    "t2045": (["identity.diversity_unity"],
              "identity.diversity_unity: 'the question of minorities ... is irrelevant in the case of Afghanistan' "
              "and 'the human rights of all citizens of Afghanistan regardless of their previous affiliations' - "
              "a civic-identity claim about the nation's make-up. Borderline."),
    "t2090": (["identity.traditions"],
              "identity.traditions: 'respect our cultures, our customs, our ways of living' - the speaker's "
              "(Niger's, and by extension developing peoples') customs asserted. Borderline: 'our' may be a wider "
              "group than the nation."),
    "t2105": (["identity.values"],
              "identity.values: 'our traditions of resistance' - a tradition that is a value (opposing foreign "
              "domination), per the round-1 rule on 'our tradition of ...'."),
    "t2135": (["identity.arts_popculture"],
              "identity.arts_popculture: 'the murals entitled War and Peace by the Brazilian artist Candido "
              "Portinari, ... donated to this Organization by the Government of my country' - national art as a "
              "national asset given abroad. Borderline: no instrument code fits a gift of art to the UN."),
    "t2160": (["identity.belonging"],
              "identity.belonging: Bolivia's support 'proceeds from our spirit of pan-Americanism' - belonging to "
              "the wider Americas. Borderline."),
    "t2175": (["identity.values"],
              "identity.values: 'our spirit of independence, freedom and social justice and the courage to defend "
              "it' - Cuba described by its own values."),
    "t2185": (["identity.diversity_unity"],
              "identity.diversity_unity: 'Our Constitution ... social integration with particular reference to "
              "... religious and ethnic minorities' - Pakistan's minorities and their place in the nation. "
              "Borderline: not outcome.social_cohesion, as 'social integration' here is social policy for women, "
              "children and the poor too."),
    "t2220": (["identity.belonging"],
              "identity.belonging: Bahrain, an Arab State, speaks of 'the Arab nation as a whole' (as h1013). "
              "Borderline."),
    "t2235": (["identity.belonging"],
              "identity.belonging: Libya charges that Egypt was alienated 'from its Arabism and the Arab nation' "
              "(Egypt's Arab belonging; about EGY, spoken by an Arab State)."),
    "t2240": (["identity.belonging"],
              "identity.belonging: Iraq speaks of 'the Zionist aggression against the Arab nation' (as h1013). "
              "Borderline."),
    "t2245": (["identity.belonging"],
              "identity.belonging: Iraq speaks of 'aggression against the Arab nation' (as h1013). Borderline."),
    "t2275": (["identity.history_heritage", "identity.modernity"],
              "identity.modernity: 'In all its modernization endeavours' - Bahrain's national modernisation "
              "project; identity.history_heritage: 'throughout its long history' invoked as who Bahrain is. The "
              "'approach of dialogue' is a foreign-policy principle, not identity.values. Borderline."),
    "t2285": (["identity.modernity", "identity.traditions"],
              "identity.modernity: 'rapidly transforming ... to that of a modern country in just one generation' "
              "(building a modern nation); identity.traditions: 'our traditional way of life'. Borderline for "
              "traditions: the way of life is named as what is being left."),
    "t2290": (["instrument.education_exchange"],
              "instrument.education_exchange: Cuba's 'support to Tuvaluans in the form of scholarships and "
              "training' (scholarships for foreigners; about CUB)."),
    "t2295": (["instrument.education_exchange"],
              "instrument.education_exchange: a scholarship programme for 1,500 Paraguayan professionals 'in the "
              "best universities around the world' (students sent to foreign universities, per the gold rule). "
              "Borderline: the round-1 rule excludes scholarships for a country's own students at home."),
    "t2315": (["instrument.education_exchange"],
              "instrument.education_exchange: 'hundreds are now obtaining graduate degrees ... at the best "
              "universities all over the world' on national scholarships (students sent abroad, as t2295). "
              "Borderline: the national scholarships at national universities alone would not count."),
    "t2320": (["instrument.education_exchange"],
              "instrument.education_exchange: America is 'providing scholarships to help students come to schools "
              "in the United States'."),
    "t2330": (["instrument.broadcasting_media"],
              "instrument.broadcasting_media: 'radio programmes in the Polish language' from abroad, described as "
              "propaganda against Poland - foreign state broadcasting aimed at another country (as h0029). "
              "Borderline: a hostile use, described by its target."),
    "t2405": (["instrument.exhibition_museum"],
              "instrument.exhibition_museum: 'the Oceanographic Museum of Monaco and the Prince Albert I "
              "Foundation will host him at the Maison des Océans in Paris' - a state-backed museum acting abroad. "
              "Borderline: a museum hosting a person, not an exhibition; 'with great pride' is a speaker's formula."),
    "t2550": (["identity.belonging"],
              "identity.belonging: 'Africans on the continent and in the diaspora' - belonging to an African "
              "whole (as p1041). Borderline."),
    "t2595": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'agreements between Bulgaria and its neighbors ... aimed at "
              "closer cooperation in the fields of economy, trade, culture, science, sport and tourism' - cultural "
              "cooperation agreements."),
    "t2625": (["instrument.cultural_ambassadors"],
              "instrument.cultural_ambassadors: 'Croatia has many Luka Modrićs, and not only in sports' - a "
              "sports star used as the figure of the nation (as the 'Dimash phenomenon'). Borderline: not "
              "appointed as an envoy; no identity code covers sport."),
    "t2630": (["identity.diversity_unity", "identity.values"],
              "identity.diversity_unity: Albania's 'exemplary interreligious tolerance' (multi-religious harmony "
              "as a given); identity.values: 'our nation's feminist spirit' and the tolerance it relies on."),
    "t2635": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: 'New Zealand hosted two significant gatherings aimed at advancing "
              "global response to interfaith and intercultural issues'."),
    "t2640": (["identity.diversity_unity", "identity.values"],
              "identity.diversity_unity: 'This precious heritage of interreligious and cultural tolerance' "
              "(harmony as a historical given, g0124); identity.values: it 'defines who we are as a nation'. "
              "Borderline: 'heritage' is the tolerance itself, so identity.history_heritage is not coded."),
    "t2735": (["instrument.tourism"],
              "instrument.tourism: imperatives 'if our tourist and industrial potential is to be fully realized' "
              "- developing the country as a destination. Borderline: the measures are not in the sentence."),
    "t2745": (["instrument.education_exchange", "instrument.tourism"],
              "instrument.tourism: 'the Russian people ... will always be welcome in Georgia, as tourists' - "
              "inviting visitors; instrument.education_exchange: welcome 'as students' (foreign students in the "
              "country). Borderline: an invitation, no programme."),
    "t2860": (["outcome.social_cohesion"],
              "outcome.social_cohesion: the Liberian Government 'has undertaken measures towards ... national "
              "reconciliation' (the government's own process, as p1067)."),
    "t2880": (["outcome.social_cohesion"],
              "outcome.social_cohesion: Burundi established a committee 'to pave the way for a truth and "
              "reconciliation commission' (the government's own reconciliation measure, as p1067). Borderline."),
    "t2890": (["outcome.international_image"],
              "outcome.international_image: the opposition leader in the delegation 'in order to show the world "
              "that Guinea-Bissau has embarked on a path of harmony and stability' - the country's image abroad. "
              "Power-sharing is a political settlement, so not outcome.social_cohesion. Borderline."),
    "t2935": (["identity.belonging"],
              "identity.belonging: Mauritania, an Arab State, says the unity of the two Yemens gave 'a pioneering "
              "example to the Arab nation' (as h1013). Borderline."),
    "t2940": (["identity.belonging"],
              "identity.belonging: Yemen's foreign policy proceeds from 'the unity of aim and destiny of the Arab "
              "nation'."),
    "t2945": (["identity.belonging"],
              "identity.belonging: Mauritania, an Arab State, on the peace 'offered by the Arab nation' (as h1013). "
              "The Middle East's 'age-old history' of harmony is another region's heritage, not coded. Borderline."),
    "t2950": (["identity.history_heritage"],
              "identity.history_heritage: the Jewish nation's home 'on the soil where its forefathers forged its "
              "culture and history' (about ISR / the Jewish people, not the speaker). Borderline: the 'spiritual "
              "links' of a community abroad are not a diaspora programme."),
    "t2960": (["identity.history_heritage", "identity.values", "outcome.national_pride"],
              "identity.values: 'our people, owing to its love of ... freedom' (Poland's national narrative); "
              "outcome.national_pride: 'its love of fatherland' (patriotism asserted); identity.history_heritage: "
              "'it never stopped being Poland' through 'the most dramatic upheavals of history'. Borderline for "
              "history_heritage."),
    "t2965": (["identity.diversity_unity", "identity.values"],
              "identity.diversity_unity: 'the unity ... of our people' restoring democracy (national unity); "
              "identity.values: 'our democratic and cultural revolution, dignity and sovereignty' as the path "
              "Bolivia tells of itself. Borderline."),
    "t2970": (["identity.belonging", "identity.language"],
              "identity.belonging: 'the larger Arab homeland' of which Libya is part; identity.language: 'we share "
              "... a common language and culture' (language as the marker of the Arab nation, as t0096)."),
    "t2990": (["identity.diversity_unity"],
              "identity.diversity_unity: in Switzerland 'peoples of different ethnic backgrounds, languages, "
              "cultures and religions have peacefully lived together and have founded a nation' (about CHE)."),
    "t2995": (["identity.belonging", "identity.diversity_unity", "identity.history_heritage"],
              "identity.history_heritage: 'we cannot strike out about 500 years of history'; identity.belonging: "
              "'the motherland of Spain' and 'the New World'; identity.diversity_unity: Spanish and native 'faith, "
              "beliefs, traditions, culture and languages in harmonious combination'."),
    "t3005": (["identity.diversity_unity"],
              "identity.diversity_unity: 'Our country has sizeable Arab and Jewish communities; they coexist "
              "peacefully with their own lifestyles, traditions and religious beliefs' (Argentina's communities)."),
    "t3010": (["identity.values"],
              "identity.values: 'our secular, civic traditions' - a tradition that is a value (round-1 rule), "
              "Uruguay's."),
    "t3020": (["identity.history_heritage", "identity.values"],
              "identity.values: 'a tradition of antiracism in Costa Rica' (a tradition that is a value); "
              "identity.history_heritage: 'one that has its roots in our history' (as 'rooted in its own history')."),
    "t3025": (["identity.history_heritage"],
              "identity.history_heritage: 'Peoples of different nationalities have transformed our island into a "
              "microcosm of world history' - Malta's past as part of who it is. Borderline: the peoples are past "
              "rulers, so not identity.diversity_unity."),
    "t3030": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'The Netherlands and the Arab world have long-standing "
              "economic and cultural ties' - cultural relations between countries (as p1019). Borderline: ties "
              "stated, not a programme."),
    "t3040": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: efforts 'to broaden its political, trade, economic aid "
              "cultural co-operation with other States' (Mongolia)."),
    "t3045": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Hungary's 'wide-ranging political, economic and cultural "
              "relations with capitalist countries'. Borderline: relations rather than named cooperation."),
    "t3050": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'a broader concept of co-operation in political, economic, "
              "social and cultural fields' proposed as international cooperation."),
    "t3070": (["outcome.international_image"],
              "outcome.international_image: 'Lebanon has succeeded in regaining the world's confidence in its "
              "ability to play ... a distinguished and shining role in the cultural ... fields'."),
    "t3085": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: under the CSCE Final Act 'economic and cultural co-operation "
              "is developing, and the process of mutual acquaintance among European peoples is being broadened'."),
    "t3135": (["identity.diversity_unity", "identity.values"],
              "identity.diversity_unity: Iran 'a bastion of tolerance for many religions and ethnicities' "
              "(multi-religious, multiethnic make-up as a historical given, g0124); identity.values: tolerance as "
              "the story Iran tells of itself ('Throughout its history')."),
    "t3170": (["outcome.social_cohesion"],
              "outcome.social_cohesion: 'the impetus towards a process of democratization created the conditions "
              "for the emergence in El Salvador of a culture of tolerance, understanding and reconciliation' - "
              "cohesion as the effect of the process. Borderline."),
}

NEGATIVE = {
    # --- sentences coded by two coders ---
    "t2055": "'one of the worst hurricanes in our history' - history as record.",
    "t2099": "No identity, instrument or outcome content ('craft' a set of goals).",
    "t2100": "'the craft of government' is an idiom.",
    "t2144": "A foreign film provoking protests is not a national arts asset.",
    "t2155": "'our idea' is a foreign-policy proposal, not a national narrative.",
    "t2199": "'multinational corporations'.",
    "t2200": "'the rights of the minorities' in general, no nation named.",
    "t2255": "'a modern society' in general.",
    "t2300": "Scholarships for Palau's own youngsters, no exchange named.",
    "t2344": "An image broadcast in the media; no state media aimed abroad.",
    "t2355": "'television sets' as an amenity.",
    "t2399": "'a museum of untouchable relics' is a metaphor.",
    "t2444": "'inscribe' on doors; not heritage listing.",
    "t2499": "Figures 'published by the United Nations'.",
    "t2500": "'translating the theme into ... action'.",
    "t2555": "A UN Special Envoy is not a cultural envoy (purposive rule).",
    "t2599": "'power games' is an idiom.",
    "t2600": "Domestic sports funding 'for the benefit of the country'; no sport diplomacy or mega-event; "
             "'first time in the history' is a record. Borderline.",
    "t2644": "Digital economy (trade) agreements, not digital diplomacy or cultural cooperation.",
    "t2655": "Digital revolution as development.",
    "t2699": "Quoting UNESCO's Constitution is general faith in UNESCO, no cultural work named.",
    "t2700": "Quoting UNESCO's Constitution is general faith in UNESCO, no cultural work named.",
    "t2744": "Russian tourists received, a tourism fact, not promotion of the destination. Borderline.",
    "t2755": "Political 'influence' in the region.",
    "t2799": "'perception' of a fact.",
    "t2800": "'them-and-us perception' within the UN.",
    "t2844": "Human dignity in the UDHR; no pride.",
    "t2855": "'the dignity of man'.",
    "t2899": "GDP growth; no return from culture.",
    "t2900": "Sovereign debt and GDP.",
    "t2999": "'cultural differences' among nations in general.",
    "t3044": "Political dialogue among the region's countries.",
    "t3055": "A tourism boom as an economic fact (round-1 rule), not promotion.",
    "t3144": "'intolerance with tolerance', 'dialogue and conciliation' in international relations in general.",
    "t3199": "Media spreading tolerance in general; no state media aimed abroad, no nation's cohesion measure.",
    "t3200": "'Fate and history' placing the white South Africans; history as fate, not heritage.",
    # --- sentences coded by coder A alone ---
    "t2005": "'the Eritrean script' means plan.",
    "t2010": "A foreign (Chilean) poet quoted for a line on Morazán; not literature standing for Honduras. "
             "Borderline: Morazán is a Honduran hero, but the sentence only quotes.",
    "t2020": "Literature in general.",
    "t2030": "'religious literature' misused by extremists.",
    "t2035": "A foreign (Irish) poet quoted for a maxim.",
    "t2040": "A foreign (Czech) writer quoted for a maxim.",
    "t2050": "'lessons of our past mistakes' in general.",
    "t2060": "'unprecedented in our history' - history as record.",
    "t2065": "'our civilization' is humankind's.",
    "t2070": "'this stage in our history' - history as time.",
    "t2075": "'tarns of history' and 'our civilization' in general.",
    "t2080": "'a new chapter of our history' - history as time.",
    "t2085": "'frail craft' is a metaphor.",
    "t2095": "'our traditions of respect for the will of all peoples and ... non-alignment' is a policy record "
             "(round-1 rule).",
    "t2110": "'ordinary folk' means people.",
    "t2115": "'craft adequate long-term solutions'.",
    "t2120": "'artists' among the groups answering a national call; no arts as national asset.",
    "t2125": "'theater of war'.",
    "t2130": "'artists' in a list; 'end of history' is an idiom.",
    "t2140": "'theater of a devastating nuclear war'.",
    "t2145": "'theater of peace' is a metaphor.",
    "t2150": "'theatre of the war'.",
    "t2165": "'our idea' is a foreign-policy proposal.",
    "t2170": "'national character' of winds and waves.",
    "t2180": "Rights of sexual minorities as a foreign-policy commitment; no nation's make-up.",
    "t2190": "'multinational forces'.",
    "t2195": "'Government of National Unity' in the DRC is a name and a political settlement.",
    "t2205": "'Multinational Security Support Mission'.",
    "t2210": "'civilian multinational mission'.",
    "t2215": "'multinational force'.",
    "t2225": "'the central part of the Eurasian continent' is geography, not belonging. Borderline.",
    "t2230": "Crises within 'the lands' of the Islamic world; Kuwait does not place itself in it. Borderline.",
    "t2250": "Iran (not an Arab State) names 'the Arab nation' (round-1 rule).",
    "t2260": "Modernisation of Africa's agriculture as policy.",
    "t2265": "Modernization of the United Nations.",
    "t2270": "Economic modernisation as policy.",
    "t2280": "Modernization of the Organization.",
    "t2305": "Domestic scholarships for school pupils.",
    "t2310": "Domestic education reform and scholarships.",
    "t2325": "'radio beacon' for navigation.",
    "t2335": "A minister's title ('Information and Broadcasting').",
    "t2340": "Domestic broadcasting regulation.",
    "t2345": "'television screens'.",
    "t2350": "'direct television' as space technology.",
    "t2360": "A diplomatic 'tour of world capitals', not a cultural tour.",
    "t2365": "'work in concert' is an idiom.",
    "t2370": "'acting in concert' is an idiom.",
    "t2375": "'in concert with others' is an idiom.",
    "t2380": "'Tour' (four) decades; 'German unity' as a political event.",
    "t2385": "'in concert with' is an idiom.",
    "t2390": "'the concert of nations' is an idiom.",
    "t2395": "'acting in concert' is an idiom.",
    "t2410": "'disgraceful exhibition' means display of conduct.",
    "t2415": "An 'inscription' on a wall, not heritage listing.",
    "t2420": "'common heritage of mankind' (the sea-bed).",
    "t2425": "'common heritage of mankind' (the sea-bed).",
    "t2430": "'common heritage of mankind' for technologies.",
    "t2435": "'inscribed in our governing constitutions'.",
    "t2440": "'inscribed in the ASEAN Charter'.",
    "t2445": "'common heritage of mankind' (environment).",
    "t2450": "South Africa's 'brand of cooperation' is an idiom.",
    "t2460": "'branding as \"terrorists\"' of a people, with 'the diaspora' as a parallel; no country's image "
             "abroad named, no programme. Borderline.",
    "t2465": "'brand new'.",
    "t2470": "'brand of diplomacy' of the Secretary-General.",
    "t2475": "'brand of democracy'.",
    "t2480": "'brand of justice'.",
    "t2485": "'translated into concrete actions'.",
    "t2490": "'translated into reality'.",
    "t2495": "'translate the results ... into collective action'.",
    "t2505": "'translate the program into reality'.",
    "t2510": "'history books' as an idiom.",
    "t2515": "A UNDP report published; not national publishing abroad.",
    "t2520": "'compatriots' in South Africa and Rhodesia; no diaspora programme.",
    "t2525": "'our compatriot' is a person.",
    "t2530": "'our great compatriot' is a person; the 'National Movement for the Cultural and Social Revolution' "
             "is named, not described. Borderline.",
    "t2535": "'a compatriot' of the Secretary-General.",
    "t2540": "Support of 'the Burkinabè diaspora' to a fund-raising, with no programme for the diaspora "
             "(as p0097); 'patriotic commitment' of volunteers is not a people's pride. Borderline.",
    "t2545": "Citizenship for stateless persons at home, not a diaspora programme.",
    "t2560": "A UN Personal Envoy (purposive rule).",
    "t2565": "A 'special envoy' of a President, a diplomatic post.",
    "t2570": "The UN Envoy on Youth.",
    "t2575": "A UN Special Envoy.",
    "t2580": "A UN Special Envoy.",
    "t2585": "'United Nations envoys and mediators'.",
    "t2590": "A political envoy to Cuba.",
    "t2605": "Sports used 'as a vehicle' for development messages at home (a scoreboard); no sport diplomacy. "
             "Borderline.",
    "t2610": "'double games' is an idiom.",
    "t2615": "'zero-sum games' and 'spheres of influence'.",
    "t2620": "Sport for development and peace in general; no country's sport diplomacy or event. Borderline.",
    "t2645": "Digital transformation in general.",
    "t2650": "Online censorship; no digital diplomacy.",
    "t2660": "A declaration on digital divides is digital policy, not diplomacy through platforms. Borderline.",
    "t2665": "Internet freedom as a human-rights priority.",
    "t2670": "AI regulation.",
    "t2675": "Digital trade.",
    "t2680": "Quoting UNESCO's Constitution is general faith in UNESCO.",
    "t2685": "UNESCO meeting on the Arctic; no cultural work.",
    "t2690": "UNESCO norms on information and mass communication invoked against propaganda; no cultural "
             "cooperation. Borderline.",
    "t2695": "Quoting UNESCO's statute is general faith in UNESCO.",
    "t2705": "Promoting 'UNESCO's mission and mandate' in general, no cultural work named.",
    "t2710": "UNESCO as 'the conscience of the United Nations' in general; schooling is UNRWA's.",
    "t2715": "Tourism among economic opportunities of infrastructure.",
    "t2720": "'tourism-dependent countries' - an economic condition.",
    "t2725": "Tourism projects obstructed - an economic condition.",
    "t2730": "Visitors once beckoned, beaches lost to the sea - a condition, not promotion.",
    "t2740": "'Tourism Police' officer killed.",
    "t2750": "'our experience in tourism and financial services' - economic sectors.",
    "t2760": "Political 'influence' of the UN.",
    "t2765": "'abusive influence' of States.",
    "t2770": "The UN's 'value and influence'.",
    "t2775": "'influence the wellbeing of our world'.",
    "t2780": "'influence' of the international situation.",
    "t2785": "Competition 'for influence' - political, not attraction.",
    "t2790": "Prestige of the United Nations.",
    "t2795": "'centres of privilege and prestige' in the Security Council.",
    "t2805": "Prestige of the Organization.",
    "t2810": "'Islam's bright image' is a religion's image, not a country's. Borderline.",
    "t2815": "'perception of the dangers'.",
    "t2820": "'perception' of the international order.",
    "t2825": "'human dignity' in the Development Decade.",
    "t2830": "'human dignity'.",
    "t2835": "'the dignity of a State'.",
    "t2840": "Peoples' struggle 'to recover their dignity'; no pride.",
    "t2845": "'the dignity of our land'; not pride.",
    "t2850": "'dignity of human life'.",
    "t2865": "National reconciliation in Angola, another country's political settlement (as t0329).",
    "t2870": "'Organization of African Unity' is a name.",
    "t2875": "Support for Mali's 'unity' - another country's political unity.",
    "t2885": "Reconciliation among Afghan forces, a political settlement abroad.",
    "t2895": "GDP growth.",
    "t2905": "GDP and energy efficiency.",
    "t2910": "Hurricane damage relative to GDP.",
    "t2915": "A disaster fund and GDP.",
    "t2920": "Debt as a share of GDP.",
    "t2925": "Development aid as a share of GDP.",
    "t2930": "'largest ... in our Republic's history' - a record; GDP.",
    "t2975": "Cultural regions of the future world in general; no nation named. Borderline.",
    "t2980": "'different cultural norms and values' of societies in general. Borderline.",
    "t2985": "'Our cultural, linguistic ... differences' among the region's countries, not a nation's make-up. "
             "Borderline.",
    "t3015": "'proud to have had a long tradition of friendship' - a speaker's formula and a policy record.",
    "t3035": "'cultural rights' are rights, not cultural cooperation.",
    "t3060": "Development dialogue.",
    "t3065": "Innovation, trade and investment in the Pacific Alliance.",
    "t3075": "Producer-consumer dialogue.",
    "t3080": "North-South economic dialogue.",
    "t3090": "A forum for political, economic and social dialogue - not intercultural.",
    "t3095": "'an open country, ready for ... dialogue' is a foreign-policy stance, not a national value. "
             "Borderline.",
    "t3105": "'traditional routes for foreign trade'.",
    "t3110": "Dialogue with host countries on migrants.",
    "t3115": "Dialogue and tolerance in general.",
    "t3120": "Praise for a person.",
    "t3125": "'Diplomatic language'.",
    "t3130": "'pride of place' is an idiom; North-South dialogue.",
    "t3140": "Tolerance at home and abroad as a general proposition, no nation named.",
    "t3145": "'annals of modern history'.",
    "t3150": "'a new chapter in our history' - history as time.",
    "t3160": "'that history has ever known' - history as record.",
    "t3165": "Lebanon's national Government restoring 'unity' - a political settlement abroad.",
    "t3175": "Preserving Macao's 'identity' without any identity marker named (as t0318). Borderline.",
    "t3180": "'a new chapter in our history' - history as time.",
    "t3185": "Dialogue and tolerance for peace in Iraq.",
    "t3190": "A domestic health information and education campaign.",
    "t3195": "'reconciliation and national unity Government' is a name.",
    "t3205": "'their history' as time.",
    "t3210": "Africa's 'cultural values' - a continent's, not a nation's values. Borderline.",
    "t3215": "Dialogue and tolerance in general.",
    "t3220": "'Government of Reconciliation and National Unity' is a name.",
    "t3225": "Lebanon's Government's national reconciliation reported by Denmark - another country's political "
             "process (as t0329). Borderline.",
    "t3230": "Confidence-building dialogue.",
}


def taxonomy_ids():
    with open(TAXONOMY, encoding="utf-8") as handle:
        return set(re.findall(r"^\| ((?:identity|instrument|outcome)\.[a-z_]+) \|", handle.read(), re.M))


def main() -> int:
    valid = taxonomy_ids()
    if len(valid) != 31:
        print(f"expected 31 taxonomy ids, found {len(valid)}", file=sys.stderr)
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
        problems.append("duplicate ids in the draw")
    stray = (set(POSITIVE) | set(NEGATIVE)) - set(ids)
    both = set(POSITIVE) & set(NEGATIVE)
    if stray:
        problems.append(f"ids not mine: {sorted(stray)}")
    if both:
        problems.append(f"ids in both dicts: {sorted(both)}")
    for key, (codes, reason) in POSITIVE.items():
        if not codes:
            problems.append(f"{key}: empty code list in POSITIVE")
        for code in codes:
            if code not in valid:
                problems.append(f"{key}: unknown code {code}")
            if code not in reason:
                problems.append(f"{key}: code {code} not named in its reason")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    undecided = [i for i in ids if i not in POSITIVE and i not in NEGATIVE]
    with open(os.path.join(HERE, "coded2_a.jsonl"), "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"coded2_a.jsonl: {len(out)} records, {sum(1 for r in out if r['codes'])} with a code, "
          f"{sum(len(r['codes']) for r in out)} code assignments; {len(undecided)} not listed "
          f"(NO_CODE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
