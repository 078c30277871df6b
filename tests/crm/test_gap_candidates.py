"""Candidates for a gap: who they are, how they rank, and what they say about interest."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from seutu_crm.ecosystem.candidates import candidates
from seutu_crm.ecosystem.gap_explanations import explained_candidates
from seutu_crm.models import OrganisationStatus, RelationKind, Stage
from tests.crm.ecosystem_world import world  # noqa: F401  (fixture)
from tests.crm.gap_world import hydrogen_world  # noqa: F401  (fixture)
from tests.factories import LeadFactory, OrganisationFactory, RelationFactory


def names(found):
    return [c.name for c in found.candidates]


def test_candidates_are_the_active_actors_outside_the_town_that_have_it(hydrogen_world):
    w = hydrogen_world.world
    OrganisationFactory(town=w.raahe, name="Raahen Vety Oy", competences=[w.hydrogen])
    OrganisationFactory(town=w.oulu, name="Lopettanut Vety Oy", competences=[w.hydrogen],
                        status=OrganisationStatus.ENDED)
    found = candidates(w.raahe, "vedyn-tuotanto")
    assert sorted(names(found)) == ["Oulun Vety Oy", "Pohjan Elektrolyysi Oy", "Vaasan Vety Oy"]
    assert found.found == 3


def test_more_gaps_closed_first_then_a_direct_tie_then_a_path(hydrogen_world):
    found = candidates(hydrogen_world.world.raahe, "vedyn-tuotanto")
    assert names(found) == ["Vaasan Vety Oy", "Oulun Vety Oy", "Pohjan Elektrolyysi Oy"]
    far, direct, path = found.candidates
    assert far.gaps_closed == ["elektrolyyserit", "vedyn-tuotanto"]  # equal scores: by key
    assert direct.path_length == 1 and direct.ties[0].actor == "Raahen Teräs Oy"
    assert path.path_length == 2
    assert (path.paths[0].via, path.paths[0].actor) == ("Oulun yliopisto", "Raahen akkututkimus")
    assert far.path_length is None


def test_distance_is_measured_from_the_town(hydrogen_world):
    found = {c.name: c for c in candidates(hydrogen_world.world.raahe, "vedyn-tuotanto").candidates}
    # Oulu's centre is about 55 km from Raahe's, Vaasa's about 225 km.
    assert 40 < found["Oulun Vety Oy"].distance_km < 70
    assert 200 < found["Vaasan Vety Oy"].distance_km < 250


def test_other_towns_interest_is_shown_by_town_only(hydrogen_world):
    w = hydrogen_world.world
    LeadFactory(organisation=hydrogen_world.direct, town=w.kuusamo, stage=Stage.CONTACTED,
                estimated_investment=5_000_000)
    LeadFactory(organisation=hydrogen_world.far, town=w.kuusamo, stage=Stage.LOST,
                lost_reason="Ei kiinnostunut")
    found = {c.name: c for c in candidates(w.raahe, "vedyn-tuotanto").candidates}
    assert found["Oulun Vety Oy"].interested_towns == ["Kuusamo"]
    assert found["Vaasan Vety Oy"].interested_towns == []  # a lost lead is no interest
    assert found["Oulun Vety Oy"].own_lead_id is None


def test_the_towns_own_lead_is_marked(hydrogen_world):
    w = hydrogen_world.world
    lead = LeadFactory(organisation=hydrogen_world.path, town=w.raahe)
    found = {c.name: c for c in candidates(w.raahe, "vedyn-tuotanto").candidates}
    assert found["Pohjan Elektrolyysi Oy"].own_lead_id == lead.pk
    assert found["Pohjan Elektrolyysi Oy"].interested_towns == []


def test_each_candidate_is_explained(hydrogen_world):
    with translation.override("en"):
        found = explained_candidates(hydrogen_world.world.raahe, "vedyn-tuotanto")
    far, direct, path = found.candidates
    assert far.sentences[0] == (
        "It would close 2 of the town's gaps: Elektrolyyserit and Vedyn tuotanto."
    )
    assert "It has no ties to the town's actors yet." in far.sentences
    assert "It is tied directly to the town's actors: Raahen Teräs Oy." in direct.sentences
    assert (
        "It is two steps from the town's actors: through Oulun yliopisto to "
        "Raahen akkututkimus." in path.sentences
    )
    assert "Employees: 900." in far.sentences


def test_the_candidates_query_count_does_not_grow_with_the_candidates(
    hydrogen_world, django_assert_max_num_queries
):
    w = hydrogen_world.world
    candidates(w.raahe, "vedyn-tuotanto")  # the first call also stores the day's spaces
    for n in range(20):
        OrganisationFactory(town=hydrogen_world.vaasa, competences=[w.hydrogen])
    with django_assert_max_num_queries(30):
        found = candidates(w.raahe, "vedyn-tuotanto")
    assert found.found == 23


def test_the_command_prints_the_candidates_as_json(hydrogen_world):
    out = io.StringIO()
    call_command("seutu_ecosystem", "candidates", "678", "vedyn-tuotanto", "--format", "json",
                 "--language", "en", stdout=out)
    data = json.loads(out.getvalue())
    assert [c["name"] for c in data["candidates"]] == [
        "Vaasan Vety Oy", "Oulun Vety Oy", "Pohjan Elektrolyysi Oy",
    ]
    assert data["candidates"][1]["path_length"] == 1
    assert data["gap"]["label"] == "attract"


def test_the_command_refuses_an_unknown_competence(hydrogen_world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown competence"):
        call_command("seutu_ecosystem", "candidates", "678", "nothing", stdout=io.StringIO())


@pytest.fixture
def cached(settings):
    settings.SEUTU_CRM = {**settings.SEUTU_CRM, "ECOSYSTEM_CACHE_SECONDS": 3600}


@pytest.mark.django_db(transaction=True)  # the register's version moves when a write commits
def test_a_cached_ranking_follows_a_new_tie(hydrogen_world, cached):
    w = hydrogen_world.world
    assert candidates(w.raahe, "vedyn-tuotanto").candidates[0].path_length is None
    RelationFactory(source=w.steel, target=hydrogen_world.far, kind=RelationKind.SUPPLIER)
    far = candidates(w.raahe, "vedyn-tuotanto").candidates[0]
    assert far.name == "Vaasan Vety Oy" and far.path_length == 1


def test_a_cached_ranking_shows_a_new_lead_of_another_town_at_once(hydrogen_world, cached):
    w = hydrogen_world.world
    candidates(w.raahe, "vedyn-tuotanto")
    LeadFactory(organisation=hydrogen_world.direct, town=w.kuusamo, stage=Stage.CONTACTED)
    found = {c.name: c for c in candidates(w.raahe, "vedyn-tuotanto").candidates}
    assert found["Oulun Vety Oy"].interested_towns == ["Kuusamo"]
