"""The cooperation guide page: steps with their checklists, and live examples from the towns'
higher-education ties that show only what the CRM marked public.

The ties are university_world's (hand-counted there): three are public examples, of which
the placement's actor Kenno Oy is not public; Kuusamo's agreement is its only tie.
"""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize.segments.extract import extract_segments

from seutu_crm.models import TieKind
from seutu_pages.demo_guide import checklist_items
from seutu_pages.models import CooperationGuidePage
from tests.crm.university_world import ties, world  # noqa: F401  (fixtures)
from tests.factories import HigherEducationTieFactory

from .page_factories import make_directory, make_town_page, publish, translate

pytestmark = pytest.mark.django_db


def step(title, checklist, text="<p>Ohje.</p>"):
    return {"type": "step", "value": {"title": title, "text": text,
                                      "checklist": checklist_items(checklist)}}


def examples(**value):
    return {"type": "tie_examples", "value": {
        "heading": "Esimerkkejä", "kinds": [], "own_town_only": False, "limit": 6, **value}}


def make_guide(parent, body=None, **fields):
    fields.setdefault("title", "Korkeakouluyhteistyön malli")
    fields.setdefault("slug", "malli")
    return publish(parent, CooperationGuidePage(
        introduction="<p>Näin yhteistyö syvenee.</p>",
        steps=[step("Tunnista tarpeet", ["Tarpeet on kirjattu.", "Vastuuhenkilö on nimetty."]),
               step("Sovi kumppanuudesta", ["Sopimus on allekirjoitettu."])],
        body=[examples()] if body is None else body,
        **fields,
    ))


def text(response):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_the_steps_are_numbered_in_order_with_their_checklists(client, home, ties):
    html = client.get(make_guide(home).url).content.decode()
    steps = re.findall(r'<li class="guide-step">.*?</li>\s*</ul>', html, re.S)
    assert [re.search(r"<h3>(.*?)</h3>", s).group(1) for s in steps] == [
        "Tunnista tarpeet", "Sovi kumppanuudesta"]
    assert '<ol class="guide-steps">' in html
    assert re.findall(r"<li>(.*?)</li>", steps[0]) == [
        "Tarpeet on kirjattu.", "Vastuuhenkilö on nimetty."]


def test_examples_show_public_ties_and_public_actors_only(client, home, ties):
    body = text(client.get(make_guide(home).url))
    for shown in ("Kesäharjoittelu kennotehtaalla", "Akkumateriaalien kierrätys",
                  "Sahateollisuuden sopimus", "Anodi Oy", "Katodi Oy", "Oulun yliopisto",
                  "Oulun ammattikorkeakoulu"):
        assert shown in body
    # Not public examples, a private actor, and no tie's description.
    for hidden in ("Anodien laadunvalvonta", "Kumppanuussopimus OAMK", "Kenno Oy"):
        assert hidden not in body
    ties.rdi.description = "Yhteyshenkilö Maija Meikäläinen"
    ties.rdi.save()
    assert "Meikäläinen" not in text(client.get(make_guide(home, slug="toinen").url))


def test_an_example_says_its_kind_years_and_town(client, home, ties):
    body = text(client.get(make_guide(home).url))
    assert "TKI-hanke · vuodesta 2023 · Raahe" in body
    assert "Opiskelijaharjoittelu · 2024 · Raahe" in body


def test_actors_link_to_their_profiles_in_the_pages_directory(client, home, ties):
    directory = make_directory(home)
    html = client.get(make_guide(home).url).content.decode()
    anodi = ties.world.raahe_battery[0]
    assert re.search(rf'href="{directory.url}{anodi.pk}-[a-z0-9-]+/">Anodi Oy</a>', html)


def test_a_towns_guide_can_show_its_own_ties_only(client, home, ties):
    kuusamo = make_town_page(home, town=ties.world.kuusamo)
    page = make_guide(kuusamo, town=ties.world.kuusamo, body=[examples(own_town_only=True)])
    body = text(client.get(page.url))
    assert "Sahateollisuuden sopimus" in body
    assert "Akkumateriaalien kierrätys" not in body


def test_examples_can_be_narrowed_to_kinds(client, home, ties):
    page = make_guide(home, body=[examples(kinds=[TieKind.RDI_PROJECT, TieKind.AGREEMENT])])
    body = text(client.get(page.url))
    assert "Akkumateriaalien kierrätys" in body and "Sahateollisuuden sopimus" in body
    assert "Kesäharjoittelu kennotehtaalla" not in body


def test_without_public_examples_the_block_says_so(client, home, ties):
    page = make_guide(home, body=[examples(kinds=[TieKind.GUEST_LECTURE])])
    assert "Esimerkkejä ei ole vielä julkaistu." in text(client.get(page.url))


def test_a_swedish_guide_shows_the_swedish_title_or_marks_the_finnish_one(client, home, ties):
    ties.rdi.title_sv = "Återvinning av batterimaterial"
    ties.rdi.save()
    translate(home, "sv", title="Regionstäderna", slug="hem")
    swedish = translate(make_guide(home), "sv", title="Högskolesamarbete", slug="samarbete")
    html = client.get(swedish.url).content.decode()
    assert "<h3>Återvinning av batterimaterial</h3>" in html
    assert '<h3 lang="fi">Sahateollisuuden sopimus</h3>' in html
    assert "FUI-projekt · sedan 2023 · Brahestad" in text(client.get(swedish.url))


def test_examples_cost_the_same_queries_however_many_there_are(client, home, ties):
    page = make_guide(home, body=[examples(limit=24)])
    client.get(page.url)
    with CaptureQueriesContext(connection) as few:
        client.get(page.url)
    raahe = ties.world.raahe
    for n in range(10):
        HigherEducationTieFactory(town=raahe, institution=ties.university, is_public_example=True,
                                  title=f"Esimerkki {n}", actors=list(ties.world.raahe_battery[:2]))
    with CaptureQueriesContext(connection) as many:
        response = client.get(page.url)
    assert "Esimerkki 9" in text(response)
    assert len(many) == len(few)


def test_a_translation_has_segments_for_the_texts_but_not_for_the_choice_of_examples(home, ties):
    page = make_guide(home, body=[examples(kinds=[TieKind.THESIS], own_town_only=True)])
    segments = extract_segments(page)
    strings = {segment.string.data for segment in segments if hasattr(segment, "string")}
    assert {"Tunnista tarpeet", "Tarpeet on kirjattu.", "Esimerkkejä"} <= strings
    paths = [segment.path for segment in segments]
    assert not [p for p in paths if any(w in p for w in ("kinds", "own_town_only", "limit"))]
    swedish = translate(home, "sv", title="Regionstäderna", slug="hem") and translate(
        page, "sv", title="Modell", slug="modell")
    value = swedish.body[0].value
    assert (list(value["kinds"]), value["own_town_only"]) == ([TieKind.THESIS], True)
