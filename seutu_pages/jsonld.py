"""schema.org JSON-LD for public pages: Organization, Event and Place.

Each builder takes only public values (a :class:`~seutu_crm.queries_public.PublicActor`, a
page, a town's official names and coordinates), so nothing private can end up in the markup.
:func:`script_tag` escapes the JSON the way Django's ``json_script`` does, so no value can close
the ``<script>`` element.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from zoneinfo import ZoneInfo

CONTEXT = "https://schema.org"
HELSINKI = ZoneInfo("Europe/Helsinki")

# As django.utils.html._json_script_escapes: <, > and & become \u escapes inside strings.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_tag(data):
    """``<script type="application/ld+json">`` holding ``data``, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _drop_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def organisation(actor, url, language):
    """An ``Organization`` for a public actor's profile page."""
    return _drop_empty(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": actor.name,
            "url": url,
            "sameAs": [actor.website] if actor.website else [],
            "description": actor.description,
            "inLanguage": language,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": actor.town_name,
                "addressCountry": "FI",
            },
            "knowsAbout": [competence.name for competence in actor.competences],
        }
    )


def place(town, url, description="", language=""):
    """A ``Place`` for a town's page: its name in the language, region and coordinates."""
    from seutu_crm.models.localised import localised

    data = {
        "@context": CONTEXT,
        "@type": "Place",
        "name": localised(town, "name", language),
        "url": url,
        "description": description,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": localised(town, "name", language),
            "addressRegion": localised(town.region, "name", language),
            "addressCountry": "FI",
        },
    }
    if town.latitude is not None and town.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": town.latitude,
            "longitude": town.longitude,
        }
    return _drop_empty(data)


def event(page, url):
    """An ``Event`` for an event page; times carry Helsinki's UTC offset."""
    if page.venue and page.online_url:
        mode = "MixedEventAttendanceMode"
    elif page.online_url:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    locations = []
    if page.venue:
        locations.append({"@type": "Place", "name": page.venue, "address": page.venue})
    if page.online_url:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": page.title,
        "url": url,
        "description": page.introduction,
        "startDate": localtime(page.start, HELSINKI).isoformat(),
        "endDate": localtime(page.end, HELSINKI).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": locations[0] if len(locations) == 1 else locations,
        "inLanguage": page.locale.language_code,
    }
    if page.registration_url and not page.is_past:
        data["offers"] = {"@type": "Offer", "url": page.registration_url}
    return _drop_empty(data)
