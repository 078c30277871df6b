"""Reference data every Seutu site needs: locales, regions, towns, TOL 2008, competences.

:func:`load_reference_data` is idempotent: it creates what is missing and brings existing
rows (matched by official code or slug) back in line with the data modules beside it.
"""

import uuid

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

from ..models import Competence, Industry, Region, Town
from .competences import COMPETENCES
from .geography import REGIONS, TOWNS
from .industries import DIVISIONS, SECTIONS

__all__ = [
    "load_reference_data",
    "ensure_locales",
    "load_regions",
    "load_towns",
    "load_industries",
    "load_competences",
]

TAXONOMY_LANGUAGES = ("fi", "sv", "en")


def ensure_locales():
    """One Wagtail ``Locale`` per content language (Finnish, the default, first)."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in codes}


def load_regions():
    return {
        code: Region.objects.update_or_create(
            code=code, defaults={"name_fi": name_fi, "name_sv": name_sv}
        )[0]
        for code, name_fi, name_sv in REGIONS
    }


def load_towns(regions=None):
    regions = regions or {r.code: r for r in Region.objects.all()}
    towns = {}
    for code, name_fi, name_sv, region, in_network, swedish_majority, lat, lon in TOWNS:
        towns[code] = Town.objects.update_or_create(
            code=code,
            defaults={
                "name_fi": name_fi,
                "name_sv": name_sv,
                "region": regions[region],
                "in_network": in_network,
                "swedish_majority": swedish_majority,
                "latitude": lat,
                "longitude": lon,
            },
        )[0]
    return towns


def load_industries():
    industries = {}
    for code, name_fi, name_sv, name_en in SECTIONS:
        industries[code] = Industry.objects.update_or_create(
            code=code,
            defaults={"name_fi": name_fi, "name_sv": name_sv, "name_en": name_en, "parent": None},
        )[0]
    for code, section, name_fi, name_sv, name_en in DIVISIONS:
        industries[code] = Industry.objects.update_or_create(
            code=code,
            defaults={
                "name_fi": name_fi,
                "name_sv": name_sv,
                "name_en": name_en,
                "parent": industries[section],
            },
        )[0]
    return industries


def load_competences(locales=None):
    """The taxonomy in every language; returns ``{slug: default-locale Competence}``.

    The Finnish row of an entry is found by slug; its Swedish and English rows share its
    ``translation_key``, as wagtail-localize expects, and point at the parent of their own
    locale.
    """
    locales = locales or ensure_locales()
    languages = [language for language in TAXONOMY_LANGUAGES if language in locales]
    existing = {}
    for competence in Competence.objects.filter(locale__in=[locales[lang] for lang in languages]):
        existing[(competence.locale_id, "slug", competence.slug)] = competence
        existing[(competence.locale_id, "key", competence.translation_key)] = competence
    rows = {language: {} for language in languages}
    for slug, parent, *texts in COMPETENCES:
        names = dict(zip(TAXONOMY_LANGUAGES, texts[0::2]))
        synonyms = dict(zip(TAXONOMY_LANGUAGES, texts[1::2]))
        translation_key = None
        for language in languages:
            locale = locales[language]
            competence = existing.get((locale.pk, "key", translation_key)) or existing.get(
                (locale.pk, "slug", slug)
            )
            if competence is None:
                competence = Competence(locale=locale, translation_key=translation_key or uuid.uuid4())
            wanted = {
                "translation_key": translation_key or competence.translation_key,
                "slug": slug,
                "name": names[language],
                "synonyms": synonyms[language],
                "parent_id": rows[language][parent].pk if parent else None,
            }
            # Save only what changed: a re-run costs no writes (and no re-indexing).
            if competence.pk is None or any(
                getattr(competence, field) != value for field, value in wanted.items()
            ):
                for field, value in wanted.items():
                    setattr(competence, field, value)
                competence.save()
            translation_key = competence.translation_key
            rows[language][slug] = competence
    return rows["fi"]


@transaction.atomic
def load_reference_data():
    """Load (or refresh) all reference data; returns a dict of what each part loaded."""
    locales = ensure_locales()
    regions = load_regions()
    towns = load_towns(regions)
    industries = load_industries()
    competences = load_competences(locales)
    return {
        "locales": locales,
        "regions": regions,
        "towns": towns,
        "industries": industries,
        "competences": competences,
    }
