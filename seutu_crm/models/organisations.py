from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import RevisionMixin

from ..validators import validate_business_id
from .geography import Town
from .taxonomy import Competence, Industry


class ActorType(models.TextChoices):
    COMPANY = "company", _("Company")
    STARTUP = "startup", _("Start-up")
    RESEARCH = "research", _("Research unit")
    UNIVERSITY = "university", _("University")
    UAS = "uas", _("University of applied sciences")
    VOCATIONAL = "vocational", _("Vocational school")
    PUBLIC = "public", _("Public agency")
    DEVELOPMENT_COMPANY = "development_company", _("Development company")
    FINANCIER = "financier", _("Financier")
    ASSOCIATION = "association", _("Association")


class SizeClass(models.TextChoices):
    # Statistics Finland / EU size classes by personnel.
    MICRO = "micro", _("Micro (under 10)")
    SMALL = "small", _("Small (10–49)")
    MEDIUM = "medium", _("Medium (50–249)")
    LARGE = "large", _("Large (250 or more)")


class OrganisationStatus(models.TextChoices):
    # As the trade register reports it: only active actors count in the ecosystem's figures.
    ACTIVE = "active", _("Active")
    LIQUIDATION = "liquidation", _("In liquidation")
    BANKRUPTCY = "bankruptcy", _("In bankruptcy")
    ENDED = "ended", _("Ended")


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class OrganisationTag(TaggedItemBase):
    content_object = ParentalKey(
        "seutu_crm.Organisation", on_delete=models.CASCADE, related_name="tagged_items"
    )


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def update(self, **kwargs):
        # Bulk updates bypass post_save; report them so that listeners (search) see them.
        from ..signals import organisations_changed

        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        if pks:
            organisations_changed.send(sender=self.model, pks=pks)
        return count


class Organisation(RevisionMixin, ClusterableModel):
    """An ecosystem actor: a company, research unit, school, agency, financier or association."""

    name = models.CharField(_("name"), max_length=255, db_index=True)
    business_id = models.CharField(
        _("Business ID"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish Business ID (Y-tunnus), e.g. 1234567-8."),
    )
    actor_type = models.CharField(_("actor type"), max_length=32, choices=ActorType.choices)
    town = models.ForeignKey(
        Town, verbose_name=_("town"), on_delete=models.PROTECT, related_name="organisations"
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    size_class = models.CharField(
        _("size class"), max_length=16, choices=SizeClass.choices, blank=True
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    industries = ParentalManyToManyField(
        Industry, verbose_name=_("industries"), blank=True, related_name="organisations"
    )
    competences = ParentalManyToManyField(
        Competence, verbose_name=_("competences"), blank=True, related_name="organisations"
    )
    tags = ClusterTaggableManager(through=OrganisationTag, blank=True, verbose_name=_("tags"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.ACTIVE,
        db_index=True,
    )
    company_form = models.CharField(_("company form"), max_length=100, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public actors and their public fields appear on the public site and search."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["town", "actor_type"]), models.Index(fields=["is_public"])]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("Latitude must be between -90 and 90.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("Longitude must be between -180 and 180.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.business_id:
            self.business_id = None  # unique, so blank must be NULL
        super().save(*args, **kwargs)

    def description(self, language=None):
        """The public description in ``language`` (default: active), else Finnish, else any."""
        language = (language or get_language() or "fi")[:2]
        texts = {d.language: d.text for d in self.descriptions.all()}
        return texts.get(language) or texts.get("fi") or next(iter(texts.values()), "")


class OrganisationDescription(models.Model):
    """A public description of an organisation in one language."""

    organisation = ParentalKey(
        Organisation, on_delete=models.CASCADE, related_name="descriptions"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.TextField(_("description"))

    class Meta:
        verbose_name = _("description")
        verbose_name_plural = _("descriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="seutu_crm_one_description_per_language"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.language})"


class RelationKind(models.TextChoices):
    PARTNER = "partner", _("Partner")
    SUPPLIER = "supplier", _("Supplier")
    RDI = "rdi", _("RDI collaboration")
    EDUCATION = "education", _("Education")
    OWNERSHIP = "ownership", _("Owner of")
    SPIN_OFF = "spin_off", _("Spin-off of")
    INVESTOR = "investor", _("Investor in")
    MEMBER = "member", _("Member of")


class OrganisationRelation(models.Model):
    """A typed tie from one actor to another ("A is a supplier of B")."""

    source = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="relations")
    target = models.ForeignKey(
        Organisation,
        verbose_name=_("related organisation"),
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )
    kind = models.CharField(_("kind of relation"), max_length=16, choices=RelationKind.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while the tie lasts.")
    )

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="seutu_crm_unique_relation"
            )
        ]

    def __str__(self):
        return f"{self.source} → {self.get_kind_display()} → {self.target}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
