"""The Invest-in pipeline's figures per town: open leads by stage, estimates and outcomes.

Leads are private to their town: callers pass the leads the user may see
(:func:`seutu_crm.scoping.leads_for`), or every lead for the snapshots, which only keep sums.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from ..models import Stage


@dataclass
class StageFigures:
    leads: int = 0
    investment: Decimal = Decimal(0)  # estimated, EUR
    jobs: int = 0  # estimated


@dataclass
class PipelineFigures:
    """One town's pipeline. ``by_stage`` holds open stages only, in board order."""

    town_id: int
    by_stage: dict = field(default_factory=dict)  # stage -> StageFigures
    won: int = 0
    realised_jobs: int = 0
    realised_investment: Decimal = Decimal(0)

    @property
    def open_leads(self):
        return sum(s.leads for s in self.by_stage.values())

    @property
    def estimated_investment(self):
        return sum((s.investment for s in self.by_stage.values()), Decimal(0))

    @property
    def estimated_jobs(self):
        return sum(s.jobs for s in self.by_stage.values())

    def as_json(self):
        return {
            "open_leads": self.open_leads,
            "estimated_investment": float(self.estimated_investment),
            "estimated_jobs": self.estimated_jobs,
            "by_stage": {stage: s.leads for stage, s in self.by_stage.items()},
            "won": self.won,
            "realised_jobs": self.realised_jobs,
            "realised_investment": float(self.realised_investment),
        }


def pipeline_figures(leads, town_ids):
    """{town pk: :class:`PipelineFigures`} from the ``leads`` queryset, in two queries."""
    figures = {pk: PipelineFigures(town_id=pk) for pk in town_ids}
    leads = leads.filter(town_id__in=list(town_ids))
    open_rows = (
        leads.filter(stage__in=Stage.open_stages())
        .values("town_id", "stage")
        .annotate(n=Count("pk"), investment=Sum("estimated_investment"), jobs=Sum("estimated_jobs"))
    )
    for row in open_rows:
        figures[row["town_id"]].by_stage[row["stage"]] = StageFigures(
            row["n"], row["investment"] or Decimal(0), row["jobs"] or 0
        )
    order = {stage: i for i, stage in enumerate(Stage.ordered())}
    for town in figures.values():
        town.by_stage = dict(sorted(town.by_stage.items(), key=lambda item: order[item[0]]))
    won_rows = (
        leads.filter(stage__in=Stage.won_stages())
        .values("town_id")
        .annotate(n=Count("pk"), investment=Sum("realised_investment"), jobs=Sum("realised_jobs"))
    )
    for row in won_rows:
        town = figures[row["town_id"]]
        town.won = row["n"]
        town.realised_jobs = row["jobs"] or 0
        town.realised_investment = row["investment"] or Decimal(0)
    return figures
