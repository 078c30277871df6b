"""Server time and SQL queries of the admin's organisation listing as the register grows.

    .venv/bin/python bench/organisation_listing.py --size 100000 [--repeat 30]

Loads the demo data with ``--size`` organisations (reusing what DATABASE_URL already holds),
then GETs the listing through Django's test client as a business developer: the first page,
filtered by town, filtered by a broad competence (with its narrower ones), and a search.
Prints, for each: the rows matched, the SQL queries of one request, p50/p95 wall-clock
milliseconds of the request, p50 CPU milliseconds spent in this (the Django) process, and the
SQL milliseconds of one request as the database driver saw them. On a busy machine the wall
clock includes waiting for a CPU; CPU and SQL time show where the time goes.
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
    """(label, query parameters) for the listing; targets picked from the data."""
    from django.db.models import Count

    from seutu_crm.models import Competence, Organisation, Town

    town = Town.objects.annotate(n=Count("organisations")).order_by("-n").first()
    broad = (
        Competence.objects.filter(locale__language_code="fi", parent__isnull=True)
        .annotate(n=Count("children"))
        .order_by("-n", "name")
        .first()
    )
    word = Organisation.objects.order_by("pk").values_list("name", flat=True).first().split()[0]
    return [
        ("first page", {}),
        (f"town = {town.name_fi}", {"town": town.pk}),
        (f"competence = {broad.name} (+ narrower)", {"competence": broad.pk}),
        (f"search '{word}'", {"q": word}),
        ("public companies, by town desc", {"is_public": "true", "actor_type": "company",
                                            "ordering": "-town__name_fi"}),
    ]


def matching_rows(params):
    """How many organisations the listing matches, counted outside the timed requests."""
    from django.db.models import Q

    from seutu_crm.filters import OrganisationFilterSet
    from seutu_crm.models import Organisation
    from seutu_crm.viewsets import OrganisationViewSet

    queryset = OrganisationFilterSet(params, queryset=Organisation.objects.all()).qs
    if params.get("q"):
        query = Q()
        for field in OrganisationViewSet.search_fields:
            query |= Q(**{f"{field}__icontains": params["q"]})
        queryset = queryset.filter(query)
    return queryset.count()


def business_developer():
    from django.contrib.auth import get_user_model

    from seutu_crm.services.roles import BUSINESS_DEVELOPERS, ensure_groups

    user, _ = get_user_model().objects.get_or_create(username="bench-business-developer")
    user.groups.add(ensure_groups()[BUSINESS_DEVELOPERS])
    return user


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="organisations (100 to 1e6)")
    parser.add_argument("--repeat", type=int, default=30, help="timed GETs per scenario")
    args = parser.parse_args()

    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from seutu_crm.demo import load_demo
    from seutu_crm.models import Organisation

    started = time.perf_counter()
    result = load_demo(args.size)
    print(f"organisations: {Organisation.objects.count():,} "
          f"({result.created:,} generated in {time.perf_counter() - started:.1f} s)")

    client = Client()
    client.force_login(business_developer())
    url = reverse("wagtailsnippets_seutu_crm_organisation:list")

    print(f"{'scenario':45} {'rows':>8} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'cpu ms':>8} {'sql ms':>8}")
    for label, params in scenarios():
        response = client.get(url, params)  # warm caches, as a user's second view would be
        assert response.status_code == 200, response.status_code
        rows = matching_rows(params)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        # Read now: the next request resets the query log.
        query_count = len(queries)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        times = time_requests(client, url, params, args.repeat)
        print(f"{label[:45]:45} {rows:>8,} {query_count:>8} "
              f"{times.p50_ms:>8.1f} {times.p95_ms:>8.1f} {times.cpu_p50_ms:>8.1f} "
              f"{sql_ms:>8.1f}")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
