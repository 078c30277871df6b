"""The block library: what each block accepts and how it renders."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from seutu_pages.blocks import AccessibleImageBlock, BodyBlock, CallToActionBlock
from seutu_pages.models.strategies import GoalBlock
from tests.factories import OrganisationFactory

from .page_factories import make_story, make_story_index, make_strategy


def test_image_block_requires_alternative_text():
    with pytest.raises(ValidationError):
        AccessibleImageBlock().clean({"image": None, "alt_text": "", "caption": ""})


def test_call_to_action_needs_a_page_or_an_address_but_not_both(home):
    block = CallToActionBlock()
    value = {"title": "Ota yhteyttä", "text": "", "button_label": "Lue lisää"}
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**value, "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**value, "page": home.pk, "url": "https://example.fi"}))
    assert block.clean(block.to_python({**value, "page": None, "url": "https://example.fi"}))


def test_actor_cards_render_only_public_organisations(client, home):
    public = OrganisationFactory(name="Avoin Oy")
    private = OrganisationFactory(name="Piilotettu Oy", is_public=False)
    story = make_story(
        make_story_index(home),
        body=[
            {
                "type": "actor_cards",
                "value": {"heading": "Toimijat", "organisations": [public.pk, private.pk]},
            }
        ],
    )

    html = client.get(story.url).content.decode()

    assert "Avoin Oy" in html
    assert "Piilotettu Oy" not in html


def test_accordion_opens_and_closes_without_javascript(client, home):
    story = make_story(
        make_story_index(home),
        body=[
            {
                "type": "accordion",
                "value": {
                    "heading": "Usein kysyttyä",
                    "items": [{"question": "Mikä on seutukaupunki?", "answer": "<p>Kaupunki.</p>"}],
                },
            }
        ],
    )

    html = client.get(story.url).content.decode()

    assert "<summary>Mikä on seutukaupunki?</summary>" in html


@pytest.mark.parametrize(
    "baseline, target, current, progress",
    [(100, 200, 150, 50), (100, 200, 250, 100), (100, 200, 50, 0), (50, 10, 30, 50)],
)
def test_goal_progress_runs_from_baseline_to_target(baseline, target, current, progress):
    value = GoalBlock().to_python(
        {"title": "T", "indicator": "I", "unit": "", "baseline": baseline, "target": target,
         "year": 2030, "current": current}
    )
    assert value.progress() == progress


def test_goal_without_a_current_value_has_no_progress_bar():
    value = GoalBlock().to_python(
        {"title": "T", "indicator": "I", "unit": "", "baseline": 1, "target": 2, "year": 2030,
         "current": None}
    )
    assert value.progress() is None


def test_strategy_shows_goals_as_progress_with_the_values_in_text(client, home):
    strategy = make_strategy(
        home,
        goals=[
            {
                "type": "goal",
                "value": {"title": "Lisää työpaikkoja", "indicator": "Työpaikat", "unit": "työpaikkaa",
                          "baseline": Decimal(8000), "target": Decimal(8600), "year": 2030,
                          "current": Decimal(8240)},
            }
        ],
    )

    html = client.get(strategy.url).content.decode()

    assert '<progress max="100" value="40"' in html
    assert "8000 työpaikkaa" in html and "8600 työpaikkaa" in html and "8240 työpaikkaa" in html


def test_body_block_offers_the_whole_library():
    assert set(BodyBlock.base_blocks) >= {
        "heading", "paragraph", "image", "quote", "key_figures", "call_to_action", "actor_cards",
        "competence_list", "video", "accordion", "event_list", "story_list",
    }


def test_embedded_video_iframe_gets_the_blocks_title():
    from seutu_pages.templatetags.seutu_pages_tags import with_iframe_title

    html = with_iframe_title('<iframe src="https://video.example/1"></iframe>', 'Raahe "esittely"')

    assert html == '<iframe title="Raahe &quot;esittely&quot;" src="https://video.example/1"></iframe>'
