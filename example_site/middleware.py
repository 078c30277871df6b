from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers


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
