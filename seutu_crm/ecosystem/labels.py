"""Names of the taxonomies in the reader's language, read once per view."""

from dataclasses import dataclass

from django.utils.translation import get_language
from wagtail.models import Locale

from ..models import Competence, Industry


@dataclass(frozen=True)
class CompetenceName:
    pk: int  # the default-locale row, which organisations link to
    name: str
    slug: str
    parent_id: int | None


def competence_names(language=None):
    """{default-locale competence pk: :class:`CompetenceName`} in ``language``, in two queries."""
    language = (language or get_language() or "fi")[:2]
    default = Competence.objects.filter(locale_id=Locale.get_default().pk)
    rows = list(default.values_list("pk", "name", "slug", "parent_id", "translation_key"))
    translated = dict(
        Competence.objects.filter(
            locale__language_code=language, translation_key__in=[row[4] for row in rows]
        ).values_list("translation_key", "name")
    )
    return {
        pk: CompetenceName(pk, translated.get(key, name), slug, parent_id)
        for pk, name, slug, parent_id, key in rows
    }


def sections():
    """{TOL section code: :class:`Industry`}, in order."""
    return {industry.code: industry for industry in Industry.objects.filter(parent=None)}
