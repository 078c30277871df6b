"""Models of seutu_search. They live beside the code that uses them; imported here so that
Django finds them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .backends.database.models import IndexBody, IndexCell, IndexEntry, IndexFacet  # noqa: F401
from .outbox import IndexRebuild, OutboxEntry  # noqa: F401


class SearchTerm(models.Model):
    """A normalised term that is in the index: what typo correction and "did you mean" pick
    from (see :class:`seutu_search.language.Vocabulary`)."""

    term = models.CharField(max_length=100, unique=True)

    class Meta:
        db_table = "seutu_search_term"

    def __str__(self):
        return self.term


class SearchQueryStat(models.Model):
    """How often one query text was searched in one week, and how often it found nothing.
    Holds the text only: no address, user or session (see :mod:`seutu_search.analytics`)."""

    week = models.DateField(_("week starting"), db_index=True)
    text = models.CharField(_("query"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches with no results"), default=0)

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [
            models.UniqueConstraint(fields=["week", "text"], name="seutu_search_one_stat_per_week")
        ]

    def __str__(self):
        return f"{self.week}: {self.text}"
