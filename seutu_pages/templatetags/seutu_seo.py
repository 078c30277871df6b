"""Template tags that make public pages findable and shareable.

``{% seo_meta %}`` writes the meta description, canonical link and Open Graph tags;
``{% page_json_ld %}`` the schema.org JSON-LD of event and town pages;
``{% organisation_json_ld actor %}`` that of a public actor's profile. Put them in the
``meta`` block of ``seutu_pages/base.html``. A view may override the title, description and
canonical address with ``seo_title``, ``seo_description`` and ``canonical_url`` in the context.
"""

from django import template
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from .. import jsonld

register = template.Library()

DESCRIPTION_LENGTH = 160
# Open Graph wants language_TERRITORY locales.
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)


def page_description(page):
    """The page's search description, else its introduction, shortened for a snippet."""
    text = getattr(page, "search_description", "") or ""
    if not text:
        text = strip_tags(str(getattr(page, "introduction", "") or ""))
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def page_title(page):
    return getattr(page, "seo_title", "") or getattr(page, "title", "")


def _site_name(request, page):
    site = page.get_site() if page is not None and hasattr(page, "get_site") else None
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")


def _share_image(request, page):
    image = getattr(page, "hero_image", None)
    if image is None:
        return ""
    return request.build_absolute_uri(image.get_rendition("fill-1200x630").url)


@register.inclusion_tag("seutu_pages/includes/seo_meta.html", takes_context=True)
def seo_meta(context):
    request = context.get("request")
    page = context.get("page") or context.get("self")
    if request is None or page is None or not hasattr(page, "locale"):
        return {"enabled": False}
    language = page.locale.language_code
    alternates = [
        og_locale(code)
        for code in page.get_translations().live().values_list("locale__language_code", flat=True)
    ]
    return {
        "enabled": True,
        "title": context.get("seo_title") or page_title(page),
        "description": context.get("seo_description") or page_description(page),
        "canonical_url": context.get("canonical_url") or request.build_absolute_uri(request.path),
        "site_name": _site_name(request, page),
        "og_type": "article" if page.specific_class.__name__ == "StoryPage" else "website",
        "og_locale": og_locale(language),
        "og_locale_alternates": sorted(set(alternates) - {og_locale(language)}),
        "image": _share_image(request, page),
    }


@register.simple_tag(takes_context=True)
def page_json_ld(context):
    """JSON-LD for the page in the context: an Event for events, a Place for towns."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    if page is None or request is None:
        return ""
    from seutu_crm.models import Town

    from ..models import EventPage, TownPage

    url = page.get_full_url(request)
    if isinstance(page, EventPage):
        return jsonld.script_tag(jsonld.event(page, url))
    if isinstance(page, TownPage) and page.town_id:
        town = Town.objects.select_related("region").get(pk=page.town_id)
        return jsonld.script_tag(
            jsonld.place(town, url, page_description(page), page.locale.language_code)
        )
    return ""


@register.simple_tag(takes_context=True)
def organisation_json_ld(context, actor):
    """JSON-LD ``Organization`` for a public actor's profile (a PublicActor only)."""
    request = context.get("request")
    page = context.get("page")
    language = page.locale.language_code if page is not None else ""
    url = request.build_absolute_uri(request.path) if request is not None else ""
    return jsonld.script_tag(jsonld.organisation(actor, url, language))
