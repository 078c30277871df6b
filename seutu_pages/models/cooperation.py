"""The network's cooperation models and guides: how a regional town builds deeper cooperation
with universities and universities of applied sciences, step by step.

A guide is steps (each with its checklist), free content, and live examples: ties the towns'
business developers have marked as public examples in the CRM. An example names its title,
kind, years, town, institution and public actors only, never the tie's description or a
private organisation (:func:`seutu_crm.ecosystem.university_ties.public_tie_examples`).
Kinds, numbers and switches make no translatable segments, so a translation keeps its
source's choice of examples and only the texts are translated.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from seutu_crm.ecosystem.university_ties import public_tie_examples
from seutu_crm.models import TieKind

from ..blocks import RICH_TEXT_FEATURES, BodyBlock, page_language
from ..queries import actor_directory_for
from .strategies import KeyMultipleChoiceBlock
from .towns import network_town_field


class GuideStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = blocks.RichTextBlock(label=_("What to do"), features=RICH_TEXT_FEATURES, required=False)
    checklist = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=300),
        label=_("Checklist"),
        min_num=0,
        default=[],
        help_text=_("What should be in place before the next step."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "seutu_pages/blocks/guide_step.html"


class TieExamplesBlock(blocks.StructBlock):
    """Live examples from the CRM: higher-education ties marked as public examples."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    kinds = KeyMultipleChoiceBlock(
        label=_("Kinds of cooperation"),
        choices=TieKind.choices,
        required=False,
        help_text=_("Empty: every kind."),
    )
    own_town_only = blocks.BooleanBlock(
        label=_("Only the page's town"),
        required=False,
        help_text=_("On a town's guide, show only the town's own ties."),
    )
    limit = blocks.IntegerBlock(label=_("How many"), default=6, min_value=1, max_value=24)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        town_id = getattr(page, "town_id", None)
        language = page_language(page)
        context["language"] = language  # an example's title in Finnish is marked as such
        context["examples"] = public_tie_examples(
            kinds=value["kinds"] or (),
            towns=[town_id] if value["own_town_only"] and town_id else (),
            limit=value["limit"],
            language=language,
        )
        context["actor_directory"] = (parent_context or {}).get("actor_directory")
        return context

    class Meta:
        icon = "link"
        label = _("Examples of cooperation")
        template = "seutu_pages/blocks/tie_examples.html"


class GuideBodyBlock(BodyBlock):
    tie_examples = TieExamplesBlock()


class CooperationGuidePage(Page):
    """A cooperation model or guide of the network, or of one town."""

    town = network_town_field(_("Leave empty for a guide of the whole network."))
    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    steps = StreamField([("step", GuideStepBlock())], verbose_name=_("steps"), blank=True)
    body = StreamField(GuideBodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("town"),
        FieldPanel("introduction"),
        FieldPanel("steps"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("steps"),
        index.SearchField("body"),
    ]

    parent_page_types = ["seutu_pages.NetworkHomePage", "seutu_pages.TownPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("cooperation guide")
        verbose_name_plural = _("cooperation guides")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["actor_directory"] = actor_directory_for(self)
        return context
