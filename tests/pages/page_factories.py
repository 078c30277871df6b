"""Building page trees for the page tests: a home page as site root, and pages below it."""

import datetime

from wagtail.models import Locale, Page, Site

from seutu_pages.models import (
    ActorDirectoryPage,
    NetworkHomePage,
    StoryIndexPage,
    StoryPage,
    StrategyPage,
    TownFeaturedActor,
    TownPage,
)
from tests.factories import TownFactory


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_home(title="Seutukaupungit"):
    """A Finnish NetworkHomePage as the default site's root, with sv and en locales."""
    for code in ("sv", "en"):
        Locale.objects.get_or_create(language_code=code)
    home = publish(Page.get_first_root_node(), NetworkHomePage(title=title, slug="koti"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": title},
    )
    return home


def make_town_page(home, town=None, actors=(), **fields):
    town = town or TownFactory()
    fields.setdefault("title", town.name_fi)
    fields.setdefault("slug", f"kaupunki-{town.code}")
    page = TownPage(town=town, **fields)
    for order, organisation in enumerate(actors):
        page.featured_actors.add(TownFeaturedActor(organisation=organisation, sort_order=order))
    return publish(home, page)


def make_directory(parent, town=None, slug="toimijat", **fields):
    return publish(
        parent, ActorDirectoryPage(title=fields.pop("title", "Toimijat"), slug=slug, town=town)
    )


def make_story_index(parent, slug="tarinat"):
    return publish(parent, StoryIndexPage(title="Tarinat", slug=slug))


def make_story(index, n=0, towns=(), **fields):
    fields.setdefault("title", f"Tarina {n}")
    fields.setdefault("slug", f"tarina-{n}")
    fields.setdefault("date", datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    story = StoryPage(**fields)
    story = publish(index, story)
    if towns:
        story.towns.set(towns)
        story.save_revision().publish()
    return story


def make_strategy(parent, **fields):
    fields.setdefault("title", "Strategia")
    fields.setdefault("slug", "strategia")
    return publish(parent, StrategyPage(**fields))


def translate(page, language, **fields):
    """Publish a translation of ``page`` into ``language`` with ``fields`` changed."""
    locale = Locale.objects.get(language_code=language)
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation
