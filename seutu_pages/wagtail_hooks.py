from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .choosers import competence_chooser_viewset, organisation_chooser_viewset
from .inquiry_admin import InvestInInquiryViewSet


@hooks.register("register_admin_viewset")
def register_choosers():
    return [organisation_chooser_viewset, competence_chooser_viewset]


register_snippet(InvestInInquiryViewSet)
