"""Regions and towns (official codes) in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet

from ..filters import TownFilterSet
from ..models import Region, Town
from .listing import FormulaSafeIndexView


class TownViewSet(SnippetViewSet):
    model = Town
    icon = "home"
    index_view_class = FormulaSafeIndexView
    menu_label = _("Towns")
    menu_order = 400
    list_display = [
        "name_fi",
        "name_sv",
        Column("code", label=_("Municipality code"), sort_key="code"),
        Column("region", label=_("Region"), sort_key="region__code"),
        BooleanColumn("in_network", label=_("In the network"), sort_key="in_network"),
        BooleanColumn("swedish_majority", label=_("Swedish-speaking majority")),
    ]
    filterset_class = TownFilterSet
    ordering = "name_fi"
    list_per_page = 50
    search_fields = ["name_fi", "name_sv", "code"]
    search_backend_name = None
    list_export = [
        "code", "name_fi", "name_sv", "region.code", "in_network", "swedish_majority",
        "latitude", "longitude",
    ]
    export_headings = {"region.code": "region"}
    export_filename = "towns"
    inspect_view_enabled = True
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("name_fi"), FieldPanel("name_sv")]),
        FieldRowPanel([FieldPanel("in_network"), FieldPanel("swedish_majority")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    def get_queryset(self, request):
        return Town.objects.select_related("region")


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    index_view_class = FormulaSafeIndexView
    menu_label = _("Regions")
    menu_order = 500
    list_display = ["name_fi", "name_sv", Column("code", label=_("Code"), sort_key="code")]
    ordering = "code"
    search_fields = ["name_fi", "name_sv", "code"]
    search_backend_name = None
    list_export = ["code", "name_fi", "name_sv"]
    export_filename = "regions"
    inspect_view_enabled = True
    panels = [FieldPanel("code"), FieldPanel("name_fi"), FieldPanel("name_sv")]
