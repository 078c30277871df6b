"""Fictional organisations, generated deterministically and written in bulk.

``generate_organisations(n)`` always produces the same n organisations (the i-th one does
not depend on n), with valid, unique business IDs from a reserved-looking range. Running it
again skips organisations whose business ID already exists, so it is safe to repeat and
``--size 1000`` after ``--size 300`` adds the 700 missing ones.
"""

import random
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from ..models import (
    Competence,
    Contact,
    Industry,
    Organisation,
    OrganisationDescription,
    RelationKind,
    SizeClass,
    Town,
)
from ..models.contacts import LegalBasis
from ..reference.competences import COMPETENCES
from ..reference.geography import BILINGUAL_TOWNS
from ..services.bulk import insert_rows
from ..signals import organisations_changed
from . import vocabulary as words

SEED = "seutu-demo-2026"
# Demo business IDs start here: far from the factories' range used by the test suite.
FIRST_BUSINESS_ID = 3_000_000
MAX_SIZE = 1_000_000

COMPETENCE_NAMES = {
    slug: {"fi": fi, "sv": sv, "en": en} for slug, _p, fi, _fs, sv, _ss, en, _es in COMPETENCES
}
SECTOR_CHILDREN = {}
for _slug, _parent, *_texts in COMPETENCES:
    if _parent:
        SECTOR_CHILDREN.setdefault(_parent, []).append(_slug)


def demo_business_ids(n):
    """The first ``n`` valid business IDs of the demo range, in order."""
    from ..validators import make_business_id

    ids = []
    number = FIRST_BUSINESS_ID
    while len(ids) < n:
        value = make_business_id(f"{number:07d}")
        if value:
            ids.append(value)
        number += 1
    return ids


@dataclass
class DemoOrganisation:
    """One generated organisation before it is written: plain values only."""

    name: str
    business_id: str
    actor_type: str
    town_code: str
    street_address: str
    postal_code: str
    latitude: float
    longitude: float
    website: str
    employees: int | None
    size_class: str
    is_public: bool
    competences: list = field(default_factory=list)  # slugs
    industries: list = field(default_factory=list)  # TOL codes
    descriptions: dict = field(default_factory=dict)  # language -> text
    contact: tuple | None = None  # first name, last name, role


def _lower_first(text):
    # "Metsäteollisuus" → "metsäteollisuus", but keep "CLT ja massiivipuu" and "ICT ja tekoäly".
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


def _join(items, conjunction):
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _size_class(employees):
    if employees is None:
        return ""
    if employees < 10:
        return SizeClass.MICRO
    if employees < 50:
        return SizeClass.SMALL
    if employees < 250:
        return SizeClass.MEDIUM
    return SizeClass.LARGE


class DemoGenerator:
    """Draws organisations from one seeded random stream, in a fixed order."""

    def __init__(self, towns):
        # ``towns``: {code: (name_fi, name_sv, latitude, longitude, in_network, swedish_majority)}
        self.rng = random.Random(SEED)
        self.towns = towns
        self.network = sorted(code for code, t in towns.items() if t[4])
        self.others = sorted(code for code, t in towns.items() if not t[4])
        self.actor_types = [t for t, _w in words.ACTOR_TYPE_WEIGHTS]
        self.actor_weights = [w for _t, w in words.ACTOR_TYPE_WEIGHTS]
        self.sectors = sorted(words.SECTORS)

    def _town(self, actor_type):
        rng = self.rng
        academic = actor_type in ("university", "research")
        if self.others and (rng.random() < (0.6 if academic else 0.12) or not self.network):
            return rng.choice(self.others)
        return rng.choice(self.network)

    def _name(self, actor_type, town_code, sector, swedish):
        rng = self.rng
        genitive = words.TOWN_FORMS.get(town_code, (self.towns[town_code][0],))[0]
        stem = rng.choice(words.SECTORS[sector][0])
        if actor_type == "startup":
            return f"{stem}{rng.choice(words.STARTUP_SUFFIXES)} Oy"
        if actor_type == "research":
            return f"{genitive} {stem.lower()}tutkimuskeskus"
        if actor_type == "university":
            return f"{genitive} yliopistokeskus, {stem.lower()}tutkimus"
        if actor_type == "uas":
            return f"{genitive} ammattikorkeakoulu, {stem.lower()}laboratorio"
        if actor_type == "vocational":
            return f"{genitive} ammattiopisto, {stem.lower()}alan koulutus"
        if actor_type == "public":
            return f"{genitive} kaupunki, elinvoimapalvelut"
        if actor_type == "development_company":
            return f"{genitive} {stem.lower()}kehitys Oy"
        if actor_type == "financier":
            return f"{rng.choice(words.COMPANY_PREFIXES)} {stem} Capital Oy"
        if actor_type == "association":
            return f"{genitive} {stem.lower()}yrittäjät ry"
        prefix = genitive if rng.random() < 0.4 else rng.choice(words.COMPANY_PREFIXES)
        legal = rng.choice(words.SWEDISH_LEGAL_FORMS if swedish else words.LEGAL_FORMS)
        return f"{prefix} {stem}{rng.choice(words.COMPANY_SUFFIXES)} {legal}"

    def _languages(self, town_code):
        if self.towns[town_code][5]:
            return ["sv", "fi", "en"]  # Swedish-majority town: Swedish first
        if town_code in BILINGUAL_TOWNS:
            return ["fi", "sv", "en"]
        return ["fi", "en"] if self.rng.random() < 0.7 else ["fi"]

    def _descriptions(self, org, languages):
        rng = self.rng
        name_fi, name_sv = self.towns[org.town_code][:2]
        locative = words.TOWN_FORMS.get(org.town_code, (None, f"kunnassa {name_fi}"))[1]
        type_fi, type_sv, type_en = words.ACTOR_TYPE_WORDS[org.actor_type]
        closing = rng.randrange(len(words.CLOSING_SENTENCES["fi"]))
        texts = {}
        for language in languages:
            comps = [_lower_first(COMPETENCE_NAMES[s][language]) for s in org.competences]
            ending = words.CLOSING_SENTENCES[language][closing]
            if language == "fi":
                text = (f"{org.name} on {locative} toimiva {type_fi}. "
                        f"Vahvuuksiamme ovat {_join(comps, 'ja')}. {ending}")
            elif language == "sv":
                text = (f"{org.name} är {type_sv} i {name_sv or name_fi}. "
                        f"Våra styrkor är {_join(comps, 'och')}. {ending}")
            else:
                text = (f"{org.name} is {type_en} in {name_fi}. "
                        f"Our strengths are {_join(comps, 'and')}. {ending}")
            texts[language] = text
        return texts

    def next(self, business_id):
        rng = self.rng
        actor_type = rng.choices(self.actor_types, self.actor_weights)[0]
        town_code = self._town(actor_type)
        name_fi, name_sv, lat, lon, in_network, swedish = self.towns[town_code]
        profile = words.TOWN_PROFILES.get(town_code)
        sector = rng.choice(profile) if profile and rng.random() < 0.75 else rng.choice(
            self.sectors
        )
        children = SECTOR_CHILDREN[sector]
        competences = rng.sample(children, k=min(len(children), rng.randint(1, 3)))
        if rng.random() < 0.25:
            other = rng.choice(self.sectors)
            extra = rng.choice(SECTOR_CHILDREN[other])
            if extra not in competences:
                competences.append(extra)
        industries = [rng.choice(words.SECTORS[sector][1])]
        if actor_type in words.ACTOR_TYPE_INDUSTRIES:
            industries = [words.ACTOR_TYPE_INDUSTRIES[actor_type]]
        elif rng.random() < 0.3:
            second = rng.choice(words.SECTORS[sector][1])
            if second not in industries:
                industries.append(second)
        if actor_type in ("company", "startup"):
            employees = max(1, int(rng.lognormvariate(2.2, 1.3)))
        else:
            employees = rng.randint(5, 400)
        name = self._name(actor_type, town_code, sector, swedish and rng.random() < 0.7)
        town_forms = words.TOWN_FORMS.get(town_code, ("", "", ""))
        org = DemoOrganisation(
            name=name,
            business_id=business_id,
            actor_type=actor_type,
            town_code=town_code,
            street_address=f"{rng.choice(words.STREETS)} {rng.randint(1, 80)}",
            postal_code=town_forms[2] or "",
            latitude=round((lat or 62.0) + rng.gauss(0, 0.02), 5),
            longitude=round((lon or 25.0) + rng.gauss(0, 0.04), 5),
            website=f"https://www.{slugify(name)[:50].strip('-')}.example",
            employees=employees,
            size_class=_size_class(employees),
            is_public=rng.random() < 0.85,
            competences=competences,
            industries=industries,
        )
        org.descriptions = self._descriptions(org, self._languages(town_code))
        if in_network and rng.random() < 0.3:
            org.contact = (
                rng.choice(words.FIRST_NAMES),
                rng.choice(words.LAST_NAMES),
                rng.choice(words.CONTACT_ROLES),
            )
        # The draws of the one random relation this generator used to make (ties are now
        # drawn by relations.py), kept so that every later organisation stays what it was.
        if rng.random() < 0.05:
            rng.randint(1, 50)
            rng.choice(RelationKind.values)
        return org


def _ascii(text):
    return slugify(text.replace("ä", "a").replace("ö", "o").replace("å", "a")).replace("-", "")


@dataclass
class GenerationResult:
    created: int = 0
    skipped: int = 0
    seconds: float = 0.0  # wall-clock
    cpu_seconds: float = 0.0  # this process only; the database's work is not counted


def generate_organisations(size, *, batch_size=2000, progress=None):
    """Write the first ``size`` demo organisations that do not exist yet.

    Needs the reference data (towns, industries, competences). ``progress(done, total)`` is
    called after each batch. Each batch is one transaction and sends ``organisations_changed``.
    """
    if not 0 <= size <= MAX_SIZE:
        raise ValueError(f"size must be between 0 and {MAX_SIZE:,}")
    started, cpu_started = time.perf_counter(), time.process_time()
    result = GenerationResult()
    towns = {
        t.code: t
        for t in Town.objects.filter(code__in=[*words.TOWN_FORMS]).order_by("code")
    }
    if not towns:
        raise RuntimeError("Load the reference data first: no reference towns found.")
    generator = DemoGenerator(
        {
            code: (t.name_fi, t.name_sv, t.latitude, t.longitude, t.in_network,
                   t.swedish_majority)
            for code, t in towns.items()
        }
    )
    competence_pks = dict(
        Competence.objects.filter(locale__language_code="fi").values_list("slug", "pk")
    )
    industry_pks = dict(Industry.objects.values_list("code", "pk"))
    business_ids = demo_business_ids(size)
    CompetenceLink = Organisation.competences.through
    IndustryLink = Organisation.industries.through

    for start in range(0, size, batch_size):
        batch_ids = business_ids[start : start + batch_size]
        existing = set(
            Organisation.objects.filter(business_id__in=batch_ids).values_list(
                "business_id", flat=True
            )
        )
        drafts = [(start + i, generator.next(bid)) for i, bid in enumerate(batch_ids)]
        drafts = [(seq, d) for seq, d in drafts if d.business_id not in existing]
        result.skipped += len(batch_ids) - len(drafts)
        if drafts:
            with transaction.atomic():
                _write_batch(drafts, towns, competence_pks, industry_pks, CompetenceLink,
                             IndustryLink)
            result.created += len(drafts)
        if progress:
            progress(min(start + batch_size, size), size)
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    return result


def _write_batch(drafts, towns, competence_pks, industry_pks, CompetenceLink, IndustryLink):
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=d.name[:255],
                business_id=d.business_id,
                actor_type=d.actor_type,
                town=towns[d.town_code],
                street_address=d.street_address,
                postal_code=d.postal_code,
                latitude=d.latitude,
                longitude=d.longitude,
                website=d.website,
                employees=d.employees,
                size_class=d.size_class,
                is_public=d.is_public,
            )
            for _seq, d in drafts
        ]
    )
    competence_links, industry_links, descriptions, contacts = [], [], [], []
    for (_seq, draft), organisation in zip(drafts, organisations):
        pk = organisation.pk
        competence_links += [
            (pk, competence_pks[s]) for s in draft.competences if s in competence_pks
        ]
        industry_links += [(pk, industry_pks[c]) for c in draft.industries if c in industry_pks]
        descriptions += [(pk, lang, text) for lang, text in draft.descriptions.items()]
        if draft.contact:
            first, last, role = draft.contact
            contacts.append(
                Contact(
                    first_name=first,
                    last_name=last,
                    role=role,
                    organisation_id=pk,
                    town_id=organisation.town_id,
                    email=f"{_ascii(first)}.{_ascii(last)}@{draft.website[12:]}",
                    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                    source="demo",
                )
            )
    insert_rows(CompetenceLink, ["organisation", "competence"], competence_links)
    insert_rows(IndustryLink, ["organisation", "industry"], industry_links)
    insert_rows(OrganisationDescription, ["organisation", "language", "text"], descriptions)
    Contact.objects.bulk_create(contacts)
    organisations_changed.send(sender=Organisation, pks=[o.pk for o in organisations])
