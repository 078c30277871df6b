"""Seminars and webinars: an index with upcoming and past lists, and one page per event.

Times are stored as aware datetimes and shown in Europe/Helsinki whatever the site's
``TIME_ZONE``; both pages serve iCalendar for calendar programs at ``<page>/calendar/``,
and at ``<page>/calendar.ics`` where the site includes ``seutu_pages.urls.localised_urlpatterns``
(Wagtail's own page URLs cannot contain a dot).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .. import icalendar
from ..blocks import BodyBlock
from ..conf import get_setting

EVENT_TIME_ZONE = "Europe/Helsinki"
CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    WEBINAR = "webinar", _("Webinar")


def calendar_url(page):
    """``<page>/calendar.ics`` when the site includes seutu_pages' localised URLs, else the
    page's own ``calendar/`` route."""
    from django.urls import NoReverseMatch, reverse

    from ..urls import CALENDAR_FILE_URL_NAME

    try:
        reverse(CALENDAR_FILE_URL_NAME, kwargs={"path": ""})
    except NoReverseMatch:
        return page.url + page.reverse_subpage("calendar")
    return page.url + "calendar.ics"


def calendar_hostname(page):
    """The host part of calendar UIDs: the page's site (looked up once per calendar)."""
    site = page.get_site()
    return site.hostname if site else "seutu"


def calendar_response(events, *, name, filename):
    response = HttpResponse(
        icalendar.serialise(events, name=name), content_type=CALENDAR_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventIndexPage(RoutablePageMixin, Page):
    """The events of a town or of the whole network: upcoming first, then past ones."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["seutu_pages.NetworkHomePage", "seutu_pages.TownPage"]
    subpage_types = ["seutu_pages.EventPage"]
    template = "seutu_pages/events/event_index_page.html"

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def events(self):
        return EventPage.objects.live().public().descendant_of(self)

    def upcoming_events(self):
        return self.events().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past_events(self):
        return self.events().filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        per_page = get_setting("EVENTS_PER_PAGE")
        context["upcoming"] = Paginator(self.upcoming_events(), per_page).get_page(
            request.GET.get("upcoming")
        )
        context["past"] = Paginator(self.past_events(), per_page).get_page(
            request.GET.get("past")
        )
        return context

    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        # Upcoming events and the past year's: enough for a subscription, bounded in size.
        since = timezone.now() - timedelta(days=365)
        events = self.events().filter(end__gte=since).order_by("start", "pk")
        hostname = calendar_hostname(self)
        return calendar_response(
            [event.as_calendar_event(request, hostname) for event in events],
            name=self.title,
            filename=f"{slugify(self.title) or 'events'}.ics",
        )

    def calendar_url(self):
        return calendar_url(self)


class EventPage(RoutablePageMixin, Page):
    """A seminar or webinar, with a venue or an online link (or both)."""

    kind = models.CharField(
        _("kind"), max_length=16, choices=EventKind.choices, default=EventKind.SEMINAR
    )
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), db_index=True)
    introduction = models.TextField(_("introduction"), blank=True)
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("Place name and street address.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where to join a webinar or a live stream.")
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    recording_url = models.URLField(
        _("recording link"), blank=True, help_text=_("Shown once the event is over.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Time")),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldPanel("registration_url"),
                FieldPanel("recording_url"),
            ],
            heading=_("Where and how to take part"),
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("venue"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["seutu_pages.EventIndexPage"]
    subpage_types = []
    template = "seutu_pages/events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if not self.venue and not self.online_url:
            errors["venue"] = _("Give a venue, an online link, or both.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def location_text(self):
        return self.venue or self.online_url

    def calendar_uid(self, hostname=None):
        # The same event in every language shares one UID: calendars treat it as one event.
        return f"seutu-event-{self.translation_key}@{hostname or calendar_hostname(self)}"

    def as_calendar_event(self, request=None, hostname=None):
        return icalendar.CalendarEvent(
            uid=self.calendar_uid(hostname),
            summary=self.title,
            start=self.start,
            end=self.end,
            description=self.introduction,
            location=self.venue or self.online_url,
            url=self.get_full_url(request) or "",
            last_modified=self.last_published_at,
        )

    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        return calendar_response(
            [self.as_calendar_event(request)],
            name=self.title,
            filename=f"{self.slug}.ics",
        )

    def calendar_url(self):
        return calendar_url(self)
