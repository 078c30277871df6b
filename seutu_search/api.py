"""The JSON API (documented in the README):

``GET /api/search/?q=&town=&region=&type=&competence=&industry=&near=&radius=&sort=&lang=&page=&page_size=``
    ``{"total", "page", "results": [...], "facets": {...}, ...}``
``GET /api/search/suggest/?q=&lang=``
    ``{"suggestions": [{"text", "kind", "value"}]}``

Bad parameters get a 400 with a message; a failing search engine a 503; never a 500.
"""

import logging

from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .analytics import record_search
from .backends import SearchBackendError, get_search_backend
from .params import query_from_params, reject_control_characters
from .presenters import results_as_json
from .query import LANGUAGES, InvalidQuery

logger = logging.getLogger(__name__)

MAX_SUGGEST_LENGTH = 100


def _error(message, status, field=None):
    body = {"error": str(message)}
    if field:
        body["field"] = field
    return JsonResponse(body, status=status)


def _language(request):
    requested = request.GET.get("lang") or translation.get_language() or "fi"
    return requested[:2] if requested[:2] in LANGUAGES else "fi"


@require_GET
def search(request):
    language = _language(request)
    with translation.override(language):
        try:
            query = query_from_params(request.GET, language=language)
        except InvalidQuery as error:
            return _error(error, 400, error.field)
        try:
            results = get_search_backend().search(query)
        except SearchBackendError:
            logger.exception("search backend failed")
            return _error(_("Search is not available right now. Please try again soon."), 503)
        if query.page == 1:
            record_search(query.text, results.total)
        return JsonResponse(results_as_json(results, request))


@require_GET
def suggest(request):
    language = _language(request)
    try:
        reject_control_characters(request.GET)
    except InvalidQuery as error:
        return _error(error, 400, error.field)
    text = request.GET.get("q", "")[:MAX_SUGGEST_LENGTH]
    if not text.strip():
        return JsonResponse({"suggestions": []})
    try:
        suggestions = get_search_backend().suggest(text, language=language)
    except SearchBackendError:
        logger.exception("search backend failed")
        return JsonResponse({"suggestions": []}, status=503)
    return JsonResponse(
        {"suggestions": [{"text": s.text, "kind": s.kind, "value": s.value} for s in suggestions]}
    )
