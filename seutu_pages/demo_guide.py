"""The demo's cooperation guide: how a regional town builds its cooperation with
universities and universities of applied sciences, in fi, sv and en.

The guide sits under the network's home page; its examples block shows the ties the demo's
business developers marked as public examples (``seutu_crm.demo.cooperation``). The Swedish
and English guides are translations of the Finnish one, as an editor would make them.
"""

import uuid

from wagtail.models import Locale

from .demo_tree import child, translate
from .models import CooperationGuidePage

SLUG = "korkeakouluyhteistyo"

TEXTS = {
    "fi": {
        "title": "Korkeakouluyhteistyö seutukaupungissa",
        "slug": SLUG,
        "introduction": (
            "<p>Näin seutukaupunki rakentaa pysyvää yhteistyötä yliopistojen ja "
            "ammattikorkeakoulujen kanssa: opinnäytetöistä ja harjoitteluista yhteisiin "
            "TKI-hankkeisiin ja kumppanuussopimukseen. Malli kokoaa verkoston kaupunkien "
            "kokemukset.</p>"
        ),
        "steps": [
            ("Tunnista osaamistarpeet",
             "<p>Aloita kaupungin osaamisvajeista: mitä osaamista alueen yritykset tarvitsevat "
             "nyt ja viiden vuoden kuluttua? Elinkeinoasiamiehet kokoavat tarpeet "
             "yrityskäynneiltä ja ekosysteemin tilannekuvasta.</p>",
             ["Osaamisvajeet on käyty läpi yritysten kanssa.",
              "Kolme tärkeintä tarvetta on valittu.",
              "Jokaiselle tarpeelle on nimetty vastuuhenkilö kaupungilta."]),
            ("Valitse korkeakoulukumppanit",
             "<p>Etsi korkeakoulut, joiden osaaminen vastaa tarpeita. Lähin korkeakoulu ei aina "
             "ole paras: katso myös, missä aiheen tutkimus on vahvinta.</p>",
             ["Kumppaniehdokkaiden osaamista on verrattu tarpeisiin.",
              "Korkeakoulun yritysyhteistyöstä vastaava henkilö on tavattu.",
              "Yhteistyön tavoitteet on kirjattu yhdessä."]),
            ("Aloita pienestä: opinnäytetyöt ja harjoittelut",
             "<p>Opinnäytetyöt, harjoittelut ja vierailuluennot tuovat opiskelijat yrityksiin ja "
             "näyttävät, millaisia työpaikkoja seudulla on. Ne ovat myös nopein tapa rakentaa "
             "luottamusta.</p>",
             ["Yritykset ovat antaneet opinnäytetöiden aiheita.",
              "Harjoittelupaikat on ilmoitettu korkeakoulun kanavissa ajoissa.",
              "Opiskelijoiden asuminen ja liikkuminen seudulla on ratkaistu."]),
            ("Syvennä yhteistyö yhteisiksi TKI-hankkeiksi",
             "<p>Kun yhteistyö toimii, rakenna yhteisiä tutkimus-, kehitys- ja "
             "innovaatiohankkeita. Yritysten tuotantotilat ovat korkeakoululle arvokas "
             "koeympäristö.</p>",
             ["Hankkeelle on valittu rahoituslähde.",
              "Yritysten omarahoitusosuudesta on sovittu.",
              "Tulosten omistuksesta ja julkaisemisesta on sovittu kirjallisesti."]),
            ("Sovi kumppanuudesta",
             "<p>Kumppanuussopimus kokoaa yhteistyön: yhteiset painopisteet, yhteyshenkilöt ja "
             "vuosittainen tapaaminen. Seuraa sopimuksen toteutumista kirjaamalla jokainen "
             "yhteistyö Seutuun.</p>",
             ["Sopimuksessa on nimetty painopisteet ja yhteyshenkilöt.",
              "Yhteistyö arvioidaan kerran vuodessa.",
              "Jokainen yhteistyö on kirjattu Seutuun."]),
        ],
        "examples_heading": "Esimerkkejä verkoston kaupungeista",
    },
    "sv": {
        "title": "Högskolesamarbete i en regionstad",
        "slug": "hogskolesamarbete",
        "introduction": (
            "<p>Så bygger en regionstad ett bestående samarbete med universitet och "
            "yrkeshögskolor: från examensarbeten och praktik till gemensamma FUI-projekt och "
            "ett partnerskapsavtal. Modellen samlar nätverksstädernas erfarenheter.</p>"
        ),
        "steps": [
            ("Identifiera kompetensbehoven",
             "<p>Börja med stadens kompetensluckor: vilken kompetens behöver företagen i "
             "regionen i dag och om fem år? Näringslivsombuden samlar behoven från "
             "företagsbesöken och från ekosystemets lägesbild.</p>",
             ["Kompetensluckorna har gåtts igenom med företagen.",
              "De tre viktigaste behoven har valts.",
              "Varje behov har en ansvarsperson vid staden."]),
            ("Välj samarbetshögskolor",
             "<p>Sök de högskolor vars kompetens motsvarar behoven. Den närmaste högskolan är "
             "inte alltid den bästa: se också var forskningen inom området är starkast.</p>",
             ["De tänkbara partnernas kompetens har jämförts med behoven.",
              "Högskolans ansvariga för företagssamarbete har träffats.",
              "Målen för samarbetet har skrivits ned tillsammans."]),
            ("Börja i liten skala: examensarbeten och praktik",
             "<p>Examensarbeten, praktikplatser och gästföreläsningar för studerande till "
             "företagen och visar vilka arbetsplatser som finns i regionen. De är också det "
             "snabbaste sättet att bygga förtroende.</p>",
             ["Företagen har gett ämnen för examensarbeten.",
              "Praktikplatserna har annonserats i högskolans kanaler i god tid.",
              "De studerandes boende och resor i regionen är ordnade."]),
            ("Fördjupa samarbetet i gemensamma FUI-projekt",
             "<p>När samarbetet fungerar kan du bygga gemensamma projekt för forskning, "
             "utveckling och innovation. Företagens produktionslokaler är en värdefull "
             "testmiljö för högskolan.</p>",
             ["Projektet har en vald finansieringskälla.",
              "Företagens självfinansieringsandel är överenskommen.",
              "Äganderätten till resultaten och publiceringen är avtalad skriftligt."]),
            ("Avtala om partnerskap",
             "<p>Ett partnerskapsavtal samlar samarbetet: gemensamma prioriteringar, "
             "kontaktpersoner och ett årligt möte. Följ upp avtalet genom att registrera varje "
             "samarbete i Seutu.</p>",
             ["Avtalet namnger prioriteringarna och kontaktpersonerna.",
              "Samarbetet utvärderas en gång om året.",
              "Varje samarbete är registrerat i Seutu."]),
        ],
        "examples_heading": "Exempel från nätverkets städer",
    },
    "en": {
        "title": "Higher-education cooperation in a regional town",
        "slug": "higher-education-cooperation",
        "introduction": (
            "<p>How a regional town builds lasting cooperation with universities and "
            "universities of applied sciences: from theses and placements to joint RDI "
            "projects and a partnership agreement. The model gathers the experience of the "
            "network's towns.</p>"
        ),
        "steps": [
            ("Identify the competence needs",
             "<p>Start from the town's competence gaps: what do the region's companies need "
             "now, and in five years? Business developers gather the needs from company "
             "visits and from the ecosystem's situational picture.</p>",
             ["The competence gaps have been reviewed with the companies.",
              "The three most important needs have been chosen.",
              "Each need has a person responsible at the town."]),
            ("Choose the higher-education partners",
             "<p>Look for the institutions whose competence matches the needs. The nearest "
             "one is not always the best: see also where research on the subject is "
             "strongest.</p>",
             ["The candidates' competence has been compared with the needs.",
              "The institution's head of business cooperation has been met.",
              "The goals of the cooperation have been written down together."]),
            ("Start small: theses and placements",
             "<p>Theses, placements and guest lectures bring students to the companies and "
             "show them what jobs the region offers. They are also the quickest way to build "
             "trust.</p>",
             ["The companies have offered thesis topics.",
              "Placements have been announced in the institution's channels in good time.",
              "Students' housing and travel in the region have been arranged."]),
            ("Deepen it into joint RDI projects",
             "<p>Once the cooperation works, build joint research, development and "
             "innovation projects. The companies' production sites are a valuable test "
             "environment for the institution.</p>",
             ["The project has a chosen source of funding.",
              "The companies' own share of the funding has been agreed.",
              "Ownership and publication of the results have been agreed in writing."]),
            ("Agree on a partnership",
             "<p>A partnership agreement brings the cooperation together: shared priorities, "
             "contact persons and a yearly meeting. Follow the agreement up by recording each "
             "piece of cooperation in Seutu.</p>",
             ["The agreement names the priorities and the contact persons.",
              "The cooperation is reviewed once a year.",
              "Every piece of cooperation is recorded in Seutu."]),
        ],
        "examples_heading": "Examples from the network's towns",
    },
}


def checklist_items(items):
    """A checklist as the editor stores it: items with ids, which translations follow."""
    return [{"type": "item", "value": item, "id": str(uuid.uuid4())} for item in items]


def guide_fields(language):
    """The guide's title, slug, introduction and content in ``language``."""
    texts = TEXTS[language]
    return {
        "title": texts["title"],
        "slug": texts["slug"],
        "introduction": texts["introduction"],
        "steps": [
            {"type": "step", "value": {"title": title, "text": text,
                                       "checklist": checklist_items(checklist)}}
            for title, text, checklist in texts["steps"]
        ],
        "body": [
            {"type": "tie_examples", "value": {
                "heading": texts["examples_heading"], "kinds": [], "own_town_only": False,
                "limit": 6}},
        ],
    }


def build_cooperation_guide(demo):
    """The network's guide in Finnish, and its Swedish and English translations wherever the
    home page has been translated."""
    fields = guide_fields("fi")
    guide, created = child(demo.home, CooperationGuidePage, show_in_menus=True, **fields)
    if created:
        demo.note(guide)
    for language in ("sv", "en"):
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None or demo.home.get_translation_or_none(locale) is None:
            continue
        translation, created = translate(guide, locale, guide_fields(language))
        if created:
            demo.note(translation)
