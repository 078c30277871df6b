"""The organisation (ecosystem actor) register in the admin."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail import hooks
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    SnippetViewSet,
)

from ..exports import ORGANISATION_COLUMNS, organisation_rows
from ..filters import OrganisationFilterSet, default_locale_competences
from ..models import Industry, Organisation
from ..panels import VisibleContactsPanel
from ..permission_policies import organisation_permission_policy
from ..views.imports import header_button as import_header_button
from .choosers import OrganisationChooserViewSet
from .listing import FormulaSafeIndexView


class OrganisationAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Organisations link to the default-locale competences; translations share their key.
        if "competences" in self.fields:
            self.fields["competences"].queryset = default_locale_competences()
        if "industries" in self.fields:
            self.fields["industries"].queryset = Industry.objects.order_by("code")
        if "town" in self.fields and self.for_user is not None:
            # Another network town's actors are that town's to keep (the register's policy).
            self.fields["town"].queryset = organisation_permission_policy.writable_towns(
                self.for_user
            ).order_by("name_fi")


class CompetencesColumn(Column):
    """The organisation's competences, read from the prefetched relation."""

    def get_value(self, instance):
        return ", ".join(c.name for c in instance.competences.all())


def _unindexed_name(field):
    if field == "name":
        return Lower("name")
    if field == "-name":
        return Lower("name").desc()
    return field


class ExportRows:
    """The rows of an export, read in chunks (see :func:`organisation_rows`)."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.model = queryset.model

    def __iter__(self):
        return organisation_rows(self.queryset)


class OrganisationIndexView(FormulaSafeIndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.is_export:
            return queryset  # the rows are read in chunks by ExportRows
        return queryset.select_related("town__region").prefetch_related("competences")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if button := import_header_button(self.request.user):
            buttons.append(button)
        return buttons

    def search_queryset(self, queryset):
        matches = super().search_queryset(queryset)  # name, Business ID, address, by the ORM
        if not self.is_searching:
            return matches
        # A search app may find more: seutu_search understands inflected words, compounds,
        # synonyms and competences (public actors only; private ones are still found above).
        found = [
            pk
            for search in hooks.get_hooks("seutu_crm_search_organisations")
            for pk in search(self.search_query, self.request)
        ]
        if not found:
            return matches
        return queryset.filter(Q(pk__in=matches.values("pk")) | Q(pk__in=found))

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        if not self.is_searching:
            return queryset
        # While searching, sort by LOWER(name), which no index covers: the database then finds
        # the matches first (trigram index on PostgreSQL) and sorts those few, instead of
        # walking the whole name index for matches that may all sit near its end.
        return queryset.order_by(*(_unindexed_name(field) for field in queryset.query.order_by))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(ExportRows(queryset), spreadsheet_format)

    def to_row_dict(self, row):
        return {column: row[column] for column in self.list_export}


class ObjectPermissionMixin:
    """Asks the policy about the object itself: Wagtail's views ask about the model only
    (wagtail/wagtail#13314), and the register is written town by town."""

    object_action = "change"

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.object_action, instance
        ):
            raise PermissionDenied
        return instance


class OrganisationEditView(ObjectPermissionMixin, EditView):
    pass


class OrganisationDeleteView(ObjectPermissionMixin, DeleteView):
    object_action = "delete"


class OrganisationHistoryView(ObjectPermissionMixin, HistoryView):
    pass


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    menu_order = 100
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    delete_view_class = OrganisationDeleteView
    history_view_class = OrganisationHistoryView
    list_display = [
        "name",
        Column("business_id", label=_("Business ID"), sort_key="business_id"),
        Column("get_actor_type_display", label=_("Actor type"), sort_key="actor_type"),
        Column("town", label=_("Town"), sort_key="town__name_fi"),
        Column("town.region", label=_("Region"), sort_key="town__region__code"),
        CompetencesColumn("competences", label=_("Competences")),
        BooleanColumn("is_public", label=_("Public"), sort_key="is_public"),
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    filterset_class = OrganisationFilterSet
    ordering = ["name", "pk"]
    # Rendering rows, not querying, is what a listing page costs; Wagtail's default page size.
    list_per_page = 20
    # A copy would clash with the original's unique Business ID.
    copy_view_enabled = False
    # Organisations are not in Wagtail's index: the listing searches these columns with the
    # ORM. A search backend may set search_backend_name instead.
    search_fields = ["name", "business_id", "street_address"]
    search_backend_name = None
    list_export = list(ORGANISATION_COLUMNS)
    export_headings = {column: column for column in ORGANISATION_COLUMNS}
    export_filename = "organisations"
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "business_id",
        "actor_type",
        "town",
        "street_address",
        "postal_code",
        "latitude",
        "longitude",
        "website",
        "size_class",
        "employees",
        "industries",
        "competences",
        "is_public",
        "created_at",
        "updated_at",
    ]
    chooser_viewset_class = OrganisationChooserViewSet
    chooser_per_page = 20

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("business_id"), FieldPanel("actor_type")]),
                    FieldRowPanel([FieldPanel("size_class"), FieldPanel("employees")]),
                    FieldPanel("website"),
                    FieldRowPanel(
                        [
                            FieldPanel("status"),
                            FieldPanel("company_form"),
                            FieldPanel("registration_date"),
                        ]
                    ),
                    FieldPanel("tags"),
                    FieldPanel("is_public"),
                ],
                heading=_("Basics"),
            ),
            ObjectList(
                [
                    FieldPanel("town"),
                    FieldRowPanel([FieldPanel("street_address"), FieldPanel("postal_code")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                ],
                heading=_("Location"),
            ),
            ObjectList(
                [
                    FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("industries", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Competences and industries"),
            ),
            ObjectList(
                [InlinePanel("descriptions", max_num=3, label=_("Description"))],
                heading=_("Descriptions"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "relations",
                        label=_("Relation"),
                        panels=[
                            FieldRowPanel([FieldPanel("kind"), FieldPanel("target")]),
                            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                            FieldPanel("note"),
                        ],
                    )
                ],
                heading=_("Relations"),
            ),
            ObjectList([VisibleContactsPanel()], heading=_("Contacts")),
        ],
        base_form_class=OrganisationAdminForm,
    )
