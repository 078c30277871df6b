"""Handing a lead to another town of the network.

:func:`refer` records a :class:`~seutu_crm.models.Referral` (from, to, reason, the actor's
agreement, who, when), makes the receiving town the lead's recruiting town and hands over
the lead's history — its activities and tasks move to the receiving town, so its members see
the whole timeline. The referring town keeps seeing the referral itself; the pipeline
report credits it for the lead (:func:`seutu_crm.queries.pipeline_report`). Contacts stay
with the town that holds them: personal data is not passed on by a referral.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import Activity, Lead, Referral, Task
from ..permission_policies import lead_permission_policy
from .notifications import notify_referral
from .pipeline import check_permission

REFERRAL = "seutu_crm.referral"


def refer(lead, to_town, reason, actor_agreed, user):
    """Refer ``lead`` to ``to_town``; returns the Referral. Raises ValidationError on bad input."""
    check_permission(lead_permission_policy, user, "change", lead)
    errors = {}
    if not to_town.in_network:
        errors["to_town"] = _("Choose a town of the network.")
    elif to_town.pk == lead.town_id:
        errors["to_town"] = _("The lead already belongs to %(town)s.") % {"town": to_town}
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for the referral.")
    if actor_agreed is not True:
        errors["actor_agreed"] = _("A lead can be referred only when the actor has agreed.")
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        from_town = lead.town
        now = timezone.now()
        referral = Referral.objects.create(
            lead=lead,
            from_town=from_town,
            to_town=to_town,
            reason=reason.strip(),
            actor_agreed=True,
            referred_by=user,
            referred_at=now,
        )
        Activity.objects.filter(lead=lead).update(town=to_town)
        Task.objects.filter(lead=lead).update(town=to_town)
        # The owner belongs to the referring town; the receiving town picks its own.
        Lead.objects.filter(pk=lead.pk).update(
            town=to_town, owner=None, last_activity_at=now, updated_at=now
        )
        lead.town, lead.owner, lead.last_activity_at = to_town, None, now
        log(
            lead,
            REFERRAL,
            user=user,
            data={
                "from_town": {"id": from_town.pk, "code": from_town.code, "name": from_town.name_fi},
                "to_town": {"id": to_town.pk, "code": to_town.code, "name": to_town.name_fi},
                "reason": referral.reason,
            },
        )
        transaction.on_commit(lambda: notify_referral(referral.pk))
    return referral
