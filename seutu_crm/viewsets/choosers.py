"""Chooser modals for organisations and competences, used by relation and lead forms."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)

from ..models import Town


class OrganisationChooserFilterForm(BaseFilterForm):
    # Organisations are not in Wagtail's search index; a name or Business ID prefix is
    # what people type in a chooser, and the name column is indexed.
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or Business ID")}),
    )
    town = forms.ModelChoiceField(
        label=_("Town"),
        required=False,
        queryset=Town.objects.order_by("name_fi"),
        empty_label=_("All towns"),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = objects.filter(Q(name__icontains=query) | Q(business_id__startswith=query))
            self.is_searching = True
            self.search_query = query
        town = self.cleaned_data.get("town")
        if town:
            objects = objects.filter(town=town)
        return objects


class OrganisationChooseViewMixin:
    filter_form_class = OrganisationChooserFilterForm

    def get_object_list(self):
        return self.model_class.objects.select_related("town")

    @property
    def columns(self):
        return super().columns + [
            Column("business_id", label=_("Business ID")),
            Column("town", label=_("Town")),
        ]


class OrganisationChooseView(OrganisationChooseViewMixin, ChooseView):
    pass


class OrganisationChooseResultsView(OrganisationChooseViewMixin, ChooseResultsView):
    pass


class OrganisationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    choose_one_text = _("Choose an organisation")
    choose_another_text = _("Choose another organisation")


class CompetenceChooseViewMixin:
    def get_object_list(self):
        return self.model_class.objects.select_related("parent", "locale")

    @property
    def columns(self):
        return super().columns + [Column("parent", label=_("Broader competence"))]


class CompetenceChooseView(CompetenceChooseViewMixin, ChooseView):
    pass


class CompetenceChooseResultsView(CompetenceChooseViewMixin, ChooseResultsView):
    pass


class CompetenceChooserViewSet(SnippetChooserViewSet):
    # Competences are indexed, so the default chooser form gives search and a locale filter.
    choose_view_class = CompetenceChooseView
    choose_results_view_class = CompetenceChooseResultsView
    choose_one_text = _("Choose a competence")
    choose_another_text = _("Choose another competence")
