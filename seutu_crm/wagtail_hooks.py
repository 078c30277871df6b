"""Admin wiring of the CRM: the "CRM" menu group and its viewsets."""

from wagtail.snippets.models import register_snippet

from .viewsets import CRMViewSetGroup

register_snippet(CRMViewSetGroup)
