"""The public search page: works without JavaScript (a GET form with facet checkboxes);
autocomplete is added by ``seutu_search/autocomplete.js`` when scripts run."""

import logging

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from .analytics import record_search
from .backends import SearchBackendError, get_search_backend
from .params import (
    DEFAULT_RADIUS_KM,
    FILTER_PARAMETERS,
    query_from_params,
    without_control_characters,
)
from .presenters import HitLinks
from .query import LANGUAGES, SORTS, InvalidQuery, SearchQuery

logger = logging.getLogger(__name__)

#: Facet name → request parameter, the other way round.
FACET_PARAMETERS = {facet: name for name, facet in FILTER_PARAMETERS.items()}


class _SearchPaginator(Paginator):
    """A paginator over a total we already know; the engine returns one page at a time."""

    def __init__(self, total, per_page):
        super().__init__(range(total), per_page)


def search_page(request):
    language = (translation.get_language() or "fi")[:2]
    language = language if language in LANGUAGES else "fi"
    context = {
        "search_query": without_control_characters(request.GET.get("q", "")),
        "errors": [],
        "results": None,
        "facets": [],
        "sorts": SORTS,
        "radius": without_control_characters(request.GET.get("radius")) or DEFAULT_RADIUS_KM,
        "near": without_control_characters(request.GET.get("near", "")),
    }
    status = 200
    try:
        query = query_from_params(request.GET, language=language)
    except InvalidQuery as error:
        context["errors"].append(str(error))
        query = SearchQuery(
            text=without_control_characters(request.GET.get("q", "")), language=language
        )
        status = 400
    context["query"] = query
    searched = bool(query.text.strip() or query.filters or query.geo)
    if searched or "q" in request.GET:
        try:
            results = get_search_backend().search(query)
        except SearchBackendError:
            logger.exception("search backend failed")
            context["errors"].append(_("Search is not available right now. Please try again soon."))
            results = None
            status = 503
        if results is not None:
            if query.page == 1 and status == 200:
                record_search(query.text, results.total)
            links = HitLinks(language, results.hits, request)
            context["results"] = results
            context["hits"] = [(hit, links.url(hit)) for hit in results.hits]
            context["facets"] = [
                (results.facets[name], FACET_PARAMETERS[name])
                for name in query.facets
                if name in results.facets and results.facets[name].values
            ]
            context["page_obj"] = _SearchPaginator(results.total, query.page_size).get_page(
                query.page
            )
            params = request.GET.copy()
            params.pop("page", None)
            context["page_query"] = params.urlencode()
    context["towns"] = _network_towns(language)
    return TemplateResponse(request, "seutu_search/search.html", context, status=status)


def _network_towns(language):
    from seutu_crm.models import Town

    return [
        {"code": code, "name": (name_sv if language == "sv" and name_sv else name_fi)}
        for code, name_fi, name_sv in Town.objects.filter(in_network=True).values_list(
            "code", "name_fi", "name_sv"
        )
    ]
