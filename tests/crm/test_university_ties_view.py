"""Ecosystem → <town> → Higher education: the ties by institution, kind and year for the
town's members, and for every CRM user the gaps an institution could fill."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.crm.university_world import ties, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def page(client, code="678"):
    return client.get(reverse("seutu_ecosystem:university", args=[code]))


def text(response):
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_the_towns_members_see_its_ties_by_institution_and_year(client, ties):
    client.force_login(ties.users["viewer"])
    response = page(client)
    assert response.status_code == 200
    overview = response.context["overview"]
    assert [(bar.label, bar.value) for bar in overview.bars] == [
        ("Oulun yliopisto", 3), ("Oulun ammattikorkeakoulu", 2),
    ]
    sections = {s.ties.name: s for s in response.context["institutions"]}
    chart = sections["Oulun ammattikorkeakoulu"].chart
    bars = [(bar.label, bar.value) for bar in chart.bars]
    # 2022 (the agreement starts), 2023, 2024 (agreement and placement), and 0 since.
    assert bars[:3] == [("2022", 1), ("2023", 1), ("2024", 2)]
    assert all(value == 0 for _label, value in bars[3:])
    body = text(response)
    for title in ("Kumppanuussopimus OAMK", "Akkumateriaalien kierrätys",
                  "Anodien laadunvalvonta"):
        assert title in body
    assert "Sahateollisuuden sopimus" not in body  # Kuusamo's


def test_the_year_table_counts_each_kind(client, ties):
    client.force_login(ties.users["developer"])
    body = text(page(client))
    table = re.search(
        rf'<caption id="institution-{ties.university.pk}-kinds">.*?</table>', body
    ).group(0)
    # Columns: RDI project, thesis, guest lecture, all.
    assert '<th scope="row">2023</th> <td>1</td><td>0</td><td>0</td> <td>1</td>' in table
    assert '<th scope="row">2024</th> <td>1</td><td>1</td><td>0</td> <td>2</td>' in table
    assert '<th scope="row">2025</th> <td>1</td><td>0</td><td>1</td> <td>2</td>' in table


def test_an_institution_is_offered_for_the_gaps_its_competences_fill(client, ties):
    client.force_login(ties.users["developer"])
    response = page(client)
    found = {i.name: i for i in response.context["institution_gaps"]}
    assert [gap.key for gap in found["Oulun yliopisto"].gaps] == ["vedyn-tuotanto"]
    assert found["Oulun yliopisto"].ties == 3
    candidates = reverse("seutu_ecosystem:candidates", args=["678", "vedyn-tuotanto"])
    assert candidates in text(response)


def test_another_towns_member_sees_the_gaps_but_not_the_ties(client, ties):
    client.force_login(ties.users["kuusamo_developer"])
    response = page(client)
    assert response.status_code == 200
    assert response.context["can_read"] is False
    body = text(response)
    for tie in ties.raahe_ties:
        assert tie.title not in body
    found = {i.name: i for i in response.context["institution_gaps"]}
    assert [gap.key for gap in found["Oulun yliopisto"].gaps] == ["vedyn-tuotanto"]
    assert found["Oulun yliopisto"].ties is None  # how many ties Raahe has is not told


def test_only_writers_are_offered_to_record_a_tie(client, ties):
    add = reverse("seutu_hei_ties:add") + "?town=678"
    client.force_login(ties.users["viewer"])
    assert add not in page(client).content.decode()
    client.force_login(ties.users["developer"])
    assert add in page(client).content.decode()


def test_the_town_profile_links_to_the_view(client, ties):
    client.force_login(ties.users["viewer"])
    profile = client.get(reverse("seutu_ecosystem:town", args=["678"]))
    assert reverse("seutu_ecosystem:university", args=["678"]) in profile.content.decode()


def test_a_town_outside_the_network_has_no_view(client, ties):
    client.force_login(ties.users["coordinator"])
    assert page(client, code=ties.world.oulu.code).status_code == 404
