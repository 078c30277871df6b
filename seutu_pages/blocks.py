"""The StreamField block library shared by the page types.

Every block renders through its own template in ``seutu_pages/blocks/`` so a site can
override the markup without touching the Python.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from seutu_crm.charts import Bar, BarChart
from seutu_crm.ecosystem.glance import public_glance
from seutu_crm.queries_public import as_public_actors, localised_competences, public_organisations

from .choices import StoryKind

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


def page_language(page):
    """The language a block renders in: its page's, or the request's outside a page."""
    return page.locale.language_code if page is not None else get_language()


class PublicOrganisationChooserBlock(blocks.ChooserBlock):
    """Chooses an organisation; only public ones come back from the database.

    A chosen organisation that is later made private turns into ``None`` and is not rendered.
    """

    @cached_property
    def target_model(self):
        from seutu_crm.models import Organisation

        return Organisation

    @cached_property
    def widget(self):
        from .choosers import organisation_chooser_viewset

        return organisation_chooser_viewset.widget_class()

    def bulk_to_python(self, values):
        # One query (plus prefetches) for every card of every actor block on the page.
        found = public_organisations(
            pks=[v for v in values if v is not None], detail=False
        ).in_bulk()
        return [found.get(value) for value in values]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    class Meta:
        icon = "group"


class CompetenceChooserBlock(blocks.ChooserBlock):
    """Chooses a default-locale competence; it renders in the page's language."""

    @cached_property
    def target_model(self):
        from seutu_crm.models import Competence

        return Competence

    @cached_property
    def widget(self):
        from .choosers import competence_chooser_viewset

        return competence_chooser_viewset.widget_class()

    class Meta:
        icon = "tag"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "seutu_pages/blocks/heading.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image with required alternative text, and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "seutu_pages/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "seutu_pages/blocks/quote.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=40, help_text=_("e.g. 24 000"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "seutu_pages/blocks/key_figures.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    url = blocks.URLBlock(label=_("or to an address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ErrorList([ValidationError(_("Give either a page or an address."))])
                }
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "seutu_pages/blocks/call_to_action.html"


class ActorCardsBlock(blocks.StructBlock):
    """Cards of chosen organisations; organisations that are not public never render."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    organisations = blocks.ListBlock(PublicOrganisationChooserBlock(), label=_("Organisations"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        language = page_language(page)
        context["actors"] = as_public_actors(value["organisations"], language, detail=False)
        context["actor_directory"] = (parent_context or {}).get("actor_directory")
        return context

    class Meta:
        icon = "group"
        label = _("Actor cards")
        template = "seutu_pages/blocks/actor_cards.html"


class CompetenceListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    competences = blocks.ListBlock(CompetenceChooserBlock(), label=_("Competences"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        language = page_language(page)
        context["competences"] = localised_competences(
            [c for c in value["competences"] if c is not None], language
        )
        return context

    class Meta:
        icon = "tag"
        label = _("Competence list")
        template = "seutu_pages/blocks/competence_list.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("e.g. a YouTube or Vimeo address"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, help_text=_("Names the video for screen readers.")
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "seutu_pages/blocks/video.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    items = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Questions and answers")
        template = "seutu_pages/blocks/accordion.html"


class EventListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    index = blocks.PageChooserBlock(
        label=_("Events of"),
        required=False,
        help_text=_("An event index, or a page whose events to list; empty lists all events."),
    )
    limit = blocks.IntegerBlock(label=_("How many"), default=5, min_value=1, max_value=50)

    def get_context(self, value, parent_context=None):
        from .queries import upcoming_events

        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        context["events"] = upcoming_events(
            index=value["index"],
            limit=value["limit"],
            locale=page.locale if page is not None else None,
        )
        return context

    class Meta:
        icon = "date"
        label = _("Upcoming events")
        template = "seutu_pages/blocks/event_list.html"


class StoryListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    index = blocks.PageChooserBlock(
        label=_("Stories of"),
        page_type="seutu_pages.StoryIndexPage",
        required=False,
        help_text=_("A story index; empty lists stories of the whole site."),
    )
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=StoryKind.choices,
        required=False,
    )
    limit = blocks.IntegerBlock(label=_("How many"), default=3, min_value=1, max_value=50)

    def get_context(self, value, parent_context=None):
        from .queries import latest_stories

        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        context["stories"] = latest_stories(
            index=value["index"],
            kind=value["kind"] or None,
            limit=value["limit"],
            locale=page.locale if page is not None else None,
        )
        return context

    class Meta:
        icon = "doc-full"
        label = _("Stories")
        template = "seutu_pages/blocks/story_list.html"


class EcosystemGlanceBlock(blocks.StructBlock):
    """A town's ecosystem at a glance: its public actors by type, top competences, key figures."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    town = SnippetChooserBlock(
        "seutu_crm.Town",
        label=_("Town"),
        required=False,
        help_text=_("Empty: the town of the page."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        town = value["town"] or getattr(page, "town", None)
        language = page_language(page)
        glance = public_glance(town, language) if town is not None else None
        context["glance"] = glance
        if glance is not None:
            context["chart"] = BarChart(
                _("Public actors by type"),
                [Bar(t.label, t.actors) for t in glance.by_type],
                value_label=_("Actors"),
            )
        return context

    class Meta:
        icon = "site"
        label = _("Ecosystem at a glance")
        template = "seutu_pages/blocks/ecosystem_glance.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="seutu_pages/blocks/paragraph.html"
    )
    image = AccessibleImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    call_to_action = CallToActionBlock()
    actor_cards = ActorCardsBlock()
    competence_list = CompetenceListBlock()
    video = VideoBlock()
    accordion = AccordionBlock()
    event_list = EventListBlock()
    story_list = StoryListBlock()
    ecosystem_glance = EcosystemGlanceBlock()

    class Meta:
        label = _("Content")
