"""Ecosystem → <town> → Higher education: the town's ties to universities and UASs by kind
over the years, the ties themselves, and which of the town's gaps each institution's
competences could fill. Thin: the figures come from :mod:`seutu_crm.ecosystem.university_ties`.

The gaps are the shared register's, read by every CRM user like the gap table; the ties are
the town's own records, shown to its members and to coordinators only (their policy).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import TemplateView

from ..charts import Bar, BarChart
from ..ecosystem.gaps import town_gaps
from ..ecosystem.university_ties import (
    InstitutionTies,
    institution_ties_by_year,
    institutions_for_gaps,
)
from ..models import HigherEducationTie
from ..permission_policies import policy_for
from ..scoping import get_scope
from .gap_views import TownViewMixin


@dataclass(frozen=True)
class InstitutionSection:
    """One institution's part of the view: its figures and their chart."""

    ties: InstitutionTies
    chart: BarChart


class UniversityTiesView(TownViewMixin, TemplateView):
    template_name = "seutu_crm/ecosystem/university_ties.html"
    page_subtitle = gettext_lazy("Higher education")

    def get_breadcrumbs_items(self):
        return self.town_breadcrumbs({"url": "", "label": gettext_lazy("Higher education")})

    def get_context_data(self, **kwargs):
        policy = policy_for(HigherEducationTie)
        user = self.request.user
        # The town's members and coordinators; for anybody else the ties stay out of sight.
        can_read = policy.user_has_permission(user, "view") and get_scope(user).can_read(
            self.town.pk
        )
        ties = list(
            policy.instances_user_has_permission_for(user, "view")
            .filter(town=self.town)
            .select_related("institution")
            .prefetch_related("actors")
        ) if can_read else []
        by_institution = institution_ties_by_year(self.town) if ties else []
        table = town_gaps(self.town)
        return super().get_context_data(
            town=self.town,
            can_read=can_read,
            can_add=can_read and self.can_act() and policy.user_has_permission(user, "add"),
            ties=ties,
            institutions=[
                InstitutionSection(institution, year_chart(institution))
                for institution in by_institution
            ],
            overview=overview_chart(by_institution),
            institution_gaps=institutions_for_gaps(
                table,
                tie_counts={i.institution_id: i.ties for i in by_institution}
                if can_read else None,
            ),
            gap_table=table,
            add_url=f"{reverse('seutu_hei_ties:add')}?town={self.town.code}",
            list_url=f"{reverse('seutu_hei_ties:list')}?town={self.town.pk}",
            gaps_url=reverse("seutu_ecosystem:gaps", args=[self.town.code]),
            **kwargs,
        )


def overview_chart(by_institution):
    return BarChart(
        _("Ties by higher-education institution"),
        [Bar(institution.name, institution.ties) for institution in by_institution],
        value_label=pgettext("higher-education cooperation", "Ties"),
        item_label=_("Higher-education institution"),
    )


def year_chart(institution):
    return BarChart(
        _("Ties in force by year: %(institution)s") % {"institution": institution.name},
        [Bar(str(year.year), year.total) for year in institution.years],
        value_label=_("Ties in force"),
        item_label=_("Year"),
    )
