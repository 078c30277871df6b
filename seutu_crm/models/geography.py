from django.db import models
from django.utils.translation import gettext_lazy as _

from .localised import localised


class Region(models.Model):
    """A maakunta / landskap, by its official two-digit code."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localised(self, "name")


class TownQuerySet(models.QuerySet):
    def in_network(self):
        return self.filter(in_network=True)


class Town(models.Model):
    """A Finnish municipality, by its official three-digit code; ``in_network`` marks our towns."""

    code = models.CharField(_("municipality code"), max_length=3, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="towns"
    )
    in_network = models.BooleanField(_("in the network"), default=False)
    swedish_majority = models.BooleanField(_("Swedish-speaking majority"), default=False)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    objects = TownQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("town")
        verbose_name_plural = _("towns")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localised(self, "name")

    @property
    def name_en(self):
        # Finnish towns go by their Finnish name in English.
        return self.name_fi
