import ipaddress

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers

from . import inline_scripts


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 outside the language-prefixed public site (the admin, the
    JSON API, documents) stays a 404. Django would redirect it to /fi/<path>, which Wagtail's
    catch-all page route accepts, and the visitor would get a second 404 at a wrong address."""

    unprefixed_paths = ("/admin/", "/api/", "/documents/")

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(self.unprefixed_paths):
            patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)


class ForwardedClientAddressMiddleware:
    """Set ``REMOTE_ADDR`` to the visitor's address as the trusted reverse proxies saw it.

    Behind ``TRUSTED_PROXY_COUNT`` proxies that each append the address they received from
    to ``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``), the entry that many
    places from the right was written by our outermost proxy; entries left of it come from
    the visitor and may be forged. The rate limit and login throttling read ``REMOTE_ADDR``
    only, so this is the one place that trusts the header. With no trusted proxies (the
    default) the header is ignored.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxy_count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)

    def __call__(self, request):
        if self.proxy_count:
            address = self.forwarded_address(request.META.get("HTTP_X_FORWARDED_FOR", ""))
            if address:
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)

    def forwarded_address(self, header):
        entries = [entry.strip() for entry in header.split(",") if entry.strip()]
        if len(entries) < self.proxy_count:
            return None  # the request did not come through every proxy: keep the peer's address
        candidate = entries[-self.proxy_count]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return None


class InlineScriptMiddleware:
    """Rewrite Wagtail's inline initialisers in HTML responses into data blocks that a static
    script runs, so that they work under a script-src without 'unsafe-inline'
    (see :mod:`example_site.inline_scripts`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        html = response.content.decode(response.charset)
        if "<script" not in html:
            return response
        defused = inline_scripts.defuse(html)
        if defused != html:
            response.content = defused.encode(response.charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
