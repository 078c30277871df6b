"""Issue 11 item 2: the admin's network view — who may open it, its filters, list and exports."""

import io
import json

import networkx as nx
import pytest
from django.urls import reverse

from seutu_crm.ecosystem_admin import network_views
from tests.crm.admin_users import grant, viewer  # noqa: F401  (fixtures)
from tests.crm.admin_users import town  # noqa: F401
from tests.crm.network_world import small_network  # noqa: F401
from tests.factories import UserFactory

URL = reverse("seutu_ecosystem:network")


def export_url(format_name):
    return reverse("seutu_ecosystem:network_export", args=[format_name])


@pytest.fixture
def signed_in(client, viewer, small_network):
    client.force_login(viewer)
    return client


def refused(response):
    """403, or Wagtail's answer to PermissionDenied in the admin: back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_a_user_who_may_not_read_the_register_is_refused(client, small_network):
    editor = grant(UserFactory(username="editor"), ("wagtailadmin", "access_admin"))
    client.force_login(editor)
    assert refused(client.get(URL))
    assert refused(client.get(export_url("gexf")))


def test_a_viewer_sees_the_towns_rdi_ties_drawn_and_listed(signed_in, small_network):
    w = small_network
    response = signed_in.get(URL, {"town": "901", "kind": "rdi"})
    assert response.status_code == 200
    graph = response.context["graph"]
    assert {n["data"]["id"] for n in graph["nodes"]} == {str(w.a3.pk), str(w.university.pk)}
    assert [e["data"]["kind"] for e in graph["edges"]] == ["rdi"]
    assert all("x" in n["position"] for n in graph["nodes"])
    rows = response.context["rows"]
    assert {r.pk for r in rows} == {w.a3.pk, w.university.pk}
    edit = reverse("wagtailsnippets_seutu_crm_organisation:edit", args=[w.a3.pk])
    assert edit in response.content.decode()
    assert b'id="seutu-network-data"' in response.content


def test_the_measures_summary_is_of_the_filtered_view(signed_in, small_network):
    measures = signed_in.get(URL, {"town": "901"}).context["measures"]
    assert (measures.actors, measures.ties) == (6, 5)
    assert measures.brokers[0].pk in small_network.pk_of("a2", "a3")


def test_an_ego_network_is_drawn_around_the_actor(signed_in, small_network):
    w = small_network
    response = signed_in.get(URL, {"actor": w.a1.pk, "depth": 2})
    graph = response.context["graph"]
    assert {n["data"]["id"] for n in graph["nodes"]} == {str(pk) for pk in w.pk_of(
        "a1", "a2", "a3", "a4")}
    centre = next(n for n in graph["nodes"] if n["data"]["id"] == str(w.a1.pk))
    assert centre["position"] == {"x": 0.0, "y": 0.0}


@pytest.mark.parametrize(
    "params, field",
    [({"town": "999"}, "town"), ({"actor": "999999"}, "actor"), ({"depth": "7"}, "depth"),
     ({"kind": "gossip"}, "kind"), ({"actor": "abc"}, "actor")],
)
def test_bad_filters_re_render_the_form_with_a_message(signed_in, params, field):
    response = signed_in.get(URL, params)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "graph" not in response.context
    assert b'role="alert"' in response.content


def test_an_inactive_actor_is_explained(signed_in, small_network):
    response = signed_in.get(URL, {"actor": small_network.liquidated.pk})
    assert "Konkurssi Oy" in response.context["form"].errors["actor"][0]


@pytest.mark.parametrize("format_name", ["gexf", "graphml", "cytoscape"])
def test_the_export_links_give_exactly_the_filtered_view(signed_in, small_network, format_name):
    response = signed_in.get(URL, {"town": "901", "kind": "rdi"})
    links = dict(response.context["exports"])
    label = network_views.EXPORT_LABELS[format_name]
    download = signed_in.get(links[label])
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    data = b"".join(download.streaming_content)
    if format_name == "gexf":
        graph = nx.read_gexf(io.BytesIO(data), node_type=int)
    elif format_name == "graphml":
        graph = nx.read_graphml(io.BytesIO(data), node_type=int)
    else:
        graph = nx.relabel_nodes(nx.cytoscape_graph(json.loads(data)), int)
    assert set(graph) == small_network.pk_of("a3", "university")


def test_an_export_with_bad_filters_is_a_400_with_the_reason(signed_in):
    response = signed_in.get(export_url("gexf"), {"town": "999"})
    assert response.status_code == 400
    assert b"999" in response.content
    assert signed_in.get(export_url("pdf")).status_code == 400


def test_a_view_too_large_to_draw_is_listed_and_exported_but_not_drawn(
    signed_in, small_network, monkeypatch
):
    monkeypatch.setattr(network_views, "MAX_DRAWN_ACTORS", 3)
    monkeypatch.setattr(network_views, "MAX_LISTED_ACTORS", 3)
    response = signed_in.get(URL)
    assert "graph" not in response.context and not response.context["drawn"]
    assert len(response.context["rows"]) == 3
    assert b'role="status"' in response.content
    data = b"".join(signed_in.get(export_url("gexf")).streaming_content)
    assert nx.read_gexf(io.BytesIO(data)).number_of_nodes() == 6


def test_a_large_views_brokers_follow_the_drawing_from_their_own_address(
    signed_in, small_network, monkeypatch
):
    monkeypatch.setattr(network_views, "EXACT_BETWEENNESS_MAX_NODES", 3)  # six actors: large
    page = signed_in.get(URL)
    assert page.context["brokers_later"]
    assert not page.context["measures"].betweenness_computed
    fragment = signed_in.get(page.context["brokers_fragment_url"])
    assert fragment.status_code == 200
    assert fragment.context["measures"].brokers  # the tie-holders between the others
    assert b"seutu-network-brokers" in fragment.content

    at_once = signed_in.get(URL, {"brokers": "1"})  # without script: the same page, computed
    assert "brokers_later" not in at_once.context
    assert at_once.context["measures"].brokers == fragment.context["measures"].brokers


def test_the_brokers_of_bad_filters_say_so(signed_in):
    response = signed_in.get(reverse("seutu_ecosystem:network_brokers"), {"town": "999"})
    assert response.status_code == 200
    assert response.context["measures"] is None
