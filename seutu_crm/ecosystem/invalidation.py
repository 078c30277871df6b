"""Which writes change the register's figures: connected in ``SeutuCrmConfig.ready()``."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from ..models import (
    Competence,
    Industry,
    Organisation,
    OrganisationDescription,
    OrganisationRelation,
    Region,
    Town,
)
from ..signals import organisations_changed
from .cache import register_changed

# Relations count too: a candidate's ties to the town rank it (the cached candidates).
COUNTED = (
    Organisation, OrganisationDescription, OrganisationRelation, Competence, Industry, Town,
    Region,
)


def connect():
    for model in COUNTED:
        uid = f"seutu_crm_ecosystem_{model._meta.model_name}"
        post_save.connect(register_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(register_changed, sender=model, dispatch_uid=f"{uid}_delete")
    for links in (Organisation.competences.through, Organisation.industries.through):
        m2m_changed.connect(register_changed, sender=links,
                            dispatch_uid=f"seutu_crm_ecosystem_{links._meta.model_name}")
    organisations_changed.connect(register_changed, dispatch_uid="seutu_crm_ecosystem_bulk")
