"""Issue 11 item 2: the demo register's ties look like a regional ecosystem's, and are
deterministic, dated and safe to generate again."""

from collections import Counter

import pytest
from django.db.models import F

from seutu_crm.demo import generate_organisations, generate_relations, load_demo
from seutu_crm.demo.relations import REFERENCE_DATE
from seutu_crm.models import Organisation, OrganisationRelation
from seutu_crm.reference import load_reference_data

SIZE = 400


@pytest.fixture
def demo(db):
    load_reference_data()
    generate_organisations(SIZE)
    return generate_relations()


def ties():
    """Every tie, by the business IDs at its ends: independent of primary keys."""
    return sorted(
        OrganisationRelation.objects.values_list(
            "source__business_id", "target__business_id", "kind", "start_date", "end_date"
        )
    )


def test_about_two_ties_per_organisation(demo):
    assert demo.created == OrganisationRelation.objects.count()
    assert 1.5 * SIZE <= demo.created <= 2.5 * SIZE


def test_the_same_register_gives_the_same_ties(demo):
    first = ties()
    OrganisationRelation.objects.all().delete()
    generate_relations(batch_size=37)
    assert ties() == first


def test_running_again_adds_nothing(demo):
    assert generate_relations().created == 0


def test_new_organisations_get_ties_and_old_ones_keep_theirs(demo):
    before = set(ties())
    generate_organisations(SIZE + 100)
    added = generate_relations()
    assert added.created > 0
    assert before <= set(ties())


def test_suppliers_are_companies_of_the_same_town(demo):
    suppliers = OrganisationRelation.objects.filter(kind="supplier").select_related(
        "source", "target"
    )
    assert suppliers.exists()
    for tie in suppliers:
        assert tie.source.town_id == tie.target.town_id
        assert tie.target.actor_type in ("company", "startup")


def test_rdi_ties_reach_higher_education_in_university_towns(demo):
    rdi = OrganisationRelation.objects.filter(kind="rdi").select_related(
        "source__town", "target__town"
    )
    assert rdi.exists()
    academic = {"university", "uas", "research"}
    for tie in rdi:
        assert {tie.source.actor_type, tie.target.actor_type} & academic, tie
    outside = [t for t in rdi if not t.target.town.in_network or not t.source.town.in_network]
    assert len(outside) > len(rdi) / 2


def test_every_kind_the_issue_names_is_there(demo):
    kinds = Counter(OrganisationRelation.objects.values_list("kind", flat=True))
    assert {"supplier", "rdi", "education", "ownership", "member"} <= set(kinds)


def test_ties_are_dated_over_fifteen_years_and_some_have_ended(demo):
    rows = list(OrganisationRelation.objects.values_list("start_date", "end_date"))
    starts = [start for start, _end in rows]
    assert min(starts).year >= REFERENCE_DATE.year - 15 and max(starts) <= REFERENCE_DATE
    ended = [(start, end) for start, end in rows if end is not None]
    assert 0.08 <= len(ended) / len(rows) <= 0.22
    assert all(start < end <= REFERENCE_DATE for start, end in ended)


def test_no_organisation_is_tied_to_itself(demo):
    assert not OrganisationRelation.objects.filter(source=F("target")).exists()


def test_load_demo_ties_the_organisations_it_makes(db):
    load_demo(50)
    assert Organisation.objects.count() == 50 + 3  # and the hydrogen story's three
    assert OrganisationRelation.objects.count() > 50
