"""Public URLs of seutu_crm: open JSON of public data (the CRM itself lives in the admin)."""

from django.urls import path

from . import api

urlpatterns = [
    path("api/ecosystem/towns/<str:code>/", api.town_ecosystem, name="seutu_ecosystem_town_api"),
]
