"""People of the pipeline tests: members of towns with the groups' model permissions."""

from django.contrib.auth.models import Permission

from seutu_crm.models import Role
from tests.factories import TownMembershipFactory

CRM_MODELS = ("lead", "activity", "task", "contact", "referral")


def crm_member(town, role=Role.BUSINESS_DEVELOPER, **user_fields):
    """A member of ``town`` (None for a coordinator) with every CRM model permission."""
    from tests.factories import UserFactory

    user = UserFactory(**user_fields)
    TownMembershipFactory(user=user, town=town, role=role)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="seutu_crm", content_type__model__in=CRM_MODELS
        )
    )
    return user
