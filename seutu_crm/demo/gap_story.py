"""The demo's hydrogen story: what the gap analysis and its candidates show a business developer.

Nobody in the network's towns produces hydrogen (the competence ``vedyntuotanto`` is finer
than anything the generator draws), while companies in Oulu and Vaasa do and a university
researches it: so Raahe, whose strategy names hydrogen, sees hydrogen production as a gap to
*attract* and these companies as its candidates. Idempotent: the organisations are found by
their business IDs, from a range of their own.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Locale

from ..models import (
    ActorType,
    Competence,
    Industry,
    Organisation,
    OrganisationDescription,
    OrganisationRelation,
    RelationKind,
    Town,
)
from ..validators import make_business_id
from .organisations import _size_class

FIRST_NUMBER = 2_900_000  # below the generator's range (3,000,000), above the factories'
TIES_FROM = datetime.date(2024, 3, 1)


@dataclass(frozen=True)
class StoryActor:
    name: str
    town_code: str
    actor_type: str
    employees: int
    competences: tuple
    industries: tuple
    website: str
    descriptions: dict = field(default_factory=dict)


ACTORS = (
    StoryActor(
        "Pohjolan Vetytehdas Oy", "564", ActorType.COMPANY, 85,
        ("vedyntuotanto", "vetytalous", "sahkoverkot"), ("20", "35"),
        "https://www.pohjolan-vetytehdas.example",
        {
            "fi": "Pohjolan Vetytehdas Oy tuottaa vihreää vetyä elektrolyysillä Oulussa ja "
                  "suunnittelee uusia laitoksia teollisuuden tarpeisiin.",
            "sv": "Pohjolan Vetytehdas Oy producerar grön vätgas med elektrolys i Uleåborg och "
                  "planerar nya anläggningar för industrins behov.",
            "en": "Pohjolan Vetytehdas Oy produces green hydrogen by electrolysis in Oulu and "
                  "plans new plants for industrial customers.",
        },
    ),
    StoryActor(
        "Merenkurkun Elektrolyysi Oy", "905", ActorType.COMPANY, 40,
        ("vedyntuotanto", "tuulivoima"), ("35",),
        "https://www.merenkurkun-elektrolyysi.example",
        {
            "fi": "Merenkurkun Elektrolyysi Oy rakentaa ja käyttää tuulivoimalla toimivia "
                  "elektrolyysilaitoksia Vaasan seudulla.",
            "sv": "Merenkurkun Elektrolyysi Oy bygger och driver elektrolysanläggningar som "
                  "drivs med vindkraft i Vasaregionen.",
            "en": "Merenkurkun Elektrolyysi Oy builds and runs wind-powered electrolysis "
                  "plants in the Vaasa region.",
        },
    ),
    StoryActor(
        "Botnia Vätgas Ab", "905", ActorType.STARTUP, 12,
        ("vedyntuotanto", "vetytalous"), ("71",),
        "https://www.botnia-vatgas.example",
        {
            "sv": "Botnia Vätgas Ab utvecklar små elektrolysörer för hamnar och industriområden.",
            "fi": "Botnia Vätgas Ab kehittää pieniä elektrolyysereitä satamiin ja "
                  "teollisuusalueille.",
            "en": "Botnia Vätgas Ab develops small electrolysers for ports and industrial "
                  "areas.",
        },
    ),
)


@dataclass
class StoryResult:
    created: int = 0
    tied: int = 0


def business_id(index):
    number = FIRST_NUMBER + index * 7
    while not make_business_id(f"{number:07d}"):
        number += 1
    return make_business_id(f"{number:07d}")


@transaction.atomic
def add_gap_story():
    """Add the story's organisations, a hydrogen researcher and their ties (idempotent)."""
    result = StoryResult()
    towns = {t.code: t for t in Town.objects.filter(code__in={a.town_code for a in ACTORS})}
    if len(towns) < len({a.town_code for a in ACTORS}):
        return result  # no reference data: nothing to tell
    default = Locale.get_default()
    competences = {c.slug: c for c in Competence.objects.filter(locale=default)}
    industries = {i.code: i for i in Industry.objects.all()}
    made = []
    for index, actor in enumerate(ACTORS):
        organisation, created = Organisation.objects.get_or_create(
            business_id=business_id(index),
            defaults={
                "name": actor.name,
                "actor_type": actor.actor_type,
                "town": towns[actor.town_code],
                "employees": actor.employees,
                "size_class": _size_class(actor.employees),
                "website": actor.website,
                "latitude": towns[actor.town_code].latitude,
                "longitude": towns[actor.town_code].longitude,
                "is_public": True,
            },
        )
        if created:
            result.created += 1
            organisation.competences.set([competences[s] for s in actor.competences])
            organisation.industries.set([industries[c] for c in actor.industries])
            organisation.save()  # parental many-to-many links are written on save
            OrganisationDescription.objects.bulk_create(
                OrganisationDescription(organisation=organisation, language=lang, text=text)
                for lang, text in actor.descriptions.items()
            )
        made.append(organisation)
    researcher = (
        Organisation.objects.filter(town__code="564", actor_type=ActorType.UNIVERSITY)
        .order_by("pk")
        .first()
    )
    if researcher is not None:
        if not researcher.competences.filter(slug="vedyntuotanto").exists():
            researcher.competences.add(competences["vedyntuotanto"])
            researcher.save()
        result.tied += _tie(made[0], researcher, RelationKind.RDI)
    # A path to Raahe: the Oulu producer supplies the largest steel company of Raahe.
    steel = (
        Organisation.objects.filter(
            town__code="678", actor_type=ActorType.COMPANY, competences__slug="terasteollisuus"
        )
        .order_by("-employees", "pk")
        .first()
    )
    if steel is not None:
        result.tied += _tie(made[0], steel, RelationKind.SUPPLIER)
    result.tied += _tie(made[1], made[2], RelationKind.PARTNER)
    return result


def _tie(source, target, kind):
    _relation, created = OrganisationRelation.objects.get_or_create(
        source=source, target=target, kind=kind, defaults={"start_date": TIES_FROM}
    )
    return int(created)
