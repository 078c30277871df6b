"""Human labels for facet values (codes and slugs in the index), in the visitor's language.

The tables behind them are small (towns, regions, competences, TOL sections) and change
rarely, so each facet's labels are loaded whole and kept for a minute: a search costs no
label queries."""

import time
from threading import Lock

from django.utils import translation

LABEL_TTL_SECONDS = 60
_cache = {}
_lock = Lock()


def facet_labels(facet, values, language="fi"):
    """``{value: label}`` for the values of one facet; unknown values are left out."""
    values = [v for v in values if v]
    if not values:
        return {}
    key = (facet, language)
    with _lock:
        loaded_at, labels = _cache.get(key, (0.0, None))
    if labels is None or time.monotonic() - loaded_at > LABEL_TTL_SECONDS or any(
        v not in labels for v in values
    ):
        labels = _load_labels(facet, language)
        with _lock:
            _cache[key] = (time.monotonic(), labels)
    return {v: labels[v] for v in values if v in labels}


def forget_labels(**kwargs):
    with _lock:
        _cache.clear()


def _connect():
    # Any change to a labelled table drops the cache (connected when this module is first
    # imported, which is before anything is cached).
    from django.db.models.signals import post_delete, post_save

    from seutu_crm.models import Competence, Industry, Region, Town

    for model in (Competence, Industry, Region, Town):
        for signal in (post_save, post_delete):
            signal.connect(forget_labels, sender=model, weak=False,
                           dispatch_uid=f"seutu_search_labels_{model.__name__}_{id(signal)}")


_connect()


def _load_labels(facet, language):
    """Every label of one facet."""
    if facet == "town":
        from seutu_crm.models import Town

        return {t.code: _name(t, language) for t in Town.objects.all()}
    if facet == "region":
        from seutu_crm.models import Region

        return {r.code: _name(r, language) for r in Region.objects.all()}
    if facet == "type":
        from seutu_crm.models import ActorType

        with translation.override(language):
            return {v: str(label) for v, label in ActorType.choices}
    if facet == "industry_section":
        from seutu_crm.models import Industry

        return {
            i.code: getattr(i, f"name_{language}", "") or i.name_fi
            for i in Industry.objects.filter(parent__isnull=True)
        }
    if facet == "competence":
        return competence_names(None, language)
    return {}


def competence_names(slugs, language="fi"):
    """``{default-locale slug: name in language}`` (falling back to the default locale)."""
    from seutu_crm.models import Competence
    from wagtail.models import Locale

    default = Locale.get_default()
    rows = Competence.objects.filter(locale=default)
    if slugs is not None:
        rows = rows.filter(slug__in=slugs)
    rows = list(rows.values_list("slug", "name", "translation_key"))
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
