"""The ecosystem views' admin URLs (registered by :mod:`seutu_crm.wagtail_hooks`)."""

from django.urls import path

from . import benchmark_views, gap_views, network_views, university_views, views

urlpatterns = [
    path("", views.EcosystemIndexView.as_view(), name="index"),
    path("towns/<str:code>/", views.TownProfileView.as_view(), name="town"),
    path("towns/<str:code>/gaps/", gap_views.GapsView.as_view(), name="gaps"),
    path(
        "towns/<str:code>/higher-education/",
        university_views.UniversityTiesView.as_view(),
        name="university",
    ),
    path(
        "towns/<str:code>/gaps/<slug:slug>/candidates/",
        gap_views.CandidatesView.as_view(),
        name="candidates",
    ),
    path(
        "towns/<str:code>/gaps/<slug:slug>/candidates/<int:pk>/lead/",
        gap_views.CreateGapLeadView.as_view(),
        name="gap_lead",
    ),
    path(
        "towns/<str:code>/gaps/<slug:slug>/partner/<str:partner>/",
        gap_views.ProposePartnershipView.as_view(),
        name="propose",
    ),
    path("proposals/", gap_views.ProposalsView.as_view(), name="proposals"),
    path("benchmark/", benchmark_views.BenchmarkView.as_view(), name="benchmark"),
    *network_views.urlpatterns,
]
