"""The data protection duties towards one person (a :class:`~seutu_crm.models.Contact`).

:func:`export_person` gathers everything held about a person as a JSON-serialisable dict: the
contact row, the activities that link to or mention them, the tasks, lead texts and the log
entries that mention them.

:func:`erase_person` anonymises the person everywhere the CRM copied them: the contact row;
the Wagtail revisions (``Revision.content`` and ``object_str``) and log entries (``label`` and
``data``, of every log entry model) that hold the name, e-mail or phone; the text of
activities, tasks, leads, referrals, stage changes and organisation descriptions.
Activities keep their dates and kinds but lose the link to the contact and the name.
Other apps that copy personal data (e.g. a
stored form submission) listen to :data:`seutu_crm.signals.person_erased` and scrub their
copies in the same transaction.

Both are logged on the contact with custom actions (``seutu_crm.personal_data.export`` /
``seutu_crm.personal_data.erase``) whose label and data hold no personal data. Only
coordinators may do either (``contact_permission_policy``, actions
``export_personal_data`` / ``erase_personal_data``).
"""

import json
import re
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, Revision

from ..models import (
    Activity,
    Contact,
    CRMLogEntry,
    Lead,
    LeadStageChange,
    Organisation,
    OrganisationDescription,
    Referral,
    Task,
)
from ..database import checkpoint_wal
from ..permission_policies import contact_permission_policy
from ..signals import organisations_changed, person_erased

EXPORT = "seutu_crm.personal_data.export"
ERASE = "seutu_crm.personal_data.erase"
REDACTED = "[removed]"
ANONYMOUS_FIRST_NAME = "Anonymised"

PERSONAL_FIELDS = ("first_name", "last_name", "role", "email", "phone", "source")


def _check(user, action, contact):
    if user is not None and not contact_permission_policy.user_has_permission_for_instance(
        user, action, contact
    ):
        raise PermissionDenied


def contact_title(contact):
    """A label for log entries that says which contact without saying who."""
    return f"{Contact._meta.verbose_name} #{contact.pk}"


def identifiers(contact):
    """The strings that identify ``contact`` anywhere: full name (both orders), e-mail, phone.

    A first or last name alone would also scrub unrelated words, so single names are only
    scrubbed on rows linked to the person (see :func:`erase_person`).
    """
    first, last = contact.first_name.strip(), contact.last_name.strip()
    values = {contact.email.strip()}
    if first and last:
        values |= {f"{first} {last}", f"{last} {first}", f"{last}, {first}"}
    if len(re.sub(r"\D", "", contact.phone)) >= 6:
        values.add(contact.phone.strip())
    return sorted((v for v in values if v), key=len, reverse=True)


def _json_forms(value):
    """``value`` as found in JSON text: raw (PostgreSQL jsonb) and \\u-escaped (SQLite)."""
    return {value, json.dumps(value)[1:-1]}


def _text_q(field, values):
    forms = [form for value in values for form in _json_forms(value)]
    return reduce(or_, (models.Q(**{f"{field}__icontains": form}) for form in forms))


def _scrub_text(text, values):
    if not text:
        return text
    for value in values:
        text = re.sub(re.escape(value), REDACTED, text, flags=re.IGNORECASE)
    return text


def _scrub_json(data, values):
    if isinstance(data, str):
        return _scrub_text(data, values)
    if isinstance(data, list):
        return [_scrub_json(item, values) for item in data]
    if isinstance(data, dict):
        return {key: _scrub_json(item, values) for key, item in data.items()}
    return data


def _log_entry_models():
    return log_registry.get_log_entry_models() | {ModelLogEntry}


def _log_entries_mentioning(values):
    for model in _log_entry_models():
        queryset = model.objects.annotate(data_text=Cast("data", models.TextField())).filter(
            _text_q("label", values) | _text_q("data_text", values)
        )
        yield from queryset


def _contact_log_entries(contact):
    # The log model Wagtail routes contacts to (CRMLogEntry), and ModelLogEntry for older rows.
    content_type = ContentType.objects.get_for_model(Contact)
    for model in {log_registry.get_log_model_for_model(Contact), ModelLogEntry}:
        yield from model.objects.filter(content_type=content_type, object_id=str(contact.pk))


def _mentions(model, fields, values):
    return model.objects.filter(reduce(or_, (_text_q(field, values) for field in fields)))


def export_person(contact, user=None):
    """Everything held about ``contact`` as a JSON-serialisable dict; logs the export."""
    _check(user, "export_personal_data", contact)
    values = identifiers(contact)
    linked = models.Q(contacts=contact)
    if values:
        linked |= _text_q("text", values)
    activities = (
        Activity.objects.filter(linked)
        .distinct()
        .select_related("organisation", "town")
        .order_by("date", "pk")
    )
    # Keyed by model too: the two log models number their rows separately.
    log_entries = {(type(entry), entry.pk): entry for entry in _contact_log_entries(contact)}
    if values:
        log_entries.update(
            ((type(entry), entry.pk), entry)
            for entry in _log_entries_mentioning(values)
            if isinstance(entry, (ModelLogEntry, CRMLogEntry))
        )
    data = {
        "exported_at": timezone.now().isoformat(),
        "contact": {
            "id": contact.pk,
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "email": contact.email,
            "phone": contact.phone,
            "role": contact.role,
            "organisation": contact.organisation.name if contact.organisation_id else None,
            "town": contact.town.name_fi,
            "legal_basis": contact.legal_basis,
            "consent_date": contact.consent_date.isoformat() if contact.consent_date else None,
            "source": contact.source,
            "opt_out": contact.opt_out,
            "created_at": contact.created_at.isoformat(),
            "updated_at": contact.updated_at.isoformat(),
            "anonymised_at": contact.anonymised_at.isoformat() if contact.anonymised_at else None,
        },
        "activities": [
            {
                "id": activity.pk,
                "date": activity.date.isoformat(),
                "kind": activity.kind,
                "organisation": activity.organisation.name,
                "town": activity.town.name_fi,
                "lead": activity.lead_id,
                "text": activity.text,
            }
            for activity in activities
        ],
        "tasks": [
            {
                "id": task.pk,
                "title": task.title,
                "due_date": task.due_date.isoformat() if task.due_date else None,
            }
            for task in (_mentions(Task, ["title"], values) if values else Task.objects.none())
        ],
        "log_entries": [
            {
                "timestamp": entry.timestamp.isoformat(),
                "action": entry.action,
                "label": entry.label,
                "data": entry.data,
                "object": f"{entry.content_type.app_label}.{entry.content_type.model}"
                f"#{entry.object_id}",
            }
            for entry in sorted(log_entries.values(), key=lambda e: e.timestamp)
        ],
    }
    log(contact, EXPORT, user=user, title=contact_title(contact), data={"contact": contact.pk})
    return data


def erase_person(contact, user=None, reason="request"):
    """Anonymise ``contact`` in its row and wherever its personal data was copied.

    ``reason`` ("request" or "retention") goes into the log entry. Returns the contact.
    """
    return erase_people([contact], user=user, reason=reason)[0]


def erase_people(contacts, user=None, reason="request"):
    """:func:`erase_person` for several contacts in one transaction.

    The searches through text, revisions and log entries run once for all of them, which is
    what makes the retention command affordable on a large database.
    """
    contacts = list(contacts)
    for contact in contacts:
        _check(user, "erase_personal_data", contact)
    values = sorted(
        {v for contact in contacts for v in identifiers(contact)}, key=len, reverse=True
    )
    with transaction.atomic():
        for contact in contacts:
            _unlink_activities(contact)
        if values:
            _scrub_rows(Activity, ["text"], values)
            _scrub_rows(Task, ["title"], values)
            _scrub_rows(Lead, ["next_step", "lost_reason"], values)
            _scrub_rows(Referral, ["reason"], values)
            _scrub_rows(LeadStageChange, ["note"], values)
            described = _scrub_rows(OrganisationDescription, ["text"], values)
            if described:
                # Bulk writes bypass post_save: tell the search index to refresh these actors.
                organisations_changed.send(
                    sender=Organisation, pks=sorted({d.organisation_id for d in described})
                )
            _scrub_revisions(values)
            for entry in _log_entries_mentioning(values):
                entry.label = _scrub_text(entry.label, values)
                entry.data = _scrub_json(entry.data, values)
                entry.save(update_fields=["label", "data"])
        for contact in contacts:
            _anonymise_contact(contact, user, reason)
        # After the commit: the log then holds the only pre-erasure copies.
        transaction.on_commit(checkpoint_wal)
    return contacts


def _own_values(contact):
    """On rows that belong to this person, their single first and last names are theirs too."""
    names = {v.strip() for v in (contact.first_name, contact.last_name) if len(v.strip()) >= 2}
    return sorted(set(identifiers(contact)) | names, key=len, reverse=True)


def _unlink_activities(contact):
    own_values = _own_values(contact)
    linked_activities = list(Activity.objects.filter(contacts=contact))
    for activity in linked_activities:
        activity.text = _scrub_text(activity.text, own_values)
    Activity.objects.bulk_update(linked_activities, ["text"])
    Activity.contacts.through.objects.filter(contact=contact).delete()


def _anonymise_contact(contact, user, reason):
    own_values = _own_values(contact)
    for entry in _contact_log_entries(contact):
        entry.label = contact_title(contact)
        entry.data = _scrub_json(entry.data, own_values)
        entry.save(update_fields=["label", "data"])
    person_erased.send(sender=Contact, contact=contact, identifiers=own_values)
    contact.first_name = ANONYMOUS_FIRST_NAME
    contact.last_name = ""
    contact.role = ""
    contact.email = ""
    contact.phone = ""
    contact.source = ""
    contact.opt_out = True
    contact.anonymised_at = timezone.now()
    contact.save()
    log(contact, ERASE, user=user, title=contact_title(contact), data={"reason": reason})


def _scrub_rows(model, fields, values):
    rows = list(_mentions(model, fields, values))
    for row in rows:
        for field in fields:
            setattr(row, field, _scrub_text(getattr(row, field), values))
    if rows:
        model.objects.bulk_update(rows, fields)
    return rows


def _scrub_revisions(values):
    revisions = Revision.objects.annotate(content_text=Cast("content", models.TextField())).filter(
        _text_q("object_str", values) | _text_q("content_text", values)
    )
    for revision in revisions:
        revision.content = _scrub_json(revision.content, values)
        revision.object_str = _scrub_text(revision.object_str, values)
        revision.save(update_fields=["content", "object_str"])
