"""The actor network as GEXF, GraphML or Cytoscape JSON, streamed.

networkx's own writers first build an ElementTree of the whole document (GEXF) or a graph
of attribute dicts, which for the whole register (100,000 actors, 200,000 ties) is slow and
takes gigabytes; these writers yield the document in chunks from the :class:`Network`'s
plain rows instead, so memory stays at the network itself. What they write is what
networkx reads back (``read_gexf``, ``read_graphml``, ``cytoscape_graph``) — the tests prove
it — and what Gephi and Cytoscape open.

Nodes are the actors, by pk (as a string: all three formats name nodes by text), with their
label, actor type, town code and name, competences joined with ``;``, degree and degree
centrality, and betweenness when it was computed (see :mod:`.network_measures`). Edges are
the relations, directed as recorded, keyed by the relation's pk, with their kind and dates
(GEXF: the edge's ``start``/``end`` in dynamic mode; no end: the tie still holds).
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from .network_measures import node_measures

CHUNK = 2_000  # nodes or edges per yielded piece
# XML 1.0 forbids most control characters even escaped; a name pasted from elsewhere may
# hold one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value):
    return _NOT_XML.sub("", str(value))


@dataclass(frozen=True)
class NodeAttribute:
    name: str
    kind: str  # "string", "integer", "double"
    value: Callable  # (actor, measures) -> value or None (left out)


def _between(actor, nodes):
    return nodes.betweenness.get(actor.pk) if nodes.betweenness is not None else None


NODE_ATTRIBUTES = [
    NodeAttribute("actor_type", "string", lambda a, n: a.actor_type),
    NodeAttribute("town_code", "string", lambda a, n: a.town_code),
    NodeAttribute("town_name", "string", lambda a, n: a.town_name),
    NodeAttribute("competences", "string", lambda a, n: ";".join(a.competences)),
    NodeAttribute("degree", "integer", lambda a, n: n.degree.get(a.pk, 0)),
    NodeAttribute("degree_centrality", "double", lambda a, n: n.degree_centrality.get(a.pk)),
    NodeAttribute("betweenness", "double", _between),
]


def _attributes(nodes):
    """The attributes this export has: betweenness only when it was computed."""
    return [a for a in NODE_ATTRIBUTES if a.name != "betweenness" or nodes.betweenness is not None]


def _number(value):
    return repr(float(value)) if isinstance(value, float) else str(value)


def _iso(day):
    return day.isoformat() if isinstance(day, date) else None


def _chunks(items, render):
    buffer = []
    for item in items:
        buffer.append(render(item))
        if len(buffer) >= CHUNK:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def gexf_chunks(network, nodes=None):
    nodes = nodes or node_measures(network)
    attributes = _attributes(nodes)
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
        f'<meta lastmodifieddate="{network.on.isoformat()}"><creator>Seutu</creator>'
        f"<description>Actor network on {network.on.isoformat()}</description></meta>\n"
        '<graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n'
        '<attributes class="node" mode="static">\n'
    )
    yield "".join(
        f'<attribute id="{i}" title="{a.name}" type="{a.kind}"/>\n'
        for i, a in enumerate(attributes)
    )
    yield (
        '</attributes>\n<attributes class="edge" mode="static">\n'
        '<attribute id="kind" title="kind" type="string"/>\n</attributes>\n<nodes>\n'
    )

    def node(actor):
        values = []
        for i, attribute in enumerate(attributes):
            value = attribute.value(actor, nodes)
            if value is not None:
                text = _number(value) if attribute.kind != "string" else _text(value)
                values.append(f'<attvalue for="{i}" value={quoteattr(text)}/>')
        return (
            f'<node id="{actor.pk}" label={quoteattr(_text(actor.name))}>'
            f'<attvalues>{"".join(values)}</attvalues></node>\n'
        )

    def edge(tie):
        dates = "".join(
            f' {name}="{day.isoformat()}"'
            for name, day in (("start", tie.start), ("end", tie.end))
            if day is not None
        )
        return (
            f'<edge id="{tie.pk}" source="{tie.source}" target="{tie.target}"{dates}>'
            f'<attvalues><attvalue for="kind" value="{tie.kind}"/></attvalues></edge>\n'
        )

    yield from _chunks(network.actors.values(), node)
    yield "</nodes>\n<edges>\n"
    yield from _chunks(network.ties, edge)
    yield "</edges>\n</graph>\n</gexf>\n"


GRAPHML_TYPES = {"string": "string", "integer": "long", "double": "double"}


def graphml_chunks(network, nodes=None):
    nodes = nodes or node_measures(network)
    attributes = _attributes(nodes)
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        '<key id="label" for="node" attr.name="label" attr.type="string"/>\n'
    )
    yield "".join(
        f'<key id="{a.name}" for="node" attr.name="{a.name}" '
        f'attr.type="{GRAPHML_TYPES[a.kind]}"/>\n'
        for a in attributes
    )
    yield (
        '<key id="kind" for="edge" attr.name="kind" attr.type="string"/>\n'
        '<key id="start" for="edge" attr.name="start" attr.type="string"/>\n'
        '<key id="end" for="edge" attr.name="end" attr.type="string"/>\n'
        f'<graph id="actors-{network.on.isoformat()}" edgedefault="directed">\n'
    )

    def node(actor):
        values = [f'<data key="label">{escape(_text(actor.name))}</data>']
        for attribute in attributes:
            value = attribute.value(actor, nodes)
            if value is not None:
                text = _number(value) if attribute.kind != "string" else escape(_text(value))
                values.append(f'<data key="{attribute.name}">{text}</data>')
        return f'<node id="{actor.pk}">{"".join(values)}</node>\n'

    def edge(tie):
        dates = "".join(
            f'<data key="{name}">{day.isoformat()}</data>'
            for name, day in (("start", tie.start), ("end", tie.end))
            if day is not None
        )
        return (
            f'<edge id="{tie.pk}" source="{tie.source}" target="{tie.target}">'
            f'<data key="kind">{tie.kind}</data>{dates}</edge>\n'
        )

    yield from _chunks(network.actors.values(), node)
    yield from _chunks(network.ties, edge)
    yield "</graph>\n</graphml>\n"


def cytoscape_node(actor, nodes, attributes, position=None):
    """One node in Cytoscape's JSON (``value`` is what networkx reads as the node)."""
    data = {"id": str(actor.pk), "value": str(actor.pk), "name": actor.name}
    for attribute in attributes:
        value = attribute.value(actor, nodes)
        if value is not None:
            data[attribute.name] = value
    element = {"data": data}
    if position is not None:
        element["position"] = {"x": position.x, "y": position.y}
    return element


def cytoscape_edge(tie):
    return {
        "data": {
            "id": f"e{tie.pk}", "key": tie.pk, "source": str(tie.source),
            "target": str(tie.target), "kind": tie.kind,
            "start": _iso(tie.start), "end": _iso(tie.end),
        }
    }


def cytoscape_chunks(network, nodes=None):
    nodes = nodes or node_measures(network)
    attributes = _attributes(nodes)
    head = {"data": {"name": "Seutu actor network", "on": network.on.isoformat()},
            "directed": True, "multigraph": True}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "elements": {"nodes": [\n'
    first = [True]

    def separated(element):
        text = ("" if first[0] else ",\n") + json.dumps(element, ensure_ascii=False)
        first[0] = False
        return text

    yield from _chunks(
        network.actors.values(), lambda a: separated(cytoscape_node(a, nodes, attributes))
    )
    yield '\n], "edges": [\n'
    first[0] = True
    yield from _chunks(network.ties, lambda t: separated(cytoscape_edge(t)))
    yield "\n]}}\n"


@dataclass(frozen=True)
class ExportFormat:
    name: str
    chunks: Callable  # (network, nodes) -> iterator of str
    content_type: str
    extension: str


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("gexf", gexf_chunks, "application/gexf+xml; charset=utf-8", "gexf"),
        ExportFormat("graphml", graphml_chunks, "application/graphml+xml; charset=utf-8",
                     "graphml"),
        ExportFormat("cytoscape", cytoscape_chunks, "application/json; charset=utf-8", "cyjs"),
    )
}


def write_network(network, format_name, stream, nodes=None):
    """Write ``network`` to the text ``stream`` in ``format_name`` (a key of FORMATS)."""
    for chunk in FORMATS[format_name].chunks(network, nodes):
        stream.write(chunk)
