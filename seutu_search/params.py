"""Turn request parameters into a :class:`~seutu_search.query.SearchQuery`.

The public search page and the JSON API read the same parameters the same way::

    q=<text>  town=<municipality code>  region=<code>  type=<actor type>
    competence=<slug>  industry=<TOL section>  (each may repeat: OR within, AND across)
    near=<municipality code> radius=<km>  |  lat=<deg> lon=<deg> radius=<km>
    sort=relevance|name|distance  page=<n>  page_size=<n>  lang=fi|sv|en

Anything out of range raises :class:`~seutu_search.query.InvalidQuery` with a message the
caller shows (a 400 in the API, a form message on the page). So does a control character
in any parameter: nobody types one, PostgreSQL refuses a NUL in any text, and a value
that reached the database would fail there as a server error.
"""

import re

from django.utils.translation import gettext as _
from seutu_crm.models import Town

from .query import LANGUAGES, GeoFilter, InvalidQuery, SearchQuery

#: Request parameter → facet of SearchQuery.filters.
FILTER_PARAMETERS = {
    "town": "town",
    "region": "region",
    "type": "type",
    "competence": "competence",
    "industry": "industry_section",
}
DEFAULT_RADIUS_KM = 50
# C0 and C1 controls and DEL; tab, line feed and carriage return are whitespace in ``q``.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_CONTROLS = re.compile(r"[\t\n\r]")


def reject_control_characters(params):
    """Raise InvalidQuery for the first parameter (name or value) with a control character."""
    items = params.lists() if hasattr(params, "lists") else (
        (name, value if isinstance(value, list) else [value]) for name, value in params.items()
    )
    for name, values in items:
        for value in [name, *values]:
            text = str(value)
            if CONTROL_CHARACTERS.search(text) or (name != "q" and LINE_CONTROLS.search(text)):
                raise InvalidQuery(
                    _("“%(name)s” contains a control character; remove it and search again.")
                    % {"name": CONTROL_CHARACTERS.sub("", LINE_CONTROLS.sub("", name))[:40]},
                    name,
                )


def without_control_characters(text):
    """``text`` with control characters removed, for a search shown beside an error."""
    return CONTROL_CHARACTERS.sub("", text or "")


def _whole_number(params, name, default):
    raw = params.get(name, "")
    if raw in ("", None):
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise InvalidQuery(_("%(name)s must be a whole number.") % {"name": name}, name)


def _number(params, name):
    try:
        return float(params.get(name))
    except (TypeError, ValueError):
        raise InvalidQuery(_("%(name)s must be a number.") % {"name": name}, name)


def geo_from_params(params):
    """A GeoFilter from ``near``+``radius`` or ``lat``+``lon``+``radius``, or None."""
    has_point = params.get("lat") not in (None, "") or params.get("lon") not in (None, "")
    near = (params.get("near") or "").strip()
    if not near and not has_point:
        return None
    radius = params.get("radius") or DEFAULT_RADIUS_KM
    if near:
        town = Town.objects.filter(code=near).only("latitude", "longitude").first()
        if town is None or town.latitude is None:
            raise InvalidQuery(_("Unknown town “%(code)s” for “near”.") % {"code": near}, "near")
        return GeoFilter(town.latitude, town.longitude, radius)
    return GeoFilter(_number(params, "lat"), _number(params, "lon"), radius)


def query_from_params(params, language="fi", facets=None, kinds=("organisation",)):
    """The SearchQuery for a QueryDict (or a dict of lists/strings)."""
    reject_control_characters(params)
    getlist = params.getlist if hasattr(params, "getlist") else (
        lambda name: params.get(name) if isinstance(params.get(name), list)
        else [params[name]] if name in params else []
    )
    language = params.get("lang") or language
    if language not in LANGUAGES:
        raise InvalidQuery(
            _("lang must be one of: %(languages)s.") % {"languages": ", ".join(LANGUAGES)}, "lang"
        )
    filters = {
        facet: [value for value in getlist(name) if value]
        for name, facet in FILTER_PARAMETERS.items()
        if getlist(name)
    }
    options = {
        "text": params.get("q", "") or "",
        "filters": filters,
        "geo": geo_from_params(params),
        "sort": params.get("sort") or "relevance",
        "page": _whole_number(params, "page", 1),
        "page_size": _whole_number(params, "page_size", 20),
        "language": language,
        "kinds": kinds,
    }
    if facets is not None:
        options["facets"] = facets
    return SearchQuery(**options)
