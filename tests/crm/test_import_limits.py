"""Import limits: a zip bomb, a huge sheet or a wrong header is refused before its rows are read.

The limits are SEUTU_CRM's IMPORT_MAX_FILE_BYTES, IMPORT_MAX_UNCOMPRESSED_BYTES and
IMPORT_MAX_ROWS; the bombs are real (a repeated row, deflated), made a chunk at a time.
"""

import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.users.models import UserProfile

from seutu_crm.checks import check_settings
from seutu_crm.conf import DEFAULTS
from seutu_crm.importers.organisations import COLUMNS, import_organisations
from seutu_crm.models import ImportJob, Organisation
from tests.crm.admin_users import business_developer, groups, town  # noqa: F401  (fixtures)
from tests.factories import TownFactory

from .import_files import csv_bytes, row, streamed_xlsx

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
ACTOR = ["Raahen Teräspaja Oy", "", "company", "678"]  # name, business_id, actor_type, town_code
# Refusing a file reads its zip directory and at most its header: well under a second on a
# busy machine; reading the rows of these files takes tens of seconds or minutes.
QUICK = 1.5
URL = reverse("seutu_crm_import_organisations")


@pytest.fixture(autouse=True)
def raahe():
    return TownFactory(code="678", name_fi="Raahe")


@pytest.fixture
def limits(settings):
    def set_limits(**values):
        settings.SEUTU_CRM = {f"IMPORT_MAX_{key.upper()}": value for key, value in values.items()}

    return set_limits


def english_size(size):
    with translation.override("en"):
        return filesizeformat(size)


def expanded_size(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def english_import(data, filename):
    with translation.override("en"):
        return timed(import_organisations, data, filename)


def many_actors(count):
    return [row(name=f"Toimija {i} Oy", actor_type="company", town_code="678")
            for i in range(count)]


# --- what an XLSX file expands to --------------------------------------------------------


def test_an_xlsx_expanding_past_the_limit_is_refused_before_a_row_is_read(limits):
    limits(uncompressed_bytes=5 * MB)
    bomb = streamed_xlsx(COLUMNS, ACTOR, sheet_bytes=6 * MB)
    report, seconds = english_import(bomb, "bomb.xlsx")
    assert report.file_errors == [
        f"The file expands to {english_size(expanded_size(bomb))} when unzipped; "
        f"the limit is {english_size(5 * MB)}."
    ]
    assert seconds < QUICK
    assert report.rows == 0 and not report.applied
    assert not Organisation.objects.exists()


def test_a_zip_bomb_is_refused_in_a_moment_at_the_default_limit():
    limit = DEFAULTS["IMPORT_MAX_UNCOMPRESSED_BYTES"]
    bomb = streamed_xlsx(COLUMNS, ACTOR, sheet_bytes=limit + MB)
    assert len(bomb) * 40 < limit  # a small upload that unzips to over the limit
    report, seconds = english_import(bomb, "bomb.xlsx")
    assert seconds < QUICK
    [message] = report.file_errors
    assert message.startswith("The file expands to ") and english_size(limit) in message
    assert not Organisation.objects.exists()


def test_the_command_refuses_a_zip_bomb_in_a_moment(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(
        streamed_xlsx(COLUMNS, ACTOR, sheet_bytes=DEFAULTS["IMPORT_MAX_UNCOMPRESSED_BYTES"] + MB)
    )
    err = io.StringIO()
    started = time.perf_counter()
    with translation.override("en"), pytest.raises(CommandError, match="Nothing was imported"):
        call_command("seutu_import", "organisations", str(path), stdout=io.StringIO(), stderr=err)
    assert time.perf_counter() - started < QUICK
    assert "Error: The file expands to" in err.getvalue()
    assert not Organisation.objects.exists()


# --- how many rows ---------------------------------------------------------------------------


def test_a_sheet_declaring_more_rows_than_the_limit_is_refused_before_they_are_read(limits):
    limits(rows=100)
    # Broken XML after the rows: reading them would end in a parse error instead.
    data = streamed_xlsx(COLUMNS, ACTOR, rows=150, dimension=151, tail="<row><c")
    report, seconds = english_import(data, "big.xlsx")
    assert report.file_errors == [
        "The file has 150 rows; the limit is 100. Split it into smaller files."
    ]
    assert seconds < QUICK


def test_a_sheet_understating_its_rows_is_read_only_up_to_the_limit(limits):
    limits(rows=100)
    data = streamed_xlsx(COLUMNS, ACTOR, rows=5000, dimension=2, tail="<row><c")
    report, _ = english_import(data, "lying.xlsx")
    assert report.file_errors == ["The file has more than 100 rows. Split it into smaller files."]
    assert report.rows == 100  # rows read before the 101st stopped the reading
    assert not Organisation.objects.exists()


def test_empty_rows_count_towards_the_limit(limits):
    limits(rows=100)
    report, _ = english_import(streamed_xlsx(COLUMNS, [], rows=5000), "empty-rows.xlsx")
    assert report.file_errors == ["The file has more than 100 rows. Split it into smaller files."]


def test_a_csv_with_more_rows_than_the_limit_is_refused_and_nothing_is_written(limits):
    limits(rows=100)
    report, _ = english_import(csv_bytes(many_actors(101)), "actors.csv")
    assert report.file_errors == ["The file has more than 100 rows. Split it into smaller files."]
    assert not report.applied and not Organisation.objects.exists()


def test_a_file_of_exactly_the_limit_is_imported(limits):
    limits(rows=100)
    report, _ = english_import(csv_bytes(many_actors(100)), "actors.csv")
    assert report.ok and report.applied
    assert Organisation.objects.count() == 100


# --- the file's own size ---------------------------------------------------------------------


def test_a_file_larger_than_the_limit_is_refused(limits):
    limits(file_bytes=1000)
    data = csv_bytes(many_actors(40))
    report, _ = english_import(data, "actors.csv")
    assert report.file_errors == [
        f"The file is {english_size(len(data))}; the limit is {english_size(1000)}."
    ]


def test_the_command_refuses_a_file_over_the_limit_without_reading_it(
    limits, tmp_path, monkeypatch
):
    limits(file_bytes=1000)
    path = tmp_path / "actors.csv"
    path.write_bytes(csv_bytes(many_actors(40)))

    def read_bytes(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with translation.override("en"), pytest.raises(CommandError, match="the limit is 1000"):
        call_command("seutu_import", "organisations", str(path), stdout=io.StringIO())


# --- the header first ------------------------------------------------------------------------


def test_a_wrong_header_in_a_long_xlsx_fails_before_the_rows_are_read():
    data = streamed_xlsx(["nimi", "tyyppi", "kunta"], ACTOR[:1] + ACTOR[2:], rows=50_000,
                         tail="<row><c")
    report, seconds = english_import(data, "finnish-header.xlsx")
    assert [message.split(":")[0] for message in report.file_errors] == [
        "Unknown columns", "Required columns are missing",
    ]
    assert seconds < QUICK
    assert report.rows == 0


def test_a_wrong_header_in_a_long_csv_fails_before_the_rows_are_read():
    columns = ["nimi", "tyyppi", "kunta"]
    rows = [{"nimi": f"Toimija {i}", "tyyppi": "company", "kunta": "678"} for i in range(50_000)]
    # A last cell over csv's field limit: reading that far would fail with a csv error.
    data = csv_bytes(rows, columns=columns) + b"x" * 200_000 + b"\r\n"
    report, seconds = english_import(data, "finnish-header.csv")
    assert [message.split(":")[0] for message in report.file_errors] == [
        "Unknown columns", "Required columns are missing",
    ]
    assert seconds < QUICK


# --- the messages and the settings -----------------------------------------------------------


def test_limit_messages_are_in_the_users_language(limits):
    limits(rows=100)
    data = csv_bytes(many_actors(101))
    with translation.override("fi"):
        [finnish] = import_organisations(data).file_errors
    with translation.override("sv"):
        [swedish] = import_organisations(data).file_errors
    with translation.override("en"):
        [english] = import_organisations(data).file_errors
    assert len({finnish, swedish, english}) == 3
    assert all("100" in message for message in (finnish, swedish))


@pytest.mark.parametrize("key", ["IMPORT_MAX_ROWS", "IMPORT_MAX_UNCOMPRESSED_BYTES",
                                 "IMPORT_MAX_FILE_BYTES", "IMPORT_BACKGROUND_ROWS"])
@pytest.mark.parametrize("value", [0, -1, "100", True])
def test_a_limit_that_is_not_a_positive_whole_number_fails_the_system_check(settings, key, value):
    settings.SEUTU_CRM = {key: value}
    errors = [error for error in check_settings(None) if error.id == "seutu_crm.E007"]
    assert len(errors) == 1 and key in errors[0].msg


def test_the_default_limits_pass_the_system_check():
    assert not [error for error in check_settings(None) if error.id == "seutu_crm.E007"]


# --- the admin upload ------------------------------------------------------------------------


@pytest.fixture
def english_admin(business_developer):
    UserProfile.objects.update_or_create(user=business_developer,
                                         defaults={"preferred_language": "en"})
    return business_developer


def test_the_admin_refuses_a_zip_bomb_at_once_and_says_why(client, english_admin):
    client.force_login(english_admin)
    bomb = streamed_xlsx(COLUMNS, ACTOR, sheet_bytes=DEFAULTS["IMPORT_MAX_UNCOMPRESSED_BYTES"] + MB)
    response, seconds = timed(client.post, URL, {"file": SimpleUploadedFile("bomb.xlsx", bomb)})
    assert response.status_code == 200
    assert seconds < QUICK
    [message] = response.context["preview"].file_errors
    assert message.startswith("The file expands to")
    assert escape(message) in response.content.decode()
    assert 'name="token"' not in response.content.decode()
    assert not ImportJob.objects.exists() and not Organisation.objects.exists()


def test_the_admin_refuses_an_upload_over_the_size_limit_with_a_message(
    client, english_admin, limits
):
    limits(file_bytes=1000)
    client.force_login(english_admin)
    data = csv_bytes(many_actors(40))
    response = client.post(URL, {"file": SimpleUploadedFile("actors.csv", data)})
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error == f"The file is {english_size(len(data))}; the limit is {english_size(1000)}."
    assert "preview" not in response.context and not Organisation.objects.exists()
