"""Signal handlers that record changes to indexed records in the search outbox.

They run inside the writer's transaction (Django sends ``post_save``, ``post_delete`` and
``m2m_changed`` there), so the outbox entry commits or rolls back with the change. Connected
in :meth:`seutu_search.apps.SeutuSearchConfig.ready`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from seutu_crm.models import (
    Competence,
    Industry,
    Organisation,
    OrganisationDescription,
    OrganisationTag,
    Region,
    Town,
)
from seutu_crm.signals import organisations_changed

from . import outbox
from .documents import COMPETENCE, ORGANISATION, PAGE
from .outbox import OutboxAction


def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        outbox.record(ORGANISATION, [instance.pk])


def organisation_deleted(sender, instance, **kwargs):
    outbox.record(ORGANISATION, [instance.pk], OutboxAction.DELETE)


def organisation_part_changed(sender, instance, raw=False, **kwargs):
    """A description or tag of an organisation was saved or deleted."""
    if raw:
        return
    organisation_id = getattr(instance, "organisation_id", None) or getattr(
        instance, "content_object_id", None
    )
    if organisation_id and Organisation.objects.filter(pk=organisation_id).exists():
        outbox.record(ORGANISATION, [organisation_id])


def organisations_bulk_changed(sender, pks, **kwargs):
    outbox.record(ORGANISATION, pks)


def organisation_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Competences or industries were added to / removed from organisations (either side)."""
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            outbox.record(ORGANISATION, [instance.pk])
        return
    # Reverse side: ``instance`` is a competence or industry, ``pk_set`` organisations.
    if action == "pre_clear":
        # After the clear the links are gone; remember whose they were now.
        outbox.record_queryset(ORGANISATION, instance.organisations.values_list("pk", flat=True))
    elif action != "post_clear":
        outbox.record(ORGANISATION, pk_set or [])


def competence_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    outbox.record(COMPETENCE, [instance.pk])
    # Organisations link to the default-locale row; any translation's name or synonyms are
    # indexed with them.
    outbox.record_queryset(
        ORGANISATION,
        Organisation.objects.filter(
            competences__translation_key=instance.translation_key
        ).values_list("pk", flat=True),
    )


def competence_deleting(sender, instance, **kwargs):
    # Before the delete, while the links (cascaded away with the row) can still be read.
    outbox.record_queryset(ORGANISATION, instance.organisations.values_list("pk", flat=True))


def competence_deleted(sender, instance, **kwargs):
    outbox.record(COMPETENCE, [instance.pk], OutboxAction.DELETE)


def industry_saved(sender, instance, raw=False, **kwargs):
    if not raw and not kwargs.get("created"):
        outbox.record_queryset(
            ORGANISATION,
            Organisation.objects.filter(industries=instance).values_list("pk", flat=True),
        )


def town_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        outbox.record_queryset(
            ORGANISATION, Organisation.objects.filter(town=instance).values_list("pk", flat=True)
        )


def region_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        outbox.record_queryset(
            ORGANISATION,
            Organisation.objects.filter(town__region=instance).values_list("pk", flat=True),
        )


def page_changed(sender, instance, **kwargs):
    outbox.record(PAGE, [instance.pk])


def page_deleted(sender, instance, **kwargs):
    outbox.record(PAGE, [instance.pk], OutboxAction.DELETE)


def connect():
    uid = "seutu_search.handlers."
    post_save.connect(organisation_saved, sender=Organisation, dispatch_uid=uid + "org_save")
    post_delete.connect(organisation_deleted, sender=Organisation, dispatch_uid=uid + "org_del")
    for model in (OrganisationDescription, OrganisationTag):
        post_save.connect(
            organisation_part_changed, sender=model, dispatch_uid=uid + model.__name__ + "_save"
        )
        post_delete.connect(
            organisation_part_changed, sender=model, dispatch_uid=uid + model.__name__ + "_del"
        )
    for field_name in ("competences", "industries"):
        m2m_changed.connect(
            organisation_links_changed,
            sender=Organisation._meta.get_field(field_name).remote_field.through,
            dispatch_uid=uid + field_name,
        )
    organisations_changed.connect(
        organisations_bulk_changed, sender=Organisation, dispatch_uid=uid + "org_bulk"
    )
    post_save.connect(competence_saved, sender=Competence, dispatch_uid=uid + "comp_save")
    pre_delete.connect(competence_deleting, sender=Competence, dispatch_uid=uid + "comp_pre_del")
    post_delete.connect(competence_deleted, sender=Competence, dispatch_uid=uid + "comp_del")
    post_save.connect(industry_saved, sender=Industry, dispatch_uid=uid + "industry_save")
    post_save.connect(town_saved, sender=Town, dispatch_uid=uid + "town_save")
    post_save.connect(region_saved, sender=Region, dispatch_uid=uid + "region_save")
    page_published.connect(page_changed, dispatch_uid=uid + "page_published")
    page_unpublished.connect(page_changed, dispatch_uid=uid + "page_unpublished")
    # Deleting a specific page deletes its Page row too, so sender=Page sees every page. (A
    # receiver for every sender would stop Django's fast deletes project-wide.)
    post_delete.connect(page_deleted, sender=Page, dispatch_uid=uid + "page_del")
