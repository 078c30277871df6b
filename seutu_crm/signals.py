"""Signals other apps listen to, for changes that Django's model signals do not report.

``organisations_changed`` is sent after bulk writes (``QuerySet.update()``, ``bulk_create``,
``bulk_update``, imports) with the primary keys touched, inside the writing transaction, so
a listener (the search outbox) can record the change atomically with it.
"""

from django.dispatch import Signal

organisations_changed = Signal()  # sender=model class, pks=list of primary keys

# Sent by seutu_crm.services.personal_data.erase_person inside its transaction, before the
# contact row is anonymised: sender=Contact, contact=the Contact, identifiers=[the strings
# (names, e-mail, phone) to scrub]. Apps that copied a person's data scrub their copies.
person_erased = Signal()
