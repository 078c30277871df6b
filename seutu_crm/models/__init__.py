from .activities import Activity, ActivityKind, Task
from .contacts import Contact, LegalBasis
from .geography import Region, Town
from .imports import ImportJob, JobPhase, JobState
from .leads import Lead, LeadKind, LeadSource, LeadStageChange, Referral, Stage
from .log_entries import CRMLogEntry
from .memberships import Role, TownMembership
from .organisations import (
    ActorType,
    Language,
    Organisation,
    OrganisationDescription,
    OrganisationRelation,
    OrganisationTag,
    RelationKind,
    SizeClass,
)
from .taxonomy import Competence, Industry

__all__ = [
    "Activity",
    "ActivityKind",
    "ActorType",
    "Competence",
    "Contact",
    "CRMLogEntry",
    "ImportJob",
    "Industry",
    "JobPhase",
    "JobState",
    "Language",
    "Lead",
    "LeadKind",
    "LeadSource",
    "LeadStageChange",
    "LegalBasis",
    "Organisation",
    "OrganisationDescription",
    "OrganisationRelation",
    "OrganisationTag",
    "Referral",
    "Region",
    "RelationKind",
    "Role",
    "SizeClass",
    "Stage",
    "Task",
    "Town",
    "TownMembership",
]
