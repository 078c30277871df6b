"""Human labels for facet values (codes and slugs in the index), in the visitor's language."""

from django.utils import translation


def facet_labels(facet, values, language="fi"):
    """``{value: label}`` for the values of one facet; unknown values are left out."""
    values = [v for v in values if v]
    if not values:
        return {}
    if facet == "town":
        from seutu_crm.models import Town

        return {t.code: _name(t, language) for t in Town.objects.filter(code__in=values)}
    if facet == "region":
        from seutu_crm.models import Region

        return {r.code: _name(r, language) for r in Region.objects.filter(code__in=values)}
    if facet == "type":
        from seutu_crm.models import ActorType

        with translation.override(language):
            return {v: str(label) for v, label in ActorType.choices if v in values}
    if facet == "industry_section":
        from seutu_crm.models import Industry

        return {
            i.code: getattr(i, f"name_{language}", "") or i.name_fi
            for i in Industry.objects.filter(code__in=values, parent__isnull=True)
        }
    if facet == "competence":
        return competence_names(values, language)
    return {}


def competence_names(slugs, language="fi"):
    """``{default-locale slug: name in language}`` (falling back to the default locale)."""
    from seutu_crm.models import Competence
    from wagtail.models import Locale

    default = Locale.get_default()
    rows = Competence.objects.filter(slug__in=slugs, locale=default).values_list(
        "slug", "name", "translation_key"
    )
    names = {slug: name for slug, name, _ in rows}
    keys = {key: slug for slug, _, key in rows}
    if language != default.language_code[:2] and keys:
        for key, name in Competence.objects.filter(
            translation_key__in=keys, locale__language_code__startswith=language
        ).values_list("translation_key", "name"):
            names[keys[key]] = name
    return names


def _name(obj, language):
    return (obj.name_sv if language == "sv" else "") or obj.name_fi
