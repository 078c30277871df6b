from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .geography import Town


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    BUSINESS_DEVELOPER = "business_developer", _("Business developer")
    COORDINATOR = "coordinator", _("Coordinator (whole network)")


class TownMembership(models.Model):
    """A user's role in a town of the network; a coordinator's membership covers every town."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="town_memberships",
    )
    town = models.ForeignKey(
        Town,
        verbose_name=_("town"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        limit_choices_to={"in_network": True},
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("town membership")
        verbose_name_plural = _("town memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "town"], name="seutu_crm_one_role_per_town")
        ]

    def __str__(self):
        where = self.town or _("whole network")
        return f"{self.user} – {self.get_role_display()} – {where}"

    def clean(self):
        if self.role != Role.COORDINATOR and not self.town_id:
            raise ValidationError({"town": _("Choose the town of this membership.")})
