"""A small, hand-counted register for the ecosystem tests (import the fixtures you need).

Raahe: four active battery-materials actors (three companies, one research unit; three of them
public), a steel company in sawmilling, and a battery company in liquidation. Kuusamo: a battery
company and a sawmill. Oulu (outside the network): a university. Raahe has 24,000 inhabitants
and Kuusamo 15,000 (the latest year, 2024; 2023 is older and must not be used).
"""

from dataclasses import dataclass

import pytest

from seutu_crm.models import (
    ActorType,
    OrganisationDescription,
    OrganisationStatus,
    SizeClass,
    TownIndicator,
)
from tests.factories import (
    CompetenceFactory,
    IndustryFactory,
    OrganisationFactory,
    RegionFactory,
    TownFactory,
)
from tests.pages.site_tree import locales


@dataclass
class EcosystemWorld:
    raahe: object
    kuusamo: object
    oulu: object
    energy: object  # top-level competence
    battery: object  # under energy
    hydrogen: object  # under energy, nobody has it
    forest: object  # top-level
    sawmilling: object  # under forest
    manufacturing: object  # TOL section C
    metals: object  # TOL 24, under C
    raahe_battery: list  # the four active battery actors of Raahe
    steel: object
    liquidated: object
    kuusamo_battery: object
    sawmill: object
    university: object


@pytest.fixture
def world(db):
    locales()  # a transactional test's flush may have removed them
    north = RegionFactory(code="17", name_fi="Pohjois-Pohjanmaa", name_sv="Norra Österbotten")
    raahe = TownFactory(code="678", name_fi="Raahe", name_sv="Brahestad", region=north)
    kuusamo = TownFactory(code="305", name_fi="Kuusamo", name_sv="Kuusamo", region=north)
    oulu = TownFactory(code="564", name_fi="Oulu", name_sv="Uleåborg", region=north,
                       in_network=False)
    energy = CompetenceFactory(name="Energia", slug="energia")
    battery = CompetenceFactory(name="Akkumateriaalit", slug="akkumateriaalit", parent=energy)
    hydrogen = CompetenceFactory(name="Vedyn tuotanto", slug="vedyn-tuotanto", parent=energy)
    forest = CompetenceFactory(name="Metsä- ja biotalous", slug="metsa")
    sawmilling = CompetenceFactory(name="Sahateollisuus", slug="sahateollisuus", parent=forest)
    manufacturing = IndustryFactory(code="C", name_fi="Teollisuus")
    metals = IndustryFactory(code="24", name_fi="Metallien jalostus", parent=manufacturing)
    IndustryFactory(code="D", name_fi="Sähkö-, kaasu- ja lämpöhuolto")

    def actor(town, competences, **fields):
        return OrganisationFactory(town=town, competences=competences, **fields)

    raahe_battery = [
        actor(raahe, [battery], name="Anodi Oy", size_class=SizeClass.SMALL, employees=20,
              industries=[metals], latitude=64.68, longitude=24.47),
        actor(raahe, [battery], name="Katodi Oy", size_class=SizeClass.MICRO, employees=5),
        actor(raahe, [battery], name="Kenno Oy", is_public=False, business_id=None),
        actor(raahe, [battery], name="Raahen akkututkimus", actor_type=ActorType.RESEARCH,
              employees=40),
    ]
    steel = actor(raahe, [sawmilling], name="Raahen Teräs Oy", size_class=SizeClass.LARGE,
                  employees=1000, industries=[metals])
    liquidated = actor(raahe, [battery], name="Entinen Akku Oy",
                       status=OrganisationStatus.LIQUIDATION)
    kuusamo_battery = actor(kuusamo, [battery], name="Kuusamon Akku Oy", employees=12)
    sawmill = actor(kuusamo, [sawmilling], name="Kuusamon Saha Oy", employees=30)
    university = actor(oulu, [battery], name="Oulun yliopisto", actor_type=ActorType.UNIVERSITY)
    OrganisationDescription.objects.create(
        organisation=raahe_battery[0], language="fi", text="Anodimateriaaleja Raahesta."
    )
    OrganisationDescription.objects.create(
        organisation=raahe_battery[0], language="en", text="Anode materials from Raahe."
    )
    for town, people in ((raahe, 24_000), (kuusamo, 15_000)):
        TownIndicator.objects.create(
            town=town, indicator="vaesto", label="Väkiluku", year=2024, value=people,
            unit="henkeä", source="Tilastokeskus, väestörakenne",
        )
        TownIndicator.objects.create(
            town=town, indicator="vaesto", label="Väkiluku", year=2023, value=people - 100,
            unit="henkeä", source="Tilastokeskus, väestörakenne",
        )
    return EcosystemWorld(
        raahe, kuusamo, oulu, energy, battery, hydrogen, forest, sawmilling, manufacturing,
        metals, raahe_battery, steel, liquidated, kuusamo_battery, sawmill, university,
    )
