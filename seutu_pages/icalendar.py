"""A small iCalendar (RFC 5545) writer for event pages.

We only ever write VEVENTs with a handful of text and UTC date-time properties, so a few
dozen lines that follow the RFC's rules (CRLF line ends, folding at 75 octets, TEXT escaping,
UTC times with ``Z``) serve better than a general-purpose dependency. The tests parse the
output with the ``icalendar`` package to check it independently.
"""

from dataclasses import dataclass
from datetime import datetime, timezone

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
PRODUCT_ID = "-//Seutukaupungit//Seutu pages//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """What a calendar needs to know of one event; start and end are aware datetimes."""

    uid: str
    summary: str
    start: datetime
    end: datetime
    description: str = ""
    location: str = ""
    url: str = ""
    last_modified: datetime | None = None


def escape_text(value):
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def format_utc(moment):
    """A DATE-TIME in UTC form (``20260315T120000Z``); naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("iCalendar times must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """Fold a content line into chunks of at most 75 octets (RFC 5545 §3.1).

    Continuation lines start with one space, which counts towards their 75 octets; a
    multi-byte UTF-8 character is never split.
    """
    chunks = []
    current, size = [], 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size = [], 0
            limit = MAX_LINE_OCTETS - 1  # the leading space of the continuation
        current.append(char)
        size += width
    chunks.append("".join(current))
    return (CRLF + " ").join(chunks)


def _event_lines(event, stamp):
    yield "BEGIN:VEVENT"
    yield f"UID:{escape_text(event.uid)}"
    yield f"DTSTAMP:{format_utc(stamp)}"
    yield f"DTSTART:{format_utc(event.start)}"
    yield f"DTEND:{format_utc(event.end)}"
    yield f"SUMMARY:{escape_text(event.summary)}"
    if event.description:
        yield f"DESCRIPTION:{escape_text(event.description)}"
    if event.location:
        yield f"LOCATION:{escape_text(event.location)}"
    if event.url:
        # URL is of type URI, not TEXT: it is written as is.
        yield f"URL:{event.url}"
    if event.last_modified:
        yield f"LAST-MODIFIED:{format_utc(event.last_modified)}"
    yield "END:VEVENT"


def serialise(events, *, name="", stamp=None):
    """The text of a VCALENDAR holding ``events`` (an iterable of :class:`CalendarEvent`)."""
    stamp = stamp or datetime.now(timezone.utc)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
