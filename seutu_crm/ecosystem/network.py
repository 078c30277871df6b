"""The actor network: active organisations and the relations that hold on a date.

:func:`load_network` reads the register in three ``values_list`` queries (ties, actors, their
competences) whatever the size of the network, so a view or an export costs the same number
of queries for ten actors or a hundred thousand. A :class:`NetworkFilter` narrows it to towns,
actor types, relation kinds and the ego network of one actor. The measures are in
:mod:`.network_measures`, the drawing's positions in :mod:`.network_layout` and the file
formats in :mod:`.graph_exports`.

Rules:

- A relation holds on ``on`` when it started on or before it (no start date counts as "since
  before the register") and has not ended before it (``end_date`` empty or on/after ``on``).
- Only active organisations (``status == active``) belong to the network; a tie to an actor
  in liquidation or ended is left out with that actor.
- A town filter keeps the town's actors *and their direct ties* — the other end may be in
  any town — because a town's ties to university towns are what the picture is about.
- An actor-type filter keeps only actors of those types (at both ends of a tie).
- A relation-kind filter keeps only ties of those kinds, and then only the actors that have
  such a tie: "Raahe's RDI ties" shows the actors in them, not every actor of Raahe.
- The ego network (depth 1–3) is taken from the network the other filters leave.
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from ..models import ActorType, Organisation, OrganisationRelation, OrganisationStatus

MAX_EGO_DEPTH = 3
# Higher-education institutions: a tie to one counts as a tie to a university town.
HIGHER_EDUCATION = frozenset({ActorType.UNIVERSITY, ActorType.UAS})


@dataclass(frozen=True)
class NetworkFilter:
    """Which part of the network to take; empty tuples mean "all"."""

    towns: tuple = ()  # municipality codes
    actor_types: tuple = ()
    kinds: tuple = ()  # RelationKind values
    ego: int | None = None  # an organisation's pk
    depth: int = 1
    on: date | None = None  # default: today

    def __post_init__(self):
        if not 1 <= self.depth <= MAX_EGO_DEPTH:
            raise ValueError(f"depth must be between 1 and {MAX_EGO_DEPTH}")

    @property
    def date(self):
        return self.on or timezone.localdate()


@dataclass(slots=True)
class Actor:
    pk: int
    name: str
    actor_type: str
    town_code: str
    town_name: str
    town_in_network: bool
    competences: list = field(default_factory=list)  # names, in the register's order

    @property
    def is_higher_education(self):
        return self.actor_type in HIGHER_EDUCATION


@dataclass(slots=True)
class Tie:
    """One relation, directed as recorded: ``source`` is the owner, member, supplier …"""

    pk: int
    source: int
    target: int
    kind: str
    start: date | None
    end: date | None


@dataclass
class Network:
    """Actors by pk and the ties between them; ``graph()`` is its networkx form for measures."""

    actors: dict
    ties: list
    on: date
    distances: dict | None = None  # an ego network's: {pk: ties away from the ego}
    _graph: nx.Graph | None = field(default=None, repr=False)

    def __len__(self):
        return len(self.actors)

    def graph(self):
        """Undirected and simple: two actors tied twice (say, supplier and owner) are one
        edge for density, components and centrality, which ask *whether* two actors are
        connected, not how many ways."""
        if self._graph is None:
            graph = nx.Graph()
            graph.add_nodes_from(self.actors)
            graph.add_edges_from((t.source, t.target) for t in self.ties)
            self._graph = graph
        return self._graph

    def degrees(self):
        """{pk: number of distinct actors tied to it}."""
        return dict(self.graph().degree())

    def subnetwork(self, pks):
        """The actors in ``pks`` and the ties among them."""
        pks = set(pks) & self.actors.keys()
        return Network(
            actors={pk: self.actors[pk] for pk in self.actors if pk in pks},
            ties=[t for t in self.ties if t.source in pks and t.target in pks],
            on=self.on,
        )


def ties_holding_on(on):
    """Relations that hold on the date ``on``."""
    return OrganisationRelation.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=on),
        Q(end_date__isnull=True) | Q(end_date__gte=on),
    )


def _tie_queryset(network_filter):
    # The relation table alone, its ends narrowed by IN (subquery): a join of both ends to
    # the organisations lets a planner without fresh statistics (PostgreSQL right after a bulk
    # load) pair every organisation with every other. Inactive ends are dropped in load_network.
    ties = ties_holding_on(network_filter.date)
    if network_filter.actor_types:
        typed = Organisation.objects.filter(actor_type__in=network_filter.actor_types)
        ties = ties.filter(source_id__in=typed.values("pk"), target_id__in=typed.values("pk"))
    if network_filter.kinds:
        ties = ties.filter(kind__in=network_filter.kinds)
    if network_filter.towns:
        in_towns = Organisation.objects.filter(town__code__in=network_filter.towns).values("pk")
        ties = ties.filter(Q(source_id__in=in_towns) | Q(target_id__in=in_towns))
    return ties


def _actor_queryset(network_filter, ties):
    actors = Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
    if network_filter.actor_types:
        actors = actors.filter(actor_type__in=network_filter.actor_types)
    tied = Q(pk__in=ties.values("source_id")) | Q(pk__in=ties.values("target_id"))
    if network_filter.kinds:
        return actors.filter(tied)
    if network_filter.towns:
        return actors.filter(Q(town__code__in=network_filter.towns) | tied)
    return actors


def ego_nodes(ties, ego, depth):
    """The actors within ``depth`` ties of ``ego`` (ties taken as undirected), ``ego`` included."""
    neighbours = defaultdict(set)
    for tie in ties:
        neighbours[tie.source].add(tie.target)
        neighbours[tie.target].add(tie.source)
    seen = {ego: 0}
    queue = deque([ego])
    while queue:
        node = queue.popleft()
        if seen[node] == depth:
            continue
        for other in neighbours[node]:
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return seen  # {pk: distance from ego}


def load_network(network_filter=None):
    """The network as :class:`Network`, in three queries whatever its size."""
    network_filter = network_filter or NetworkFilter()
    tie_rows = _tie_queryset(network_filter)
    actor_rows = _actor_queryset(network_filter, tie_rows)
    tie_values = list(tie_rows.order_by("pk").values_list(
        "pk", "source_id", "target_id", "kind", "start_date", "end_date"
    ))
    swedish = (get_language() or "fi")[:2] == "sv"
    actors = {}
    for pk, name, actor_type, code, name_fi, name_sv, in_network in actor_rows.order_by(
        "pk"
    ).values_list(
        "pk", "name", "actor_type", "town__code", "town__name_fi", "town__name_sv",
        "town__in_network",
    ):
        town_name = (name_sv if swedish and name_sv else name_fi)
        actors[pk] = Actor(pk, name, actor_type, code, town_name, in_network)
    CompetenceLink = Organisation.competences.through
    for pk, competence in (
        CompetenceLink.objects.filter(organisation__in=actor_rows)
        .order_by("organisation_id", "competence__name")
        .values_list("organisation_id", "competence__name")
    ):
        if pk in actors:
            actors[pk].competences.append(competence)
    # A tie belongs to the network while both its actors are active (and so were read).
    ties = [
        Tie(pk, source, target, kind, start, end)
        for pk, source, target, kind, start, end in tie_values
        if source in actors and target in actors
    ]
    network = Network(actors=actors, ties=ties, on=network_filter.date)
    if network_filter.ego is not None:
        if network_filter.ego not in actors:
            return Network(actors={}, ties=[], on=network_filter.date)
        distances = ego_nodes(ties, network_filter.ego, network_filter.depth)
        network = network.subnetwork(distances)
        network.distances = distances
    return network


def town_actor_pks(network, code):
    """The pks of the network's actors in the town ``code``."""
    return [pk for pk, actor in network.actors.items() if actor.town_code == code]
