"""The admin import view: upload → preview with every bad row → confirm; who may use it."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from wagtail.users.models import UserProfile

from seutu_crm.models import Organisation, Role
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups
from seutu_crm.validators import make_business_id
from seutu_crm.views.imports import SESSION_KEY
from tests.factories import CompetenceFactory, TownFactory, TownMembershipFactory, UserFactory

from .import_files import csv_bytes, row, xlsx_bytes

pytestmark = pytest.mark.django_db

URL = reverse("seutu_crm_import_organisations")
GOOD_BID = make_business_id("1572860")
OTHER_BID = make_business_id("2345678")


@pytest.fixture(autouse=True)
def raahe():
    CompetenceFactory(slug="terasteollisuus", name="Terästeollisuus")
    return TownFactory(code="678", name_fi="Raahe", in_network=True)


@pytest.fixture
def business_developer(raahe):
    # Writes the register of Raahe, the town of every row in these files.
    user = UserFactory(username="bd")
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=user, town=raahe, role=Role.BUSINESS_DEVELOPER)
    return user


@pytest.fixture
def viewer():
    user = UserFactory(username="viewer")
    for codename in ("access_admin", "view_organisation"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def good_file(name="actors.csv"):
    rows = [
        row(name="Raahen Teräspaja Oy", business_id=GOOD_BID, actor_type="company",
            town_code="678", competences="terasteollisuus", is_public="1"),
        row(name="Brahe Data Oy", business_id=OTHER_BID, actor_type="startup", town_code="678"),
    ]
    return SimpleUploadedFile(name, csv_bytes(rows, delimiter=";", bom=True))


def bad_file():
    rows = [
        row(name="Raahen Teräspaja Oy", business_id=GOOD_BID, actor_type="company",
            town_code="678"),
        row(name="Wrong Check Oy", business_id="1572860-1", actor_type="company",
            town_code="678"),
        row(name="Nowhere Oy", actor_type="company", town_code="999"),
        row(name="Odd Oy", actor_type="spaceship", town_code="678", competences="alkemia"),
    ]
    return SimpleUploadedFile("actors.csv", csv_bytes(rows))


def preview(client, upload):
    response = client.post(URL, {"file": upload})
    assert response.status_code == 200
    return response


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_a_viewer_may_not_import(client, viewer):
    client.force_login(viewer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": good_file()}).status_code == 403
    assert not Organisation.objects.exists()


def test_a_business_developer_sees_the_upload_form(client, business_developer):
    client.force_login(business_developer)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and 'name="file"' in html
    assert "<label" in html


def test_the_preview_lists_what_would_be_created_and_writes_nothing(client, business_developer):
    client.force_login(business_developer)
    response = preview(client, good_file())
    html = response.content.decode()
    assert "Raahen Teräspaja Oy" in html and "Brahe Data Oy" in html
    assert 'name="token"' in html
    assert response.context["report"].ok
    assert len(response.context["created"]) == 2
    assert not Organisation.objects.exists()


def test_the_preview_explains_every_bad_row_and_offers_no_confirm(client, business_developer):
    client.force_login(business_developer)
    response = preview(client, bad_file())
    errors = response.context["report"].errors
    assert {(e.row, e.column) for e in errors} == {
        (3, "business_id"), (4, "town_code"), (5, "actor_type"), (5, "competences"),
    }
    html = response.content.decode()
    for error in errors:
        assert escape(error.message) in html
    assert "data-import-errors" in html
    assert html.count("<td>3</td>") == 1 and html.count("<td>5</td>") == 2
    assert 'name="token"' not in html
    assert not Organisation.objects.exists()


def test_error_messages_follow_the_users_admin_language(client, business_developer):
    client.force_login(business_developer)
    profile = UserProfile.get_for_user(business_developer)
    profile.preferred_language = "fi"
    profile.save()
    assert "Y-tunnus" in preview(client, bad_file()).content.decode()
    profile.preferred_language = "en"
    profile.save()
    assert "Business ID" in preview(client, bad_file()).content.decode()


def test_confirming_imports_the_file_and_says_so(client, business_developer):
    client.force_login(business_developer)
    UserProfile.objects.update_or_create(user=business_developer,
                                         defaults={"preferred_language": "en"})
    token = preview(client, good_file()).context["token"]
    response = client.post(URL, {"token": token}, follow=True)
    assert Organisation.objects.count() == 2
    assert Organisation.objects.get(business_id=GOOD_BID).competences.count() == 1
    messages = [str(m).strip() for m in response.context["messages"]]
    assert messages == ["Imported 2 rows: 2 organisations created, 0 updated, 0 unchanged."]
    assert SESSION_KEY not in client.session


def test_an_xlsx_file_goes_through_the_same_way(client, business_developer):
    client.force_login(business_developer)
    data = xlsx_bytes([row(name="Excel Oy", business_id=GOOD_BID, actor_type="company",
                           town_code=678)])
    token = preview(client, SimpleUploadedFile("actors.xlsx", data)).context["token"]
    client.post(URL, {"token": token})
    assert Organisation.objects.get().name == "Excel Oy"


def test_reimporting_the_same_file_shows_rows_unchanged(client, business_developer):
    client.force_login(business_developer)
    client.post(URL, {"token": preview(client, good_file()).context["token"]})
    report = preview(client, good_file()).context["report"]
    assert len(report.unchanged) == 2 and not report.created and not report.updated


def test_a_forged_token_imports_nothing(client, business_developer):
    client.force_login(business_developer)
    preview(client, good_file())
    response = client.post(URL, {"token": "../../etc/passwd"})
    assert response.status_code == 302
    assert not Organisation.objects.exists()


def test_one_users_upload_cannot_be_confirmed_by_another(client, business_developer):
    client.force_login(business_developer)
    token = preview(client, good_file()).context["token"]
    other = UserFactory(username="bd2")
    other.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    client.force_login(other)
    client.post(URL, {"token": token})
    assert not Organisation.objects.exists()


def test_a_confirmed_upload_cannot_be_imported_twice(client, business_developer):
    client.force_login(business_developer)
    token = preview(client, good_file()).context["token"]
    client.post(URL, {"token": token})
    Organisation.objects.all().delete()
    client.post(URL, {"token": token})
    assert not Organisation.objects.exists()


def test_a_file_of_another_type_is_refused_with_a_message(client, business_developer):
    client.force_login(business_developer)
    response = client.post(URL, {"file": SimpleUploadedFile("actors.pdf", b"%PDF-1.4")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert "report" not in response.context


def test_the_import_appears_in_the_menu_for_those_who_may_import(client, business_developer):
    client.force_login(business_developer)
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_import_is_not_in_the_menu_of_a_viewer(client, viewer):
    client.force_login(viewer)
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_listing_header_button_is_offered_only_to_those_who_may_import(
    business_developer, viewer
):
    from seutu_crm.views.imports import header_button

    assert header_button(business_developer).url == URL
    assert header_button(viewer) is None
