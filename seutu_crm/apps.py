from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeutuCrmConfig(AppConfig):
    name = "seutu_crm"
    label = "seutu_crm"
    verbose_name = _("Seutu CRM")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
