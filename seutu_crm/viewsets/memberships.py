"""Settings → Town memberships: coordinators give users their towns and roles.

A Wagtail model viewset on the model permissions (coordinators hold every CRM permission,
nobody else holds these); creating, editing and deleting go through
:mod:`seutu_crm.services.memberships`, which keeps the user's groups in step, and are logged
by Wagtail like any model's changes.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views import generic

from ..models import Role, Town, TownMembership
from ..services.memberships import remove_membership, save_membership


def user_label(user):
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


class MembershipForm(forms.ModelForm):
    class Meta:
        model = TownMembership
        fields = ["user", "town", "role"]
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)  # Wagtail's panels pass the editing user
        super().__init__(*args, **kwargs)
        users = self.fields["user"]
        users.queryset = get_user_model().objects.filter(is_active=True).order_by("username")
        users.label_from_instance = user_label
        self.fields["town"].queryset = Town.objects.in_network().order_by("name_fi")
        self.fields["town"].help_text = _("A coordinator's membership covers every town.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.COORDINATOR:
            cleaned["town"] = None
        return cleaned


class MembershipFilterSet(WagtailFilterSet):
    town = django_filters.ModelChoiceFilter(
        label=_("Town"), queryset=Town.objects.in_network().order_by("name_fi")
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)

    class Meta:
        model = TownMembership
        fields = ["town", "role"]


class SaveThroughService:
    def save_instance(self):
        return save_membership(self.form.save(commit=False))


class MembershipCreateView(SaveThroughService, generic.CreateView):
    pass


class MembershipEditView(SaveThroughService, generic.EditView):
    pass


class MembershipDeleteView(generic.DeleteView):
    def delete_action(self):
        remove_membership(self.object)


class UserColumn(Column):
    def get_value(self, instance):
        return user_label(instance.user)


class TownColumn(Column):
    def get_value(self, instance):
        return instance.town.name if instance.town else _("Whole network")


class TownMembershipViewSet(ModelViewSet):
    model = TownMembership
    form_fields = ["user", "town", "role"]
    icon = "group"
    menu_label = _("Town memberships")
    add_to_settings_menu = True
    url_prefix = "town-memberships"
    name = "seutu_memberships"
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    filterset_class = MembershipFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    search_backend_name = None
    ordering = ["town__name_fi", "user__username"]
    list_display = [
        UserColumn("user", label=_("User"), sort_key="user__username"),
        TownColumn("town", label=_("Town"), sort_key="town__name_fi"),
        Column("role", label=_("Role"), accessor="get_role_display", sort_key="role"),
    ]
    list_export = ["user.username", "user.get_full_name", "town", "get_role_display"]
    export_headings = {"user.username": _("Username"), "user.get_full_name": _("Name"),
                       "get_role_display": _("Role")}
    export_filename = "town-memberships"
    inspect_view_enabled = False
    panels = [FieldPanel("user"), FieldPanel("role"), FieldPanel("town")]

    def get_form_class(self, for_update=False):
        return MembershipForm

    def get_queryset(self, request):
        return TownMembership.objects.select_related("user", "town")


membership_viewset = TownMembershipViewSet()
