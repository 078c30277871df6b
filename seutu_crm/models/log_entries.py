"""The audit log of the CRM's town-private models (leads, contacts, activities, tasks).

Wagtail's :class:`~wagtail.models.ModelLogEntry` decides who may read an entry per content
type: anyone with a permission on ``Lead`` would see every town's lead entries (labels such
as "Org – Iisalmi", stage changes, referral reasons) in the site history report. A
:class:`CRMLogEntry` records the town that held the object when the action happened, and
:meth:`CRMLogEntryManager.viewable_by_user` keeps the entries of the user's towns only
(:func:`seutu_crm.scoping.town_ids_for`). The models are routed here with
``log_action_registry.register_model`` in :mod:`seutu_crm.log_actions`.

An object's own history view still lists all its entries (``for_instance``): whoever may
open the object (its permission policy) may read its whole history, e.g. a referred lead's
earlier stages in the referring town.
"""

from django.contrib.auth.models import Permission
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager

from .geography import Town


class CRMLogEntryManager(ModelLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        # The town at the time of the action; callers may name another (``town=``).
        if "town" not in kwargs:
            kwargs.setdefault("town_id", getattr(instance, "town_id", None))
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        from ..scoping import town_ids_for

        if user.is_superuser:
            return self.all()
        return self.filter(
            content_type_id__in=self._content_type_ids_for(user),
            town_id__in=town_ids_for(user),
        )

    def _content_type_ids_for(self, user):
        """The content types of which ``user`` has some model permission (Wagtail's rule).

        Wagtail's own ``viewable_by_user`` caches this on the user under one attribute for
        every log model, computed from the content types of whichever model is asked first;
        ours is kept apart so the answer does not depend on that order.
        """
        cached = getattr(user, "_seutu_crm_log_content_type_ids", None)
        if cached is None:
            used = self.order_by().values_list("content_type_id", flat=True).distinct()
            permissions = Permission.objects.filter(content_type_id__in=used).select_related(
                "content_type"
            )
            cached = {
                permission.content_type_id
                for permission in permissions
                if user.has_perm(f"{permission.content_type.app_label}.{permission.codename}")
            }
            user._seutu_crm_log_content_type_ids = cached
        return cached


class CRMLogEntry(BaseLogEntry):
    """A log entry of a lead, contact, activity or task, readable by its town's members."""

    object_id = models.CharField(max_length=255, blank=False, db_index=True)
    town = models.ForeignKey(
        Town,
        verbose_name=_("town"),
        # Entries of a town that no longer exists are for superusers only.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CRMLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("CRM log entry")
        verbose_name_plural = _("CRM log entries")
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="seutu_crmlog_uuid_action"),
            models.Index(fields=["town", "-timestamp"], name="seutu_crmlog_town_time"),
        ]

    def __str__(self):
        return "CRMLogEntry %d: '%s' on '%s' with id %s" % (
            self.pk,
            self.action,
            self.object_verbose_name,
            self.object_id,
        )
