"""Demo ties between the demo organisations: the actor network the ecosystem views draw.

About two ties per organisation, drawn as regional ecosystems tend to be tied:

- companies buy from other companies *in their own town* (supplier), own some of them
  (ownership), belong to the town's associations and development company (member) and do
  RDI with universities, universities of applied sciences and research units in the
  university towns outside the network (rdi);
- vocational schools and UAS educate for the companies of their town (education);
- financiers invest in start-ups, start-ups are spin-offs of research, and the town's public
  agency partners its development company.

Each tie starts on a day in the fifteen years before :data:`REFERENCE_DATE` and about 15 %
have ended since. Deterministic: an organisation's draws come from a random stream seeded
with its business ID, so the same register gives the same ties. Idempotent: organisations
that already have a tie of their own are left alone, and an existing (source, target, kind)
is never written twice; so ``--size 1000`` after ``--size 300`` ties the 700 new ones.
"""

import datetime
import random
import time
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from ..models import ActorType, Organisation, OrganisationRelation, RelationKind
from ..services.bulk import insert_rows

SEED = "seutu-demo-relations-2026"
REFERENCE_DATE = datetime.date(2026, 1, 1)
HISTORY_DAYS = 15 * 365
ENDED_SHARE = 0.15
BATCH_SIZE = 5_000

COMPANIES = (ActorType.COMPANY, ActorType.STARTUP)
HIGHER_EDUCATION = (ActorType.UNIVERSITY, ActorType.UAS, ActorType.RESEARCH)
MEETING_PLACES = (ActorType.ASSOCIATION, ActorType.DEVELOPMENT_COMPANY)


@dataclass(frozen=True)
class Draw:
    """One kind of tie an actor type may draw: the kind, which pool the other end comes
    from, the weight among the type's draws, and whether the drawer is the target."""

    kind: str
    pool: str
    weight: int
    reverse: bool = False


# The pools: "town:<types>" (same town), "hei" (HEIs in university towns), "any:<types>".
DRAWS = {
    ActorType.COMPANY: [
        Draw(RelationKind.SUPPLIER, "town:company", 40),
        Draw(RelationKind.MEMBER, "town:meeting", 22),
        Draw(RelationKind.RDI, "hei", 16),
        Draw(RelationKind.OWNERSHIP, "town:company", 10),
        Draw(RelationKind.PARTNER, "town:company", 12),
    ],
    ActorType.STARTUP: [
        Draw(RelationKind.RDI, "hei", 35),
        Draw(RelationKind.SPIN_OFF, "hei", 15),
        Draw(RelationKind.MEMBER, "town:meeting", 25),
        Draw(RelationKind.SUPPLIER, "town:company", 25),
    ],
    ActorType.VOCATIONAL: [Draw(RelationKind.EDUCATION, "town:company", 1)],
    ActorType.UAS: [
        Draw(RelationKind.EDUCATION, "town:company", 3),
        Draw(RelationKind.RDI, "town:company", 2, reverse=True),
    ],
    ActorType.RESEARCH: [Draw(RelationKind.RDI, "any:company", 1, reverse=True)],
    ActorType.UNIVERSITY: [Draw(RelationKind.RDI, "any:company", 1, reverse=True)],
    ActorType.FINANCIER: [Draw(RelationKind.INVESTOR, "any:startup", 1)],
    ActorType.PUBLIC: [
        Draw(RelationKind.PARTNER, "town:meeting", 2),
        Draw(RelationKind.OWNERSHIP, "town:development_company", 1),
    ],
    ActorType.DEVELOPMENT_COMPANY: [Draw(RelationKind.PARTNER, "town:company", 1)],
    ActorType.ASSOCIATION: [Draw(RelationKind.PARTNER, "town:meeting", 1)],
}
POOL_TYPES = {
    "company": COMPANIES,
    "startup": (ActorType.STARTUP,),
    "meeting": MEETING_PLACES,
    "development_company": (ActorType.DEVELOPMENT_COMPANY,),
}


@dataclass
class RelationGenerationResult:
    created: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class DemoActor:
    pk: int
    actor_type: str
    town_id: int
    in_network: bool
    seed: str


class Pools:
    """Who may be at the other end of a tie, by town and by type, in pk order."""

    def __init__(self, actors):
        self.by_town = defaultdict(lambda: defaultdict(list))
        self.network = defaultdict(list)  # actor type -> network-town actors
        self.hei = []
        for actor in actors:
            self.by_town[actor.town_id][actor.actor_type].append(actor.pk)
            if actor.in_network:
                self.network[actor.actor_type].append(actor.pk)
            elif actor.actor_type in HIGHER_EDUCATION:
                self.hei.append(actor.pk)

    def pick(self, rng, pool, actor):
        scope, _, name = pool.partition(":")
        if scope == "hei":
            candidates = [self.hei]
        else:
            source = self.by_town[actor.town_id] if scope == "town" else self.network
            candidates = [source[t] for t in POOL_TYPES[name]]
        total = sum(map(len, candidates))
        if not total:
            return None
        index = rng.randrange(total)
        for group in candidates:
            if index < len(group):
                return group[index]
            index -= len(group)


def _dates(rng):
    start = REFERENCE_DATE - datetime.timedelta(days=rng.randrange(HISTORY_DAYS))
    if rng.random() >= ENDED_SHARE:
        return start, None
    lasted = rng.randrange(90, max(91, (REFERENCE_DATE - start).days))
    return start, min(start + datetime.timedelta(days=lasted), REFERENCE_DATE)


def draw_ties(actor, pools):
    """(source, target, kind, start, end) rows for ``actor``: one to three, two on average."""
    rng = random.Random(f"{SEED}-{actor.seed}")
    draws = DRAWS.get(actor.actor_type, [])
    if not draws:
        return []
    rows = []
    for _ in range(rng.choice((1, 2, 2, 3))):
        draw = rng.choices(draws, [d.weight for d in draws])[0]
        other = pools.pick(rng, draw.pool, actor)
        start, end = _dates(rng)
        if other is None or other == actor.pk:
            continue
        source, target = (other, actor.pk) if draw.reverse else (actor.pk, other)
        rows.append((source, target, draw.kind, start, end))
    return rows


def generate_relations(*, batch_size=BATCH_SIZE, progress=None):
    """Tie every organisation that has no tie of its own yet; returns the count written."""
    started = time.perf_counter()
    actors = [
        DemoActor(pk, actor_type, town_id, in_network, business_id or f"pk{pk}")
        for pk, actor_type, town_id, in_network, business_id in Organisation.objects.order_by(
            "pk"
        ).values_list("pk", "actor_type", "town_id", "town__in_network", "business_id")
    ]
    pools = Pools(actors)
    tied = set(OrganisationRelation.objects.values_list("source_id", flat=True).distinct())
    existing = set(OrganisationRelation.objects.values_list("source_id", "target_id", "kind"))
    rows = []
    for actor in actors:
        if actor.pk in tied:
            continue
        for source, target, kind, start, end in draw_ties(actor, pools):
            if (source, target, kind) not in existing:
                existing.add((source, target, kind))
                rows.append((source, target, kind, "", start, end))
    fields = ["source", "target", "kind", "note", "start_date", "end_date"]
    for offset in range(0, len(rows), batch_size):
        with transaction.atomic():
            insert_rows(OrganisationRelation, fields, rows[offset : offset + batch_size])
        if progress:
            progress(min(offset + batch_size, len(rows)), len(rows))
    return RelationGenerationResult(created=len(rows), seconds=time.perf_counter() - started)
