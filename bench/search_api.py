"""Latency of the JSON search API, end to end: HTTP request in, JSON out.

    .venv/bin/python bench/search_api.py --size 100000

Uses the database of ``bench/search_query.py`` at the same ``--size`` (loaded and indexed
there; run that first, or pass ``--rebuild``). Each query class of that benchmark is asked
``--repeat`` times as ``GET /api/search/?…`` two ways:

* ``client``: Django's test client (URL routing, middleware, view, JSON rendering; no socket);
* ``http``: a real HTTP request over a socket to a WSGI server on 127.0.0.1 in this process.

Both include everything a request costs: parameter parsing, the search, facet labels, the
query-statistics write and the JSON encoding.
"""

import argparse
import http.client
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_query import load, percentile, pick_words, rebuild, setup_django  # noqa: E402

QUERY_PARAMS = {
    "text+3facets": [("q", "akkuteknologia"), ("town", "678"), ("town", "305"), ("town", "140"),
                     ("type", "company"), ("type", "startup"), ("region", "17"),
                     ("region", "11")],
    "broad": [("q", "{broad}")],
    "narrow": [("q", "{narrow}")],
    "facet-only": [("town", "678"), ("town", "305"), ("type", "company")],
}


def start_server():
    """A WSGI server for the site on a free port of 127.0.0.1, in a daemon thread."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index first")
    args = parser.parse_args()

    url = setup_django(args.database_url, args.size)
    from django.db import connection
    from django.test import Client

    from seutu_search import language
    from seutu_search.backends.database import SearchBackend

    print(f"database: {connection.vendor} ({url.split('@')[-1]})  size: {args.size:,}")
    load(args.size)
    language.warm_up()
    if args.rebuild:
        count, seconds, _, _ = rebuild(SearchBackend())
        print(f"rebuild: {count:,} documents in {seconds:.1f} s")
    total, broad, narrow = pick_words()
    print(f"indexed public organisations: {total:,}")

    client = Client()
    server = start_server()
    host, port = server.server_address
    rows = []
    for name, params in QUERY_PARAMS.items():
        params = [(k, v.format(broad=broad, narrow=narrow)) for k, v in params]
        path = "/api/search/?" + urlencode(params)
        first = client.get(path)
        assert first.status_code == 200, (path, first.status_code, first.content[:300])
        hits = first.json()["total"]

        def via_client():
            response = client.get(path)
            assert response.status_code == 200
            return response

        def via_http():
            conn = http.client.HTTPConnection(host, port, timeout=30)
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            conn.close()
            assert response.status == 200, body[:300]
            return body

        timings = {}
        for label, call in (("client", via_client), ("http", via_http)):
            call()
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                call()
                times.append((time.perf_counter() - started) * 1000)
            timings[label] = times
        rows.append((name, hits, timings))
        print(f"  measured {name}", flush=True)
    server.shutdown()

    print()
    print(f"{'query class':<14}{'hits':>9}{'client p50':>12}{'client p95':>12}"
          f"{'http p50':>10}{'http p95':>10}")
    for name, hits, timings in rows:
        print(f"{name:<14}{hits:>9,}"
              f"{statistics.median(timings['client']):>12.1f}{percentile(timings['client'], .95):>12.1f}"
              f"{statistics.median(timings['http']):>10.1f}{percentile(timings['http'], .95):>10.1f}")
    print(f"\n{args.repeat} requests per class and way; milliseconds; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")


if __name__ == "__main__":
    main()
