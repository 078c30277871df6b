from .contacts import Contact, LegalBasis
from .geography import Region, Town
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
    "ActorType",
    "Competence",
    "Contact",
    "Industry",
    "Language",
    "LegalBasis",
    "Organisation",
    "OrganisationDescription",
    "OrganisationRelation",
    "OrganisationTag",
    "Region",
    "RelationKind",
    "Role",
    "SizeClass",
    "Town",
    "TownMembership",
]
