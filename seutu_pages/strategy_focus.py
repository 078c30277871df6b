"""The answer of the site to the CRM's ``seutu_strategy_focus`` hook: a town's strategic focus.

The focus is what the town's live strategy page in the default locale names in its focus
areas (a translation has the same focus). One query: the focus areas' stored JSON is read as
it is, without building the page.
"""

from wagtail.models import Locale

from seutu_crm.ecosystem.focus import StrategyFocus

from .models import StrategyPage


def strategy_focus_of(town):
    """The :class:`StrategyFocus` of ``town``'s strategy (``None``: the network's), or ``None``
    when it has no live strategy page."""
    pages = StrategyPage.objects.live().filter(locale_id=Locale.get_default().pk)
    pages = pages.filter(town=town) if town is not None else pages.filter(town__isnull=True)
    found = None
    for areas in pages.values_list("focus_areas", flat=True):
        competences, industries = set(), set()
        for area in getattr(areas, "raw_data", None) or []:
            value = area.get("value") or {}
            competences.update(value.get("competences") or [])
            industries.update(value.get("industries") or [])
        focus = StrategyFocus(frozenset(competences), frozenset(industries))
        found = focus if found is None else found | focus
    return found
