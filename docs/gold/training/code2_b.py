#!/usr/bin/env python3
"""Hand coding of training round 2, coder B: drawn2.jsonl + the decisions below -> coded2_b.jsonl.

Why a script: the decisions (codes and reasons) are kept in one reviewable place, and the output
is rebuilt from the drawn sentences, so the texts cannot drift from the draw. Every sentence whose
`coders` contains "B" was read and decided by hand, sentence by sentence, against
/work/shared/TAXONOMY.md and the coding rules of ../README.md, ../purposive/README.md,
../heldout/README.md and ./README.md ("Decisions added in the coding rounds"); no program
proposed a code. This script only writes the decisions.
Sentences not listed in POSITIVE carry no code and the reason in NEGATIVE, or NO_CODE.

Usage: python docs/gold/training/code2_b.py
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

# ---- doubly coded sentences (AB, BC) ---------------------------------------------------------
POSITIVE.update({
    "t2400": (["instrument.exhibition_museum"],
              "instrument.exhibition_museum: Portugal 'holding of Lisbon Expo/98 - the last great exposition of "
              "the twentieth century' (an Expo hosted, as p0108, h0084)."),
    "t2455": (["outcome.international_image"],
              "outcome.international_image: OECD countries 'branding Caribbean offshore financial services as "
              "havens for criminal activity' (others branding the region's countries: the false-image rule of "
              "the coding rounds, not instrument.nation_branding). Borderline: the image of a sector of "
              "Caribbean States, named by Saint Lucia."),
    "t2711": (["instrument.heritage_listing"],
              "instrument.heritage_listing: UNESCO resolutions 'have declared Jerusalem and its ancient walls to be "
              "part of the heritage of mankind' (the World Heritage inscription of the Old City, as p2001). "
              "Borderline: identity.history_heritage not given, the heritage is not Bahrain's own and no "
              "destruction is named; 'the feelings of all Moslems' is not asserted as Bahrain's belonging."),
    "t2811": (["outcome.international_image"],
              "outcome.international_image: 'such is the widespread image of contemporary Africa' (how Africa is "
              "portrayed abroad, a complaint of a false image, spoken by Congo). Borderline: the image of a "
              "continent, not of one country."),
    "t2866": (["identity.belonging"],
              "identity.belonging: Egypt, an Arab State, on attempts to 'fragment Arab unity' (Arab unity spoken "
              "by an Arab State, as the 'Arab nation' rule, h1013). Borderline: named as what others harm."),
    "t2955": (["identity.values"],
              "identity.values: North Macedonia claims 'the right to an identity and to unite around our own "
              "national myth' (the nation's own narrative)."),
    "t2966": (["identity.values"],
              "identity.values: peacekeepers 'representing Ireland, our people and values' (Ireland described by "
              "its own values). Borderline: 'resonates more with Irish people' is not named pride, so no "
              "outcome.national_pride."),
    "t3000": (["identity.values"],
              "identity.values: Cuba's 'deepest root, which gave us life as a nation and a place in history, is "
              "our rebelliousness' (the story the nation tells about itself). 'a place in history' is not a "
              "heritage claim of its own."),
    "t3155": (["outcome.social_cohesion"],
              "outcome.social_cohesion: Ethiopia's commitment to 'strengthening a culture of tolerance and mutual "
              "understanding among our people' (harmony as the goal of the government's own effort, as p1067). "
              "Borderline: 'deepening the democratic process' is a policy, not identity.values."),
    "t3200": (["identity.diversity_unity"],
              "identity.diversity_unity: 'Fate and history have placed the white people of South Africa in "
              "Africa' (a named nation's community and its place, said by Botswana about South Africa). "
              "Borderline: it could be read as a political statement on apartheid only."),
})
NEGATIVE.update({
    "t2011": "'They teach literature and history' describes school subjects used for another State's propaganda "
             "in Cambodia; no national literature or heritage is put forward as a symbol.",
    "t2055": "'in our history' means Jamaica's record of hurricanes (history as record).",
    "t2066": "'our past concerns' is time, not heritage.",
    "t2100": "'the craft of government' is a skill, not a craft tradition.",
    "t2111": "'craft a consensus' is a verb.",
    "t2155": "'our idea' is Bolivia's policy proposal, not a national idea or narrative.",
    "t2166": "'our spirit of cohesion' is the UN membership's, not a nation's value or unity.",
    "t2200": "'the rights of the minorities' in general names no nation (coding-round rule).",
    "t2211": "'national unity and territorial integrity of the affected State' is a legal formula for unnamed "
             "States in conflict; no nation's unity is described. Borderline.",
    "t2255": "'a modern society' in general (purposive rule).",
    "t2266": "Modernisation of the productive sectors of the economy is economic policy, not a national self-image.",
    "t2300": "A scholarship or internship sought by Palau's own youngsters: scholarships for a country's own "
             "students do not count.",
    "t2311": "'fellowship among people' is not a fellowship programme.",
    "t2355": "'television sets' as amenities.",
    "t2366": "'act in concert' is not a concert.",
    "t2411": "'common heritage of mankind' is the sea-bed legal principle, not a UNESCO list.",
    "t2466": "'brand of racism' means kind; no nation branding or image.",
    "t2500": "'translating the theme into ... action' is not translation of works.",
    "t2511": "'translate their international efforts ... into reality' is not translation of works.",
    "t2555": "A UN Special Envoy is not a cultural ambassador (purposive rule).",
    "t2566": "The Secretary-General's Personal Envoy is not a cultural ambassador (purposive rule).",
    "t2600": "Domestic financing of sport 'for the benefit of the country' is neither a mega-event nor sport used "
             "in diplomacy; 'first time in the history of our nation' is history as time. Borderline.",
    "t2611": "Sport centres turned into camps: no sport diplomacy.",
    "t2655": "A 'digital revolution' for access to services is not digital diplomacy.",
    "t2666": "Germany fostering exchange on the Global Digital Compact is digital governance, not digital platforms "
             "used for cultural diplomacy.",
    "t2700": "A quotation from UNESCO's Constitution; no cultural work of UNESCO is named (general faith in "
             "UNESCO does not count).",
    "t2755": "'countries with interest and influence in the region' is political influence (coding-round rule).",
    "t2766": "The 'prestige' of the United Nations, not of a country.",
    "t2800": "'a traditional them-and-us perception' between Member States and the Secretariat: no country's image, "
             "no tradition.",
    "t2855": "'the dignity of man' lost a champion: no national pride.",
    "t2900": "GDP of the eurozone: no return from culture.",
    "t2911": "Oil revenues: no return from culture.",
    "t3011": "'The nation's will to achieve its unity' is German reunification, a political settlement (as t0075, "
             "t0078 of round 1); 'historical strength' is not a heritage claim. Borderline.",
    "t3055": "'a boom in tourism' is an economic fact, not promotion (coding-round rule).",
    "t3066": "Guinea's 'cultural ... restructuring' programme is domestic reform; no instrument or identity is "
             "described. Borderline.",
    "t3100": "'cultural and friendly ties that are centuries old' with Russia is a bilateral relation, not belonging "
             "to a wider region or civilisation. Borderline: a common history with a neighbour.",
    "t3111": "'international dialogue on energy' is not dialogue between cultures.",
    "t3166": "'Tolerance and respect for diversity are given a high value in Islam' describes the religion, not the "
             "Maldives' values or belonging. Borderline.",
    "t3211": "Dialogue and tolerance between parties to a conflict: political dialogue.",
})

# ---- coder B alone: t2001-t2606 --------------------------------------------------------------
POSITIVE.update({
    "t2006": (["identity.history_heritage", "identity.language"],
              "identity.language: 'the traditional script of the Mongols' buried in oblivion (a national script as "
              "a marker); identity.history_heritage: the destruction of 'over 700' houses of worship and of 'an "
              "important cultural heritage' (destruction of heritage, coding-round rule)."),
    "t2036": (["identity.literature"],
              "identity.literature: Poland quotes 'the Polish writer whom I quoted' (a writer of the speaker's own "
              "nation). Borderline: quoted for a maxim on humanity."),
    "t2041": (["identity.literature", "instrument.multilateral_cooperation"],
              "identity.literature: 'Maxim Bogdanovich, the well-known Belarusian poet' quoted by Belarus; "
              "instrument.multilateral_cooperation: his centenary 'celebrated under the aegis of ... UNESCO' "
              "(a UNESCO role with cultural work named)."),
    "t2046": (["identity.history_heritage"],
              "identity.history_heritage: 'The rescue of the entire Jewish population of Bulgaria in 1943 is one of "
              "the stellar moments in our history' (national history invoked as part of who Bulgaria is)."),
    "t2106": (["identity.values"],
              "identity.values: liberty and sovereignty 'an indivisible part of our tradition, culture and religion' "
              "(a tradition that is a value, coding-round rule)."),
    "t2161": (["identity.values"],
              "identity.values: Albania's hospitality 'a humanitarian belief engraved in our spirit as a nation'."),
    "t2171": (["identity.values"],
              "identity.values: Nicaragua's 'Supreme Dignity of our Spirit and Culture, of Conscience and "
              "Conviction' and its 'humble pilgrimage' (the nation's own narrative). Borderline: rhetorical."),
    "t2181": (["identity.diversity_unity", "outcome.social_cohesion"],
              "identity.diversity_unity: 'threats to our national unity ... communal violence, separatism' "
              "(Indonesia); outcome.social_cohesion: reforms ('rule of law ... regional autonomy') by which 'we can "
              "overcome' those threats (unity as the goal of a measure)."),
    "t2221": (["identity.belonging"],
              "identity.belonging: 'the old historical and cultural ties which unite us with the Arab nation' "
              "(Spain placed with North Africa by a common history). Borderline: Spain is not Arab; ties more than "
              "membership."),
    "t2231": (["identity.belonging"],
              "identity.belonging: 'the Arab nation, of which my country is an integral part' (United Arab Emirates)."),
    "t2241": (["identity.belonging", "identity.values"],
              "identity.belonging: Saudi Arabia, an Arab State, speaks of 'the Arab nation' (as h1013); "
              "identity.values: its 'civilised moral behaviour which stems from its high ideals and lofty "
              "principles'. Borderline: values of the Arab nation rather than of Saudi Arabia alone."),
    "t2251": (["identity.belonging"],
              "identity.belonging: Libya, an Arab State, on aggression 'against the Arab nation' (as h1013). "
              "Borderline: the nation is named only as a victim."),
    "t2276": (["identity.history_heritage", "identity.modernity", "outcome.social_cohesion"],
              "identity.history_heritage: Angola 'will celebrate the fortieth anniversary of its national "
              "independence' (as the 30th anniversary of Independence in the gold rules); outcome.social_cohesion: "
              "'peace, tolerance and reconciliation — a direct result of the will of the Angolan people'; "
              "identity.modernity: 'a more democratic, prosperous and modern country' as the national goal "
              "(purposive rule on building a modern nation). Borderline: social_cohesion is claimed as an effect "
              "of a will, not of a named measure."),
    "t2281": (["identity.modernity"],
              "identity.modernity: Taiwan 'a modern country ... tremendous successes in technology' (about Taiwan, "
              "said by Saint Kitts and Nevis). Borderline: an image given by another country, not self-image."),
    "t2296": (["instrument.education_exchange"],
              "instrument.education_exchange: 'the medical scholarships offered to our students' by Cuba (scholarships "
              "for foreigners, about Cuba)."),
    "t2306": (["instrument.education_exchange"],
              "instrument.education_exchange: India offers Africa 'thousands of scholarships' inside an aid package "
              "(coding-round rule)."),
    "t2316": (["instrument.education_exchange"],
              "instrument.education_exchange: Hungary 'giving scholarships to youngsters in the region' (scholarships "
              "for foreigners). Borderline: they may be Hungarian minorities abroad (instrument.diaspora not "
              "named)."),
    "t2391": (["instrument.festival_event"],
              "instrument.festival_event: 'The Paraguayan people are celebrating this International Year of Peace "
              "with festivals and other commemorative events'. Borderline: festivals at home for a UN year."),
    "t2456": (["outcome.international_image"],
              "outcome.international_image: the 'impulse to brand the Soviet Union \"an outlaw\"' (others branding a "
              "country, coding-round rule; Belarus about the USSR)."),
    "t2476": (["outcome.international_image"],
              "outcome.international_image: the U.S. 'branding as \"threat\" and \"provocation\"' the DPRK's acts "
              "(others branding a country, coding-round rule). Borderline: the acts are branded, not the country "
              "by name."),
    "t2591": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: sport contacts with 'South African teams in the field of sport' under "
              "the apartheid sports boycott (sport used in diplomacy, as h1033). Borderline."),
    "t2596": (["instrument.multilateral_cooperation", "instrument.sport_mega_events"],
              "instrument.multilateral_cooperation: Serbia will 'expand our cultural, scientific, educational ... "
              "cooperation' with neighbours (as 'exchanges in the spheres of education, culture'); "
              "instrument.sport_mega_events: 'sports cooperation' to 'foster good relations' (sport as diplomacy). "
              "Borderline: the sport code."),
})
NEGATIVE.update({
    "t2001": "'script' means the text of an operation, not a writing system.",
    "t2016": "Poetry in the Assembly in general; no national poet.",
    "t2021": "'poets' in general; no national literature.",
    "t2026": "A foreign poet (Paul Eluard) quoted for a line (coding-round rule).",
    "t2031": "Asimov quoted for a maxim (coding-round rule).",
    "t2051": "Spain's friendship with the Arab world as 'one of the constant factors in our history' is a "
             "foreign-policy record, not heritage or belonging. Borderline.",
    "t2056": "'our civilization' is humanity's.",
    "t2061": "'lessons of the past' in general.",
    "t2071": "'our civilization' is humanity's.",
    "t2076": "'change the course of our history' is history as time.",
    "t2081": "'our civilization' is humanity's.",
    "t2086": "'craft' is a verb.",
    "t2091": "'craft' is a verb.",
    "t2096": "'craft' is a verb.",
    "t2101": "'our tradition to honor our foreign commitments' is a policy record (coding-round rule).",
    "t2116": "'craft' is a verb.",
    "t2121": "'theatre' of events.",
    "t2126": "'theater of cooperation'.",
    "t2131": "'theatre' of negotiations.",
    "t2136": "'theater of fratricide'.",
    "t2141": "'an artists' joke' is a figure of speech.",
    "t2146": "An album by international artists launched by the King of Eswatini to raise funds on HIV/AIDS: a "
             "charity event, not national culture or a cultural-diplomacy instrument. Borderline.",
    "t2151": "'the theatre of European relations'.",
    "t2156": "'our idea' is Belarus's proposal.",
    "t2176": "'our spirit of sharing and solidarity' is that of the international community. Borderline.",
    "t2186": "'Government of national unity' in Haiti is a political arrangement.",
    "t2191": "'multinational civilian mission' is not multiethnic unity.",
    "t2196": "'multinational efforts' is not multiethnic unity.",
    "t2201": "'national unity and territorial integrity of Spain' over Gibraltar is territorial.",
    "t2206": "'usurping minorities' is a political charge, not minorities' place in a nation.",
    "t2216": "Kuwait thanks the Assembly 'on behalf of the Islamic world' (a mandate, probably as chair of the "
             "Islamic Conference), not a claim of belonging. Borderline.",
    "t2226": "'the Eurasian land mass' is geography.",
    "t2236": "The Eurasian Economic Community is an economic body.",
    "t2246": "The 'Eurasian Belt and Road Initiative' is infrastructure.",
    "t2256": "'modernization of the country' through a production association is economic policy, not a national "
             "self-image. Borderline.",
    "t2261": "Modernisation of the judiciary.",
    "t2271": "'traditional values and modernization' in general; no nation.",
    "t2286": "Modernisation of the public administration.",
    "t2291": "The Dag Hammarskjold Scholarship Fund luncheon as a venue.",
    "t2301": "'fellowship' means comradeship.",
    "t2321": "Stipends and scholarships for Bangladesh's own students (coding-round rule).",
    "t2326": "Television viewers; no broadcasting aimed abroad.",
    "t2331": "Watching the news on television.",
    "t2336": "Media coverage in general.",
    "t2341": "Television screens.",
    "t2346": "Costa Rica's state television and radio 'for cultural purposes' are domestic media, not aimed abroad. "
             "Borderline.",
    "t2351": "An accusation broadcast by the media.",
    "t2356": "The British press, radio and television as an audience, not media aimed abroad by a State.",
    "t2361": "A 'sensitization tour' of donor countries is a fundraising trip, not a cultural tour.",
    "t2371": "'the concert of verbal condemnations'.",
    "t2376": "'concert real efforts' is a verb.",
    "t2381": "'a true concert of nations'.",
    "t2386": "The Secretary-General's tour of the region.",
    "t2396": "'museums of the world' is a metaphor for conserved nature.",
    "t2401": "The Global Forum on genocide prevention 'through education, culture and museums': a forum's theme; "
             "no museum, exhibition or dialogue between cultures is described. Borderline.",
    "t2406": "'an exhibition showcase' is a metaphor.",
    "t2416": "'common heritage of mankind' is the sea-bed principle.",
    "t2421": "'re-inscribed on the agenda' of the decolonisation committee, not a UNESCO list.",
    "t2426": "'common heritage of mankind' is the sea-bed principle.",
    "t2431": "'the common heritage of mankind' is the sea-bed principle.",
    "t2436": "'common heritage of mankind' as environmental principle.",
    "t2441": "Re-inscription on the list of Non-Self-Governing Territories, not a UNESCO list.",
    "t2446": "'common heritage of mankind' in the law of the sea.",
    "t2451": "'brand new seaport'.",
    "t2471": "'brand of democracy' means kind.",
    "t2481": "'brand new' in a quotation.",
    "t2486": "'translate its decisions into positive action'.",
    "t2491": "'send books, not bombs' is a slogan quoted; no publishing programme.",
    "t2496": "'translated into the actions and policies'.",
    "t2501": "'translate the Millennium Declaration into reality'.",
    "t2506": "'translate words into the realization of the Goals'.",
    "t2516": "'the preservation of human civilization' and 'justly proud' are formulas.",
    "t2521": "A diaspora produced by refugee flows; no programme for it.",
    "t2526": "'their compatriots' are fellow citizens.",
    "t2531": "Cyprus urges 'our Turkish Cypriot compatriots' to a settlement: a political settlement (as t0330). "
             "Borderline: the two communities are named.",
    "t2536": "Praise for 'the substantial contribution of the Malian diaspora' with no programme or policy for it "
             "(as p0097). Borderline.",
    "t2541": "Jamaica 'values the contribution that our diaspora makes', no programme or policy (as p0097). "
             "Borderline.",
    "t2546": "'my compatriots' are fellow citizens.",
    "t2551": "'my compatriots' are fellow citizens.",
    "t2556": "A UN Special Envoy is not a cultural ambassador (purposive rule).",
    "t2561": "A UN Special Envoy is not a cultural ambassador (purposive rule).",
    "t2571": "UN and US special envoys as mediators, not cultural ambassadors (purposive rule).",
    "t2576": "A UN Special Envoy is not a cultural ambassador (purposive rule).",
    "t2581": "A UN Special Envoy is not a cultural ambassador (purposive rule).",
    "t2586": "Envoys to the Emperor's funeral are diplomats, not cultural ambassadors.",
    "t2601": "'zero-sum games'; 'history' as time.",
    "t2606": "Practising sports for personal fulfilment; no sport diplomacy.",
})

# ---- coder B alone: t2616-t3226 --------------------------------------------------------------
POSITIVE.update({
    "t2616": (["instrument.multilateral_cooperation", "instrument.sport_mega_events"],
              "instrument.multilateral_cooperation: France's 'partnership also built on ... sport, culture, and "
              "memory' (cultural relations between countries, as p1019); instrument.sport_mega_events: sport as a "
              "basis of the partnership (sport as diplomacy, as t2596). Borderline: both from a list."),
    "t2621": (["instrument.sport_mega_events"],
              "instrument.sport_mega_events: 'an international convention against apartheid in sports' (sport used "
              "in diplomacy, as h1033)."),
    "t2631": (["outcome.social_cohesion"],
              "outcome.social_cohesion: 'positive developments in ... interfaith reconciliation' in Iraq to be "
              "consolidated (a national reconciliation process, as p1067; Romania about Iraq). Borderline: an "
              "outside view of another country's process."),
    "t2701": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Mali organised with UNESCO and UN bodies 'a \"Week of Peace\" to "
              "commemorate the first anniversary of the \"Flame of Peace\"' (a UNESCO role in a commemorative, "
              "cultural event). Borderline: no cultural content is named beyond the commemoration."),
    "t2726": (["instrument.tourism"],
              "instrument.tourism: 'Uganda needs and welcomes ... tourists' (the country offered as a destination). "
              "Borderline: one item of a list of wants."),
    "t2736": (["instrument.tourism"],
              "instrument.tourism: 'We launched our \"Umi Tugeda tourism\" initiative' (Solomon Islands)."),
    "t2796": (["outcome.international_image"],
              "outcome.international_image: the Fiji Military Forces 'have established a reputation for "
              "professionalism' in peacekeeping (Fiji's reputation abroad). Borderline: the forces' reputation."),
    "t2821": (["outcome.international_image"],
              "outcome.international_image: 'an attempt to give the Working Group a false image' of Chile (a "
              "complaint of a false image, purposive rule)."),
    "t2891": (["outcome.social_cohesion"],
              "outcome.social_cohesion: Somalia's 'national reconciliation conference' (a national reconciliation "
              "process, as p1067; Niger about Somalia). Borderline: in a civil war, close to a political settlement."),
    "t2931": (["identity.language"],
              "identity.language: Libya, an Arab State, on 'The Arabic language ... of great cultural and historical "
              "value' (the status of its national language)."),
    "t2936": (["identity.traditions"],
              "identity.traditions: 'the family bonds and historical tradition that have made the Chinese people a "
              "great nation ought to be preserved' (about China, said by Saint Kitts and Nevis). Borderline: "
              "'historical tradition' could also be read as identity.history_heritage."),
    "t2941": (["identity.belonging", "identity.values"],
              "identity.belonging: Libya, an Arab State, on 'The Arab nation' (as h1013); identity.values: it is 'a "
              "creative force which is capable of overcoming setbacks' (the nation's narrative, as t2241). "
              "Borderline: the values code."),
    "t2956": (["identity.belonging", "identity.history_heritage"],
              "identity.belonging: 'The West Papuans are a distinct people with Pacific roots'; "
              "identity.history_heritage: 'with their own land, history and culture' (Tuvalu about the West "
              "Papuans, in Indonesia)."),
    "t2961": (["identity.belonging", "identity.history_heritage"],
              "identity.belonging: Syria's 'our Arab nation' (as h1013); identity.history_heritage: the Crusades and "
              "colonial expeditions 'to which our Arab nation has been subjected at various stages of its history' "
              "(its past invoked as who it is). Borderline: the history code."),
    "t2971": (["identity.modernity", "identity.values"],
              "identity.values: 'Taiwan is a nation that espouses democracy'; identity.modernity: 'development, and "
              "innovation' (about Taiwan, said by Belize, as t2281). Borderline: an image given by another country."),
    "t2976": (["identity.belonging"],
              "identity.belonging: Libya, an Arab State, on 'the Arab nation' 'struggling for freedom, unity and "
              "progress' (as h1013)."),
    "t2986": (["identity.modernity"],
              "identity.modernity: 'the fertile minds of our people' turned Israel 'into a global centre of technology "
              "and innovation' (an innovative national self-image)."),
    "t2991": (["identity.belonging", "identity.history_heritage"],
              "identity.belonging: Syria's 'our Arab nation' (as h1013); identity.history_heritage: it 'has defeated "
              "all colonialist invasions throughout its long history' (a national historical narrative). "
              "Borderline: the history code."),
    "t3001": (["identity.history_heritage", "identity.language"],
              "identity.language: an amalgamation 'from Aramaic, the language of Jesus Christ, to Arabic, ... "
              "Phoenician, Roman, Greek, Latin, Persian and Coptic' (languages as markers of Lebanon's make-up); "
              "identity.history_heritage: 'born in ancient times'. Borderline: the subject 'They' is not named in "
              "the sentence."),
    "t3021": (["identity.values"],
              "identity.values: Chile and Argentina linked by 'an identical shared peace-loving tradition' (a "
              "tradition that is a value). Borderline: bilateral ties of 'geography, history, culture' are not "
              "belonging (as t3100)."),
    "t3026": (["identity.traditions"],
              "identity.traditions: 'Bare is the back of him who has no brother', a saying 'preserved in the hearts "
              "and language of the Icelandic people' (quoted folk wisdom, gold rule)."),
    "t3031": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Romania's 'multilateral cooperation in the ... scientific and "
              "cultural fields with all socialist countries'. Borderline: culture is one item of a list."),
    "t3041": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Italy's proposed 'permanent conference on security and "
              "cooperation' with 'an inclusive dialogue ... on political, economic and cultural issues'. "
              "Borderline: culture is one item of a list in a security conference; not dialogue between cultures, "
              "so not dialogue_forums."),
    "t3046": (["identity.belonging"],
              "identity.belonging: Bangladesh 'As a bridge between South and South-East Asia' (a bridge between "
              "regions). 'traditional ties of friendship' is a policy record."),
    "t3056": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Romania 'develops political, economic, technical, scientific and "
              "cultural relations with all socialist countries' (as t3031). Borderline: one item of a list."),
    "t3071": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: the United Nations to bring countries into 'a network of "
              "economic, trade, technical, social and cultural co-operation' (cultural cooperation proposed "
              "through an international body). Borderline: one item of a list."),
    "t3096": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'heightened economic, commercial and cultural relations' between "
              "Argentina and the United Kingdom (cultural relations between countries, as p1019)."),
    "t3101": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: Chile's 'diplomatic, economic and cultural activities in the "
              "Pacific region'. Borderline: one item of a list."),
    "t3131": (["identity.diversity_unity", "identity.values"],
              "identity.diversity_unity: 'Iraqis have lived in peace, brotherhood ... and tolerance since the dawn of "
              "history' (harmony as a historical given, as g0124); identity.values: 'forgiveness and tolerance' as "
              "the nation's own story. Borderline: the values code."),
    "t3151": (["identity.values"],
              "identity.values: 'Peace, tolerance and harmony are intrinsic to Nepali culture and way of life'."),
    "t3156": (["outcome.international_image", "outcome.social_cohesion"],
              "outcome.social_cohesion: South Africa's 'national reconciliation and unity' under Mandela (as p1067); "
              "outcome.international_image: it 'has become an exemplary model for the international community' "
              "(recognition abroad; Djibouti about South Africa)."),
    "t3181": (["identity.values"],
              "identity.values: Jordan 'a society characterised by openness ... tolerance and calm dialogue' (the "
              "nation described by its values). Borderline: 'succeeded in building' could make it "
              "outcome.social_cohesion, but no unity or harmony between groups is named."),
    "t3196": (["identity.history_heritage", "identity.traditions", "outcome.social_cohesion"],
              "identity.history_heritage and identity.traditions: 'Respect for Tajik history and traditions'; "
              "outcome.social_cohesion: they are 'fundamental components of the peace process in Tajikistan' "
              "(the government's own national reconciliation, as p1067). Borderline: traditions unspecified."),
    "t3216": (["outcome.social_cohesion"],
              "outcome.social_cohesion: the Iraqi Government's 'national dialogue and national reconciliation "
              "projects' (its own reconciliation measures, as p1067). 'Government of National Unity' is a label."),
    "t3226": (["instrument.multilateral_cooperation"],
              "instrument.multilateral_cooperation: 'A culture of tolerance ... has been promoted through various "
              "international and regional activities under the umbrella of ... UNESCO' (a UNESCO role with cultural "
              "work named)."),
})
NEGATIVE.update({
    "t2626": "'contradictory games' is a figure of speech.",
    "t2636": "'interfaith groups' working with a human rights commission: no dialogue forum.",
    "t2641": "An 'interfaith service' of commemoration, not a forum for dialogue between religions. Borderline.",
    "t2646": "A sub-sea cable and 'digital transformation' are infrastructure, not digital diplomacy or a national "
             "self-image ('we are proud' is a formula).",
    "t2651": "The digital divide.",
    "t2656": "'our digital age'.",
    "t2661": "The Internet and social networks spreading extremism.",
    "t2671": "Bridging the digital divide for children.",
    "t2676": "Moldova's Internet connections are infrastructure (technology as a policy tool, not a self-image).",
    "t2681": "Gratitude to UNESCO among aid agencies: no cultural work named.",
    "t2686": "The centenary of Bahrain's formal education system and a UNESCO monitoring report: domestic "
             "education and a development rating, not heritage, exchange or image. Borderline.",
    "t2691": "Gratitude for support for education, including UNESCO's: education aid.",
    "t2696": "UNESCO's Declaration on the Human Genome: bioethics, no cultural work.",
    "t2706": "Sharing 'the view of UNESCO': general faith in UNESCO.",
    "t2716": "Falling demand for tourism: an economic condition.",
    "t2721": "SARS damaging the tourist industry: an economic condition.",
    "t2731": "'transplant tourism' is organ trafficking.",
    "t2741": "The impact of 11 September on tourism: an economic condition.",
    "t2746": "Malta's economy 'benefiting from thriving ... tourism sectors': tourism as an economic fact. "
             "Borderline: the transformation was Malta's own work.",
    "t2751": "The 'moral prestige' of the United Nations, not of a country.",
    "t2756": "'spheres of influence' (coding-round rule).",
    "t2761": "'spheres of influence'.",
    "t2771": "Political influence over South Africa's Government.",
    "t2776": "'areas of influence'.",
    "t2781": "'influence' of detente on relations.",
    "t2786": "The prestige and influence of the UN forum.",
    "t2791": "'perception' blurred by racism: no country's image.",
    "t2801": "States' 'power and prestige' in general.",
    "t2806": "'shares the perception' means view.",
    "t2816": "The personal reputation of the President of the Assembly.",
    "t2826": "'We are also proud' is a speaker's formula; Manama designated a 'Healthy City' by WHO is a health "
             "designation, not a claim about Bahrain's image. Borderline.",
    "t2831": "'his dignity' of man.",
    "t2836": "'Human Dignity'.",
    "t2841": "Palestinian 'dignity' as a political aim.",
    "t2846": "'human dignity' of the poor.",
    "t2851": "'live with dignity' materially.",
    "t2856": "'mindful of their diversity' (of countries) and 'common heritage of all peoples' are general.",
    "t2861": "'unity of purpose of the Organization'.",
    "t2871": "'development in unity' names no nation.",
    "t2876": "Korean 'national unity and reunification' is a political settlement (as t0075).",
    "t2881": "Reconciliation between the two Cypriot communities within one State: a political settlement "
             "(as t0330).",
    "t2886": "'reconciliation' in general, no nation or measure.",
    "t2896": "GDP growth: no return from culture.",
    "t2901": "ODA as a share of GDP.",
    "t2906": "GDP growth: no return from culture.",
    "t2916": "Export revenue: no return from culture.",
    "t2921": "Damage as a share of GDP.",
    "t2926": "Remittances as a share of GDP.",
    "t2946": "'the dung-heap of history'.",
    "t2951": "'history' as time.",
    "t2981": "India's 'age-old cultural ties' with the people of Kampuchea: a bilateral tie, not belonging to a "
             "wider region (as t3100). Borderline.",
    "t2996": "'We Germans endeavour to understand other nations, their culture and their history' is a "
             "foreign-policy attitude ('belief in dialogue' rule), not a national value or an instrument. "
             "Borderline.",
    "t3006": "'strong historical and cultural links with the Afghan people': a bilateral tie (as t3100). Borderline.",
    "t3016": "'traditional friendship with the Chinese people' is a policy record.",
    "t3036": "Dialogue with developing countries on development: political.",
    "t3051": "Dialogue in the CSCE process: political.",
    "t3061": "North-South dialogue: economic.",
    "t3076": "'permanent dialogue' with Belize: political.",
    "t3081": "Direct dialogue between developing countries: political.",
    "t3086": "ECOSOC 'dialogue': economic.",
    "t3091": "'Organization of African Unity' is a name.",
    "t3106": "Tourism and financial services as dependent sectors: an economic fact.",
    "t3116": "'economic, social and cultural development' is development, not cultural cooperation.",
    "t3121": "'dialogue and cooperation in the Asia-Pacific region': political.",
    "t3126": "'dialogue and negotiation' in Central America: political.",
    "t3136": "'imperatives of nature and history'.",
    "t3141": "'the march of history'.",
    "t3146": "Mao 'a great Chinese statesman and patriot' mourned: no national pride claimed.",
    "t3161": "Dialogue in international relations: political.",
    "t3171": "An appeal for 'dialogue, reconciliation and tolerance' in Myanmar: a wish, no measure named.",
    "t3176": "'open dialogue' with Honduras' people: domestic politics.",
    "t3186": "'issues left over by history'.",
    "t3191": "A wish for 'national reconciliation and the restoration of unity' in Kampuchea: a political "
             "settlement, no measure under way. Borderline.",
    "t3201": "'condemned by history'.",
    "t3206": "'history lesson'.",
    "t3221": "'a crucial period in the history of their countries': time.",
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
    with open(os.path.join(HERE, "drawn2.jsonl"), encoding="utf-8") as handle:
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
    with open(os.path.join(HERE, "coded2_b.jsonl"), "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    undecided = sorted(mine_ids - decided)
    print(f"coded2_b.jsonl: {len(out)} records, {sum(1 for r in out if r['codes'])} with a code, "
          f"{sum(len(r['codes']) for r in out)} code assignments; "
          f"{len(undecided)} with the default reason")


if __name__ == "__main__":
    main()
