"""Erasure of a person reaches the search statistics: when the CRM erases a contact
(``seutu_crm.signals.person_erased``), recorded searches for their name, e-mail address or
phone number are deleted in the same transaction. The statistics hold query texts only,
so a search for a person is that person's data."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.dispatch import receiver

from seutu_crm.signals import person_erased

from .analytics import normalise_query_text
from .models import SearchQueryStat

# Shorter identifiers (initials) would delete unrelated searches.
MIN_IDENTIFIER_LENGTH = 3


@receiver(person_erased, dispatch_uid="seutu_search_erase_query_stats")
def erase_query_stats(sender, contact, identifiers, **kwargs):
    # The stored texts are normalised (case-folded, single spaces); so are the identifiers.
    # A substring also catches inflected forms ("Äijälän", "Äijälälle").
    texts = {normalise_query_text(i) for i in identifiers}
    texts = [t for t in texts if len(t) >= MIN_IDENTIFIER_LENGTH]
    if texts:
        SearchQueryStat.objects.filter(reduce(or_, (Q(text__contains=t) for t in texts))).delete()
