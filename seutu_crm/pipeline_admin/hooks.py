"""Admin wiring of the pipeline: permission policies, bulk actions, dashboard, report menu.

Imported by ``seutu_crm.wagtail_hooks``; the viewsets join the "CRM" menu group there.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry, register_permission_policy

from ..permission_policies import POLICIES, lead_permission_policy
from . import bulk_actions, dashboard

# Before any view asks: Wagtail would otherwise create a model-wide fallback policy.
for _model, _policy in POLICIES.items():
    if policy_registry.get_by_type(_model, fallback=False) is None:
        register_permission_policy(_model, _policy)


# Wagtail's own snippet "delete" bulk action (order 0) would act on unscoped rows; this one
# is registered after it and replaces it for the CRM's private models.
hooks.register("register_bulk_action", bulk_actions.ScopedDeleteBulkAction, order=10)
# The same for the shared register: Wagtail's bulk delete logs nothing, a single delete does.
hooks.register("register_bulk_action", bulk_actions.RegisterDeleteBulkAction, order=10)
for _action in bulk_actions.BULK_ACTIONS:
    hooks.register("register_bulk_action", _action)


@hooks.register("construct_homepage_panels")
def add_pipeline_panels(request, panels):
    panels.extend(dashboard.panels_for(request))


class PipelineReportMenuItem(MenuItem):
    def is_shown(self, request):
        return lead_permission_policy.user_has_any_permission(request.user, ["view", "change"])


@hooks.register("register_reports_menu_item")
def register_pipeline_report_menu_item():
    return PipelineReportMenuItem(
        _("Pipeline by town and quarter"),
        reverse("seutu_leads:report"),
        icon_name="crosshairs",
        order=700,
    )
