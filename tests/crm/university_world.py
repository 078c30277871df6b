"""Higher-education ties on the ecosystem world, hand-counted (import the fixtures you need).

Raahe works with Oulun yliopisto (a university, battery materials and hydrogen production)
and Oulun ammattikorkeakoulu (a UAS, sawmilling):

=====================  =============  =============  ==========================================
tie                    from           to             actors
=====================  =============  =============  ==========================================
UAS agreement          2022-01-01     2024-12-31     Raahen Teräs Oy
UAS placement          2024-06-01     2024-08-31     Kenno Oy (not public); a public example
university RDI         2023-06-01     (ongoing)      Anodi Oy, Katodi Oy; a public example
university thesis      2024-03-01     2024-09-30     Anodi Oy
university lecture     2025-02-10     2025-02-10     Raahen Teräs Oy
=====================  =============  =============  ==========================================

Kuusamo has one agreement with the university from 2021 on (Kuusamon Saha Oy), a public
example. Users: Raahe's viewer and business developer, Kuusamo's business developer, a
coordinator, each with their group's permissions.
"""

import datetime
from dataclasses import dataclass

import pytest

from seutu_crm.models import ActorType, Role, TieKind
from seutu_crm.services.roles import (
    BUSINESS_DEVELOPERS,
    COORDINATORS,
    VIEWERS,
    ensure_groups,
)
from tests.crm.ecosystem_world import world  # noqa: F401  (fixture)
from tests.factories import (
    HigherEducationTieFactory,
    OrganisationFactory,
    TownMembershipFactory,
    UserFactory,
)

TODAY = datetime.date(2025, 6, 1)  # the day the hand counts are made on


@dataclass
class UniversityWorld:
    world: object  # the ecosystem world
    university: object
    uas: object
    agreement: object
    placement: object
    rdi: object
    thesis: object
    lecture: object
    kuusamo_agreement: object
    users: dict  # "viewer", "developer" (Raahe), "kuusamo_developer", "coordinator"

    @property
    def raahe_ties(self):
        return [self.agreement, self.placement, self.rdi, self.thesis, self.lecture]


def member(username, group, town, role):
    user = UserFactory(username=username)
    user.groups.add(ensure_groups()[group])
    TownMembershipFactory(user=user, town=town, role=role)
    return user


def make_university_world(world):
    university = world.university
    university.competences.add(world.hydrogen)
    university.save()
    uas = OrganisationFactory(town=world.oulu, name="Oulun ammattikorkeakoulu",
                              actor_type=ActorType.UAS, competences=[world.sawmilling])
    anodi, katodi, kenno, _research = world.raahe_battery

    def tie(town, institution, kind, title, start, end, actors, public=False):
        return HigherEducationTieFactory(
            town=town, institution=institution, kind=kind, title=title, start_date=start,
            end_date=end, actors=actors, is_public_example=public,
        )

    d = datetime.date
    raahe, kuusamo = world.raahe, world.kuusamo
    return UniversityWorld(
        world=world,
        university=university,
        uas=uas,
        agreement=tie(raahe, uas, TieKind.AGREEMENT, "Kumppanuussopimus OAMK",
                      d(2022, 1, 1), d(2024, 12, 31), [world.steel]),
        placement=tie(raahe, uas, TieKind.PLACEMENT, "Kesäharjoittelu kennotehtaalla",
                      d(2024, 6, 1), d(2024, 8, 31), [kenno], public=True),
        rdi=tie(raahe, university, TieKind.RDI_PROJECT, "Akkumateriaalien kierrätys",
                d(2023, 6, 1), None, [anodi, katodi], public=True),
        thesis=tie(raahe, university, TieKind.THESIS, "Anodien laadunvalvonta",
                   d(2024, 3, 1), d(2024, 9, 30), [anodi]),
        lecture=tie(raahe, university, TieKind.GUEST_LECTURE, "Terästeollisuuden tulevaisuus",
                    d(2025, 2, 10), d(2025, 2, 10), [world.steel]),
        kuusamo_agreement=tie(kuusamo, university, TieKind.AGREEMENT, "Sahateollisuuden sopimus",
                              d(2021, 1, 1), None, [world.sawmill], public=True),
        users={
            "viewer": member("raahe-viewer", VIEWERS, raahe, Role.VIEWER),
            "developer": member("raahe-bd", BUSINESS_DEVELOPERS, raahe,
                                Role.BUSINESS_DEVELOPER),
            "kuusamo_developer": member("kuusamo-bd", BUSINESS_DEVELOPERS, kuusamo,
                                        Role.BUSINESS_DEVELOPER),
            "coordinator": member("coordinator", COORDINATORS, None, Role.COORDINATOR),
        },
    )


@pytest.fixture
def ties(world):  # noqa: F811
    return make_university_world(world)
