"""The network view's filter form (GET): what it accepts and the NetworkFilter it makes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..ecosystem.network import MAX_EGO_DEPTH, NetworkFilter
from ..models import ActorType, Organisation, OrganisationStatus, RelationKind, Town


class NetworkFilterForm(forms.Form):
    town = forms.ChoiceField(label=_("Town"), required=False)
    actor_type = forms.MultipleChoiceField(
        label=_("Actor types"), choices=ActorType.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.MultipleChoiceField(
        label=_("Kinds of relation"), choices=RelationKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actor = forms.IntegerField(
        label=_("Ego network of actor (number)"), required=False, min_value=1,
        help_text=_("Or choose “Ego network” beside an actor in the list."),
    )
    depth = forms.TypedChoiceField(
        label=_("Depth of the ego network"), coerce=int, initial=1, required=False,
        choices=[(d, str(d)) for d in range(1, MAX_EGO_DEPTH + 1)],
        empty_value=1,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The network's towns first, then the university towns that have actors.
        towns = Town.objects.filter(organisations__isnull=False).distinct().order_by(
            "-in_network", "name_fi"
        )
        self.fields["town"].choices = [("", _("All towns"))] + [
            (t.code, t.name) for t in towns
        ]

    def clean_actor(self):
        pk = self.cleaned_data.get("actor")
        if pk is None:
            return None
        actor = Organisation.objects.filter(pk=pk).values_list("name", "status").first()
        if actor is None:
            raise forms.ValidationError(_("There is no actor with this number."))
        if actor[1] != OrganisationStatus.ACTIVE:
            raise forms.ValidationError(
                _("%(name)s is not active, so it is not in the network."), params={"name": actor[0]}
            )
        return pk

    def network_filter(self):
        data = self.cleaned_data
        return NetworkFilter(
            towns=(data["town"],) if data.get("town") else (),
            actor_types=tuple(data.get("actor_type") or ()),
            kinds=tuple(data.get("kind") or ()),
            ego=data.get("actor"),
            depth=data.get("depth") or 1,
        )
