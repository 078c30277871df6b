"""``manage.py seutu_ecosystem <command>``: the situational picture from the command line.

Each subcommand is a subparser added in ``add_<command>_arguments`` and run by
``handle_<command>``; add one by writing that pair and naming it in ``COMMANDS``.
"""

import datetime
import json
import sys
from dataclasses import asdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from seutu_crm.ecosystem.benchmark import DEFAULT_GENERAL, benchmark
from seutu_crm.ecosystem.gap_explanations import (
    candidates_json,
    explained_candidates,
    explained_gaps,
    gaps_json,
)
from seutu_crm.ecosystem.graph_exports import FORMATS, write_network
from seutu_crm.ecosystem.network import NetworkFilter, load_network
from seutu_crm.ecosystem.network_measures import network_measures
from seutu_crm.ecosystem.profile import profile_json, town_profile
from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import ActorType, Dimension, RelationKind, Town


class RawOutput:
    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")

    def close(self):
        self.wrapper.flush()


class Command(BaseCommand):
    help = (
        "The ecosystem analysis: a town's profile, towns side by side (benchmark), a town's "
        "competence gaps and the candidates for one, the actor network (graph), and today's "
        "snapshot of every town's figures."
    )
    COMMANDS = ["profile", "benchmark", "gaps", "candidates", "graph", "snapshot"]

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

    def _town(self, code):
        town = Town.objects.filter(code=code).first()
        if town is None:
            raise CommandError(f"Unknown municipality code: {code}.")
        return town

    def _print_json(self, data):
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))

    # profile -------------------------------------------------------------------------------

    def add_profile_arguments(self, subparsers):
        profile = subparsers.add_parser(
            "profile", help="A town's profile: its active actors counted every way, with "
            "completeness, key figures and the pipeline."
        )
        profile.add_argument("town", metavar="CODE", help="Municipality code, e.g. 678.")
        profile.add_argument("--format", choices=["text", "json"], default="text")

    def handle_profile(self, *, town, format, **options):
        data = profile_json(town_profile(self._town(town)))
        if format == "json":
            return self._print_json(data)
        self.stdout.write(f"{data['town']['name']} ({data['town']['code']})")
        for key in ("actors", "public", "employees", "actors_per_1000"):
            self.stdout.write(f"  {key}: {data[key]}")
        for name in ("by_type", "by_section", "by_top_competence"):
            counts = ", ".join(f"{k} {v}" for k, v in data[name].items())
            self.stdout.write(f"  {name}: {counts}")

    # benchmark -----------------------------------------------------------------------------

    def add_benchmark_arguments(self, subparsers):
        bench = subparsers.add_parser("benchmark", help="Towns side by side.")
        bench.add_argument("--towns", default="", metavar="CODE,CODE",
                           help="Municipality codes, comma-separated (default: the network).")
        bench.add_argument("--figure", action="append", default=[], metavar="KEY",
                           help="A figure such as total:per_1000, type:company:count, "
                           "competence:<pk>:lq_network, section:C:lq_finland; repeat.")
        bench.add_argument("--format", choices=["text", "json"], default="text")

    def handle_benchmark(self, *, towns, figure, format, **options):
        codes = [code.strip() for code in towns.split(",") if code.strip()]
        chosen = [self._town(code) for code in codes] or list(Town.objects.in_network())
        table = benchmark(chosen, figure or DEFAULT_GENERAL)
        if format == "json":
            return self._print_json(table.as_json())
        self.stdout.write("\t".join(["town", *[c.key for c in table.columns]]))
        for row in [*table.rows, table.network]:
            self.stdout.write("\t".join([row.label, *("" if v is None else f"{v:g}"
                                                       for v in row.values)]))

    # gaps and candidates -------------------------------------------------------------------

    def _language(self, parser):
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES],
                            default=settings.LANGUAGE_CODE[:2],
                            help="The language of names and explanations.")

    def add_gaps_arguments(self, subparsers):
        gaps = subparsers.add_parser(
            "gaps", help="A network town's competence (or industry) gaps, scored and explained."
        )
        gaps.add_argument("town", metavar="CODE", help="Municipality code, e.g. 678.")
        gaps.add_argument("--dimension", choices=Dimension.values, default=Dimension.COMPETENCE)
        gaps.add_argument("--format", choices=["text", "json"], default="text")
        self._language(gaps)

    def handle_gaps(self, *, town, dimension, format, language, **options):
        town = self._network_town(town)
        with translation.override(language):
            table = explained_gaps(town, dimension, language)
            if format == "json":
                return self._print_json(gaps_json(table))
            for gap in table.rows:
                self.stdout.write(f"{gap.score:3d}  {gap.label:<10}  {gap.key:<30}  {gap.name}")

    def add_candidates_arguments(self, subparsers):
        found = subparsers.add_parser(
            "candidates", help="Actors that would bring a town a competence it lacks, ranked."
        )
        found.add_argument("town", metavar="CODE", help="Municipality code, e.g. 678.")
        found.add_argument("competence", metavar="SLUG", help="The competence's slug.")
        found.add_argument("--limit", type=int, default=25)
        found.add_argument("--format", choices=["text", "json"], default="text")
        self._language(found)

    def handle_candidates(self, *, town, competence, limit, format, language, **options):
        town = self._network_town(town)
        with translation.override(language):
            found = explained_candidates(town, competence, limit=limit, language=language)
            if found.gap is None:
                raise CommandError(f"Unknown competence: {competence}.")
            if format == "json":
                return self._print_json(candidates_json(found))
            for rank, candidate in enumerate(found.candidates, 1):
                self.stdout.write(f"{rank:3d}. {candidate.name} ({candidate.town})")
                for sentence in candidate.sentences:
                    self.stdout.write(f"     {sentence}")

    def _network_town(self, code):
        town = self._town(code)
        if not town.in_network:
            raise CommandError(f"{town.name} ({code}) is not a town of the network.")
        return town

    # snapshot ------------------------------------------------------------------------------

    def add_snapshot_arguments(self, subparsers):
        snapshot = subparsers.add_parser(
            "snapshot", help="Take today's snapshot of every network town (again: replaced)."
        )
        snapshot.add_argument("--date", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD")
        snapshot.add_argument("--format", choices=["text", "json"], default="text")

    def handle_snapshot(self, *, date, format, **options):
        result = take_snapshots(date)
        if format == "json":
            return self._print_json(asdict(result))
        self.stdout.write(f"Snapshot of {result.date}: {result.towns} towns "
                          f"({result.created} new, {result.replaced} replaced).")

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
