"""Regions (maakunnat) and towns by their official codes (Statistics Finland, 2024).

Coordinates are approximate town centres (WGS84).
"""

# code, Finnish name, Swedish name
REGIONS = [
    ("01", "Uusimaa", "Nyland"),
    ("02", "Varsinais-Suomi", "Egentliga Finland"),
    ("04", "Satakunta", "Satakunta"),
    ("05", "Kanta-Häme", "Egentliga Tavastland"),
    ("06", "Pirkanmaa", "Birkaland"),
    ("07", "Päijät-Häme", "Päijänne-Tavastland"),
    ("08", "Kymenlaakso", "Kymmenedalen"),
    ("09", "Etelä-Karjala", "Södra Karelen"),
    ("10", "Etelä-Savo", "Södra Savolax"),
    ("11", "Pohjois-Savo", "Norra Savolax"),
    ("12", "Pohjois-Karjala", "Norra Karelen"),
    ("13", "Keski-Suomi", "Mellersta Finland"),
    ("14", "Etelä-Pohjanmaa", "Södra Österbotten"),
    ("15", "Pohjanmaa", "Österbotten"),
    ("16", "Keski-Pohjanmaa", "Mellersta Österbotten"),
    ("17", "Pohjois-Pohjanmaa", "Norra Österbotten"),
    ("18", "Kainuu", "Kajanaland"),
    ("19", "Lappi", "Lappland"),
    ("21", "Ahvenanmaa", "Åland"),
]

# code, Finnish name, Swedish name, region code, in network, Swedish majority, lat, lon
TOWNS = [
    # The network's regional towns.
    ("111", "Heinola", "Heinola", "07", True, False, 61.2058, 26.0381),
    ("140", "Iisalmi", "Idensalmi", "11", True, False, 63.5586, 27.1903),
    ("232", "Kauhajoki", "Kauhajoki", "14", True, False, 62.4306, 22.1792),
    ("249", "Keuruu", "Keuru", "13", True, False, 62.2597, 24.7067),
    ("287", "Kristiinankaupunki", "Kristinestad", "15", True, True, 62.2736, 21.3761),
    ("305", "Kuusamo", "Kuusamo", "17", True, False, 65.9644, 29.1886),
    ("678", "Raahe", "Brahestad", "17", True, False, 64.6847, 24.4792),
    ("684", "Rauma", "Raumo", "04", True, False, 61.1283, 21.5111),
    ("740", "Savonlinna", "Nyslott", "10", True, False, 61.8683, 28.8864),
    # University towns the network works with.
    ("091", "Helsinki", "Helsingfors", "01", False, False, 60.1699, 24.9384),
    ("049", "Espoo", "Esbo", "01", False, False, 60.2055, 24.6559),
    ("837", "Tampere", "Tammerfors", "06", False, False, 61.4978, 23.7610),
    ("853", "Turku", "Åbo", "02", False, False, 60.4518, 22.2666),
    ("564", "Oulu", "Uleåborg", "17", False, False, 65.0121, 25.4651),
    ("179", "Jyväskylä", "Jyväskylä", "13", False, False, 62.2426, 25.7473),
    ("297", "Kuopio", "Kuopio", "11", False, False, 62.8924, 27.6770),
    ("167", "Joensuu", "Joensuu", "12", False, False, 62.6010, 29.7636),
    ("905", "Vaasa", "Vasa", "15", False, False, 63.0960, 21.6158),
    ("405", "Lappeenranta", "Villmanstrand", "09", False, False, 61.0587, 28.1887),
    ("698", "Rovaniemi", "Rovaniemi", "19", False, False, 66.5039, 25.7294),
    ("743", "Seinäjoki", "Seinäjoki", "14", False, False, 62.7903, 22.8403),
]

# Towns whose administration is bilingual: their actors describe themselves in Swedish too.
BILINGUAL_TOWNS = {"287", "091", "049", "853", "905"}
