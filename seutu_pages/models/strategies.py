from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from ..blocks import RICH_TEXT_FEATURES, BodyBlock


class FocusAreaBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Focus area"), max_length=200)
    description = blocks.RichTextBlock(
        label=_("Description"), features=RICH_TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "pick"
        label = _("Focus area")


class GoalValue(blocks.StructValue):
    def progress(self):
        """How far from the baseline towards the target the current value is, in 0–100 %."""
        baseline, target, current = self.get("baseline"), self.get("target"), self.get("current")
        if current is None or baseline is None or target is None or target == baseline:
            return None
        share = (current - baseline) / (target - baseline)
        return max(0, min(100, round(float(share) * 100)))


class GoalBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Goal"), max_length=200)
    indicator = blocks.CharBlock(label=_("Indicator"), max_length=200)
    unit = blocks.CharBlock(label=_("Unit"), max_length=40, required=False)
    baseline = blocks.DecimalBlock(label=_("Baseline"))
    target = blocks.DecimalBlock(label=_("Target"))
    year = blocks.IntegerBlock(label=_("Target year"), min_value=2000, max_value=2100)
    current = blocks.DecimalBlock(label=_("Current value"), required=False)

    class Meta:
        icon = "success"
        label = _("Goal")
        value_class = GoalValue
        template = "seutu_pages/blocks/goal.html"


class StrategyPage(Page):
    """A town's or the network's strategy: vision, focus areas and measurable goals."""

    town = models.ForeignKey(
        "seutu_crm.Town",
        verbose_name=_("town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"in_network": True},
        help_text=_("Leave empty for the strategy of the whole network."),
    )
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
        FieldPanel("body"),
    ]

    parent_page_types = ["seutu_pages.NetworkHomePage", "seutu_pages.TownPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
