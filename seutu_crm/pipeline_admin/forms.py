"""Forms of the pipeline admin. Every choice of a town, person, lead or contact is limited to
what the user may write: a forged POST naming another town's row fails validation."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from ..models import Activity, ActivityKind, Competence, Contact, Lead, Stage, Task, Town
from ..scoping import get_scope
from .filters import colleagues_of
from .scoped import scoped_queryset


def writable_towns(user):
    return Town.objects.filter(pk__in=get_scope(user).town_ids(write=True)).order_by("name_fi")


def limit_choices(form, user):
    """Narrow the town, person, lead and contact fields of ``form`` to ``user``'s scope."""
    fields = form.fields
    if "town" in fields:
        fields["town"].queryset = writable_towns(user)
    for name in ("owner", "assignee"):
        if name in fields:
            fields[name].queryset = colleagues_of(user)
    if "lead" in fields:
        fields["lead"].queryset = scoped_queryset(Lead, user, ["change"]).select_related(
            "organisation", "town"
        )
    if "contacts" in fields:
        fields["contacts"].queryset = scoped_queryset(Contact, user, ["change"])


class ScopedAdminModelForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            limit_choices(self, for_user)


class LeadForm(ScopedAdminModelForm):
    """A lead changes town only by referral, so the town is fixed once the lead exists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "town" in self.fields:
            self.fields["town"].disabled = True
            self.fields["town"].help_text = _("Refer the lead to hand it to another town.")
        if "gap" in self.fields:
            # Organisations and gaps link to the default-locale competences only.
            self.fields["gap"].queryset = Competence.objects.filter(locale=Locale.get_default())


class ActivityForm(ScopedAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        lead = cleaned.get("lead")
        if lead is not None:
            # An activity of a lead belongs to the lead's organisation and town.
            cleaned["organisation"] = lead.organisation
            self.instance.organisation = lead.organisation
            cleaned["town"] = lead.town
            self.instance.town = lead.town
        return cleaned


class TaskForm(ActivityForm):
    pass


# -- the board and the lead page ---------------------------------------------------------


class MoveLeadForm(forms.Form):
    """Move one lead to a stage: the board's drag and drop and its keyboard/no-JS select."""

    stage = forms.ChoiceField(label=_("Move to stage"), choices=Stage.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    lost_reason = forms.CharField(label=_("Lost reason"), required=False, max_length=2000)


class QuickActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "date", "contacts", "text"]
        widgets = {
            "date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 3}),
            "contacts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = ActivityKind.MEETING
        # Contacts of the lead's organisation held by the lead's town.
        self.fields["contacts"].queryset = Contact.objects.filter(
            organisation_id=lead.organisation_id, town_id=lead.town_id, anonymised_at__isnull=True
        )


class QuickTaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "due_date", "assignee"]
        widgets = {"due_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = colleagues_of(user)
        self.fields["assignee"].initial = user.pk


class ReferralForm(forms.Form):
    to_town = forms.ModelChoiceField(
        label=_("Receiving town"), queryset=Town.objects.in_network().order_by("name_fi")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    actor_agreed = forms.BooleanField(
        label=_("The actor agreed"),
        help_text=_("The actor has agreed that its information is handed to the receiving town."),
        required=True,
        error_messages={"required": _("Refer a lead only when the actor has agreed.")},
    )

    def __init__(self, *args, from_town=None, **kwargs):
        super().__init__(*args, **kwargs)
        if from_town is not None:
            self.fields["to_town"].queryset = self.fields["to_town"].queryset.exclude(
                pk=from_town.pk
            )


# -- bulk actions --------------------------------------------------------------------------


class AssignOwnerForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = colleagues_of(user)


class ChangeStageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    lost_reason = forms.CharField(label=_("Lost reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BulkReferralForm(ReferralForm):
    pass
