"""The demo public site: built on the CRM demo data, in three languages, idempotent."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from seutu_crm.models import HigherEducationTie, Town
from seutu_pages.models import CooperationGuidePage, NetworkHomePage, TownPage


@pytest.fixture
def demo_site(db, settings):
    # Search indexing is not under test here; queue its tasks instead of running them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    call_command("seutu_demo", size=60, stdout=io.StringIO())
    call_command("seutu_pages_demo", stdout=io.StringIO())


def page_count():
    return Page.objects.count()


def test_demo_site_is_built_once_however_often_the_command_runs(demo_site, capsys):
    before = page_count()

    call_command("seutu_pages_demo")

    assert page_count() == before
    assert "0 pages created" in capsys.readouterr().out


def town_codes(language):
    return set(
        TownPage.objects.live()
        .filter(locale__language_code=language)
        .values_list("town__code", flat=True)
    )


def test_demo_site_has_a_home_and_every_town_kristinestad_in_swedish_two_in_english(demo_site):
    # Built once for several checks: building the demo takes a while.
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, NetworkHomePage)
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()  # welcome page
    assert town_codes("fi") == set(Town.objects.in_network().values_list("code", flat=True))
    assert "287" in town_codes("sv")
    assert {"678", "740"} <= town_codes("en")


def test_the_network_guide_is_in_three_languages_with_examples_from_the_demo_ties(
    demo_site, client
):
    guides = {g.locale.language_code: g for g in CooperationGuidePage.objects.live()}
    assert set(guides) == {"fi", "sv", "en"}
    assert guides["sv"].title == "Högskolesamarbete i en regionstad"
    example = HigherEducationTie.objects.filter(
        is_public_example=True, institution__is_public=True).order_by("-start_date", "-pk").first()
    assert example is not None and example.title_sv
    assert example.title_sv in client.get(guides["sv"].url).content.decode()


def test_every_demo_page_renders_in_its_language(demo_site, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    languages = set()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        language = page.locale.language_code
        assert f'<html lang="{language}">' in response.content.decode(), page.url
        languages.add(language)
    assert languages == {"fi", "sv", "en"}


def test_demo_site_builds_on_a_database_without_a_page_tree(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    Site.objects.all().delete()
    Page.objects.all().delete()  # what a flush leaves behind: no root page, no site
    call_command("seutu_demo", size=0, stdout=io.StringIO())

    call_command("seutu_pages_demo", stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, NetworkHomePage)
