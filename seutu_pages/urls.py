"""Public URLs of seutu_pages outside the page tree (iCalendar files are page routes)."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from .sitemaps import AllLocalesSitemap

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}, name="seutu_sitemap"),
]
