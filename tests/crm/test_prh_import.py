"""Importing PRH's open YTJ company data: by business ID, record by record, people's edits kept."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seutu_crm.importers.open_data import SEUTU, field_sources
from seutu_crm.importers.prh import LICENCE, SOURCE, import_prh
from seutu_crm.importers.tol import industry_code
from seutu_crm.models import OpenDataRecord, Organisation, OrganisationStatus
from seutu_crm.validators import make_business_id
from tests.factories import IndustryFactory, OrganisationFactory, TownFactory

from .prh_companies import (
    BID_BAKERY,
    BID_CODE,
    BID_GONE,
    BID_STEEL,
    bulk_file,
    companies_response,
    company,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe", name_sv="Brahestad")


@pytest.fixture
def iisalmi():
    return TownFactory(code="140", name_fi="Iisalmi", name_sv="Idensalmi")


@pytest.fixture
def industries():
    manufacturing = IndustryFactory(code="C", name_fi="Teollisuus")
    return {
        "C": manufacturing,
        "24": IndustryFactory(code="24", name_fi="Metallien jalostus", parent=manufacturing),
        "62": IndustryFactory(code="62", name_fi="Ohjelmistot"),
    }


def steel(name="Raahen Teräspaja Oy", **values):
    return company(BID_STEEL, name, **values)


def software(**values):
    return company(BID_CODE, "Koodi Oy", tol="62010", municipality="140", **values)


# --- creating and updating by business ID -----------------------------------------------


def test_a_companies_response_creates_organisations_with_what_the_register_gives(
    raahe, iisalmi, industries
):
    report = import_prh(companies_response(steel(), software()))
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    org = Organisation.objects.get(business_id=BID_STEEL)
    assert org.name == "Raahen Teräspaja Oy"  # the current name, not the old or auxiliary
    assert org.town == raahe
    assert (org.street_address, org.postal_code) == ("Satamakatu 1", "92100")
    assert org.website == "https://www.terapaja.example"
    assert org.company_form == "Osakeyhtiö"
    assert org.registration_date.isoformat() == "2019-05-03"
    assert org.status == OrganisationStatus.ACTIVE
    assert (org.actor_type, org.is_public) == ("company", False)
    assert list(org.industries.all()) == [industries["24"]]
    assert Organisation.objects.get(business_id=BID_CODE).town == iisalmi


def test_the_bulk_files_array_imports_like_a_response(raahe, industries):
    report = import_prh(bulk_file(steel()))
    assert report.created == 1


def test_json_lines_import_one_company_a_line(raahe, industries):
    data = b"\n".join(json.dumps(c).encode() for c in (steel(), company(BID_BAKERY, "Leipä Oy")))
    assert import_prh(data).created == 2


def test_licence_and_source_are_recorded_with_the_values_the_register_gave(raahe, industries):
    import_prh(bulk_file(steel()))
    record = OpenDataRecord.objects.get()
    assert (record.source, record.record_id, record.licence) == (SOURCE, BID_STEEL, LICENCE)
    assert record.organisation.business_id == BID_STEEL
    assert record.values["tol_code"] == "24420"
    assert record.values["industry"] == "24"
    assert record.values["town"] == "678"
    assert record.source_updated.isoformat().startswith("2024-03-01T10:00:00")


def test_an_existing_organisation_is_updated_by_its_business_id(raahe, industries):
    import_prh(bulk_file(steel()))
    report = import_prh(bulk_file(steel(name="Raahen Teräs Oy", website="https://teras.example")))
    assert (report.created, report.updated) == (0, 1)
    assert report.outcomes[0].changed == ["name", "website"]
    org = Organisation.objects.get()
    assert (org.name, org.website) == ("Raahen Teräs Oy", "https://teras.example")


def test_an_organisation_entered_by_hand_gets_the_registers_empty_fields_and_keeps_its_own(
    raahe, industries
):
    OrganisationFactory(business_id=BID_STEEL, name="Teräspaja", town=raahe, website="",
                        is_public=True)
    report = import_prh(bulk_file(steel()))
    org = Organisation.objects.get()
    assert report.updated == 1
    assert org.name == "Teräspaja"  # a person's name for it
    assert org.website == "https://www.terapaja.example"  # was empty
    assert org.is_public is True  # not the register's to decide
    assert [(k.field, k.seutu_value) for k in report.kept] == [("name", "Teräspaja")]


# --- people's edits and the source of each value -------------------------------------------


def test_a_field_a_person_edited_is_kept_on_re_import_and_its_source_is_seutu(raahe, industries):
    import_prh(bulk_file(steel()))
    org = Organisation.objects.get()
    org.website = "https://oma-sivu.example"
    org.save()

    report = import_prh(bulk_file(steel(website="www.uusi.example", name="Raahen Teräs Oy")))

    org.refresh_from_db()
    assert org.website == "https://oma-sivu.example"
    assert org.name == "Raahen Teräs Oy"  # untouched by people: the register's new name
    assert [(k.field, k.seutu_value, k.register_value) for k in report.kept] == [
        ("website", "https://oma-sivu.example", "https://www.uusi.example")
    ]
    sources = field_sources(org, SOURCE)
    assert sources["website"].source == SEUTU
    assert sources["name"].source == SOURCE
    assert sources["industry"].source == SOURCE
    assert sources["town"].value == "678"


def test_an_industry_a_person_chose_is_kept(raahe, industries):
    import_prh(bulk_file(steel()))
    org = Organisation.objects.get()
    org.industries.set([industries["62"]])
    org.save()  # a cluster's links are written on save
    report = import_prh(bulk_file(steel(tol="25110")))  # another manufacturing class
    org = Organisation.objects.get()
    assert list(org.industries.all()) == [industries["62"]]
    assert [k.field for k in report.kept] == ["industry"]
    assert field_sources(org, SOURCE)["industry"].source == SEUTU


def test_the_registers_new_industry_replaces_the_one_it_gave_before(raahe, industries):
    import_prh(bulk_file(steel()))
    import_prh(bulk_file(steel(tol="62010")))
    assert [i.code for i in Organisation.objects.get().industries.all()] == ["62"]


# --- statuses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ({"situations": ["KONK"]}, OrganisationStatus.BANKRUPTCY),
        ({"situations": ["SELTILA"]}, OrganisationStatus.LIQUIDATION),
        ({"situations": ["SELTILA", "KONK"]}, OrganisationStatus.BANKRUPTCY),
        ({"situations": ["SANE"]}, OrganisationStatus.ACTIVE),  # restructuring: still trading
        ({"end_date": "2023-12-31"}, OrganisationStatus.ENDED),
    ],
)
def test_companies_in_bankruptcy_liquidation_or_ended_are_marked_so(raahe, values, status):
    import_prh(bulk_file(company(BID_GONE, "Loppu Oy", **values)))
    assert Organisation.objects.get().status == status


def test_a_situation_that_has_ended_no_longer_counts(raahe):
    gone = company(BID_GONE, "Palannut Oy")
    gone["companySituations"] = [{"type": "SELTILA", "registrationDate": "2020-01-01",
                                  "endDate": "2020-06-01", "source": "1"}]
    import_prh(bulk_file(gone))
    assert Organisation.objects.get().status == OrganisationStatus.ACTIVE


def test_a_bankruptcy_reaches_an_organisation_that_was_entered_by_hand(raahe):
    OrganisationFactory(business_id=BID_GONE, name="Loppu Oy", town=raahe)
    import_prh(bulk_file(company(BID_GONE, "Loppu Oy", situations=["KONK"])))
    assert Organisation.objects.get().status == OrganisationStatus.BANKRUPTCY


# --- towns and the municipality filter -------------------------------------------------------


def test_the_postal_address_gives_the_town_when_there_is_no_visiting_address(iisalmi):
    import_prh(bulk_file(company(BID_BAKERY, "Leipä Oy", municipality=None,
                                 postal_municipality="140")))
    org = Organisation.objects.get()
    assert (org.town, org.street_address, org.postal_code) == (iisalmi, "PL 12", "92101")


def test_companies_of_municipalities_not_in_the_register_are_counted_and_skipped(raahe):
    report = import_prh(bulk_file(steel(), company(BID_CODE, "Stadi Oy", municipality="091"),
                                  company(BID_BAKERY, "Stadi 2 Oy", municipality="091")))
    assert report.created == 1
    assert report.outside_register == {"091": 2}
    assert report.skipped_count == 2


def test_the_municipality_filter_keeps_only_companies_located_there(raahe, iisalmi, industries):
    report = import_prh(bulk_file(steel(), software()), municipality="678")
    assert list(Organisation.objects.values_list("business_id", flat=True)) == [BID_STEEL]
    assert report.filtered_out == 1


# --- broken records and files ----------------------------------------------------------------


def test_a_broken_record_is_reported_by_position_and_skipped_while_the_others_import(raahe):
    invalid_id = company("1234567-8", "Väärä Oy")
    no_name = company(BID_CODE, "x")
    no_name["names"] = []
    wrong_type = company(BID_BAKERY, "Tyyppi Oy")
    wrong_type["addresses"] = "Satamakatu 1"
    good = company(make_business_id("3312460"), "Hyvä Oy")
    report = import_prh(bulk_file(steel(), invalid_id, no_name, "not a company", wrong_type,
                                  {"names": []}, good))
    assert report.created == 2
    assert [(e.position, e.business_id) for e in report.errors] == [
        (2, "1234567-8"), (3, BID_CODE), (4, ""), (5, BID_BAKERY), (6, "")
    ]
    assert all(e.reason for e in report.errors)
    assert Organisation.objects.count() == 2


def test_a_line_that_is_not_json_is_reported_by_its_position(raahe):
    data = b"\n".join([json.dumps(steel()).encode(), b"{broken", json.dumps(
        company(BID_BAKERY, "Leipä Oy")).encode()])
    report = import_prh(data)
    assert report.created == 2
    assert [e.position for e in report.errors] == [2]


def test_the_same_business_id_twice_is_an_error_at_the_second(raahe):
    report = import_prh(bulk_file(steel(), steel(name="Toinen")))
    assert [(e.position, e.business_id) for e in report.errors] == [(2, BID_STEEL)]
    assert Organisation.objects.get().name == "Raahen Teräspaja Oy"


@pytest.mark.parametrize("data", [b"name;business_id\nA;1", b'{"totalResults": 0}', b"42"])
def test_a_file_that_is_not_prh_json_is_refused_and_nothing_is_written(raahe, data):
    report = import_prh(data)
    assert report.file_errors and not report.ok
    assert not Organisation.objects.exists()


# --- dry run and re-import ---------------------------------------------------------------


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(raahe, industries):
    report = import_prh(bulk_file(steel()), dry_run=True)
    assert report.created == 1 and not report.applied
    assert not Organisation.objects.exists() and not OpenDataRecord.objects.exists()


def test_importing_the_same_file_again_changes_nothing_and_writes_nothing(
    raahe, iisalmi, industries
):
    data = bulk_file(steel(), software(), company(BID_GONE, "Loppu Oy", situations=["KONK"]))
    import_prh(data)
    with CaptureQueriesContext(connection) as queries:
        report = import_prh(data)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert [sql for sql in writes if "SAVEPOINT" not in sql.upper()] == []


# --- TOL mapping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tol", "known", "expected"),
    [
        ("24420", {"24420", "2442", "24", "C"}, "24420"),
        ("24420", {"244", "24", "C"}, "244"),
        ("24420", {"24", "C"}, "24"),
        ("24420", {"C"}, "C"),
        ("62010", {"C"}, None),
        ("00000", {"C"}, None),
        ("", {"C"}, None),
    ],
)
def test_the_main_line_maps_to_the_most_specific_industry_in_the_register(tol, known, expected):
    assert industry_code(tol, known) == expected


# --- the command -------------------------------------------------------------------------


def test_the_command_imports_and_reports_in_text(raahe, industries, tmp_path):
    path = tmp_path / "raahe.json"
    path.write_bytes(companies_response(steel(), "broken"))
    out, err = io.StringIO(), io.StringIO()
    call_command("seutu_import", "prh", str(path), stdout=out, stderr=err)
    assert "1 were created" in out.getvalue()
    assert "2:" in err.getvalue()  # the broken record's position
    assert Organisation.objects.count() == 1


def test_the_command_dry_run_writes_nothing(raahe, tmp_path):
    path = tmp_path / "raahe.json"
    path.write_bytes(bulk_file(steel()))
    out = io.StringIO()
    call_command("seutu_import", "prh", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "Dry run" in out.getvalue()
    assert not Organisation.objects.exists()


def test_the_command_prints_the_report_as_json(raahe, iisalmi, tmp_path):
    path = tmp_path / "all.json"
    path.write_bytes(bulk_file(steel(), software()))
    out = io.StringIO()
    call_command("seutu_import", "prh", str(path), "--municipality", "678", "--format", "json",
                 stdout=out, stderr=io.StringIO())
    report = json.loads(out.getvalue())
    assert (report["source"], report["created"], report["filtered_out"]) == (SOURCE, 1, 1)


def test_the_command_refuses_a_file_that_is_not_json(raahe, tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b"not json at all")
    with pytest.raises(CommandError):
        call_command("seutu_import", "prh", str(path), stdout=io.StringIO(),
                     stderr=io.StringIO())
