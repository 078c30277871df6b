"""The competence taxonomy and TOL 2008 industries in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, LocaleColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from ..filters import CompetenceFilterSet, IndustryFilterSet
from ..models import Competence, Industry
from .choosers import CompetenceChooserViewSet
from .listing import FormulaSafeIndexView


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    icon = "tag"
    index_view_class = FormulaSafeIndexView
    menu_label = _("Competences")
    menu_order = 200
    list_display = [
        "name",
        Column("slug", label=_("Slug"), sort_key="slug"),
        Column("parent", label=_("Broader competence"), sort_key="parent__name"),
        LocaleColumn(),
    ]
    filterset_class = CompetenceFilterSet
    list_per_page = 50
    # The taxonomy is small; the ORM finds synonyms too, which Wagtail's admin autocomplete
    # (name only) would not. A search backend may set search_backend_name instead.
    search_fields = ["name", "synonyms", "slug"]
    search_backend_name = None
    list_export = ["name", "slug", "parent.slug", "synonyms", "description", "locale.language_code"]
    export_headings = {"parent.slug": "parent", "locale.language_code": "locale"}
    export_filename = "competences"
    inspect_view_enabled = True
    inspect_view_fields = ["name", "slug", "parent", "synonyms", "description", "locale"]
    chooser_viewset_class = CompetenceChooserViewSet
    chooser_per_page = 20
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("synonyms"),
        FieldPanel("description"),
    ]

    def get_queryset(self, request):
        return Competence.objects.select_related("parent", "locale")


class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "table"
    index_view_class = FormulaSafeIndexView
    menu_label = _("Industries")
    menu_order = 300
    list_display = [
        Column("code", label=_("Code"), sort_key="code"),
        "name_fi",
        "name_sv",
        "name_en",
        Column("parent.code", label=_("Broader class"), sort_key="parent__code"),
    ]
    filterset_class = IndustryFilterSet
    ordering = "code"
    list_per_page = 50
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    search_backend_name = None
    list_export = ["code", "name_fi", "name_sv", "name_en", "parent.code"]
    export_headings = {"parent.code": "parent"}
    export_filename = "industries"
    inspect_view_enabled = True
    panels = [
        FieldPanel("code"),
        FieldPanel("name_fi"),
        FieldPanel("name_sv"),
        FieldPanel("name_en"),
        FieldPanel("parent"),
    ]

    def get_queryset(self, request):
        return Industry.objects.select_related("parent")
