"""Admin wiring of the CRM: the "CRM" menu group and its viewsets."""

from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Organisation
from .permission_policies import organisation_permission_policy
from .pipeline_admin import hooks as pipeline_hooks  # noqa: F401  (policies, bulk actions, dashboard)
from .pipeline_admin.viewsets import PIPELINE_VIEWSETS
from .viewsets import CRMViewSetGroup

# The pipeline's leads, activities, tasks and contacts join the "CRM" menu.
CRMViewSetGroup.items = [*PIPELINE_VIEWSETS, *CRMViewSetGroup.items]

# The register is read by the network and written town by town; registered before the
# viewsets, which would otherwise make a model-wide fallback policy.
if policy_registry.get_by_type(Organisation, fallback=False) is None:
    register_permission_policy(Organisation, organisation_permission_policy)
register_snippet(CRMViewSetGroup)

# The pipeline's audit-log actions (stage changes, referrals, personal-data export/erasure).
from wagtail import hooks  # noqa: E402

from .log_actions import register_log_actions  # noqa: E402

hooks.register("register_log_actions", register_log_actions)

# Importing organisations from CSV/XLSX: the upload → preview → confirm view and its menu item.
from .views import imports as import_views  # noqa: E402

hooks.register("register_admin_urls", import_views.admin_urls)
hooks.register("register_admin_menu_item", import_views.menu_item)

# The situational picture: town profiles, the actor network, benchmarking.
from .ecosystem_admin import menu as ecosystem_menu  # noqa: E402

hooks.register("register_admin_urls", ecosystem_menu.admin_urls)
hooks.register("register_admin_menu_item", ecosystem_menu.menu_item)
hooks.register(ecosystem_menu.MENU_HOOK, ecosystem_menu.overview_item)
hooks.register(ecosystem_menu.MENU_HOOK, ecosystem_menu.network_item)
hooks.register(ecosystem_menu.MENU_HOOK, ecosystem_menu.benchmark_item)
hooks.register(ecosystem_menu.MENU_HOOK, ecosystem_menu.proposals_item)

# Open data: PRH's companies and Statistics Finland's key figures (upload → preview → confirm).
from .views import open_data_imports  # noqa: E402

hooks.register("register_admin_urls", open_data_imports.admin_urls)
hooks.register(ecosystem_menu.MENU_HOOK, open_data_imports.prh_menu_item)
hooks.register(ecosystem_menu.MENU_HOOK, open_data_imports.statfin_menu_item)

# Settings → Town memberships: coordinators give users their towns and roles.
from .viewsets.memberships import membership_viewset  # noqa: E402

hooks.register("register_admin_viewset", lambda: membership_viewset)
