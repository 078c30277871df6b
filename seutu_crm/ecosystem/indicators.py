"""Official key figures of towns (StatFin): the latest value of each, and population.

Which indicator codes mean *population* is a setting (``SEUTU_CRM["POPULATION_INDICATORS"]``):
Statistics Finland's tables name it differently (``vaesto`` in the population structure
tables, ``M411`` in the municipal key figures).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from ..models import TownIndicator

# Figures whose name Seutu knows in every language; others keep the label of their table.
INDICATOR_LABELS = {
    "vaesto": _("Population"),
    "M411": _("Population"),
    "tyopaikat": _("Workplaces"),
    "M130": _("Workplaces"),
}


@dataclass(frozen=True)
class KeyFigure:
    indicator: str
    label: str
    year: int
    value: float
    unit: str
    source: str

    @classmethod
    def of(cls, row):
        label = INDICATOR_LABELS.get(row.indicator) or row.label or row.indicator
        return cls(row.indicator, str(label), row.year, row.value, row.unit, row.source)


def latest_key_figures(town_ids):
    """{town pk: [KeyFigure]}: the latest year of each total (not per-industry) figure."""
    latest = {}
    rows = TownIndicator.objects.filter(town_id__in=list(town_ids), industry_code="").order_by(
        "town_id", "indicator", "-year"
    )
    for row in rows:
        figures = latest.setdefault(row.town_id, {})
        figures.setdefault(row.indicator, KeyFigure.of(row))  # the first row is the latest year
    return {town_id: list(figures.values()) for town_id, figures in latest.items()}


def population(key_figures):
    """The population :class:`KeyFigure` among a town's ``key_figures``, or None."""
    codes = get_setting("POPULATION_INDICATORS")
    for code in codes:
        for figure in key_figures:
            if figure.indicator == code:
                return figure
    return None


def workplaces_by_industry(town_ids):
    """{town pk or None (Finland): {industry code: workplaces}} for the latest year imported.

    ``""`` holds the total. Used for location quotients against Finland.
    """
    codes = get_setting("WORKPLACE_INDICATORS")
    rows = TownIndicator.objects.filter(indicator__in=codes).filter(
        town_id__in=list(town_ids)
    ) | TownIndicator.objects.filter(indicator__in=codes, town=None)
    latest_year = {}
    for town_id, year in rows.values_list("town_id", "year"):
        latest_year[town_id] = max(year, latest_year.get(town_id, year))
    found = {}
    for town_id, code, year, value in rows.values_list("town_id", "industry_code", "year", "value"):
        if year == latest_year[town_id]:
            found.setdefault(town_id, {})[code] = value
    return found
