"""The ecosystem views' forms: which towns and which figures a benchmark shows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..ecosystem.benchmark import DEFAULT_GENERAL, GENERAL, Measure, class_columns
from ..ecosystem.labels import competence_names, sections
from ..models import ActorType, Town


def _competence_choices():
    names = competence_names()
    groups = {}
    for name in sorted(names.values(), key=lambda n: n.name.casefold()):
        top = name.parent_id or name.pk
        groups.setdefault(top, [])
        if name.parent_id:
            groups[top].append((str(name.pk), name.name))
    choices = []
    for top, children in sorted(groups.items(), key=lambda item: names[item[0]].name.casefold()):
        top_name = names[top].name
        choices.append((top_name, [(str(top), _("%(area)s (whole area)") % {"area": top_name}),
                                   *children]))
    return choices


class BenchmarkForm(forms.Form):
    towns = forms.ModelMultipleChoiceField(
        label=_("Towns"),
        queryset=Town.objects.in_network(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None chosen: every town of the network."),
    )
    general = forms.MultipleChoiceField(
        label=_("Figures"),
        choices=[(key, label) for key, label in GENERAL.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    actor_types = forms.MultipleChoiceField(
        label=_("Actor types"), choices=ActorType.choices, required=False
    )
    competences = forms.MultipleChoiceField(label=_("Competences"), choices=[], required=False)
    sections = forms.MultipleChoiceField(
        label=_("Industries (TOL 2008 sections)"), choices=[], required=False
    )
    measures = forms.MultipleChoiceField(
        label=_("Measures for the chosen types, competences and industries"),
        choices=Measure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, data=None, **kwargs):
        # An empty query string is the default view, not a form with nothing ticked.
        if not data:
            data = None
            kwargs.setdefault("initial", {"general": DEFAULT_GENERAL,
                                          "measures": [Measure.COUNT, Measure.LQ_NETWORK]})
        super().__init__(data, **kwargs)
        self.fields["competences"].choices = _competence_choices()
        self.fields["sections"].choices = [
            (code, f"{code} {industry.name}") for code, industry in sections().items()
        ]

    def chosen(self):
        """(towns, figure keys) to show: the defaults until the form is sent."""
        if not self.is_bound or not self.is_valid():
            return list(Town.objects.in_network()), list(DEFAULT_GENERAL)
        data = self.cleaned_data
        measures = data["measures"] or [Measure.COUNT]
        keys = [
            *data["general"],
            *class_columns("type", data["actor_types"], measures),
            *class_columns("competence", data["competences"], measures),
            *class_columns("section", data["sections"], measures),
        ]
        towns = list(data["towns"]) or list(Town.objects.in_network())
        return towns, keys or list(DEFAULT_GENERAL)
