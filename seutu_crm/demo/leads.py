"""Demo pipeline: leads in every stage for each network town, with history, activities,
tasks and a few referrals — enough for the board, the dashboard and the report to show
something, and fast enough (bulk writes) to make 100,000 leads for the benchmarks.

Deterministic: the same ``size`` and ``seed`` give the same pipeline. Leads are spread over
the network towns and the existing organisations (run ``seutu_demo`` first); each town's
demo business developer (``bd-<town>``) owns most of its leads.
"""

import random
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import (
    Activity,
    ActivityKind,
    Lead,
    LeadKind,
    LeadSource,
    LeadStageChange,
    Organisation,
    Referral,
    Stage,
    Task,
    Town,
)

# How common each stage is in a plausible pipeline (a funnel with side states).
STAGE_WEIGHTS = {
    Stage.IDENTIFIED: 30,
    Stage.CONTACTED: 20,
    Stage.QUALIFIED: 14,
    Stage.ACTIVE: 10,
    Stage.DECISION: 6,
    Stage.WON: 5,
    Stage.AFTERCARE: 4,
    Stage.ON_HOLD: 5,
    Stage.LOST: 6,
}
NEXT_STEPS = [
    "Lähetä tonttitarjous",
    "Sovi tutustumiskäynti",
    "Kutsu Business Finlandin tapaamiseen",
    "Selvitä sähköliittymän kapasiteetti",
    "Esittele osaajatarjonta",
    "Soita toimitusjohtajalle",
]
ACTIVITY_TEXTS = [
    "Ensimmäinen yhteydenotto, kiinnostusta laajentumiseen.",
    "Tapasimme messuilla; tarve noin 5 000 m² teollisuustilalle.",
    "Tutustumiskäynti teollisuusalueella, mukana kaupunginjohtaja.",
    "Lähetimme rahoitusvaihtoehdot ja osaajatilanteen.",
]
LOST_REASONS = ["Valitsi toisen maan", "Hanke jäädytettiin", "Rahoitus ei järjestynyt"]


def generate_leads(size, *, seed=1, batch_size=2000, with_history=True):
    """Create ``size`` demo leads (plus history when ``with_history``); returns seconds taken."""
    started = time.perf_counter()
    rng = random.Random(seed)
    towns = list(Town.objects.in_network().order_by("code"))
    organisation_pks = list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:50_000])
    if not towns or not organisation_pks:
        raise RuntimeError("Load the demo organisations first (seutu_demo).")
    User = get_user_model()
    owners = {
        town.pk: User.objects.filter(username=f"bd-{slugify(town.name_fi)}").first() for town in towns
    }
    stages, weights = zip(*STAGE_WEIGHTS.items())
    now = timezone.now()
    today = timezone.localdate()
    for start in range(0, size, batch_size):
        leads = []
        for _ in range(min(batch_size, size - start)):
            town = rng.choice(towns)
            stage = rng.choices(stages, weights)[0]
            estimated = rng.choice([0.2, 0.5, 1, 2, 5, 10, 25, 60]) * 1_000_000
            closed = stage in Stage.closed_stages()
            won = stage in Stage.won_stages()
            leads.append(
                Lead(
                    organisation_id=rng.choice(organisation_pks),
                    town=town,
                    owner=owners[town.pk] if rng.random() < 0.8 else None,
                    stage=stage,
                    kind=rng.choice(LeadKind.values),
                    source=rng.choice(LeadSource.values),
                    estimated_investment=estimated,
                    realised_investment=estimated * rng.choice([0.6, 0.9, 1, 1.2]) if won else None,
                    estimated_jobs=rng.randint(2, 150),
                    realised_jobs=rng.randint(1, 120) if won else None,
                    probability=rng.choice([10, 20, 40, 60, 80]),
                    expected_decision_date=today + timedelta(days=rng.randint(-30, 240)),
                    next_step=rng.choice(NEXT_STEPS),
                    next_step_date=today + timedelta(days=rng.randint(-14, 45)),
                    lost_reason=rng.choice(LOST_REASONS) if stage == Stage.LOST else "",
                    last_activity_at=now - timedelta(days=rng.randint(0, 200)),
                    closed_at=now - timedelta(days=rng.randint(0, 500)) if closed else None,
                )
            )
        with transaction.atomic():
            Lead.objects.bulk_create(leads)
            if with_history:
                _write_history(leads, rng, owners, now)
    return time.perf_counter() - started


def _write_history(leads, rng, owners, now):
    changes, activities, tasks = [], [], []
    for lead in leads:
        owner = owners[lead.town_id]
        changes.append(
            LeadStageChange(
                lead=lead, from_stage="", to_stage=Stage.IDENTIFIED, town_id=lead.town_id,
                changed_at=lead.last_activity_at - timedelta(days=30),
            )
        )
        if lead.stage != Stage.IDENTIFIED:
            changes.append(
                LeadStageChange(
                    lead=lead, from_stage=Stage.IDENTIFIED, to_stage=lead.stage,
                    town_id=lead.town_id, changed_by=owner, changed_at=lead.last_activity_at,
                )
            )
        activities.append(
            Activity(
                lead=lead, organisation_id=lead.organisation_id, town_id=lead.town_id,
                kind=rng.choice(ActivityKind.values), date=timezone.localdate(lead.last_activity_at),
                text=rng.choice(ACTIVITY_TEXTS), created_by=owner,
            )
        )
        if lead.is_open:
            tasks.append(
                Task(
                    lead=lead, organisation_id=lead.organisation_id, town_id=lead.town_id,
                    title=lead.next_step, due_date=lead.next_step_date, assignee=lead.owner,
                    created_by=owner,
                )
            )
    LeadStageChange.objects.bulk_create(changes)
    Activity.objects.bulk_create(activities)
    Task.objects.bulk_create(tasks)
    # One lead in fifty was handed over from a neighbouring town.
    referrals = []
    town_ids = sorted(owners)
    for lead in leads[::50]:
        from_town_id = town_ids[(town_ids.index(lead.town_id) + 1) % len(town_ids)]
        if from_town_id != lead.town_id:
            referrals.append(
                Referral(
                    lead=lead, from_town_id=from_town_id, to_town_id=lead.town_id,
                    reason="Sijainti ja osaajat sopivat paremmin", actor_agreed=True,
                    referred_by=owners[from_town_id], referred_at=lead.last_activity_at,
                )
            )
    Referral.objects.bulk_create(referrals)
