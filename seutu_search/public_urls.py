"""The public search page: include it inside ``i18n_patterns`` so it speaks the page's
language (``/fi/search/``, ``/sv/search/``, ``/en/search/``)."""

from django.urls import path

from . import views

app_name = "seutu_search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
]
