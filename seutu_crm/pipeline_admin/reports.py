"""The pipeline report: won, lost and the estimated vs realised investment and jobs of each
town of the user's scope, per quarter, exportable as CSV/XLSX (Wagtail's ReportView)."""

import datetime

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from .. import queries
from ..permission_policies import lead_permission_policy
from ..spreadsheets import FormulaSafeExportMixin


class PipelineReportFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class PipelineReportView(FormulaSafeExportMixin, ReportView):
    page_title = _("Pipeline by town and quarter")
    header_icon = "crosshairs"
    results_template_name = "seutu_crm/report_pipeline_results.html"
    any_permission_required = ["view", "change"]
    paginate_by = None
    export_filename = "pipeline-report"
    list_export = [
        "town",
        "quarter",
        "won",
        "lost",
        "referred_out",
        "referred_in",
        "won_after_referral",
        "estimated_investment",
        "realised_investment",
        "estimated_jobs",
        "realised_jobs",
    ]
    export_headings = {
        "town": _("Town"),
        "quarter": _("Quarter"),
        "won": _("Won"),
        "lost": _("Lost"),
        "referred_out": _("Referred to other towns"),
        "referred_in": _("Received by referral"),
        "won_after_referral": _("Referred and later won"),
        "estimated_investment": _("Estimated investment (EUR)"),
        "realised_investment": _("Realised investment (EUR)"),
        "estimated_jobs": _("Estimated jobs"),
        "realised_jobs": _("Realised jobs"),
    }

    @cached_property
    def columns(self):
        return [
            Column("town", label=_("Town")),
            Column("quarter", label=_("Quarter")),
            NumberColumn("won", label=_("Won")),
            NumberColumn("lost", label=_("Lost")),
            NumberColumn("referred_out", label=_("Referred to other towns")),
            NumberColumn("referred_in", label=_("Received by referral")),
            NumberColumn("won_after_referral", label=_("Referred and later won")),
            NumberColumn("estimated_investment", label=_("Estimated investment (EUR)")),
            NumberColumn("realised_investment", label=_("Realised investment (EUR)")),
            NumberColumn("estimated_jobs", label=_("Estimated jobs")),
            NumberColumn("realised_jobs", label=_("Realised jobs")),
        ]

    @property
    def permission_policy(self):
        return lead_permission_policy

    @cached_property
    def year(self):
        form = PipelineReportFilterForm(self.request.GET)
        if form.is_valid() and form.cleaned_data["year"]:
            return form.cleaned_data["year"]
        return datetime.date.today().year

    def get_queryset(self):
        return queries.pipeline_report(self.request.user, year=self.year)

    def filter_queryset(self, queryset):
        return queryset

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["year"] = self.year
        context["year_form"] = PipelineReportFilterForm(initial={"year": self.year})
        return context

