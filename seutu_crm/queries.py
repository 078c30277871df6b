"""Read-only questions about the pipeline, asked on behalf of a user: the dashboard panels and
the pipeline report. Every function limits itself to the user's towns
(:func:`seutu_crm.scoping.get_scope`) and costs a fixed number of queries.
"""

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractQuarter
from django.utils import timezone

from .models import Lead, Referral, Stage, Task, Town
from .scoping import get_scope


def _towns(user):
    return get_scope(user).town_ids()


def my_tasks(user, days=14, limit=10):
    """(overdue, upcoming) open tasks assigned to ``user``; upcoming means due within ``days``."""
    today = timezone.localdate()
    tasks = (
        Task.objects.open()
        .filter(assignee=user, town_id__in=_towns(user))
        .select_related("lead__organisation")
        .order_by("due_date", "pk")
    )
    overdue = list(tasks.filter(due_date__lt=today)[:limit])
    upcoming = list(
        tasks.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))[
            :limit
        ]
    )
    return overdue, upcoming


def pipeline_by_stage(user):
    """Every stage with the count, estimated euros and estimated jobs of the user's towns' leads."""
    totals = {
        row["stage"]: row
        for row in Lead.objects.filter(town_id__in=_towns(user))
        .order_by()
        .values("stage")
        .annotate(
            count=Count("pk"), investment=Sum("estimated_investment"), jobs=Sum("estimated_jobs")
        )
    }
    return [
        {
            "stage": stage,
            "label": label,
            "count": totals.get(stage, {}).get("count", 0),
            "investment": totals.get(stage, {}).get("investment") or 0,
            "jobs": totals.get(stage, {}).get("jobs") or 0,
        }
        for stage, label in Stage.choices
    ]


def stale_leads(user, limit=10):
    """The user's towns' leads idle longer than ``STALE_DAYS`` allows (``Lead.objects.stale()``)."""
    return list(
        Lead.objects.filter(town_id__in=_towns(user))
        .stale()
        .select_related("organisation", "town")
        .order_by("last_activity_at")[:limit]
    )


def decisions_due(user, days=30, limit=10):
    """Open leads whose expected decision falls within the next ``days`` days."""
    today = timezone.localdate()
    return list(
        Lead.objects.open()
        .filter(
            town_id__in=_towns(user),
            expected_decision_date__gte=today,
            expected_decision_date__lte=today + datetime.timedelta(days=days),
        )
        .select_related("organisation", "town")
        .order_by("expected_decision_date", "pk")[:limit]
    )


def referrals_received(user, days=90, limit=10):
    """Referrals to the user's towns in the last ``days`` days, newest first."""
    since = timezone.now() - datetime.timedelta(days=days)
    return list(
        Referral.objects.filter(to_town_id__in=_towns(user), referred_at__gte=since)
        .select_related("lead__organisation", "from_town", "to_town")
        .order_by("-referred_at", "-pk")[:limit]
    )


REPORT_COUNTERS = (
    "won",
    "lost",
    "won_after_referral",
    "referred_out",
    "referred_in",
    "estimated_investment",
    "realised_investment",
    "estimated_jobs",
    "realised_jobs",
)


def pipeline_report(user, year):
    """Per town of the user's scope and quarter of ``year``: outcomes, referrals and value.

    Won and lost leads count in the quarter they closed (``closed_at``), for the town holding
    them then. A referral credits both towns: ``referred_out`` / ``referred_in`` count the
    hand-overs, and ``won_after_referral`` credits the referring town with the leads it
    handed on that were later won.
    """
    towns = _towns(user)
    rows = {}

    def row(town_id, quarter):
        return rows.setdefault(
            (town_id, quarter), {key: 0 for key in REPORT_COUNTERS}
        )

    closed = (
        Lead.objects.filter(town_id__in=towns, closed_at__year=year)
        .annotate(quarter=ExtractQuarter("closed_at"))
        .order_by()
        .values("town_id", "quarter")
        .annotate(
            won=Count("pk", filter=Q(stage__in=Stage.won_stages())),
            lost=Count("pk", filter=Q(stage=Stage.LOST)),
            estimated_investment=Sum(
                "estimated_investment", filter=Q(stage__in=Stage.won_stages())
            ),
            realised_investment=Sum("realised_investment", filter=Q(stage__in=Stage.won_stages())),
            estimated_jobs=Sum("estimated_jobs", filter=Q(stage__in=Stage.won_stages())),
            realised_jobs=Sum("realised_jobs", filter=Q(stage__in=Stage.won_stages())),
        )
    )
    for values in closed:
        target = row(values["town_id"], values["quarter"])
        for key in ("won", "lost", "estimated_investment", "realised_investment", "estimated_jobs", "realised_jobs"):
            target[key] += values[key] or 0

    for field, key in (("from_town_id", "referred_out"), ("to_town_id", "referred_in")):
        referrals = (
            Referral.objects.filter(**{f"{field}__in": towns}, referred_at__year=year)
            .annotate(quarter=ExtractQuarter("referred_at"))
            .order_by()
            .values(field, "quarter")
            .annotate(count=Count("pk"))
        )
        for values in referrals:
            row(values[field], values["quarter"])[key] += values["count"]

    won_after = (
        Referral.objects.filter(
            from_town_id__in=towns,
            lead__stage__in=Stage.won_stages(),
            lead__closed_at__year=year,
        )
        .annotate(quarter=ExtractQuarter("lead__closed_at"))
        .order_by()
        .values("from_town_id", "quarter")
        .annotate(count=Count("lead_id", distinct=True))
    )
    for values in won_after:
        row(values["from_town_id"], values["quarter"])["won_after_referral"] += values["count"]

    names = {town.pk: town.name for town in Town.objects.filter(pk__in={k[0] for k in rows})}
    return [
        {"town": names[town_id], "quarter": f"{year} Q{quarter}", **counters}
        for (town_id, quarter), counters in sorted(
            rows.items(), key=lambda item: (names[item[0][0]], item[0][1])
        )
    ]
