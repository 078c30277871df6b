"""Demo content of the public site, built on the CRM demo data (run ``seutu_demo`` first).

:func:`build_demo_site` runs the builders in :data:`BUILDERS` in order; each takes the shared
:class:`DemoSite` and creates what is missing, so running it again changes nothing. To add
a kind of content (events, Invest-in pages), write a builder and add it to the list before
``build_translations``, which copies the finished Finnish subtrees into Swedish and English.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from seutu_crm.models import Competence, Organisation, Town
from seutu_crm.queries_public import competence_translations, public_organisations

from .choices import StoryKind
from .demo_guide import build_cooperation_guide
from .demo_strategies import extra_focus_areas, goal_blocks, translated_goals
from .demo_tree import child as _child
from .demo_tree import translate as _translate
from .models import (
    ActorDirectoryPage,
    NetworkHomePage,
    StoryIndexPage,
    StoryPage,
    StrategyPage,
    TownFeaturedActor,
    TownPage,
)

SITE_NAME = "Seutukaupungit"
HOME_SLUG = "seutukaupungit"
FEATURED_ACTORS_PER_TOWN = 8

# Which towns' pages are translated, and into which languages (by municipality code).
TRANSLATED_TOWNS = {"sv": ["287"], "en": ["678", "740"]}

# Page texts by language; ``{town}`` is the town's name in that language.
TEXTS = {
    "fi": {
        "home_title": "Seutukaupungit",
        "home_intro": "<p>Yhdeksän seutukaupunkia esittelee osaamisensa, toimijansa ja "
        "tapahtumansa. Löydä kumppani, sijoituskohde tai uusi kotikaupunki.</p>",
        "faq_heading": "Usein kysyttyä",
        "faq": [
            ("Mikä on seutukaupunkiverkosto?", "<p>Yhdeksän alueellisen kaupungin yhteistyö "
             "elinvoiman, osaamisen ja investointien edistämiseksi.</p>"),
            ("Miten löydän yhteistyökumppanin?", "<p>Käytä hakua tai kaupunkien "
             "toimijahakemistoja: ne listaavat julkiset yritykset ja organisaatiot.</p>"),
        ],
        "stories_heading": "Tarinoita verkostosta",
        "events_heading": "Tulevat tapahtumat",
        "town_intro": "<p>{town} on elinvoimainen seutukaupunki, jossa yritykset, "
        "oppilaitokset ja kaupunki kehittävät osaamista yhdessä.</p>",
        "figure_actors": "julkista toimijaa rekisterissä",
        "figure_competences": "osaamisalaa toimijoilla",
        "contact_title": "elinkeinoasiamies",
        "directory_title": "Toimijat",
        "directory_intro": "<p>Kaupungin yritykset, oppilaitokset ja muut toimijat.</p>",
        "network_directory_title": "Kaikki toimijat",
        "strategy_title": "Elinvoimastrategia",
        "vision": "<p>{town} on vuonna 2030 tunnettu osaamisestaan ja hyvästä "
        "yritysilmapiiristään.</p>",
        "focus": "Osaamiskärki: {competence}",
        "goals": [
            ("Lisää työpaikkoja", "Työpaikkojen määrä", "työpaikkaa", 8000, 8600, 8240),
            ("Uusia yrityksiä", "Aloittaneet yritykset vuodessa", "yritystä", 90, 130, 104),
            ("Investoinnit kasvuun", "Uudet investoinnit", "milj. €", 20, 60, 38),
        ],
        "goal_year": 2030,
        "slugs": {"directory": "toimijat", "strategy": "strategia", "stories": "tarinat",
                  "success": "menestystarina", "news": "uutinen"},
        "story_index_title": "Tarinat",
        "story_index_intro": "<p>Menestystarinoita, hyviä käytäntöjä ja uutisia.</p>",
        "success_title": "Kasvua osaamisesta: {town}",
        "success_summary": "Paikallinen yritys kasvoi yhteistyössä oppilaitosten kanssa.",
        "success_body": "<p>Yhteistyö kaupungin, oppilaitosten ja yritysten kesken toi "
        "{town}un uusia työpaikkoja ja osaajia.</p>",
        "news_title": "Uusi yrityspalvelupiste avattiin: {town}",
        "news_summary": "Yrityspalvelut löytyvät nyt yhdestä paikasta.",
        "news_body": "<p>Uusi palvelupiste neuvoo yrittäjiä rahoituksessa, tiloissa ja "
        "rekrytoinneissa.</p>",
        "practice_title": "Hyvä käytäntö muualta: yrityskummit",
        "practice_summary": "Kokeneet yrittäjät tukevat aloittajia vapaaehtoisesti.",
        "practice_body": "<p>Yrityskummitoiminta on levinnyt moneen kaupunkiin; sen voi "
        "aloittaa pienellä panoksella.</p>",
    },
    "sv": {
        "home_title": "Regionstäderna",
        "home_intro": "<p>Nio regionstäder presenterar sitt kunnande, sina aktörer och "
        "evenemang. Hitta en partner, ett investeringsobjekt eller en ny hemstad.</p>",
        "town_intro": "<p>{town} är en livskraftig regionstad där företag, läroanstalter och "
        "staden utvecklar kunnandet tillsammans.</p>",
        "figure_actors": "offentliga aktörer i registret",
        "figure_competences": "kompetensområden hos aktörerna",
        "contact_title": "näringslivsombud",
        "directory_title": "Aktörer",
        "directory_intro": "<p>Stadens företag, läroanstalter och andra aktörer.</p>",
        "strategy_title": "Livskraftsstrategi",
        "vision": "<p>År 2030 är {town} känd för sitt kunnande och goda företagsklimat.</p>",
        "focus": "Kompetensspets: {competence}",
        "goals": [
            ("Fler arbetsplatser", "Antal arbetsplatser", "arbetsplatser"),
            ("Nya företag", "Nya företag per år", "företag"),
            ("Investeringar i tillväxt", "Nya investeringar", "milj. €"),
        ],
        "slugs": {"directory": "aktorer", "strategy": "strategi", "stories": "berattelser",
                  "success": "framgangshistoria", "news": "nyhet"},
        "story_index_title": "Berättelser",
        "story_index_intro": "<p>Framgångshistorier, goda exempel och nyheter.</p>",
        "success_title": "Tillväxt genom kunnande: {town}",
        "success_summary": "Ett lokalt företag växte i samarbete med läroanstalterna.",
        "success_body": "<p>Samarbetet mellan staden, läroanstalterna och företagen gav nya "
        "arbetsplatser och experter.</p>",
        "news_title": "Ny företagsservicepunkt öppnad: {town}",
        "news_summary": "Företagstjänsterna finns nu på ett ställe.",
        "news_body": "<p>Servicepunkten ger råd om finansiering, lokaler och rekrytering.</p>",
    },
    "en": {
        "home_title": "Regional towns of Finland",
        "home_intro": "<p>Nine regional towns present their competence, actors and events. "
        "Find a partner, an investment site or a new home town.</p>",
        "town_intro": "<p>{town} is a vibrant regional town where companies, schools and the "
        "town develop competence together.</p>",
        "figure_actors": "public actors in the register",
        "figure_competences": "fields of competence among the actors",
        "contact_title": "business developer",
        "directory_title": "Actors",
        "directory_intro": "<p>The town's companies, schools and other actors.</p>",
        "strategy_title": "Vitality strategy",
        "vision": "<p>By 2030, {town} is known for its competence and its good business "
        "climate.</p>",
        "focus": "Focus competence: {competence}",
        "goals": [
            ("More jobs", "Number of jobs", "jobs"),
            ("New companies", "New companies a year", "companies"),
            ("Investment in growth", "New investment", "M€"),
        ],
        "slugs": {"directory": "actors", "strategy": "strategy", "stories": "stories",
                  "success": "success-story", "news": "news"},
        "story_index_title": "Stories",
        "story_index_intro": "<p>Success stories, good practice and news.</p>",
        "success_title": "Growth from competence: {town}",
        "success_summary": "A local company grew by working with the schools of the town.",
        "success_body": "<p>Cooperation between the town, its schools and companies brought "
        "new jobs and skilled people.</p>",
        "news_title": "New business service point opened: {town}",
        "news_summary": "Business services are now found in one place.",
        "news_body": "<p>The service point advises entrepreneurs on funding, premises and "
        "recruitment.</p>",
    },
}

# The business developer each demo town page names (fictional people).
CONTACTS = {
    "111": ("Heini Lahtinen", "0401234111"),
    "140": ("Iiro Salmi", "0401234140"),
    "232": ("Kaisa Joki", "0401234232"),
    "249": ("Keijo Ruuska", "0401234249"),
    "287": ("Kristina Sund", "0401234287"),
    "305": ("Kusti Aho", "0401234305"),
    "678": ("Raili Hela", "0401234678"),
    "740": ("Sami Linna", "0401234740"),
    "684": ("Raimo Uusi", "0401234684"),
}


@dataclass
class DemoSite:
    """What the builders share: the Finnish home page and town pages, and what they did."""

    home: NetworkHomePage | None = None
    town_pages: dict = field(default_factory=dict)  # municipality code -> TownPage (fi)
    created: list = field(default_factory=list)
    log: callable = print

    def note(self, page):
        self.created.append(page)


def _richtext_blocks(*pairs):
    return [{"type": kind, "value": value} for kind, value in pairs]


def build_home(demo):
    """The Finnish home page, made the default site's root in place of Wagtail's welcome page."""
    texts = TEXTS["fi"]
    root = Page.get_first_root_node()
    if root is None:
        # A database flushed after migrating (as transactional tests do) has no tree at all.
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    site = Site.objects.filter(is_default_site=True).first()
    home = NetworkHomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        home = NetworkHomePage(
            title=texts["home_title"],
            slug=HOME_SLUG,
            introduction=texts["home_intro"],
            body=_home_body(texts),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        demo.note(home)
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name=SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = site.site_name or SITE_NAME
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page: plain, childless, unused.
        if old_root.specific_class is Page and old_root.is_leaf() and old_root.depth == 2:
            old_root.delete()
    if not site.site_name:
        site.site_name = SITE_NAME
        site.save()
    demo.home = home


def _home_body(texts):
    return [
        {"type": "story_list", "value": {"heading": texts["stories_heading"], "index": None,
                                         "kind": "", "limit": 3}},
        {"type": "accordion", "value": {
            "heading": texts["faq_heading"],
            "items": [{"question": q, "answer": a} for q, a in texts["faq"]],
        }},
    ]


def _town_figures(town, texts):
    actors = Organisation.objects.public().filter(town=town)
    competences = Competence.objects.filter(organisations__in=actors).distinct().count()
    return [
        {"type": "figure", "value": {"value": str(actors.count()), "label": texts["figure_actors"]}},
        {"type": "figure", "value": {"value": str(competences), "label": texts["figure_competences"]}},
    ]


def _top_competences(town, limit=3):
    from django.db.models import Count

    return list(
        Competence.objects.filter(
            locale=Locale.get_default(), organisations__town=town, organisations__is_public=True
        )
        .annotate(actors=Count("organisations"))
        .order_by("-actors", "name")[:limit]
    )


def build_town_pages(demo):
    """A town page per network town, featuring some of its public actors."""
    texts = TEXTS["fi"]
    for town in Town.objects.in_network().order_by("name_fi"):
        name, phone = CONTACTS.get(town.code, ("", ""))
        page, created = _child(
            demo.home,
            TownPage,
            slug=slugify(town.name_fi),
            title=town.name_fi,
            town=town,
            introduction=texts["town_intro"].format(town=town.name_fi),
            key_figures=_town_figures(town, texts),
            contact_name=name,
            contact_title=texts["contact_title"],
            contact_email=f"elinkeinot@{slugify(town.name_fi)}.example.fi",
            contact_phone=phone,
            # The town's public ecosystem figures, computed from the register.
            body=[("ecosystem_glance", {"heading": "", "town": None})],
        )
        if created:
            page.focus_competences.set(_top_competences(town))
            for order, organisation in enumerate(
                public_organisations(town=town)[:FEATURED_ACTORS_PER_TOWN]
            ):
                page.featured_actors.add(
                    TownFeaturedActor(organisation=organisation, sort_order=order)
                )
            page.save_revision().publish()
            demo.note(page)
        demo.town_pages[town.code] = page


def build_town_content(demo):
    """Each town's actor directory, strategy and stories."""
    texts = TEXTS["fi"]
    for code, town_page in demo.town_pages.items():
        town = town_page.town
        directory, created = _child(
            town_page, ActorDirectoryPage, slug=texts["slugs"]["directory"], title=texts["directory_title"],
            introduction=texts["directory_intro"], town=town,
        )
        if created:
            demo.note(directory)
        competences = _top_competences(town)
        strategy, created = _child(
            town_page, StrategyPage, slug=texts["slugs"]["strategy"], title=texts["strategy_title"], town=town,
            vision=texts["vision"].format(town=town.name_fi),
            focus_areas=[
                {"type": "focus_area", "value": {
                    "title": texts["focus"].format(competence=c.name), "description": "",
                    "competences": [c.slug], "industries": []}}
                for c in competences
            ] + extra_focus_areas(town, "fi"),
            goals=goal_blocks(town, "fi", texts["goals"]),
        )
        if created:
            demo.note(strategy)
        index, created = _child(
            town_page, StoryIndexPage, slug=texts["slugs"]["stories"], title=texts["story_index_title"],
            introduction=texts["story_index_intro"],
        )
        if created:
            demo.note(index)
        for offset, (kind, key) in enumerate(
            [(StoryKind.SUCCESS_STORY, "success"), (StoryKind.NEWS, "news")]
        ):
            story, created = _child(
                index, StoryPage, slug=texts["slugs"][key], title=texts[f"{key}_title"].format(town=town.name_fi),
                kind=kind, date=datetime.date(2026, 9, 1) + datetime.timedelta(days=7 * offset),
                summary=texts[f"{key}_summary"],
                body=_richtext_blocks(("paragraph", texts[f"{key}_body"].format(town=town.name_fi))),
            )
            if created:
                story.towns.set([town])
                story.competences.set(competences[:2])
                story.tags.add("demo", key)
                story.save_revision().publish()
                demo.note(story)


def build_network_pages(demo):
    """The network-wide actor directory and a story index of good practice."""
    texts = TEXTS["fi"]
    directory, created = _child(
        demo.home, ActorDirectoryPage, slug="toimijat", title=texts["network_directory_title"],
        show_in_menus=True,
    )
    if created:
        demo.note(directory)
    index, created = _child(
        demo.home, StoryIndexPage, slug="tarinat", title=texts["story_index_title"],
        introduction=texts["story_index_intro"], show_in_menus=True,
    )
    if created:
        demo.note(index)
    story, created = _child(
        index, StoryPage, slug="yrityskummit", title=texts["practice_title"],
        kind=StoryKind.GOOD_PRACTICE, date=datetime.date(2026, 8, 15),
        summary=texts["practice_summary"],
        body=_richtext_blocks(("paragraph", texts["practice_body"])),
    )
    if created:
        demo.note(story)


def _translate_subtree(demo, town_page, locale):
    """Translate a town page and the pages below it that have a translator."""
    language = locale.language_code
    town = town_page.town
    town_name = town.name_sv if language == "sv" and town.name_sv else town.name_fi
    pages = [town_page] + [p.specific for p in town_page.get_descendants().order_by("path")]
    for page in pages:
        translator = TRANSLATORS.get(type(page))
        if translator is None:
            continue  # left in Finnish only
        translated, created = _translate(page, locale, translator(page, language, town_name))
        if created:
            demo.note(translated)


def _translate_town_page(page, language, town_name):
    texts = TEXTS[language]
    return {
        "title": town_name,
        "slug": slugify(town_name),
        "introduction": texts["town_intro"].format(town=town_name),
        "key_figures": _town_figures(page.town, texts),
        "contact_title": texts["contact_title"],
    }


def _translate_directory(page, language, town_name):
    texts = TEXTS[language]
    return {
        "title": texts["directory_title"],
        "slug": texts["slugs"]["directory"],
        "introduction": texts["directory_intro"],
    }


def _translate_strategy(page, language, town_name):
    texts = TEXTS[language]
    competences = _top_competences(page.town)
    names = competence_translations(competences, language)
    return {
        "title": texts["strategy_title"],
        "slug": texts["slugs"]["strategy"],
        "vision": texts["vision"].format(town=town_name),
        "focus_areas": [
            {"type": "focus_area", "value": {
                "title": texts["focus"].format(
                    competence=names.get(c.translation_key, (c.name,))[0]),
                "description": "", "competences": [c.slug], "industries": []}}
            for c in competences
        ] + extra_focus_areas(page.town, language),
        "goals": translated_goals(page, language, texts),
    }


def _translate_story_index(page, language, town_name):
    texts = TEXTS[language]
    return {
        "title": texts["story_index_title"],
        "slug": texts["slugs"]["stories"],
        "introduction": texts["story_index_intro"],
    }


def _translate_story(page, language, town_name):
    texts = TEXTS[language]
    key = {StoryKind.SUCCESS_STORY: "success", StoryKind.NEWS: "news"}[page.kind]
    return {
        "title": texts[f"{key}_title"].format(town=town_name),
        "slug": texts["slugs"][key],
        "summary": texts[f"{key}_summary"],
        "body": _richtext_blocks(("paragraph", texts[f"{key}_body"])),
    }


# How each page type of a town's subtree is translated: ``(page, language, town name) ->
# {field: value}``. Page types missing here stay in Finnish only.
TRANSLATORS = {
    TownPage: _translate_town_page,
    ActorDirectoryPage: _translate_directory,
    StrategyPage: _translate_strategy,
    StoryIndexPage: _translate_story_index,
    StoryPage: _translate_story,
}


def build_translations(demo):
    """Home in Swedish and English; Kristiinankaupunki in Swedish, Raahe and Savonlinna in English."""
    for language, codes in TRANSLATED_TOWNS.items():
        locale, _created = Locale.objects.get_or_create(language_code=language)
        texts = TEXTS[language]
        home, created = _translate(demo.home, locale, {
            "title": texts["home_title"], "introduction": texts["home_intro"], "body": [],
        })
        if created:
            demo.note(home)
        for code in codes:
            if code in demo.town_pages:
                _translate_subtree(demo, demo.town_pages[code], locale)


BUILDERS = [build_home, build_town_pages, build_town_content, build_network_pages]
# Translations come last so that they copy whatever the builders before them made.
BUILDERS.append(build_translations)
# The network's guide translates itself: it needs the translated home pages.
BUILDERS.append(build_cooperation_guide)


@transaction.atomic
def build_demo_site(log=print):
    demo = DemoSite(log=log)
    for builder in BUILDERS:
        builder(demo)
    return demo


# Events and Invest-in pages register their builders and translators on import.
from . import demo_events  # noqa: E402,F401
