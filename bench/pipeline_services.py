"""Time and SQL queries of the pipeline's domain services as the pipeline grows.

    .venv/bin/python bench/pipeline_services.py --size 100000 [--repeat 30]

Builds a demo pipeline of ``--size`` leads (with history, and as many audit-log entries),
then, as Raahe's business developer, times: a stage move, an inbound inquiry, the stale
leads of the user's towns, the scoped lead count, and a personal-data erasure (which scans
revisions and log entries, so it is the one expected to grow with the data).
Prints p50/p95 milliseconds and SQL queries of each.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_setup import setup_django  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(label, repeat, action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for i in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action(i)
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
    print(
        f"{label:<42} p50 {statistics.median(timings):8.1f} ms   p95 {percentile(timings, 0.95):8.1f} ms"
        f"   queries {min(queries)}–{max(queries)}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="leads (100 to 100,000)")
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per scenario")
    args = parser.parse_args()

    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from seutu_crm.demo import load_demo
    from seutu_crm.demo.leads import generate_leads
    from seutu_crm.models import Contact, CRMLogEntry, Lead, Stage, Town
    from seutu_crm.permission_policies import lead_permission_policy
    from seutu_crm.scoping import leads_for
    from seutu_crm.services.inbound import Inquiry, receive_inquiry
    from seutu_crm.services.personal_data import erase_person
    from seutu_crm.services.pipeline import move_stage

    load_demo(min(args.size, 5_000))
    existing = Lead.objects.count()
    if existing < args.size:
        seconds = generate_leads(args.size - existing, seed=existing + 1)
        print(f"generated {args.size - existing:,} leads in {seconds:.1f} s")
    log_entries = CRMLogEntry.objects.count()
    if log_entries < args.size:
        content_type = ContentType.objects.get_for_model(Lead)
        now = timezone.now()
        CRMLogEntry.objects.bulk_create(
            CRMLogEntry(
                content_type=content_type, object_id=str(pk), label=f"Liidi {pk}", town_id=town_id,
                action="wagtail.edit", data={"note": f"muokattu {pk}"}, timestamp=now,
            )
            for pk, town_id in Lead.objects.values_list("pk", "town_id")[: args.size - log_entries]
        )
    print(f"leads: {Lead.objects.count():,}   log entries: {CRMLogEntry.objects.count():,}   "
          f"contacts: {Contact.objects.count():,}")

    user = get_user_model().objects.get(username="bd-raahe")
    raahe = Town.objects.get(code="678")
    leads = list(Lead.objects.filter(town=raahe, stage=Stage.IDENTIFIED).order_by("pk")[: args.repeat])
    print(f"Raahe's leads: {Lead.objects.filter(town=raahe).count():,}")

    measure("move_stage (identified → contacted)", len(leads),
            lambda i: move_stage(leads[i], Stage.CONTACTED, user))
    measure(
        "receive_inquiry (new organisation)",
        args.repeat,
        lambda i: receive_inquiry(
            Inquiry(
                person_name=f"Bench Henkilö {i}", organisation_name=f"Bench Oy {i}",
                business_id="", email=f"bench{i}@bench{i}.example", phone="", town=raahe,
                message="Kiinnostaa", consent=True, consent_text="OK", language="fi",
                source="invest-in-form",
            )
        ),
    )
    measure("stale leads of the user's towns (list)", args.repeat,
            lambda i: list(leads_for(user).stale()[:10]))
    measure("scoped lead count (policy)", args.repeat,
            lambda i: lead_permission_policy.instances_user_has_permission_for(user, "view").count())
    contacts = list(Contact.objects.filter(anonymised_at=None).order_by("pk")[: min(args.repeat, 10)])
    measure("erase_person", len(contacts), lambda i: erase_person(contacts[i], None))


if __name__ == "__main__":
    main()
