"""The filter form of the actor directory."""

from django import forms
from django.utils.translation import gettext_lazy as _

from seutu_crm.models import ActorType


class ActorFilterForm(forms.Form):
    """The filters of an actor directory; every field is optional and read from the query string."""

    q = forms.CharField(label=_("Search by name or description"), required=False, max_length=200)
    actor_type = forms.ChoiceField(label=_("Type of actor"), required=False)
    competence = forms.ChoiceField(label=_("Competence"), required=False)

    def __init__(self, *args, competences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.competences_by_slug = {public.slug: competence for competence, public in competences}
        self.fields["actor_type"].choices = [("", _("All types"))] + list(ActorType.choices)
        self.fields["competence"].choices = [("", _("All competences"))] + [
            (public.slug, public.name) for _competence, public in competences
        ]

    def filters(self):
        """Keyword arguments for ``public_organisations``; invalid values are ignored."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"].strip() or None,
            "actor_type": data["actor_type"] or None,
            "competence": self.competences_by_slug.get(data["competence"]),
        }
