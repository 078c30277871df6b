"""The network towns' recorded cooperation with higher-education institutions, counted.

:func:`hei_tie_counts` gives each town's ties in force on a day by kind; the daily snapshot
stores them (``figures["hei_ties"]``), so strategy goals can measure them over time.
"""

from django.db.models import Count, Q

from ..models import HigherEducationTie


def hei_tie_counts(town_ids, on=None):
    """{town pk: {tie kind: ties}} for ``town_ids``: ties in force on ``on`` (default: all)."""
    ties = HigherEducationTie.objects.filter(town_id__in=list(town_ids))
    if on is not None:
        ties = ties.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
    found = {pk: {} for pk in town_ids}
    for row in ties.values("town_id", "kind").annotate(n=Count("pk")).order_by("town_id", "kind"):
        found[row["town_id"]][row["kind"]] = row["n"]
    return found
