from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from seutu_crm import urls as crm_urls
from seutu_pages import urls as pages_urls
from seutu_search import public_urls as search_public_urls
from seutu_search import urls as search_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(crm_urls)),
    path("", include(search_urls)),
    path("", include(pages_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages live under a language prefix: /fi/, /sv/, /en/.
urlpatterns += i18n_patterns(
    path("", include(search_public_urls)),
    path("", include(pages_urls.localised_urlpatterns)),  # <event>/calendar.ics
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
