from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from ..blocks import RICH_TEXT_FEATURES, BodyBlock


class NetworkHomePage(Page):
    """The front page of the network: its towns, featured stories, upcoming events, search."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_image"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "seutu_pages.TownPage",
        "seutu_pages.StoryIndexPage",
        "seutu_pages.EventIndexPage",
        "seutu_pages.ActorDirectoryPage",
        "seutu_pages.StrategyPage",
        "seutu_pages.CooperationGuidePage",
    ]

    class Meta:
        verbose_name = _("network home page")
        verbose_name_plural = _("network home pages")

    def get_context(self, request, *args, **kwargs):
        from ..queries import latest_stories, town_pages, upcoming_events

        context = super().get_context(request, *args, **kwargs)
        context["town_pages"] = town_pages(self)
        context["stories"] = latest_stories(locale=self.locale, limit=3)
        context["events"] = upcoming_events(locale=self.locale, limit=3)
        return context
