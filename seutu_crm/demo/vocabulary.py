"""Words the demo generator builds fictional organisations from.

Everything here is fiction: no name refers to a real company or person.
"""

# Finnish inflections of the reference towns: genitive ("Raahen") and the locative case a
# Finnish sentence needs ("Raahessa", "Raumalla"); also a postcode of the town centre.
TOWN_FORMS = {
    "111": ("Heinolan", "Heinolassa", "18100"),
    "140": ("Iisalmen", "Iisalmessa", "74100"),
    "232": ("Kauhajoen", "Kauhajoella", "61800"),
    "249": ("Keuruun", "Keuruulla", "42700"),
    "287": ("Kristiinankaupungin", "Kristiinankaupungissa", "64100"),
    "305": ("Kuusamon", "Kuusamossa", "93600"),
    "678": ("Raahen", "Raahessa", "92100"),
    "684": ("Rauman", "Raumalla", "26100"),
    "740": ("Savonlinnan", "Savonlinnassa", "57100"),
    "091": ("Helsingin", "Helsingissä", "00100"),
    "049": ("Espoon", "Espoossa", "02100"),
    "837": ("Tampereen", "Tampereella", "33100"),
    "853": ("Turun", "Turussa", "20100"),
    "564": ("Oulun", "Oulussa", "90100"),
    "179": ("Jyväskylän", "Jyväskylässä", "40100"),
    "297": ("Kuopion", "Kuopiossa", "70100"),
    "167": ("Joensuun", "Joensuussa", "80100"),
    "905": ("Vaasan", "Vaasassa", "65100"),
    "405": ("Lappeenrannan", "Lappeenrannassa", "53100"),
    "698": ("Rovaniemen", "Rovaniemellä", "96100"),
    "743": ("Seinäjoen", "Seinäjoella", "60100"),
}

# What each network town is known for: the sectors (top-level competence slugs) its
# fictional actors mostly work in.
TOWN_PROFILES = {
    "111": ["puurakentaminen", "metsa-ja-biotalous", "logistiikka", "kiertotalous"],
    "140": ["elintarvikkeet", "metalli-ja-teras", "ict-ja-tekoaly", "energia-ja-vety"],
    "232": ["elintarvikkeet", "metalli-ja-teras", "koulutus-ja-tki", "puurakentaminen"],
    "249": ["puurakentaminen", "metsa-ja-biotalous", "metalli-ja-teras", "matkailu"],
    "287": ["energia-ja-vety", "elintarvikkeet", "meriteollisuus", "matkailu"],
    "305": ["matkailu", "terveys-ja-hyvinvointi", "elintarvikkeet", "ict-ja-tekoaly"],
    "678": ["metalli-ja-teras", "energia-ja-vety", "akkuteknologia", "logistiikka"],
    "684": ["meriteollisuus", "metsa-ja-biotalous", "logistiikka", "ict-ja-tekoaly"],
    "740": ["metsa-ja-biotalous", "matkailu", "terveys-ja-hyvinvointi", "kiertotalous"],
}

# Per sector: Finnish name stems for company names, and TOL divisions.
SECTORS = {
    "metsa-ja-biotalous": (["Metsä", "Kuitu", "Havu", "Bio", "Kuusi", "Mänty"],
                           ["02", "16", "17", "20"]),
    "puurakentaminen": (["Puu", "Hirsi", "Talo", "Elementti", "Kehä", "Hirre"],
                        ["16", "41", "31", "43"]),
    "metalli-ja-teras": (["Teräs", "Metalli", "Kone", "Levy", "Hitsi", "Rauta"],
                         ["24", "25", "28", "33"]),
    "meriteollisuus": (["Meri", "Laiva", "Satama", "Aalto", "Luotsi", "Ankkuri"],
                       ["30", "50", "52", "33"]),
    "energia-ja-vety": (["Energia", "Vety", "Tuuli", "Aurinko", "Lämpö", "Virta"],
                        ["35", "27", "20", "71"]),
    "akkuteknologia": (["Akku", "Kenno", "Litium", "Volt", "Katodi", "Lataus"],
                       ["27", "20", "24", "38"]),
    "elintarvikkeet": (["Maito", "Leipä", "Herkku", "Marja", "Vilja", "Kala"],
                       ["10", "11", "01", "03"]),
    "matkailu": (["Elämys", "Tunturi", "Safari", "Loma", "Kylpylä", "Ruska"],
                 ["55", "56", "79", "93"]),
    "ict-ja-tekoaly": (["Data", "Koodi", "Pilvi", "Äly", "Bitti", "Verkko"],
                       ["62", "63", "26", "58"]),
    "terveys-ja-hyvinvointi": (["Terveys", "Hoiva", "Hyvä", "Kunto", "Medi", "Vire"],
                               ["86", "87", "88", "21"]),
    "logistiikka": (["Kuljetus", "Rahti", "Terminaali", "Varasto", "Reitti", "Kuorma"],
                    ["49", "52", "46", "50"]),
    "koulutus-ja-tki": (["Osaamis", "Tutkimus", "Oppi", "Innovaatio", "Taito", "Kehitys"],
                        ["85", "72", "70", "71"]),
    "kiertotalous": (["Kierto", "Uusio", "Vesi", "Puhdas", "Ekoi", "Sivuvirta"],
                     ["38", "22", "71", "46"]),
}

# Industry for actor types that are not companies, whatever their sector.
ACTOR_TYPE_INDUSTRIES = {
    "research": "72",
    "university": "85",
    "uas": "85",
    "vocational": "85",
    "public": "84",
    "development_company": "70",
    "financier": "64",
    "association": "94",
}

ACTOR_TYPE_WEIGHTS = [
    ("company", 68),
    ("startup", 12),
    ("research", 3),
    ("university", 1),
    ("uas", 2),
    ("vocational", 2),
    ("public", 3),
    ("development_company", 3),
    ("financier", 2),
    ("association", 4),
]

COMPANY_PREFIXES = ["Nord", "Arctic", "Saimaa", "Pohjola", "Botnia", "Kalevan", "Sampo",
                    "Aalto", "Lakeus", "Kaira", "Vaara", "Salo", "Karhu", "Kotka"]
COMPANY_SUFFIXES = ["tekniikka", "tuote", "palvelu", "works", "tec", "group", "solutions",
                    "pojat", "talo", "systems", "line", "tiimi"]
LEGAL_FORMS = ["Oy", "Oy", "Oy", "Oy Ab", "Ky", "Oyj"]
SWEDISH_LEGAL_FORMS = ["Ab", "Ab", "Oy Ab"]
STARTUP_SUFFIXES = ["Labs", "AI", "Tech", "io", "Robotics", "Analytics"]

STREETS = ["Teollisuustie", "Satamakatu", "Kauppakatu", "Asemakatu", "Koulukatu",
           "Rantatie", "Tehtaankatu", "Yrittäjäntie", "Konepajankatu", "Puistokatu",
           "Sahatie", "Torikatu", "Energiatie", "Metsäpolku", "Innovaatiokuja"]

FIRST_NAMES = ["Aino", "Eeva", "Helmi", "Kaisa", "Laura", "Liisa", "Maria", "Noora",
               "Sanna", "Tuula", "Anna", "Elina", "Juha", "Jukka", "Kari", "Lauri", "Mikko",
               "Pekka", "Sami", "Timo", "Ville", "Antti", "Matti", "Johan", "Erik", "Linnea"]
LAST_NAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen",
              "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen",
              "Salminen", "Heinonen", "Niemi", "Turunen", "Kinnunen", "Holmberg", "Lindqvist",
              "Rinne", "Väisänen", "Östman", "Nyström"]
CONTACT_ROLES = ["toimitusjohtaja", "myyntijohtaja", "tuotantopäällikkö", "kehitysjohtaja",
                 "hallituksen puheenjohtaja", "HR-päällikkö", "projektipäällikkö"]

ACTOR_TYPE_WORDS = {
    # Finnish noun, Swedish noun with article, English noun with article
    "company": ("yritys", "ett företag", "a company"),
    "startup": ("kasvuyritys", "ett tillväxtföretag", "a start-up"),
    "research": ("tutkimusyksikkö", "en forskningsenhet", "a research unit"),
    "university": ("yliopistoyksikkö", "en universitetsenhet", "a university unit"),
    "uas": ("ammattikorkeakoulun yksikkö", "en yrkeshögskoleenhet",
            "a unit of a university of applied sciences"),
    "vocational": ("ammatillinen oppilaitos", "en yrkesläroanstalt", "a vocational school"),
    "public": ("julkinen toimija", "en offentlig aktör", "a public agency"),
    "development_company": ("kehitysyhtiö", "ett utvecklingsbolag", "a development company"),
    "financier": ("rahoittaja", "en finansiär", "a financier"),
    "association": ("yhdistys", "en förening", "an association"),
}

CLOSING_SENTENCES = {
    "fi": ["Etsimme kumppaneita tutkimus- ja kehityshankkeisiin.",
           "Toimitamme asiakkaillemme sekä kotimaahan että vientiin.",
           "Kasvamme ja rekrytoimme osaajia.",
           "Teemme yhteistyötä alueen oppilaitosten kanssa."],
    "sv": ["Vi söker partner för forsknings- och utvecklingsprojekt.",
           "Vi levererar till kunder i Finland och på export.",
           "Vi växer och rekryterar kunnigt folk.",
           "Vi samarbetar med regionens läroanstalter."],
    "en": ["We are looking for partners for research and development projects.",
           "We deliver to customers in Finland and abroad.",
           "We are growing and recruiting skilled people.",
           "We work together with the region's schools and universities."],
}
