"""The organisation register in the admin: listing, filters, search, export, editing."""

import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from seutu_crm.models import ActorType, Organisation, OrganisationDescription, RelationKind
from tests.crm.admin_users import (  # noqa: F401  (fixtures)
    business_developer,
    coordinator,
    groups,
    town,
    viewer,
)
from tests.crm.bulk import bulk_organisations
from tests.factories import (
    CompetenceFactory,
    ContactFactory,
    IndustryFactory,
    OrganisationFactory,
    TownFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_seutu_crm_organisation:list")


def edit_url(organisation):
    return reverse("wagtailsnippets_seutu_crm_organisation:edit", args=[organisation.pk])


def in_admin_language(response, *texts):
    """``texts`` translated into the language the admin answered in (users may pick theirs)."""
    language = re.search(r'<html lang="([\w-]+)"', response.content.decode()).group(1)
    with translation.override(language):
        return [str(text) for text in texts]


def listed_names(response):
    return {o.name for o in response.context["object_list"]}


@pytest.fixture
def other_town(db):
    return TownFactory(name_fi="Toinenkylä", in_network=True)


# --- listing -------------------------------------------------------------------------------


def test_listing_shows_town_region_actor_type_and_competences(client, viewer, town):
    competence = CompetenceFactory(name="Vetytalous")
    OrganisationFactory(
        name="Vety Oy", town=town, actor_type=ActorType.STARTUP, competences=[competence]
    )
    client.force_login(viewer)
    response = client.get(LIST_URL)
    html = response.content.decode()
    (start_up,) = in_admin_language(response, ActorType.STARTUP.label)
    for text in ["Vety Oy", town.name_fi, town.region.name_fi, start_up, "Vetytalous"]:
        assert text in html


def test_filter_by_town(client, viewer, town, other_town):
    OrganisationFactory(name="Täällä Oy", town=town)
    OrganisationFactory(name="Muualla Oy", town=other_town)
    client.force_login(viewer)
    response = client.get(LIST_URL, {"town": town.pk})
    assert listed_names(response) == {"Täällä Oy"}


def test_filter_by_region(client, viewer, town, other_town):
    OrganisationFactory(name="Täällä Oy", town=town)
    OrganisationFactory(name="Muualla Oy", town=other_town)
    client.force_login(viewer)
    response = client.get(LIST_URL, {"region": other_town.region.pk})
    assert listed_names(response) == {"Muualla Oy"}


def test_filter_by_competence_includes_narrower_competences(client, viewer, town):
    energy = CompetenceFactory(name="Energia")
    hydrogen = CompetenceFactory(name="Vety", parent=energy)
    food = CompetenceFactory(name="Elintarvikkeet")
    OrganisationFactory(name="Energia Oy", town=town, competences=[energy])
    OrganisationFactory(name="Vety Oy", town=town, competences=[hydrogen, energy])
    OrganisationFactory(name="Leipä Oy", town=town, competences=[food])
    client.force_login(viewer)
    assert listed_names(client.get(LIST_URL, {"competence": energy.pk})) == {
        "Energia Oy",
        "Vety Oy",
    }
    assert listed_names(client.get(LIST_URL, {"competence": hydrogen.pk})) == {"Vety Oy"}


def test_filter_by_industry_includes_finer_classes(client, viewer, town):
    manufacturing = IndustryFactory(code="C")
    sawmills = IndustryFactory(code="16", parent=manufacturing)
    OrganisationFactory(name="Saha Oy", town=town, industries=[sawmills])
    OrganisationFactory(name="Muu Oy", town=town)
    client.force_login(viewer)
    assert listed_names(client.get(LIST_URL, {"industry": manufacturing.pk})) == {"Saha Oy"}


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"actor_type": "university"}, {"Yliopisto"}),
        ({"size_class": "large"}, {"Yliopisto"}),
        ({"is_public": "false"}, {"Yliopisto"}),
        ({"is_public": "true"}, {"Pieni Oy"}),
    ],
)
def test_filter_by_actor_type_size_and_public(client, viewer, town, params, expected):
    OrganisationFactory(
        name="Yliopisto", town=town, actor_type="university", size_class="large", is_public=False
    )
    OrganisationFactory(name="Pieni Oy", town=town, size_class="micro", is_public=True)
    client.force_login(viewer)
    assert listed_names(client.get(LIST_URL, params)) == expected


def test_search_finds_by_name_and_business_id(client, viewer, town):
    found = OrganisationFactory(name="Metsäkone Oy", town=town)
    OrganisationFactory(name="Kalastus Oy", town=town)
    client.force_login(viewer)
    assert listed_names(client.get(LIST_URL, {"q": "metsäkone"})) == {"Metsäkone Oy"}
    assert listed_names(client.get(LIST_URL, {"q": found.business_id})) == {"Metsäkone Oy"}


def test_search_results_are_in_name_order(client, viewer, town):
    for name in ["Metsä C Oy", "metsä a Oy", "Metsä B Oy"]:
        OrganisationFactory(name=name, town=town)
    client.force_login(viewer)
    response = client.get(LIST_URL, {"q": "metsä"})
    assert [o.name for o in response.context["object_list"]] == [
        "metsä a Oy",
        "Metsä B Oy",
        "Metsä C Oy",
    ]
    response = client.get(LIST_URL, {"q": "metsä", "ordering": "-name"})
    assert [o.name for o in response.context["object_list"]][0] == "Metsä C Oy"


def test_search_with_odd_input_does_not_fail(client, viewer):
    client.force_login(viewer)
    assert client.get(LIST_URL, {"q": "%_'\"\\ DROP"}).status_code == 200


# --- query counts --------------------------------------------------------------------------


def count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return len(queries)


def test_listing_query_count_does_not_grow_with_the_register(client, viewer, town, other_town):
    competences = [CompetenceFactory() for _ in range(3)]
    towns = [town, other_town]
    bulk_organisations(100, towns, competences)
    client.force_login(viewer)
    cases = [
        {},
        {"town": town.pk},
        {"competence": competences[0].pk},
        {"q": "Toimija 00"},
        {"region": town.region.pk, "is_public": "true"},
    ]
    client.get(LIST_URL)  # warm per-process caches (content types, locales)
    small = [count_queries(client, params) for params in cases]
    bulk_organisations(2_500, towns, competences, start=100)
    large = [count_queries(client, params) for params in cases]
    assert small == large


# --- export --------------------------------------------------------------------------------


def test_xlsx_export_writes_the_filtered_rows_in_the_import_spelling(
    client, viewer, town, other_town
):
    competence = CompetenceFactory(slug="vetytalous")
    industry = IndustryFactory(code="35")
    kept = OrganisationFactory(
        name="Vety Oy", town=town, competences=[competence], industries=[industry]
    )
    OrganisationDescription.objects.create(organisation=kept, language="sv", text="Vätgas")
    OrganisationFactory(name="Muualla Oy", town=other_town)
    client.force_login(viewer)
    response = client.get(LIST_URL, {"town": town.pk, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('organisations.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[:4] == ["name", "business_id", "actor_type", "town_code"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0]))
    assert row["name"] == "Vety Oy"
    assert row["business_id"] == kept.business_id
    assert row["town_code"] == town.code
    assert row["competences"] == "vetytalous"
    assert row["industries"] == "35"
    assert row["description_sv"] == "Vätgas"


def test_csv_export_has_the_import_columns(client, viewer, town):
    OrganisationFactory(name="Vety Oy", town=town)
    client.force_login(viewer)
    response = client.get(LIST_URL, {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    header, first = text.splitlines()[:2]
    assert header.startswith("name,business_id,actor_type,town_code,")
    assert first.startswith("Vety Oy,")


# --- editing -------------------------------------------------------------------------------


def organisation_form_data(organisation, **overrides):
    data = {
        "name": organisation.name,
        "business_id": organisation.business_id or "",
        "actor_type": organisation.actor_type,
        "size_class": "",
        "employees": "",
        "website": "",
        "status": organisation.status,
        "company_form": "",
        "registration_date": "",
        "tags": "",
        "is_public": "on",
        "town": organisation.town.pk,
        "street_address": "",
        "postal_code": "",
        "latitude": "",
        "longitude": "",
        # Tuples, not lists: nested_form_data would flatten a list into numbered keys.
        "competences": tuple(c.pk for c in organisation.competences.all()),
        "industries": (),
        "descriptions": inline_formset([]),
        "relations": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_edit_form_has_the_six_tabs(client, business_developer, town):
    organisation = OrganisationFactory(town=town)
    client.force_login(business_developer)
    response = client.get(edit_url(organisation))
    html = response.content.decode()
    tabs = in_admin_language(
        response,
        *map(
            gettext_lazy,
            [
                "Basics",
                "Location",
                "Competences and industries",
                "Descriptions",
                "Relations",
                "Contacts",
            ],
        ),
    )
    for tab in tabs:
        assert f">{tab}<" in html or f"{tab}\n" in html, tab


def test_business_developer_saves_descriptions_relations_and_competences(
    client, business_developer, town
):
    organisation = OrganisationFactory(name="Vety Oy", town=town)
    partner = OrganisationFactory(name="Yliopisto", town=town, actor_type="university")
    competence = CompetenceFactory(name="Vetytalous")
    client.force_login(business_developer)
    response = client.post(
        edit_url(organisation),
        organisation_form_data(
            organisation,
            competences=(competence.pk,),
            descriptions=inline_formset([{"language": "fi", "text": "Vetyä Raahesta."}]),
            relations=inline_formset(
                [{"kind": RelationKind.RDI, "target": partner.pk, "note": "Hanke"}]
            ),
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert list(organisation.competences.all()) == [competence]
    assert organisation.description("fi") == "Vetyä Raahesta."
    relation = organisation.relations.get()
    assert (relation.target, relation.kind) == (partner, RelationKind.RDI)


def test_invalid_business_id_rerenders_the_form_with_the_error(client, business_developer, town):
    organisation = OrganisationFactory(name="Vety Oy", town=town)
    client.force_login(business_developer)
    response = client.post(
        edit_url(organisation), organisation_form_data(organisation, business_id="1234567-2")
    )
    assert response.status_code == 200
    assert "business_id" in response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.business_id != "1234567-2"


def test_competence_choices_are_the_default_locale_rows(client, business_developer, town):
    from wagtail.models import Locale

    finnish = CompetenceFactory(name="Biotalous")
    swedish_locale, _ = Locale.objects.get_or_create(language_code="sv")
    CompetenceFactory(
        name="Bioekonomi", locale=swedish_locale, translation_key=finnish.translation_key
    )
    organisation = OrganisationFactory(town=town)
    client.force_login(business_developer)
    form = client.get(edit_url(organisation)).context["form"]
    assert list(form.fields["competences"].queryset) == [finnish]


# --- contacts tab --------------------------------------------------------------------------


def contacts_panel(response):
    html = response.content.decode()
    start = html.index("data-seutu-visible-contacts")
    return html[start : html.index("</section>", start)]


def test_contacts_tab_lists_only_contacts_of_the_users_towns(
    client, business_developer, town, other_town
):
    organisation = OrganisationFactory(town=town)
    ContactFactory(organisation=organisation, town=town, first_name="Oma", last_name="Kontakti")
    ContactFactory(
        organisation=organisation, town=other_town, first_name="Vieras", last_name="Henkilö"
    )
    client.force_login(business_developer)
    panel = contacts_panel(client.get(edit_url(organisation)))
    assert "Oma Kontakti" in panel
    assert "Vieras" not in panel


def test_contacts_tab_links_each_contact_to_its_edit_view(client, business_developer, town):
    from seutu_crm.models import Contact

    organisation = OrganisationFactory(town=town)
    contact = ContactFactory(organisation=organisation, town=town)
    viewset = getattr(Contact, "snippet_viewset", None)
    if viewset is None:
        pytest.skip("the pipeline's contact admin is not installed: the tab lists names only")
    client.force_login(business_developer)
    panel = contacts_panel(client.get(edit_url(organisation)))
    assert reverse(viewset.get_url_name("edit"), args=[contact.pk]) in panel


def test_contacts_tab_shows_a_coordinator_every_towns_contacts(
    client, coordinator, town, other_town
):
    organisation = OrganisationFactory(town=town)
    ContactFactory(organisation=organisation, town=town, first_name="Oma", last_name="Kontakti")
    ContactFactory(
        organisation=organisation, town=other_town, first_name="Vieras", last_name="Henkilö"
    )
    client.force_login(coordinator)
    panel = contacts_panel(client.get(edit_url(organisation)))
    assert "Oma Kontakti" in panel
    assert "Vieras Henkilö" in panel


def test_contacts_tab_says_so_when_the_user_holds_none(
    client, business_developer, town, other_town
):
    organisation = OrganisationFactory(town=town)
    ContactFactory(organisation=organisation, town=other_town, first_name="Vieras")
    client.force_login(business_developer)
    panel = contacts_panel(client.get(edit_url(organisation)))
    assert "Vieras" not in panel
    assert "<table" not in panel


def test_saving_an_organisation_leaves_other_towns_contacts_alone(
    client, business_developer, town, other_town
):
    organisation = OrganisationFactory(town=town)
    hidden = ContactFactory(organisation=organisation, town=other_town, first_name="Vieras")
    client.force_login(business_developer)
    response = client.post(edit_url(organisation), organisation_form_data(organisation))
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.organisation == organisation


# --- inspect -------------------------------------------------------------------------------


def test_inspect_shows_town_competences_and_industries(client, viewer, town):
    organisation = OrganisationFactory(
        name="Vety Oy",
        town=town,
        competences=[CompetenceFactory(name="Vetytalous")],
        industries=[IndustryFactory(code="35", name_fi="Sähkö-, kaasu- ja lämpöhuolto")],
    )
    client.force_login(viewer)
    response = client.get(
        reverse("wagtailsnippets_seutu_crm_organisation:inspect", args=[organisation.pk])
    )
    html = response.content.decode()
    for text in ["Vety Oy", organisation.business_id, town.name_fi, "Vetytalous", "35"]:
        assert text in html


# --- history and revisions -----------------------------------------------------------------


def test_each_save_makes_a_revision_that_history_and_compare_show(
    client, business_developer, town
):
    organisation = OrganisationFactory(name="Vanha nimi Oy", town=town)
    client.force_login(business_developer)
    for name in ["Uusi nimi Oy", "Uusin nimi Oy"]:
        response = client.post(edit_url(organisation), organisation_form_data(organisation, name=name))
        assert response.status_code == 302
        organisation.refresh_from_db()
    first, second = organisation.revisions.order_by("created_at", "pk")
    history = client.get(
        reverse("wagtailsnippets_seutu_crm_organisation:history", args=[organisation.pk])
    )
    assert history.status_code == 200
    compare = client.get(
        reverse(
            "wagtailsnippets_seutu_crm_organisation:revisions_compare",
            args=[organisation.pk, first.pk, second.pk],
        )
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Uusi nimi Oy" in html and "Uusin nimi Oy" in html


# --- chooser -------------------------------------------------------------------------------


def test_organisation_chooser_searches_by_name_and_filters_by_town(
    client, viewer, town, other_town
):
    OrganisationFactory(name="Metsä Oy", town=town)
    OrganisationFactory(name="Metsä Ab", town=other_town)
    OrganisationFactory(name="Kala Oy", town=town)
    client.force_login(viewer)
    url = reverse("wagtailsnippetchoosers_seutu_crm_organisation:choose_results")
    names = {o.name for o in client.get(url, {"q": "metsä"}).context["results"]}
    assert names == {"Metsä Oy", "Metsä Ab"}
    names = {o.name for o in client.get(url, {"q": "metsä", "town": town.pk}).context["results"]}
    assert names == {"Metsä Oy"}


def test_organisation_count_unchanged_by_viewing(client, viewer, town):
    OrganisationFactory(town=town)
    client.force_login(viewer)
    client.get(LIST_URL)
    assert Organisation.objects.count() == 1
