"""Town scoping for Wagtail's generic admin views.

Wagtail's generic views check permissions per model, not per object (wagtail/wagtail#13314),
and look objects up with ``Model._default_manager``. The mixins below route every lookup of a
town-private model through the model's town-scoped permission policy
(:mod:`seutu_crm.permission_policies`), so that a URL naming another town's row answers 404
just like a row that does not exist, and listings, exports, bulk actions and choosers never
hold a row the user may not see.
"""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404

from ..permission_policies import policy_for


def scoped_queryset(model, user, actions=("view",)):
    """Rows of ``model`` on which ``user`` may perform any of ``actions`` (one query)."""
    return policy_for(model).instances_user_has_any_permission_for(user, list(actions))


class ScopedViewMixin:
    #: The policy actions the object must allow; a row outside them is a 404.
    scope_actions = ("view",)

    @property
    def permission_policy(self):
        return policy_for(self.model)

    def get_scoped_queryset(self):
        return scoped_queryset(self.model, self.request.user, self.scope_actions)


class ScopedSingleObjectMixin(ScopedViewMixin):
    """Edit and delete views: Django's SingleObjectMixin looks the object up in get_queryset()."""

    def get_queryset(self):
        return self.get_scoped_queryset()


class ScopedBaseObjectMixin(ScopedViewMixin):
    """History and usage views: Wagtail's BaseObjectMixin starts from get_base_object_queryset().

    (Their get_queryset() lists log entries or references, so it must stay as it is.)
    """

    def get_base_object_queryset(self):
        return self.get_scoped_queryset()


class ScopedGetObjectMixin(ScopedViewMixin):
    """Inspect view: Wagtail's InspectView calls get_object_or_404(model, …) directly."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.get_scoped_queryset(), pk=unquote(str(self.kwargs[self.pk_url_kwarg]))
        )
