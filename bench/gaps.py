"""Server time and SQL queries of the gap analysis at scale: the gap table and candidates.

    .venv/bin/python bench/gaps.py --size 100000 [--competences 300] [--repeat 30]

Loads the demo data with ``--size`` organisations (reusing what DATABASE_URL holds), widens
the taxonomy to ``--competences`` competences (the extra ones, leaves under the demo's areas,
each given to a seeded random share of the organisations, so that they occur together as the
demo's do), takes the day's snapshot (which computes the proximity matrices), then GETs as
Raahe's business developer: Raahe's gap table of competences and of industries, and the
candidates for hydrogen production (the demo's gap) and for a competence held by thousands.
Prints the queries of one request and p50/p95 wall and p50 CPU ms, *warm* (this register
version's figures counted: what every view but the first after a change finds) and *cold*
(the cache emptied before each request), and the seconds the snapshot took.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_setup import setup_django  # noqa: E402
from timing import time_requests  # noqa: E402

SEED = "seutu-bench-gaps"


def widen_taxonomy(total):
    """Add leaf competences until the default locale holds ``total``, and link them."""
    from django.db import transaction
    from wagtail.models import Locale

    from seutu_crm.models import Competence, Organisation
    from seutu_crm.services.bulk import insert_rows

    default = Locale.get_default()
    have = Competence.objects.filter(locale=default).count()
    if have >= total:
        return 0
    areas = list(Competence.objects.filter(locale=default, parent=None).order_by("pk"))
    rng = random.Random(SEED)
    made = [
        Competence.objects.create(
            name=f"Erikoisosaaminen {n}", slug=f"erikoisosaaminen-{n}", locale=default,
            parent=areas[n % len(areas)],
        )
        for n in range(total - have)
    ]
    ids = list(Organisation.objects.values_list("pk", flat=True))
    rows = []
    for competence in made:
        # 0.2–1.5 % of the organisations each: about as many links again as the demo's.
        for pk in rng.sample(ids, k=max(1, int(len(ids) * rng.uniform(0.002, 0.015)))):
            rows.append((pk, competence.pk))
    with transaction.atomic():
        insert_rows(Organisation.competences.through, ["organisation", "competence"], rows)
    return len(made)


def developer():
    from django.contrib.auth import get_user_model

    from seutu_crm.models import Role, Town, TownMembership
    from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups

    user, _created = get_user_model().objects.get_or_create(username="bench-raahe")
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    TownMembership.objects.get_or_create(
        user=user, town=Town.objects.get(code="678"), defaults={"role": Role.BUSINESS_DEVELOPER}
    )
    return user


def scenarios():
    from django.db.models import Count
    from django.urls import reverse

    from seutu_crm.models import Competence

    common = (
        Competence.objects.filter(locale__language_code="fi")
        .annotate(n=Count("organisations")).order_by("-n").first()
    )
    gaps = reverse("seutu_ecosystem:gaps", args=["678"])
    return [
        ("gap table, competences", gaps, {}),
        ("gap table, industries", gaps, {"dimension": "industry"}),
        ("candidates, hydrogen production",
         reverse("seutu_ecosystem:candidates", args=["678", "vedyntuotanto"]), {}),
        (f"candidates, {common.slug} ({common.n:,})",
         reverse("seutu_ecosystem:candidates", args=["678", common.slug]), {}),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="organisations")
    parser.add_argument("--competences", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=30, help="timed GETs per scenario")
    args = parser.parse_args()

    setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from seutu_crm.demo import load_demo
    from seutu_crm.ecosystem.snapshots import take_snapshots
    from seutu_crm.models import Competence, Organisation

    override_settings(SEUTU_CRM={"ECOSYSTEM_CACHE_SECONDS": 3600}).enable()
    started = time.perf_counter()
    load_demo(args.size)
    added = widen_taxonomy(args.competences)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"organisations: {Organisation.objects.count():,}, competences: "
          f"{Competence.objects.filter(locale__language_code='fi').count()} ({added} added); "
          f"loaded in {time.perf_counter() - started:.1f} s")
    started, cpu = time.perf_counter(), time.process_time()
    take_snapshots()
    print(f"snapshot with proximity matrices and lead fits: {time.perf_counter() - started:.1f} s"
          f" wall, {time.process_time() - cpu:.1f} s CPU")

    client = Client()
    client.force_login(developer())
    print(f"{'scenario':44} {'queries':>8} " + f"{'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8} " * 2)
    print(f"{'':44} {'':>8} {'warm':>26} {'cold':>26}")
    for label, url, params in scenarios():
        client.get(url, params)
        queries = []
        # Counted as the database is asked, whatever connection the request opens.
        with connection.execute_wrapper(lambda execute, sql, *rest: (
            queries.append(sql), execute(sql, *rest))[1]):
            response = client.get(url, params)
        assert response.status_code == 200, (label, response.status_code)
        warm = time_requests(client, url, params, args.repeat)
        cold = time_requests(client, url, params, max(3, args.repeat // 5), before=cache.clear)
        print(f"{label[:44]:44} {len(queries):>8} "
              + "".join(f"{t.p50_ms:>8.1f} {t.p95_ms:>8.1f} {t.cpu_p50_ms:>8.1f} "
                        for t in (warm, cold)))
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
