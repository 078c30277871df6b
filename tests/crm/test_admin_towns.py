"""Towns and regions in the admin."""

import pytest
from django.urls import reverse

from tests.crm.admin_users import viewer, town  # noqa: F401  (fixtures)
from tests.factories import RegionFactory, TownFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_seutu_crm_town:list")


def names(response):
    return {t.name_fi for t in response.context["object_list"]}


def test_listing_shows_code_region_and_swedish_name(client, viewer):
    region = RegionFactory(code="15", name_fi="Pohjanmaa", name_sv="Österbotten")
    TownFactory(code="287", name_fi="Kristiinankaupunki", name_sv="Kristinestad", region=region)
    client.force_login(viewer)
    html = client.get(LIST_URL).content.decode()
    for text in ["Kristiinankaupunki", "Kristinestad", "287", "Pohjanmaa"]:
        assert text in html


def test_filter_by_region_and_network(client, viewer):
    region = RegionFactory(code="17")
    TownFactory(code="305", name_fi="Kuusamo", region=region, in_network=True)
    TownFactory(code="564", name_fi="Oulu", region=region, in_network=False)
    TownFactory(code="111", name_fi="Heinola", in_network=True)
    client.force_login(viewer)
    assert names(client.get(LIST_URL, {"region": region.pk})) == {"Kuusamo", "Oulu"}
    assert names(client.get(LIST_URL, {"region": region.pk, "in_network": "true"})) == {"Kuusamo"}


def test_search_by_swedish_name(client, viewer):
    TownFactory(code="678", name_fi="Raahe", name_sv="Brahestad")
    TownFactory(code="684", name_fi="Rauma", name_sv="Raumo")
    client.force_login(viewer)
    assert names(client.get(LIST_URL, {"q": "brahe"})) == {"Raahe"}
