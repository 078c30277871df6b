"""Admin viewsets of the CRM, one module per family of models.

``CRMViewSetGroup`` is the "CRM" menu; other parts of the app add their viewsets to ``items``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .cooperation import HigherEducationTieViewSet
from .geography import RegionViewSet, TownViewSet
from .organisations import OrganisationViewSet
from .taxonomy import CompetenceViewSet, IndustryViewSet


class CRMViewSetGroup(SnippetViewSetGroup):
    menu_label = _("CRM")
    menu_icon = "group"
    menu_order = 150
    items = [
        OrganisationViewSet,
        HigherEducationTieViewSet,
        CompetenceViewSet,
        IndustryViewSet,
        TownViewSet,
        RegionViewSet,
    ]


__all__ = [
    "CRMViewSetGroup",
    "CompetenceViewSet",
    "HigherEducationTieViewSet",
    "IndustryViewSet",
    "OrganisationViewSet",
    "RegionViewSet",
    "TownViewSet",
]
