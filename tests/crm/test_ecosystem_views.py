"""The Ecosystem admin: every CRM user reads the picture; every figure leads to its list."""

import csv
import io
import re
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import Role
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups
from tests.crm.admin_users import superuser  # noqa: F401  (fixtures)
from tests.crm.ecosystem_world import world  # noqa: F401
from tests.factories import (
    LeadFactory,
    OrganisationFactory,
    TownMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_seutu_crm_organisation:list")


@pytest.fixture
def kuusamo_developer(world):
    user = UserFactory(username="kuusamo-bd")
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=user, town=world.kuusamo, role=Role.BUSINESS_DEVELOPER)
    return user


def profile_url(town):
    return reverse("seutu_ecosystem:town", args=[town.code])


def links(response):
    return {unescape(m[1]): unescape(m[0]) for m in re.findall(
        r'<a href="([^"]+)">([^<]+)</a>', response.content.decode())}


def listed_names(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {o.name for o in response.context["object_list"]}


def test_a_business_developer_reads_another_towns_profile(client, world, kuusamo_developer):
    client.force_login(kuusamo_developer)
    response = client.get(profile_url(world.raahe))
    assert response.status_code == 200
    assert "Raahe" in response.content.decode()


def test_a_user_without_the_register_gets_403(client, world):
    client.force_login(UserFactory(username="outsider"))
    for url in (reverse("seutu_ecosystem:index"), profile_url(world.raahe),
                reverse("seutu_ecosystem:benchmark")):
        assert client.get(url).status_code in (302, 403)


def test_the_competence_figure_leads_to_exactly_the_actors_it_counts(
    client, world, kuusamo_developer
):
    client.force_login(kuusamo_developer)
    found = links(client.get(profile_url(world.raahe)))
    assert "4 toimijaa" in found or "4 actors" in found
    url = found.get("4 toimijaa") or found["4 actors"]
    assert listed_names(client, url) == {o.name for o in world.raahe_battery}


def test_completeness_figures_lead_to_the_actors_that_lack_the_field(client, world, superuser):
    client.force_login(superuser)
    response = client.get(profile_url(world.raahe))
    url = next(u for u in links(response).values() if "missing=business_id" in u)
    assert listed_names(client, url) == {"Kenno Oy"}
    url = next(u for u in links(response).values() if "missing=description_en" in u)
    assert "Anodi Oy" not in listed_names(client, url)


def test_new_actors_since_the_snapshot_are_listed(client, world, superuser):
    take_snapshots()
    OrganisationFactory(town=world.raahe, name="Uusi Akku Oy")
    client.force_login(superuser)
    url = next(u for u in links(client.get(profile_url(world.raahe))).values()
               if "new_since=" in u)
    assert listed_names(client, url) == {"Uusi Akku Oy"}


def test_an_unknown_town_is_404(client, world, superuser):
    client.force_login(superuser)
    assert client.get(reverse("seutu_ecosystem:town", args=["999"])).status_code == 404


def test_the_benchmark_shows_the_chosen_towns_and_exports_exactly_that(client, world, superuser):
    client.force_login(superuser)
    query = {"towns": [world.raahe.pk, world.kuusamo.pk], "general": ["total:actors"],
             "competences": [str(world.battery.pk)], "measures": ["count"]}
    response = client.get(reverse("seutu_ecosystem:benchmark"), query)
    assert response.status_code == 200
    table = response.context["table"]
    assert [row.town for row in table.rows] == [world.kuusamo, world.raahe]

    exported = client.get(reverse("seutu_ecosystem:benchmark"), {**query, "export": "csv"})
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert lines[0][1:] == [c.label for c in table.columns]
    assert lines[1:3] == [["Kuusamo", "2", "1"], ["Raahe", "5", "4"]]

    workbook = client.get(reverse("seutu_ecosystem:benchmark"), {**query, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1:3] == [("Kuusamo", 2, 1), ("Raahe", 5, 4)]


def test_a_benchmark_with_bad_choices_says_so_and_shows_the_defaults(client, world, superuser):
    client.force_login(superuser)
    response = client.get(reverse("seutu_ecosystem:benchmark"), {"towns": ["x"], "general": ["?"]})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["table"].columns


def test_another_towns_profile_shows_no_figures_of_its_pipeline(client, world, kuusamo_developer):
    LeadFactory(town=world.raahe, estimated_jobs=77)
    client.force_login(kuusamo_developer)
    assert client.get(profile_url(world.raahe)).context["sections"].pipeline is None
    own = client.get(profile_url(world.kuusamo)).context["sections"]
    assert own.pipeline is not None


def test_chart_geometry_is_never_written_with_a_decimal_comma(client, world, superuser):
    client.force_login(superuser)
    html = client.get(profile_url(world.raahe)).content.decode()  # the admin speaks Finnish
    widths = re.findall(r'<rect x="0" y="[^"]+" width="([^"]+)"', html)
    assert widths and all("," not in width for width in widths)
