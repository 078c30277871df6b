"""Higher-education ties counted per town and kind, and kept in the daily snapshot."""

import datetime

from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.ecosystem.university_ties import hei_tie_counts
from seutu_crm.models import ActorType, EcosystemSnapshot, HigherEducationTie, TieKind
from tests.crm.ecosystem_world import world  # noqa: F401  (fixture)
from tests.factories import OrganisationFactory

JAN, JUN = datetime.date(2026, 1, 1), datetime.date(2026, 6, 1)


def tie(world, kind, start, end=None, town=None):
    return HigherEducationTie.objects.create(
        town=town or world.raahe, institution=world.university, kind=kind, title=str(kind),
        start_date=start, end_date=end,
    )


def test_ties_in_force_on_a_day_are_counted_by_town_and_kind(world):
    tie(world, TieKind.THESIS, JAN)
    tie(world, TieKind.THESIS, JAN, end=datetime.date(2026, 3, 1))
    tie(world, TieKind.RDI_PROJECT, JUN)
    tie(world, TieKind.AGREEMENT, JAN, town=world.kuusamo)
    towns = [world.raahe.pk, world.kuusamo.pk]
    assert hei_tie_counts(towns, on=datetime.date(2026, 4, 1)) == {
        world.raahe.pk: {"thesis": 1}, world.kuusamo.pk: {"agreement": 1},
    }
    assert hei_tie_counts(towns)[world.raahe.pk] == {"rdi_project": 1, "thesis": 2}


def test_the_snapshot_keeps_the_days_ties(world):
    tie(world, TieKind.GUEST_LECTURE, JAN)
    take_snapshots(datetime.date(2026, 2, 1))
    figures = EcosystemSnapshot.objects.get(town=world.raahe).figures
    assert figures["hei_ties"] == {"guest_lecture": 1}


def test_only_a_university_or_uas_is_an_institution(world):
    import pytest
    from django.core.exceptions import ValidationError

    company = OrganisationFactory(town=world.oulu, actor_type=ActorType.COMPANY)
    with pytest.raises(ValidationError):
        HigherEducationTie(town=world.raahe, institution=company, kind=TieKind.THESIS,
                           title="x", start_date=JAN).full_clean()
