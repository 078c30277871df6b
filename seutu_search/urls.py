"""The JSON API of seutu_search, outside any language prefix: include it at the site root."""

from django.urls import path

from . import api

app_name = "seutu_search_api"

urlpatterns = [
    path("api/search/", api.search, name="search"),
    path("api/search/suggest/", api.suggest, name="suggest"),
]
