"""What the page types and blocks list: live, public pages in the visitor's language."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.db.models.lookups import StartsWith
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from seutu_crm.queries_public import default_language_code


def only_public(pages):
    """``pages`` without those in a private section, like ``PageQuerySet.public()``.

    Wagtail's ``public()`` spends a query of its own reading every view restriction; this
    asks the same question inside the pages' query, so a page listing several kinds of
    pages keeps a fixed, small query count.
    """
    listed_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restrictions = PageViewRestriction.objects.filter(StartsWith(listed_path, F("page__path")))
    return pages.filter(~Exists(restrictions))


def upcoming_events(index=None, limit=5, locale=None):
    """Events that have not ended yet, soonest first.

    ``index`` is any page whose descendant events to list (None: the whole site);
    ``locale`` defaults to the index's locale, else the active one.
    """
    from .models import EventPage

    events = only_public(EventPage.objects.live()).filter(end__gte=timezone.now())
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

    stories = only_public(StoryPage.objects.live())
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

    stories = only_public(StoryPage.objects.live()).descendant_of(index)
    if kind:
        stories = stories.filter(kind=kind)
    return stories.order_by("-date", "-pk").prefetch_related(
        Prefetch("image", queryset=_image_with_renditions())
    )


def town_pages(home):
    """Every town of the home page's site, by title: its page in the home page's language,
    else its page in the default language (so no town goes missing from a translated home)."""
    from .models import TownPage

    from django.db.models import Q

    home_paths = home.get_translations(inclusive=True).filter(
        Q(pk=home.pk) | Q(locale__language_code=default_language_code())
    ).values_list("path", flat=True)
    under_a_home = Q(pk__in=[])
    for path in home_paths:
        under_a_home |= Q(path__startswith=path)
    pages = (
        only_public(TownPage.objects.live())
        .filter(under_a_home, depth=home.depth + 1)
        .select_related("town", "locale")
        .order_by("title")
    )
    chosen = {}
    for page in pages:
        if page.translation_key not in chosen or page.locale_id == home.locale_id:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title.casefold())


def town_showcase(town_page):
    """``(featured actors, focus competences)`` of a town page, in the page's language.

    Featured actors are PublicActors in the editor's order; the competence names of both
    come from one translation lookup.
    """
    from seutu_crm.queries_public import (
        as_public_actors,
        competence_translations,
        localised_competences,
        public_organisations,
    )

    language = town_page.locale.language_code
    organisations = list(
        public_organisations(detail=False)
        .filter(town_page_features__page=town_page)
        .order_by("town_page_features__sort_order", "town_page_features__pk")
    )
    focus = list(town_page.focus_competences.all())
    translations = competence_translations(
        focus + [c for o in organisations for c in o.competences.all()], language
    )
    return (
        as_public_actors(organisations, language, detail=False, translations=translations),
        localised_competences(focus, language, translations),
    )


def invest_in_page_for(town_page):
    """The town's live Invest-in page (a child of its town page), or None."""
    from .models import InvestInPage

    return only_public(InvestInPage.objects.live()).child_of(town_page).first()


def actor_directory_for(page):
    """Where actor profiles open for ``page``: the nearest directory at or above it in the
    tree (a town's own, else the network's), in the page's locale; None when there is none."""
    from .models import ActorDirectoryPage

    steplen = ActorDirectoryPage.steplen
    candidates = only_public(ActorDirectoryPage.objects.live()).filter(
        locale=page.locale, depth__lte=page.depth + 1
    )
    # A directory counts when its parent is ``page`` or one of its ancestors; the deepest wins.
    found = [d for d in candidates if page.path.startswith(d.path[:-steplen])]
    return max(found, key=lambda d: (d.depth, -d.pk), default=None)
