"""The Invest-in pipeline: leads, their stage history and referrals between towns.

A :class:`Lead` is an actor a town of the network wants to attract. It belongs to its
*recruiting town* (``town``): only that town's members and coordinators see it
(:mod:`seutu_crm.scoping`). Change stages, owners and towns through
:mod:`seutu_crm.services.pipeline` and :mod:`seutu_crm.services.referrals`, which validate,
log and keep the denormalised fields (``last_activity_at``, ``closed_at``) right.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .geography import Town
from .organisations import Organisation
from .taxonomy import Competence


class Stage(models.TextChoices):
    """Stages of investment-promotion practice, in pipeline order; on hold and lost are side states."""

    IDENTIFIED = "identified", _("Identified")
    CONTACTED = "contacted", _("Contacted")
    QUALIFIED = "qualified", _("Qualified")
    ACTIVE = "active", _("Active project")
    DECISION = "decision", _("Decision pending")
    WON = "won", _("Won")
    AFTERCARE = "aftercare", _("Aftercare")
    ON_HOLD = "on_hold", _("On hold")
    LOST = "lost", _("Lost")

    @classmethod
    def ordered(cls):
        """Every stage in board order (the declaration order)."""
        return list(cls)

    @classmethod
    def open_stages(cls):
        """Stages of leads still being worked on (not yet won, not lost)."""
        return [cls.IDENTIFIED, cls.CONTACTED, cls.QUALIFIED, cls.ACTIVE, cls.DECISION, cls.ON_HOLD]

    @classmethod
    def won_stages(cls):
        return [cls.WON, cls.AFTERCARE]

    @classmethod
    def closed_stages(cls):
        return [cls.WON, cls.AFTERCARE, cls.LOST]


class LeadKind(models.TextChoices):
    NEW_ESTABLISHMENT = "new_establishment", _("New establishment")
    EXPANSION = "expansion", _("Expansion")
    RELOCATION = "relocation", _("Relocation")
    RDI_PARTNERSHIP = "rdi_partnership", _("RDI partnership")
    TALENT = "talent", _("Talent")


class LeadSource(models.TextChoices):
    INBOUND = "inbound", _("Inbound inquiry")
    INVEST_IN_FORM = "invest-in-form", _("Invest-in form")
    OWN_RESEARCH = "own_research", _("Own research")
    EVENT = "event", _("Event or fair")
    NETWORK = "network", _("Network or partner")
    REFERRAL = "referral", _("Referral from another town")
    NATIONAL_AGENCY = "national_agency", _("National agency (Business Finland)")
    GAP_ANALYSIS = "gap_analysis", _("Gap analysis")
    OTHER = "other", _("Other")


def closed_at_after(from_stage, to_stage, closed_at, now):
    """When a lead closed: kept between won and aftercare, set on closing, cleared on re-opening."""
    if to_stage not in Stage.closed_stages():
        return None
    if closed_at and from_stage in Stage.won_stages() and to_stage in Stage.won_stages():
        return closed_at
    return now


class LeadQuerySet(models.QuerySet):
    def open(self):
        return self.filter(stage__in=Stage.open_stages())

    def won(self):
        return self.filter(stage__in=Stage.won_stages())

    def lost(self):
        return self.filter(stage=Stage.LOST)

    def stale(self, now=None):
        """Leads without activity for longer than ``SEUTU_CRM["STALE_DAYS"]`` allows for their stage.

        Stages missing from the setting (and "lost") are never stale.
        """
        from ..conf import get_setting

        now = now or timezone.now()
        condition = models.Q(pk__in=[])
        for stage, days in get_setting("STALE_DAYS").items():
            if stage != Stage.LOST:
                condition |= models.Q(stage=stage, last_activity_at__lt=now - timedelta(days=days))
        return self.filter(condition)


class Lead(models.Model):
    """An Invest-in case: an actor that ``town`` wants to attract, tracked through the pipeline."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="leads",
    )
    town = models.ForeignKey(
        Town,
        verbose_name=_("recruiting town"),
        on_delete=models.PROTECT,
        related_name="leads",
        limit_choices_to={"in_network": True},
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_leads",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.IDENTIFIED
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=LeadKind.choices, default=LeadKind.NEW_ESTABLISHMENT
    )
    source = models.CharField(
        _("source"), max_length=32, choices=LeadSource.choices, default=LeadSource.OWN_RESEARCH
    )
    estimated_investment = models.DecimalField(
        _("estimated investment (EUR)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    realised_investment = models.DecimalField(
        _("realised investment (EUR)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    estimated_jobs = models.PositiveIntegerField(_("estimated jobs"), null=True, blank=True)
    realised_jobs = models.PositiveIntegerField(_("realised jobs"), null=True, blank=True)
    probability = models.PositiveSmallIntegerField(
        _("probability (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    expected_decision_date = models.DateField(_("expected decision date"), null=True, blank=True)
    competences = models.ManyToManyField(
        Competence,
        verbose_name=_("competences it would bring"),
        blank=True,
        related_name="leads",
    )
    gap = models.ForeignKey(
        Competence,
        verbose_name=_("gap it would close"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gap_leads",
        help_text=_("The competence gap of the recruiting town that this lead was found for."),
    )
    # How much the lead would close its town's competence gaps (0–100), kept by
    # seutu_crm.ecosystem.lead_fit when the lead's competences or the town's gaps change,
    # so that the pipeline can sort and filter by it.
    gap_fit = models.PositiveSmallIntegerField(
        _("gap fit"), null=True, blank=True, editable=False
    )
    next_step = models.CharField(_("next step"), max_length=255, blank=True)
    next_step_date = models.DateField(_("next step date"), null=True, blank=True)
    lost_reason = models.TextField(_("lost reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Denormalised so that "stale leads" and the board need no aggregate over activities.
    last_activity_at = models.DateTimeField(
        _("last activity"), default=timezone.now, db_index=True, editable=False
    )
    # When the lead was won or lost (kept from won into aftercare; cleared if re-opened):
    # the pipeline report counts outcomes by the quarter of this date.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        indexes = [
            # board and dashboard: a town's leads by stage
            models.Index(fields=["town", "stage"], name="seutu_lead_town_stage"),
            # stale leads: stage + last activity
            models.Index(fields=["stage", "last_activity_at"], name="seutu_lead_stage_activity"),
            models.Index(fields=["owner", "stage"], name="seutu_lead_owner_stage"),
            models.Index(fields=["expected_decision_date"], name="seutu_lead_decision_date"),
            models.Index(fields=["town", "closed_at"], name="seutu_lead_town_closed"),
            models.Index(fields=["town", "gap_fit"], name="seutu_lead_town_fit"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(probability__isnull=True) | models.Q(probability__lte=100),
                name="seutu_lead_probability_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.town}"

    # -- stage history ------------------------------------------------------------------
    # Whatever moves a lead — move_stage(), the admin's edit form, a bulk action — goes
    # through save(), which records the move (LeadStageChange + audit log) with the acting
    # user: the one given by move_stage(), else the user of Wagtail's log context (every
    # admin view runs in one).

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_stage = instance.__dict__.get("stage")
        return instance

    def save(self, *args, **kwargs):
        from wagtail.log_actions import get_active_log_context

        previous = getattr(self, "_loaded_stage", None)
        creating = self._state.adding
        moved = not creating and previous is not None and previous != self.stage
        if moved:
            now = timezone.now()
            self.closed_at = closed_at_after(previous, self.stage, self.closed_at, now)
            self.last_activity_at = now
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "closed_at", "last_activity_at"}
        elif creating and self.stage in Stage.closed_stages() and not self.closed_at:
            self.closed_at = timezone.now()
        super().save(*args, **kwargs)
        if creating or moved:
            user = getattr(self, "_stage_change_user", None) or get_active_log_context().user
            self.last_stage_change = LeadStageChange.objects.create(
                lead=self,
                from_stage="" if creating else previous,
                to_stage=self.stage,
                town_id=self.town_id,
                changed_by=user if user is not None and user.is_authenticated else None,
                note=getattr(self, "_stage_change_note", ""),
            )
            if moved:
                from wagtail.log_actions import log

                log(
                    self,
                    "seutu_crm.stage_change",
                    user=self.last_stage_change.changed_by,
                    data={"from": previous, "to": self.stage, "lost_reason": self.lost_reason},
                )
        self._loaded_stage = self.stage

    def clean(self):
        if self.stage == Stage.LOST and not (self.lost_reason or "").strip():
            raise ValidationError({"lost_reason": _("Give the reason why the lead was lost.")})
        if self.town_id and not self.town.in_network:
            raise ValidationError({"town": _("The recruiting town must be a town of the network.")})

    @property
    def gap_name(self):
        """The gap's name, empty without one (for exports)."""
        return self.gap.name if self.gap_id else ""

    @property
    def is_open(self):
        return self.stage in Stage.open_stages()

    @property
    def next_step_overdue(self):
        return bool(
            self.next_step_date and self.is_open and self.next_step_date < timezone.localdate()
        )


class LeadStageChange(models.Model):
    """One move of a lead between stages: from, to, who, when, and the town that held it.

    A table of its own (rather than only Wagtail log entries, which are written too) because
    the timeline and the reports query transitions by lead, town and date with indexes.
    """

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(
        _("from stage"), max_length=16, choices=Stage.choices, blank=True
    )
    to_stage = models.CharField(_("to stage"), max_length=16, choices=Stage.choices)
    town = models.ForeignKey(
        Town, verbose_name=_("town"), on_delete=models.PROTECT, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["lead", "changed_at"], name="seutu_stagechange_lead")]

    def __str__(self):
        return f"{self.lead}: {self.get_from_stage_display()} → {self.get_to_stage_display()}"


class Referral(models.Model):
    """A lead handed from one town of the network to another, with the actor's agreement.

    Both towns see the referral; reports credit the referring town and the receiving town.
    """

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="referrals"
    )
    from_town = models.ForeignKey(
        Town,
        verbose_name=_("referring town"),
        on_delete=models.PROTECT,
        related_name="referrals_made",
    )
    to_town = models.ForeignKey(
        Town,
        verbose_name=_("receiving town"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    reason = models.TextField(_("reason"))
    actor_agreed = models.BooleanField(
        _("the actor agreed"),
        help_text=_("The actor has agreed that its information is handed to the receiving town."),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    referred_at = models.DateTimeField(_("referred at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-referred_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["to_town", "referred_at"], name="seutu_referral_to_town"),
            models.Index(fields=["from_town", "referred_at"], name="seutu_referral_from_town"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(actor_agreed=True), name="seutu_referral_actor_agreed"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_town=models.F("to_town")),
                name="seutu_referral_other_town",
            ),
        ]

    def __str__(self):
        return f"{self.lead.organisation}: {self.from_town} → {self.to_town}"
