"""Higher-education ties in the admin: what a town's actors do with universities and UASs.

A tie belongs to its town like a lead does (:class:`~seutu_crm.pipeline_admin.viewsets.
TownScopedViewSet`): the town's viewers read its ties, its business developers write them,
coordinators read and write every town's. The form offers only universities and UASs as the
institution and only the tie's town's actors as those involved.
"""

from itertools import groupby

import django_filters
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn

from ..ecosystem.university_ties import in_force_during
from ..models import HEI_TYPES, HigherEducationTie, Organisation, TieKind, Town
from ..pipeline_admin.filters import user_towns
from ..pipeline_admin.forms import ScopedAdminModelForm
from ..pipeline_admin.views import ScopedCreateView
from ..pipeline_admin.viewsets import TownScopedViewSet
from ..scoping import get_scope


def institutions():
    """Universities and universities of applied sciences, wherever they are."""
    return Organisation.objects.filter(actor_type__in=HEI_TYPES).select_related("town")


class TownActors(ModelChoiceIterator):
    """The choices of the tie's town's actors."""

    def __init__(self, field, town_id):
        super().__init__(field)
        self.queryset = self.queryset.filter(town_id=town_id)


class ActorsByTown(ModelChoiceIterator):
    """The actors' choices under a heading per town, for a form that does not know its town yet."""

    def __iter__(self):
        queryset = self.queryset.select_related("town").order_by("town__name_fi", "name")
        for town, actors in groupby(queryset, key=lambda actor: actor.town):
            yield (town.name, [self.choice(actor) for actor in actors])


class HigherEducationTieForm(ScopedAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        if "institution" in fields:
            fields["institution"].queryset = institutions().order_by("name")
            fields["institution"].label_from_instance = lambda o: f"{o.name} ({o.town})"
        if "actors" in fields:
            self._limit_actors(fields["actors"])

    def _town_id(self):
        """The tie's town as far as the form knows it: posted, the instance's, or none."""
        if self.is_bound:
            value = self.data.get(self.add_prefix("town"), "")
            return int(value) if value.isdigit() else None
        return self.instance.town_id

    def _limit_actors(self, field):
        writable = get_scope(self.for_user).town_ids(write=True) if self.for_user else set()
        # Validation accepts the actors of every town the user writes for, so that clean()
        # can say which chosen actor is in another town; the list shows the tie's town's.
        field.queryset = Organisation.objects.filter(town_id__in=writable).order_by("name")
        town_id = self._town_id()
        if town_id in writable:
            field.widget.choices = TownActors(field, town_id)
        else:
            field.widget.choices = ActorsByTown(field)
            field.help_text = _("The actors are listed by town: choose those of the tie's town.")

    def clean(self):
        cleaned = super().clean()
        town = cleaned.get("town")
        strangers = [a.name for a in cleaned.get("actors") or () if town and a.town_id != town.pk]
        if strangers:
            self.add_error(
                "actors",
                _("Choose actors of the tie's town; not of the town: %(actors)s.")
                % {"actors": ", ".join(strangers)},
            )
        return cleaned


class HigherEducationTieFilterSet(WagtailFilterSet):
    town = django_filters.ModelChoiceFilter(label=_("Town"), queryset=user_towns)
    institution = django_filters.ModelChoiceFilter(
        label=_("Higher-education institution"),
        queryset=lambda request: institutions().filter(
            higher_education_ties__isnull=False
        ).distinct().order_by("name"),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=TieKind.choices)
    year = django_filters.NumberFilter(
        label=_("In force during the year"), method="filter_year", min_value=1900,
        max_value=2100,
    )

    class Meta:
        model = HigherEducationTie
        fields = ["town", "institution", "kind", "year"]

    def filter_year(self, queryset, name, value):
        return in_force_during(queryset, int(value)) if value else queryset


class HigherEducationTieCreateView(ScopedCreateView):
    def get_initial_form_instance(self):
        """A new tie in the town of ``?town=<code>`` (the town's view links so), or in the
        user's only town."""
        instance = super().get_initial_form_instance() or self.model()
        writable = get_scope(self.request.user).town_ids(write=True)
        code = self.request.GET.get("town")
        town = Town.objects.filter(code=code, pk__in=writable).first() if code else None
        if town is None and len(writable) == 1:
            town = Town.objects.filter(pk__in=writable).first()
        if town is not None:
            instance.town = town
        return instance

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class ActorsColumn(Column):
    """The town's actors of the tie, read from the prefetched relation."""

    def get_value(self, instance):
        return ", ".join(actor.name for actor in instance.actors.all())


class HigherEducationTieViewSet(TownScopedViewSet):
    model = HigherEducationTie
    icon = "group"
    menu_label = _("Higher-education ties")
    menu_order = 140
    url_prefix = "crm/higher-education-ties"
    url_namespace = "seutu_hei_ties"
    chooser_admin_url_namespace = "seutu_hei_tie_chooser"
    chooser_base_url_path = "crm/choose/higher-education-ties"
    add_view_class = HigherEducationTieCreateView
    filterset_class = HigherEducationTieFilterSet
    search_fields = ["title", "institution__name"]
    search_backend_name = None
    ordering = "-start_date"
    list_select_related = ("town", "institution")
    list_display = [
        "title",
        "town",
        Column("institution", label=_("Higher-education institution"),
               sort_key="institution__name"),
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        DateColumn("start_date", label=_("Start date"), sort_key="start_date"),
        DateColumn("end_date", label=_("End date"), sort_key="end_date"),
        ActorsColumn("actors", label=_("The town's actors")),
        BooleanColumn("is_public_example", label=_("Public example")),
    ]
    list_export = [
        "pk", "title", "town.name", "institution.name", "get_kind_display", "start_date",
        "end_date", "is_public_example",
    ]
    export_headings = {
        "pk": _("ID"),
        "town.name": _("Town"),
        "institution.name": _("Higher-education institution"),
        "get_kind_display": _("Kind"),
    }
    export_filename = "higher-education-ties"
    inspect_view_fields = [
        "town", "institution", "kind", "title", "title_sv", "title_en", "description", "actors",
        "start_date",
        "end_date", "is_public_example", "created_by", "created_at", "updated_at",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("town"), FieldPanel("kind")]),
            # A list of the few universities and UASs; a chooser would offer every actor.
            FieldPanel("institution", widget=forms.Select),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("title_sv"), FieldPanel("title_en")]),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("actors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("is_public_example"),
        ],
        base_form_class=HigherEducationTieForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("actors")
