"""E-mails the CRM sends: a new inquiry, a referral received, the digest.

Each message is rendered from overridable templates under ``seutu_crm/emails/`` in the
recipient's language (their Wagtail admin language preference, else ``LANGUAGE_CODE``).
Notifications are sent after the transaction that created the lead commits, and a failing
mail server is logged, never raised: the lead is already safe in the database.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from ..models import Activity, Lead, Referral, Role

logger = logging.getLogger(__name__)


def user_language(user):
    """The language to write to ``user`` in: their admin preference, else the site default."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") if profile else ""
    available = {code for code, _ in settings.LANGUAGES}
    return language if language in available else settings.LANGUAGE_CODE


def admin_url(name="wagtailadmin_home", args=()):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    try:
        return base + reverse(name, args=args)
    except NoReverseMatch:
        return base + reverse("wagtailadmin_home")


def lead_url(lead):
    return admin_url("seutu_leads:inspect", args=[lead.pk])


def town_members(town, roles=None):
    """Active users with an e-mail address who are members of ``town`` (optionally in ``roles``)."""
    memberships = Q(town_memberships__town=town)
    if roles:
        memberships &= Q(town_memberships__role__in=roles)
    return (
        get_user_model()
        .objects.filter(memberships, is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )


def render_message(user, template_prefix, context):
    """(subject, body) for ``user``, rendered in their language."""
    with translation.override(user_language(user)):
        context = {"user": user, **context}
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def send_to_users(users, template_prefix, context):
    """Send one message per user; returns how many were sent. Mail errors are logged, not raised."""
    sent = 0
    for user in users:
        subject, body = render_message(user, template_prefix, context)
        try:
            sent += EmailMessage(subject, body, to=[user.email]).send()
        except Exception:  # noqa: BLE001 - SMTP, DNS, TLS …: the data is already saved
            logger.exception("Could not send %s e-mail to user %s", template_prefix, user.pk)
    return sent


def notify_inquiry(lead_pk, activity_pk):
    """Tell the members of the lead's town about a new inbound inquiry."""
    lead = Lead.objects.select_related("organisation", "town").get(pk=lead_pk)
    activity = Activity.objects.get(pk=activity_pk)
    return send_to_users(
        town_members(lead.town),
        "seutu_crm/emails/inquiry",
        {"lead": lead, "activity": activity, "lead_url": lead_url(lead)},
    )


def notify_referral(referral_pk):
    """Tell the receiving town's members that a lead was referred to them."""
    referral = Referral.objects.select_related(
        "lead__organisation", "from_town", "to_town"
    ).get(pk=referral_pk)
    return send_to_users(
        town_members(referral.to_town, roles=[Role.BUSINESS_DEVELOPER, Role.VIEWER]),
        "seutu_crm/emails/referral",
        {"referral": referral, "lead_url": lead_url(referral.lead)},
    )


def send_digest(user, overdue_tasks, stale_leads):
    """E-mail ``user`` a digest of their overdue tasks and stale leads; returns 1 if sent."""
    context = {
        "overdue_tasks": overdue_tasks,
        "stale_leads": stale_leads,
        "count": len(overdue_tasks) + len(stale_leads),
        "admin_url": admin_url(),
    }
    return send_to_users([user], "seutu_crm/emails/digest", context)
