"""Inbound leads: turn an inquiry (the public Invest-in form, an e-mail) into CRM records.

:func:`receive_inquiry` takes an :class:`Inquiry` and, in one transaction,

1. creates an organisation of its own from what the person typed (not public: a person must
   review it first), a contact of its own (legal basis consent, consent date today, the
   source) in the town the inquiry was addressed to, and a lead in stage "identified" for
   that town, with an activity holding the message;
2. lists in that activity the register's *possible matches* — the organisation with the
   typed Business ID or the sender's e-mail domain (free-mail domains such as gmail.com never
   match), the town's contacts with the same e-mail address — for a business developer to
   check and then link the lead or contact to (the lead and contact forms);
3. after the transaction commits, e-mails the town's members. A failing mail server is
   logged; the lead is kept.

Anybody can type anybody's Business ID and e-mail address into a public form, so an inquiry
never changes a stored organisation or contact, and never adds to an existing lead: a
stranger's message must not land in an organisation's history or rewrite a person's data
(their opt-out, say). A typed Business ID that the register already holds stays off the new
organisation (it is unique) and is named among the matches.

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
# An inquiry lists at most this many matches of each kind: a person checks them by hand.
MAX_MATCHES = 5


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
    """Create organisation, contact and lead for ``inquiry``; returns the Lead."""
    cleaned = _clean(inquiry)
    with transaction.atomic():
        matches = find_matches(cleaned)
        organisation = Organisation(
            name=cleaned.organisation_name,
            business_id=None if matches.business_id_taken else cleaned.business_id or None,
            actor_type=ActorType.COMPANY,
            town=cleaned.town,
            is_public=False,
        )
        organisation.save()
        log(organisation, "wagtail.create", user=None)
        contact = _create_contact(cleaned, organisation)
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
            text=_activity_text(cleaned, matches),
        )
        activity.contacts.add(contact)
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


@dataclass(frozen=True)
class InquiryMatches:
    """What the register already holds that an inquiry may be about: for a person to check."""

    organisations: tuple = ()  # Organisation, by Business ID first, then by e-mail domain
    contacts: tuple = ()  # the town's Contacts with the same e-mail address
    business_id_taken: bool = False


def find_matches(inquiry):
    """The organisations and contacts a (cleaned) inquiry may be about; nothing is changed."""
    by_business_id = (
        list(Organisation.objects.filter(business_id=inquiry.business_id))
        if inquiry.business_id
        else []
    )
    by_domain = [o for o in _organisations_by_domain(inquiry.email) if o not in by_business_id]
    contacts = Contact.objects.filter(
        town=inquiry.town, email__iexact=inquiry.email, anonymised_at=None
    ).select_related("organisation")
    return InquiryMatches(
        organisations=tuple(by_business_id + by_domain),
        contacts=tuple(contacts.order_by("pk")[:MAX_MATCHES]),
        business_id_taken=bool(by_business_id),
    )


def _organisations_by_domain(email):
    """Organisations whose website or contacts' e-mail addresses have the sender's domain."""
    domain = email_domain(email)
    if not domain:
        return []
    by_website = Organisation.objects.filter(website__icontains=domain).order_by("pk")
    found = [o for o in by_website[: MAX_MATCHES * 4] if _website_domain(o.website) == domain]
    if not found:
        found = list(
            Organisation.objects.filter(contacts__email__iendswith=f"@{domain}")
            .distinct()
            .order_by("pk")[:MAX_MATCHES]
        )
    return found[:MAX_MATCHES]


def _split_name(full_name):
    first, _, last = full_name.rpartition(" ")
    return (first, last) if first else (full_name, "")


def _create_contact(inquiry, organisation):
    first_name, last_name = _split_name(inquiry.person_name)
    return Contact.objects.create(
        town=inquiry.town,
        email=inquiry.email,
        first_name=first_name[:100],
        last_name=last_name[:100],
        organisation=organisation,
        phone=inquiry.phone,
        legal_basis=LegalBasis.CONSENT,
        consent_date=timezone.localdate(),
        source=inquiry.source[:150],
    )


def _lead_source(source):
    return source if source in LeadSource.values else LeadSource.INBOUND


def _activity_text(inquiry, matches):
    parts = [inquiry.message]
    if inquiry.consent_text:
        parts.append(_("Consent given: %(text)s") % {"text": inquiry.consent_text})
    parts.append(_("Language: %(language)s") % {"language": inquiry.language})
    if inquiry.business_id:
        parts.append(_("Business ID given: %(business_id)s") % {"business_id": inquiry.business_id})
    lines = [_describe_organisation(o) for o in matches.organisations]
    lines += [_describe_contact(c) for c in matches.contacts]
    if lines:
        parts.append(
            _(
                "Possible matches in the register. The inquiry did not change them; check "
                "and, if it is the same, choose it on this lead or its contact:"
            )
            + "\n"
            + "\n".join(f"- {line}" for line in lines)
        )
    return "\n\n".join(parts)


def _describe_organisation(organisation):
    if organisation.business_id:
        return _("organisation %(name)s (Business ID %(business_id)s)") % {
            "name": organisation.name,
            "business_id": organisation.business_id,
        }
    return _("organisation %(name)s") % {"name": organisation.name}


def _describe_contact(contact):
    return _("contact %(name)s, %(email)s") % {"name": contact.full_name, "email": contact.email}
