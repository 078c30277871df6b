"""Change capture: every change to an indexed record leaves an outbox entry in the same
transaction, whatever way it was written."""

import pytest
from django.db import transaction
from wagtail.models import Locale

from seutu_crm.models import Organisation, OrganisationDescription
from seutu_search.documents import COMPETENCE, ORGANISATION, PAGE
from seutu_search.outbox import OutboxAction, OutboxEntry, _enqueue_drain
from tests.factories import (
    CompetenceFactory,
    IndustryFactory,
    OrganisationFactory,
    TownFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_locale():
    return Locale.objects.get_or_create(language_code="fi")[0]


def recorded(kind=ORGANISATION):
    return set(OutboxEntry.objects.filter(kind=kind).values_list("object_id", flat=True))


def test_saving_an_organisation_writes_an_entry_inside_the_transaction():
    with transaction.atomic():
        organisation = OrganisationFactory()
        # Before the commit: the entry is part of the same transaction.
        assert recorded() == {organisation.pk}


def test_a_rolled_back_save_leaves_no_entry():
    with pytest.raises(RuntimeError), transaction.atomic():
        OrganisationFactory()
        raise RuntimeError("the writer fails after saving")
    assert not OutboxEntry.objects.exists()


def test_deleting_an_organisation_records_a_delete():
    organisation = OrganisationFactory()
    OutboxEntry.objects.all().delete()
    pk = organisation.pk
    organisation.delete()
    assert list(OutboxEntry.objects.values_list("kind", "object_id", "action")) == [
        (ORGANISATION, pk, OutboxAction.DELETE)
    ]


def test_making_an_organisation_private_is_recorded():
    organisation = OrganisationFactory(is_public=True)
    OutboxEntry.objects.all().delete()
    organisation.is_public = False
    organisation.save()
    assert recorded() == {organisation.pk}


def test_queryset_update_is_recorded_for_every_row():
    organisations = OrganisationFactory.create_batch(3)
    OutboxEntry.objects.all().delete()
    Organisation.objects.filter(pk__in=[o.pk for o in organisations[:2]]).update(is_public=False)
    assert recorded() == {o.pk for o in organisations[:2]}


def test_adding_a_competence_to_an_organisation_is_recorded():
    organisation = OrganisationFactory()
    competence = CompetenceFactory()
    OutboxEntry.objects.all().delete()
    organisation.competences.add(competence)  # a ParentalManyToMany: written by save()
    organisation.save(update_fields=["competences"])
    assert recorded() == {organisation.pk}


def test_adding_organisations_from_the_competence_side_records_them():
    organisations = OrganisationFactory.create_batch(2)
    competence = CompetenceFactory()
    OutboxEntry.objects.all().delete()
    competence.organisations.add(*organisations)
    assert recorded() == {o.pk for o in organisations}


def test_clearing_an_industry_of_its_organisations_records_them():
    industry = IndustryFactory()
    organisations = OrganisationFactory.create_batch(2, industries=[industry])
    OutboxEntry.objects.all().delete()
    industry.organisations.clear()
    assert recorded() == {o.pk for o in organisations}


def test_editing_a_description_is_recorded():
    organisation = OrganisationFactory()
    OutboxEntry.objects.all().delete()
    OrganisationDescription.objects.create(organisation=organisation, language="fi", text="Akut")
    assert recorded() == {organisation.pk}


def test_saving_an_organisation_with_inline_descriptions_records_it():
    organisation = OrganisationFactory()
    OutboxEntry.objects.all().delete()
    organisation.descriptions = [OrganisationDescription(language="sv", text="Batterier")]
    organisation.save()
    assert recorded() == {organisation.pk}


def test_renaming_a_town_records_its_organisations_only():
    town, other_town = TownFactory(), TownFactory()
    in_town = OrganisationFactory.create_batch(2, town=town)
    OrganisationFactory(town=other_town)
    OutboxEntry.objects.all().delete()
    town.name_sv = "Ny stad"
    town.save()
    assert recorded() == {o.pk for o in in_town}


def test_renaming_a_region_records_the_organisations_of_its_towns():
    town = TownFactory()
    organisation = OrganisationFactory(town=town)
    OutboxEntry.objects.all().delete()
    region = town.region
    region.name_fi = "Uusi maakunta"
    region.save()
    assert recorded() == {organisation.pk}


def test_renaming_a_competence_translation_records_the_competence_and_its_organisations():
    competence = CompetenceFactory(name="akkumateriaalit")
    organisation = OrganisationFactory(competences=[competence])
    swedish = Locale.objects.get_or_create(language_code="sv")[0]
    translation = competence.copy_for_translation(swedish)
    translation.save()
    OutboxEntry.objects.all().delete()
    translation.name = "batterimaterial"
    translation.save()
    assert recorded() == {organisation.pk}
    assert recorded(COMPETENCE) == {translation.pk}


def test_deleting_a_competence_records_the_organisations_that_had_it():
    competence = CompetenceFactory()
    organisation = OrganisationFactory(competences=[competence])
    OutboxEntry.objects.all().delete()
    competence_pk = competence.pk
    competence.delete()
    assert recorded() == {organisation.pk}
    assert recorded(COMPETENCE) == {competence_pk}


def test_one_drain_is_enqueued_per_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            OrganisationFactory.create_batch(3)
    assert [c for c in callbacks if c is _enqueue_drain] == [_enqueue_drain]


def make_page(title="Biotalous Raahessa"):
    from wagtail.models import Page

    home = Page.objects.get(depth=2)
    page = home.add_child(instance=Page(title=title, slug="biotalous-raahessa", live=False))
    OutboxEntry.objects.all().delete()
    return page


def test_publishing_a_page_is_recorded():
    page = make_page()
    page.save_revision().publish()
    assert recorded(PAGE) == {page.pk}


def test_unpublishing_a_page_is_recorded():
    page = make_page()
    page.save_revision().publish()
    OutboxEntry.objects.all().delete()
    page.refresh_from_db()
    page.unpublish()
    assert recorded(PAGE) == {page.pk}


def test_deleting_a_page_records_a_delete():
    page = make_page()
    pk = page.pk
    page.delete()
    assert set(OutboxEntry.objects.values_list("kind", "object_id", "action")) == {
        (PAGE, pk, OutboxAction.DELETE)
    }


def test_deleting_unrelated_rows_keeps_djangos_fast_delete(django_assert_num_queries):
    OrganisationFactory.create_batch(3)
    # No signal receiver on OutboxEntry: one DELETE statement, no rows fetched first.
    with django_assert_num_queries(1):
        OutboxEntry.objects.all().delete()
