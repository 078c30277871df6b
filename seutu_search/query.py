"""What a visitor asks for: :class:`SearchQuery`, the one value every backend answers.

A query is plain data, validated when built, so views and the API turn bad parameters into a
400 by catching :class:`InvalidQuery` and backends never see nonsense. Text is free: any
Unicode, any query-syntax character; backends never pass it to an engine's query parser
unescaped (the language layer reduces it to terms first).
"""

from dataclasses import dataclass, field
from typing import Optional

#: Facet fields, in the order a page shows them. Each filters by codes/slugs, several values of
#: one facet are OR-ed, different facets AND-ed.
FACETS = ("town", "region", "type", "competence", "industry_section")

#: Kinds of indexed documents.
KINDS = ("organisation", "competence", "page")

SORTS = ("relevance", "name", "distance")
LANGUAGES = ("fi", "sv", "en")

MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
MAX_TEXT_LENGTH = 500  # longer text is cut, not refused: people paste whole paragraphs
MAX_FILTER_VALUES = 50
MAX_RADIUS_KM = 2000


class InvalidQuery(ValueError):
    """A parameter of a query is out of range; the message says which and why (translatable)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class GeoFilter:
    """Within ``radius_km`` kilometres of a point (WGS84)."""

    lat: float
    lon: float
    radius_km: float

    def __post_init__(self):
        from django.utils.translation import gettext as _

        try:
            lat, lon, radius = float(self.lat), float(self.lon), float(self.radius_km)
        except (TypeError, ValueError):
            raise InvalidQuery(_("Latitude, longitude and radius must be numbers."), "geo")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidQuery(_("Latitude or longitude out of range."), "geo")
        if not (0 < radius <= MAX_RADIUS_KM):
            raise InvalidQuery(
                _("Radius must be over 0 and at most %(max)s km.") % {"max": MAX_RADIUS_KM}, "geo"
            )
        object.__setattr__(self, "lat", lat)
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "radius_km", radius)


@dataclass(frozen=True)
class SearchQuery:
    """One search.

    ``text``
        What was typed; may be empty (then results are filtered and sorted by name).
    ``filters``
        ``{facet: [values]}`` with facet one of :data:`FACETS`: town = municipality codes,
        region = region codes, type = actor types, competence = competence slugs (of the
        default locale), industry_section = TOL section letters.
    ``geo``
        A :class:`GeoFilter`, or None.
    ``sort``
        ``relevance`` (default; falls back to name without text), ``name`` or ``distance``
        (needs ``geo``).
    ``page``, ``page_size``
        1-based page number and hits per page.
    ``language``
        The visitor's language: picks highlighted description, labels and suggestions.
    ``facets``
        The facets to count (empty: none).
    ``kinds``
        The kinds of document searched (default: organisations only).
    ``highlight``
        Whether hits carry highlighted snippets.
    """

    text: str = ""
    filters: dict = field(default_factory=dict)
    geo: Optional[GeoFilter] = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    language: str = "fi"
    facets: tuple = FACETS
    kinds: tuple = ("organisation",)
    highlight: bool = True

    def __post_init__(self):
        from django.utils.translation import gettext as _

        text = self.text if isinstance(self.text, str) else ""
        object.__setattr__(self, "text", text[:MAX_TEXT_LENGTH])
        cleaned = {}
        for name, values in (self.filters or {}).items():
            if name not in FACETS:
                raise InvalidQuery(_("Unknown filter “%(name)s”.") % {"name": name}, name)
            if isinstance(values, str):
                values = [values]
            values = tuple(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
            if len(values) > MAX_FILTER_VALUES:
                raise InvalidQuery(_("Too many values for “%(name)s”.") % {"name": name}, name)
            if values:
                cleaned[name] = values
        object.__setattr__(self, "filters", cleaned)
        if self.sort not in SORTS:
            raise InvalidQuery(_("Sort by one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)}, "sort")
        if self.sort == "distance" and self.geo is None:
            raise InvalidQuery(_("Sorting by distance needs a location."), "sort")
        for name, value, low, high in (
            ("page", self.page, 1, MAX_PAGE),
            ("page_size", self.page_size, 1, MAX_PAGE_SIZE),
        ):
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise InvalidQuery(
                    _("%(name)s must be a whole number from %(low)s to %(high)s.")
                    % {"name": name, "low": low, "high": high},
                    name,
                )
        language = (self.language or "fi")[:2]
        object.__setattr__(self, "language", language if language in LANGUAGES else "fi")
        facets = tuple(self.facets or ())
        unknown = [f for f in facets if f not in FACETS]
        if unknown:
            raise InvalidQuery(_("Unknown facet “%(name)s”.") % {"name": unknown[0]}, "facets")
        object.__setattr__(self, "facets", facets)
        kinds = tuple(self.kinds or ("organisation",))
        if any(k not in KINDS for k in kinds):
            raise InvalidQuery(_("Unknown kind of result."), "kinds")
        object.__setattr__(self, "kinds", kinds)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def without_filter(self, name):
        """The filters with ``name`` dropped: disjunctive facets count the other facets' hits."""
        return {k: v for k, v in self.filters.items() if k != name}
