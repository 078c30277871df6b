"""Filter sets of the CRM admin listings (django-filter, rendered by Wagtail's listing views)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import Locale

from django.db.models import Exists, OuterRef, Q

from .ecosystem.profile import new_since, removed_since
from .hierarchy import with_narrower
from .models import (
    ActorType,
    Competence,
    EcosystemSnapshot,
    Industry,
    Organisation,
    OrganisationDescription,
    OrganisationStatus,
    Region,
    SizeClass,
    Town,
)


class Missing(django_filters.ChoiceFilter):
    """Organisations that lack a field: the links behind a profile's completeness figures."""

    CHOICES = [
        ("business_id", _("Business ID")),
        ("industry", _("Industry")),
        ("competences", _("Competences")),
        ("coordinates", _("Coordinates")),
        ("description_fi", _("Description in Finnish")),
        ("description_sv", _("Description in Swedish")),
        ("description_en", _("Description in English")),
    ]

    def __init__(self, **kwargs):
        super().__init__(choices=self.CHOICES, empty_label=_("Any"), **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        if value == "business_id":
            return queryset.filter(business_id__isnull=True)
        if value == "coordinates":
            return queryset.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
        if value == "industry":
            return queryset.filter(industries__isnull=True)
        if value == "competences":
            return queryset.filter(competences__isnull=True)
        language = value.removeprefix("description_")
        described = OrganisationDescription.objects.filter(
            organisation=OuterRef("pk"), language=language
        ).exclude(text="")
        return queryset.filter(~Exists(described))


class SinceSnapshot(django_filters.NumberFilter):
    """New (or removed) actors since an ecosystem snapshot, given by its primary key."""

    def __init__(self, select, **kwargs):
        self.select = select
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        snapshot = EcosystemSnapshot.objects.filter(pk=value).first()
        if snapshot is None:
            return queryset.none()
        return self.select(snapshot, queryset)


def default_locale_competences(request=None):
    # Organisations link to the default-locale rows, so only those are worth filtering by.
    return Competence.objects.filter(locale_id=Locale.get_default().pk).order_by("name")


class OrganisationFilterSet(WagtailFilterSet):
    town = django_filters.ModelChoiceFilter(
        label=_("Town"), queryset=Town.objects.order_by("name_fi")
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), field_name="town__region", queryset=Region.objects.all()
    )
    actor_type = django_filters.ChoiceFilter(
        label=_("Actor type"), choices=ActorType.choices, empty_label=_("All")
    )
    competence = django_filters.ModelChoiceFilter(
        label=_("Competence"),
        queryset=default_locale_competences,
        method="filter_competence",
        help_text=_("Includes the narrower competences under it."),
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry"),
        queryset=Industry.objects.all(),
        method="filter_industry",
        help_text=_("Includes the finer classes under it."),
    )
    size_class = django_filters.ChoiceFilter(
        label=_("Size class"), choices=SizeClass.choices, empty_label=_("All")
    )
    is_public = django_filters.BooleanFilter(label=_("Public"), widget=BooleanRadioSelect)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OrganisationStatus.choices, empty_label=_("All")
    )
    missing = Missing(label=_("Missing"))
    new_since = SinceSnapshot(new_since, label=_("New since snapshot"), widget=forms.HiddenInput)
    removed_since = SinceSnapshot(
        removed_since, label=_("Removed since snapshot"), widget=forms.HiddenInput
    )

    class Meta:
        model = Organisation
        fields = []

    # "id IN (organisations linked to any of these)" rather than a join: a join repeats an
    # organisation with several matching competences, and the subquery lets the database
    # start from the (indexed) link rows instead of probing every organisation.
    def filter_competence(self, queryset, name, value):
        if not value:
            return queryset
        links = Organisation.competences.through.objects.filter(
            competence_id__in=with_narrower(Competence, value)
        )
        return queryset.filter(pk__in=links.values("organisation_id"))

    def filter_industry(self, queryset, name, value):
        if not value:
            return queryset
        links = Organisation.industries.through.objects.filter(
            industry_id__in=with_narrower(Industry, value)
        )
        return queryset.filter(pk__in=links.values("organisation_id"))


class CompetenceFilterSet(WagtailFilterSet):
    parent = django_filters.ModelChoiceFilter(
        label=_("Broader competence"),
        queryset=Competence.objects.filter(parent__isnull=True).select_related("locale"),
    )
    top_level = django_filters.BooleanFilter(
        label=_("Top level"),
        field_name="parent",
        lookup_expr="isnull",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Competence
        fields = []


class TownFilterSet(WagtailFilterSet):
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    in_network = django_filters.BooleanFilter(
        label=_("In the network"), widget=BooleanRadioSelect
    )
    swedish_majority = django_filters.BooleanFilter(
        label=_("Swedish-speaking majority"), widget=BooleanRadioSelect
    )

    class Meta:
        model = Town
        fields = []


class IndustryFilterSet(WagtailFilterSet):
    top_level = django_filters.BooleanFilter(
        label=_("Sections only"),
        field_name="parent",
        lookup_expr="isnull",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Industry
        fields = []
