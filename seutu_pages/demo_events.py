"""Demo events and Invest-in pages, as builders of :mod:`seutu_pages.demo`.

Importing this module adds :func:`build_events` and :func:`build_invest_in` to
``demo.BUILDERS`` (before the translations) and their page types to ``demo.TRANSLATORS``.
Event times are relative to the day the demo is built, so there are always upcoming and
past events; a rebuild finds the existing pages by slug and changes nothing.
"""

import datetime

from django.utils import timezone
from zoneinfo import ZoneInfo

from seutu_crm.queries_public import public_organisations

from . import demo
from .models import EventIndexPage, EventKind, EventPage, InvestInPage

HELSINKI = ZoneInfo("Europe/Helsinki")

TEXTS = {
    "fi": {
        "index_title": "Tapahtumat",
        "index_slug": "tapahtumat",
        "index_intro": "Seminaareja ja webinaareja yrityksille ja sijoittajille.",
        "events": {
            "seminar": ("Elinvoimaseminaari: {town}", "elinvoimaseminaari",
                        "Yritykset, oppilaitokset ja kaupunki kertovat tulevista investoinneista."),
            "webinar": ("Webinaari: osaajat ja rekrytointi", "rekrytointiwebinaari",
                        "Miten houkutella osaajia seutukaupunkiin? Verkkotilaisuus kaikille."),
            "past": ("Yritysaamu: {town}", "yritysaamu",
                     "Aamukahvit ja ajankohtaiset kuulumiset yrittäjille."),
        },
        "venue": "Kaupungintalo, {town}",
        "invest_title": "Invest in {town}",
        "invest_slug": "investoi",
        "invest_intro": "Miksi {town}? Osaavat tekijät, valmiit tontit ja nopea palvelu.",
        "invest_sites": "<p>Kaupungilla on kaavoitettuja teollisuustontteja satamassa ja "
        "yritysalueilla. Autamme luvissa, rahoituksessa ja rekrytoinneissa.</p>",
        "figures_heading": "Avainluvut",
        "figures": [("9", "minuuttia moottoritielle"), ("120 ha", "kaavoitettua "
                    "yritysmaata"), ("3", "korkeakoulun toimipistettä seudulla")],
        "competences_heading": "Osaamisemme",
        "actors_heading": "Toimijoita",
        "form_heading": "Ota yhteyttä",
        "form_intro": "Kerro hankkeestasi, niin elinkeinoasiamies ottaa yhteyttä.",
        "consent": "Hyväksyn, että kaupungin elinkeinopalvelut tallentavat antamani tiedot "
        "asiakasrekisteriinsä ja ottavat minuun yhteyttä tiedusteluni vuoksi.",
        "thanks_heading": "Kiitos, viestisi on vastaanotettu",
        "thanks_text": "Elinkeinoasiamiehemme ottaa sinuun yhteyttä muutaman arkipäivän "
        "kuluessa.",
    },
    "sv": {
        "index_title": "Evenemang",
        "index_slug": "evenemang",
        "index_intro": "Seminarier och webbinarier för företag och investerare.",
        "events": {
            "seminar": ("Livskraftsseminarium: {town}", "livskraftsseminarium",
                        "Företag, läroanstalter och staden berättar om kommande investeringar."),
            "webinar": ("Webbinarium: kompetens och rekrytering", "rekryteringswebbinarium",
                        "Hur lockar man experter till en regionstad? Ett webbevenemang för alla."),
            "past": ("Företagsmorgon: {town}", "foretagsmorgon",
                     "Morgonkaffe och aktuellt för företagare."),
        },
        "venue": "Stadshuset, {town}",
        "invest_title": "Invest in {town}",
        "invest_slug": "investera",
        "invest_intro": "Varför {town}? Kunniga människor, färdiga tomter och snabb service.",
        "invest_sites": "<p>Staden har planlagda industritomter i hamnen och på "
        "företagsområdena. Vi hjälper med tillstånd, finansiering och rekrytering.</p>",
        "figures_heading": "Nyckeltal",
        "figures": [("9", "minuter till motorvägen"), ("120 ha", "planlagd företagsmark"),
                    ("3", "högskoleenheter i regionen")],
        "competences_heading": "Vårt kunnande",
        "actors_heading": "Aktörer",
        "form_heading": "Kontakta oss",
        "form_intro": "Berätta om ditt projekt så kontaktar vårt näringslivsombud dig.",
        "consent": "Jag godkänner att stadens näringslivstjänster sparar uppgifterna i sitt "
        "kundregister och kontaktar mig om min förfrågan.",
        "thanks_heading": "Tack, vi har tagit emot ditt meddelande",
        "thanks_text": "Vårt näringslivsombud kontaktar dig inom några arbetsdagar.",
    },
    "en": {
        "index_title": "Events",
        "index_slug": "events",
        "index_intro": "Seminars and webinars for companies and investors.",
        "events": {
            "seminar": ("Vitality seminar: {town}", "vitality-seminar",
                        "Companies, schools and the town present coming investments."),
            "webinar": ("Webinar: talent and recruitment", "recruitment-webinar",
                        "How to attract skilled people to a regional town? Online, open to all."),
            "past": ("Business breakfast: {town}", "business-breakfast",
                     "Morning coffee and news for entrepreneurs."),
        },
        "venue": "Town hall, {town}",
        "invest_title": "Invest in {town}",
        "invest_slug": "invest",
        "invest_intro": "Why {town}? Skilled people, ready sites and fast service.",
        "invest_sites": "<p>The town has zoned industrial sites at the port and in its "
        "business parks. We help with permits, funding and recruitment.</p>",
        "figures_heading": "Key figures",
        "figures": [("9", "minutes to the motorway"), ("120 ha", "of zoned business land"),
                    ("3", "higher-education units in the region")],
        "competences_heading": "Our competence",
        "actors_heading": "Actors",
        "form_heading": "Get in touch",
        "form_intro": "Tell us about your project and our business developer will contact you.",
        "consent": "I agree that the town's business services store the information I give in "
        "their customer register and contact me about my inquiry.",
        "thanks_heading": "Thank you, we received your message",
        "thanks_text": "Our business developer will contact you within a few working days.",
    },
}

# (key, kind, days from today, start hour in Helsinki, hours, online link, recording)
EVENTS = [
    ("seminar", EventKind.SEMINAR, 14, 13, 3, "", ""),
    ("webinar", EventKind.WEBINAR, 28, 9, 1, "https://meet.example.fi/seutu-webinaari", ""),
    ("past", EventKind.SEMINAR, -45, 8, 2, "", "https://video.example.fi/yritysaamu"),
]


def _at(days, hour):
    day = timezone.localdate(timezone=HELSINKI) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HELSINKI)


def _venue(key, online_url, texts, town_name):
    return "" if online_url else texts["venue"].format(town=town_name)


def build_events(demo_site):
    """An event index per town with an upcoming seminar, a webinar and a past seminar."""
    texts = TEXTS["fi"]
    for town_page in demo_site.town_pages.values():
        town_name = town_page.town.name_fi
        index, created = demo._child(
            town_page, EventIndexPage, slug=texts["index_slug"], title=texts["index_title"],
            introduction=texts["index_intro"],
        )
        if created:
            demo_site.note(index)
        for key, kind, days, hour, hours, online_url, recording in EVENTS:
            title, slug, introduction = texts["events"][key]
            event, created = demo._child(
                index, EventPage, slug=slug, title=title.format(town=town_name), kind=kind,
                start=_at(days, hour), end=_at(days, hour) + datetime.timedelta(hours=hours),
                introduction=introduction, venue=_venue(key, online_url, texts, town_name),
                online_url=online_url, recording_url=recording,
                registration_url="" if days < 0 else "https://lomake.example.fi/ilmoittaudu",
            )
            if created:
                demo_site.note(event)


def _invest_in_body(town, texts):
    competences = [c.pk for c in demo._top_competences(town)]
    actors = [o.pk for o in public_organisations(town=town)[:4]]
    return [
        {"type": "key_figures", "value": {"heading": texts["figures_heading"], "figures": [
            {"value": value, "label": label} for value, label in texts["figures"]]}},
        {"type": "paragraph", "value": texts["invest_sites"]},
        {"type": "competence_list", "value": {"heading": texts["competences_heading"],
                                              "competences": competences}},
        {"type": "actor_cards", "value": {"heading": texts["actors_heading"],
                                          "organisations": actors}},
    ]


def _invest_in_fields(town, texts, town_name):
    return {
        "title": texts["invest_title"].format(town=town_name),
        "introduction": texts["invest_intro"].format(town=town_name),
        "body": _invest_in_body(town, texts),
        "form_heading": texts["form_heading"],
        "form_introduction": texts["form_intro"],
        "consent_text": texts["consent"],
        "thank_you_heading": texts["thanks_heading"],
        "thank_you_text": texts["thanks_text"],
    }


def build_invest_in(demo_site):
    """An Invest-in page per network town, with the contact form."""
    texts = TEXTS["fi"]
    for town_page in demo_site.town_pages.values():
        town = town_page.town
        page, created = demo._child(
            town_page, InvestInPage, slug=texts["invest_slug"],
            **_invest_in_fields(town, texts, town.name_fi),
        )
        if created:
            demo_site.note(page)


def _translate_event_index(page, language, town_name):
    texts = TEXTS[language]
    return {"title": texts["index_title"], "slug": texts["index_slug"],
            "introduction": texts["index_intro"]}


def _translate_event(page, language, town_name):
    texts = TEXTS[language]
    key = {slug: key for key, (_t, slug, _i) in TEXTS["fi"]["events"].items()}[page.slug]
    title, slug, introduction = texts["events"][key]
    return {"title": title.format(town=town_name), "slug": slug, "introduction": introduction,
            "venue": _venue(key, page.online_url, texts, town_name)}


def _translate_invest_in(page, language, town_name):
    texts = TEXTS[language]
    return {"slug": texts["invest_slug"], **_invest_in_fields(page.town, texts, town_name)}


demo.TRANSLATORS.update({
    EventIndexPage: _translate_event_index,
    EventPage: _translate_event,
    InvestInPage: _translate_invest_in,
})
for _builder in (build_events, build_invest_in):
    if _builder not in demo.BUILDERS:
        demo.BUILDERS.insert(demo.BUILDERS.index(demo.build_translations), _builder)
