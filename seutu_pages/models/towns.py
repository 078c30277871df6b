from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page

from ..choosers import organisation_chooser_viewset
from ..blocks import RICH_TEXT_FEATURES, BodyBlock, KeyFigureBlock


def network_town_field(help_text):
    """A page's town of the network, optional: a page without one is the whole network's."""
    return models.ForeignKey(
        "seutu_crm.Town",
        verbose_name=_("town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"in_network": True},
        help_text=help_text,
    )


def default_locale_competences():
    # Organisations and pages link to the default-locale competence rows.
    return {"locale": Locale.get_default()}


class TownPage(Page):
    """A town's showcase: who is there, what they know, whom to call."""

    town = models.ForeignKey(
        "seutu_crm.Town",
        verbose_name=_("town"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"in_network": True},
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("hero image alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty when the image is decorative."),
    )
    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name=_("key figures"), blank=True
    )
    focus_competences = ParentalManyToManyField(
        "seutu_crm.Competence",
        verbose_name=_("focus competences"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_competences,
    )
    contact_name = models.CharField(_("business developer"), max_length=150, blank=True)
    contact_title = models.CharField(_("title"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("town"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading=_("Hero")
        ),
        FieldPanel("introduction"),
        FieldPanel("key_figures"),
        FieldPanel("focus_competences"),
        InlinePanel("featured_actors", label=_("Featured actors")),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_title"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Business developer to contact"),
            help_text=_("Shown publicly on the page."),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["seutu_pages.NetworkHomePage"]
    subpage_types = [
        "seutu_pages.InvestInPage",
        "seutu_pages.ActorDirectoryPage",
        "seutu_pages.StrategyPage",
        "seutu_pages.CooperationGuidePage",
        "seutu_pages.StoryIndexPage",
        "seutu_pages.EventIndexPage",
    ]

    # How many of the town's stories and events the page lists.
    story_count = 10
    event_count = 10

    class Meta:
        verbose_name = _("town page")
        verbose_name_plural = _("town pages")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        # One showcase per town and language: translations share the town, copies must not.
        duplicates = TownPage.objects.filter(town_id=self.town_id, locale_id=self.locale_id)
        if self.town_id and duplicates.exclude(pk=self.pk).exists():
            raise ValidationError({"town": _("This town already has a page in this language.")})

    def get_context(self, request, *args, **kwargs):
        from ..queries import (
            actor_directory_for,
            invest_in_page_for,
            latest_stories,
            town_showcase,
            upcoming_events,
        )

        context = super().get_context(request, *args, **kwargs)
        context["featured_actors"], context["focus_competences"] = town_showcase(self)
        context["stories"] = latest_stories(
            town=self.town_id, locale=self.locale, limit=self.story_count
        )
        context["events"] = upcoming_events(
            index=self, locale=self.locale, limit=self.event_count
        )
        context["invest_in_page"] = invest_in_page_for(self)
        context["actor_directory"] = actor_directory_for(self)
        return context


class TownFeaturedActor(Orderable):
    """A public organisation featured on a town page, in the editor's order."""

    page = ParentalKey(TownPage, on_delete=models.CASCADE, related_name="featured_actors")
    organisation = models.ForeignKey(
        "seutu_crm.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="town_page_features",
    )

    panels = [FieldPanel("organisation", widget=organisation_chooser_viewset.widget_class)]

    class Meta(Orderable.Meta):
        verbose_name = _("featured actor")
        verbose_name_plural = _("featured actors")
