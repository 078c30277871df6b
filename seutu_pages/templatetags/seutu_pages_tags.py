"""Template tags of the public site: the language switcher and the main menu."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

from seutu_crm.queries_public import default_language_code

from ..queries import only_public

register = template.Library()


def _language_name(code):
    # Each language is named in itself, so that a reader finds their own.
    return get_language_info(code)["name_local"].capitalize()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language it is published in.

    Returns ``{"links": [{code, name, url, full_url, current}], "x_default": full_url}``.
    A routable page sets ``routable_suffix`` in its context so that, say, an actor profile
    links to the same profile in the other languages.
    """
    request = context.get("request")
    page = context.get("page")
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    suffix = context.get("routable_suffix", "")
    links, x_default = [], None
    if isinstance(page, Page) and page.pk:
        translations = {
            p.locale.language_code: p
            for p in only_public(page.get_translations(inclusive=True).live()).select_related(
                "locale"
            )
        }
        default_language = default_language_code()
        for code, _name in settings.LANGUAGES:
            translation = translations.get(code)
            if translation is None:
                continue
            url = translation.get_url(request)
            if url is None:
                continue
            full_url = translation.get_full_url(request) + suffix
            links.append(
                {
                    "code": code,
                    "name": _language_name(code),
                    "url": url + suffix,
                    "full_url": full_url,
                    "current": code == page.locale.language_code,
                }
            )
            if code == default_language:
                x_default = full_url
    elif request is not None:
        for code, _name in settings.LANGUAGES:
            url = translate_url(request.get_full_path(), code)
            links.append(
                {
                    "code": code,
                    "name": _language_name(code),
                    "url": url,
                    "full_url": request.build_absolute_uri(url),
                    "current": code == current,
                }
            )
    return {"links": links, "x_default": x_default}


@register.simple_tag(takes_context=True)
def main_menu(context):
    """``(home, [pages])``: the home page and its live menu pages in the active language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None, []
    page = context.get("page")
    locale = page.locale if isinstance(page, Page) and page.pk else Locale.get_active()
    home = site.root_page
    if home.locale_id != locale.pk:
        home = home.get_translation_or_none(locale) or home
    return home, list(only_public(home.get_children().live().in_menu()).specific(defer=True))


@register.simple_tag(takes_context=True)
def site_name(context):
    """The Wagtail site's name, else ``WAGTAIL_SITE_NAME``."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")


@register.filter
def with_iframe_title(html, title):
    """Give an embed's iframe a title, which screen readers announce (WCAG 4.1.2)."""
    if not html or "<iframe" not in html or " title=" in html:
        return html
    return mark_safe(str(html).replace("<iframe", f'<iframe title="{escape(title)}"', 1))
