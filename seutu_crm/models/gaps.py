"""What the gap analysis keeps: the competence space of a day, and proposals between towns.

The gaps themselves are computed (:mod:`seutu_crm.ecosystem.gaps`); only what is costly to
compute — how close competences and industries are to each other, from how often they occur
together in the register's organisations — is stored, once a day with the snapshots.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .geography import Town
from .taxonomy import Competence


class Dimension(models.TextChoices):
    COMPETENCE = "competence", _("Competence")
    INDUSTRY = "industry", _("Industry (TOL division)")


class ProximityMatrix(models.Model):
    """φ(a, b) = min(P(a|b), P(b|a)) over the register's active organisations on one day.

    ``keys`` are competence slugs or TOL division codes; ``occurrences[i]`` is how many
    organisations have ``keys[i]``; ``proximity`` holds the pairs with φ > 0 as
    ``[i, j, φ]`` with i < j (φ is symmetric).
    """

    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    date = models.DateField(_("date"), db_index=True)
    organisations = models.PositiveIntegerField(_("organisations"), default=0)
    keys = models.JSONField(_("keys"), default=list)
    occurrences = models.JSONField(_("occurrences"), default=list)
    proximity = models.JSONField(_("proximity"), default=list)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        ordering = ["dimension", "-date"]
        get_latest_by = "date"
        verbose_name = _("proximity matrix")
        verbose_name_plural = _("proximity matrices")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "date"], name="seutu_crm_one_proximity_matrix_a_day"
            )
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} {self.date}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PartnershipProposal(models.Model):
    """One town proposes to another town of the network to work together on a competence.

    Made from the gap analysis when the other town is specialised in what this town lacks;
    both towns see it.
    """

    from_town = models.ForeignKey(
        Town,
        verbose_name=_("proposing town"),
        on_delete=models.CASCADE,
        related_name="proposals_made",
        limit_choices_to={"in_network": True},
    )
    to_town = models.ForeignKey(
        Town,
        verbose_name=_("partner town"),
        on_delete=models.CASCADE,
        related_name="proposals_received",
        limit_choices_to={"in_network": True},
    )
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("competence"),
        on_delete=models.PROTECT,
        related_name="partnership_proposals",
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("partnership proposal")
        verbose_name_plural = _("partnership proposals")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_town=models.F("to_town")),
                name="seutu_proposal_other_town",
            ),
        ]

    def __str__(self):
        return f"{self.from_town} → {self.to_town}: {self.competence}"

    def clean(self):
        if self.from_town_id and self.from_town_id == self.to_town_id:
            raise ValidationError({"to_town": _("Propose the partnership to another town.")})
