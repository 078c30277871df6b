"""Server time and SQL queries of a strategy page with ``--size`` computed goals.

    .venv/bin/python bench/strategy_page.py --size 10 [--snapshots 24] [--actors 2000] [--repeat 50]

Builds (in a fresh database, or the one DATABASE_URL names) the reference data, a home page,
Raahe's town page with its strategy of ``--size`` computed goals (the measures in turn: actors,
competences, industries, leads, ties, …) and the network's strategy with the same goals, and
``--snapshots`` daily snapshots of every network town whose actor ids list ``--actors`` actors
(the part of a snapshot a goal must not load). Then GETs each strategy page through Django's
test client: warm-up requests, then ``--repeat`` timed ones. Prints the queries of one warm
request and p50/p95 wall and CPU milliseconds. Promise: 10 goals, ≤ 25 queries, p95 ≤ 80 ms.
"""

import argparse
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_setup import setup_django  # noqa: E402
from timing import time_requests  # noqa: E402

KEYS = ["actors", "public", "competence:vetytalous", "industry:C", "industry:24", "won",
        "stage:active", "open_leads", "realised_jobs", "university_ties", "hei_ties:thesis",
        "actor_type:company", "employees", "estimated_investment"]


def figures(day, actors):
    """A snapshot's figures as take_snapshots writes them, growing a little each day."""
    return {
        "actors": actors + day, "public": actors // 2 + day, "employees": actors * 9,
        "by_type": {"company": actors - 40, "research": 5}, "by_section": {"C": 300 + day},
        "by_division": {"24": 40 + day}, "by_competence": {"vetytalous": 1 + day // 8},
        "pipeline": {"open_leads": 12, "by_stage": {"active": 3, "contacted": 6}, "won": day // 5,
                     "realised_jobs": day * 3, "estimated_investment": 4.5e7},
        "network": {"density": 0.01, "university_ties": {"rdi": 4, "education": 2}},
        "hei_ties": {"thesis": day, "agreement": 2},
        "actor_ids": list(range(actors)),
    }


def build(size, snapshots, actors):
    from seutu_crm.models import EcosystemSnapshot, Town
    from seutu_crm.reference import load_reference_data
    from seutu_pages.demo import DemoSite, build_home
    from seutu_pages.models import StrategyPage, TownPage

    load_reference_data()
    demo = DemoSite(log=lambda *args: None)
    build_home(demo)
    towns = list(Town.objects.in_network())
    first = datetime.date(2026, 1, 1)
    EcosystemSnapshot.objects.filter(town__in=towns).delete()
    EcosystemSnapshot.objects.bulk_create(
        EcosystemSnapshot(town=town, date=first + datetime.timedelta(days=day),
                          figures=figures(day, actors))
        for town in towns for day in range(snapshots)
    )
    goals = [
        {"type": "goal", "value": {
            "title": f"Tavoite {n + 1}", "computed": KEYS[n % len(KEYS)], "indicator": "",
            "unit": "", "values": [], "baseline": 0, "target": 100, "year": 2030}}
        for n in range(size)
    ]
    focus = [{"type": "focus_area", "value": {
        "title": "Vety", "description": "", "competences": ["vetytalous", "vedyntuotanto"],
        "industries": ["C", "35"]}}]
    for old in StrategyPage.objects.all():
        old.delete()
    for old in TownPage.objects.filter(town__code="678"):
        old.delete()
    raahe = Town.objects.get(code="678")
    town_page = demo.home.add_child(instance=TownPage(title="Raahe", slug="raahe", town=raahe))
    pages = []
    for parent, town, slug in ((town_page, raahe, "strategia"),
                               (demo.home, None, "verkoston-strategia")):
        page = parent.add_child(instance=StrategyPage(
            title="Strategia", slug=slug, town=town, goals=goals, focus_areas=focus))
        page.save_revision().publish()
        pages.append(page)
    return pages


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10, help="computed goals (default 10)")
    parser.add_argument("--snapshots", type=int, default=24, help="days of snapshots (24)")
    parser.add_argument("--actors", type=int, default=2000, help="actor ids a snapshot holds")
    parser.add_argument("--repeat", type=int, default=50, help="timed requests (default 50)")
    args = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for page in build(args.size, args.snapshots, args.actors):
        url = page.url
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries)  # read now: each request clears the connection's log
        goals = response.content.decode().count('<article class="goal">')
        times = time_requests(client, url, {}, args.repeat)
        which = "network" if page.town_id is None else "Raahe"
        print(f"{which} strategy {url}: {goals} goals, {args.snapshots} snapshots a town, "
              f"queries per request: {query_count}")
        print(f"  warm over {args.repeat} requests: p50 {times.p50_ms:.1f} ms, "
              f"p95 {times.p95_ms:.1f} ms, CPU p50 {times.cpu_p50_ms:.1f} ms")


if __name__ == "__main__":
    main()
