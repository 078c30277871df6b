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
