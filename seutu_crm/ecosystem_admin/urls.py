"""The ecosystem views' admin URLs (registered by :mod:`seutu_crm.wagtail_hooks`)."""

from django.urls import path

from . import benchmark_views, network_views, views

urlpatterns = [
    path("", views.EcosystemIndexView.as_view(), name="index"),
    path("towns/<str:code>/", views.TownProfileView.as_view(), name="town"),
    path("benchmark/", benchmark_views.BenchmarkView.as_view(), name="benchmark"),
    *network_views.urlpatterns,
]
