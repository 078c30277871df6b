"""``manage.py seutu_ecosystem <command>``: the situational picture from the command line.

Each subcommand is a subparser added in ``add_<command>_arguments`` and run by
``handle_<command>``; add one by writing that pair and naming it in ``COMMANDS``.
"""

import datetime
import json
import sys
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from seutu_crm.ecosystem.graph_exports import FORMATS, write_network
from seutu_crm.ecosystem.network import NetworkFilter, load_network
from seutu_crm.ecosystem.network_measures import network_measures
from seutu_crm.models import ActorType, RelationKind, Town


class RawOutput:
    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")

    def close(self):
        self.wrapper.flush()


class Command(BaseCommand):
    help = "The ecosystem analysis: export the actor network (graph)."
    COMMANDS = ["graph"]

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="command", required=True)
        for name in self.COMMANDS:
            getattr(self, f"add_{name}_arguments")(subparsers)

    def handle(self, *args, command, **options):
        return getattr(self, f"handle_{command}")(**options)

    def _output(self, path):
        """The file ``-o`` names (UTF-8), or stdout as written, without the line ending
        Django's OutputWrapper adds to every write."""
        if path in (None, "-"):
            return RawOutput(self.stdout)
        return open(path, "w", encoding="utf-8", newline="\n")

    # graph ---------------------------------------------------------------------------------

    def add_graph_arguments(self, subparsers):
        graph = subparsers.add_parser(
            "graph",
            help="The actor network (relations holding on a date between active actors) as "
            "GEXF, GraphML or Cytoscape JSON; json: its measures.",
        )
        graph.add_argument("--town", action="append", default=[], metavar="CODE",
                           help="Municipality code; repeat for several towns.")
        graph.add_argument("--kind", action="append", default=[], choices=RelationKind.values)
        graph.add_argument("--actor-type", action="append", default=[],
                           choices=ActorType.values)
        graph.add_argument("--ego", type=int, metavar="PK",
                           help="Only the ego network of this organisation.")
        graph.add_argument("--depth", type=int, default=1, choices=[1, 2, 3])
        graph.add_argument("--on", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD",
                           help="The date the relations must hold on (default today).")
        graph.add_argument("--format", choices=[*FORMATS, "json"], default="gexf")
        graph.add_argument("-o", "--output", metavar="FILE", help="Default: stdout.")

    def handle_graph(self, *, town, kind, actor_type, ego, depth, on, format, output,
                     **options):
        known = set(Town.objects.filter(code__in=town).values_list("code", flat=True))
        if unknown := sorted(set(town) - known):
            raise CommandError(f"Unknown municipality code: {', '.join(unknown)}.")
        network = load_network(
            NetworkFilter(towns=tuple(town), kinds=tuple(kind), actor_types=tuple(actor_type),
                          ego=ego, depth=depth, on=on)
        )
        stream = self._output(output)
        try:
            if format == "json":
                json.dump(asdict(network_measures(network)), stream, ensure_ascii=False,
                          indent=2)
                stream.write("\n")
            else:
                write_network(network, format, stream)
        finally:
            stream.close()
        if output not in (None, "-"):
            sys.stderr.write(
                f"{len(network.actors):,} actors and {len(network.ties):,} relations "
                f"written to {output}.\n"
            )
