"""What a business developer does from the gap analysis: a lead for a candidate, or a
partnership proposal to a town that is strong where theirs is weak.

Both check the town-scoped permission for the acting ``user`` (``None``: the system) and log
what they did.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import (
    Lead,
    LeadKind,
    LeadSource,
    OrganisationStatus,
    PartnershipProposal,
    ProposalStatus,
    Stage,
)
from ..permission_policies import lead_permission_policy
from ..scoping import get_scope
from .pipeline import check_permission

PROPOSAL = "seutu_crm.partnership_proposal"
PROPOSAL_ANSWER = "seutu_crm.partnership_answer"


def create_gap_lead(town, organisation, competence, user, *, brings=()):
    """A lead of ``town`` for ``organisation``, found for the gap in ``competence``.

    Stage *identified*, source *gap analysis*, the gap linked, the competences it would
    bring filled in (the gap's and ``brings``: its other competences that are gaps). A town
    courts an organisation once: an existing lead of the town is returned as it is.
    """
    existing = Lead.objects.filter(town=town, organisation=organisation).first()
    if existing is not None:
        return existing, False
    lead = Lead(
        organisation=organisation,
        town=town,
        owner=user if user is not None and user.is_authenticated else None,
        stage=Stage.IDENTIFIED,
        kind=LeadKind.NEW_ESTABLISHMENT,
        source=LeadSource.GAP_ANALYSIS,
        gap=competence,
    )
    check_permission(lead_permission_policy, user, "add", lead)
    errors = {}
    if organisation.town_id == town.pk:
        errors["organisation"] = _("The organisation is already in the town.")
    if organisation.status != OrganisationStatus.ACTIVE:
        errors["organisation"] = _("The organisation is no longer active.")
    if errors:
        raise ValidationError(errors)
    lead.full_clean()
    with transaction.atomic():
        lead._stage_change_user = user
        lead.save()
        lead.competences.set({competence, *brings})
        log(lead, "wagtail.create", user=user)
    return lead, True


def propose_partnership(from_town, to_town, competence, user, message=""):
    """Record ``from_town``'s proposal to ``to_town`` to work together on ``competence``."""
    if user is not None and not get_scope(user).can_write(from_town.pk):
        raise PermissionDenied(_("You may propose partnerships only for your own towns."))
    proposal = PartnershipProposal(
        from_town=from_town,
        to_town=to_town,
        competence=competence,
        message=(message or "").strip(),
        proposed_by=user if user is not None and user.is_authenticated else None,
    )
    proposal.full_clean()
    if not to_town.in_network:
        raise ValidationError({"to_town": _("Choose a town of the network.")})
    with transaction.atomic():
        proposal.save()
        log(proposal, PROPOSAL, user=user)
    return proposal



def answer_proposal(proposal, answer, user):
    """The partner town accepts or declines ``proposal``."""
    if user is not None and not get_scope(user).can_write(proposal.to_town_id):
        raise PermissionDenied(_("Only the partner town answers a proposal."))
    if answer not in (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED):
        raise ValidationError({"answer": _("Accept or decline the proposal.")})
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError(_("The proposal has already been answered."))
    with transaction.atomic():
        proposal.status = answer
        proposal.answered_at = timezone.now()
        proposal.save(update_fields=["status", "answered_at"])
        log(proposal, PROPOSAL_ANSWER, user=user, data={"answer": answer})
    return proposal
