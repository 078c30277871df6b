from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeutuCrmConfig(AppConfig):
    name = "seutu_crm"
    label = "seutu_crm"
    verbose_name = _("Seutu CRM")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import checks  # noqa: F401  (registers system checks)
        from .database import enable_secure_delete
        from .ecosystem import invalidation, lead_fit

        invalidation.connect()  # the figures' cache follows the register's changes
        lead_fit.connect()  # a lead's gap fit follows its competences
        connection_created.connect(enable_secure_delete, dispatch_uid="seutu_crm_secure_delete")
