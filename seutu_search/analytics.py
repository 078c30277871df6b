"""What visitors search for, counted per week: the query text only (normalised), never an
address, a user or a session. Zero-result queries are the network's signal of what is looked
for and not found."""

import datetime
import logging

from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_RECORDED_LENGTH = 200


def normalise_query_text(text):
    """Case-folded, whitespace-collapsed, cut to a bounded length; "" for nothing to record."""
    return " ".join((text or "").split()).casefold()[:MAX_RECORDED_LENGTH]


def week_of(moment=None):
    """The Monday of the ISO week of ``moment`` (default: now, in the site's time zone)."""
    day = timezone.localdate(moment) if moment else timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def record_search(text, total, moment=None):
    """Count one search of ``text`` that found ``total`` hits. Never fails the search."""
    from .models import SearchQueryStat

    text = normalise_query_text(text)
    if not text:
        return
    week = week_of(moment)
    zero = 1 if total == 0 else 0
    try:
        with transaction.atomic():
            updated = SearchQueryStat.objects.filter(week=week, text=text).update(
                searches=F("searches") + 1, zero_results=F("zero_results") + zero
            )
            if not updated:
                try:
                    with transaction.atomic():
                        SearchQueryStat.objects.create(
                            week=week, text=text, searches=1, zero_results=zero
                        )
                except IntegrityError:  # another request created it first
                    SearchQueryStat.objects.filter(week=week, text=text).update(
                        searches=F("searches") + 1, zero_results=F("zero_results") + zero
                    )
    except DatabaseError:
        logger.exception("could not record a search query")


def top_queries(week=None, zero_results_only=False):
    """Query texts with their counts, most searched first, for one week or all weeks."""
    from .models import SearchQueryStat

    rows = SearchQueryStat.objects.all()
    if week is not None:
        rows = rows.filter(week=week)
    if zero_results_only:
        rows = rows.filter(zero_results__gt=0)
    return (
        rows.values("week", "text")
        .annotate(total_searches=Sum("searches"), total_zero_results=Sum("zero_results"))
        .order_by("-week", models.F("total_zero_results" if zero_results_only else "total_searches").desc(), "text")
    )
