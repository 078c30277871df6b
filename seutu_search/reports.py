"""Admin report of what visitors search for, by week: top queries and zero-result queries."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from seutu_crm.spreadsheets import FormulaSafeExportMixin

from .models import SearchQueryStat


def _weeks():
    weeks = SearchQueryStat.objects.order_by("-week").values_list("week", flat=True).distinct()
    return [(week.isoformat(), week.isoformat()) for week in weeks[:104]]


class SearchQueryFilterSet(WagtailFilterSet):
    week = django_filters.ChoiceFilter(label=_("Week starting"), choices=_weeks, empty_label=_("All weeks"))
    zero_results_only = django_filters.BooleanFilter(
        label=_("Only queries that found nothing"),
        method="filter_zero_results",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = SearchQueryStat
        fields = ["week"]

    def filter_zero_results(self, queryset, name, value):
        return queryset.filter(zero_results__gt=0) if value else queryset


class SearchQueriesReportView(FormulaSafeExportMixin, ReportView):
    page_title = _("Search queries")
    header_icon = "search"
    model = SearchQueryStat
    permission_policy = ModelPermissionPolicy(SearchQueryStat)
    permission_required = "view"
    filterset_class = SearchQueryFilterSet
    index_url_name = "seutu_search_query_report"
    index_results_url_name = "seutu_search_query_report_results"
    list_export = ["week", "text", "searches", "zero_results"]
    export_headings = {
        "week": _("Week starting"),
        "text": _("Query"),
        "searches": _("Searches"),
        "zero_results": _("Searches with no results"),
    }
    columns = [
        DateColumn("week", label=_("Week starting")),
        Column("text", label=_("Query")),
        Column("searches", label=_("Searches")),
        Column("zero_results", label=_("Searches with no results")),
    ]

    def get_filename(self):
        return "search-queries"

    def get_queryset(self):
        ordering = ["-week", "-zero_results", "-searches", "text"]
        if not self.request.GET.get("zero_results_only") in ("true", "1", "True"):
            ordering = ["-week", "-searches", "text"]
        return SearchQueryStat.objects.order_by(*ordering)
