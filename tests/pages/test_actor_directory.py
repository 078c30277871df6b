"""The actor directory: a filterable list of public organisations and a profile for each."""

import pytest
from wagtail.models import Locale

from seutu_crm.models import ActorType, OrganisationDescription
from tests.factories import CompetenceFactory, IndustryFactory, OrganisationFactory, TownFactory

from .page_factories import make_directory, make_town_page, translate


@pytest.fixture
def town(db):
    return TownFactory(name_fi="Raahe", name_sv="Brahestad")


@pytest.fixture
def directory(home, town):
    return make_directory(make_town_page(home, town=town), town=town)


def names_in(response):
    return {actor.name for actor in response.context["actors"]}


def test_lists_the_public_organisations_of_its_town_only(client, directory, town):
    OrganisationFactory(name="Terästehdas Oy", town=town)
    OrganisationFactory(name="Salainen Oy", town=town, is_public=False)
    OrganisationFactory(name="Naapuri Oy")  # another town

    response = client.get(directory.url)

    assert response.status_code == 200
    assert names_in(response) == {"Terästehdas Oy"}
    assert "Salainen Oy" not in response.content.decode()


def test_a_directory_without_a_town_lists_the_whole_network(client, home, town):
    directory = make_directory(home)
    OrganisationFactory(name="Terästehdas Oy", town=town)
    OrganisationFactory(name="Naapuri Oy")

    assert names_in(client.get(directory.url)) == {"Terästehdas Oy", "Naapuri Oy"}


def test_filters_by_actor_type(client, directory, town):
    OrganisationFactory(name="Terästehdas Oy", town=town, actor_type=ActorType.COMPANY)
    OrganisationFactory(name="Raahen ammattiopisto", town=town, actor_type=ActorType.VOCATIONAL)

    response = client.get(directory.url, {"actor_type": ActorType.VOCATIONAL})

    assert names_in(response) == {"Raahen ammattiopisto"}


def test_filters_by_competence_including_narrower_ones(client, directory, town):
    metals = CompetenceFactory(name="Metalliteollisuus", slug="metalliteollisuus")
    steel = CompetenceFactory(name="Teräs", slug="teras", parent=metals)
    OrganisationFactory(name="Terästehdas Oy", town=town, competences=[steel])
    OrganisationFactory(name="Konepaja Oy", town=town, competences=[metals])
    OrganisationFactory(name="Leipomo Oy", town=town)

    assert names_in(client.get(directory.url, {"competence": "metalliteollisuus"})) == {
        "Terästehdas Oy",
        "Konepaja Oy",
    }
    assert names_in(client.get(directory.url, {"competence": "teras"})) == {"Terästehdas Oy"}


def test_filters_by_text_in_name_or_public_description(client, directory, town):
    OrganisationFactory(name="Terästehdas Oy", town=town)
    described = OrganisationFactory(name="Konepaja Oy", town=town)
    OrganisationDescription.objects.create(
        organisation=described, language="fi", text="Teemme terästä ja koneita."
    )
    OrganisationFactory(name="Leipomo Oy", town=town)

    assert names_in(client.get(directory.url, {"q": "teräs"})) == {
        "Terästehdas Oy",
        "Konepaja Oy",
    }


def test_unknown_filter_values_are_ignored_not_an_error(client, directory, town):
    OrganisationFactory(name="Terästehdas Oy", town=town)

    response = client.get(directory.url, {"actor_type": "spaceship", "competence": "nope"})

    assert response.status_code == 200
    assert names_in(response) == {"Terästehdas Oy"}


def test_paginates_and_keeps_the_filters_in_page_links(client, directory, town):
    for n in range(25):
        OrganisationFactory(name=f"Yritys {n:02d} Oy", town=town)

    first = client.get(directory.url, {"q": "yritys"})
    second = client.get(directory.url, {"q": "yritys", "page": 2})

    assert len(first.context["actors"]) == 20
    assert len(second.context["actors"]) == 5
    assert "?q=yritys&amp;page=2" in first.content.decode()


def test_profile_shows_the_public_fields(client, directory, town):
    competence = CompetenceFactory(name="Terästuotanto")
    industry = IndustryFactory(code="24", name_fi="Metallien jalostus")
    organisation = OrganisationFactory(
        name="Terästehdas Oy",
        town=town,
        website="https://terastehdas.example.fi",
        competences=[competence],
        industries=[industry],
    )
    OrganisationDescription.objects.create(
        organisation=organisation, language="fi", text="Valmistamme kestävää terästä."
    )

    response = client.get(f"{directory.url}{organisation.pk}-terastehdas-oy/")

    html = response.content.decode()
    assert response.status_code == 200
    for public in (
        "Terästehdas Oy",
        "Raahe",
        "https://terastehdas.example.fi",
        "Valmistamme kestävää terästä.",
        "Terästuotanto",
        "Metallien jalostus",
    ):
        assert public in html, public


def test_profile_of_a_non_public_organisation_is_not_found(client, directory, town):
    organisation = OrganisationFactory(name="Salainen Oy", town=town, is_public=False)

    response = client.get(f"{directory.url}{organisation.pk}-salainen-oy/")

    assert response.status_code == 404
    assert "Salainen Oy" not in response.content.decode()


def test_profile_of_another_towns_organisation_is_not_found_in_a_town_directory(
    client, directory
):
    organisation = OrganisationFactory(name="Naapuri Oy")

    assert client.get(f"{directory.url}{organisation.pk}-naapuri-oy/").status_code == 404


def test_profile_with_an_outdated_slug_redirects_to_the_current_address(
    client, directory, town
):
    organisation = OrganisationFactory(name="Terästehdas Oy", town=town)

    response = client.get(f"{directory.url}{organisation.pk}-vanha-nimi/")

    assert response.status_code == 301
    assert response["Location"] == f"{directory.url}{organisation.pk}-terastehdas-oy/"


def test_profile_reads_in_the_page_language(client, home, directory, town):
    finnish = CompetenceFactory(name="Terästuotanto", slug="terastuotanto")
    CompetenceFactory(
        name="Stålproduktion",
        slug="terastuotanto",
        translation_key=finnish.translation_key,
        locale=Locale.objects.get(language_code="sv"),
    )
    organisation = OrganisationFactory(name="Terästehdas Oy", town=town, competences=[finnish])
    OrganisationDescription.objects.create(
        organisation=organisation, language="fi", text="Valmistamme terästä."
    )
    OrganisationDescription.objects.create(
        organisation=organisation, language="sv", text="Vi tillverkar stål."
    )
    translate(home, "sv", title="Regionstäderna")
    translate(directory.get_parent().specific, "sv", title="Brahestad", slug="brahestad")
    swedish_directory = translate(directory, "sv", title="Aktörer", slug="aktorer")

    html = client.get(f"{swedish_directory.url}{organisation.pk}-terastehdas-oy/").content.decode()

    assert "Vi tillverkar stål." in html
    assert "Stålproduktion" in html
    assert "Brahestad" in html
    assert "Valmistamme terästä." not in html


def test_page_size_follows_the_seutu_pages_setting(client, directory, town, settings):
    settings.SEUTU_PAGES = {"ACTORS_PER_PAGE": 3}
    for n in range(4):
        OrganisationFactory(name=f"Yritys {n} Oy", town=town)

    assert len(client.get(directory.url).context["actors"]) == 3
