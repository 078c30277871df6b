"""Issue 11 item 2: the actor network — which ties hold, filters, ego networks, measures."""

import datetime
import json
from dataclasses import asdict

import networkx as nx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seutu_crm.ecosystem import network_measures
from seutu_crm.ecosystem.network import NetworkFilter, load_network
from seutu_crm.ecosystem.network_measures import (
    network_measures as measures_of,
    town_network_measures,
)
from seutu_crm.models import ActorType, RelationKind
from tests.crm.network_world import TODAY, small_network  # noqa: F401  (fixture)
from tests.factories import OrganisationFactory, RelationFactory, TownFactory


def pairs(network):
    return {frozenset((t.source, t.target)) for t in network.ties}


def on(day, **kwargs):
    return load_network(NetworkFilter(on=day, **kwargs))


def test_a_tie_holds_from_its_start_to_its_end_date(small_network):
    w = small_network
    ended = frozenset(w.pk_of("a1", "a5"))
    future = frozenset(w.pk_of("a4", "a5"))
    assert ended in pairs(on(datetime.date(2023, 6, 30)))  # the last day still counts
    assert ended not in pairs(on(datetime.date(2023, 7, 1)))
    assert future not in pairs(on(TODAY))
    assert future in pairs(on(datetime.date(2027, 1, 1)))
    rdi = frozenset(w.pk_of("a3", "university"))
    assert rdi not in pairs(on(datetime.date(2022, 4, 30)))


def test_only_active_actors_and_their_ties_are_in_the_network(small_network):
    network = on(TODAY)
    assert small_network.liquidated.pk not in network.actors
    assert all(small_network.liquidated.pk not in pair for pair in pairs(network))
    assert len(network) == 6  # a1–a5 and the university


def test_actors_carry_type_town_and_competences(small_network):
    actor = on(TODAY).actors[small_network.a3.pk]
    assert (actor.actor_type, actor.town_code, actor.town_name) == ("company", "901", "Kotikylä")
    assert actor.competences == ["Teräs", "Vety"]


def test_a_town_filter_keeps_the_towns_actors_and_their_ties_to_other_towns(small_network):
    w = small_network
    network = on(TODAY, towns=("901",))
    assert set(network.actors) == w.pk_of("a1", "a2", "a3", "a4", "a5", "university")
    assert set(on(TODAY, towns=("564",)).actors) == w.pk_of("university", "a3")


def test_a_kind_filter_keeps_only_those_ties_and_the_actors_in_them(small_network):
    w = small_network
    network = on(TODAY, towns=("901",), kinds=(RelationKind.RDI,))
    assert set(network.actors) == w.pk_of("a3", "university")
    assert [t.pk for t in network.ties] == [w.rdi.pk]


def test_an_actor_type_filter_applies_at_both_ends(small_network):
    network = on(TODAY, actor_types=(ActorType.COMPANY,))
    assert small_network.university.pk not in network.actors
    assert all(t.kind == RelationKind.SUPPLIER for t in network.ties)


@pytest.mark.parametrize(
    "depth, expected",
    [
        (1, {"a1", "a2"}),
        (2, {"a1", "a2", "a3", "a4"}),
        (3, {"a1", "a2", "a3", "a4", "university"}),
    ],
)
def test_an_ego_network_reaches_depth_ties_in_either_direction(small_network, depth, expected):
    network = on(TODAY, ego=small_network.a1.pk, depth=depth)
    assert set(network.actors) == small_network.pk_of(*expected)


def test_an_ego_deeper_than_three_is_refused():
    with pytest.raises(ValueError):
        NetworkFilter(ego=1, depth=4)


def test_an_ego_outside_the_filtered_network_gives_an_empty_network(small_network):
    network = on(TODAY, ego=small_network.liquidated.pk)
    assert len(network) == 0 and network.ties == []


def test_town_measures_are_those_computed_by_hand(small_network):
    w = small_network
    town = town_network_measures(on=TODAY)["901"]
    m = town.measures
    # Five actors, four connected pairs inside the town: 4 / (5·4/2).
    assert (m.actors, m.connected_pairs, m.density) == (5, 4, pytest.approx(0.4))
    # {a1, a2, a3, a4} and a5 alone.
    assert (m.components, m.largest_component_share, m.isolated) == (2, 0.8, 1)
    # a2 alone lies between a1 and a3 and between a1 and a4: 2 pairs of the (4·3)/2 = 6 it
    # could lie between.
    assert [b.pk for b in m.brokers] == [w.a2.pk]
    assert m.brokers[0].betweenness == pytest.approx(2 / 6)
    assert m.brokers[0].degree == 3
    assert m.betweenness_computed and m.betweenness_samples is None
    assert m.university_ties == {"rdi": 1}


def test_network_measures_agree_with_networkx(small_network):
    network = on(TODAY)
    graph = nx.Graph([(t.source, t.target) for t in network.ties])
    graph.add_nodes_from(network.actors)
    m = measures_of(network)
    assert m.density == pytest.approx(nx.density(graph))
    assert m.components == nx.number_connected_components(graph)
    expected = nx.betweenness_centrality(graph)
    assert {b.pk: b.betweenness for b in m.brokers} == pytest.approx(
        {pk: value for pk, value in expected.items() if value > 0}
    )
    assert m.university_ties == {"rdi": 1}


def test_town_measures_are_json_serialisable_for_snapshots(small_network):
    measures = town_network_measures(on=TODAY)
    text = json.dumps({code: asdict(m) for code, m in measures.items()})
    assert json.loads(text)["901"]["measures"]["brokers"][0]["name"] == "A2 Oy"


def test_a_large_network_samples_betweenness_with_a_fixed_seed(small_network, monkeypatch):
    monkeypatch.setattr(network_measures, "EXACT_BETWEENNESS_MAX_NODES", 3)
    monkeypatch.setattr(network_measures, "BETWEENNESS_SAMPLES", 3)
    first, second = measures_of(on(TODAY)), measures_of(on(TODAY))
    assert first.betweenness_samples == 3
    assert first.brokers == second.brokers


def test_a_network_too_large_for_betweenness_says_so(small_network, monkeypatch):
    monkeypatch.setattr(network_measures, "BETWEENNESS_MAX_NODES", 3)
    m = measures_of(on(TODAY))
    assert not m.betweenness_computed and m.brokers == []
    assert m.best_connected[0].pk == small_network.a2.pk


def grow(town, n):
    """``n`` more companies in ``town``, each tied to the one before it."""
    previous = None
    for _ in range(n):
        organisation = OrganisationFactory(town=town)
        if previous is not None:
            RelationFactory(source=previous, target=organisation)
        previous = organisation


def queries_for(network_filter):
    with CaptureQueriesContext(connection) as queries:
        load_network(network_filter)
    return len(queries)


@pytest.mark.parametrize(
    "network_filter",
    [NetworkFilter(), NetworkFilter(towns=("901",), kinds=("partner",))],
    ids=["whole", "filtered"],
)
def test_reading_the_network_costs_the_same_queries_at_any_size(db, network_filter):
    town = TownFactory(code="901")
    grow(town, 5)
    small = queries_for(network_filter)
    grow(town, 40)
    assert queries_for(network_filter) == small == 3
