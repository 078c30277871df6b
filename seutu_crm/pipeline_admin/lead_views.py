"""The lead listing, forms and lead page (timeline, quick-add, referral)."""

from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.widgets.button import HeaderButton

from ..ecosystem.lead_fit import lead_fit
from ..models import Contact
from ..services import pipeline, referrals
from . import forms
from .scoped import scoped_queryset
from .timeline import lead_timeline
from .views import ScopedCreateView, ScopedEditView, ScopedIndexView, ScopedInspectView


class LeadURLsMixin:
    board_url_name = None
    report_url_name = None
    inspect_url_name = None
    add_activity_url_name = None
    add_task_url_name = None
    refer_url_name = None
    move_url_name = None

    def lead_url(self, url_name, lead):
        return reverse(url_name, args=(quote(lead.pk),))


class LeadIndexView(LeadURLsMixin, ScopedIndexView):
    title_links_to_inspect = True

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.board_url_name:
            buttons.append(
                HeaderButton(_("Board"), url=reverse(self.board_url_name), icon_name="grid")
            )
        if self.report_url_name:
            buttons.append(
                HeaderButton(
                    _("Report"), url=reverse(self.report_url_name), icon_name="table"
                )
            )
        return buttons


class LeadCreateView(ScopedCreateView):
    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("owner", self.request.user.pk)
        towns = forms.writable_towns(self.request.user)
        if len(towns) == 1:
            initial.setdefault("town", towns[0].pk)
        return initial


class LeadEditView(ScopedEditView):
    """Saving a new stage goes through :func:`pipeline.move_stage`, which logs the move."""

    def save_instance(self):
        new_stage = self.form.instance.stage
        old_stage = self.form.initial.get("stage", new_stage)
        self.form.instance.stage = old_stage
        lead = super().save_instance()
        if new_stage != old_stage:
            pipeline.move_stage(
                lead, new_stage, user=self.request.user, lost_reason=lead.lost_reason
            )
        return lead


class LeadPageView(LeadURLsMixin, ScopedInspectView):
    """The lead page: facts, timeline newest first, quick-add forms, organisation and contacts."""

    template_name = "seutu_crm/lead_page.html"

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("organisation", "town", "owner")

    @cached_property
    def can_change(self):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        )

    def get_forms(self):
        lead, user = self.object, self.request.user
        return {
            "activity_form": forms.QuickActivityForm(lead=lead, prefix="activity"),
            "task_form": forms.QuickTaskForm(user=user, prefix="task"),
            "referral_form": forms.ReferralForm(from_town=lead.town, prefix="referral"),
            "move_form": forms.MoveLeadForm(initial={"stage": lead.stage}),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lead = self.object
        context.update(
            {
                "lead": lead,
                "timeline": lead_timeline(lead),
                "open_tasks": lead.tasks.filter(done=False).select_related("assignee"),
                "contacts": scoped_queryset(Contact, self.request.user).filter(
                    organisation_id=lead.organisation_id
                ),
                "can_change": self.can_change,
                "fit": lead_fit(lead),
                "gaps_url": reverse("seutu_ecosystem:gaps", args=[lead.town.code]),
                "add_activity_url": self.lead_url(self.add_activity_url_name, lead),
                "add_task_url": self.lead_url(self.add_task_url_name, lead),
                "refer_url": self.lead_url(self.refer_url_name, lead),
                "move_url": self.lead_url(self.move_url_name, lead),
            }
        )
        if self.can_change:
            context.update(self.get_forms())
            context.update(kwargs.get("bound_forms", {}))
        return context


class LeadPagePostView(LeadPageView):
    """Base of the quick-add forms: POST only, on the lead page; errors re-render the page."""

    http_method_names = ["post"]
    permission_required = "change"
    any_permission_required = None
    scope_actions = ("change",)
    form_key = None
    error_message = gettext_lazy("The form could not be saved due to errors.")

    def get_form(self):
        raise NotImplementedError

    def save(self, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                with transaction.atomic():
                    message = self.save(form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect(self.get_success_url())
        messages.validation_error(request, self.error_message, form)
        context = self.get_context_data(bound_forms={self.form_key: form})
        return TemplateResponse(request, self.template_name, context, status=400)

    def get_success_url(self):
        return self.lead_url(self.inspect_url_name, self.object) + "#timeline"


class AddActivityView(LeadPagePostView):
    form_key = "activity_form"

    def get_form(self):
        return forms.QuickActivityForm(self.request.POST, lead=self.object, prefix="activity")

    def save(self, form):
        pipeline.add_activity(
            self.request.user,
            lead=self.object,
            kind=form.cleaned_data["kind"],
            date=form.cleaned_data["date"],
            text=form.cleaned_data["text"],
            contacts=form.cleaned_data["contacts"],
        )
        return _("Activity added.")


class AddTaskView(LeadPagePostView):
    form_key = "task_form"

    def get_form(self):
        return forms.QuickTaskForm(self.request.POST, user=self.request.user, prefix="task")

    def save(self, form):
        pipeline.add_task(
            self.request.user,
            lead=self.object,
            title=form.cleaned_data["title"],
            due_date=form.cleaned_data["due_date"],
            assignee=form.cleaned_data["assignee"],
        )
        return _("Task added.")


class ReferLeadView(LeadPagePostView):
    """Hand the lead to another town. GET shows the form on a page of its own."""

    http_method_names = ["get", "post"]
    form_key = "referral_form"
    page_title = gettext_lazy("Refer lead")

    def get_template_names(self):
        if self.request.method == "GET":
            return ["seutu_crm/lead_refer.html"]
        return [self.template_name]

    def get_form(self):
        return forms.ReferralForm(
            self.request.POST, from_town=self.object.town, prefix="referral"
        )

    def save(self, form):
        self.referral = referrals.refer(
            self.object,
            to_town=form.cleaned_data["to_town"],
            reason=form.cleaned_data["reason"],
            actor_agreed=form.cleaned_data["actor_agreed"],
            user=self.request.user,
        )
        return _("Lead referred to %(town)s.") % {"town": form.cleaned_data["to_town"]}

    def get_success_url(self):
        # After a referral the lead may be out of the user's towns: go back to the listing
        # unless the user can still see it (a coordinator).
        self.object.refresh_from_db()
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "view", self.object
        ):
            return super().get_success_url()
        return reverse(self.index_url_name)
