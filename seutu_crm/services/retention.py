"""Storage limitation: contacts nobody has touched for ``SEUTU_CRM["RETENTION_YEARS"]`` years
are anonymised with :func:`seutu_crm.services.personal_data.erase_person`.

"Untouched" means the contact row has not been saved and no activity linked to the person
has been dated or recorded within the period.
"""

from django.db.models import Q
from django.utils import timezone

from ..conf import get_setting
from ..models import Activity, Contact
from .personal_data import erase_people


def retention_cutoff(now=None, years=None):
    """The moment before which an untouched contact is due for anonymisation."""
    now = now or timezone.now()
    years = years or get_setting("RETENTION_YEARS")
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def contacts_due(now=None):
    """Contacts not yet anonymised and untouched since :func:`retention_cutoff`."""
    cutoff = retention_cutoff(now)
    recent = Activity.objects.filter(
        Q(date__gte=timezone.localdate(cutoff)) | Q(created_at__gte=cutoff)
    )
    return (
        Contact.objects.filter(anonymised_at=None, updated_at__lt=cutoff)
        .exclude(pk__in=recent.filter(contacts__isnull=False).values("contacts"))
        .order_by("pk")
    )


def apply_retention(now=None, dry_run=False, batch_size=20):
    """Anonymise every contact due, ``batch_size`` per transaction; returns their primary keys.

    (Each batch searches the texts, revisions and log entries once for all its people.)
    """
    due = list(contacts_due(now))
    if not dry_run:
        for start in range(0, len(due), batch_size):
            erase_people(due[start : start + batch_size], user=None, reason="retention")
    return [contact.pk for contact in due]
