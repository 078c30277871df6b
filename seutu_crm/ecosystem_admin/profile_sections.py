"""A town profile as the admin shows it: figures with their labels and the list behind each.

Every figure links to the organisation (or lead) listing filtered to exactly the actors it
counts, so a number on the profile can always be checked one by one.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..charts import Bar, BarChart, LineChart, Point, display_number
from ..ecosystem.figures import COMPLETENESS_FIELDS
from ..ecosystem.labels import competence_names, sections
from ..filters import Missing
from ..models import ActorType, OrganisationStatus, SizeClass, Stage

ORGANISATIONS = "wagtailsnippets_seutu_crm_organisation:list"
LEADS = "seutu_leads:list"
ACTIVE = OrganisationStatus.ACTIVE


def organisations_url(town, **filters):
    query = {"town": town.pk, **filters}
    return f"{reverse(ORGANISATIONS)}?{urlencode(query)}"


def actors_display(n):
    return ngettext("%(count)s actor", "%(count)s actors", n) % {"count": display_number(n)}


@dataclass
class Figure:
    label: str
    value: str
    url: str = ""


@dataclass
class CompetenceGroup:
    """A top-level competence and the competences under it, with their actors."""

    bar: Bar
    children: list = field(default_factory=list)  # [Bar]


@dataclass
class ProfileSections:
    summary: list  # [Figure]
    by_type: BarChart
    by_size: BarChart
    by_section: BarChart
    by_competence: BarChart
    competence_groups: list  # [CompetenceGroup]
    completeness: list  # [Figure] with the share and the list of the incomplete
    changes: list  # [Figure]
    pipeline: BarChart | None
    pipeline_summary: list  # [Figure]
    trend: LineChart


def profile_sections(profile):
    town, figures = profile.town, profile.figures
    groups = _competence_groups(town, figures)
    return ProfileSections(
        summary=_summary(profile),
        by_type=BarChart(
            _("Actors by type"),
            [
                Bar(label, figures.by_type[value], url=organisations_url(
                    town, status=ACTIVE, actor_type=value))
                for value, label in ActorType.choices
                if figures.by_type.get(value)
            ],
            value_label=_("Actors"),
        ),
        by_size=BarChart(_("Actors by size class"), _size_bars(town, figures),
                         value_label=_("Actors")),
        by_section=BarChart(_("Actors by industry (TOL 2008 section)"),
                            _section_bars(town, figures), value_label=_("Actors")),
        by_competence=BarChart(
            _("Actors by competence area"),
            [group.bar for group in groups][:12],
            value_label=_("Actors"),
        ),
        competence_groups=groups,
        completeness=_completeness(town, figures),
        changes=_changes(profile),
        pipeline=_pipeline_chart(profile),
        pipeline_summary=_pipeline_summary(profile),
        trend=LineChart(
            _("Active actors over time"),
            [Point(str(p.date), p.actors) for p in profile.trend],
            value_label=_("Actors"),
        ),
    )


def _summary(profile):
    town, figures = profile.town, profile.figures
    summary = [
        Figure(_("Active actors"), display_number(figures.actors),
               organisations_url(town, status=ACTIVE)),
        Figure(_("Public"), display_number(figures.public),
               organisations_url(town, status=ACTIVE, is_public="true")),
        Figure(_("Not public"), display_number(figures.not_public),
               organisations_url(town, status=ACTIVE, is_public="false")),
        Figure(_("Employees in all"), display_number(figures.employees),
               organisations_url(town, status=ACTIVE)),
    ]
    if profile.actors_per_1000 is not None:
        summary.append(Figure(_("Actors per 1,000 inhabitants"),
                              display_number(profile.actors_per_1000, 1)))
    for value, label in OrganisationStatus.choices:
        if figures.inactive.get(value):
            summary.append(Figure(label, display_number(figures.inactive[value]),
                                  organisations_url(town, status=value)))
    return summary


def _size_bars(town, figures):
    bars = [
        Bar(label, figures.by_size[value],
            url=organisations_url(town, status=ACTIVE, size_class=value))
        for value, label in SizeClass.choices
        if figures.by_size.get(value)
    ]
    if figures.by_size.get(""):
        bars.append(Bar(_("Size not known"), figures.by_size[""]))
    return bars


def _section_bars(town, figures):
    bars = []
    for code, industry in sections().items():
        if figures.by_section.get(code):
            bars.append(Bar(f"{code} {industry.name}", figures.by_section[code],
                            url=organisations_url(town, status=ACTIVE, industry=industry.pk)))
    return sorted(bars, key=lambda bar: -bar.value)


def _competence_groups(town, figures):
    names = competence_names()
    groups = {}
    for pk, n in figures.by_top_competence.items():
        if pk in names:
            groups[pk] = CompetenceGroup(
                Bar(names[pk].name, n, display=actors_display(n),
                    url=organisations_url(town, status=ACTIVE, competence=pk))
            )
    for pk, n in figures.by_competence.items():
        name = names.get(pk)
        if name and name.parent_id in groups:
            groups[name.parent_id].children.append(
                Bar(name.name, n, display=actors_display(n),
                    url=organisations_url(town, status=ACTIVE, competence=pk))
            )
    for group in groups.values():
        group.children.sort(key=lambda bar: (-bar.value, bar.label))
    return sorted(groups.values(), key=lambda group: (-group.bar.value, group.bar.label))


def _completeness(town, figures):
    labels = dict(Missing.CHOICES)
    rows = []
    for name in COMPLETENESS_FIELDS:
        missing = figures.actors - figures.complete.get(name, 0)
        rows.append(
            Figure(
                str(labels[name]),
                f"{display_number(figures.share_complete(name) * 100)} %",
                organisations_url(town, status=ACTIVE, missing=name) if missing else "",
            )
        )
    return rows


def _changes(profile):
    changes = profile.changes
    if changes is None:
        return []
    rows = [
        Figure(_("New actors"), display_number(changes.new),
               organisations_url(profile.town, new_since=changes.snapshot.pk)),
        Figure(_("Removed actors"), display_number(changes.removed),
               f"{reverse(ORGANISATIONS)}?removed_since={changes.snapshot.pk}"
               if changes.removed > changes.deleted else ""),
    ]
    if changes.deleted:
        rows.append(Figure(_("Of them deleted from the register"),
                           display_number(changes.deleted)))
    return rows


def _pipeline_chart(profile):
    if profile.pipeline is None:
        return None
    labels = dict(Stage.choices)
    return BarChart(
        _("Open leads by stage"),
        [
            Bar(str(labels[stage]), figures.leads,
                url=f"{reverse(LEADS)}?{urlencode({'town': profile.town.pk, 'stage': stage})}")
            for stage, figures in profile.pipeline.by_stage.items()
        ],
        value_label=_("Leads"),
    )


def _pipeline_summary(profile):
    pipeline = profile.pipeline
    if pipeline is None:
        return []
    leads_url = f"{reverse(LEADS)}?" + urlencode(
        {"town": profile.town.pk, "stage": Stage.open_stages()}, doseq=True
    )
    won_url = f"{reverse(LEADS)}?" + urlencode(
        {"town": profile.town.pk, "stage": Stage.won_stages()}, doseq=True
    )
    return [
        Figure(_("Open leads"), display_number(pipeline.open_leads), leads_url),
        Figure(_("Estimated investment (EUR)"), display_number(pipeline.estimated_investment),
               leads_url),
        Figure(_("Estimated jobs"), display_number(pipeline.estimated_jobs), leads_url),
        Figure(_("Won leads"), display_number(pipeline.won), won_url),
        Figure(_("Realised jobs"), display_number(pipeline.realised_jobs), won_url),
        Figure(_("Realised investment (EUR)"), display_number(pipeline.realised_investment),
               won_url),
    ]


