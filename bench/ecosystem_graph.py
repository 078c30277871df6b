"""Time the actor-network exports: `python bench/ecosystem_graph.py --size 100000`.

Loads the demo register (N organisations, about 2N relations), then, in a fresh process so
that the peak memory is the export's and not the generator's, reads the whole network and
writes it as GEXF and as GraphML to files. The promise: ≤ 30 s and ≤ 1 GB each at 100,000
actors and 200,000 relations. Prints wall and CPU time per step and the peak RSS.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crm_setup import setup_django


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


class Timer:
    def __init__(self, label):
        self.label = label

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        print(f"{self.label}: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {peak_mb():.0f} MB",
              flush=True)


def export(formats, directory):
    from seutu_crm.ecosystem.graph_exports import write_network
    from seutu_crm.ecosystem.network import load_network
    from seutu_crm.ecosystem.network_measures import node_measures

    print(f"before reading: peak RSS {peak_mb():.0f} MB")
    for name in formats:
        with Timer(f"{name}: read + measures + write"):
            with Timer("  read the network (3 queries)"):
                network = load_network()
            with Timer("  degree and betweenness (skipped above the size limit)"):
                nodes = node_measures(network)
            path = Path(directory) / f"network.{name}"
            with Timer(f"  write {path.name}"), open(path, "w", encoding="utf-8") as stream:
                write_network(network, name, stream, nodes)
        print(f"  {len(network.actors):,} actors, {len(network.ties):,} relations, "
              f"{path.stat().st_size / 1e6:.0f} MB")
        del network, nodes


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--export-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--formats", default="gexf,graphml")
    args = parser.parse_args()
    formats = args.formats.split(",")
    if args.export_only:
        import django

        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
        django.setup()
        export(formats, os.environ["SEUTU_BENCH_DIR"])
        return

    setup_django()
    from seutu_crm.demo import load_demo
    from seutu_crm.demo.relations import generate_relations
    from seutu_crm.models import OrganisationRelation

    with Timer(f"demo register of {args.size:,} organisations and their ties"):
        load_demo(args.size, batch_size=5000)
    with Timer("relations again (idempotent: nothing to add)"):
        generate_relations()
    print(f"relations: {OrganisationRelation.objects.count():,}")
    directory = tempfile.mkdtemp(prefix="seutu-graph-")
    env = {**os.environ, "SEUTU_BENCH_DIR": directory}
    subprocess.run([sys.executable, __file__, "--export-only", "--formats", args.formats],
                   env=env, check=True)


if __name__ == "__main__":
    main()
