"""The measures of computed strategy goals, read out of snapshots counted by hand."""

import datetime

import pytest
from django.utils import translation

from seutu_crm.ecosystem.goals import MEASURES, Indicator, indicator_choices, label, parse, series
from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import EcosystemSnapshot, Stage
from tests.factories import CompetenceFactory, LeadFactory, OrganisationFactory, TownFactory

# One town's figures as a snapshot stores them (the keys of snapshot_figures).
FIGURES = {
    "actors": 12, "public": 9, "employees": 340,
    "by_type": {"company": 8, "research": 1},
    "by_section": {"C": 5}, "by_division": {"24": 3},
    "by_competence": {"vetytalous": 2, "akkumateriaalit": 4},
    "pipeline": {"open_leads": 3, "by_stage": {"active": 2, "contacted": 1}, "won": 1,
                 "realised_jobs": 25, "realised_investment": 2_500_000.0,
                 "estimated_jobs": 40, "estimated_investment": 7_000_000.0},
    "network": {"density": 0.2, "university_ties": {"rdi": 2, "education": 1}},
    "hei_ties": {"thesis": 3, "agreement": 1},
}

HAND_COUNTED = [
    ("actors", 12), ("public", 9), ("employees", 340), ("competence:vetytalous", 2),
    ("industry:C", 5), ("industry:24", 3), ("actor_type:research", 1), ("open_leads", 3),
    ("stage:active", 2), ("won", 1), ("realised_jobs", 25), ("realised_investment", 2_500_000),
    ("estimated_jobs", 40), ("estimated_investment", 7_000_000),
    ("university_ties", 3), ("university_ties:rdi", 2), ("hei_ties", 4), ("hei_ties:thesis", 3),
]


@pytest.mark.parametrize("key, expected", HAND_COUNTED)
def test_each_measure_reads_its_figure_out_of_a_snapshot(key, expected):
    assert parse(key).read(FIGURES) == expected


def test_a_figure_an_older_snapshot_lacks_reads_as_zero():
    old = {"actors": 3, "pipeline": {"won": 1}}
    assert parse("hei_ties:thesis").read(old) == 0
    assert parse("industry:24").read(old) == 0
    assert parse("competence:vedyntuotanto").read(old) == 0


@pytest.mark.django_db
def test_the_database_reads_the_same_figures_as_python():
    town = TownFactory()
    EcosystemSnapshot.objects.create(town=town, date=datetime.date(2026, 5, 1), figures=FIGURES)
    indicators = [parse(key) for key, _expected in HAND_COUNTED]
    found = series(indicators, town=town.pk)
    assert {key: found[key][0].value for key, _e in HAND_COUNTED} == dict(HAND_COUNTED)


@pytest.mark.django_db
def test_a_series_holds_the_last_snapshots_only():
    town = TownFactory()
    for day in range(1, 6):
        EcosystemSnapshot.objects.create(
            town=town, date=datetime.date(2026, 5, day), figures={"actors": day})
    readings = series([parse("actors")], town=town.pk, limit=3)["actors"]
    assert [(r.date.day, r.value) for r in readings] == [(3, 3), (4, 4), (5, 5)]


@pytest.mark.django_db
def test_the_network_sums_its_towns_but_not_a_town_outside_it():
    inside, also, outside = TownFactory(), TownFactory(), TownFactory(in_network=False)
    day = datetime.date(2026, 5, 1)
    for town, hydrogen in ((inside, 2), (also, 3), (outside, 50)):
        EcosystemSnapshot.objects.create(
            town=town, date=day, figures={"by_competence": {"vetytalous": hydrogen}})
    key = "competence:vetytalous"
    assert [r.value for r in series([parse(key)])[key]] == [5]


@pytest.mark.django_db
def test_a_snapshot_counts_a_new_hydrogen_actor_and_a_won_lead(world_with_hydrogen):
    town, hydrogen = world_with_hydrogen
    take_snapshots(datetime.date(2026, 5, 1))
    OrganisationFactory(town=town, competences=[hydrogen])
    LeadFactory(town=town, stage="won", realised_jobs=12)
    take_snapshots(datetime.date(2026, 5, 2))
    found = series([parse("competence:vetytalous"), parse("won"), parse("realised_jobs")],
                   town=town.pk)
    assert [r.value for r in found["competence:vetytalous"]] == [1, 2]
    assert [r.value for r in found["won"]] == [0, 1]
    assert [r.value for r in found["realised_jobs"]] == [0, 12]


@pytest.fixture
def world_with_hydrogen(db):
    town = TownFactory(code="678", name_fi="Raahe")
    hydrogen = CompetenceFactory(name="Vetytalous", slug="vetytalous")
    OrganisationFactory(town=town, competences=[hydrogen])
    return town, hydrogen


def test_keys_no_measure_answers_are_refused():
    for key in ["", "nonsense", "actors:extra", "competence", "industry:C-1"]:
        assert parse(key) is None, key


def test_an_optional_parameter_left_out_means_the_whole_figure():
    assert parse("university_ties") == Indicator(MEASURES["university_ties"])


@pytest.mark.django_db
def test_labels_name_the_parameter_in_the_readers_language():
    with translation.override("en"):
        assert label(parse("stage:active")) == f"Leads in the stage {Stage.ACTIVE.label}"
        assert label(parse("university_ties")) == "Ties to university towns"


@pytest.mark.django_db
def test_the_editor_is_offered_every_measure():
    offered = {key for _group, options in indicator_choices() for key, _label in options}
    assert {"actors", "won", "university_ties", "stage:active", "actor_type:company"} <= offered
    assert all(parse(key) is not None for key in offered)
