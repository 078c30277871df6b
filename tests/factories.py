"""Factories for the test suite: one place that knows how to make a valid record."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from seutu_crm import models
from seutu_crm.validators import make_business_id


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{20 + n % 70:02d}")
    name_fi = factory.Sequence(lambda n: f"Maakunta {n}")
    name_sv = factory.Sequence(lambda n: f"Landskap {n}")


class TownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Town
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{900 + n % 99:03d}")
    name_fi = factory.Sequence(lambda n: f"Kaupunki {n}")
    name_sv = factory.Sequence(lambda n: f"Stad {n}")
    region = factory.SubFactory(RegionFactory)
    in_network = True
    latitude = 62.0
    longitude = 25.0


def _valid_business_id(n):
    seven = n
    while True:
        value = make_business_id(f"{seven % 10_000_000:07d}")
        if value:
            return value
        seven += 7_919


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Industry
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{10 + n % 89:02d}")
    name_fi = factory.Sequence(lambda n: f"Toimiala {n}")
    name_sv = factory.Sequence(lambda n: f"Näringsgren {n}")
    name_en = factory.Sequence(lambda n: f"Industry {n}")


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Competence

    name = factory.Sequence(lambda n: f"Osaaminen {n}")
    slug = factory.Sequence(lambda n: f"osaaminen-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Yritys {n} Oy")
    business_id = factory.Sequence(lambda n: _valid_business_id(1_000_000 + n * 13))
    actor_type = models.ActorType.COMPANY
    town = factory.SubFactory(TownFactory)
    is_public = True

    @factory.post_generation
    def competences(self, create, extracted, **kwargs):
        if create and extracted:
            self.competences.set(extracted)
            # A ParentalManyToManyField only stages the set; save() writes it.
            self.save(update_fields=["competences"])

    @factory.post_generation
    def industries(self, create, extracted, **kwargs):
        if create and extracted:
            self.industries.set(extracted)
            self.save(update_fields=["industries"])


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contact

    first_name = factory.Sequence(lambda n: f"Etunimi{n}")
    last_name = factory.Sequence(lambda n: f"Sukunimi{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    town = factory.SelfAttribute("organisation.town")
    email = factory.Sequence(lambda n: f"henkilo{n}@example.fi")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.fi")
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class TownMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TownMembership

    user = factory.SubFactory(UserFactory)
    town = factory.SubFactory(TownFactory)
    role = models.Role.BUSINESS_DEVELOPER


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Lead
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    town = factory.SubFactory(TownFactory)
    stage = models.Stage.IDENTIFIED
    kind = models.LeadKind.NEW_ESTABLISHMENT
    estimated_investment = 1_000_000
    estimated_jobs = 10
    probability = 20

    @factory.post_generation
    def competences(self, create, extracted, **kwargs):
        if create and extracted:
            self.competences.set(extracted)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Activity
        skip_postgeneration_save = True

    lead = factory.SubFactory(LeadFactory)
    organisation = factory.SelfAttribute("lead.organisation")
    town = factory.SelfAttribute("lead.town")
    kind = models.ActivityKind.MEETING
    text = factory.Sequence(lambda n: f"Tapaaminen {n}")

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Task

    lead = factory.SubFactory(LeadFactory)
    organisation = factory.SelfAttribute("lead.organisation")
    town = factory.SelfAttribute("lead.town")
    title = factory.Sequence(lambda n: f"Tehtävä {n}")
    due_date = factory.LazyFunction(timezone.localdate)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Referral

    lead = factory.SubFactory(LeadFactory)
    from_town = factory.SelfAttribute("lead.town")
    to_town = factory.SubFactory(TownFactory)
    reason = "Parempi sijainti"
    actor_agreed = True


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OrganisationRelation

    source = factory.SubFactory(OrganisationFactory)
    target = factory.SubFactory(OrganisationFactory)
    kind = models.RelationKind.PARTNER
    start_date = datetime.date(2020, 1, 1)


class HigherEducationTieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.HigherEducationTie
        skip_postgeneration_save = True

    town = factory.SubFactory(TownFactory, in_network=True)
    institution = factory.SubFactory(
        OrganisationFactory, actor_type=models.ActorType.UNIVERSITY,
        town=factory.SubFactory(TownFactory, in_network=False),
    )
    kind = models.TieKind.THESIS
    title = factory.Sequence(lambda n: f"Opinnäytetyö {n}")
    start_date = datetime.date(2024, 1, 1)

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        if create and extracted:
            self.actors.set(extracted)
