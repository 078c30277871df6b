"""Erasure of a person reaches the copies the Invest-in form kept: when the CRM erases a
contact (``seutu_crm.signals.person_erased``), the inquiries they sent lose their personal
data too, in the same transaction."""

import re

from django.db.models import Q
from django.dispatch import receiver

from seutu_crm.signals import person_erased

ERASED = "[erased]"


def _scrub(text, identifiers):
    for identifier in sorted(identifiers, key=len, reverse=True):
        text = re.sub(re.escape(identifier), ERASED, text, flags=re.IGNORECASE)
    return text


@receiver(person_erased, dispatch_uid="seutu_pages_erase_inquiries")
def erase_inquiries(sender, contact, identifiers, **kwargs):
    from .models import InvestInInquiry

    identifiers = [i for i in identifiers if i and len(i.strip()) > 2]
    match = Q(person_name__iexact=contact.full_name)
    if contact.email:
        match |= Q(email__iexact=contact.email)
    if contact.phone:
        match |= Q(phone=contact.phone)
    for inquiry in InvestInInquiry.objects.filter(match):
        inquiry.person_name = ERASED
        inquiry.email = ""
        inquiry.phone = ""
        inquiry.client_address = None
        inquiry.message = _scrub(inquiry.message, identifiers)
        inquiry.error = _scrub(inquiry.error, identifiers)
        inquiry.save(
            update_fields=["person_name", "email", "phone", "client_address", "message", "error"]
        )
