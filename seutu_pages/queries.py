"""What the page types and blocks list: live, public pages in the visitor's language."""

from django.utils import timezone
from wagtail.models import Locale


def upcoming_events(index=None, limit=5, locale=None):
    """Events that have not ended yet, soonest first.

    ``index`` is any page whose descendant events to list (None: the whole site);
    ``locale`` defaults to the index's locale, else the active one.
    """
    from .models import EventPage

    events = EventPage.objects.live().public().filter(end__gte=timezone.now())
    if index is not None:
        events = events.descendant_of(index)
    locale = locale or (index.locale if index is not None else Locale.get_active())
    events = events.filter(locale=locale).order_by("start", "pk")
    return list(events[:limit]) if limit else list(events)


def _image_with_renditions():
    from wagtail.images import get_image_model

    return get_image_model().objects.prefetch_renditions()


def latest_stories(index=None, kind=None, town=None, limit=3, locale=None):
    """Live stories, newest first: below ``index`` (None: the whole site), of ``kind`` and
    about ``town`` (a Town or its pk) when given, in ``locale`` (default: the active one)."""
    from django.db.models import Prefetch

    from .models import StoryPage

    stories = StoryPage.objects.live().public()
    if index is not None:
        stories = stories.descendant_of(index)
    if kind:
        stories = stories.filter(kind=kind)
    if town is not None:
        stories = stories.filter(towns=town)
    locale = locale or (index.locale if index is not None else Locale.get_active())
    stories = (
        stories.filter(locale=locale)
        .order_by("-date", "-pk")
        .prefetch_related(Prefetch("image", queryset=_image_with_renditions()))
    )
    return list(stories[:limit]) if limit else list(stories)


def stories_of(index, kind=None):
    """The live stories below a story index, newest first (a queryset, for paginating)."""
    from django.db.models import Prefetch

    from .models import StoryPage

    stories = StoryPage.objects.live().public().descendant_of(index)
    if kind:
        stories = stories.filter(kind=kind)
    return stories.order_by("-date", "-pk").prefetch_related(
        Prefetch("image", queryset=_image_with_renditions())
    )


def town_pages(home):
    """The live town pages under a home page, by title, with their towns."""
    from .models import TownPage

    return list(
        TownPage.objects.live().public().child_of(home).select_related("town").order_by("title")
    )


def featured_actors(town_page):
    """The public organisations featured on a town page, as PublicActors in the editor's order."""
    from seutu_crm.queries_public import as_public_actors, public_organisations

    organisations = public_organisations().filter(town_page_features__page=town_page).order_by(
        "town_page_features__sort_order", "town_page_features__pk"
    )
    return as_public_actors(organisations, town_page.locale.language_code)


def focus_competences(town_page):
    """The town page's focus competences in the page's language."""
    from seutu_crm.queries_public import localised_competences

    return localised_competences(town_page.focus_competences.all(), town_page.locale.language_code)


def invest_in_page_for(town_page):
    """The town's live Invest-in page (a child of its town page), or None."""
    from .models import InvestInPage

    return InvestInPage.objects.live().public().child_of(town_page).first()


def actor_directory_for(page):
    """Where actor profiles open for ``page``: the nearest directory at or above it in the
    tree (a town's own, else the network's), in the page's locale; None when there is none."""
    from .models import ActorDirectoryPage

    steplen = ActorDirectoryPage.steplen
    candidates = ActorDirectoryPage.objects.live().public().filter(
        locale=page.locale, depth__lte=page.depth + 1
    )
    # A directory counts when its parent is ``page`` or one of its ancestors; the deepest wins.
    found = [d for d in candidates if page.path.startswith(d.path[:-steplen])]
    return max(found, key=lambda d: (d.depth, -d.pk), default=None)
