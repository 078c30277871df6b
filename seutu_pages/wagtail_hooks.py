from wagtail import hooks
from wagtail.snippets.models import register_snippet

from seutu_crm.ecosystem.focus import FOCUS_HOOK
from seutu_crm.ecosystem_admin.menu import MENU_HOOK as ECOSYSTEM_MENU_HOOK

from . import strategy_admin
from .choosers import competence_chooser_viewset, organisation_chooser_viewset
from .inquiry_admin import InvestInInquiryViewSet
from .strategy_focus import strategy_focus_of


@hooks.register("register_admin_viewset")
def register_choosers():
    return [organisation_chooser_viewset, competence_chooser_viewset]


register_snippet(InvestInInquiryViewSet)

# The gap analysis weighs what a town's strategy names (seutu_crm.ecosystem.focus).
hooks.register(FOCUS_HOOK, strategy_focus_of)
# The strategies' goals with their progress, in the Ecosystem menu of the admin.
hooks.register("register_admin_urls", strategy_admin.admin_urls)
hooks.register(ECOSYSTEM_MENU_HOOK, strategy_admin.menu_item)
