"""Server time and SQL queries of an event index and its iCalendar feed as events grow.

    .venv/bin/python bench/event_calendar.py --size 200 [--repeat 30]

Builds (in a fresh database, or the one DATABASE_URL names) a home page, a town page and an
event index holding ``--size`` events, half upcoming and half within the past year, then GETs
the index page and ``calendar.ics`` through Django's test client: a few warm-up requests,
then ``--repeat`` timed ones each. Prints p50/p95 milliseconds, queries and feed size.
"""

import argparse
import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_setup import setup_django  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def build_event_index(size):
    from django.utils import timezone

    from seutu_crm.models import Town
    from seutu_crm.reference import load_reference_data
    from seutu_pages.demo import DemoSite, build_home
    from seutu_pages.models import EventIndexPage, EventKind, EventPage, TownPage

    load_reference_data()
    town = Town.objects.in_network().get(code="287")
    demo = DemoSite(log=lambda *args: None)
    build_home(demo)
    for old in TownPage.objects.filter(slug=f"kristiinankaupunki-{size}"):
        old.delete()  # a previous run on the same database
    town_page = demo.home.add_child(
        instance=TownPage(title=town.name_fi, slug=f"kristiinankaupunki-{size}", town=town)
    )
    index = town_page.add_child(instance=EventIndexPage(title="Tapahtumat", slug="tapahtumat"))
    now = timezone.now().replace(microsecond=0)
    for n in range(size):
        # Odd events upcoming, even ones past, spread over 300 days either way.
        days = (1 if n % 2 else -1) * (1 + (n // 2) * 300 // max(size // 2, 1))
        start = now + datetime.timedelta(days=days, hours=n % 8)
        index.add_child(
            instance=EventPage(
                title=f"Seminaari {n}: satama, tuuli; vety", slug=f"seminaari-{n}",
                kind=EventKind.WEBINAR if n % 3 == 0 else EventKind.SEMINAR,
                venue="" if n % 3 == 0 else "Raatihuone, Kristiinankaupunki",
                online_url="https://meet.example.fi/w" if n % 3 == 0 else "",
                introduction="Yritykset, oppilaitokset ja kaupunki kertovat suunnitelmistaan.",
                start=start, end=start + datetime.timedelta(hours=2),
            )
        )
    return index


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return response, query_count, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=200, help="events (default 200)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests (default 30)")
    args = parser.parse_args()
    setup_django()

    from django.test import Client

    index = build_event_index(args.size)
    client = Client()
    for label, url in (("index page", index.url), ("calendar.ics", index.calendar_url())):
        response, query_count, timings = measure(client, url, args.repeat)
        extra = ""
        if url.endswith(".ics"):
            extra = (f", {response.content.count(b'BEGIN:VEVENT')} events, "
                     f"{len(response.content) / 1024:.0f} KiB")
        print(
            f"{label} ({args.size} events): {query_count} queries, p50 "
            f"{percentile(timings, 0.5):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms{extra}"
        )


if __name__ == "__main__":
    main()
