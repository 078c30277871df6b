from wagtail import hooks
from wagtail.snippets.models import register_snippet

from seutu_crm.ecosystem.focus import FOCUS_HOOK

from .choosers import competence_chooser_viewset, organisation_chooser_viewset
from .inquiry_admin import InvestInInquiryViewSet
from .strategy_focus import strategy_focus_of


@hooks.register("register_admin_viewset")
def register_choosers():
    return [organisation_chooser_viewset, competence_chooser_viewset]


register_snippet(InvestInInquiryViewSet)

# The gap analysis weighs what a town's strategy names (seutu_crm.ecosystem.focus).
hooks.register(FOCUS_HOOK, strategy_focus_of)
