"""Issue 2, done when: a business developer filters the register, imports a CSV with mistakes,
sees each bad row explained, fixes the file, imports it and exports the result to XLSX."""

import io

import openpyxl
import pytest
from django.urls import reverse

from seutu_crm.models import Organisation, Role, Town
from seutu_crm.reference import load_reference_data
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups
from tests.browser.admin_session import PASSWORD, log_in
from tests.factories import OrganisationFactory, TownMembershipFactory, UserFactory

HEADER = (
    "name;business_id;actor_type;town_code;street_address;postal_code;latitude;longitude;"
    "website;employees;size_class;industries;competences;is_public;description_fi;"
    "description_sv;description_en"
)
GOOD_ROWS = [
    "Raahen Vetyteknologia Oy;2345678-0;company;678;Satamatie 1;92100;64.68;24.47;"
    "https://vety.example.fi;12;small;C;vetytalous;1;Vetyä Raahesta.;Vätgas från Brahestad.;",
    "Brahestad Stålverkstad Ab;;company;678;;;;;;;;;;0;;Stålbearbetning.;",
]
BAD_ROWS = [
    # An unknown municipality code, a Business ID whose check digit is wrong, a latitude off
    # the map of Finland and a competence nobody has heard of.
    "Tuntematon Kaupunki Oy;;company;999;;;;;;;;;;1;;;",
    "Väärä Tunnus Oy;1234567-2;company;678;;;;;;;;;;1;;;",
    "Etelänapa Oy;;company;678;;;-89.5;24.47;;;;;;1;;;",
    "Outo Osaaminen Oy;;company;678;;;;;;;;;ajatustenluku;1;;;",
]


CONFIRM = "form:has(input[name=token]) button[type=submit]"


def csv_file(tmp_path, name, rows):
    path = tmp_path / name
    # Finnish Excel writes semicolons and a byte-order mark.
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


@pytest.fixture
def business_developer(transactional_db):
    load_reference_data()
    raahe = Town.objects.get(code="678")
    user = UserFactory(username="bd-raahe", password=PASSWORD)
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=user, town=raahe, role=Role.BUSINESS_DEVELOPER)
    return user


@pytest.fixture
def register(business_developer):
    from seutu_crm.models import Competence

    raahe, kuusamo = Town.objects.get(code="678"), Town.objects.get(code="305")
    steel = Competence.objects.get(slug="terasteollisuus", locale__language_code="fi")
    tourism = Competence.objects.get(slug="matkailu", locale__language_code="fi")
    OrganisationFactory(name="Raahen Teräspaja Oy", town=raahe, competences=[steel])
    OrganisationFactory(name="Raahen Matkailu Oy", town=raahe, competences=[tourism])
    OrganisationFactory(name="Rukan Safarit Oy", town=kuusamo, competences=[tourism])
    return {"raahe": raahe, "steel": steel}



def listed_names(page, expected, timeout_ms=10_000):
    """The names the listing shows, once they are ``expected`` or the time is up: the
    listing's script swaps the results in after their response arrives, later on a busy
    machine."""
    waited = 0
    while True:
        names = set(page.locator("#listing-results tbody td.title a").all_inner_texts())
        if names == expected or waited >= timeout_ms:
            return names
        page.wait_for_timeout(100)
        waited += 100


def choose_filter(page, name, value):
    """Open the listing's filter menu, pick ``value`` in filter ``name``, wait for the results."""
    page.locator("button:has(svg.icon-sliders)").click()
    page.locator(f"button[aria-controls='drilldown-id_{name}']").click()
    with page.expect_response(lambda r: "/results/" in r.url and f"{name}=" in r.url):
        page.select_option(f"select[name={name}]", str(value))
    page.keyboard.press("Escape")


def import_file(page, live_server, path):
    page.goto(live_server.url + reverse("seutu_crm_import_organisations"))
    page.set_input_files("input[type=file]", str(path))
    page.locator("form:has(input[type=file]) [type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.browser
def test_business_developer_filters_imports_fixes_and_exports(live_server, page, register, tmp_path):
    log_in(page, live_server, "bd-raahe")
    listing = live_server.url + reverse("wagtailsnippets_seutu_crm_organisation:list")

    # Filter the register by town, then by competence as well.
    page.goto(listing)
    choose_filter(page, "town", register["raahe"].pk)
    raahe_actors = {"Raahen Teräspaja Oy", "Raahen Matkailu Oy"}
    assert listed_names(page, raahe_actors) == raahe_actors
    choose_filter(page, "competence", register["steel"].pk)
    assert listed_names(page, {"Raahen Teräspaja Oy"}) == {"Raahen Teräspaja Oy"}

    # A file with mistakes: every bad row is explained and nothing is written.
    import_file(page, live_server, csv_file(tmp_path, "toimijat.csv", GOOD_ROWS + BAD_ROWS))
    report = page.locator("main").inner_text()
    for shown in ["999", "1234567-2", "-89.5", "ajatustenluku"]:
        assert shown in report, f"the report does not explain the row with {shown}"
    for row_number in [4, 5, 6, 7]:  # the header is row 1
        assert str(row_number) in report
    assert page.locator(CONFIRM).count() == 0, "a file with bad rows must not be importable"
    assert not Organisation.objects.filter(name="Raahen Vetyteknologia Oy").exists()

    # The fixed file imports.
    fixed = [
        BAD_ROWS[0].replace(";999;", ";678;"),  # her own town: Kuusamo's actors are Kuusamo's
        BAD_ROWS[1].replace("1234567-2", "1234567-1"),
        BAD_ROWS[2].replace("-89.5", "64.7"),
        BAD_ROWS[3].replace("ajatustenluku", "vetytalous"),
    ]
    import_file(page, live_server, csv_file(tmp_path, "toimijat-korjattu.csv", GOOD_ROWS + fixed))
    # The upload is a dry run; confirming runs the real import.
    page.locator(CONFIRM).click()
    page.wait_for_url(listing + "*")
    imported = ["Raahen Vetyteknologia Oy", "Brahestad Stålverkstad Ab", "Tuntematon Kaupunki Oy",
                "Väärä Tunnus Oy", "Etelänapa Oy", "Outo Osaaminen Oy"]
    assert set(
        Organisation.objects.filter(town=register["raahe"]).values_list("name", flat=True)
    ) >= set(imported)

    # Export Raahe's organisations to XLSX from the listing.
    page.goto(f"{listing}?town={register['raahe'].pk}")
    page.locator("button:has(svg.icon-dots-horizontal)").first.click()
    with page.expect_download() as download_info:
        page.locator("a[href*='export=xlsx']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    header, *rows = list(workbook.active.iter_rows(values_only=True))
    names = {dict(zip(header, row))["name"] for row in rows}
    assert names == set(imported) | {"Raahen Teräspaja Oy", "Raahen Matkailu Oy"}
    exported = {dict(zip(header, row))["name"]: dict(zip(header, row)) for row in rows}
    assert exported["Raahen Vetyteknologia Oy"]["business_id"] == "2345678-0"
    assert exported["Raahen Vetyteknologia Oy"]["competences"] == "vetytalous"
