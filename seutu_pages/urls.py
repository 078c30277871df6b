"""Public URLs of seutu_pages outside the page tree.

``urlpatterns`` (include anywhere): ``/sitemap.xml`` of every language.
``localised_urlpatterns`` (include inside ``i18n_patterns``, before Wagtail's URLs):
``<event or event index>/calendar.ics``.
"""

from django.urls import path, re_path
from wagtail.contrib.sitemaps.views import sitemap

from .sitemaps import AllLocalesSitemap
from .views import calendar_file

CALENDAR_FILE_URL_NAME = "seutu_pages_calendar_file"

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}, name="seutu_sitemap"),
]

localised_urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)calendar\.ics$", calendar_file, name=CALENDAR_FILE_URL_NAME
    ),
]
