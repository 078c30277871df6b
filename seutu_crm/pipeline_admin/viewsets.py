"""Snippet viewsets of the town-private CRM models: leads, contacts, activities and tasks.

Each is a :class:`TownScopedViewSet`: its listing, export, inspect, edit, delete, history,
usage, bulk actions and chooser only ever hold rows of the user's towns.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, UserColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Activity, Contact, Lead, Task
from . import filters, forms, kanban, lead_views, personal_data, reports
from .scoped import scoped_queryset
from .views import (
    ScopedChooserViewSet,
    ScopedCreateView,
    ScopedDeleteView,
    ScopedEditView,
    ScopedHistoryView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedUsageView,
)


class TownScopedViewSet(SnippetViewSet):
    """A snippet viewset whose every view is limited to the user's towns."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    chooser_viewset_class = ScopedChooserViewSet
    inspect_view_enabled = True
    # A copy would start from another row's data; not needed for private records.
    copy_view_enabled = False
    # Wagtail renders each cell through a template: 20 rows keep a listing page fast.
    list_per_page = 20
    #: Relations every listing row shows; joined so the query count stays flat.
    list_select_related = ("town",)

    def get_queryset(self, request):
        """The listing, its "select all" and its exports: the rows the user may see."""
        return scoped_queryset(self.model, request.user).select_related(
            *self.list_select_related
        )


# -- leads ---------------------------------------------------------------------------------


class LeadViewSet(TownScopedViewSet):
    model = Lead
    icon = "crosshairs"
    menu_label = _("Leads")
    menu_order = 100
    url_prefix = "crm/leads"
    url_namespace = "seutu_leads"
    chooser_admin_url_namespace = "seutu_lead_chooser"
    chooser_base_url_path = "crm/choose/leads"
    filterset_class = filters.LeadFilterSet
    search_fields = ["organisation__name", "next_step"]
    search_backend_name = None
    ordering = "-last_activity_at"
    # The owner column shows an avatar: join the profile too, or it is a query per row.
    list_select_related = ("organisation", "town", "owner__wagtail_userprofile")
    list_display = [
        "organisation",
        "town",
        Column("stage", label=_("Stage"), accessor="get_stage_display", sort_key="stage"),
        UserColumn("owner", label=_("Owner")),
        NumberColumn(
            "estimated_investment",
            label=_("Investment (EUR)"),
            sort_key="estimated_investment",
        ),
        NumberColumn("estimated_jobs", label=_("Jobs"), sort_key="estimated_jobs"),
        NumberColumn("gap_fit", label=_("Gap fit"), sort_key="gap_fit"),
        DateColumn("next_step_date", label=_("Next step"), sort_key="next_step_date"),
        DateColumn("last_activity_at", label=_("Last activity"), sort_key="last_activity_at"),
    ]
    list_export = [
        "pk",
        "organisation.name",
        "organisation.business_id",
        "town.name",
        "get_stage_display",
        "get_kind_display",
        "get_source_display",
        "owner",
        "estimated_investment",
        "realised_investment",
        "estimated_jobs",
        "realised_jobs",
        "probability",
        "gap_name",
        "gap_fit",
        "expected_decision_date",
        "next_step",
        "next_step_date",
        "last_activity_at",
    ]
    export_headings = {
        "pk": _("ID"),
        "organisation.name": _("Organisation"),
        "organisation.business_id": _("Business ID"),
        "town.name": _("Recruiting town"),
        "get_stage_display": _("Stage"),
        "get_kind_display": _("Kind"),
        "get_source_display": _("Source"),
        "owner": _("Owner"),
        "gap_name": _("Gap it would close"),
        "gap_fit": _("Gap fit"),
    }
    export_filename = "leads"
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldRowPanel([FieldPanel("town"), FieldPanel("owner")]),
            FieldRowPanel([FieldPanel("stage"), FieldPanel("kind"), FieldPanel("source")]),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("estimated_investment"), FieldPanel("realised_investment")]
                    ),
                    FieldRowPanel([FieldPanel("estimated_jobs"), FieldPanel("realised_jobs")]),
                    FieldRowPanel(
                        [FieldPanel("probability"), FieldPanel("expected_decision_date")]
                    ),
                ],
                heading=_("Value"),
            ),
            FieldPanel("competences"),
            FieldPanel("gap"),
            FieldRowPanel([FieldPanel("next_step"), FieldPanel("next_step_date")]),
            FieldPanel("lost_reason"),
        ],
        base_form_class=forms.LeadForm,
    )

    index_view_class = lead_views.LeadIndexView
    add_view_class = lead_views.LeadCreateView
    edit_view_class = lead_views.LeadEditView
    inspect_view_class = lead_views.LeadPageView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "board_url_name": self.get_url_name("board"),
                "report_url_name": self.get_url_name("report"),
                "move_url_name": self.get_url_name("move"),
                "add_activity_url_name": self.get_url_name("add_activity"),
                "add_task_url_name": self.get_url_name("add_task"),
                "refer_url_name": self.get_url_name("refer"),
                **kwargs,
            }
        )

    def get_report_view_kwargs(self, **kwargs):
        return {
            "index_url_name": self.get_url_name("report"),
            "index_results_url_name": self.get_url_name("report_results"),
            **kwargs,
        }

    @property
    def report_view(self):
        return self.construct_view(reports.PipelineReportView, **self.get_report_view_kwargs())

    @property
    def report_results_view(self):
        return self.construct_view(
            reports.PipelineReportView, **self.get_report_view_kwargs(results_only=True)
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("board/", self.construct_view(kanban.BoardView), name="board"),
            path("board/move/<int:pk>/", self.construct_view(kanban.MoveLeadView), name="move"),
            path(
                "inspect/<int:pk>/activity/",
                self.construct_view(lead_views.AddActivityView),
                name="add_activity",
            ),
            path(
                "inspect/<int:pk>/task/",
                self.construct_view(lead_views.AddTaskView),
                name="add_task",
            ),
            path(
                "inspect/<int:pk>/refer/",
                self.construct_view(lead_views.ReferLeadView),
                name="refer",
            ),
            path("report/", self.report_view, name="report"),
            path("report/results/", self.report_results_view, name="report_results"),
        ]


# -- contacts, activities, tasks -------------------------------------------------------------


class ContactViewSet(TownScopedViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 130
    url_prefix = "crm/contacts"
    url_namespace = "seutu_contacts"
    chooser_admin_url_namespace = "seutu_contact_chooser"
    chooser_base_url_path = "crm/choose/contacts"
    filterset_class = filters.ContactFilterSet
    search_fields = ["first_name", "last_name", "email", "organisation__name"]
    search_backend_name = None
    list_select_related = ("organisation", "town")
    list_display = ["full_name", "organisation", "town", "email", "phone", "legal_basis"]
    list_export = [
        "pk",
        "first_name",
        "last_name",
        "organisation.name",
        "town.name",
        "role",
        "email",
        "phone",
        "get_legal_basis_display",
        "consent_date",
        "source",
        "opt_out",
    ]
    export_headings = {
        "pk": _("ID"),
        "organisation.name": _("Organisation"),
        "town.name": _("Town holding the data"),
        "get_legal_basis_display": _("Legal basis"),
    }
    export_filename = "contacts"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
            FieldPanel("organisation"),
            FieldRowPanel([FieldPanel("town"), FieldPanel("role")]),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("legal_basis"), FieldPanel("consent_date")]),
                    FieldPanel("source"),
                    FieldPanel("opt_out"),
                ],
                heading=_("Personal data"),
            ),
        ],
        base_form_class=forms.ScopedAdminModelForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "personal-data/<int:pk>/",
                self.construct_view(personal_data.ExportPersonalDataView),
                name="export_personal_data",
            ),
            path(
                "erase/<int:pk>/",
                self.construct_view(personal_data.ErasePersonalDataView),
                name="erase_personal_data",
            ),
        ]


class ActivityViewSet(TownScopedViewSet):
    model = Activity
    icon = "date"
    menu_label = _("Activities")
    menu_order = 110
    url_prefix = "crm/activities"
    url_namespace = "seutu_activities"
    chooser_admin_url_namespace = "seutu_activity_chooser"
    chooser_base_url_path = "crm/choose/activities"
    filterset_class = filters.ActivityFilterSet
    search_fields = ["text", "organisation__name"]
    search_backend_name = None
    ordering = "-date"
    list_select_related = ("organisation", "town", "lead")
    list_display = [
        "__str__",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        DateColumn("date", label=_("Date"), sort_key="date"),
        "organisation",
        "town",
    ]
    list_export = ["pk", "get_kind_display", "date", "organisation.name", "town.name", "text"]
    export_headings = {
        "pk": _("ID"),
        "get_kind_display": _("Kind"),
        "organisation.name": _("Organisation"),
        "town.name": _("Town holding the data"),
    }
    export_filename = "activities"
    edit_handler = ObjectList(
        [
            FieldPanel("lead"),
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("town")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
            FieldPanel("contacts"),
            FieldPanel("text"),
        ],
        base_form_class=forms.ActivityForm,
    )


class TaskViewSet(TownScopedViewSet):
    model = Task
    icon = "tasks"
    menu_label = _("Tasks")
    menu_order = 120
    url_prefix = "crm/tasks"
    url_namespace = "seutu_tasks"
    chooser_admin_url_namespace = "seutu_task_chooser"
    chooser_base_url_path = "crm/choose/tasks"
    filterset_class = filters.TaskFilterSet
    search_fields = ["title"]
    search_backend_name = None
    ordering = "due_date"
    list_select_related = ("town", "assignee__wagtail_userprofile", "lead__organisation", "lead__town")
    list_display = [
        "title",
        DateColumn("due_date", label=_("Due"), sort_key="due_date"),
        UserColumn("assignee", label=_("Assignee")),
        "lead",
        "town",
        "done",
    ]
    list_export = ["pk", "title", "due_date", "assignee", "lead", "town.name", "done"]
    export_headings = {"pk": _("ID"), "town.name": _("Town holding the data")}
    export_filename = "tasks"
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("due_date"), FieldPanel("assignee"), FieldPanel("done")]),
            FieldPanel("lead"),
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("town")]),
        ],
        base_form_class=forms.TaskForm,
    )


PIPELINE_VIEWSETS = (LeadViewSet, ActivityViewSet, TaskViewSet, ContactViewSet)
