"""The admin's report of the strategies' goals, in the *Ecosystem* menu.

Every live strategy in the default locale (the network's first, then the towns'), each goal
with its baseline, current value, target and progress, and links to the page and its editor.
Everything shown is what the public strategy pages show (goals of snapshots' aggregates), so
whoever may see the ecosystem views may see all towns' strategies here.
"""

from dataclasses import dataclass

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from seutu_crm.ecosystem.goals import ParameterNames
from seutu_crm.ecosystem_admin.access import EcosystemAccessMixin
from seutu_crm.ecosystem_admin.menu import EcosystemMenuItem

from .models import StrategyPage
from .strategy_progress import strategy_progress

URL_NAME = "seutu_pages_strategy_goals"


@dataclass
class StrategyReport:
    page: StrategyPage
    goals: list  # GoalProgress
    edit_url: str


def strategy_reports():
    """[:class:`StrategyReport`] of the live default-locale strategies, the network's first."""
    pages = (
        StrategyPage.objects.live()
        .filter(locale_id=Locale.get_default().pk)
        .select_related("town")
        .order_by("town__name_fi", "path")
    )
    names = ParameterNames()
    reports = [
        StrategyReport(page, strategy_progress(page, names).goals,
                       reverse("wagtailadmin_pages:edit", args=[page.pk]))
        for page in pages
    ]
    return sorted(reports, key=lambda report: report.page.town_id is not None)


class StrategyGoalsView(EcosystemAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Strategy goals")
    header_icon = "success"
    template_name = "seutu_pages/admin/strategy_goals.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reports=strategy_reports(), **kwargs)


def admin_urls():
    return [path("seutu/strategy-goals/", StrategyGoalsView.as_view(), name=URL_NAME)]


def menu_item():
    return EcosystemMenuItem(
        _("Strategy goals"), reverse(URL_NAME), icon_name="success", order=50
    )
