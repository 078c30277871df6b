"""Charts drawn on the server as SVG, each with the table of its figures.

Server-rendered SVG needs no script, prints as it shows and reads the same in every language.
Accessibility (WCAG 2.1 AA): every chart is a ``<figure>`` with a caption, the drawing is an
image with a text summary, the figures are in a table behind it, and values are written beside
the bars and points, so colour is never the only cue. Templates:
``seutu_crm/charts/bar_chart.html`` and ``seutu_crm/charts/line_chart.html``.
"""

import itertools
from dataclasses import dataclass, field

from django.utils.formats import number_format

_ids = itertools.count(1)

WIDTH = 400  # viewBox units; the drawing scales to its container
# About as many characters of 12-unit text as fit the width; longer labels are cut in the
# drawing (and stand whole in its table).
LABEL_CHARACTERS = 58
BAR_HEIGHT = 14
ROW_HEIGHT = 38  # a label line above each bar
LINE_HEIGHT = 180


def display_number(value, decimals=0):
    if value is None:
        return "—"
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True,
                         force_grouping=True)


def short(label):
    label = str(label)
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str = ""  # the value as the reader sees it; default: the number
    url: str = ""  # the figure's list, when there is one


@dataclass
class BarChart:
    title: str
    bars: list
    value_label: str = ""  # the table's value column
    summary: str = ""  # the text the drawing stands for (screen readers)
    chart_id: str = field(default_factory=lambda: f"seutu-chart-{next(_ids)}")
    item_label: str = ""  # the table's first column (default "Item")

    @property
    def height(self):
        return ROW_HEIGHT * len(self.bars) + 4

    @property
    def rows(self):
        """The bars with their geometry in viewBox units."""
        largest = max((bar.value or 0 for bar in self.bars), default=0) or 1
        rows = []
        for i, bar in enumerate(self.bars):
            top = i * ROW_HEIGHT
            width = max(0.0, (bar.value or 0) / largest * (WIDTH - 110))
            rows.append(
                {
                    "bar": bar,
                    "label": short(bar.label),
                    "display": bar.display or display_number(bar.value),
                    "label_y": top + 13,
                    "bar_y": top + 18,
                    "width": round(width, 1),
                    "value_x": round(width + 4, 1),
                    "value_y": top + 18 + BAR_HEIGHT - 3,
                }
            )
        return rows

    @property
    def table_rows(self):
        return [TableRow(row["bar"].label, row["display"], row["bar"].url) for row in self.rows]


@dataclass(frozen=True)
class TableRow:
    label: str
    display: str
    url: str = ""


@dataclass(frozen=True)
class Point:
    label: str  # e.g. a date
    value: float
    display: str = ""


@dataclass
class LineChart:
    title: str
    points: list
    value_label: str = ""
    summary: str = ""
    chart_id: str = field(default_factory=lambda: f"seutu-chart-{next(_ids)}")
    height = LINE_HEIGHT

    @property
    def geometry(self):
        """Each point's position and the polyline through them, in viewBox units."""
        values = [p.value or 0 for p in self.points]
        low, high = min(values, default=0), max(values, default=0)
        span = (high - low) or 1
        left, right, top, bottom = 10, WIDTH - 10, 24, LINE_HEIGHT - 24
        step = (right - left) / max(1, len(self.points) - 1)
        placed = []
        for i, point in enumerate(self.points):
            x = left + i * step if len(self.points) > 1 else WIDTH / 2
            y = bottom - ((point.value or 0) - low) / span * (bottom - top)
            placed.append(
                {"point": point, "x": round(x, 1), "y": round(y, 1), "label_y": round(y - 8, 1),
                 "display": point.display or display_number(point.value)}
            )
        return {
            "points": placed,
            "polyline": " ".join(f"{p['x']},{p['y']}" for p in placed),
            "first": placed[0] if placed else None,
            "last": placed[-1] if placed else None,
        }

    @property
    def table_rows(self):
        return [TableRow(p["point"].label, p["display"]) for p in self.geometry["points"]]
