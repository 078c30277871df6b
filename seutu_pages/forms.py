"""The public Invest-in contact form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from seutu_crm.validators import normalise_business_id, validate_business_id

# The honeypot's name looks worth filling to a bot; people never see the field.
HONEYPOT_FIELD = "homepage"


class InvestInForm(forms.Form):
    """An investor's inquiry to one town; ``consent_text`` is the wording they agree to."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=255)
    business_id = forms.CharField(
        label=_("Business ID (optional)"),
        max_length=12,
        required=False,
        help_text=_("A Finnish Business ID (Y-tunnus), e.g. 1234567-8, if you have one."),
    )
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    message = forms.CharField(
        label=_("How can we help?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my data as described."),
        error_messages={"required": _("Please give your consent so that we can contact you.")},
    )
    # Hidden from people and assistive technology by the template; bots fill it.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_autocomplete = {
        "name": "name",
        "organisation": "organization",
        "email": "email",
        "phone": "tel",
    }

    def __init__(self, *args, consent_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = consent_text
        if consent_text:
            self.fields["consent"].label = consent_text
        for name, token in self.field_autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token

    def full_clean(self):
        super().full_clean()
        # Point each invalid field at its message (and help text) for screen readers.
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described_by = [f"{bound.auto_id}-error"]
                if bound.help_text:
                    described_by.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)

    def is_bot(self):
        """True when the honeypot was filled: the submission is dropped without a word."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean_business_id(self):
        value = normalise_business_id(self.cleaned_data.get("business_id", ""))
        if value:
            validate_business_id(value)
        return value

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        allowed = set("0123456789+-() ")
        if value and (not set(value) <= allowed or sum(c.isdigit() for c in value) < 5):
            raise ValidationError(
                _("Enter a phone number with digits only, e.g. +358 40 123 4567."),
                code="phone",
            )
        return value
