"""Who may open the ecosystem views: every CRM user (the register is shared by the network).

Figures from the pipeline on those views stay scoped to the user's towns
(:mod:`seutu_crm.scoping`).
"""

from django.core.exceptions import PermissionDenied
from wagtail.permissions import policy_registry

from ..models import Organisation


def user_can_see_ecosystem(user):
    """Whoever may read the organisation register may read the picture made of it."""
    return policy_registry.get_by_type(Organisation).user_has_permission(user, "view")


class EcosystemAccessMixin:
    """For admin views: 403 for users who may not read the register."""

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_ecosystem(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
