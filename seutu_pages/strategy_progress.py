"""A strategy's goals measured: current value, progress towards the target and its chart.

:func:`strategy_progress` is what the strategy page, its editor's progress panel and the
admin's goal report show. A page's computed goals are read out of the snapshots together
(:func:`seutu_crm.ecosystem.goals.series`: one query whatever their number); entered goals
bring their own dated values. The taxonomies' names are read once, and only when a focus area
or a goal needs them.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from seutu_crm.charts import LineChart, Point, display_number
from seutu_crm.ecosystem.goals import ParameterNames, label, series


def progress_share(baseline, target, current):
    """How far from the baseline towards the target ``current`` is, in 0–100 %, or ``None``."""
    if current is None or baseline is None or target is None or target == baseline:
        return None
    share = (float(current) - float(baseline)) / (float(target) - float(baseline))
    return max(0, min(100, round(share * 100)))


@dataclass
class GoalProgress:
    block_id: str | None
    title: str
    indicator: str  # what is measured, in the reader's language
    computed: bool
    unit: str
    baseline: object
    target: object
    year: int | None
    readings: list = field(default_factory=list)  # Reading, oldest first
    source: str = ""  # of the latest entered value
    chart: LineChart | None = None

    @property
    def current(self):
        return self.readings[-1] if self.readings else None

    @property
    def progress(self):
        current = self.current
        return progress_share(self.baseline, self.target, current.value if current else None)


@dataclass
class FocusArea:
    title: str
    description: object
    competences: list  # names in the reader's language
    industries: list


@dataclass
class StrategyProgress:
    focus_areas: list
    goals: list


def strategy_progress(page, names=None):
    """The page's focus areas with their names and its goals measured (``names``: a
    :class:`ParameterNames` shared by several pages, so the taxonomies are read once)."""
    names = names or ParameterNames()
    focus_areas = [
        FocusArea(
            area.value["title"],
            area.value["description"],
            [names.competences.get(slug, slug) for slug in area.value.get("competences") or []],
            [names.industries.get(code, code) for code in area.value.get("industries") or []],
        )
        for area in page.focus_areas
    ]
    goals = [(goal.id, goal.value) for goal in page.goals]
    return StrategyProgress(focus_areas, measure_goals(goals, page.town_id, names))


def measure_goals(goals, town_id, names=None):
    """[:class:`GoalProgress`] for ``goals`` ([(block id, GoalValue)]) of ``town_id``'s
    strategy (``None``: the network's, summed over the network towns)."""
    names = names or ParameterNames()
    computed = [value.computed_indicator for _id, value in goals]
    found = series([i for i in computed if i is not None], town=town_id)
    measured = []
    for (block_id, value), indicator in zip(goals, computed):
        if indicator is not None:
            readings, source = found.get(indicator.key, []), ""
            described, unit = label(indicator, names), value["unit"] or str(indicator.unit)
        else:
            readings, latest = value.entered_readings(), value.latest_entry()
            source = latest["source"] if latest else ""
            described, unit = value["indicator"], value["unit"]
        goal = GoalProgress(
            block_id, value["title"], described, indicator is not None, unit,
            value["baseline"], value["target"], value["year"], readings, source,
        )
        goal.chart = _chart(goal) if readings else None
        measured.append(goal)
    return measured


def reading_date(reading):
    return date_format(reading.date, "SHORT_DATE_FORMAT") if reading.date else _("undated")


def _number(value):
    value = float(value)
    return display_number(value, 0 if value == int(value) else 2)


def _chart(goal):
    points = [Point(reading_date(r), r.value, _number(r.value)) for r in goal.readings]
    first, last = goal.readings[0], goal.readings[-1]
    values = {
        "indicator": goal.indicator, "unit": goal.unit,
        "first": _number(first.value), "first_date": reading_date(first),
        "last": _number(last.value), "last_date": reading_date(last),
        "target": _number(goal.target), "year": goal.year,
    }
    if len(goal.readings) == 1:
        summary = _("%(indicator)s: %(last)s %(unit)s on %(last_date)s; the target is "
                    "%(target)s %(unit)s by %(year)s.") % values
    else:
        summary = _("%(indicator)s: %(first)s %(unit)s on %(first_date)s and %(last)s %(unit)s "
                    "on %(last_date)s; the target is %(target)s %(unit)s by %(year)s.") % values
    return LineChart(
        _("%(goal)s over time") % {"goal": goal.title}, points,
        value_label=goal.unit or goal.indicator, summary=summary,
    )
