"""The ecosystem world with hydrogen producers to recruit, for the candidate and gap-lead tests.

Raahe lacks hydrogen production and electrolysers: nobody in the network has either, so both
are gaps (score 40). Three actors outside the town produce hydrogen: in Vaasa, far and untied,
*Vaasan Vety Oy* (large), which also makes electrolysers — two of Raahe's gaps; in Oulu,
*Oulun Vety Oy*, which supplies Raahe's steel company directly, and *Pohjan Elektrolyysi Oy*,
tied to Oulu's university, which does RDI with Raahe's battery research (a path of two ties).
"""

from dataclasses import dataclass

import pytest

from seutu_crm.models import RelationKind, Role
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups
from tests.crm.admin_users import VIEWER_PERMISSIONS, grant
from tests.crm.ecosystem_world import world  # noqa: F401  (fixture)
from tests.factories import (
    CompetenceFactory,
    OrganisationFactory,
    RelationFactory,
    TownFactory,
    TownMembershipFactory,
    UserFactory,
)


@dataclass
class HydrogenWorld:
    world: object
    vaasa: object
    electrolysers: object  # a second competence nobody in the network has
    far: object  # Vaasan Vety Oy: two gaps
    direct: object  # Oulun Vety Oy: a direct tie
    path: object  # Pohjan Elektrolyysi Oy: two ties away


@pytest.fixture
def hydrogen_world(world):  # noqa: F811
    vaasa = TownFactory(code="905", name_fi="Vaasa", name_sv="Vasa", in_network=False,
                        region=world.raahe.region, latitude=63.1, longitude=21.6)
    for town, (lat, lon) in ((world.raahe, (64.68, 24.48)), (world.kuusamo, (65.96, 29.19)),
                             (world.oulu, (65.01, 25.47))):
        town.latitude, town.longitude = lat, lon
        town.save()
    electrolysers = CompetenceFactory(name="Elektrolyyserit", slug="elektrolyyserit",
                                      parent=world.energy)
    far = OrganisationFactory(town=vaasa, name="Vaasan Vety Oy", employees=900,
                              competences=[world.hydrogen, electrolysers])
    direct = OrganisationFactory(town=world.oulu, name="Oulun Vety Oy", employees=50,
                                 competences=[world.hydrogen])
    path = OrganisationFactory(town=world.oulu, name="Pohjan Elektrolyysi Oy", employees=20,
                               competences=[world.hydrogen])
    RelationFactory(source=direct, target=world.steel, kind=RelationKind.SUPPLIER)
    RelationFactory(source=path, target=world.university, kind=RelationKind.RDI)
    RelationFactory(source=world.university, target=world.raahe_battery[3],
                    kind=RelationKind.RDI)
    return HydrogenWorld(world, vaasa, electrolysers, far, direct, path)


def town_member(town, username, role=Role.BUSINESS_DEVELOPER):
    """A user of ``role`` in ``town`` (business developers get their group's permissions)."""
    user = UserFactory(username=username)
    if role == Role.BUSINESS_DEVELOPER:
        user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    else:
        grant(user, *VIEWER_PERMISSIONS)
    TownMembershipFactory(user=user, town=town, role=role)
    return user


@pytest.fixture
def raahe_developer(hydrogen_world):
    return town_member(hydrogen_world.world.raahe, "raahe-bd")


@pytest.fixture
def kuusamo_developer(hydrogen_world):
    return town_member(hydrogen_world.world.kuusamo, "kuusamo-bd")


@pytest.fixture
def raahe_viewer(hydrogen_world):
    return town_member(hydrogen_world.world.raahe, "raahe-viewer", Role.VIEWER)
