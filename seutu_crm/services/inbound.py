"""Inbound leads: turn an inquiry (the public Invest-in form, an e-mail) into CRM records.

:func:`receive_inquiry` takes an :class:`Inquiry` and, in one transaction,

1. finds the organisation by Business ID, else by the e-mail's domain (the domain of the
   organisation's website or of its contacts' e-mail addresses; free-mail domains such as
   gmail.com never match), else creates it (not public: a person must review it first);
2. creates the contact (legal basis consent, consent date today, the source) in the town the
   inquiry was addressed to, or updates that town's contact with the same e-mail address;
3. creates a lead in stage "identified" for that town — or, if the organisation already has
   an open lead there, adds to it — with an activity holding the message;
4. after the transaction commits, e-mails the town's members. A failing mail server is
   logged; the lead is kept.

Bad input raises :class:`~django.core.exceptions.ValidationError` with a message per field
and writes nothing.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import (
    Activity,
    ActivityKind,
    ActorType,
    Contact,
    Lead,
    LeadSource,
    LegalBasis,
    Organisation,
    Stage,
)
from ..validators import normalise_business_id, validate_business_id
from .notifications import notify_inquiry

logger = logging.getLogger(__name__)

# Addresses at these domains say nothing about the sender's organisation.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.fi",
        "outlook.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "proton.me",
        "protonmail.com",
        "luukku.com",
        "suomi24.fi",
        "kolumbus.fi",
        "elisanet.fi",
        "welho.com",
        "saunalahti.fi",
        "dnainternet.net",
        "netti.fi",
    }
)
LANGUAGES = ("fi", "sv", "en")


@dataclass
class Inquiry:
    person_name: str
    organisation_name: str
    business_id: str
    email: str
    phone: str
    town: object  # seutu_crm.models.Town of the network
    message: str
    consent: bool
    consent_text: str
    language: str
    source: str


def receive_inquiry(inquiry):
    """Create (or match) organisation, contact and lead for ``inquiry``; returns the Lead."""
    cleaned = _clean(inquiry)
    with transaction.atomic():
        organisation = match_organisation(cleaned.business_id, cleaned.email)
        if organisation is None:
            organisation = Organisation(
                name=cleaned.organisation_name,
                business_id=cleaned.business_id or None,
                actor_type=ActorType.COMPANY,
                town=cleaned.town,
                is_public=False,
            )
            organisation.save()
            log(organisation, "wagtail.create", user=None)
        contact = _save_contact(cleaned, organisation)
        lead = (
            Lead.objects.open()
            .filter(organisation=organisation, town=cleaned.town)
            .order_by("-created_at")
            .first()
        )
        if lead is None:
            lead = Lead.objects.create(
                organisation=organisation,
                town=cleaned.town,
                stage=Stage.IDENTIFIED,
                source=_lead_source(cleaned.source),
            )
            log(lead, "wagtail.create", user=None)
        activity = Activity.objects.create(
            lead=lead,
            organisation=organisation,
            town=cleaned.town,
            kind=ActivityKind.NOTE,
            text=_activity_text(cleaned),
        )
        activity.contacts.add(contact)
        Lead.objects.filter(pk=lead.pk).update(last_activity_at=timezone.now())
        transaction.on_commit(lambda: _notify(lead.pk, activity.pk))
    return lead


def _notify(lead_pk, activity_pk):
    try:
        notify_inquiry(lead_pk, activity_pk)
    except Exception:  # noqa: BLE001 - the lead is committed; a notification must not undo it
        logger.exception("Could not notify the town of inbound lead %s", lead_pk)


def _clean(inquiry):
    """Validate ``inquiry`` and return a copy with normalised values."""
    errors = {}
    person_name = " ".join((inquiry.person_name or "").split())
    organisation_name = " ".join((inquiry.organisation_name or "").split())
    email = (inquiry.email or "").strip().lower()
    business_id = normalise_business_id(inquiry.business_id)
    if not person_name:
        errors["person_name"] = _("Give your name.")
    if not organisation_name:
        errors["organisation_name"] = _("Give the name of your organisation.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address.")
    if business_id:
        try:
            validate_business_id(business_id)
        except ValidationError as error:
            errors["business_id"] = error.messages
    if not (inquiry.message or "").strip():
        errors["message"] = _("Write a message.")
    if inquiry.consent is not True:
        errors["consent"] = _("We can store your inquiry only with your consent.")
    town = inquiry.town
    if town is None or not getattr(town, "in_network", False):
        errors["town"] = _("Choose a town of the network.")
    if inquiry.language not in LANGUAGES:
        errors["language"] = _("Unknown language.")
    if errors:
        raise ValidationError(errors)
    return Inquiry(
        person_name=person_name[:201],
        organisation_name=organisation_name[:255],
        business_id=business_id,
        email=email,
        phone=(inquiry.phone or "").strip()[:40],
        town=town,
        message=inquiry.message.strip(),
        consent=True,
        consent_text=(inquiry.consent_text or "").strip(),
        language=inquiry.language,
        source=(inquiry.source or "").strip() or LeadSource.INBOUND,
    )


def email_domain(email):
    """The domain of ``email`` when it can identify an organisation, else ''."""
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    return "" if not domain or domain in FREE_MAIL_DOMAINS else domain


def _website_domain(url):
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


def match_organisation(business_id, email):
    """The organisation an inquiry comes from: by Business ID, then by e-mail domain; or None."""
    if business_id:
        found = Organisation.objects.filter(business_id=business_id).first()
        if found:
            return found
    domain = email_domain(email)
    if not domain:
        return None
    by_website = Organisation.objects.filter(website__icontains=domain).order_by("pk")
    candidates = [o for o in by_website if _website_domain(o.website) == domain]
    if not candidates:
        candidates = list(
            Organisation.objects.filter(contacts__email__iendswith=f"@{domain}")
            .distinct()
            .order_by("pk")[:1]
        )
    for organisation in candidates:
        # A different Business ID means a different company behind the same domain (a group).
        if not business_id or not organisation.business_id:
            return organisation
    return None


def _split_name(full_name):
    first, _, last = full_name.rpartition(" ")
    return (first, last) if first else (full_name, "")


def _save_contact(inquiry, organisation):
    first_name, last_name = _split_name(inquiry.person_name)
    contact = (
        Contact.objects.filter(town=inquiry.town, email__iexact=inquiry.email, anonymised_at=None)
        .order_by("pk")
        .first()
    ) or Contact(town=inquiry.town, email=inquiry.email)
    contact.first_name = first_name[:100]
    contact.last_name = last_name[:100]
    contact.organisation = organisation
    contact.phone = inquiry.phone or contact.phone
    contact.legal_basis = LegalBasis.CONSENT
    contact.consent_date = timezone.localdate()
    contact.source = inquiry.source[:150]
    contact.opt_out = False
    contact.save()
    return contact


def _lead_source(source):
    return source if source in LeadSource.values else LeadSource.INBOUND


def _activity_text(inquiry):
    parts = [inquiry.message]
    if inquiry.consent_text:
        parts.append(_("Consent given: %(text)s") % {"text": inquiry.consent_text})
    parts.append(_("Language: %(language)s") % {"language": inquiry.language})
    return "\n\n".join(parts)
