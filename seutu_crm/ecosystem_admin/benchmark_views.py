"""The benchmark view: the chosen towns and figures as a table, charts and CSV/XLSX."""

import csv

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..charts import Bar, BarChart, display_number
from ..ecosystem.benchmark import benchmark
from ..spreadsheets import neutralise_formula
from .access import EcosystemAccessMixin
from .forms import BenchmarkForm

EXPORT_FORMATS = ("csv", "xlsx")


class BenchmarkView(EcosystemAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Benchmarking")
    header_icon = "table"
    template_name = "seutu_crm/ecosystem/benchmark.html"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("seutu_ecosystem:index"), "label": _("Ecosystem")},
            {"url": "", "label": _("Benchmarking")},
        ]

    def get(self, request, *args, **kwargs):
        query = request.GET.copy()
        export = query.pop("export", [None])[-1]
        self.form = BenchmarkForm(query)
        towns, keys = self.form.chosen()
        self.table = benchmark(towns, keys, request.user)
        if export in EXPORT_FORMATS:
            return export_table(self.table, export)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("export", None)
        table = self.table
        rows = [
            (row, [display_number(v, c.decimals) for v, c in zip(row.values, table.columns)])
            for row in [*table.rows, table.network]
        ]
        charts = [
            BarChart(
                column.label,
                [
                    Bar(row.label, row.values[i], display_number(row.values[i], column.decimals))
                    for row in table.rows
                ],
                value_label=column.label,
            )
            for i, column in enumerate(table.columns)
        ]
        return super().get_context_data(
            form=self.form, table=table, rows=rows, charts=charts,
            export_query=query.urlencode(), **kwargs
        )


def export_table(table, export_format):
    """Exactly the table shown, as a CSV or XLSX download."""
    header = [str(_("Town")), *[c.label for c in table.columns]]
    body = [[row.label, *row.values] for row in [*table.rows, table.network]]
    if export_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="seutu-benchmark.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 only with a byte-order mark
        writer = csv.writer(response)
        for line in [header, *body]:
            writer.writerow([neutralise_formula(value) for value in line])
        return response
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Benchmarking"))[:31]
    for line in [header, *body]:
        # A text cell that looks like a formula is written as text (data_type "s").
        sheet.append(line)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="seutu-benchmark.xlsx"'
    workbook.save(response)
    return response
