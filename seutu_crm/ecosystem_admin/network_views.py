"""The actor network in the admin: a filtered drawing, the list beside it, measures, exports.

Thin: the network, its measures, its layout and its files come from :mod:`seutu_crm.ecosystem`.
The drawing is Cytoscape.js (vendored) fed from a ``json_script`` block by ``network.js``;
the list is the same actors as a table, the keyboard's and screen reader's way in.
"""

from dataclasses import dataclass

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..ecosystem.graph_exports import FORMATS
from ..ecosystem.network import load_network
from ..ecosystem.network_layout import ego_layout, town_layout
from ..ecosystem.network_measures import (
    EXACT_BETWEENNESS_MAX_NODES,
    network_measures,
    node_measures,
)
from ..models import ActorType, RelationKind
from .access import EcosystemAccessMixin
from .network_forms import NetworkFilterForm

MAX_DRAWN_ACTORS = 5_000
# The list beside the drawing: the best-connected actors. A 2,000-row table is most of a
# 1.5 MB page and a second of parsing; the drawing links every actor, the exports hold all.
MAX_LISTED_ACTORS = 300
EXPORT_LABELS = {"gexf": "GEXF", "graphml": "GraphML", "cytoscape": "Cytoscape JSON"}
# The drawing's colour per actor type (the legend says which is which; the list gives the
# type in words): Okabe–Ito and Tol's colour-blind-safe palettes.
TYPE_COLOURS = {
    "company": "#0072B2", "startup": "#56B4E9", "research": "#CC79A7", "university": "#D55E00",
    "uas": "#E69F00", "vocational": "#F0E442", "public": "#009E73",
    "development_company": "#117733", "financier": "#882255", "association": "#999933",
}


@dataclass
class ActorRow:
    pk: int
    name: str
    url: str
    actor_type: str
    town: str
    degree: int
    ego_url: str


def _edit_url_pattern():
    # One reverse() for thousands of rows: the pk is put in the pattern's place.
    return reverse("wagtailsnippets_seutu_crm_organisation:edit", args=[0]).replace("/0/", "/{}/")


def _query(request, **changes):
    params = request.GET.copy()
    for key, value in changes.items():
        params.setlist(key, [value] if value is not None else [])
    return params.urlencode()


def graph_data(network, nodes, positions, edit_url):
    """The elements Cytoscape.js draws, with the labels the legend needs."""
    return {
        "nodes": [
            {
                "data": {"id": str(a.pk), "name": a.name, "type": a.actor_type,
                         "degree": nodes.degree.get(a.pk, 0)},
                "position": {"x": positions[a.pk].x, "y": positions[a.pk].y},
            }
            for a in network.actors.values()
        ],
        "edges": [
            {"data": {"id": f"e{t.pk}", "source": str(t.source), "target": str(t.target),
                      "kind": t.kind}}
            for t in network.ties
        ],
        "colours": TYPE_COLOURS,
        "url": edit_url,  # "{}" stands for the actor's pk
    }


class NetworkView(EcosystemAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Actor network")
    header_icon = "site"
    template_name = "seutu_crm/ecosystem/network.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Always bound: no parameters is a valid filter (the whole network).
        form = NetworkFilterForm(self.request.GET)
        context["form"] = form
        if not form.is_valid():
            return context
        network = load_network(form.network_filter())
        # Betweenness of a large view is the slowest figure (a second for a 2,000-actor town):
        # it follows the drawing, from NetworkBrokersView, unless asked for with ?brokers=1.
        brokers_now = len(network) <= EXACT_BETWEENNESS_MAX_NODES or "brokers" in self.request.GET
        nodes = node_measures(network, with_betweenness=brokers_now)
        measures = network_measures(network, nodes=nodes)
        if not brokers_now:
            query = _query(self.request, brokers=None)
            context.update(
                brokers_later=True,
                brokers_url=f"?{_query(self.request, brokers='1')}",
                brokers_fragment_url=f"{reverse('seutu_ecosystem:network_brokers')}?{query}",
            )
        edit_url = _edit_url_pattern()
        base = reverse("seutu_ecosystem:network")
        by_degree = sorted(network.actors.values(),
                           key=lambda a: (-nodes.degree.get(a.pk, 0), a.name, a.pk))
        type_labels = dict(ActorType.choices)
        rows = [
            ActorRow(
                pk=a.pk, name=a.name, url=edit_url.format(a.pk),
                actor_type=type_labels.get(a.actor_type, a.actor_type), town=a.town_name,
                degree=nodes.degree.get(a.pk, 0),
                ego_url=f"{base}?{_query(self.request, actor=str(a.pk), town=None)}",
            )
            for a in by_degree[:MAX_LISTED_ACTORS]
        ]
        drawn = len(network) <= MAX_DRAWN_ACTORS
        if drawn:
            positions = (
                ego_layout(network, network.distances, nodes.degree)
                if network.distances is not None
                else town_layout(network, nodes.degree)
            )
            context["graph"] = graph_data(network, nodes, positions, edit_url)
            present = {a.actor_type for a in network.actors.values()}
            context["legend"] = [
                (value, label, TYPE_COLOURS.get(value, "#666666"))
                for value, label in ActorType.choices if value in present
            ]
        kind_labels = dict(RelationKind.choices)
        query = self.request.GET.urlencode()
        context.update(
            network=network,
            measures=measures,
            university_ties=[
                (kind_labels.get(kind, kind), count)
                for kind, count in measures.university_ties.items()
            ],
            rows=rows,
            drawn=drawn,
            max_drawn=MAX_DRAWN_ACTORS,
            exports=[
                (EXPORT_LABELS[name],
                 f"{reverse('seutu_ecosystem:network_export', args=[name])}?{query}")
                for name in FORMATS
            ],
        )
        return context


class NetworkBrokersView(EcosystemAccessMixin, TemplateView):
    """The brokers of the filtered view, as a fragment the network page loads after drawing."""

    template_name = "seutu_crm/ecosystem/network/_brokers.html"

    def get_context_data(self, **kwargs):
        form = NetworkFilterForm(self.request.GET)
        if not form.is_valid():
            return {"measures": None}
        network = load_network(form.network_filter())
        return {"measures": network_measures(network)}


class NetworkExportView(EcosystemAccessMixin, View):
    """Exactly the network the view shows, never capped, as a file."""

    def get(self, request, format_name):
        if format_name not in FORMATS:
            return HttpResponseBadRequest(gettext("Unknown export format."))
        form = NetworkFilterForm(request.GET)
        if not form.is_valid():
            errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
            return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
        network = load_network(form.network_filter())
        export = FORMATS[format_name]
        town = form.cleaned_data.get("town") or "all"
        response = StreamingHttpResponse(
            export.chunks(network, node_measures(network)), content_type=export.content_type
        )
        filename = f"seutu-network-{town}-{network.on.isoformat()}.{export.extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


urlpatterns = [
    path("network/", NetworkView.as_view(), name="network"),
    path("network/brokers/", NetworkBrokersView.as_view(), name="network_brokers"),
    path("network/export/<str:format_name>/", NetworkExportView.as_view(),
         name="network_export"),
]
