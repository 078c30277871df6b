"""The admin listing of Invest-in inquiries: what visitors sent, and whether it became a lead.

Read-only and scoped to the user's towns like the rest of the CRM's private data: a
coordinator sees every town's inquiries and picks up the ones marked failed.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.permissions import policy_registry, register_permission_policy

from seutu_crm.permission_policies import TownScopedPermissionPolicy
from seutu_crm.pipeline_admin.viewsets import TownScopedViewSet

from .models import InvestInInquiry

WRITE_ACTIONS = frozenset({"add", "change", "delete", "lock", "unlock", "publish"})


class ReadOnlyInquiryPolicy(TownScopedPermissionPolicy):
    """Inquiries are a record of what was sent: nobody adds, edits or deletes them here."""

    def user_has_permission(self, user, action):
        return action not in WRITE_ACTIONS and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action not in WRITE_ACTIONS and super().user_has_permission_for_instance(
            user, action, instance
        )


inquiry_permission_policy = ReadOnlyInquiryPolicy(InvestInInquiry)
# Registered before any view asks, else Wagtail makes a model-wide fallback policy.
if policy_registry.get_by_type(InvestInInquiry, fallback=False) is None:
    register_permission_policy(InvestInInquiry, inquiry_permission_policy)


class InquiryFilterSet(WagtailFilterSet):
    class Meta:
        model = InvestInInquiry
        fields = ["status", "town"]


class InvestInInquiryViewSet(TownScopedViewSet):
    """Every view — listing, export, inspect, history, chooser, bulk delete — sees only the
    user's towns' inquiries (the CRM's scoped views, through the registered policy)."""

    model = InvestInInquiry
    icon = "mail"
    menu_label = _("Invest-in inquiries")
    menu_name = "invest-in-inquiries"
    add_to_admin_menu = True
    menu_order = 310
    url_prefix = "seutu/invest-in-inquiries"
    list_display = ["organisation_name", "person_name", "town", "status", "created_at"]
    filterset_class = InquiryFilterSet
    list_export = [
        "created_at", "town", "status", "person_name", "organisation_name", "business_id",
        "email", "phone", "language", "message", "error",
    ]
    inspect_view_fields = [
        "created_at", "town", "page", "status", "error", "lead", "person_name",
        "organisation_name", "business_id", "email", "phone", "language", "message",
        "consent", "consent_text", "processed_at",
    ]
    ordering = ["-created_at"]

