"""Bulk actions on leads (assign owner, change stage, refer) and a scoped bulk delete.

Wagtail's snippet bulk actions fetch ``model.objects.filter(pk__in=ids)`` — or every row of
the model for "select all" — and only then check permissions, listing the rows the user may
not touch by name. Here the rows come from the user's scope in the first place, "select all"
means "all rows of the current listing filters in my towns", and another town's ids are
simply absent.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import get_snippet_models

from ..models import Activity, Contact, Lead, Task
from ..permission_policies import is_town_scoped, policy_for
from ..services import pipeline, referrals
from ..services.deletion import delete_records
from . import filters, forms
from .scoped import scoped_queryset

LISTING_FILTERSETS = {
    Lead: filters.LeadFilterSet,
    Contact: filters.ContactFilterSet,
    Activity: filters.ActivityFilterSet,
    Task: filters.TaskFilterSet,
}


class ScopedBulkActionMixin:
    scope_actions = ("change",)

    @property
    def permission_policy(self):
        return policy_for(self.model)

    def get_listing_filters(self):
        """The listing's filters (sent by Wagtail's JS with "select all"), or None."""
        filterset_class = LISTING_FILTERSETS.get(self.model) or getattr(
            getattr(self.model, "snippet_viewset", None), "filterset_class", None
        )
        if filterset_class is None:
            return None
        queryset = scoped_queryset(self.model, self.request.user, self.scope_actions)
        return filterset_class(self.request.GET, queryset=queryset, request=self.request)

    def get_listing_queryset(self):
        """For "select all": the listing's rows under its current filters, in the user's towns.

        Filters that do not validate (another town's id, an unknown stage) select nothing:
        dropping them would act on every row of the listing.
        """
        filters = self.get_listing_filters()
        if filters is None:
            return scoped_queryset(self.model, self.request.user, self.scope_actions)
        return filters.qs if filters.is_valid() else self.model._default_manager.none()

    def dispatch(self, request, *args, **kwargs):
        if "all" in request.GET.getlist("id"):
            filters = self.get_listing_filters()
            if filters is not None and not filters.is_valid():
                messages.error(request, invalid_filters_message(filters))
                listing = reverse(self.model.snippet_viewset.get_url_name("list"))
                return redirect(get_valid_next_url_from_request(request) or listing)
        return super().dispatch(request, *args, **kwargs)

    def get_all_objects_in_listing_query(self, parent_id):
        return self.get_listing_queryset().values_list("pk", flat=True)

    def get_actionable_objects(self):
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            queryset = self.get_listing_queryset()
        else:
            pks = [pk for pk in ids if pk.isdigit()]
            queryset = scoped_queryset(self.model, self.request.user, self.scope_actions).filter(
                pk__in=pks
            )
        objects = list(queryset)
        # Nothing to act on is a 404 — unless the action has run: Wagtail looks again after
        # executing it, and a delete leaves nothing to find by then.
        if not objects and not getattr(self, "_executing", False):
            raise Http404
        return objects, {"items_with_no_access": []}

    def get_execution_context(self):
        self._executing = True
        return super().get_execution_context()


class LoggedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's snippet bulk delete, logged per object like a single delete."""

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return delete_records(objects, kwargs["self"].request.user), 0


class ScopedDeleteBulkAction(ScopedBulkActionMixin, LoggedDeleteBulkAction):
    """Replaces Wagtail's snippet delete for every town-private snippet model, other apps' too."""

    scope_actions = ("delete",)

    @classproperty
    def models(cls):
        # Read when Wagtail first scans the bulk actions, after every app's hooks ran.
        return [model for model in get_snippet_models() if is_town_scoped(model)]


class RegisterDeleteBulkAction(LoggedDeleteBulkAction):
    """The bulk delete of the CRM's shared models (organisations, competences, industries,
    towns, regions)."""

    @classproperty
    def models(cls):
        return [
            model
            for model in get_snippet_models()
            if model._meta.app_label == "seutu_crm" and not is_town_scoped(model)
        ]


def invalid_filters_message(filters):
    """Why "select all" selected nothing: the filters that did not validate, by label."""
    names = ", ".join(
        str(filters.form.fields[name].label or name) for name in filters.form.errors
    )
    return _(
        "Nothing was selected: these filters are not valid (%(filters)s). Correct them in "
        "the listing and select again."
    ) % {"filters": names}


class LeadBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    template_name = "seutu_crm/lead_bulk_action.html"

    @classproperty
    def models(cls):
        return [Lead]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(self.get_extra_form_kwargs())
        return kwargs

    def get_extra_form_kwargs(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_title"] = self.display_name
        return context

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "user": self.request.user,
            "data": self.cleaned_form.cleaned_data,
        }

    @classmethod
    def run_for_each(cls, objects, request, action):
        """Run ``action(lead)`` for each lead; a lead the service refuses is reported, not fatal."""
        done = 0
        for lead in objects:
            try:
                action(lead)
            except ValidationError as error:
                messages.error(
                    request,
                    _("%(lead)s: %(error)s") % {"lead": lead, "error": " ".join(error.messages)},
                )
            else:
                done += 1
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d lead updated.", "%(count)d leads updated.", num_parent_objects
        ) % {"count": num_parent_objects}


class AssignOwnerBulkAction(LeadBulkAction):
    display_name = _("Assign owner")
    action_type = "assign_owner"
    aria_label = _("Assign an owner to the selected leads")
    action_priority = 10
    form_class = forms.AssignOwnerForm

    def get_extra_form_kwargs(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, data=None, **kwargs):
        request = kwargs["self"].request
        return cls.run_for_each(
            objects,
            request,
            lambda lead: pipeline.assign_owner(lead, data["owner"], user=user),
        )


class ChangeStageBulkAction(LeadBulkAction):
    display_name = _("Change stage")
    action_type = "change_stage"
    aria_label = _("Move the selected leads to a stage")
    action_priority = 20
    form_class = forms.ChangeStageForm

    @classmethod
    def execute_action(cls, objects, user=None, data=None, **kwargs):
        request = kwargs["self"].request
        return cls.run_for_each(
            objects,
            request,
            lambda lead: pipeline.move_stage(
                lead, data["stage"], user=user, lost_reason=data.get("lost_reason", "")
            ),
        )


class ReferBulkAction(LeadBulkAction):
    display_name = _("Refer")
    action_type = "refer"
    aria_label = _("Refer the selected leads to another town")
    action_priority = 30
    form_class = forms.BulkReferralForm

    @classmethod
    def execute_action(cls, objects, user=None, data=None, **kwargs):
        request = kwargs["self"].request
        return cls.run_for_each(
            objects,
            request,
            lambda lead: referrals.refer(
                lead,
                to_town=data["to_town"],
                reason=data["reason"],
                actor_agreed=data["actor_agreed"],
                user=user,
            ),
        )

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d lead referred.", "%(count)d leads referred.", num_parent_objects
        ) % {"count": num_parent_objects}


BULK_ACTIONS = [AssignOwnerBulkAction, ChangeStageBulkAction, ReferBulkAction]
