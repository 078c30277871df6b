"""The board and the lead listing cost the same number of queries at 100 and 5,000 leads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seutu_crm.models import Lead, LeadKind, Organisation, Stage
from tests.crm.pipeline_world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def add_leads(town, owner, count):
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Massa {town.code}-{n} Oy", actor_type="company", town=town)
        for n in range(count)
    )
    stages = Stage.values
    Lead.objects.bulk_create(
        Lead(
            organisation=organisation,
            town=town,
            owner=owner,
            stage=stages[n % len(stages)],
            kind=LeadKind.EXPANSION,
            estimated_investment=1000 * n,
            estimated_jobs=n % 50,
            lost_reason="Ei sopinut" if stages[n % len(stages)] == Stage.LOST else "",
        )
        for n, organisation in enumerate(organisations)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["seutu_leads:board", "seutu_leads:list"])
def test_query_count_is_the_same_at_100_and_5000_leads(client, world, url_name):
    developer = world.users["business_developer"]
    client.force_login(developer)
    url = reverse(url_name)
    add_leads(world.raahe.town, developer, 100)
    small = count_queries(client, url)
    add_leads(world.raahe.town, developer, 4900)
    large = count_queries(client, url)
    assert small == large
