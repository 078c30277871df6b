from django.db import models
from django.utils.translation import gettext_lazy as _

from .geography import Town
from .organisations import Organisation


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")
    CONTRACT = "contract", _("Contract")


class Contact(models.Model):
    """A person: personal data, held by one town of the network and visible only to it.

    ``town`` is the town whose business developers hold the contact; coordinators see all.
    """

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    town = models.ForeignKey(
        Town,
        verbose_name=_("town holding the data"),
        on_delete=models.PROTECT,
        related_name="contacts",
        limit_choices_to={"in_network": True},
    )
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=32,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE_INTEREST,
    )
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=150, blank=True)
    opt_out = models.BooleanField(_("opted out of communication"), default=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.legal_basis == LegalBasis.CONSENT and not self.consent_date:
            raise ValidationError(
                {"consent_date": _("Give the date of consent when the legal basis is consent.")}
            )
