"""Server time and SQL queries of the ecosystem views as the register grows.

    .venv/bin/python bench/ecosystem.py --size 100000 [--repeat 30]

Loads the demo data with ``--size`` organisations and their ties (about two each; reusing what
DATABASE_URL already holds), takes a snapshot, then GETs through Django's test client as a
coordinator: the town overview, the largest network town's profile, and the benchmark of all
network towns (default figures, and with three competence areas in every measure). Prints, for
each: the SQL queries of one request, p50/p95 wall-clock ms and p50 CPU ms of this (the Django)
process, *warm* (the figures of this register version already counted, as every view but the
first after a change finds them) and *cold* (the cache emptied before each request: the first
view after a change), and the SQL ms of one cold request. With ``--compare-queries`` it first runs every view on a
1,000-organisation database and checks that the query counts do not grow with the register.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_setup import setup_django  # noqa: E402
from timing import time_requests  # noqa: E402


def scenarios():
    from django.db.models import Count
    from django.urls import reverse

    from seutu_crm.models import Competence, Town

    town = Town.objects.in_network().annotate(n=Count("organisations")).order_by("-n").first()
    areas = Competence.objects.filter(locale__language_code="fi", parent=None).order_by("pk")[:3]
    benchmark = reverse("seutu_ecosystem:benchmark")
    every_measure = {
        "general": ["total:actors", "total:per_1000", "network:density", "pipeline:won"],
        "competences": [str(c.pk) for c in areas],
        "sections": ["C", "J"],
        "measures": ["count", "per_1000", "lq_network", "lq_finland"],
    }
    return [
        ("towns overview", reverse("seutu_ecosystem:index"), {}),
        (f"profile of {town.name_fi}", reverse("seutu_ecosystem:town", args=[town.code]), {}),
        ("benchmark, all towns, default", benchmark, {}),
        ("benchmark, all towns, 3 areas x 3", benchmark, every_measure),
        ("benchmark XLSX", benchmark, {**every_measure, "export": "xlsx"}),
    ]


def coordinator():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get_or_create(
        username="bench-coordinator", defaults={"is_superuser": True}
    )[0]


def query_counts(client):
    """Queries and SQL seconds of one cold request per scenario."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, url, params in scenarios():
        client.get(url, params)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = (len(queries), sum(float(q["time"]) for q in queries.captured_queries))
    return counts


def load(size):
    from seutu_crm.demo import load_demo
    from seutu_crm.ecosystem.snapshots import take_snapshots
    from seutu_crm.models import Organisation, OrganisationRelation

    from django.db import connection

    started = time.perf_counter()
    load_demo(size)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum gathers them soon after a bulk load on a real site.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    take_snapshots()
    print(f"organisations: {Organisation.objects.count():,}, relations: "
          f"{OrganisationRelation.objects.count():,} (loaded and snapshotted in "
          f"{time.perf_counter() - started:.1f} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="organisations")
    parser.add_argument("--repeat", type=int, default=30, help="timed GETs per scenario")
    parser.add_argument("--compare-queries", action="store_true",
                        help="check first that 1,000 organisations cost the same queries")
    args = parser.parse_args()

    setup_django()
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    # The test settings count afresh on every view; a site caches per register version.
    override_settings(SEUTU_CRM={"ECOSYSTEM_CACHE_SECONDS": 3600}).enable()

    client = Client()
    small = None
    if args.compare_queries:
        load(1000)
        client.force_login(coordinator())
        small = query_counts(client)
    load(args.size)
    client.force_login(coordinator())
    counts = query_counts(client)

    print(f"{'':38} {'':>8} {'':>9} {'warm':>26} {'cold':>26}")
    print(f"{'scenario':38} {'queries':>8} {'at 1,000':>9} "
          + f"{'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8} " * 2 + f"{'sql ms':>8}")
    flat = True
    for label, url, params in scenarios():
        warm = time_requests(client, url, params, args.repeat)
        cold = time_requests(client, url, params, args.repeat, before=cache.clear)
        queries, sql_seconds = counts[label]
        before = small[label][0] if small else None
        flat = flat and (before is None or before == queries)
        print(f"{label[:38]:38} {queries:>8} {before if before is not None else '-':>9} "
              + "".join(f"{t.p50_ms:>8.1f} {t.p95_ms:>8.1f} {t.cpu_p50_ms:>8.1f} "
                        for t in (warm, cold))
              + f"{sql_seconds * 1000:>8.1f}")
    if small:
        print("query counts flat from 1,000 to", f"{args.size:,}:", "yes" if flat else "NO")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs")
    return 0 if flat else 1


if __name__ == "__main__":
    sys.exit(main())
