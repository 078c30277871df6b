"""Importing organisations from CSV and XLSX: every bad row reported, all or nothing."""

import io

import pytest
from django.utils import translation
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from seutu_crm.importers.organisations import import_organisations
from seutu_crm.models import Organisation
from seutu_crm.signals import organisations_changed
from seutu_crm.validators import make_business_id
from tests.factories import CompetenceFactory, IndustryFactory, OrganisationFactory, TownFactory

from .import_files import csv_bytes, row, xlsx_bytes

pytestmark = pytest.mark.django_db

BID_1 = make_business_id("1572860")  # 1572860-0
BID_2 = make_business_id("0112038")
BID_3 = make_business_id("2345678")


@pytest.fixture
def raahe():
    return TownFactory(code="678", name_fi="Raahe", name_sv="Brahestad")


@pytest.fixture
def helsinki():
    return TownFactory(code="091", name_fi="Helsinki", name_sv="Helsingfors", in_network=False)


@pytest.fixture
def taxonomy():
    return {
        "battery": CompetenceFactory(slug="akkumateriaalit", name="Akkumateriaalit"),
        "steel": CompetenceFactory(slug="terasteollisuus", name="Terästeollisuus"),
        "metals": IndustryFactory(code="24", name_fi="Metallien jalostus"),
        "software": IndustryFactory(code="62", name_fi="Ohjelmistot"),
    }


def steelworks(**values):
    return row(**{
        "name": "Raahen Teräspaja Oy", "business_id": BID_1, "actor_type": "company",
        "town_code": "678", "street_address": "Satamakatu 1", "postal_code": "92100",
        "latitude": "64.68", "longitude": "24.47", "website": "https://terapaja.example",
        "employees": "120", "size_class": "medium", "industries": "24",
        "competences": "terasteollisuus;Akkumateriaalit", "is_public": "yes",
        "description_fi": "Teräsrakenteita Raahesta.", "description_en": "Steel from Raahe.",
        **values,
    })


def software_house(**values):
    return row(**{
        "name": "Koodi Oy", "business_id": BID_2, "actor_type": "startup", "town_code": "091",
        "industries": "62", "is_public": "0", **values,
    })


def test_a_valid_file_creates_organisations_with_everything_they_carry(raahe, helsinki, taxonomy):
    report = import_organisations(csv_bytes([steelworks(), software_house()]), "actors.csv")
    assert report.ok and report.applied
    assert len(report.created) == 2
    org = Organisation.objects.get(business_id=BID_1)
    assert (org.town, org.employees, org.size_class, org.is_public) == (raahe, 120, "medium", True)
    assert (org.latitude, org.longitude) == (64.68, 24.47)
    assert set(org.competences.all()) == {taxonomy["battery"], taxonomy["steel"]}
    assert list(org.industries.all()) == [taxonomy["metals"]]
    assert org.description("fi") == "Teräsrakenteita Raahesta."
    assert org.description("en") == "Steel from Raahe."
    assert not org.descriptions.filter(language="sv").exists()
    assert Organisation.objects.get(business_id=BID_2).is_public is False


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(raahe, helsinki, taxonomy):
    report = import_organisations(csv_bytes([steelworks(), software_house()]), dry_run=True)
    assert report.ok and not report.applied
    assert [o.action for o in report.outcomes] == ["create", "create"]
    assert not Organisation.objects.exists()


def test_importing_the_same_file_again_changes_nothing(raahe, helsinki, taxonomy):
    data = csv_bytes([steelworks(), software_house()])
    import_organisations(data)
    stamps = dict(Organisation.objects.values_list("pk", "updated_at"))
    report = import_organisations(data)
    assert report.ok
    assert [o.action for o in report.outcomes] == ["unchanged", "unchanged"]
    assert dict(Organisation.objects.values_list("pk", "updated_at")) == stamps


def test_a_changed_row_updates_its_organisation_and_names_what_changed(raahe, helsinki, taxonomy):
    import_organisations(csv_bytes([steelworks(), software_house()]))
    report = import_organisations(
        csv_bytes([steelworks(employees="130", competences="terasteollisuus"), software_house()])
    )
    updated = report.updated
    assert [(o.row, sorted(o.changed)) for o in updated] == [(2, ["competences", "employees"])]
    org = Organisation.objects.get(business_id=BID_1)
    assert org.employees == 130
    assert list(org.competences.all()) == [taxonomy["steel"]]
    assert Organisation.objects.count() == 2


def test_rows_match_existing_organisations_by_business_id(raahe, taxonomy):
    existing = OrganisationFactory(business_id=BID_1, name="Old name", town=raahe)
    report = import_organisations(csv_bytes([steelworks()]))
    assert [o.action for o in report.outcomes] == ["update"]
    existing.refresh_from_db()
    assert existing.name == "Raahen Teräspaja Oy"
    assert Organisation.objects.count() == 1


def test_rows_without_business_id_match_by_name_and_town(raahe, taxonomy):
    data = csv_bytes([steelworks(business_id="")])
    import_organisations(data)
    report = import_organisations(data)
    assert [o.action for o in report.outcomes] == ["unchanged"]
    assert Organisation.objects.get().business_id is None


def test_semicolon_separated_csv_with_byte_order_mark_as_finnish_excel_writes(raahe, taxonomy):
    data = csv_bytes([steelworks(latitude="64,68", longitude="24,47")], delimiter=";", bom=True)
    report = import_organisations(data, "excel.csv")
    assert report.ok, report.errors
    org = Organisation.objects.get()
    assert (org.name, org.latitude) == ("Raahen Teräspaja Oy", 64.68)


def test_xlsx_with_numbers_where_excel_puts_them(raahe, helsinki, taxonomy):
    data = xlsx_bytes([
        steelworks(employees=120, latitude=64.68, longitude=24.47, town_code=678),
        software_house(town_code=91, is_public=False),  # Excel turned 091 into 91
    ])
    report = import_organisations(data, "actors.xlsx")
    assert report.ok, report.errors
    assert Organisation.objects.get(business_id=BID_2).town == helsinki
    assert Organisation.objects.get(business_id=BID_1).employees == 120


def test_a_file_in_windows_1252_is_read_with_a_warning(raahe, taxonomy):
    data = csv_bytes([steelworks(business_id="", competences="")], encoding="cp1252")
    report = import_organisations(data)
    assert report.ok and report.warnings
    assert Organisation.objects.get().name == "Raahen Teräspaja Oy"


def test_every_bad_row_is_reported_with_its_row_and_column(raahe, helsinki, taxonomy):
    rows = [
        steelworks(),                                                     # row 2: fine
        software_house(business_id="0112038-4"),                          # 3: check digit
        software_house(business_id=BID_3, town_code="999"),               # 4: unknown town
        software_house(business_id="", name="A", competences="kvanttilaskenta"),  # 5
        software_house(business_id="", name="B", latitude="24.9", longitude="60.2"),  # 6: swapped
        software_house(business_id="", name="C", employees="many"),       # 7
        software_house(business_id="", name="D", actor_type="company ltd"),  # 8
        software_house(business_id="", name=""),                          # 9
        software_house(business_id="", name="E", industries="99.9"),      # 10
        software_house(business_id="", name="F", latitude="64.0"),        # 11: no longitude
        software_house(business_id="", name="G", is_public="maybe"),      # 12
        software_house(business_id="", name="H", website="not a url"),    # 13
        software_house(business_id="", name="I", latitude="north", longitude="24"),  # 14
    ]
    report = import_organisations(csv_bytes(rows))
    assert {(e.row, e.column) for e in report.errors} == {
        (3, "business_id"), (4, "town_code"), (5, "competences"), (6, "latitude"),
        (6, "longitude"),
        (7, "employees"), (8, "actor_type"), (9, "name"), (10, "industries"),
        (11, "longitude"), (12, "is_public"), (13, "website"), (14, "latitude"),
    }
    assert report.rejected_rows == list(range(3, 15))
    assert [o.row for o in report.outcomes] == [2]  # the good row is previewed
    assert not report.applied
    assert not Organisation.objects.exists()


def test_error_messages_say_what_is_wrong(raahe, helsinki, taxonomy):
    rows = [software_house(business_id="0112038-4"), software_house(business_id=BID_3,
                                                                     town_code="999")]
    with translation.override("en"):
        messages = {e.column: e.message for e in import_organisations(csv_bytes(rows)).errors}
    assert "check digit" in messages["business_id"]
    assert "999" in messages["town_code"]


def test_error_messages_are_in_the_users_language(raahe, helsinki, taxonomy):
    rows = [software_house(business_id="0112038-4")]
    with translation.override("fi"):
        [error] = import_organisations(csv_bytes(rows)).errors
    assert "Y-tunnus" in error.message


def test_one_bad_row_means_nothing_is_written(raahe, helsinki, taxonomy):
    rows = [steelworks(), software_house(), software_house(business_id=BID_3, employees="-3")]
    report = import_organisations(csv_bytes(rows))
    assert [(e.row, e.column) for e in report.errors] == [(4, "employees")]
    assert not Organisation.objects.exists()


def test_a_failure_while_writing_rolls_back_every_batch(raahe, helsinki, taxonomy, settings):
    settings.SEUTU_CRM = {"IMPORT_BATCH_SIZE": 1}
    batches = []

    def fail_on_second_batch(sender, pks, **kwargs):
        batches.append(pks)
        if len(batches) == 2:
            raise RuntimeError("disk full")

    organisations_changed.connect(fail_on_second_batch)
    try:
        with pytest.raises(RuntimeError):
            import_organisations(csv_bytes([steelworks(), software_house()]))
    finally:
        organisations_changed.disconnect(fail_on_second_batch)
    assert not Organisation.objects.exists()


def test_the_same_business_id_twice_in_a_file_is_a_row_error(raahe, taxonomy):
    with translation.override("en"):  # messages are written in the importing user's language
        report = import_organisations(csv_bytes([steelworks(), steelworks(name="Twin Oy")]))
    assert [(e.row, e.column) for e in report.errors] == [(3, "business_id")]
    assert "row 2" in report.errors[0].message


def test_competences_match_slug_or_finnish_name_in_any_case(raahe, taxonomy):
    data = csv_bytes([steelworks(competences="TERASTEOLLISUUS; akkumateriaalit ;")])
    assert import_organisations(data).ok
    assert Organisation.objects.get().competences.count() == 2


def test_unknown_and_missing_columns_are_reported_before_any_row(raahe):
    data = csv_bytes([{"name": "X", "town": "678"}], columns=["name", "town"])
    report = import_organisations(data)
    assert len(report.file_errors) == 2  # "town" unknown; actor_type, town_code missing
    assert "town" in report.file_errors[0] and "actor_type" in report.file_errors[1]
    assert not report.outcomes and not Organisation.objects.exists()


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused():
    report = import_organisations(b"PK\x03\x04 broken zip", "actors.xlsx")
    assert report.file_errors and not report.applied


def test_an_empty_file_is_refused():
    assert import_organisations(b"", "empty.csv").file_errors


def test_absent_columns_leave_stored_values_alone(raahe, taxonomy):
    import_organisations(csv_bytes([steelworks()]))
    columns = ["business_id", "name", "actor_type", "town_code", "employees"]
    report = import_organisations(csv_bytes([steelworks(employees="5")], columns=columns))
    assert [sorted(o.changed) for o in report.updated] == [["employees"]]
    org = Organisation.objects.get()
    assert (org.employees, org.website) == (5, "https://terapaja.example")
    assert org.competences.count() == 2 and org.description("en") == "Steel from Raahe."


def test_an_empty_cell_in_a_present_column_clears_the_value(raahe, taxonomy):
    import_organisations(csv_bytes([steelworks()]))
    import_organisations(csv_bytes([steelworks(website="", competences="", description_en="")]))
    org = Organisation.objects.get()
    assert org.website == "" and not org.competences.exists()
    assert not org.descriptions.filter(language="en").exists()
    assert org.description("fi") == "Teräsrakenteita Raahesta."


def test_import_reports_every_touched_organisation(raahe, helsinki, taxonomy):
    received = []
    organisations_changed.connect(lambda sender, pks, **kw: received.extend(pks), weak=False,
                                  dispatch_uid="test_import_reports")
    try:
        import_organisations(csv_bytes([steelworks(), software_house()]))
        import_organisations(csv_bytes([steelworks(employees="7"), software_house()]))
    finally:
        organisations_changed.disconnect(dispatch_uid="test_import_reports")
    first, second = (Organisation.objects.get(business_id=b).pk for b in (BID_1, BID_2))
    assert sorted(received) == sorted([first, second, first])  # unchanged rows are not sent


def test_updated_at_moves_only_for_updated_organisations(raahe, helsinki, taxonomy):
    import_organisations(csv_bytes([steelworks(), software_house()]))
    before = timezone.now()
    import_organisations(csv_bytes([steelworks(employees="7"), software_house()]))
    assert Organisation.objects.get(business_id=BID_1).updated_at >= before
    assert Organisation.objects.get(business_id=BID_2).updated_at < before


def test_checking_a_file_takes_the_same_queries_at_any_length(raahe, taxonomy):
    def file_of(n):
        return csv_bytes(
            [steelworks(business_id=make_business_id(f"{3000000 + i * 11:07d}") or "",
                        name=f"Firm {i}") for i in range(n)]
        )

    small, large = file_of(10), file_of(60)
    OrganisationFactory(business_id=make_business_id("3000000"), town=raahe)
    import_organisations(small, dry_run=True)  # warm caches (content types, locales)
    with CaptureQueriesContext(connection) as small_queries:
        import_organisations(small, dry_run=True)
    with CaptureQueriesContext(connection) as large_queries:
        import_organisations(large, dry_run=True)
    assert len(large_queries) == len(small_queries)


def test_writing_a_file_takes_the_same_queries_at_any_length(raahe, taxonomy):
    def file_of(n, offset):
        return csv_bytes(
            [steelworks(business_id=make_business_id(f"{offset + i * 11:07d}") or "",
                        name=f"Firm {offset + i}") for i in range(n)]
        )

    import_organisations(file_of(5, 4000000))  # warm caches (content types, locales)
    with CaptureQueriesContext(connection) as small_queries:
        import_organisations(file_of(10, 5000000))
    # 40, not more: Django gives SQLite at most 999 parameters a statement, so a bulk insert
    # of more than 55 organisations (18 columns) becomes two statements: the backend's
    # batching, not a query per row.
    with CaptureQueriesContext(connection) as large_queries:
        import_organisations(file_of(40, 6000000))
    assert Organisation.objects.count() == 55
    assert len(large_queries) == len(small_queries)


# --- the command -----------------------------------------------------------------------------


def test_command_imports_a_file(tmp_path, raahe, helsinki, taxonomy):
    path = tmp_path / "actors.csv"
    path.write_bytes(csv_bytes([steelworks(), software_house()]))
    out = io.StringIO()
    call_command("seutu_import", "organisations", str(path), stdout=out)
    assert "2 were created" in out.getvalue()
    assert Organisation.objects.count() == 2


def test_command_shows_progress_on_stderr(tmp_path, raahe, helsinki, taxonomy, capsys):
    path = tmp_path / "actors.csv"
    path.write_bytes(csv_bytes([steelworks(), software_house()]))
    call_command("seutu_import", "organisations", str(path), stdout=io.StringIO())
    assert "2 / 2 rows written" in capsys.readouterr().err


def test_command_dry_run_writes_nothing(tmp_path, raahe, helsinki, taxonomy):
    path = tmp_path / "actors.csv"
    path.write_bytes(csv_bytes([steelworks(), software_house()]))
    out = io.StringIO()
    call_command("seutu_import", "organisations", str(path), "--dry-run", stdout=out,
                 stderr=io.StringIO())
    assert "2 would be created" in out.getvalue() and "Dry run" in out.getvalue()
    assert not Organisation.objects.exists()


def test_command_lists_each_bad_row_and_fails(tmp_path, raahe, helsinki, taxonomy):
    path = tmp_path / "actors.csv"
    path.write_bytes(csv_bytes([steelworks(), software_house(business_id="0112038-4")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("seutu_import", "organisations", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 3, business_id:" in err.getvalue()
    assert not Organisation.objects.exists()


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("seutu_import", "organisations", str(tmp_path / "nope.csv"))
