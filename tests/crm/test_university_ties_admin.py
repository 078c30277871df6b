"""The higher-education ties in the admin: who reads and writes which town's ties, what the
form offers, and how it refuses what does not belong together."""

import re
from html import unescape

import pytest
from django.urls import reverse

from seutu_crm.models import CRMLogEntry, HigherEducationTie, TieKind
from tests.crm.university_world import ties, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def text(response):
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def is_denied(response):
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def form_data(ties, **changes):
    data = {
        "town": ties.world.raahe.pk,
        "kind": TieKind.THESIS,
        "institution": ties.university.pk,
        "title": "Vedyn varastointi",
        "description": "",
        "start_date": "2025-09-01",
        "end_date": "",
        "actors": [ties.world.raahe_battery[0].pk],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def listing(client, **query):
    return text(client.get(reverse("seutu_hei_ties:list"), query))


def test_a_viewer_reads_the_own_towns_ties_only(client, ties):
    client.force_login(ties.users["viewer"])
    body = listing(client)
    assert "Akkumateriaalien kierrätys" in body
    assert "Sahateollisuuden sopimus" not in body
    assert client.get(reverse("seutu_hei_ties:inspect", args=[ties.rdi.pk])).status_code == 200
    inspect = client.get(reverse("seutu_hei_ties:inspect", args=[ties.kuusamo_agreement.pk]))
    assert is_denied(inspect)


def test_a_viewer_cannot_add_or_edit_a_tie(client, ties):
    client.force_login(ties.users["viewer"])
    assert is_denied(client.get(reverse("seutu_hei_ties:add")))
    response = client.post(reverse("seutu_hei_ties:edit", args=[ties.rdi.pk]),
                           form_data(ties, title="Muutettu"))
    assert is_denied(response)
    ties.rdi.refresh_from_db()
    assert ties.rdi.title == "Akkumateriaalien kierrätys"


def test_a_coordinator_reads_every_towns_ties(client, ties):
    client.force_login(ties.users["coordinator"])
    body = listing(client)
    assert "Akkumateriaalien kierrätys" in body and "Sahateollisuuden sopimus" in body


def test_the_listing_filters_by_town_institution_kind_and_year(client, ties):
    client.force_login(ties.users["coordinator"])
    kuusamo = listing(client, town=ties.world.kuusamo.pk)
    assert "Sahateollisuuden sopimus" in kuusamo and "Anodien laadunvalvonta" not in kuusamo
    uas = listing(client, institution=ties.uas.pk)
    assert "Kumppanuussopimus OAMK" in uas and "Anodien laadunvalvonta" not in uas
    theses = listing(client, kind=TieKind.THESIS)
    assert "Anodien laadunvalvonta" in theses and "Kumppanuussopimus OAMK" not in theses
    # In force during 2023: the UAS agreement, the RDI project, Kuusamo's agreement.
    in_2023 = listing(client, year=2023)
    for title in ("Kumppanuussopimus OAMK", "Akkumateriaalien kierrätys",
                  "Sahateollisuuden sopimus"):
        assert title in in_2023
    for title in ("Anodien laadunvalvonta", "Kesäharjoittelu kennotehtaalla",
                  "Terästeollisuuden tulevaisuus"):
        assert title not in in_2023


def test_a_business_developer_records_a_tie_of_the_own_town(client, ties):
    developer = ties.users["developer"]
    client.force_login(developer)
    response = client.post(reverse("seutu_hei_ties:add"), form_data(ties))
    assert response.status_code == 302, text(response)[:2000]
    tie = HigherEducationTie.objects.get(title="Vedyn varastointi")
    assert tie.town == ties.world.raahe and tie.created_by == developer
    assert list(tie.actors.all()) == [ties.world.raahe_battery[0]]
    # The town's own log: readable by the town's members.
    entry = CRMLogEntry.objects.get(object_id=str(tie.pk), action="wagtail.create")
    assert entry.town_id == ties.world.raahe.pk


def test_a_business_developer_cannot_record_a_tie_for_another_town(client, ties):
    client.force_login(ties.users["developer"])
    data = form_data(ties, town=ties.world.kuusamo.pk, actors=[ties.world.sawmill.pk])
    response = client.post(reverse("seutu_hei_ties:add"), data)
    assert response.status_code == 200
    assert "town" in response.context["form"].errors
    assert not HigherEducationTie.objects.filter(title="Vedyn varastointi").exists()


def test_business_developer_cannot_edit_other_towns_tie(client, ties):
    client.force_login(ties.users["developer"])
    url = reverse("seutu_hei_ties:edit", args=[ties.kuusamo_agreement.pk])
    assert is_denied(client.get(url))
    data = form_data(ties, town=ties.world.kuusamo.pk, title="Kaapattu")
    assert is_denied(client.post(url, data))
    delete = reverse("seutu_hei_ties:delete", args=[ties.kuusamo_agreement.pk])
    assert is_denied(client.post(delete))
    assert HigherEducationTie.objects.filter(pk=ties.kuusamo_agreement.pk).exists()


def test_an_actor_of_another_town_is_refused_with_a_message(client, ties):
    client.force_login(ties.users["coordinator"])
    data = form_data(ties, actors=[ties.world.raahe_battery[0].pk, ties.world.sawmill.pk])
    response = client.post(reverse("seutu_hei_ties:add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["actors"]
    assert any("Kuusamon Saha Oy" in error for error in errors)
    assert errors[0] in text(response)  # re-rendered with the message
    assert not HigherEducationTie.objects.filter(title="Vedyn varastointi").exists()


def test_only_a_university_or_uas_can_be_the_institution(client, ties):
    client.force_login(ties.users["developer"])
    form = client.get(reverse("seutu_hei_ties:add")).context["form"]
    offered = set(form.fields["institution"].queryset)
    assert offered == {ties.university, ties.uas}
    response = client.post(reverse("seutu_hei_ties:add"),
                           form_data(ties, institution=ties.world.steel.pk))
    assert response.status_code == 200
    assert "institution" in response.context["form"].errors


def test_an_end_before_the_start_is_refused(client, ties):
    client.force_login(ties.users["developer"])
    response = client.post(reverse("seutu_hei_ties:add"),
                           form_data(ties, start_date="2025-09-01", end_date="2025-01-01"))
    assert response.status_code == 200
    errors = response.context["form"].errors["end_date"]
    assert errors and errors[0] in text(response)  # re-rendered with the message


def test_the_form_offers_the_towns_actors(client, ties):
    # A business developer of one town: the town is known, and so are its actors.
    client.force_login(ties.users["developer"])
    form = client.get(reverse("seutu_hei_ties:add")).context["form"]
    assert form.instance.town == ties.world.raahe
    offered = {label for _value, label in form.fields["actors"].widget.choices}
    assert "Anodi Oy" in offered and "Raahen Teräs Oy" in offered
    assert "Kuusamon Saha Oy" not in offered and "Oulun yliopisto" not in offered


def test_a_coordinator_starts_from_a_towns_page_with_its_actors(client, ties):
    client.force_login(ties.users["coordinator"])
    form = client.get(reverse("seutu_hei_ties:add"), {"town": "305"}).context["form"]
    assert form.instance.town == ties.world.kuusamo
    offered = {label for _value, label in form.fields["actors"].widget.choices}
    assert offered == {"Kuusamon Akku Oy", "Kuusamon Saha Oy"}
    # Without a town the actors are offered under their towns' names.
    form = client.get(reverse("seutu_hei_ties:add")).context["form"]
    groups = {group for group, _options in form.fields["actors"].widget.choices}
    assert {"Raahe", "Kuusamo"} <= groups


def test_select_all_deletes_only_the_filtered_ties_of_the_own_town(client, ties):
    client.force_login(ties.users["developer"])
    url = reverse("wagtail_bulk_action", args=("seutu_crm", "highereducationtie", "delete"))
    response = client.post(f"{url}?id=all&kind={TieKind.THESIS}")
    assert response.status_code == 302
    remaining = set(HigherEducationTie.objects.values_list("title", flat=True))
    assert "Anodien laadunvalvonta" not in remaining
    assert {"Akkumateriaalien kierrätys", "Sahateollisuuden sopimus"} <= remaining
    assert len(remaining) == 5
