"""Admin views of the situational picture: thin, the figures come from :mod:`seutu_crm.ecosystem`."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Town
from .access import EcosystemAccessMixin


class EcosystemIndexView(EcosystemAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Ecosystem")
    header_icon = "site"
    template_name = "seutu_crm/ecosystem/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(towns=Town.objects.in_network(), **kwargs)
