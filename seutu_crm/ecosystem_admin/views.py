"""Admin views of the situational picture: thin, the figures come from :mod:`seutu_crm.ecosystem`."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..charts import Bar, BarChart
from ..ecosystem.cache import town_figures
from ..ecosystem.figures import Part
from ..ecosystem.profile import town_profile
from ..models import Town
from .access import EcosystemAccessMixin
from .profile_sections import actors_display, profile_sections


class EcosystemIndexView(EcosystemAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Ecosystem")
    header_icon = "site"
    template_name = "seutu_crm/ecosystem/index.html"

    def get_context_data(self, **kwargs):
        towns = list(Town.objects.in_network().select_related("region"))
        figures = town_figures([town.pk for town in towns], {Part.TOTALS})
        chart = BarChart(
            _("Active actors by town"),
            [
                Bar(town.name, figures[town.pk].actors, display=actors_display(
                    figures[town.pk].actors), url=profile_url(town))
                for town in towns
            ],
            value_label=_("Actors"),
        )
        rows = [(town, figures[town.pk], profile_url(town)) for town in towns]
        links = [
            {"url": reverse("seutu_ecosystem:network"), "label": _("Actor network")},
            {"url": reverse("seutu_ecosystem:benchmark"), "label": _("Benchmarking")},
        ]
        return super().get_context_data(rows=rows, chart=chart, ecosystem_links=links, **kwargs)


class TownProfileView(EcosystemAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "site"
    template_name = "seutu_crm/ecosystem/profile.html"

    def get_page_title(self):
        return self.town.name

    def get_page_subtitle(self):
        return _("Situational picture")

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("seutu_ecosystem:index"), "label": _("Ecosystem")},
            {"url": "", "label": self.town.name},
        ]

    def dispatch(self, request, *args, code, **kwargs):
        self.town = get_object_or_404(Town, code=code)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        profile = town_profile(self.town, self.request.user)
        benchmark = reverse("seutu_ecosystem:benchmark")
        return super().get_context_data(
            town=self.town,
            profile=profile,
            sections=profile_sections(profile),
            benchmark_url=f"{benchmark}?towns={self.town.pk}",
            network_url=f"{reverse('seutu_ecosystem:network')}?town={self.town.code}",
            **kwargs,
        )


def profile_url(town):
    return reverse("seutu_ecosystem:town", args=[town.code])
