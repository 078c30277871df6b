"""The gap table's filters and the partnership proposal form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..ecosystem.gaps import GapLabel
from ..models import Dimension


class GapFilterForm(forms.Form):
    dimension = forms.ChoiceField(
        label=_("Analyse"), choices=Dimension.choices, required=False, initial=Dimension.COMPETENCE
    )
    label = forms.ChoiceField(
        label=_("What to do"),
        choices=[("", _("Everything")), ("gaps", _("Gaps only")), *GapLabel.choices],
        required=False,
    )
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)

    def chosen(self):
        """(dimension, label filter, text) from valid input, defaults otherwise."""
        data = self.cleaned_data if self.is_valid() else {}
        return (
            data.get("dimension") or Dimension.COMPETENCE,
            data.get("label") or "",
            (data.get("q") or "").strip().casefold(),
        )

    def rows(self, table):
        """The rows of ``table`` that pass the filters."""
        _dimension, label, text = self.chosen()
        rows = table.rows
        if label == "gaps":
            rows = [gap for gap in rows if gap.is_gap]
        elif label:
            rows = [gap for gap in rows if gap.label == label]
        if text:
            rows = [gap for gap in rows if text in gap.name.casefold() or text in gap.key]
        return rows


class ProposalForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the partner town"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ProposalAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accepted", _("Accept")), ("declined", _("Decline"))],
    )
