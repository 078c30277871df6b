"""Home-page panels of the pipeline: tasks, pipeline by stage, stale leads, decisions due,
referrals received. Each panel reads one query function of :mod:`seutu_crm.queries` with
the user's scope; each costs a fixed number of queries."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .. import queries
from ..permission_policies import lead_permission_policy, task_permission_policy


class DashboardPanel(Component):
    template_name = None
    title = ""

    def __init__(self, request):
        self.request = request

    @property
    def user(self):
        return self.request.user

    def get_data(self):
        return {}

    def get_context_data(self, parent_context=None):
        return {
            "title": self.title,
            "panel_name": self.name,
            "lead_inspect_url": reverse("seutu_leads:inspect", args=(0,)),
            "board_url": reverse("seutu_leads:board"),
            **self.get_data(),
        }


class MyTasksPanel(DashboardPanel):
    name = "seutu_my_tasks"
    order = 40
    title = _("My tasks")
    template_name = "seutu_crm/dashboard_tasks.html"

    def get_data(self):
        overdue, upcoming = queries.my_tasks(self.user)
        return {"overdue": overdue, "upcoming": upcoming}


class PipelineByStagePanel(DashboardPanel):
    name = "seutu_pipeline_by_stage"
    order = 45
    title = _("My towns' pipeline")
    template_name = "seutu_crm/dashboard_pipeline.html"

    def get_data(self):
        rows = queries.pipeline_by_stage(self.user)
        return {"rows": rows}


class StaleLeadsPanel(DashboardPanel):
    name = "seutu_stale_leads"
    order = 50
    title = _("Stale leads")
    template_name = "seutu_crm/dashboard_leads.html"
    empty_text = _("No stale leads.")

    def get_data(self):
        return {"leads": queries.stale_leads(self.user), "empty_text": self.empty_text}


class DecisionsDuePanel(StaleLeadsPanel):
    name = "seutu_decisions_due"
    order = 55
    title = _("Decisions due within 30 days")
    empty_text = _("No decisions due.")

    def get_data(self):
        return {"leads": queries.decisions_due(self.user, days=30), "empty_text": self.empty_text}


class ReferralsReceivedPanel(DashboardPanel):
    name = "seutu_referrals_received"
    order = 42
    title = _("Referrals received")
    template_name = "seutu_crm/dashboard_referrals.html"

    def get_data(self):
        return {"referrals": queries.referrals_received(self.user)}


def panels_for(request):
    """The panels ``request.user`` may see: none for a user without a town."""
    user = request.user
    panels = []
    if task_permission_policy.user_has_any_permission(user, ["view", "change"]):
        panels.append(MyTasksPanel(request))
    if lead_permission_policy.user_has_any_permission(user, ["view", "change"]):
        panels += [
            ReferralsReceivedPanel(request),
            PipelineByStagePanel(request),
            StaleLeadsPanel(request),
            DecisionsDuePanel(request),
        ]
    return panels

