"""Towns side by side: per-capita figures, location quotients, scoped pipeline outcomes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from seutu_crm.ecosystem.benchmark import benchmark, class_columns
from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import Role, Stage, TownIndicator
from tests.crm.ecosystem_world import world  # noqa: F401
from tests.factories import LeadFactory, OrganisationFactory, TownMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def values(table, town):
    row = next(row for row in table.rows if row.town == town)
    return dict(zip([c.key for c in table.columns], row.values))


def test_actors_per_1000_inhabitants_use_each_towns_latest_population(world):
    table = benchmark([world.raahe, world.kuusamo], ["total:actors", "total:per_1000"])
    assert values(table, world.raahe) == {"total:actors": 5,
                                          "total:per_1000": pytest.approx(5000 / 24_000)}
    assert values(table, world.kuusamo)["total:per_1000"] == pytest.approx(2000 / 15_000)
    network = dict(zip([c.key for c in table.columns], table.network.values))
    assert network["total:actors"] == 7
    assert network["total:per_1000"] == pytest.approx(7000 / 39_000)


def test_the_location_quotient_compares_a_towns_share_with_the_networks(world):
    key = f"competence:{world.battery.pk}:lq_network"
    table = benchmark([world.raahe, world.kuusamo], [key])
    # Raahe: 4 of 5 actors; Kuusamo: 1 of 2; the network: 5 of 7.
    assert values(table, world.raahe)[key] == pytest.approx((4 / 5) / (5 / 7))
    assert values(table, world.kuusamo)[key] == pytest.approx((1 / 2) / (5 / 7))


def test_the_location_quotient_against_finland_needs_national_workplace_figures(world):
    key = "section:C:lq_finland"
    assert values(benchmark([world.raahe], [key]), world.raahe)[key] is None
    for town, code, value in [(world.raahe, "", 10_000), (world.raahe, "C", 3_000),
                              (None, "", 2_500_000), (None, "C", 300_000)]:
        TownIndicator.objects.create(town=town, indicator="tyopaikat", industry_code=code,
                                     year=2023, value=value, source="Tilastokeskus")
    assert values(benchmark([world.raahe], [key]), world.raahe)[key] == pytest.approx(
        (3_000 / 10_000) / (300_000 / 2_500_000)
    )


def test_pipeline_outcomes_are_shown_only_for_the_users_towns(world):
    LeadFactory(town=world.raahe, stage=Stage.WON, realised_jobs=12)
    LeadFactory(town=world.kuusamo, stage=Stage.AFTERCARE, realised_jobs=3)
    raahe_member = UserFactory()
    TownMembershipFactory(user=raahe_member, town=world.raahe, role=Role.BUSINESS_DEVELOPER)
    keys = ["pipeline:won", "pipeline:realised_jobs"]

    table = benchmark([world.raahe, world.kuusamo], keys, raahe_member)
    assert values(table, world.raahe) == {"pipeline:won": 1, "pipeline:realised_jobs": 12}
    assert values(table, world.kuusamo) == {"pipeline:won": None, "pipeline:realised_jobs": None}
    assert table.notes


def test_network_measures_come_from_the_latest_snapshot(world):
    assert values(benchmark([world.raahe], ["network:density"]), world.raahe) == {
        "network:density": None
    }
    take_snapshots()
    density = values(benchmark([world.raahe], ["network:density"]), world.raahe)
    assert density["network:density"] == 0.0  # five actors, no ties


def test_unknown_figures_are_left_out_rather_than_failing(world):
    table = benchmark([world.raahe], ["total:nonsense", "type:spaceship:count",
                                      "competence:999999:count", "section:C:lq_finland"])
    assert [c.key for c in table.columns] == ["section:C:lq_finland"]


def test_class_columns_offer_only_the_measures_a_class_has():
    assert class_columns("type", ["company"], ["count", "lq_finland"]) == ["type:company:count"]


def test_the_change_over_a_year_counts_from_the_oldest_snapshot_of_the_year(world):
    today = timezone.localdate()
    take_snapshots(today - datetime.timedelta(days=400))  # too old to count
    OrganisationFactory(town=world.raahe)
    take_snapshots(today - datetime.timedelta(days=300))  # the baseline: 6 actors
    OrganisationFactory(town=world.raahe)
    OrganisationFactory(town=world.raahe)
    take_snapshots(today)
    assert values(benchmark([world.raahe], ["total:change"]), world.raahe) == {"total:change": 2}


def test_a_benchmark_counts_only_what_its_figures_need(world):
    with CaptureQueriesContext(connection) as totals_only:
        benchmark([world.raahe], ["total:actors", "type:company:count"])
    assert not any("_competences" in q["sql"] or "_industries" in q["sql"] for q in totals_only)
    with CaptureQueriesContext(connection) as with_competences:
        benchmark([world.raahe], [f"competence:{world.battery.pk}:count"])
    assert any("_competences" in q["sql"] for q in with_competences)
    assert not any("_industries" in q["sql"] for q in with_competences)
