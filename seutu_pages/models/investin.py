"""The Invest-in page of a town and the inquiries its form takes in."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from .. import ratelimit
from ..blocks import BodyBlock
from ..forms import InvestInForm

DEFAULT_CONSENT_TEXT = _(
    "I agree that the town's business services store the information I give here and contact "
    "me about my inquiry. The information is kept in the town's customer register and is not "
    "given to third parties."
)


class InvestInPage(RoutablePageMixin, Page):
    """Why invest in this town — key facts, sites, competences, contacts — and a form."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    form_heading = models.CharField(
        _("form heading"), max_length=200, default=_("Get in touch")
    )
    form_introduction = models.TextField(_("form introduction"), blank=True)
    consent_text = models.TextField(
        _("consent text"),
        default=DEFAULT_CONSENT_TEXT,
        help_text=_("The wording a visitor agrees to; it is stored with every inquiry."),
    )
    thank_you_heading = models.CharField(
        _("thank-you heading"), max_length=200, default=_("Thank you, we received your message")
    )
    thank_you_text = models.TextField(
        _("thank-you text"),
        default=_("Our business developer will contact you within a few working days."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("form_heading"),
                FieldPanel("form_introduction"),
                FieldPanel("consent_text"),
                FieldPanel("thank_you_heading"),
                FieldPanel("thank_you_text"),
            ],
            heading=_("Contact form"),
        ),
    ]

    parent_page_types = ["seutu_pages.TownPage"]
    subpage_types = []
    template = "seutu_pages/investin/invest_in_page.html"
    thanks_template = "seutu_pages/investin/invest_in_thanks.html"

    class Meta:
        verbose_name = _("Invest-in page")
        verbose_name_plural = _("Invest-in pages")

    @cached_property
    def town_page(self):
        """The nearest town page above this page: its town and business developer."""
        from .towns import TownPage

        return TownPage.objects.ancestor_of(self).select_related("town").last()

    @property
    def town(self):
        """The town the inquiries go to (None outside a town)."""
        return self.town_page.town if self.town_page else None

    @property
    def rate_limit_scope(self):
        """What the form's rate limit counts against: the town the inquiries go to.

        A town has one Invest-in page per language, all feeding the same pipeline: a visitor's
        submissions to Raahe's Finnish and Swedish forms add up, Kuusamo's count apart. A page
        outside any town counts with its own translations.
        """
        town = self.town
        if town is not None:
            return f"invest-in:town-{town.pk}"
        return f"invest-in:page-{self.translation_key}"

    def get_form(self, data=None):
        return InvestInForm(data, consent_text=self.consent_text)

    @path("")
    def form_view(self, request):
        from ..inquiries import submit_inquiry  # it imports these models

        if request.method != "POST":
            return self.render(request, context_overrides={"form": self.get_form()})
        form = self.get_form(request.POST)
        if not ratelimit.allow(self.rate_limit_scope, request):
            return TemplateResponse(
                request,
                self.get_template(request),
                self.get_context(request) | {"form": form, "rate_limited": True},
                status=429,
            )
        thanks_url = self.url + self.reverse_subpage("thanks")
        if form.is_bot():
            return HttpResponseRedirect(thanks_url)
        if form.is_valid():
            try:
                submit_inquiry(
                    cleaned_data=form.cleaned_data,
                    town=self.town,
                    language=self.locale.language_code,
                    consent_text=self.consent_text,
                    page=self,
                    client_address=ratelimit.client_address(request) or None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return HttpResponseRedirect(thanks_url)
        return self.render(request, context_overrides={"form": form}, status=400)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        return self.render(request, template=self.thanks_template)

    def render(self, request, *args, template=None, context_overrides=None, status=None, **kw):
        response = super().render(
            request, *args, template=template, context_overrides=context_overrides, **kw
        )
        if status:
            response.status_code = status
        return response


class InquiryStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    PROCESSED = "processed", _("Lead created")
    FAILED = "failed", _("Failed: handle by hand")


class InvestInInquiry(models.Model):
    """A visitor's Invest-in form submission, exactly as sent, and what became of it."""

    page = models.ForeignKey(
        InvestInPage,
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    town = models.ForeignKey(
        "seutu_crm.Town",
        verbose_name=_("town"),
        on_delete=models.PROTECT,
        related_name="invest_in_inquiries",
    )
    person_name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=255)
    business_id = models.CharField(_("Business ID"), max_length=12, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    message = models.TextField(_("message"))
    consent = models.BooleanField(_("consent given"), default=False)
    consent_text = models.TextField(_("consent text"))
    language = models.CharField(_("language"), max_length=8)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InquiryStatus.choices,
        default=InquiryStatus.RECEIVED,
        db_index=True,
    )
    error = models.TextField(_("error"), blank=True)
    lead = models.ForeignKey(
        "seutu_crm.Lead",
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invest_in_inquiries",
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Invest-in inquiry")
        verbose_name_plural = _("Invest-in inquiries")

    def __str__(self):
        return f"{self.organisation_name} – {self.person_name}"

    def mark_processed(self, lead):
        self.status = InquiryStatus.PROCESSED
        self.lead = lead
        self.error = ""
        self.processed_at = timezone.now()
        self.save(update_fields=["status", "lead", "error", "processed_at"])

    def mark_failed(self, error):
        self.status = InquiryStatus.FAILED
        self.error = f"{type(error).__name__}: {error}"
        self.save(update_fields=["status", "error"])
