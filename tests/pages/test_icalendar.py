"""The iCalendar writer follows RFC 5545; the ``icalendar`` package checks it independently."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest

from seutu_pages.icalendar import CalendarEvent, escape_text, fold, format_utc, serialise

HELSINKI = ZoneInfo("Europe/Helsinki")
STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def make_event(**overrides):
    values = {
        "uid": "event-1@seutu.example",
        "summary": "Biotalouden seminaari",
        "start": datetime(2026, 3, 15, 14, 0, tzinfo=HELSINKI),
        "end": datetime(2026, 3, 15, 16, 30, tzinfo=HELSINKI),
        "location": "Kaupungintalo, Kristiinankaupunki",
        "url": "https://example.fi/fi/tapahtumat/biotalous/",
    }
    values.update(overrides)
    return CalendarEvent(**values)


def test_every_line_ends_with_crlf():
    text = serialise([make_event()], stamp=STAMP)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_helsinki_times_are_written_in_utc_with_z():
    text = serialise([make_event()], stamp=STAMP)
    # 14:00 in Helsinki in March (EET, +02:00) is 12:00 UTC.
    assert "DTSTART:20260315T120000Z\r\n" in text
    assert "DTEND:20260315T143000Z\r\n" in text
    assert "DTSTAMP:20260102T030405Z\r\n" in text


def test_summer_time_is_taken_into_account():
    assert format_utc(datetime(2026, 7, 1, 10, 0, tzinfo=HELSINKI)) == "20260701T070000Z"


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        format_utc(datetime(2026, 7, 1, 10, 0))


def test_text_escapes_backslash_semicolon_comma_and_newlines():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "ä" * 100  # two octets each
    folded = fold(line)
    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert "".join([physical[0]] + [part[1:] for part in physical[1:]]) == line


def test_short_lines_are_not_folded():
    assert fold("SUMMARY:Seminaari") == "SUMMARY:Seminaari"


def test_icalendar_package_reads_back_every_property():
    event = make_event(
        summary="Seminaari; puu, metsä ja \\ teollisuus " + "pitkä " * 20,
        description="Rivi yksi\nRivi kaksi, kolme; neljä",
    )
    calendar = icalendar.Calendar.from_ical(serialise([event], name="Tapahtumat", stamp=STAMP))
    (parsed,) = calendar.walk("VEVENT")
    assert str(parsed["UID"]) == event.uid
    assert str(parsed["SUMMARY"]) == event.summary
    assert str(parsed["DESCRIPTION"]) == event.description
    assert str(parsed["LOCATION"]) == event.location
    assert str(parsed["URL"]) == event.url
    assert parsed.decoded("DTSTART") == event.start
    assert parsed.decoded("DTEND") == event.end
    assert parsed.decoded("DTSTART").tzinfo is not None
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]


def test_a_feed_holds_every_event_and_is_valid_without_events():
    events = [make_event(uid=f"e{n}@seutu.example") for n in range(3)]
    calendar = icalendar.Calendar.from_ical(serialise(events, stamp=STAMP))
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [e.uid for e in events]
    empty = icalendar.Calendar.from_ical(serialise([], stamp=STAMP))
    assert empty.walk("VEVENT") == []
