"""Issue 11 item 2: GEXF, GraphML and Cytoscape JSON exports, read back by networkx."""

import io
import json
from datetime import date

import networkx as nx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seutu_crm.ecosystem.graph_exports import write_network
from seutu_crm.ecosystem.network import NetworkFilter, load_network
from seutu_crm.models import RelationKind
from tests.factories import RelationFactory
from tests.crm.network_world import TODAY, small_network  # noqa: F401  (fixture)


def exported(format_name, **filters):
    stream = io.StringIO()
    write_network(load_network(NetworkFilter(on=TODAY, **filters)), format_name, stream)
    return stream.getvalue()


def read_back(format_name, **filters):
    text = exported(format_name, **filters)
    if format_name == "gexf":
        return nx.read_gexf(io.BytesIO(text.encode()), node_type=int)
    if format_name == "graphml":
        return nx.read_graphml(io.BytesIO(text.encode()), node_type=int)
    graph = nx.cytoscape_graph(json.loads(text))
    return nx.relabel_nodes(graph, int)


FORMATS = ["gexf", "graphml", "cytoscape"]


def edges_between(graph, u, v):
    """The data of each u → v edge (networkx reads a file without parallel edges as a
    simple graph)."""
    data = graph.get_edge_data(u, v) or {}
    return list(data.values()) if graph.is_multigraph() else [data]


@pytest.mark.parametrize("format_name", FORMATS)
def test_nodes_carry_type_town_competences_and_measures(small_network, format_name):
    graph = read_back(format_name)
    a2, a3 = graph.nodes[small_network.a2.pk], graph.nodes[small_network.a3.pk]
    label = "name" if format_name == "cytoscape" else "label"
    assert a3[label] == "A3 Oy"
    assert (a3["actor_type"], a3["town_code"], a3["town_name"]) == ("company", "901", "Kotikylä")
    assert a3["competences"] == "Teräs;Vety"
    assert a2["degree"] == 3
    # Across the whole network a2 and a3 are brokers; a1 is not.
    assert a2["betweenness"] > 0 and graph.nodes[small_network.a1.pk]["betweenness"] == 0
    assert 0 < a2["degree_centrality"] <= 1


@pytest.mark.parametrize("format_name", FORMATS)
def test_edges_are_the_dated_relations_directed_as_recorded(small_network, format_name):
    w = small_network
    graph = read_back(format_name)
    assert graph.is_directed() and graph.number_of_edges() == 5
    (data,) = edges_between(graph, w.a3.pk, w.university.pk)
    assert data["kind"] == "rdi"
    assert data["start"] == "2022-05-01"
    assert data.get("end") is None  # ongoing
    assert not graph.has_edge(w.university.pk, w.a3.pk)


@pytest.mark.parametrize("format_name", FORMATS)
def test_an_ended_tie_exports_its_end_date(small_network, format_name):
    stream = io.StringIO()
    write_network(load_network(NetworkFilter(on=date(2023, 1, 1))), format_name, stream)
    text = stream.getvalue()
    assert "2023-06-30" in text


@pytest.mark.parametrize("format_name", FORMATS)
def test_an_export_is_exactly_the_filtered_view(small_network, format_name):
    graph = read_back(format_name, towns=("901",), kinds=("rdi",))
    assert set(graph) == small_network.pk_of("a3", "university")
    assert [d["kind"] for _u, _v, d in graph.edges(data=True)] == ["rdi"]


@pytest.mark.parametrize("format_name", FORMATS)
def test_names_with_markup_and_control_characters_survive(small_network, format_name):
    small_network.a1.name = 'Hölö & "Pojat" <Oy>\x07'
    small_network.a1.save()
    graph = read_back(format_name)
    label = "name" if format_name == "cytoscape" else "label"
    expected = 'Hölö & "Pojat" <Oy>' + ("\x07" if format_name == "cytoscape" else "")
    assert graph.nodes[small_network.a1.pk][label] == expected


@pytest.mark.parametrize("format_name", FORMATS)
def test_an_empty_network_is_a_valid_empty_document(db, format_name):
    assert read_back(format_name).number_of_nodes() == 0


@pytest.mark.parametrize("format_name", FORMATS)
def test_two_relations_between_the_same_actors_stay_two_edges(small_network, format_name):

    w = small_network
    RelationFactory(source=w.a1, target=w.a2, kind=RelationKind.OWNERSHIP)
    graph = read_back(format_name)
    kinds = sorted(d["kind"] for d in edges_between(graph, w.a1.pk, w.a2.pk))
    assert kinds == ["ownership", "supplier"]


def graph_command(*args):

    out = io.StringIO()
    call_command("seutu_ecosystem", "graph", "--on", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def test_the_graph_command_writes_a_towns_rdi_ties_as_gexf_to_a_file(small_network, tmp_path):
    path = tmp_path / "kotikyla.gexf"
    graph_command("--town", "901", "--kind", "rdi", "--format", "gexf", "-o", str(path))
    graph = nx.read_gexf(path, node_type=int)
    assert set(graph) == small_network.pk_of("a3", "university")


@pytest.mark.parametrize("format_name", ["graphml", "cytoscape"])
def test_the_graph_command_prints_to_stdout(small_network, format_name):
    text = graph_command("--format", format_name)
    if format_name == "graphml":
        graph = nx.read_graphml(io.BytesIO(text.encode()))
    else:
        graph = nx.cytoscape_graph(json.loads(text))
    assert graph.number_of_nodes() == 6 and graph.number_of_edges() == 5


def test_the_graph_command_prints_the_measures_as_json(small_network):
    measures = json.loads(graph_command("--format", "json", "--town", "901"))
    assert measures["actors"] == 6 and measures["university_ties"] == {"rdi": 1}


def test_the_graph_command_refuses_an_unknown_town(db):

    with pytest.raises(CommandError, match="999"):
        graph_command("--town", "999")
