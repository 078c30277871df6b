"""Coordinators and the town's business developers see Invest-in inquiries; nobody else."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from seutu_crm.models import Role
from seutu_pages.models import InquiryStatus, InvestInInquiry
from tests.factories import TownFactory, TownMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "wagtailsnippets_seutu_pages_investininquiry:list"


def admin_user(town=None, role=Role.BUSINESS_DEVELOPER):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_investininquiry"),
    )
    TownMembershipFactory(user=user, town=town, role=role)
    return user


def inquiry(town, **fields):
    values = {
        "person_name": "Anna Andersson",
        "organisation_name": f"Firma {town.code} Ab",
        "email": "anna@example.fi",
        "message": "Hello",
        "consent": True,
        "consent_text": "OK",
        "language": "sv",
    }
    return InvestInInquiry.objects.create(town=town, **(values | fields))


@pytest.fixture
def towns():
    return TownFactory(), TownFactory()


def test_business_developer_sees_only_own_towns_inquiries(client, towns):
    mine, other = towns
    inquiry(mine)
    inquiry(other)
    client.force_login(admin_user(mine))
    response = client.get(reverse(LIST_URL))
    assert response.status_code == 200
    assert f"Firma {mine.code} Ab" in response.text
    assert f"Firma {other.code} Ab" not in response.text


def test_business_developer_cannot_open_another_towns_inquiry(client, towns):
    mine, other = towns
    theirs = inquiry(other)
    client.force_login(admin_user(mine))
    url = reverse("wagtailsnippets_seutu_pages_investininquiry:inspect", args=[theirs.pk])
    assert client.get(url).status_code in (302, 403, 404)


def test_coordinator_sees_failed_inquiries_of_every_town(client, towns):
    mine, other = towns
    failed = inquiry(other, status=InquiryStatus.FAILED, error="RuntimeError: boom")
    client.force_login(admin_user(None, Role.COORDINATOR))
    assert f"Firma {other.code} Ab" in client.get(reverse(LIST_URL)).text
    url = reverse("wagtailsnippets_seutu_pages_investininquiry:inspect", args=[failed.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "RuntimeError: boom" in response.text


def test_nobody_edits_an_inquiry(client, towns):
    mine, _other = towns
    sent = inquiry(mine)
    client.force_login(admin_user(None, Role.COORDINATOR))
    url = reverse("wagtailsnippets_seutu_pages_investininquiry:edit", args=[sent.pk])
    assert client.get(url).status_code in (302, 403, 404)
