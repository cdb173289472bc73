#!/usr/bin/env python3
"""Hand coding by coder D of coding round 2: drawn2.jsonl + the decisions below -> coded2_d.jsonl.

Coder D codes the records whose `coders` contains "D" (issue 8, round 2). Every sentence was read
and decided by hand against /work/shared/TAXONOMY.md and the coding rules of ../README.md,
../purposive/README.md, ../heldout/README.md and README.md ("Decisions added in the coding
rounds"); this script only writes the decisions down and checks them.
Sentences not listed in POSITIVE carry no code and the reason given in NEGATIVE, or NO_CODE.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TAXONOMY = "/work/shared/TAXONOMY.md"
NO_CODE = "No identity, instrument or outcome content."
CODER = "D"

POSITIVE = {
    # --- sentences coded by two coders (CD, DE) ---
    "t2022": (["identity.literature"],
              "identity.literature: 'young poet ... Kathy Jetnil-Kijiner from the Marshall Islands' is a poet "
              "of the speaker's own nation named as its voice before world leaders. Borderline: she is cited "
              "for her appeal, not as a canonical figure."),
    "t2077": (["identity.history_heritage"],
              "identity.history_heritage: 'closing a dark chapter of our history' by removing 'Franco the "
              "dictator's remains' from a place of institutional respect is Spain acting on its national "
              "memory. Borderline: a political act on the past, not heritage praised."),
    "t2177": (["identity.values"],
              "identity.values: 'our spirit of determination is anything but small' (Paraguay described by a "
              "national trait, like resilience). Borderline: one trait, no narrative."),
    "t2222": (["identity.belonging"],
              "identity.belonging: Libya, an Arab State, speaks of itself 'as part of that region together "
              "with the whole Arab nation' (as h1013)."),
    "t2233": (["identity.belonging"],
              "identity.belonging: Djibouti, a member of the League of Arab States, speaks of Israel's "
              "strategy 'to destroy the Arab nation' (an Arab State on the Arab nation, as h1013). "
              "Borderline: Djibouti's Arab identity is inferred from its membership."),
    "t2277": (["identity.modernity"],
              "identity.modernity: 'China's modernization drive' is a national modernisation project "
              "(as 'Chinese modernization' in the round-1 decisions)."),
    "t2288": (["instrument.education_exchange"],
              "instrument.education_exchange: Hungary offers '100 scholarships on an annual basis to "
              "youngsters' from persecuted families in the region (scholarships for foreigners)."),
    "t2322": (["instrument.education_exchange"],
              "instrument.education_exchange: Cuba 'has been able to provide scholarships to train thousands "
              "of professionals from the Caribbean and Latin America' (about CUB, spoken by Saint Lucia)."),
    "t2933": (["identity.values"],
              "identity.values: 'The Chinese nation, which has created an economic miracle, will create a new "
              "cultural splendor' is the story China tells about itself. Borderline: could be read as "
              "identity.modernity (future-oriented); the national narrative is what the sentence asserts."),
    "t2988": (["identity.history_heritage"],
              "identity.history_heritage: 'We Austrians have learned from our history' invokes the national "
              "past as part of who Austrians are."),
    "t3022": (["identity.diversity_unity"],
              "identity.diversity_unity: 'America has been built by immigrants from every shore', a family of "
              "'traditions and cultures and faiths' (the multicultural make-up of the nation)."),
    "t3033": (["instrument.nation_branding"],
              "instrument.nation_branding: Mexico 'has also launched an extensive campaign of cultural "
              "promotion abroad'. Borderline: a cultural promotion campaign; no festival, institute or other "
              "named means, so the campaign code is the closest."),
    # --- coder D alone ---
    "t2003": (["identity.language"],
              "identity.language: Portugal asks for 'the recognition of Portuguese as one of the official "
              "languages of the Organization' (the nation whose language it is, as Bahrain on Arabic)."),
    "t2008": (["identity.history_heritage", "identity.language"],
              "identity.history_heritage: 'Our foremost contribution was to give mankind its first alphabet' "
              "(Lebanon's Phoenician heritage); identity.language: the alphabet (a script) as the nation's "
              "marker. Borderline for identity.language: a script of antiquity, not a living language."),
    "t2018": (["identity.literature"],
              "identity.literature: 'Prize winners, including a Spanish poet' (a poet of the speaker's own "
              "nation honoured). Borderline: a fragment; the poet is not named."),
    "t2043": (["identity.literature"],
              "identity.literature: Kofi Awoonor, who 'served his country loyally as a poet and professor' "
              "(a Ghanaian poet commemorated by Ghana)."),
    "t2093": (["identity.traditions"],
              "identity.traditions: 'As is our custom, we have consulted directly with the entire nation' "
              "(a Swazi custom of national consultation). Borderline: a political custom."),
    "t2168": (["identity.values"],
              "identity.values: the (Macedonian) name that recognises 'our commitment ... for coexistence, "
              "community, individuality and identity as well as our sense of belonging to the world' is the "
              "nation's self-description. Borderline: the name dispute is political."),
    "t2198": (["identity.belonging"],
              "identity.belonging: 'Our home-grown Caribbean culture and our Caribbean civilization' "
              "(Saint Vincent placed in a Caribbean civilisation)."),
    "t2218": (["identity.belonging"],
              "identity.belonging: South Yemen, an Arab State: 'The Arab nation ... has shown its greatness' "
              "(as h1013)."),
    "t2228": (["identity.belonging"],
              "identity.belonging: Iraq on Zionist plans for 'the elimination of the Arab nation' (an Arab "
              "State on the Arab nation, as h1013)."),
    "t2238": (["identity.belonging"],
              "identity.belonging: Iraq on 'the destruction of the Arab nation and the occupation of its "
              "lands' (as h1013)."),
    "t2248": (["identity.belonging"],
              "identity.belonging: Mauritania on its Maghreb region as 'a geographic and cultural bridge "
              "between Europe and sub-Saharan Africa' (a bridge between civilisations). Borderline: the "
              "region is described, Mauritania is part of it by implication."),
    "t2313": (["instrument.education_exchange"],
              "instrument.education_exchange: 'Taiwan supports scholarships ... for experts, students and "
              "officials from Tuvalu' (about Taiwan, spoken by Tuvalu)."),
    "t2323": (["instrument.education_exchange"],
              "instrument.education_exchange: evaluates the scholarship for study in a rich country ('the "
              "scholarship is not sufficient, ... the poor country has to provide a supplement'). "
              "Borderline: a critique of study abroad as a capital transfer."),
    "t2513": (["identity.values"],
              "identity.values: Japan's resolve 'to live, as a nation of peace' and its 'philosophy of "
              "living' is the story Japan tells about itself."),
    "t2528": (["identity.belonging"],
              "identity.belonging: 'the Caribbean and other corners of the African diaspora' places Antigua's "
              "region in the African diaspora (as p1041). Borderline: said of the enslaved generations; "
              "slavery as a grievance is not coded as heritage."),
    "t2538": (["identity.diversity_unity"],
              "identity.diversity_unity: 'our Turkish Cypriot compatriots are equal citizens' and their "
              "'rightful place in all organs of the State' (a community's place in the nation)."),
    "t2613": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: complementary organisations for 'specific regional "
              "projects on culture, education or sport' are welcome. Borderline: named in a list, as a "
              "condition."),
    "t2628": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: 'dialogue among religions and civilizations' promoted as part of "
              "the process (as h0126)."),
    "t2638": (["instrument.dialogue_forums"],
              "instrument.dialogue_forums: the organisation's fields of action include 'dialogue among "
              "civilizations'."),
    "t2713": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: in the West-East relationship 'cultural co-operation will "
              "gain in importance' (cultural cooperation between countries, as p1019). Borderline: one of a "
              "list of fields."),
    "t2938": (["identity.belonging"],
              "identity.belonging: India has 'close historical, cultural and emotional links' with the peoples "
              "of Viet-Nam, Laos and Cambodia (a common history with a region). Borderline."),
    "t2943": (["identity.values"],
              "identity.values: 'Our nation stands open to the world and to the exchange of values' "
              "(Cape Verde's openness as self-description). Borderline."),
    "t2948": (["identity.belonging"],
              "identity.belonging: the Arab Maghreb Union reflects 'the region's age-old shared history' and "
              "'its peoples' unity of faith, language, history and common destiny' (Morocco in the Maghreb)."),
    "t2978": (["identity.history_heritage"],
              "identity.history_heritage: 'We are a small nation with a great heritage' (Nepal)."),
    "t2983": (["identity.language"],
              "identity.language: 'in our language which is a language of peace' (Bolivia's language as a "
              "marker of the people). Borderline: which language is not named."),
    "t3003": (["identity.modernity", "identity.traditions"],
              "identity.modernity: 'the foundations of new India' (a national modernisation project); "
              "identity.traditions: 'keeping what is best from our own tradition'. Borderline for "
              "traditions: the tradition is not specified."),
    "t3008": (["identity.diversity_unity", "identity.language"],
              "identity.language and identity.diversity_unity: 'With more than 800 distinct languages, we "
              "are the most linguistically diverse nation on Earth' (Papua New Guinea)."),
    "t3023": (["identity.history_heritage"],
              "identity.history_heritage: 'Poland's national experience ... the traditions of a nation to "
              "which history has meted out harsh treatment' (the national past invoked)."),
    "t3038": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: the organisation 'already is a very good tool for "
              "political and cultural co-operation'."),
    "t3058": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: the United Nations should build 'a network of more "
              "effective co-operation in ... social and cultural fields'. Borderline: cultural is one field "
              "of a list."),
    "t3063": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Suriname signed 'agreements on trade and on cultural and "
              "other matters, with Brazil and Venezuela' (cultural cooperation agreements)."),
    "t3068": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: the 'five plus five' summit made a fresh start for "
              "partnership including 'cultural and social communication'."),
    "t3113": (["identity.traditions"],
              "identity.traditions: 'its great maritime tradition' (Chile as a seafaring nation). "
              "Borderline: could be read as history_heritage; a living way of life rather than a policy "
              "record."),
    "t3138": (["identity.diversity_unity", "outcome.social_cohesion"],
              "identity.diversity_unity: 'native peoples and communities of African descent' in Nicaragua; "
              "outcome.social_cohesion: the Government 'seeks to reverse the exclusion' (inclusion as the "
              "goal of a measure). Borderline for social_cohesion: no measure named beyond the intent."),
    "t3208": (["outcome.social_cohesion"],
              "outcome.social_cohesion: Chad's 'national dialogue under way' as a process for 'bringing about "
              "national reconciliation' (the government's own reconciliation process, as p1067)."),
    "t3218": (["identity.belonging"],
              "identity.belonging: 'As an African country, we believe that Africa has demonstrated throughout "
              "history its unique ability' (Sudan placing itself in Africa). Borderline."),
    "t3223": (["identity.history_heritage", "outcome.social_cohesion"],
              "outcome.social_cohesion: 20 years of peace and stability as 'the result of an inclusive "
              "dialogue, a process of national reconciliation' (Mozambique's own process); "
              "identity.history_heritage: Mozambique 'will celebrate 20 years of peace' (a national "
              "anniversary). 'with pride' is a speaker's formula. Borderline for history_heritage."),
}

NEGATIVE = {
    "t2033": "Vercors, a French poet, quoted for a maxim by the Central African Republic.",
    "t2088": "'craft' is a verb.",
    "t2122": "'historical theatre of absurd wars' is a figure of speech for a battleground.",
    "t2133": "'theatre' is a battleground.",
    "t2188": "'multinational force'.",
    "t2333": "'television images' in general, not broadcasting aimed abroad.",
    "t2377": "'festival of words' is a figure of speech.",
    "t2388": "'in concert' is an idiom.",
    "t2422": "'common heritage of mankind' is a legal principle of the sea-bed.",
    "t2433": "Re-inscription on the list of Non-Self-Governing Territories, not a UNESCO list.",
    "t2477": "A 'brand concept of public service' (administration), not a national brand. Borderline.",
    "t2488": "An electoral code 'published', not publishing national works.",
    "t2522": "Compatriots in the United States praised; no diaspora programme (as p0097).",
    "t2533": "'compatriots' at home voting.",
    "t2577": "A Personal Envoy of the Secretary-General is not a cultural envoy.",
    "t2588": "'envoy of peace' is a figure of speech.",
    "t2622": "'games' of power.",
    "t2633": "Interreligious intolerance as a threat; no dialogue or forum named.",
    "t2677": "The digital revolution as a challenge, not digital diplomacy.",
    "t2688": "UNESCO's Constitution quoted for a maxim; general faith in UNESCO.",
    "t2722": "Tourism at risk from climate change: an economic condition.",
    "t2733": "Quarantine of visitors, not tourism promotion.",
    "t2777": "'baleful influence' of circles, not soft power.",
    "t2788": "The prestige of the United Nations.",
    "t2822": "The prestige of an organisation, not a country's image.",
    "t2833": "'man's dignity' is universal.",
    "t2877": "'internal national reconciliation' as a general warning; no government's own measure. Borderline.",
    "t2888": "Australia on justice and reconciliation in East Timor: another country's political settlement, "
             "no measure named. Borderline.",
    "t2922": "Economic structure; no return from culture.",
    "t2977": "'historic and cultural ties with the people of East Timor' is a bilateral tie to one country, "
             "not belonging to a wider region or civilisation. Borderline.",
    "t3077": "Dialogue with ministries on economic policy.",
    "t3088": "'a new international economic and cultural order' is economic cooperation; no cultural measure. "
             "Borderline.",
    "t3122": "North-South dialogue (economic).",
    "t3133": "Political dialogue in Somalia; 'tolerance' between parties.",
    "t3177": "'a creative sense upon the process of their national formation' of the Latin American "
             "republics is vague; no value, modernity or belonging asserted. Borderline.",
    "t3188": "'rewrite history' of Putin, not a national heritage.",
    "t3222": "'chapter of history' (decolonisation as time).",
    "t2013": "John Donne quoted for a maxim by Malta.",
    "t2023": "Quevedo, a Spanish poet, quoted for a maxim by Ecuador.",
    "t2028": "John Donne quoted for a maxim by Antigua and Barbuda.",
    "t2038": "An editorial writer, not literature.",
    "t2048": "History as a source of land disputes.",
    "t2053": "'past deliberations'.",
    "t2058": "'our civilization' is humankind.",
    "t2063": "'our civilization' is humankind.",
    "t2068": "'greatest natural disaster in our history' is history as record.",
    "t2073": "'our civilization' is humankind.",
    "t2078": "'our history is what it is' is history as a given; no heritage or narrative asserted. Borderline.",
    "t2083": "'craft' is a verb.",
    "t2098": "'rural folk' are people, not folk traditions.",
    "t2103": "'craft' is a verb.",
    "t2108": "'each with its own national tradition' asserts three separate States in Indo-China as a "
             "political fact; no tradition or heritage named. Borderline.",
    "t2113": "'craft' is a verb.",
    "t2118": "'theatre of conflict' is a battleground.",
    "t2123": "'theater of war'.",
    "t2128": "'theatre of the cold war'; Honduras' democracy is an institutional record.",
    "t2138": "'theatre of political and tribal tensions'.",
    "t2143": "'theatre of another ... holocaust'.",
    "t2148": "'theater of operations'.",
    "t2153": "An anti-Islam film and caricatures are not national arts or culture.",
    "t2158": "'those who do not share our values' names no values and no nation. Borderline.",
    "t2163": "'our spirit of teamwork and solidarity' of developing countries in economic negotiation. "
             "Borderline.",
    "t2173": "Commitment to multilateralism is a foreign-policy principle, even 'rooted in our spirit'.",
    "t2178": "'spirit of solidarity' in vaccine access is universal.",
    "t2183": "Minorities subjugated by militants in general; no nation's make-up described.",
    "t2193": "'multinational development effort'.",
    "t2203": "'multinational corporations'.",
    "t2208": "Albania promotes coexistence and tolerance in the region: a foreign-policy line; no nation's "
             "make-up described. Borderline.",
    "t2213": "Mali's 'national unity and the territorial integrity' is territorial (as h0129).",
    "t2223": "'The Islamic world' named without placing Iran in it. Borderline.",
    "t2243": "Pakistan, a non-Arab speaker, on the Arab nation.",
    "t2253": "Modernisation through technology transfer as policy.",
    "t2258": "Modernisation of nuclear arsenals.",
    "t2263": "Economic modernisation of developing countries in general.",
    "t2268": "Modernisation of defence forces.",
    "t2273": "Modernisation of institutions as policy.",
    "t2278": "Economic and political modernisation of others in general.",
    "t2283": "Modernisation of infant industries.",
    "t2293": "'scholarship' means learning.",
    "t2298": "'scholarship' means learning.",
    "t2303": "Scholarships for Sierra Leone's own students.",
    "t2308": "Scholarships for the Gambia's own girls.",
    "t2318": "Students' scholarships at home (Byelorussian welfare).",
    "t2328": "'on television' in general.",
    "t2338": "'television screens' in general.",
    "t2343": "An interview with a US network, not a State's broadcasting aimed abroad.",
    "t2348": "Television pictures in general.",
    "t2353": "Domestic broadcasting licences (media freedom), not media aimed abroad.",
    "t2358": "Television cameras in New Caledonia, not broadcasting diplomacy.",
    "t2363": "'act in concert' is an idiom.",
    "t2368": "'in concert' is an idiom.",
    "t2373": "'in concert' is an idiom.",
    "t2378": "'in concert' is an idiom.",
    "t2383": "'act in concert' is an idiom.",
    "t2393": "'in concert' is an idiom.",
    "t2398": "'exhibition of hypocrisy' is a figure of speech.",
    "t2403": "'a cold and closed museum' is a figure of speech.",
    "t2408": "Museums to a caudillo rejected; not a state museum sharing knowledge abroad.",
    "t2413": "Re-inscription on the list of Non-Self-Governing Territories.",
    "t2418": "'common heritage of mankind' (sea-bed).",
    "t2423": "'common heritage of mankind' (outer space).",
    "t2428": "'common heritage of mankind' (law of the sea).",
    "t2438": "'common heritage of mankind' (sea-bed).",
    "t2443": "'common heritage of mankind' (sea-bed).",
    "t2448": "'a brand of hard-line orthodoxy' means a kind.",
    "t2453": "'its own brand of terror' means a kind.",
    "t2458": "'this brand of globalism' means a kind.",
    "t2463": "'that brand of multilateralism' means a kind.",
    "t2468": "'brand of terrorism' means a kind.",
    "t2473": "'brand movements of liberation ... as terrorist' labels movements, not a country's image.",
    "t2478": "'a brand of Cain' is a stigma, figure of speech.",
    "t2483": "'translated into ... acts' is figurative.",
    "t2493": "'translated into ... measures' is figurative.",
    "t2498": "'translating into reality' is figurative.",
    "t2503": "'translate ... into concrete actions' is figurative.",
    "t2508": "'translate ideas ... into concrete actions' is figurative.",
    "t2518": "'translate its deeds into tangible results' is figurative.",
    "t2523": "'black compatriots' in South Africa; no diaspora programme.",
    "t2543": "Emigrating compatriots; no diaspora programme.",
    "t2548": "Mobilisation of compatriots at home (fragment).",
    "t2553": "The Palestinian diaspora as a political cause; no programme.",
    "t2558": "Personal Envoy of the Secretary-General.",
    "t2563": "Personal Envoy of the Secretary-General.",
    "t2568": "A UN special envoy proposed.",
    "t2573": "Special Envoy of the Secretary-General.",
    "t2578": "Special Envoy of the Secretary-General.",
    "t2583": "Personal Envoy of the Secretary-General.",
    "t2593": "'zero-sum games'.",
    "t2598": "'gods of sport' is a figure of speech.",
    "t2603": "'merciless games' of powers.",
    "t2608": "'games of strategy'.",
    "t2618": "Domestic sports courts and stadiums as public works, not sport diplomacy.",
    "t2623": "'cunning games' of powers.",
    "t2643": "A domestic vaccine registration platform, not digital diplomacy.",
    "t2648": "The digital transition in general.",
    "t2653": "The digital divide as policy.",
    "t2658": "'the dark side of the digital world'.",
    "t2663": "Internet use by terrorists.",
    "t2668": "Bridging the digital divide for youth at home.",
    "t2673": "Criminal use of satellite images.",
    "t2678": "News on airwaves and the Internet in general.",
    "t2683": "UNESCO's role in education for peace (as the education-decade rule).",
    "t2693": "A UNESCO congress on peace hosted by Cote d'Ivoire; no cultural work named (as the World "
             "Education Forum rule). Borderline.",
    "t2698": "A UNESCO peace prize awarded; no cultural cooperation.",
    "t2703": "UNESCO named among agencies commended (fragment).",
    "t2708": "UNESCO as a development partner; no cultural work named.",
    "t2718": "Tourism as a sector that developed: an economic fact.",
    "t2723": "Tourism challenges as an economic condition.",
    "t2728": "An economy dependent on tourism: an economic fact.",
    "t2738": "Tourism industry impacted: an economic condition.",
    "t2743": "Decreased tourist revenue: an economic condition.",
    "t2748": "Tourism as a foreign-exchange earner hit by oil prices.",
    "t2753": "Influence of the United Nations and the non-aligned movement.",
    "t2758": "Prestige of the United Nations.",
    "t2763": "'spheres of influence'.",
    "t2768": "Prestige of the Organization.",
    "t2773": "'questions of prestige'.",
    "t2778": "Influence of the United Nations.",
    "t2783": "Political influence of a UN commission.",
    "t2793": "A person's reputation.",
    "t2798": "Reputation of the United Nations.",
    "t2803": "A 'warmer ... image' of democracy at home, not the country's image abroad.",
    "t2808": "Reputation of regional organisations.",
    "t2813": "'perception' of the UN's role.",
    "t2818": "Prestige of the Organization.",
    "t2823": "'dignity' for all people.",
    "t2828": "'the dignity of man' in the Charter.",
    "t2838": "'We are really proud' is a speaker's formula.",
    "t2843": "'two proud nations' is an epithet; no pride asserted as an effect.",
    "t2848": "'life in dignity for humanity'.",
    "t2853": "'Patriotic Front' is a name.",
    "t2858": "'privileged and proud to be in' the UN is a speaker's formula.",
    "t2863": "A country's unity and integrity (territorial).",
    "t2868": "Cohesion and unity of societies in general.",
    "t2873": "OAU and Congolese mediation for Chad's national reconciliation: an outside political "
             "settlement, not the government's own measure. Borderline.",
    "t2878": "Unity of the world (quotation).",
    "t2883": "Cambodia's Supreme National Council and national reconciliation as a political settlement.",
    "t2893": "Gabon urging factions elsewhere toward national reconciliation: a political settlement.",
    "t2898": "GDP rank; no return from culture.",
    "t2903": "Earthquake damage as share of GDP.",
    "t2908": "Disaster losses as share of GDP.",
    "t2913": "Hydrocarbon revenues.",
    "t2918": "Spending on higher education as share of GDP; domestic education.",
    "t2923": "GDP growth.",
    "t2928": "Debt to GDP ratio.",
    "t2953": "'a 150-year history of anti-drug struggle' is a policy record. Borderline.",
    "t2958": "'our common values' of freedom, democracy, openness shared among nations, not one nation's. "
             "Borderline.",
    "t2963": "Small nations in general enriching the world with identity, history, culture; no nation named. "
             "Borderline.",
    "t2968": "A people's 'identity' (Palestinians) denied, in general; no marker asserted.",
    "t2973": "History in general.",
    "t2993": "Egypt on Arab Jerusalem's historic and cultural title: history as ground in a territorial "
             "dispute. Borderline.",
    "t2998": "Every nation's contribution to world civilization, in general.",
    "t3013": "'historical and cultural links with France' is a bilateral tie to one country, not belonging "
             "to a wider region or civilisation. Borderline.",
    "t3018": "'one language ... of reason' is a figure of speech.",
    "t3028": "'build a modern economy' is economic policy, not a modern self-image. Borderline.",
    "t3043": "Economic exchanges.",
    "t3048": "Diplomats promoting 'understanding across countries and cultures' is diplomacy in general, "
             "not a dialogue forum. Borderline.",
    "t3053": "Relations in the 'cultural and other fields' described in general.",
    "t3073": "Latin American 'tradition of regional co-operation' is a policy record.",
    "t3078": "'the return of unity to Yemen' is reunification as a political settlement. Borderline.",
    "t3083": "'cultural' democracy as a policy goal in general.",
    "t3093": "Political dialogue for peace.",
    "t3098": "'books, broadcasts, brochures, seminars' from an unnamed source: no instrument of a named "
             "country. Borderline.",
    "t3103": "UN organisations promoting education for girls (education aid).",
    "t3108": "Domestic youth programmes.",
    "t3118": "Differing 'cultural realities' in general.",
    "t3123": "Political dialogue with Ethiopia.",
    "t3128": "Dialogue between countries in general.",
    "t3143": "Civilization in general.",
    "t3148": "Chad's national reconciliation (spoken by Libya) as a political settlement; 'Government of "
             "National Unity' is a name.",
    "t3153": "'a new chapter in the history of South Africa' is history as time.",
    "t3158": "Problems 'history has left behind' in general.",
    "t3163": "'in the history of the United Nations' is history as record.",
    "t3168": "'a new chapter in their history' is history as time.",
    "t3173": "'Government of National Unity and Reconciliation' is a name.",
    "t3178": "Peoples expressing 'national identity' in general.",
    "t3183": "'history will praise' is history as judgement.",
    "t3193": "Culture and history of peoples in general.",
    "t3198": "'international co unity' is community (OCR).",
    "t3203": "'Government of National Unity' is a name.",
    "t3213": "Political dialogue in South Africa.",
    "t3228": "'close a dark chapter in our history' is a political transition; no heritage or memory act "
             "(unlike t2077). Borderline.",
}


def taxonomy_ids() -> set:
    with open(TAXONOMY, encoding="utf-8") as handle:
        return set(re.findall(r"^\| ((?:identity|instrument|outcome)\.[a-z_]+) \|", handle.read(), re.M))


def main() -> int:
    valid = taxonomy_ids()
    if len(valid) != 31:
        print(f"expected 31 codes in {TAXONOMY}, found {len(valid)}", file=sys.stderr)
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
    for record in out:
        for code in record["codes"]:
            if code not in valid:
                problems.append(f"{record['id']}: unknown code {code}")
            if code not in record["reason"]:
                problems.append(f"{record['id']}: code {code} not named in its reason")
        if not record["codes"] and not record["reason"]:
            problems.append(f"{record['id']}: empty reason")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    with open(os.path.join(HERE, "coded2_d.jsonl"), "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    counts = {}
    for record in out:
        for code in record["codes"]:
            counts[code] = counts.get(code, 0) + 1
    print(f"coded2_d.jsonl: {len(out)} records, {sum(1 for r in out if r['codes'])} with a code, "
          f"{sum(len(r['codes']) for r in out)} code assignments")
    for code in sorted(counts):
        print(f"  {code}: {counts[code]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
