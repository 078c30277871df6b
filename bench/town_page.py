"""Server time and SQL queries of a town page as the number of featured actors grows.

    .venv/bin/python bench/town_page.py --size 50 [--repeat 50]

Builds (in a fresh database, or the one DATABASE_URL names) a home page and a town page
featuring ``--size`` public organisations with their competences, 10 stories and 10 upcoming
events, then GETs the town page through Django's test client: a few warm-up requests, then
``--repeat`` timed ones. Prints p50/p95 milliseconds and the SQL queries of one warm request.
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_setup import setup_django  # noqa: E402

STORIES = 10
EVENTS = 10


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def build_town_page(size):
    from django.utils import timezone

    from seutu_crm.demo import generate_organisations
    from seutu_crm.models import Organisation, Town
    from seutu_crm.reference import load_reference_data
    from seutu_pages.demo import DemoSite, build_home
    from seutu_pages.models import (
        EventIndexPage,
        EventPage,
        StoryIndexPage,
        StoryPage,
        TownFeaturedActor,
        TownPage,
    )

    load_reference_data()
    town = Town.objects.in_network().get(code="678")
    # The generator spreads organisations over the towns; make enough for ``size`` in Raahe.
    while Organisation.objects.public().filter(town=town).count() < size:
        generate_organisations(Organisation.objects.count() + max(size * 12, 200))
    demo = DemoSite(log=lambda *args: None)
    build_home(demo)

    organisations = Organisation.objects.public().filter(town=town).order_by("pk")[:size]
    # A previous run's page (same database) is replaced: one town page per town and language.
    for old in TownPage.objects.filter(town=town):
        old.delete()
    page = TownPage(title=town.name_fi, slug=f"raahe-{size}", town=town)
    for order, organisation in enumerate(organisations):
        page.featured_actors.add(TownFeaturedActor(organisation=organisation, sort_order=order))
    demo.home.add_child(instance=page)
    page.focus_competences.set(
        {c for o in organisations[:5] for c in o.competences.all()}
    )
    page.save_revision().publish()

    stories = page.add_child(instance=StoryIndexPage(title="Tarinat", slug="tarinat"))
    for n in range(STORIES):
        story = stories.add_child(
            instance=StoryPage(
                title=f"Tarina {n}", slug=f"tarina-{n}", summary="Kasvua osaamisesta.",
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            )
        )
        story.towns.set([town])
        story.save()
    events = page.add_child(instance=EventIndexPage(title="Tapahtumat", slug="tapahtumat"))
    start = timezone.now() + datetime.timedelta(days=7)
    for n in range(EVENTS):
        events.add_child(
            instance=EventPage(
                title=f"Seminaari {n}", slug=f"seminaari-{n}", venue="Raatihuone",
                start=start + datetime.timedelta(days=n),
                end=start + datetime.timedelta(days=n, hours=2),
            )
        )
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=50, help="featured actors (default 50)")
    parser.add_argument("--repeat", type=int, default=50, help="timed requests (default 50)")
    args = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    page = build_town_page(args.size)
    client = Client()
    url = page.url
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Read the count now: every request starts by clearing the connection's query log.
    query_count = len(queries)
    html = response.content.decode()
    actors = html.count('class="card actor-card"')
    stories = html.count('class="card story-card"')
    events = html.count('class="card event-card"')

    timings, cpu = [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)

    print(f"town page {url}: {actors} featured actors, {stories} stories, {events} events")
    print(f"queries per request: {query_count}")
    print(
        f"warm render over {args.repeat} requests: p50 {percentile(timings, 0.5):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, mean {statistics.mean(timings):.1f} ms"
    )
    # CPU time of this process alone: what the page costs the web server, whatever the load
    # of the machine (database time is not in it).
    print(f"CPU time: p50 {percentile(cpu, 0.5):.1f} ms, p95 {percentile(cpu, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
