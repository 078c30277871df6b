"""Builders of small public page trees for the event, Invest-in and SEO tests."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from seutu_pages.models import (
    EventIndexPage,
    EventKind,
    EventPage,
    InvestInPage,
    NetworkHomePage,
    TownPage,
)
from tests.factories import TownFactory


def locales():
    """The site's three locales, Finnish being the default."""
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fi", "sv", "en")}


def wagtail_roots():
    """What Wagtail's and wagtail-localize's migrations create and a transactional test's
    flush removes: the root page and collection, the "submit translation" permission.
    Returns the root page."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection

    locales()
    Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(
            app_label="wagtail_localize", model="translation"
        )[0],
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


def network_home(title="Seutukaupungit"):
    root = wagtail_roots()
    home = root.add_child(instance=NetworkHomePage(title=title, slug="seutu"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


def town_page(home, town=None, **fields):
    town = town or TownFactory()
    fields.setdefault("title", town.name_fi)
    fields.setdefault("slug", f"kaupunki-{town.code}")
    return home.add_child(instance=TownPage(town=town, **fields))


def event_index(parent, **fields):
    fields.setdefault("title", "Tapahtumat")
    fields.setdefault("slug", "tapahtumat")
    return parent.add_child(instance=EventIndexPage(**fields))


def event_page(index, *, starts_in=timedelta(days=7), hours=2, **fields):
    start = timezone.now().replace(microsecond=0) + starts_in
    fields.setdefault("title", "Biotalouden seminaari")
    fields.setdefault("slug", f"tapahtuma-{EventPage.objects.count() + 1}")
    fields.setdefault("kind", EventKind.SEMINAR)
    fields.setdefault("venue", "Kaupungintalo, Raatihuoneenkatu 1")
    fields.setdefault("start", start)
    fields.setdefault("end", start + timedelta(hours=hours))
    return index.add_child(instance=EventPage(**fields))


def invest_in_page(parent, **fields):
    fields.setdefault("title", "Investoi meille")
    fields.setdefault("slug", "investoi")
    return parent.add_child(instance=InvestInPage(**fields))


def translate(page, language):
    """A live copy of ``page`` in ``language`` (wagtail's copy_for_translation, published)."""
    locale = Locale.objects.get(language_code=language)
    translated = page.copy_for_translation(locale, copy_parents=True, alias=False)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated.specific
