"""Demo higher-education ties: what each network town's actors do with universities and UASs.

Each town works with up to three institutions: a UAS of its own town, if it has one, and
universities or UASs of its region's and other university towns. With each it has a few ties
from 2019 on, drawn as regional towns tend to cooperate: theses and student placements most
often, guest lectures and RDI projects now and then, and one cooperation agreement with its
closest partner. Raahe's RDI project on hydrogen with the University of Oulu's researchers
(the gap story's hydrogen researcher, :mod:`.gap_story`) belongs to the demo's gap story.

About half of the ties with public organisations only are marked as public examples, which
cooperation guides on the public site show. Deterministic (a random stream per town) and
idempotent: a town that already has ties is left alone.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from ..models import (
    HEI_TYPES,
    ActorType,
    HigherEducationTie,
    Organisation,
    OrganisationStatus,
    TieKind,
    Town,
)
from ..queries_public import localised_competences

SEED = "seutu-demo-hei-ties-2026"
FIRST_YEAR = 2019
REFERENCE_DATE = datetime.date(2026, 1, 1)
INSTITUTIONS_PER_TOWN = 3
PUBLIC_EXAMPLE_SHARE = 0.5

# How often each kind is drawn, and how long a tie of the kind lasts (days; 0: one day).
KIND_WEIGHTS = {
    TieKind.THESIS: 30,
    TieKind.PLACEMENT: 25,
    TieKind.GUEST_LECTURE: 15,
    TieKind.RDI_PROJECT: 20,
}
DURATIONS = {
    TieKind.AGREEMENT: 4 * 365,
    TieKind.RDI_PROJECT: 2 * 365,
    TieKind.THESIS: 180,
    TieKind.PLACEMENT: 120,
    TieKind.GUEST_LECTURE: 0,
}
# Titles in fi, sv and en; {competence} is the competence's name in the title's language.
TITLES = {
    TieKind.AGREEMENT: {
        "fi": "Kumppanuussopimus vuodesta {start}",
        "sv": "Partnerskapsavtal sedan {start}",
        "en": "Partnership agreement since {start}",
    },
    TieKind.RDI_PROJECT: {
        "fi": "TKI-hanke: {competence}",
        "sv": "FUI-projekt: {competence}",
        "en": "RDI project: {competence}",
    },
    TieKind.THESIS: {
        "fi": "Opinnäytetyö: {competence}",
        "sv": "Examensarbete: {competence}",
        "en": "Thesis: {competence}",
    },
    TieKind.PLACEMENT: {
        "fi": "Kesäharjoittelu {start}: {competence}",
        "sv": "Sommarpraktik {start}: {competence}",
        "en": "Summer placement {start}: {competence}",
    },
    TieKind.GUEST_LECTURE: {
        "fi": "Vierailuluento: {competence}",
        "sv": "Gästföreläsning: {competence}",
        "en": "Guest lecture: {competence}",
    },
}
DESCRIPTIONS = {
    TieKind.AGREEMENT: "Yhteiset painopisteet, yhteyshenkilöt ja vuosittainen tapaaminen "
    "kaupungin, yritysten ja korkeakoulun kesken.",
    TieKind.RDI_PROJECT: "Yritysten ja korkeakoulun yhteinen hanke, jossa uutta ratkaisua "
    "kokeillaan yritysten omissa tuotantotiloissa.",
    TieKind.THESIS: "Opiskelija selvitti yrityksen tarpeen ja teki ehdotuksen "
    "jatkotoimiksi.",
    TieKind.PLACEMENT: "Opiskelija työskenteli yrityksessä kesän ja jatkaa "
    "opinnäytetyöhön.",
    TieKind.GUEST_LECTURE: "Yrityksen asiantuntija luennoi korkeakoulun opiskelijoille "
    "alueen työpaikoista ja osaamistarpeista.",
}
STORY = ("678", "vedyntuotanto", {
    "fi": "TKI-hanke: vedyn tuotanto terästeollisuuden tarpeisiin",
    "sv": "FUI-projekt: vätgasproduktion för stålindustrins behov",
    "en": "RDI project: hydrogen production for the steel industry",
})


@dataclass
class TieGenerationResult:
    created: int = 0
    towns: int = 0


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _institutions(town, rng):
    """The town's partners: its own UAS first, then its region's, then others, drawn."""
    active = Organisation.objects.filter(
        actor_type__in=HEI_TYPES, status=OrganisationStatus.ACTIVE
    ).select_related("town").order_by("pk")
    own = [o for o in active if o.town_id == town.pk and o.actor_type == ActorType.UAS][:1]
    away = [o for o in active if not o.town.in_network]
    region = [o for o in away if o.town.region_id == town.region_id]
    others = [o for o in away if o.town.region_id != town.region_id]
    chosen = own + region[:1] + rng.sample(others, k=min(len(others), 2))
    return chosen[:INSTITUTIONS_PER_TOWN]


# The months a tie of the kind starts in: placements in early summer, lectures in term time.
MONTHS = {
    TieKind.PLACEMENT: (5, 6),
    TieKind.GUEST_LECTURE: (1, 2, 3, 4, 9, 10, 11),
}


def _dates(rng, kind):
    year = rng.randrange(FIRST_YEAR, REFERENCE_DATE.year)
    month = rng.choice(MONTHS.get(kind, range(1, 13)))
    start = datetime.date(year, month, rng.randrange(1, 29))
    days = DURATIONS[kind]
    end = start + datetime.timedelta(days=days)
    # Agreements and RDI projects still running at the demo's date have no end yet.
    if days >= 365 and end > REFERENCE_DATE:
        end = None
    return start, end


def _titles(kind, start, competence, institution):
    """The tie's title in each language, its competence named in that language."""
    titles = {}
    for language, template in TITLES[kind].items():
        name = ""
        if competence is not None:
            name = localised_competences([competence], language)[0].name
        titles[language] = template.format(
            start=start.year, competence=_lower_first(name) or institution.name
        )[:255]
    return titles


def _tie(town, institution, kind, actors, rng, start=None, end=None):
    if start is None:
        start, end = _dates(rng, kind)
    competence = next((c for a in actors for c in a.competences.all()), None)
    titles = _titles(kind, start, competence, institution)
    public = institution.is_public and all(a.is_public for a in actors)
    tie = HigherEducationTie.objects.create(
        town=town, institution=institution, kind=kind, title=titles["fi"],
        title_sv=titles["sv"], title_en=titles["en"],
        description=DESCRIPTIONS[kind], start_date=start, end_date=end,
        is_public_example=public and rng.random() < PUBLIC_EXAMPLE_SHARE,
    )
    tie.actors.set(actors)
    return tie


def _town_ties(town, rng):
    companies = list(
        Organisation.objects.filter(
            town=town, status=OrganisationStatus.ACTIVE,
            actor_type__in=(ActorType.COMPANY, ActorType.STARTUP),
        ).prefetch_related("competences").order_by("pk")
    )
    institutions = _institutions(town, rng)
    if not companies or not institutions:
        return []
    made = []
    for index, institution in enumerate(institutions):
        if index == 0:
            start = datetime.date(rng.randrange(FIRST_YEAR, 2023), 1, 1)
            made.append(_tie(town, institution, TieKind.AGREEMENT,
                             rng.sample(companies, k=min(3, len(companies))), rng,
                             start=start, end=None))
        for _ in range(rng.randint(2, 5)):
            kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
            actors = rng.sample(companies, k=min(len(companies), 2 if kind == TieKind.RDI_PROJECT
                                                 else 1))
            made.append(_tie(town, institution, kind, actors, rng))
    return made


def _story_tie(town):
    """Raahe's hydrogen project with the university researching hydrogen (the gap story)."""
    researcher = Organisation.objects.filter(
        actor_type=ActorType.UNIVERSITY, competences__slug=STORY[1]
    ).order_by("pk").first()
    steel = Organisation.objects.filter(
        town=town, actor_type=ActorType.COMPANY, competences__slug="terasteollisuus",
        is_public=True,
    ).order_by("-employees", "pk").first()
    if researcher is None or steel is None:
        return []
    tie = HigherEducationTie.objects.create(
        town=town, institution=researcher, kind=TieKind.RDI_PROJECT, title=STORY[2]["fi"],
        title_sv=STORY[2]["sv"], title_en=STORY[2]["en"],
        description="Selvitetään, miten vihreä vety korvaisi kivihiilen teräksen "
        "valmistuksessa ja mitä osaamista se vaatii alueen yrityksiltä.",
        start_date=datetime.date(2024, 9, 1), end_date=None,
        is_public_example=researcher.is_public,
    )
    tie.actors.set([steel])
    return [tie]


def add_university_ties():
    """Ties for every network town that has none yet (idempotent); returns the count."""
    result = TieGenerationResult()
    for town in Town.objects.in_network().order_by("code"):
        if HigherEducationTie.objects.filter(town=town).exists():
            continue
        rng = random.Random(f"{SEED}-{town.code}")
        with transaction.atomic():
            made = _town_ties(town, rng)
            if town.code == STORY[0]:
                made += _story_tie(town)
        if made:
            result.towns += 1
            result.created += len(made)
    return result
