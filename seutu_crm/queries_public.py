"""What the public site may read from the CRM: public organisations and their public fields.

The public site (seutu_pages) reads organisations only through these functions. They return
:class:`PublicActor` values, which carry nothing but the public fields, so a template cannot
reach a contact, a lead or a private note even by mistake.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .hierarchy import with_narrower
from .models import ActorType, Competence, Organisation
from .models.localised import localised


def default_language_code():
    """The language of the default locale, without a query (Wagtail derives it the same way)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class PublicCompetence:
    name: str
    slug: str


@dataclass(frozen=True)
class PublicIndustry:
    code: str
    name: str


@dataclass(frozen=True)
class PublicActor:
    """The public face of an organisation."""

    pk: int
    name: str
    slug: str
    actor_type: str
    actor_type_label: str
    town_code: str
    town_name: str
    website: str
    description: str
    competences: tuple = ()
    industries: tuple = ()

    @property
    def profile_slug(self):
        """The last part of the actor's profile URL: ``<id>-<slug>``."""
        return f"{self.pk}-{self.slug}"


def public_organisations(
    town=None, actor_type=None, competence=None, text=None, pks=None, detail=True
):
    """Public organisations, filtered, with everything a public listing shows prefetched.

    ``town`` is a Town (or None for the whole network); ``competence`` a default-locale
    Competence, which also matches organisations with a narrower competence; ``text`` is
    matched against the name and the public descriptions. Without ``detail`` only what an
    actor card shows is prefetched (no descriptions, no industries).
    """
    organisations = Organisation.objects.public().select_related("town")
    if town is not None:
        organisations = organisations.filter(town=town)
    if actor_type:
        organisations = organisations.filter(actor_type=actor_type)
    if pks is not None:
        organisations = organisations.filter(pk__in=list(pks))
    if competence is not None:
        matching = with_narrower(Competence, competence)
        organisations = organisations.filter(
            pk__in=Organisation.objects.filter(competences__in=matching).values("pk")
        )
    if text:
        organisations = organisations.filter(
            Q(name__icontains=text)
            | Q(pk__in=Organisation.objects.filter(descriptions__text__icontains=text).values("pk"))
        )
    if not detail:
        return organisations.prefetch_related("competences")
    return organisations.prefetch_related("competences", "industries", "descriptions")


def competence_translations(competences, language=None):
    """``{translation_key: (name, slug)}`` of ``competences`` in ``language``, in one query.

    Organisations link to default-locale competences; visitors read them in their language.
    Missing translations are simply absent: callers fall back to the linked row.
    """
    language = (language or get_language() or "fi")[:2]
    keys = {c.translation_key for c in competences}
    if not keys or language == default_language_code():
        return {}
    rows = Competence.objects.filter(
        translation_key__in=keys, locale__language_code=language
    ).values_list("translation_key", "name", "slug")
    return {key: (name, slug) for key, name, slug in rows}


def localised_competences(competences, language=None, translations=None):
    """``competences`` as :class:`PublicCompetence` in ``language`` (Finnish when untranslated)."""
    if translations is None:
        translations = competence_translations(competences, language)
    result = []
    for competence in competences:
        name, slug = translations.get(competence.translation_key, (competence.name, competence.slug))
        result.append(PublicCompetence(name=name, slug=slug))
    return sorted(result, key=lambda c: c.name.casefold())


def as_public_actors(organisations, language=None, detail=True, translations=None):
    """Turn public organisations (from :func:`public_organisations`) into :class:`PublicActor`.

    Non-public organisations are dropped here too, so a caller cannot leak one by passing the
    wrong queryset. Costs one query for the competence names when ``language`` is not the
    default one, unless ``translations`` (from :func:`competence_translations`) are given.
    Without ``detail``, ``description`` and ``industries`` are left empty.
    """
    language = (language or get_language() or "fi")[:2]
    organisations = [o for o in organisations if o is not None and o.is_public]
    if translations is None:
        translations = competence_translations(
            [c for o in organisations for c in o.competences.all()], language
        )
    # Model.get_FOO_display() rebuilds a dict of lazy labels per call: too slow for 50 cards.
    type_labels = {value: str(label) for value, label in ActorType.choices}
    return [
        PublicActor(
            pk=organisation.pk,
            name=organisation.name,
            slug=slugify(organisation.name) or "actor",
            actor_type=organisation.actor_type,
            actor_type_label=type_labels.get(organisation.actor_type, organisation.actor_type),
            town_code=organisation.town.code,
            town_name=localised(organisation.town, "name", language),
            website=organisation.website,
            description=organisation.description(language) if detail else "",
            competences=tuple(
                localised_competences(organisation.competences.all(), language, translations)
            ),
            industries=tuple(
                PublicIndustry(code=industry.code, name=localised(industry, "name", language))
                for industry in organisation.industries.all()
            )
            if detail
            else (),
        )
        for organisation in organisations
    ]


def public_actor(pk, language=None):
    """The public organisation ``pk`` as a :class:`PublicActor`, or None if there is none."""
    organisation = public_organisations(pks=[pk]).first()
    if organisation is None:
        return None
    return as_public_actors([organisation], language)[0]


def public_competences(language=None):
    """Default-locale competences held by at least one public organisation, in ``language``.

    Returns ``(competence, PublicCompetence)`` pairs: the row to filter by and its public label.
    """
    competences = list(
        Competence.objects.filter(
            locale=Locale.get_default(), organisations__is_public=True
        ).distinct()
    )
    translations = competence_translations(competences, language)
    pairs = [
        (c, localised_competences([c], language, translations)[0]) for c in competences
    ]
    return sorted(pairs, key=lambda pair: pair[1].name.casefold())
