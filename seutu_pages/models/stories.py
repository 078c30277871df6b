from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from ..blocks import RICH_TEXT_FEATURES, BodyBlock
from ..choices import StoryKind
from ..conf import get_setting
from .towns import default_locale_competences


class StoryIndexPage(Page):
    """Stories of the network or of one town, newest first, filterable by kind."""

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["seutu_pages.NetworkHomePage", "seutu_pages.TownPage"]
    subpage_types = ["seutu_pages.StoryPage"]

    class Meta:
        verbose_name = _("story index")
        verbose_name_plural = _("story indexes")

    def get_context(self, request, *args, **kwargs):
        from ..queries import stories_of

        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind")
        if kind not in StoryKind.values:
            kind = None
        paginator = Paginator(stories_of(self, kind=kind), get_setting("STORIES_PER_PAGE"))
        context["stories"] = paginator.get_page(request.GET.get("page"))
        context["kind"] = kind
        context["kinds"] = StoryKind.choices
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "seutu_pages.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(Page):
    """A success story, a good practice from elsewhere, or news."""

    kind = models.CharField(
        _("kind"), max_length=32, choices=StoryKind.choices, default=StoryKind.SUCCESS_STORY
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in story lists.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("image alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image; required when an image is chosen."),
    )
    towns = ParentalManyToManyField(
        "seutu_crm.Town",
        verbose_name=_("towns"),
        blank=True,
        related_name="+",
        limit_choices_to={"in_network": True},
    )
    competences = ParentalManyToManyField(
        "seutu_crm.Competence",
        verbose_name=_("competences"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_competences,
    )
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("summary")],
            heading=_("Story"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("towns"), FieldPanel("competences"), FieldPanel("tags")],
            heading=_("Classification"),
        ),
    ]

    parent_page_types = ["seutu_pages.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.image_id and not self.image_alt_text.strip():
            raise ValidationError(
                {"image_alt_text": _("Describe the image for people who cannot see it.")}
            )

    def get_context(self, request, *args, **kwargs):
        from seutu_crm.queries_public import localised_competences

        context = super().get_context(request, *args, **kwargs)
        context["competences"] = localised_competences(
            self.competences.all(), self.locale.language_code
        )
        return context
