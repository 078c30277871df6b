"""Cooperation between a town's actors and higher-education institutions (work package 3)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .geography import Town
from .organisations import ActorType, Organisation

HEI_TYPES = (ActorType.UNIVERSITY, ActorType.UAS)


class TieKind(models.TextChoices):
    AGREEMENT = "agreement", _("Cooperation agreement")
    RDI_PROJECT = "rdi_project", _("RDI project")
    THESIS = "thesis", _("Thesis")
    PLACEMENT = "placement", _("Student placement")
    GUEST_LECTURE = "guest_lecture", _("Guest lecture")


class HigherEducationTie(models.Model):
    """One piece of cooperation between a town's actors and a university or UAS."""

    town = models.ForeignKey(
        Town,
        verbose_name=_("town"),
        on_delete=models.PROTECT,
        related_name="higher_education_ties",
        limit_choices_to={"in_network": True},
    )
    institution = models.ForeignKey(
        Organisation,
        verbose_name=_("higher-education institution"),
        on_delete=models.PROTECT,
        related_name="higher_education_ties",
        limit_choices_to={"actor_type__in": HEI_TYPES},
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TieKind.choices)
    title = models.CharField(_("title"), max_length=255)
    # A public example is shown on the Swedish and English sites too: in their language
    # where one is given, else in Finnish (marked as Finnish for screen readers).
    title_sv = models.CharField(
        _("title in Swedish"), max_length=255, blank=True,
        help_text=_("Shown on the Swedish site when the tie is a public example."),
    )
    title_en = models.CharField(
        _("title in English"), max_length=255, blank=True,
        help_text=_("Shown on the English site when the tie is a public example."),
    )
    description = models.TextField(_("description"), blank=True)
    actors = models.ManyToManyField(
        Organisation,
        verbose_name=_("the town's actors involved"),
        blank=True,
        related_name="higher_education_cooperation",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while it lasts.")
    )
    is_public_example = models.BooleanField(
        _("may be shown as an example"),
        default=False,
        help_text=_(
            "Cooperation guides on the public site may show this tie's title, kind and years, "
            "its institution and its public actors, never its description. Name no people in "
            "the title."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("higher-education tie")
        verbose_name_plural = _("higher-education ties")
        indexes = [
            models.Index(fields=["town", "start_date"], name="seutu_heitie_town_start"),
            models.Index(fields=["institution", "start_date"], name="seutu_heitie_hei_start"),
        ]

    def __str__(self):
        return f"{self.town}: {self.title} ({self.institution})"

    def title_in(self, language):
        """The title in ``language`` and the language it is in (Finnish when none is given)."""
        title = getattr(self, f"title_{language}", "") if language != "fi" else ""
        return (title, language) if title else (self.title, "fi")

    def clean(self):
        errors = {}
        if self.institution_id and self.institution.actor_type not in HEI_TYPES:
            errors["institution"] = _("Choose a university or a university of applied sciences.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)
