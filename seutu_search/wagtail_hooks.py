from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import SearchQueriesReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/search-queries/",
            SearchQueriesReportView.as_view(),
            name="seutu_search_query_report",
        ),
        path(
            "reports/search-queries/results/",
            SearchQueriesReportView.as_view(results_only=True),
            name="seutu_search_query_report_results",
        ),
    ]


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("seutu_search.view_searchquerystat")


@hooks.register("register_reports_menu_item")
def register_search_queries_menu_item():
    return SearchQueriesMenuItem(
        _("Search queries"),
        reverse("seutu_search_query_report"),
        name="search-queries",
        icon_name="search",
        order=900,
    )


@hooks.register("seutu_crm_search_organisations")
def organisations_found_by_the_search_engine(text, request):
    """The admin's organisation search asks the engine too, so inflected words, compounds,
    synonyms and competences find actors there as on the public site. The engine holds public
    organisations only; the admin's own column search still finds private ones."""
    import logging

    from django.utils import translation

    from .backends import SearchBackendError, get_search_backend
    from .query import LANGUAGES, MAX_PAGE_SIZE, SearchQuery

    language = (translation.get_language() or "fi")[:2]
    query = SearchQuery(
        text=text,
        page_size=MAX_PAGE_SIZE,
        facets=(),
        highlight=False,
        language=language if language in LANGUAGES else "fi",
    )
    try:
        return [hit.object_id for hit in get_search_backend().search(query).hits]
    except SearchBackendError:
        logging.getLogger(__name__).exception("admin organisation search: engine unavailable")
        return []
