"""Search latency of the embedded backend, beside Wagtail's own database search and raw SQL.

    .venv/bin/python bench/search_query.py --size 100000
    .venv/bin/python bench/search_query.py --size 100000 --database-url postgres://postgres@127.0.0.1:5432/seutu_bench

Loads ``--size`` demo organisations (seutu_crm.demo; most are public) into its own database
(SQLite file under var/bench/ unless ``--database-url``; kept between runs, so a second run at
the same size skips loading), rebuilds the index (time reported), then runs each query class
``--repeat`` times through the Python interface and prints p50/p95 per class:

* ``text+3facets``: a word, filters on three facets (town, type, region), all five facets
  counted, highlights;
* ``broad``: a word most documents contain, facets counted, highlights;
* ``narrow``: a word a few documents contain;
* ``facet-only``: no text, two towns and a type, facets counted.

Side by side, on the same data and words: Wagtail's database search backend (modelsearch,
``index.Indexed`` on a bench-only proxy of Organisation; filters by town and type, facet counts
with its ``facet()``; it has no highlighting), and the raw SQL statements our backend issued for
the query, replayed alone (the cost of everything but SQL is the difference), in turns with our
search so that a busy host slows both alike.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "example_site"))


def setup_django(database_url, size):
    if not database_url:
        bench_dir = PROJECT / "var" / "bench"
        bench_dir.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{bench_dir / f'search_{size}.sqlite3'}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
    from django.conf import settings

    # Outbox drains are not part of this benchmark: enqueue into a backend that runs nothing.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.DEBUG = False
    import django

    django.setup()
    return database_url


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


CPU_TIMES = {}


def timed(function, repeat, label=None):
    """Wall-clock milliseconds per call (and this process's CPU milliseconds under ``label``:
    on a loaded machine wall time includes waiting for a core; with SQLite the database's
    work is in-process, so CPU time is the cost of the query itself)."""
    times, cpu = [], []
    result = None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    if label:
        CPU_TIMES[label] = cpu
    return times, result


def load(size):
    from django.core.management import call_command

    from seutu_crm.models import Organisation

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0)
    have = Organisation.objects.count()
    if have < size:
        from seutu_crm.demo import load_demo

        print(f"loading {size - have:,} demo organisations …", flush=True)
        started = time.perf_counter()
        load_demo(size, batch_size=5000)
        print(f"  loaded in {time.perf_counter() - started:.1f} s", flush=True)
    from seutu_search.outbox import OutboxEntry

    if OutboxEntry.objects.exists():
        OutboxEntry.objects.all().delete()  # captured while loading; the rebuild covers them


def rebuild(backend, batch_size=2000):
    from seutu_search.documents import ORGANISATION, iter_document_batches

    started, cpu_started = time.perf_counter(), time.process_time()
    token = backend.begin_rebuild()
    count = 0
    build_seconds = 0.0
    batches = iter_document_batches(kinds=(ORGANISATION, "competence"), batch_size=batch_size)
    while True:
        build_started = time.perf_counter()
        batch = next(batches, None)
        build_seconds += time.perf_counter() - build_started
        if batch is None:
            break
        backend.index(batch, rebuild=token)
        count += len(batch)
    backend.finish_rebuild(token)
    return count, time.perf_counter() - started, build_seconds, time.process_time() - cpu_started


def pick_words():
    """Words for the query classes, taken from the data: the broad one is the most common
    description word, the narrow one a name word of a few actors."""
    from django.db import connection

    from seutu_search.backends.database.models import IndexEntry

    total = IndexEntry.objects.filter(kind="organisation").count()
    broad, narrow = "oy", "katodi"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING "
                "fts5vocab(main, seutu_search_fts, 'row')"
            )
            cursor.execute(
                "SELECT term, doc FROM temp.bench_vocab WHERE length(term) > 4 "
                "ORDER BY doc DESC LIMIT 1"
            )
            broad = cursor.fetchone()[0]
            cursor.execute(
                "SELECT term FROM temp.bench_vocab WHERE length(term) > 6 AND doc BETWEEN 3 AND 50 "
                "ORDER BY term LIMIT 200"
            )
            for (term,) in cursor.fetchall():
                # A word of organisations (competence documents have words of their own).
                cursor.execute(
                    "SELECT count(*) FROM seutu_search_fts JOIN seutu_search_entry e "
                    "ON e.id = seutu_search_fts.rowid WHERE seutu_search_fts MATCH %s "
                    "AND e.kind = 'organisation'",
                    ['"' + term + '"'],
                )
                if cursor.fetchone()[0]:
                    narrow = term
                    break
        else:
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat($$SELECT search_vector FROM seutu_search_body "
                "WHERE entry_id % 50 = 0$$) WHERE length(word) > 4 ORDER BY ndoc DESC LIMIT 1"
            )
            broad = cursor.fetchone()[0]
            cursor.execute(
                "SELECT word FROM ts_stat($$SELECT search_vector FROM seutu_search_body "
                "WHERE entry_id % 10 = 0$$) "
                "WHERE length(word) > 6 AND ndoc BETWEEN 1 AND 5 ORDER BY word LIMIT 1"
            )
            row = cursor.fetchone()
            narrow = row[0] if row else narrow
    return total, broad, narrow


def query_classes(broad, narrow):
    from seutu_search.query import SearchQuery

    return {
        "text+3facets": SearchQuery(
            text="akkuteknologia",
            filters={"town": ["678", "305", "140"], "type": ["company", "startup"],
                     "region": ["17", "11"]},
        ),
        "broad": SearchQuery(text=broad),
        "narrow": SearchQuery(text=narrow),
        "facet-only": SearchQuery(filters={"town": ["678", "305"], "type": ["company"]}),
    }


def wagtail_search(query, model):
    """The same query through Wagtail's database search backend (modelsearch)."""
    from django.db.models import Count

    from seutu_crm.models import Town

    queryset = model.objects.filter(is_public=True)
    filters = query.filters
    if filters.get("town"):
        queryset = queryset.filter(
            town_id__in=Town.objects.filter(code__in=filters["town"]).values("pk")
        )
    if filters.get("type"):
        queryset = queryset.filter(actor_type__in=filters["type"])
    if filters.get("region"):
        queryset = queryset.filter(
            town_id__in=Town.objects.filter(region__code__in=filters["region"]).values("pk")
        )
    if query.text:
        from wagtail.search.backends import get_search_backend

        results = get_search_backend("default").search(query.text, queryset, operator="and")
        page = list(results[:20])
        facets = {name: dict(results.facet(name)) for name in ("town_id", "actor_type")}
        total = results.count()
    else:
        page = list(queryset.order_by("name")[:20])
        facets = {
            name: dict(queryset.values_list(name).annotate(n=Count("pk")).values_list(name, "n"))
            for name in ("town_id", "actor_type")
        }
        total = queryset.count()
    return total, page, facets


def make_wagtail_model():
    """A proxy of Organisation that Wagtail's search indexes (the real model is not Indexed)."""
    from wagtail.search import index

    from seutu_crm.models import Organisation

    class BenchIndexedOrganisation(index.Indexed, Organisation):
        search_fields = [
            index.SearchField("name"),
            index.AutocompleteField("name"),
            index.RelatedFields("descriptions", [index.SearchField("text")]),
            index.RelatedFields("competences", [index.SearchField("name"),
                                                index.SearchField("synonyms")]),
            index.RelatedFields("town", [index.SearchField("name_fi"),
                                         index.SearchField("name_sv")]),
            index.FilterField("is_public"),
            index.FilterField("town_id"),
            index.FilterField("actor_type"),
        ]

        class Meta:
            proxy = True
            app_label = "seutu_crm"

    return BenchIndexedOrganisation


def wagtail_rebuild(model):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    started = time.perf_counter()
    index = backend.get_index_for_model(model)
    queryset = model.objects.filter(is_public=True).prefetch_related(
        "descriptions", "competences"
    ).select_related("town")
    count = queryset.count()
    if True:
        from wagtail.search.models import IndexEntry as WagtailIndexEntry

        if WagtailIndexEntry.objects.count() < count:
            index.reset()
            chunk = []
            for obj in queryset.order_by("pk").iterator(chunk_size=2000):
                chunk.append(obj)
                if len(chunk) == 2000:
                    index.add_items(model, chunk)
                    chunk = []
            if chunk:
                index.add_items(model, chunk)
    return count, time.perf_counter() - started


def within(seconds, function):
    """Run ``function``; False if it took longer than ``seconds`` (its SQLite statement is
    interrupted then: a Wagtail search over a broad word can take many minutes)."""
    import threading

    from django.db import OperationalError, connection

    if connection.vendor != "sqlite":
        function()
        return True
    timer = threading.Timer(seconds, connection.connection.interrupt)
    timer.start()
    try:
        function()
        return True
    except OperationalError as error:
        if "interrupt" not in str(error):
            raise
        return False
    finally:
        timer.cancel()


class StatementRecorder:
    """Records the SQL statements a call issues, to replay them alone."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def replay(statements):
    from django.db import connection

    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--skip-rebuild", action="store_true",
                        help="reuse the index of an earlier run at this size")
    parser.add_argument("--skip-wagtail", action="store_true")
    parser.add_argument("--wagtail-timeout", type=float, default=60.0,
                        help="seconds a Wagtail query may take before it is reported as over it")
    parser.add_argument("--load-only", action="store_true", help="load the data and stop")
    args = parser.parse_args()

    url = setup_django(args.database_url, args.size)
    from django.db import connection

    from seutu_search.backends.database import SearchBackend

    print(f"database: {connection.vendor} ({url.split('@')[-1]})  size: {args.size:,}")
    load(args.size)
    if args.load_only:
        return
    backend = SearchBackend()
    from seutu_search import language

    started = time.perf_counter()
    language.warm_up()
    print(f"language dictionaries loaded in {time.perf_counter() - started:.1f} s "
          "(once per process)")
    if not args.skip_rebuild:
        count, seconds, build_seconds, cpu_seconds = rebuild(backend)
        print(f"rebuild: {count:,} documents in {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU "
              f"({count / seconds:,.0f} docs/s; building documents {build_seconds:.1f} s; "
              f"load average {os.getloadavg()[0]:.1f})")
    total, broad, narrow = pick_words()
    print(f"indexed public organisations: {total:,}; broad word {broad!r}, narrow word {narrow!r}")

    wagtail_model = None
    if not args.skip_wagtail:
        wagtail_model = make_wagtail_model()
        count, seconds = wagtail_rebuild(wagtail_model)
        print(f"wagtail index: {count:,} objects ready in {seconds:.1f} s")

    rows = []
    for name, query in query_classes(broad, narrow).items():
        backend.search(query)  # warm caches (vocabulary, synonyms, page cache)
        ours, results = timed(lambda: backend.search(query), args.repeat, label=name)
        recorder = StatementRecorder()
        with connection.execute_wrapper(recorder):
            backend.search(query)
        statements = [s for s in recorder.statements if "seutu_search_" in s[0]]
        # Ours and raw SQL taken in turns, so that both see the same moments of a busy host.
        paired_ours, raw = [], []
        for _ in range(args.repeat):
            for function, times in ((lambda: backend.search(query), paired_ours),
                                    (lambda: replay(statements), raw)):
                started = time.perf_counter()
                function()
                times.append((time.perf_counter() - started) * 1000)
        main_sql = [s for s in statements if "ORDER BY" in s[0]][:1]
        main_only, _ = timed(lambda: replay(main_sql), args.repeat)
        row = {
            "class": name, "total": results.total,
            "approx": any(f.approximate for f in results.facets.values()),
            "ours50": statistics.median(ours), "ours95": percentile(ours, 0.95),
            "raw50": statistics.median(raw), "raw95": percentile(raw, 0.95),
            "ratio50": statistics.median(paired_ours) / max(statistics.median(raw), 0.001),
            "ratio95": percentile(paired_ours, 0.95) / max(percentile(raw, 0.95), 0.001),
            "main95": percentile(main_only, 0.95),
            "statements": len(statements),
            "cpu50": statistics.median(CPU_TIMES[name]), "cpu95": percentile(CPU_TIMES[name], 0.95),
        }
        if wagtail_model is not None:
            started = time.perf_counter()
            if within(args.wagtail_timeout, lambda: wagtail_search(query, wagtail_model)):
                # A query that takes seconds there is timed three times, not a third of --repeat.
                slow = time.perf_counter() - started > 2
                theirs, (w_total, _, _) = timed(
                    lambda: wagtail_search(query, wagtail_model),
                    3 if slow else max(3, args.repeat // 3),
                )
                row.update(w50=statistics.median(theirs), w95=percentile(theirs, 0.95),
                           wtotal=w_total)
            else:
                row.update(w50=float("inf"), w95=float("inf"), wtotal=0)
        rows.append(row)
        print(f"  measured {name}", flush=True)

    print()
    header = (f"{'query class':<14}{'hits':>9} {'approx':>6}{'p50 ms':>9}{'p95 ms':>9}"
              f"{'cpu p50':>9}{'cpu p95':>9}"
              f"{'raw p50':>9}{'raw p95':>9}{'ours/raw p50':>13}{'p95':>7}{'main SQL p95':>14}")
    if wagtail_model is not None:
        header += f"{'wagtail p50':>13}{'wagtail p95':>13}{'hits':>9}{'speed-up':>10}"
    print(header)
    for r in rows:
        line = (f"{r['class']:<14}{r['total']:>9,} {'yes' if r['approx'] else 'no':>6}"
                f"{r['ours50']:>9.1f}{r['ours95']:>9.1f}{r['cpu50']:>9.1f}{r['cpu95']:>9.1f}"
                f"{r['raw50']:>9.1f}{r['raw95']:>9.1f}"
                f"{r['ratio50']:>12.2f}x{r['ratio95']:>6.2f}x{r['main95']:>14.1f}")
        if "w50" in r and r["w50"] == float("inf"):
            over = f">{args.wagtail_timeout:.0f} s"
            line += f"{over:>13}{over:>13}{'?':>9}{'>' + format(args.wagtail_timeout * 1000 / max(r['ours50'], 0.001), '.0f') + 'x':>10}"
        elif "w50" in r:
            line += (f"{r['w50']:>13.1f}{r['w95']:>13.1f}{r['wtotal']:>9,}"
                     f"{r['w50'] / max(r['ours50'], 0.001):>9.1f}x")
        print(line)
    load_average = os.getloadavg()[0]
    print(f"\nload average {load_average:.1f} on {os.cpu_count()} cores while measuring; cpu = this "
          "process's CPU time (includes SQLite's work, not PostgreSQL's).")
    print(f"{args.repeat} runs per class; raw SQL = the statements our backend issued, replayed "
          "alone, in turns with our search (ours/raw compares those paired runs); main SQL = "
          "the ranked page query alone; speed-up = wagtail p50 / ours p50.")


if __name__ == "__main__":
    main()
