"""Deleting CRM records in bulk: each deletion is logged, as a single delete is.

Wagtail's single-object delete view logs ``wagtail.delete``; its bulk delete deletes with one
query and logs nothing. Every bulk delete of the CRM's models goes through
:func:`delete_records`, so the history shows who deleted which lead, contact, activity, task
or organisation even when hundreds went at once (town-private models log to the CRM's
town-scoped log, the shared register to Wagtail's).
"""

from django.db import transaction
from wagtail.log_actions import log


def delete_records(objects, user):
    """Log and delete ``objects`` (instances of one model); returns how many were deleted."""
    objects = list(objects)
    if not objects:
        return 0
    model = type(objects[0])
    with transaction.atomic():
        for instance in objects:
            # Logged before the delete, as Wagtail's delete view does: the entry keeps the
            # object's label and town when the row is gone.
            log(instance, "wagtail.delete", user=user, data={"bulk": True})
        model._default_manager.filter(pk__in=[instance.pk for instance in objects]).delete()
    return len(objects)
