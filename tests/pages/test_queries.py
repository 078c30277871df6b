"""The page queries: what lists of stories and directories include."""

from wagtail.models import PageViewRestriction

from seutu_pages.queries import actor_directory_for, latest_stories

from .page_factories import make_directory, make_story, make_story_index, make_town_page


def test_stories_in_a_private_section_are_not_listed(home):
    open_index = make_story_index(home, slug="avoimet")
    private_index = make_story_index(home, slug="yksityiset")
    make_story(open_index, 1, slug="avoin")
    make_story(private_index, 2, slug="yksityinen")
    PageViewRestriction.objects.create(
        page=private_index, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert [story.slug for story in latest_stories(locale=home.locale, limit=10)] == ["avoin"]


def test_latest_stories_are_newest_first_and_limited(home):
    index = make_story_index(home)
    for n in range(5):
        make_story(index, n)

    assert [s.title for s in latest_stories(index=index, limit=3)] == [
        "Tarina 4", "Tarina 3", "Tarina 2"
    ]


def test_a_town_uses_its_own_directory_else_the_networks(home):
    network = make_directory(home)
    with_own = make_town_page(home)
    own = make_directory(with_own, town=with_own.town)
    without = make_town_page(home)

    assert actor_directory_for(with_own) == own
    assert actor_directory_for(without) == network
