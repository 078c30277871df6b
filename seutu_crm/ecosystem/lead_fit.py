"""How much a lead would close its town's competence gaps.

A lead's *gap fit* joins the gap scores of the competences it would bring as independent
chances: fit = 100 · (1 − Π (1 − score / 100)) over its competences that are gaps of its town.
One gap of 60 gives 60; two of 60 give 84; a lead that brings only strengths gives 0. It is
stored on the lead (``Lead.gap_fit``) so that the pipeline sorts and filters by it, and kept
fresh when a lead's competences or town change and when the daily snapshot recomputes the gaps.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

from ..models import Lead, Town
from .gaps import town_gaps


@dataclass
class LeadFit:
    score: int
    gaps: list  # Gap rows of the lead's competences that are gaps, the highest first


def lead_fit(lead, table=None):
    """The :class:`LeadFit` of ``lead`` against its town's gap table."""
    table = table or town_gaps(lead.town)
    rows = table.by_key()
    slugs = {competence.slug for competence in lead.competences.all()}
    gaps = sorted(
        (rows[slug] for slug in slugs if slug in rows and rows[slug].is_gap),
        key=lambda gap: (-gap.score, gap.key),
    )
    remaining = 1.0
    for gap in gaps:
        remaining *= 1 - gap.score / 100
    return LeadFit(round(100 * (1 - remaining)), gaps)


def refresh_fits(town_ids=None):
    """Recompute the stored fit of every lead of ``town_ids`` (default: every network town)."""
    towns = Town.objects.in_network()
    if town_ids is not None:
        towns = towns.filter(pk__in=list(town_ids))
    changed = 0
    for town in towns:
        table = town_gaps(town)
        leads = Lead.objects.filter(town=town).prefetch_related("competences")
        stale = []
        for lead in leads:
            score = lead_fit(lead, table).score
            if lead.gap_fit != score:
                lead.gap_fit = score
                stale.append(lead)
        with transaction.atomic():
            # Not save(): the fit is derived, and a save would count as the lead's activity.
            Lead.objects.bulk_update(stale, ["gap_fit"], batch_size=500)
        changed += len(stale)
    return changed


def refresh_lead(lead_id):
    """Recompute one lead's stored fit (after its competences or town changed)."""
    lead = Lead.objects.select_related("town").filter(pk=lead_id).first()
    if lead is None:
        return
    score = lead_fit(lead).score
    if lead.gap_fit != score:
        Lead.objects.filter(pk=lead.pk).update(gap_fit=score)


def _competences_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    lead_ids = list(pk_set or []) if reverse else [instance.pk]
    for lead_id in lead_ids:
        _refresh_after_commit(lead_id)


def _lead_saved(sender, instance, created, **kwargs):
    if created:
        _refresh_after_commit(instance.pk)


class _Refresh:
    """An on-commit callback that knows its lead, so that one transaction queues it once."""

    def __init__(self, lead_id):
        self.lead_id = lead_id

    def __call__(self):
        refresh_lead(self.lead_id)


def _refresh_after_commit(lead_id):
    # After the commit: the form writes the lead's competences after the lead itself, and
    # a rolled-back save must not leave a fit behind.
    queued = transaction.get_connection().run_on_commit
    if not any(getattr(func, "lead_id", None) == lead_id for _sids, func, *_rest in queued):
        transaction.on_commit(_Refresh(lead_id))


def connect():
    """Keep stored fits fresh when a lead is made or its competences change."""
    post_save.connect(_lead_saved, sender=Lead, dispatch_uid="seutu_crm_lead_fit_save")
    m2m_changed.connect(
        _competences_changed, sender=Lead.competences.through,
        dispatch_uid="seutu_crm_lead_fit_competences",
    )
