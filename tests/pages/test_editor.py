"""Editors can open the page editor for every page type of this app."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory

from .page_factories import (
    make_directory,
    make_story,
    make_story_index,
    make_strategy,
    make_town_page,
)


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_editor_opens_the_edit_form_of_every_page_type(editor_client, home):
    town_page = make_town_page(home)
    index = make_story_index(town_page)
    pages = [
        home,
        town_page,
        make_directory(town_page, town=town_page.town),
        make_strategy(town_page),
        index,
        make_story(index),
    ]
    for page in pages:
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, type(page).__name__


def test_editor_opens_the_add_form_of_a_town_page(editor_client, home):
    url = reverse("wagtailadmin_pages:add", args=["seutu_pages", "townpage", home.pk])

    response = editor_client.get(url)

    assert response.status_code == 200
    assert 'name="featured_actors-TOTAL_FORMS"' in response.content.decode()


def test_organisation_chooser_offers_public_organisations_only(editor_client, home):
    OrganisationFactory(name="Avoin Oy")
    OrganisationFactory(name="Piilotettu Oy", is_public=False)

    response = editor_client.get(reverse("seutu_pages_organisation_chooser:choose"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Avoin Oy" in html
    assert "Piilotettu Oy" not in html


def test_a_page_editor_can_use_the_organisation_chooser(client, home):
    from django.contrib.auth.models import Group

    from seutu_crm.services.roles import EDITORS, ensure_groups

    ensure_groups()
    editor = UserFactory(username="sivutoimittaja")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    OrganisationFactory(name="Avoin Oy")

    response = client.get(reverse("seutu_pages_organisation_chooser:choose"))

    assert response.status_code == 200
    assert "Avoin Oy" in response.content.decode()
