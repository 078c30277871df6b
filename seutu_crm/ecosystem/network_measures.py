"""Measures of the actor network, for a view, an export, or a town's daily snapshot.

Every result is a dataclass of plain values (``asdict()`` is JSON-serialisable): the
snapshots store them as they are.

Betweenness is the expensive one (Brandes: one shortest-path search per actor). Up to
:data:`EXACT_BETWEENNESS_MAX_NODES` actors it is exact; above that it is estimated from
:data:`BETWEENNESS_SAMPLES` source actors drawn with the fixed seed :data:`BETWEENNESS_SEED`
(networkx's ``k``-sampling), so the same network always gives the same figures and the
result says it is an estimate; above :data:`BETWEENNESS_MAX_NODES` it is not computed at all
(``betweenness_computed`` is false) — a view of the whole register asks for its shape, and a
town's brokers come from the town's own measures.

A town's measures are those of its *internal* network: the town's actors and the ties among
them. Its ties outward are counted apart, by kind, in ``university_ties``.
"""

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
from django.utils import timezone

from ..models import Town
from .network import NetworkFilter, load_network, town_actor_pks

EXACT_BETWEENNESS_MAX_NODES = 1_000
BETWEENNESS_SAMPLES = 100
BETWEENNESS_SEED = 2026
BETWEENNESS_MAX_NODES = 25_000
TOP = 10


@dataclass
class RankedActor:
    """An actor among the top ten by betweenness (a broker) or by degree."""

    pk: int
    name: str
    actor_type: str
    town_code: str
    degree: int
    betweenness: float | None


@dataclass
class NetworkMeasures:
    actors: int
    ties: int  # relations, counted one by one
    connected_pairs: int  # distinct pairs of actors with at least one tie
    density: float  # connected pairs / possible pairs
    components: int  # isolated actors count as components of their own
    largest_component_share: float  # of all actors, 0–1
    isolated: int
    betweenness_computed: bool
    betweenness_samples: int | None  # None: exact (or not computed)
    brokers: list = field(default_factory=list)  # RankedActor, by betweenness
    best_connected: list = field(default_factory=list)  # RankedActor, by degree
    university_ties: dict = field(default_factory=dict)  # relation kind -> ties


@dataclass
class TownNetworkMeasures:
    town_code: str
    town_name: str
    on: str  # ISO date
    measures: NetworkMeasures


@dataclass
class NodeMeasures:
    """Per actor, for exports and the view's list."""

    degree: dict  # pk -> distinct neighbours
    degree_centrality: dict  # pk -> 0–1
    betweenness: dict | None  # pk -> 0–1, None when not computed
    betweenness_samples: int | None


def betweenness(graph):
    """({pk: normalised betweenness}, samples) or (None, None) above the size limit."""
    n = graph.number_of_nodes()
    if n > BETWEENNESS_MAX_NODES:
        return None, None
    if n > EXACT_BETWEENNESS_MAX_NODES:
        return (
            nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLES, seed=BETWEENNESS_SEED),
            BETWEENNESS_SAMPLES,
        )
    return nx.betweenness_centrality(graph), None


def node_measures(network, *, with_betweenness=True):
    graph = network.graph()
    between, samples = betweenness(graph) if with_betweenness else (None, None)
    return NodeMeasures(
        degree=dict(graph.degree()),
        degree_centrality=nx.degree_centrality(graph) if len(graph) > 1 else {
            pk: 0.0 for pk in graph
        },
        betweenness=between,
        betweenness_samples=samples,
    )


def is_university_tie(network, tie, inside=None):
    """A tie from a network town's actor (or from ``inside``) to an actor in a university
    town (a town outside the network) or to a university or UAS anywhere."""
    source, target = network.actors[tie.source], network.actors[tie.target]
    for here, there in ((source, target), (target, source)):
        at_home = here.pk in inside if inside is not None else here.town_in_network
        if at_home and (not there.town_in_network or there.is_higher_education):
            return True
    return False


def _ranked(network, nodes, values):
    order = sorted(values, key=lambda pk: (-values[pk], network.actors[pk].name, pk))[:TOP]
    return [
        RankedActor(
            pk=pk,
            name=network.actors[pk].name,
            actor_type=network.actors[pk].actor_type,
            town_code=network.actors[pk].town_code,
            degree=nodes.degree[pk],
            betweenness=nodes.betweenness[pk] if nodes.betweenness is not None else None,
        )
        for pk in order
        if values[pk] > 0
    ]


def network_measures(network, *, university_ties=None, nodes=None):
    """Measures of ``network``; ``university_ties`` given by the caller for a town."""
    graph = network.graph()
    nodes = nodes or node_measures(network)
    n = graph.number_of_nodes()
    components = list(nx.connected_components(graph)) if n else []
    if university_ties is None:
        university_ties = Counter(
            t.kind for t in network.ties if is_university_tie(network, t)
        )
    return NetworkMeasures(
        actors=n,
        ties=len(network.ties),
        connected_pairs=graph.number_of_edges(),
        density=nx.density(graph) if n > 1 else 0.0,
        components=len(components),
        largest_component_share=max(map(len, components)) / n if n else 0.0,
        isolated=sum(1 for pk in graph if nodes.degree[pk] == 0),
        betweenness_computed=nodes.betweenness is not None,
        betweenness_samples=nodes.betweenness_samples,
        brokers=_ranked(network, nodes, nodes.betweenness or {}),
        best_connected=_ranked(network, nodes, nodes.degree),
        university_ties=dict(sorted(university_ties.items())),
    )


def town_measures(network, town_code, town_name):
    """One town's measures, from a network that holds (at least) the town and its ties."""
    pks = set(town_actor_pks(network, town_code))
    outward = Counter(
        t.kind
        for t in network.ties
        if (t.source in pks or t.target in pks) and is_university_tie(network, t, inside=pks)
    )
    return TownNetworkMeasures(
        town_code=town_code,
        town_name=town_name,
        on=network.on.isoformat(),
        measures=network_measures(network.subnetwork(pks), university_ties=outward),
    )


def town_network_measures(on=None):
    """{town code: TownNetworkMeasures} for every network town, from one read of the network."""
    on = on or timezone.localdate()
    network = load_network(NetworkFilter(on=on))
    return {
        town.code: town_measures(network, town.code, town.name)
        for town in Town.objects.in_network().order_by("code")
    }
