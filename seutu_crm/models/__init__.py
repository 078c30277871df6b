from .activities import Activity, ActivityKind, Task
from .contacts import Contact, LegalBasis
from .ecosystem import EcosystemSnapshot, OpenDataRecord, RegisterVersion, TownIndicator
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
    OrganisationStatus,
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
    "EcosystemSnapshot",
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
    "OpenDataRecord",
    "OrganisationRelation",
    "OrganisationStatus",
    "OrganisationTag",
    "Referral",
    "Region",
    "RegisterVersion",
    "RelationKind",
    "Role",
    "SizeClass",
    "Stage",
    "Task",
    "Town",
    "TownIndicator",
    "TownMembership",
]
