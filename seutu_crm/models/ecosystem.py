"""What the ecosystem analysis keeps: official key figures of towns and dated snapshots.

Profiles, benchmarks and network measures are computed from the register
(:mod:`seutu_crm.ecosystem`); only official figures that the register cannot know
(:class:`TownIndicator`, imported from Statistics Finland) and the figures of past days
(:class:`EcosystemSnapshot`) are stored.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .geography import Town


class TownIndicator(models.Model):
    """One official figure of a town (or, with no town, of the whole of Finland) for a year."""

    town = models.ForeignKey(
        Town,
        verbose_name=_("town"),
        on_delete=models.CASCADE,
        related_name="indicators",
        null=True,
        blank=True,
        help_text=_("Empty for a figure of the whole of Finland."),
    )
    indicator = models.CharField(
        _("indicator"),
        max_length=100,
        help_text=_("The figure's code in its source table, e.g. vaesto (population)."),
    )
    label = models.CharField(_("label"), max_length=255, blank=True)
    industry_code = models.CharField(
        _("industry (TOL 2008)"),
        max_length=10,
        blank=True,
        help_text=_("For a figure broken down by industry; empty for the total."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=255)
    table = models.CharField(_("source table"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        ordering = ["town", "indicator", "industry_code", "-year"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        constraints = [
            models.UniqueConstraint(
                fields=["town", "indicator", "industry_code", "year"],
                name="seutu_crm_one_indicator_value_per_year",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.town or 'Suomi'} {self.indicator} {self.year}: {self.value}"


class EcosystemSnapshot(models.Model):
    """A town's ecosystem figures on one day: the basis of trends and computed goals.

    ``figures`` holds what :func:`seutu_crm.ecosystem.snapshots.snapshot_figures` computes:
    counts by type, competence, industry and size, completeness, network measures and
    pipeline outcomes, plus the ids of the town's active actors (for "new and removed since").
    """

    town = models.ForeignKey(
        Town, verbose_name=_("town"), on_delete=models.CASCADE, related_name="snapshots"
    )
    date = models.DateField(_("date"), db_index=True)
    figures = models.JSONField(_("figures"), default=dict)
    taken_at = models.DateTimeField(_("taken"), auto_now=True)

    class Meta:
        ordering = ["town", "-date"]
        get_latest_by = "date"
        verbose_name = _("ecosystem snapshot")
        verbose_name_plural = _("ecosystem snapshots")
        constraints = [
            models.UniqueConstraint(fields=["town", "date"], name="seutu_crm_one_snapshot_a_day")
        ]

    def __str__(self):
        return f"{self.town} {self.date}"


class OpenDataRecord(models.Model):
    """The values an open-data register last gave for an organisation, and where from.

    A re-import overwrites a field only while it still holds the value the register gave last
    time (or is empty): a value a person edited in Seutu is theirs, and it stays.
    """

    organisation = models.ForeignKey(
        "seutu_crm.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="open_data_records",
    )
    source = models.CharField(_("source"), max_length=50)
    record_id = models.CharField(_("identifier in the source"), max_length=50)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    values = models.JSONField(_("values"), default=dict)
    source_updated = models.DateTimeField(_("updated in the source"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("open-data record")
        verbose_name_plural = _("open-data records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "record_id"], name="seutu_crm_one_record_per_source_id"
            ),
            models.UniqueConstraint(
                fields=["organisation", "source"], name="seutu_crm_one_record_per_source"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.record_id}"


class RegisterVersion(models.Model):
    """One row whose ``version`` grows with every committed change to the shared register.

    The ecosystem figures are cached under it (:mod:`seutu_crm.ecosystem.cache`): every worker
    process reads the same row, so none serves figures of a register that has changed since.
    """

    version = models.BigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("register version")
        verbose_name_plural = _("register versions")

    def __str__(self):
        return str(self.version)
