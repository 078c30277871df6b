"""The ecosystem views' admin URLs (registered by :mod:`seutu_crm.wagtail_hooks`)."""

from django.urls import path

from . import network_views, views

urlpatterns = [
    path("", views.EcosystemIndexView.as_view(), name="index"),
    *network_views.urlpatterns,
]
