"""A town's profile counts its active actors by every dimension, in a fixed number of queries."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from django_tasks import default_task_backend

from seutu_crm.ecosystem.benchmark import benchmark
from seutu_crm.ecosystem.cache import count_ahead, town_figures
from seutu_crm.ecosystem.figures import Part, count_towns
from seutu_crm.ecosystem.profile import town_profile
from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import (
    ActorType,
    Organisation,
    OrganisationDescription,
    OrganisationStatus,
    Role,
    Stage,
    Town,
)
from tests.crm.ecosystem_world import world  # noqa: F401
from tests.factories import (
    CompetenceFactory,
    LeadFactory,
    OrganisationFactory,
    TownMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_only_active_actors_count_and_the_others_are_counted_apart(world):
    raahe = count_towns([world.raahe.pk])[world.raahe.pk]
    assert raahe.actors == 5
    assert raahe.inactive == {OrganisationStatus.LIQUIDATION: 1}
    assert raahe.public == 4 and raahe.not_public == 1
    assert raahe.employees == 20 + 5 + 40 + 1000


def test_actors_are_counted_by_type_size_section_and_competence(world):
    raahe = count_towns([world.raahe.pk])[world.raahe.pk]
    assert raahe.by_type == {ActorType.COMPANY: 4, ActorType.RESEARCH: 1}
    assert raahe.by_size == {"small": 1, "micro": 1, "large": 1, "": 2}
    assert raahe.by_section == {"C": 2}
    assert raahe.by_competence == {world.battery.pk: 4, world.sawmilling.pk: 1}
    assert raahe.by_top_competence == {world.energy.pk: 4, world.forest.pk: 1}


def test_an_actor_with_two_competences_of_one_area_is_one_actor_of_that_area(world):
    katodi = world.raahe_battery[1]
    katodi.competences.add(world.hydrogen)
    katodi.save()  # a ParentalManyToManyField writes on save
    raahe = count_towns([world.raahe.pk])[world.raahe.pk]
    assert raahe.by_competence[world.hydrogen.pk] == 1
    assert raahe.by_top_competence[world.energy.pk] == 4


def test_completeness_is_the_share_of_actors_with_each_field(world):
    raahe = count_towns([world.raahe.pk])[world.raahe.pk]
    assert raahe.complete["business_id"] == 4
    assert raahe.complete["competences"] == 5
    assert raahe.complete["industry"] == 2
    assert raahe.complete["coordinates"] == 1
    assert raahe.complete["description_fi"] == 1
    assert raahe.complete["description_en"] == 1
    assert raahe.complete.get("description_sv", 0) == 0
    assert raahe.share_complete("business_id") == pytest.approx(0.8)


def test_the_profile_uses_the_latest_population_for_actors_per_capita(world):
    profile = town_profile(world.raahe)
    assert profile.population.year == 2024
    assert profile.actors_per_1000 == pytest.approx(5 * 1000 / 24_000)


def test_the_pipeline_is_shown_only_to_the_towns_own_members(world):
    LeadFactory(town=world.raahe, stage=Stage.CONTACTED, estimated_investment=2_000_000,
                estimated_jobs=30)
    LeadFactory(town=world.raahe, stage=Stage.WON, realised_jobs=12, realised_investment=500)
    member = UserFactory()
    TownMembershipFactory(user=member, town=world.raahe, role=Role.VIEWER)
    outsider = UserFactory()
    TownMembershipFactory(user=outsider, town=world.kuusamo, role=Role.BUSINESS_DEVELOPER)

    seen = town_profile(world.raahe, member).pipeline
    assert seen.open_leads == 1 and seen.estimated_jobs == 30
    assert seen.won == 1 and seen.realised_jobs == 12
    assert town_profile(world.raahe, outsider).pipeline is None


def test_new_and_removed_actors_are_counted_since_the_latest_snapshot(world):
    take_snapshots()
    OrganisationFactory(town=world.raahe, name="Uusi Akku Oy")
    world.steel.status = OrganisationStatus.ENDED
    world.steel.save()
    Organisation.objects.filter(pk=world.raahe_battery[1].pk).delete()

    changes = town_profile(world.raahe).changes
    assert (changes.new, changes.removed, changes.deleted) == (1, 2, 1)


def test_the_profile_costs_the_same_queries_however_many_actors_there_are(world, django_user_model):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            town_profile(world.raahe)
        return len(captured)

    take_snapshots()
    few = queries()
    for i in range(30):
        OrganisationFactory(town=world.raahe, competences=[world.battery, world.hydrogen],
                            industries=[world.metals])
    assert queries() == few


@pytest.fixture
def cached(settings):
    settings.SEUTU_CRM = {**settings.SEUTU_CRM, "ECOSYSTEM_CACHE_SECONDS": 3600}


def test_the_figures_are_counted_once_for_a_register_version(world, cached):
    town_profile(world.raahe)
    with CaptureQueriesContext(connection) as again:
        town_profile(world.raahe)
    assert not any("seutu_crm_organisation_competences" in q["sql"] for q in again)


@pytest.mark.django_db(transaction=True)
def test_every_kind_of_change_to_the_register_is_counted_at_once(world, cached):
    def raahe():
        return town_profile(world.raahe).figures

    assert raahe().actors == 5
    OrganisationFactory(town=world.raahe)
    assert raahe().actors == 6
    world.steel.status = OrganisationStatus.ENDED
    world.steel.save()
    assert raahe().actors == 5
    Organisation.objects.filter(pk=world.raahe_battery[0].pk).update(is_public=False)
    assert raahe().public == 3
    katodi = world.raahe_battery[1]
    katodi.competences.add(world.hydrogen)
    katodi.save()
    assert raahe().by_competence.get(world.hydrogen.pk) == 1
    OrganisationDescription.objects.create(organisation=katodi, language="sv",
                                           text="Katodmaterial.")
    assert raahe().complete["description_sv"] == 1
    Organisation.objects.filter(pk=world.raahe_battery[2].pk).delete()
    assert raahe().actors == 4


@pytest.mark.django_db(transaction=True)
def test_a_change_is_seen_only_when_it_commits(world, cached):
    town_profile(world.raahe)
    try:
        with transaction.atomic():
            OrganisationFactory(town=world.raahe)
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert town_profile(world.raahe).figures.actors == 5


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_a_change_has_the_networks_figures_counted_before_anyone_looks(
    world, cached, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    OrganisationFactory(town=world.raahe)
    queued = [r for r in default_task_backend.results if r.task.func is count_ahead.func]
    latest = queued[-1]  # each commit enqueues its count; only the latest version's counts
    assert count_ahead.call(*latest.args) is True  # what the worker does

    with CaptureQueriesContext(connection) as counted:
        benchmark(Town.objects.in_network(), ["total:actors"])
    assert not any("seutu_crm_organisation_competences" in q["sql"] for q in counted)
    assert count_ahead.call(latest.args[0] - 1) is False  # an outdated count does nothing


def test_figures_counted_in_full_serve_a_view_that_needs_fewer(world, cached):
    town_figures([world.raahe.pk])  # all of it, as a profile or the count ahead does
    with CaptureQueriesContext(connection) as again:
        totals = town_figures([world.raahe.pk], {Part.TOTALS})
    assert len(again) == 1  # the register's version, nothing counted
    assert totals[world.raahe.pk].by_competence == {world.battery.pk: 4, world.sawmilling.pk: 1}


def test_a_deeper_taxonomy_still_counts_actors_under_their_top_level_area(world):
    cathodes = CompetenceFactory(name="Katodit", slug="katodit", parent=world.battery)
    OrganisationFactory(town=world.kuusamo, competences=[cathodes])
    kuusamo = count_towns([world.kuusamo.pk])[world.kuusamo.pk]
    assert kuusamo.by_top_competence[world.energy.pk] == 2  # Kuusamon Akku and the new one
    assert kuusamo.by_competence[cathodes.pk] == 1
