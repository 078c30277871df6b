"""Outbox drain throughput: captured changes written into the search backend, documents/s.

    .venv/bin/python bench/outbox_drain.py --size 10000
    .venv/bin/python bench/outbox_drain.py --size 10000 --backend elasticsearch   # osmem-server
    .venv/bin/python bench/outbox_drain.py --size 10000 --database-url postgres://postgres@127.0.0.1:5432/seutu_bench

Loads ``--size`` demo organisations (seutu_crm.demo) into its own database (SQLite file under
var/bench/ unless ``--database-url``; kept between runs), indexes them once, then:

1. *capture*: one ``Organisation.objects.update()`` of the website (which documents hold) of
   every organisation, which writes an outbox entry per row in the same transaction (the cost a bulk write pays for search);
2. *drain*: ``outbox.drain()`` of those entries into the backend, in batches of
   ``--batch-size`` (build documents, write, delete the entries) — documents/s; a website is
   not searched, so the database backend updates the stored documents and leaves the
   full-text index alone; then the same after an ``update()`` of every name, which rewrites
   every document's full-text rows;
3. *coalesced drain*: three saves of the same 1,000 organisations, drained (3,000 entries,
   1,000 documents).

``--backend elasticsearch`` starts an osmem-server on 127.0.0.1 (or uses
``--elasticsearch-url``); its figures are those of an in-memory test server, not of
Elasticsearch.
"""

import argparse
import os
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "example_site"))


def setup_django(database_url, name):
    if not database_url:
        bench_dir = PROJECT / "var" / "bench"
        bench_dir.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{bench_dir / f'{name}.sqlite3'}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
    from django.conf import settings

    # The drain is called directly here; enqueued drain tasks run nowhere.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.DEBUG = False
    import django

    django.setup()
    return database_url


def load(size):
    """Migrate and load ``size`` demo organisations (once per database)."""
    from django.core.management import call_command

    from seutu_crm.models import Organisation

    call_command("migrate", verbosity=0)
    have = Organisation.objects.count()
    if have < size:
        from seutu_crm.demo import load_demo

        print(f"loading {size - have:,} demo organisations …", flush=True)
        started = time.perf_counter()
        load_demo(size - have, batch_size=5000)
        print(f"  loaded in {time.perf_counter() - started:.1f} s", flush=True)


def configure_backend(name, url, settings_name="SEUTU_SEARCH"):
    """Point SEUTU_SEARCH at ``name``; for elasticsearch start osmem-server unless ``url``."""
    from django.conf import settings

    server = None
    if name == "elasticsearch":
        options = {"INDEX_PREFIX": "seutu-bench", "TIMEOUT": 60, "REFRESH": False}
        if not url:
            from osmem_server import OsmemServer

            server = OsmemServer.start(freeze=False, japanese=False)
            url = server.url
            options["NODE_CLASS"] = "plain-json"
        options["HOSTS"] = [url]
        settings.SEUTU_SEARCH = {"BACKEND": "seutu_search.backends.elasticsearch",
                                 "OPTIONS": options}
    from seutu_search.backends import get_search_backend

    return get_search_backend(), server


def rate(count, seconds):
    return f"{count / seconds:,.0f}/s" if seconds else "-"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--backend", choices=["database", "elasticsearch"], default="database")
    parser.add_argument("--elasticsearch-url", default="")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    url = setup_django(args.database_url, f"outbox_{args.size}")
    from django.db import connection, transaction

    from seutu_crm.models import Organisation
    from seutu_search import language, outbox
    from seutu_search.outbox import OutboxEntry
    from seutu_search.rebuild import rebuild_index

    load(args.size)
    backend, server = configure_backend(args.backend, args.elasticsearch_url)
    print(f"database: {connection.vendor} ({url.split('@')[-1]})  backend: {args.backend}  "
          f"organisations: {Organisation.objects.count():,} "
          f"(public {Organisation.objects.public().count():,})")
    try:
        if hasattr(language, "warm_up"):
            language.warm_up()
        OutboxEntry.objects.all().delete()
        started = time.perf_counter()
        indexed = rebuild_index(backend, batch_size=args.batch_size).documents
        print(f"initial index: {indexed:,} documents in {time.perf_counter() - started:.1f} s")

        # 1. capture
        started = time.perf_counter()
        with transaction.atomic():
            # A field the documents hold, so every document really changes.
            changed = Organisation.objects.all().update(
                website=f"https://example.fi/bench-{int(time.time())}"
            )
        capture = time.perf_counter() - started
        entries = OutboxEntry.objects.count()
        print(f"capture: update() of {changed:,} organisations wrote {entries:,} outbox entries "
              f"in {capture:.2f} s ({rate(entries, capture)}) in the same transaction")

        # 2. drain
        report = outbox.drain(backend, batch_size=args.batch_size)
        if report.failed:
            raise SystemExit(f"drain failed: {report.error}")
        print(f"drain: {report.entries:,} entries -> {report.indexed:,} indexed + "
              f"{report.deleted:,} deleted in {report.seconds:.2f} s = "
              f"{rate(report.documents, report.seconds)} documents "
              f"({report.batches} batches of {args.batch_size})")

        # 2b. the same with names changed: every document's full-text terms are rewritten
        from django.db.models import Value
        from django.db.models.functions import Concat, Left, Length

        # " X" is added, or taken off again by the next run: names do not grow run by run.
        with transaction.atomic():
            if Organisation.objects.order_by("pk").values_list("name", flat=True)[0].endswith(" X"):
                Organisation.objects.all().update(name=Left("name", Length("name") - 2))
            else:
                Organisation.objects.all().update(name=Concat("name", Value(" X")))
        report = outbox.drain(backend, batch_size=args.batch_size)
        if report.failed:
            raise SystemExit(f"drain failed: {report.error}")
        print(f"drain, names changed (full-text rows rewritten): {report.entries:,} entries -> "
              f"{report.documents:,} documents in {report.seconds:.2f} s = "
              f"{rate(report.documents, report.seconds)} documents")

        # 3. coalesced
        sample = list(Organisation.objects.public().values_list("pk", flat=True)[:1000])
        for _ in range(3):
            outbox.record("organisation", sample)
        report = outbox.drain(backend, batch_size=args.batch_size * 3)
        print(f"coalesced drain: {report.entries:,} entries -> {report.documents:,} documents "
              f"in {report.seconds:.2f} s ({rate(report.documents, report.seconds)})")
        print(f"outbox left: {OutboxEntry.objects.count()}")
    finally:
        if server is not None:
            server.close()


if __name__ == "__main__":
    main()
