"""Where the network view draws each actor: a cheap, deterministic layout made on the server.

Force-directed layouts (networkx's ``spring_layout``, Cytoscape's ``cose``) take seconds at
2,000 actors and place them differently on every run. This layout is linear in the number of
actors and the same every time: each town is a disc of its actors packed in a sunflower
spiral (phyllotaxis), sorted so that actor types lie in rings and the best-connected actors
sit in the middle of their type's ring; the largest town is in the centre and the others
around it. An ego network is drawn as rings around the ego, one per step away.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SPACING = 18.0  # between neighbouring actors, in Cytoscape's model units
TYPE_ORDER = ["university", "uas", "research", "vocational", "development_company", "public",
              "association", "financier", "company", "startup"]


@dataclass(frozen=True)
class Position:
    x: float
    y: float


def _disc_radius(n):
    return SPACING * math.sqrt(max(n, 1))


def _sunflower(pks, centre_x, centre_y):
    positions = {}
    for index, pk in enumerate(pks):
        radius = SPACING * math.sqrt(index + 0.5)
        angle = index * GOLDEN_ANGLE
        positions[pk] = Position(
            round(centre_x + radius * math.cos(angle), 1),
            round(centre_y + radius * math.sin(angle), 1),
        )
    return positions


def _type_rank(actor_type):
    return TYPE_ORDER.index(actor_type) if actor_type in TYPE_ORDER else len(TYPE_ORDER)


def town_layout(network, degrees):
    """{pk: Position}, towns as discs: the largest in the middle, the rest on a ring."""
    by_town = defaultdict(list)
    for actor in network.actors.values():
        by_town[actor.town_code].append(actor)
    towns = sorted(by_town, key=lambda code: (-len(by_town[code]), code))
    positions = {}
    if not towns:
        return positions
    centre_radius = _disc_radius(len(by_town[towns[0]]))
    others = towns[1:]
    widest = max((_disc_radius(len(by_town[c])) for c in others), default=0)
    # A ring long enough that neighbouring discs do not overlap.
    ring = max(centre_radius + widest + 4 * SPACING,
               len(others) * (2 * widest + 2 * SPACING) / (2 * math.pi))
    for index, code in enumerate(towns):
        if index == 0:
            cx = cy = 0.0
        else:
            angle = 2 * math.pi * (index - 1) / len(others)
            cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        actors = sorted(
            by_town[code],
            key=lambda a: (_type_rank(a.actor_type), -degrees.get(a.pk, 0), a.pk),
        )
        positions.update(_sunflower([a.pk for a in actors], cx, cy))
    return positions


def ego_layout(network, distances, degrees):
    """{pk: Position}: the ego in the middle, each further step a wider ring."""
    rings = defaultdict(list)
    for pk in network.actors:
        rings[distances.get(pk, 0)].append(pk)
    positions = {}
    radius = 0.0
    for step in sorted(rings):
        members = sorted(rings[step], key=lambda pk: (-degrees.get(pk, 0), pk))
        if step == 0:
            positions.update({pk: Position(0.0, 0.0) for pk in members})
            continue
        radius = max(radius + 6 * SPACING, len(members) * 2 * SPACING / (2 * math.pi))
        for index, pk in enumerate(members):
            angle = 2 * math.pi * index / len(members)
            positions[pk] = Position(round(radius * math.cos(angle), 1),
                                     round(radius * math.sin(angle), 1))
    return positions
