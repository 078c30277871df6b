"""Editors can only build a sensible tree: which page type may go where."""

import pytest
from wagtail.models import Page

from seutu_pages.models import (
    ActorDirectoryPage,
    NetworkHomePage,
    StoryIndexPage,
    StoryPage,
    StrategyPage,
    TownPage,
)

from .page_factories import make_story_index, make_town_page


def test_home_page_goes_only_at_the_top_of_the_tree(home):
    assert NetworkHomePage.can_create_at(Page.get_first_root_node())
    assert not NetworkHomePage.can_create_at(home)


def test_town_pages_go_under_the_home_page_only(home):
    town_page = make_town_page(home)
    assert TownPage.can_create_at(home)
    assert not TownPage.can_create_at(town_page)
    assert not TownPage.can_create_at(Page.get_first_root_node())


def test_a_town_page_holds_its_directory_strategy_and_stories(home):
    town_page = make_town_page(home)
    allowed = set(town_page.specific_class.allowed_subpage_models())
    assert {ActorDirectoryPage, StrategyPage, StoryIndexPage} <= allowed
    assert StoryPage not in allowed
    assert NetworkHomePage not in allowed


def test_network_level_pages_go_under_the_home_page(home):
    for page_type in (ActorDirectoryPage, StrategyPage, StoryIndexPage):
        assert page_type.can_create_at(home), page_type


def test_stories_go_only_under_a_story_index(home):
    index = make_story_index(home)
    assert StoryPage.can_create_at(index)
    assert not StoryPage.can_create_at(home)
    assert StoryIndexPage.allowed_subpage_models() == [StoryPage]


def test_leaf_pages_take_no_children(home):
    for page_type in (StoryPage, StrategyPage, ActorDirectoryPage):
        assert page_type.allowed_subpage_models() == [], page_type


def test_a_town_has_one_town_page_per_language(home):
    from django.core.exceptions import ValidationError

    existing = make_town_page(home)
    duplicate = TownPage(title="Toinen", slug="toinen", town=existing.town, locale=home.locale)

    with pytest.raises(ValidationError):
        home.add_child(instance=duplicate)
