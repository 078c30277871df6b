"""A hand-made actor network small enough to check its measures by hand.

Kotikylä (a network town, code 901) has five companies; Yliopistola (code 564, outside the
network: a university town) has a university::

    a1 ── a2 ── a3 ──rdi── U (university, Yliopistola)
           \\    /
            a4          a5 (no tie today)

- a1–a2, a2–a3, a3–a4, a2–a4 are supplier ties (2020 → ongoing); a3→U is RDI.
- a1–a5 (partner) ended in 2023 and a4–a5 (ownership) starts next year: neither holds today.
- a1–X: X is in liquidation, so X and the tie are not in the network.

Import it with ``from tests.crm.network_world import small_network  # noqa: F401``.
"""

import datetime
from dataclasses import dataclass

import pytest

from seutu_crm.models import ActorType, OrganisationStatus, RelationKind
from tests.factories import CompetenceFactory, OrganisationFactory, RelationFactory, TownFactory

TODAY = datetime.date(2026, 3, 1)


@dataclass
class SmallNetwork:
    home: object
    university_town: object
    a1: object
    a2: object
    a3: object
    a4: object
    a5: object
    university: object
    liquidated: object
    rdi: object  # the a3 → university relation

    def pk_of(self, *names):
        return {getattr(self, name).pk for name in names}


@pytest.fixture
def small_network(db):
    home = TownFactory(code="901", name_fi="Kotikylä", name_sv="Hemby", in_network=True)
    uni_town = TownFactory(code="564", name_fi="Yliopistola", in_network=False)
    steel = CompetenceFactory(name="Teräs")
    hydrogen = CompetenceFactory(name="Vety")
    a1, a2, a3, a4, a5 = (
        OrganisationFactory(name=f"A{i} Oy", town=home) for i in range(1, 6)
    )
    a3.competences.set([steel, hydrogen])
    a3.save(update_fields=["competences"])
    university = OrganisationFactory(
        name="Yliopisto", town=uni_town, actor_type=ActorType.UNIVERSITY
    )
    liquidated = OrganisationFactory(
        name="Konkurssi Oy", town=home, status=OrganisationStatus.LIQUIDATION
    )
    supplier = RelationKind.SUPPLIER
    for source, target in ((a1, a2), (a2, a3), (a3, a4), (a2, a4)):
        RelationFactory(source=source, target=target, kind=supplier)
    rdi = RelationFactory(
        source=a3, target=university, kind=RelationKind.RDI,
        start_date=datetime.date(2022, 5, 1),
    )
    RelationFactory(source=a1, target=a5, kind=RelationKind.PARTNER,
                    start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2023, 6, 30))
    RelationFactory(source=a4, target=a5, kind=RelationKind.OWNERSHIP,
                    start_date=datetime.date(2027, 1, 1))
    RelationFactory(source=a1, target=liquidated, kind=supplier)
    return SmallNetwork(home, uni_town, a1, a2, a3, a4, a5, university, liquidated, rdi)
