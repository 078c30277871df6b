"""The competence taxonomy in the admin: locales, translation, history, chooser."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from seutu_crm.models import Competence
from tests.crm.admin_users import coordinator, groups, viewer, town  # noqa: F401  (fixtures)
from tests.factories import CompetenceFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_seutu_crm_competence:list")


@pytest.fixture
def swedish(db):
    return Locale.objects.get_or_create(language_code="sv")[0]


def test_listing_shows_each_rows_locale(client, viewer, swedish):
    finnish = CompetenceFactory(name="Biotalous")
    CompetenceFactory(
        name="Bioekonomi", locale=swedish, translation_key=finnish.translation_key
    )
    client.force_login(viewer)
    response = client.get(LIST_URL, {"locale": ""})
    html = response.content.decode()
    assert "Biotalous" in html and "Bioekonomi" in html
    assert "Swedish" in html or "svenska" in html or "ruotsi" in html


def test_listing_filters_by_locale(client, viewer, swedish):
    finnish = CompetenceFactory(name="Biotalous")
    CompetenceFactory(
        name="Bioekonomi", locale=swedish, translation_key=finnish.translation_key
    )
    client.force_login(viewer)
    response = client.get(LIST_URL, {"locale": "sv"})
    assert [c.name for c in response.context["object_list"]] == ["Bioekonomi"]


def test_coordinator_sees_the_translate_action(client, coordinator, swedish):
    competence = CompetenceFactory(name="Biotalous")
    client.force_login(coordinator)
    html = client.get(LIST_URL).content.decode()
    translate_url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["seutu_crm", "competence", competence.pk],
    )
    assert translate_url in html


def test_coordinator_translates_a_competence_with_wagtail_localize(client, coordinator, swedish):
    competence = CompetenceFactory(name="Biotalous")
    client.force_login(coordinator)
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["seutu_crm", "competence", competence.pk],
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [swedish.pk]})
    assert response.status_code == 302
    translation = Competence.objects.get(locale=swedish, translation_key=competence.translation_key)
    assert translation.slug == competence.slug


def test_viewer_sees_no_translate_action(client, viewer, swedish):
    competence = CompetenceFactory(name="Biotalous")
    client.force_login(viewer)
    html = client.get(LIST_URL).content.decode()
    assert f"/translate/seutu_crm/competence/{competence.pk}/" not in html


def test_search_finds_a_competence_by_synonym(client, viewer):
    CompetenceFactory(name="Vetytalous", synonyms="vety, hydrogen")
    CompetenceFactory(name="Matkailu")
    client.force_login(viewer)
    response = client.get(LIST_URL, {"q": "hydrogen"})
    assert [c.name for c in response.context["object_list"]] == ["Vetytalous"]


def test_filter_by_broader_competence(client, viewer):
    energy = CompetenceFactory(name="Energia")
    CompetenceFactory(name="Vety", parent=energy)
    CompetenceFactory(name="Matkailu")
    client.force_login(viewer)
    response = client.get(LIST_URL, {"parent": energy.pk})
    assert [c.name for c in response.context["object_list"]] == ["Vety"]


def test_coordinator_edits_and_compares_revisions(client, coordinator):
    competence = CompetenceFactory(name="Akkuteknologia", slug="akut")
    edit_url = reverse("wagtailsnippets_seutu_crm_competence:edit", args=[competence.pk])
    client.force_login(coordinator)
    for name in ["Akut", "Akkuteollisuus"]:
        response = client.post(
            edit_url,
            {"name": name, "slug": "akut", "parent": "", "synonyms": "", "description": ""},
        )
        assert response.status_code == 302
    first, second = competence.revisions.order_by("created_at", "pk")
    history = client.get(
        reverse("wagtailsnippets_seutu_crm_competence:history", args=[competence.pk])
    )
    assert history.status_code == 200
    compare = client.get(
        reverse(
            "wagtailsnippets_seutu_crm_competence:revisions_compare",
            args=[competence.pk, first.pk, second.pk],
        )
    )
    assert compare.status_code == 200
    assert "Akkuteollisuus" in compare.content.decode()


def test_competence_chooser_lists_broader_competence(client, viewer):
    energy = CompetenceFactory(name="Energia")
    CompetenceFactory(name="Vety", parent=energy)
    client.force_login(viewer)
    response = client.get(
        reverse("wagtailsnippetchoosers_seutu_crm_competence:choose_results"), {"q": "Vety"}
    )
    assert [c.name for c in response.context["results"]] == ["Vety"]
    assert "Energia" in response.content.decode()
