from .activities import Activity, ActivityKind, Task
from .contacts import Contact, LegalBasis
from .cooperation import HEI_TYPES, HigherEducationTie, TieKind
from .ecosystem import EcosystemSnapshot, OpenDataRecord, RegisterVersion, TownIndicator
from .gaps import Dimension, PartnershipProposal, ProposalStatus, ProximityMatrix
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
    "Dimension",
    "EcosystemSnapshot",
    "HEI_TYPES",
    "HigherEducationTie",
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
    "OpenDataRecord",
    "Organisation",
    "OrganisationDescription",
    "OrganisationRelation",
    "OrganisationStatus",
    "OrganisationTag",
    "PartnershipProposal",
    "ProposalStatus",
    "ProximityMatrix",
    "Referral",
    "Region",
    "RegisterVersion",
    "RelationKind",
    "Role",
    "SizeClass",
    "Stage",
    "Task",
    "TieKind",
    "Town",
    "TownIndicator",
    "TownMembership",
]
