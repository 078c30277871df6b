"""Listing and board filters. Choices of towns and people are limited to the user's towns."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale

from ..models import (
    Activity,
    ActivityKind,
    Competence,
    Contact,
    Lead,
    LeadKind,
    LeadSource,
    LegalBasis,
    Stage,
    Task,
    Town,
)
from ..scoping import towns_for


def colleagues_of(user):
    """Users who may own or be assigned a lead of ``user``'s towns: members of those towns."""
    towns = towns_for(user)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(town_memberships__town__in=towns) | Q(town_memberships__town__isnull=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def user_towns(request):
    return towns_for(request.user).order_by("name_fi") if request else Town.objects.none()


def user_colleagues(request):
    return colleagues_of(request.user) if request else get_user_model().objects.none()


class LeadFilterSet(WagtailFilterSet):
    town = django_filters.ModelChoiceFilter(label=_("Town"), queryset=user_towns)
    owner = django_filters.ModelChoiceFilter(label=_("Owner"), queryset=user_colleagues)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=LeadKind.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=LeadSource.choices)
    stage = django_filters.MultipleChoiceFilter(label=_("Stage"), choices=Stage.choices)
    competence = django_filters.ModelChoiceFilter(
        label=_("Competence"),
        field_name="competences",
        queryset=lambda request: Competence.objects.filter(locale=Locale.get_default()),
        distinct=True,
    )
    gap = django_filters.ModelChoiceFilter(
        label=_("Gap it would close"),
        queryset=lambda request: Competence.objects.filter(
            locale=Locale.get_default(), gap_leads__isnull=False
        ).distinct(),
    )
    gap_fit = django_filters.NumberFilter(
        label=_("Gap fit at least"), field_name="gap_fit", lookup_expr="gte", min_value=0,
        max_value=100,
    )

    class Meta:
        model = Lead
        fields = ["town", "owner", "kind", "source", "stage", "competence", "gap", "gap_fit"]


class BoardFilterSet(LeadFilterSet):
    """The kanban board shows every stage as a column, so it does not filter by stage."""

    class Meta(LeadFilterSet.Meta):
        fields = ["town", "owner", "kind", "source", "competence", "gap", "gap_fit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("stage", None)


class ContactFilterSet(WagtailFilterSet):
    town = django_filters.ModelChoiceFilter(label=_("Town"), queryset=user_towns)
    legal_basis = django_filters.ChoiceFilter(label=_("Legal basis"), choices=LegalBasis.choices)
    opt_out = django_filters.BooleanFilter(label=_("Opted out"))

    class Meta:
        model = Contact
        fields = ["town", "legal_basis", "opt_out"]


class ActivityFilterSet(WagtailFilterSet):
    town = django_filters.ModelChoiceFilter(label=_("Town"), queryset=user_towns)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices)
    date = django_filters.DateFromToRangeFilter(label=_("Date"))

    class Meta:
        model = Activity
        fields = ["town", "kind", "date"]


class TaskFilterSet(WagtailFilterSet):
    town = django_filters.ModelChoiceFilter(label=_("Town"), queryset=user_towns)
    assignee = django_filters.ModelChoiceFilter(label=_("Assignee"), queryset=user_colleagues)
    done = django_filters.BooleanFilter(label=_("Done"))

    class Meta:
        model = Task
        fields = ["town", "assignee", "done"]
