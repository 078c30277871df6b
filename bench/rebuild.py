"""Full rebuild of the search index: documents/s, time, and memory staying flat.

    .venv/bin/python bench/rebuild.py --size 100000
    .venv/bin/python bench/rebuild.py --size 10000 --backend elasticsearch   # osmem-server
    .venv/bin/python bench/rebuild.py --size 100000 --database-url postgres://postgres@127.0.0.1:5432/seutu_bench

Loads ``--size`` demo organisations into its own database (SQLite file under var/bench/ unless
``--database-url``; kept between runs), then runs what ``manage.py seutu_search_rebuild``
runs (:func:`seutu_search.rebuild.rebuild_index`: lease, batches by primary-key range,
finish, replay of changes made meanwhile) and prints the time, the rate, the time spent
building documents versus writing them, and the resident memory after each tenth of the
batches — it must not grow with the size. ``--from-empty`` clears the index first;
``--again`` rebuilds once more over the finished index (documents as indexed are only
marked seen by the database backend).
"""

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from outbox_drain import configure_backend, load, setup_django  # noqa: E402


def rss_mb():
    """Current resident set size in MB (Linux /proc), else the peak."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--backend", choices=["database", "elasticsearch"], default="database")
    parser.add_argument("--elasticsearch-url", default="")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--from-empty", action="store_true",
                        help="clear the index first (a first build rather than a rebuild)")
    parser.add_argument("--again", action="store_true",
                        help="then rebuild once more over the finished index, nothing changed")
    args = parser.parse_args()

    url = setup_django(args.database_url, f"outbox_{args.size}")
    from django.db import connection

    from seutu_search import language
    from seutu_search.outbox import OutboxEntry
    from seutu_search.rebuild import expected_count, rebuild_index

    load(args.size)
    OutboxEntry.objects.all().delete()
    backend, server = configure_backend(args.backend, args.elasticsearch_url)
    try:
        if args.from_empty:
            started = time.perf_counter()
            backend.clear()
            print(f"index cleared in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        if hasattr(language, "warm_up"):
            language.warm_up()
        print(f"language dictionaries loaded in {time.perf_counter() - started:.1f} s "
              "(once per process)")
        total = expected_count()
        print(f"database: {connection.vendor} ({url.split('@')[-1]})  backend: {args.backend}  "
              f"documents to index: {total:,}")
        memory = [rss_mb()]
        timings = {"build": 0.0, "write": 0.0}
        marks = {"last": time.perf_counter()}
        step = max(1, total // 10)

        def before_batch(documents):
            now = time.perf_counter()
            timings["build"] += now - marks["last"]
            marks["last"] = now

        def progress(done):
            now = time.perf_counter()
            timings["write"] += now - marks["last"]
            marks["last"] = now
            if done // step != (done - args.batch_size) // step:
                memory.append(rss_mb())

        report = rebuild_index(backend, batch_size=args.batch_size, progress=progress,
                               before_batch=before_batch)
        print(f"rebuild: {report.documents:,} documents in {report.seconds:.1f} s "
              f"= {report.rate:,.0f} documents/s (building {timings['build']:.1f} s, "
              f"writing {timings['write']:.1f} s, batches of {args.batch_size})")
        print("resident memory MB at each tenth: " + " ".join(f"{m:.0f}" for m in memory))
        print(f"memory growth over the rebuild: {memory[-1] - memory[1 if len(memory) > 1 else 0]:+.0f} MB")
        if args.again:
            report = rebuild_index(backend, batch_size=args.batch_size)
            print(f"rebuild again, nothing changed: {report.documents:,} documents in "
                  f"{report.seconds:.1f} s = {report.rate:,.0f} documents/s")
        started = time.perf_counter()
        drift = backend.check()
        print(f"check: {drift.count} drifting documents, in {time.perf_counter() - started:.1f} s")
    finally:
        if server is not None:
            server.close()


if __name__ == "__main__":
    main()
