"""A town's or the network's strategy: vision, focus areas and goals measured by indicators.

A focus area names its competences (slugs) and industries (TOL codes) as structured choices;
a goal's indicator is either *computed* from Seutu's snapshots (an indicator key of
:mod:`seutu_crm.ecosystem.goals`) or *entered* as dated values with their sources. Choices,
numbers and dates make no translatable segments: a translation keeps its source's focus and
goals, and only their titles and texts are translated.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from seutu_crm.ecosystem.goals import Reading, parse

from .. import strategy_choices
from ..blocks import RICH_TEXT_FEATURES, BodyBlock
from ..strategy_panels import GoalProgressPanel
from ..strategy_progress import measure_goals, progress_share, strategy_progress
from .towns import network_town_field


class KeyChoiceBlock(blocks.ChoiceBlock):
    """A choice of a language-neutral text key (a slug, a TOL code, an indicator key).

    The key is stored as the text it is, so reading it needs no list of the choices: Wagtail
    would otherwise build the whole list (taxonomies included) for every goal it reads.
    """

    def normalize_choice(self, value):
        return value


class KeyMultipleChoiceBlock(blocks.MultipleChoiceBlock):
    def normalize_choice(self, value):
        return value


class FocusAreaBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Focus area"), max_length=200)
    description = blocks.RichTextBlock(
        label=_("Description"), features=RICH_TEXT_FEATURES, required=False
    )
    competences = KeyMultipleChoiceBlock(
        label=_("Focus competences"),
        choices=strategy_choices.competence_choices,
        required=False,
        help_text=_("The competences this focus area is about; the gap analysis weighs them."),
    )
    industries = KeyMultipleChoiceBlock(
        label=_("Focus industries"),
        choices=strategy_choices.industry_choices,
        required=False,
        help_text=_("TOL 2008 sections or divisions."),
    )

    class Meta:
        icon = "pick"
        label = _("Focus area")


class IndicatorValueBlock(blocks.StructBlock):
    """One entered value of an indicator measured outside Seutu."""

    date = blocks.DateBlock(label=_("Date"))
    value = blocks.DecimalBlock(label=_("Value"))
    source = blocks.CharBlock(
        label=_("Source"), max_length=255, help_text=_("Where the value comes from.")
    )

    class Meta:
        icon = "date"
        label = _("Value")


class GoalValue(blocks.StructValue):
    @property
    def computed_indicator(self):
        """The :class:`~seutu_crm.ecosystem.goals.Indicator` computed from the snapshots, or
        ``None`` for an entered indicator."""
        return parse(self.get("computed")) if self.get("computed") else None

    def entered_readings(self):
        """The entered values as :class:`Reading`, oldest first (an undated one first of all)."""
        readings = [
            Reading(item["date"], float(item["value"]))
            for item in self.get("values") or []
            if item["value"] is not None
        ]
        return sorted(readings, key=lambda r: (r.date is not None, r.date or 0))

    def latest_entry(self):
        """The latest entered value's block (date, value, source), or ``None``."""
        entries = [item for item in self.get("values") or [] if item["value"] is not None]
        return max(entries, key=lambda e: (e["date"] is not None, e["date"] or 0), default=None)

    def progress(self, current=None):
        """Progress towards the target at ``current`` (default: the latest entered value)."""
        if current is None:
            latest = self.latest_entry()
            current = latest["value"] if latest else None
        return progress_share(self.get("baseline"), self.get("target"), current)


def _upgraded(raw):
    """A goal stored before dated values: its one hand-typed ``current`` becomes an undated
    value, which the editor is asked to date when the page is next saved."""
    if not isinstance(raw, dict) or "current" not in raw:
        return raw
    raw = dict(raw)
    current = raw.pop("current")
    if current is not None and not raw.get("values"):
        raw["values"] = [{"date": None, "value": current, "source": ""}]
    return raw


class GoalBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Goal"), max_length=200)
    computed = KeyChoiceBlock(
        label=_("Computed indicator"),
        choices=strategy_choices.indicator_choices,
        required=False,
        help_text=_(
            "A figure Seutu computes from its register; it updates with every snapshot. "
            "Leave empty for an indicator measured elsewhere, and enter its values below."
        ),
    )
    indicator = blocks.CharBlock(
        label=_("Indicator"),
        max_length=200,
        required=False,
        help_text=_("What is measured, for an entered indicator; a computed one is named for you."),
    )
    values = blocks.ListBlock(
        IndicatorValueBlock(), label=_("Entered values"), default=[],
        help_text=_("For an entered indicator: each value with its date and source."),
    )
    unit = blocks.CharBlock(label=_("Unit"), max_length=40, required=False)
    baseline = blocks.DecimalBlock(label=_("Baseline"))
    target = blocks.DecimalBlock(label=_("Target"))
    year = blocks.IntegerBlock(label=_("Target year"), min_value=2000, max_value=2100)

    class Meta:
        icon = "success"
        label = _("Goal")
        value_class = GoalValue
        template = "seutu_pages/blocks/goal.html"

    def to_python(self, value):
        return super().to_python(_upgraded(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([_upgraded(value) for value in values])

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("computed"):
            if parse(value["computed"]) is None:
                errors["computed"] = ValidationError(_("Seutu cannot compute this indicator."))
            if value.get("values"):
                errors["values"] = ValidationError(
                    _("A computed indicator takes its values from the snapshots: remove the "
                      "entered values, or clear the computed indicator.")
                )
        elif not value.get("indicator"):
            errors["indicator"] = ValidationError(
                _("Choose a computed indicator, or name the indicator whose values you enter.")
            )
        if errors:
            raise StructBlockValidationError(errors)
        return value

    def get_context(self, value, parent_context=None):
        # Rendered alone (not by the strategy page, which measures all its goals at once).
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        town_id = getattr(page, "town_id", None)
        context.setdefault("goal", measure_goals([(None, value)], town_id)[0])
        return context


class StrategyPage(Page):
    """A town's or the network's strategy: vision, focus areas and measurable goals."""

    town = network_town_field(_("Leave empty for the strategy of the whole network."))
    vision = RichTextField(_("vision"), features=RICH_TEXT_FEATURES, blank=True)
    focus_areas = StreamField(
        [("focus_area", FocusAreaBlock())], verbose_name=_("focus areas"), blank=True
    )
    goals = StreamField([("goal", GoalBlock())], verbose_name=_("goals"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("town"),
        FieldPanel("vision"),
        FieldPanel("focus_areas"),
        FieldPanel("goals"),
        GoalProgressPanel(heading=_("Progress of the goals")),
        FieldPanel("body"),
    ]

    parent_page_types = ["seutu_pages.NetworkHomePage", "seutu_pages.TownPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["strategy"] = strategy_progress(self)
        return context
