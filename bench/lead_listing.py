"""Server time and SQL queries of the lead listing and the pipeline board as leads grow.

    .venv/bin/python bench/lead_listing.py --size 100000 [--repeat 30]

Builds a demo pipeline of ``--size`` leads spread over the network's towns and makes sure
Raahe holds at least 2,000 open leads, then, logged in as Raahe's business developer, times
through the Django test client (full request: middleware, scoping, rendering):

* the lead listing (first page, default order), filtered by stage, and its search;
* the pipeline board of Raahe (2,000+ open leads, capped cards per column);
* the board's move endpoint.

Prints p50/p95 milliseconds and the SQL query count of each.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_setup import setup_django  # noqa: E402

OPEN_LEADS_IN_RAAHE = 2_000


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(label, repeat, request):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    request(-1)  # warm-up: templates, URL resolver, caches
    for i in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = request(i)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (label, response.status_code)
        queries.append(len(captured))
    print(
        f"{label:<46} p50 {statistics.median(timings):8.1f} ms   "
        f"p95 {percentile(timings, 0.95):8.1f} ms   queries {min(queries)}–{max(queries)}"
    )


def ensure_open_leads(town, owner, count):
    """Top up ``town`` to ``count`` open leads (bulk, like the demo generator)."""
    from seutu_crm.models import Lead, Organisation, Stage

    missing = count - Lead.objects.open().filter(town=town).count()
    if missing <= 0:
        return
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Raahen liidi {n} Oy", actor_type="company", town=town)
        for n in range(missing)
    )
    stages = Stage.open_stages()
    Lead.objects.bulk_create(
        Lead(
            organisation=organisation,
            town=town,
            owner=owner,
            stage=stages[n % len(stages)],
            estimated_investment=50_000 * (n % 40),
            estimated_jobs=n % 30,
        )
        for n, organisation in enumerate(organisations)
    )
    print(f"added {missing:,} open leads in {town}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="leads (100 to 100,000)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per scenario")
    args = parser.parse_args()

    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from seutu_crm.demo import load_demo
    from seutu_crm.demo.leads import generate_leads
    from seutu_crm.models import Lead, Stage, Town

    load_demo(min(args.size, 5_000))
    existing = Lead.objects.count()
    if existing < args.size:
        seconds = generate_leads(args.size - existing, seed=existing + 1, with_history=False)
        print(f"generated {args.size - existing:,} leads in {seconds:.1f} s")
    user = get_user_model().objects.get(username="bd-raahe")
    raahe = Town.objects.get(code="678")
    ensure_open_leads(raahe, user, OPEN_LEADS_IN_RAAHE)
    print(
        f"leads: {Lead.objects.count():,}   Raahe's leads: {Lead.objects.filter(town=raahe).count():,}"
        f"   Raahe's open leads: {Lead.objects.open().filter(town=raahe).count():,}"
    )

    client = Client()
    client.force_login(user)
    listing = reverse("seutu_leads:list")
    board = reverse("seutu_leads:board")
    measure("lead listing (first page)", args.repeat, lambda i: client.get(listing))
    measure("lead listing, page 5", args.repeat, lambda i: client.get(listing, {"p": 5}))
    measure("lead listing filtered by stage", args.repeat,
            lambda i: client.get(listing, {"stage": Stage.QUALIFIED}))
    measure("lead listing search", args.repeat, lambda i: client.get(listing, {"q": "Oy"}))
    measure("board, Raahe (2,000+ open leads)", args.repeat,
            lambda i: client.get(board, {"town": raahe.pk}))
    movable = list(
        Lead.objects.filter(town=raahe, stage=Stage.IDENTIFIED).values_list("pk", flat=True)[
            : args.repeat + 1
        ]
    )
    measure(
        "board move endpoint (identified → contacted)",
        min(args.repeat, len(movable) - 1),
        lambda i: client.post(
            reverse("seutu_leads:move", args=(movable[i + 1],)),
            {"stage": Stage.CONTACTED},
            headers={"Accept": "application/json"},
        ),
    )


if __name__ == "__main__":
    main()
