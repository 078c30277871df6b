"""Event pages: upcoming and past lists, Helsinki times, venue or link, calendar files."""

from datetime import datetime, timedelta, timezone

import icalendar
import pytest
from django.core.exceptions import ValidationError

from seutu_pages.models import EventKind, EventPage
from seutu_pages.queries import upcoming_events

from . import site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    home = site_tree.network_home()
    return site_tree.event_index(site_tree.town_page(home))


def test_index_lists_upcoming_soonest_first_and_past_newest_first(client, index):
    later = site_tree.event_page(index, title="Later seminar", starts_in=timedelta(days=20))
    sooner = site_tree.event_page(index, title="Sooner seminar", starts_in=timedelta(days=2))
    old = site_tree.event_page(index, title="Old seminar", starts_in=timedelta(days=-30))
    recent = site_tree.event_page(index, title="Recent seminar", starts_in=timedelta(days=-3))
    response = client.get(index.url)
    assert list(response.context["upcoming"]) == [sooner, later]
    assert list(response.context["past"]) == [recent, old]
    text = response.text
    assert text.index("Sooner seminar") < text.index("Later seminar") < text.index("Recent seminar")


def test_event_in_progress_is_still_upcoming(client, index):
    ongoing = site_tree.event_page(index, starts_in=timedelta(hours=-1), hours=3)
    assert list(client.get(index.url).context["upcoming"]) == [ongoing]


def test_index_lists_are_paginated_separately(client, index, settings):
    settings.SEUTU_PAGES = {"EVENTS_PER_PAGE": 2}
    upcoming = [site_tree.event_page(index, starts_in=timedelta(days=n + 1)) for n in range(3)]
    site_tree.event_page(index, starts_in=timedelta(days=-5))
    first = client.get(index.url)
    assert list(first.context["upcoming"]) == upcoming[:2]
    assert 'href="?upcoming=2"' in first.text
    second = client.get(index.url, {"upcoming": 2})
    assert list(second.context["upcoming"]) == upcoming[2:]
    assert len(second.context["past"]) == 1


def test_drafts_do_not_appear(client, index):
    draft = site_tree.event_page(index, title="Secret draft")
    draft.unpublish()
    assert "Secret draft" not in client.get(index.url).text


def test_times_are_shown_in_helsinki_time(client, index):
    start = datetime(2030, 1, 15, 12, 0, tzinfo=timezone.utc)  # 14:00 in Helsinki (EET)
    event = site_tree.event_page(index, start=start, end=start + timedelta(hours=2))
    text = client.get(event.url).text
    assert 'datetime="2030-01-15T14:00:00+02:00"' in text
    assert 'datetime="2030-01-15T16:00:00+02:00"' in text


def test_event_needs_a_venue_or_an_online_link(index):
    event = EventPage(
        title="Nowhere",
        slug="nowhere",
        start=datetime(2030, 1, 1, 10, tzinfo=timezone.utc),
        end=datetime(2030, 1, 1, 12, tzinfo=timezone.utc),
    )
    with pytest.raises(ValidationError) as raised:
        index.add_child(instance=event)
    assert "venue" in raised.value.message_dict
    event.online_url = "https://meet.example/webinar"
    index.add_child(instance=event)
    assert event.pk


def test_event_must_end_after_it_starts(index):
    start = datetime(2030, 1, 1, 10, tzinfo=timezone.utc)
    event = EventPage(title="Backwards", slug="b", start=start, end=start, venue="Hall")
    with pytest.raises(ValidationError) as raised:
        index.add_child(instance=event)
    assert "end" in raised.value.message_dict


def test_upcoming_webinar_shows_registration_and_online_link_but_no_recording(client, index):
    event = site_tree.event_page(
        index,
        kind=EventKind.WEBINAR,
        venue="",
        online_url="https://meet.example/join",
        registration_url="https://forms.example/register",
        recording_url="https://video.example/recording",
    )
    text = client.get(event.url).text
    assert "https://meet.example/join" in text
    assert "https://forms.example/register" in text
    assert "https://video.example/recording" not in text


def test_past_event_offers_the_recording_and_no_registration(client, index):
    event = site_tree.event_page(
        index,
        starts_in=timedelta(days=-2),
        registration_url="https://forms.example/register",
        recording_url="https://video.example/recording",
    )
    text = client.get(event.url).text
    assert "https://video.example/recording" in text
    assert "https://forms.example/register" not in text


def test_event_calendar_file_holds_the_event(client, index):
    start = datetime(2030, 6, 10, 6, 30, tzinfo=timezone.utc)
    event = site_tree.event_page(
        index, title="Vety, tuuli; ja satama", start=start, end=start + timedelta(hours=3)
    )
    response = client.get(event.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.endswith(b"\r\n")
    assert b"DTSTART:20300610T063000Z\r\n" in response.content
    (parsed,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(parsed["SUMMARY"]) == "Vety, tuuli; ja satama"
    assert parsed.decoded("DTSTART") == start
    assert str(parsed["LOCATION"]) == event.venue
    assert str(parsed["URL"]).endswith(event.url)


def test_index_feed_has_its_own_published_events_only(client, index):
    mine = site_tree.event_page(index, title="Mine")
    recent = site_tree.event_page(index, title="Recent", starts_in=timedelta(days=-10))
    site_tree.event_page(index, title="Long ago", starts_in=timedelta(days=-800))
    site_tree.event_page(index, title="Draft", live=False)
    other_index = site_tree.event_index(index.get_parent(), slug="muut", title="Muut")
    site_tree.event_page(other_index, title="Elsewhere")
    response = client.get(index.url + "calendar/")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries == [recent.title, mine.title]


def test_translations_of_an_event_share_one_calendar_uid(client, index):
    event = site_tree.event_page(index)
    swedish = site_tree.translate(event, "sv")
    finnish_uid = icalendar.Calendar.from_ical(client.get(event.url + "calendar/").content)
    swedish_uid = icalendar.Calendar.from_ical(client.get(swedish.url + "calendar/").content)
    assert swedish.url.startswith("/sv/")
    assert str(finnish_uid.walk("VEVENT")[0]["UID"]) == str(swedish_uid.walk("VEVENT")[0]["UID"])


def test_upcoming_events_query_is_per_locale_soonest_first_and_limited(index):
    first = site_tree.event_page(index, starts_in=timedelta(days=1))
    second = site_tree.event_page(index, starts_in=timedelta(days=2))
    site_tree.event_page(index, starts_in=timedelta(days=3))
    site_tree.event_page(index, starts_in=timedelta(days=-1))
    site_tree.translate(first, "sv")
    assert upcoming_events(index=index, limit=2) == [first, second]
    assert len(upcoming_events(index=index, limit=None)) == 3
    swedish_home = index.get_parent().get_parent().get_translation(
        site_tree.locales()["sv"]
    )
    assert [e.translation_key for e in upcoming_events(index=swedish_home)] == [
        first.translation_key
    ]


def test_index_query_count_does_not_grow_with_events(client, index, django_assert_num_queries):
    for n in range(3):
        site_tree.event_page(index, starts_in=timedelta(days=n + 1))
        site_tree.event_page(index, starts_in=timedelta(days=-n - 1))
    client.get(index.url)  # warm Wagtail's site and locale caches

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(index.url)
    for n in range(3, 12):
        site_tree.event_page(index, starts_in=timedelta(days=n + 1))
        site_tree.event_page(index, starts_in=timedelta(days=-n - 1))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(index.url)


def test_calendar_files_are_also_at_calendar_ics(client, index):
    event = site_tree.event_page(index, title="Satamapäivä")
    assert event.calendar_url() == event.url + "calendar.ics"
    assert index.calendar_url() == index.url + "calendar.ics"
    for url in (event.calendar_url(), index.calendar_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        (parsed,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert str(parsed["SUMMARY"]) == "Satamapäivä"


def test_calendar_ics_of_a_page_without_a_calendar_is_not_found(client, index):
    assert client.get(index.get_parent().url + "calendar.ics").status_code == 404
    assert client.get("/fi/no-such-page/calendar.ics").status_code == 404


def test_event_page_links_to_its_calendar_file(client, index):
    event = site_tree.event_page(index)
    assert f'href="{event.url}calendar.ics"' in client.get(event.url).text


def test_feed_query_count_does_not_grow_with_events(client, index, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(2):
        site_tree.event_page(index, starts_in=timedelta(days=n + 1))
    url = index.calendar_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 10):
        site_tree.event_page(index, starts_in=timedelta(days=n + 1))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
