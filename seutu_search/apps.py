from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeutuSearchConfig(AppConfig):
    name = "seutu_search"
    label = "seutu_search"
    verbose_name = _("Seutu search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from . import erasure  # noqa: F401  (erasing a person deletes searches for them)
        from . import handlers

        handlers.connect()  # record changes of indexed records in the search outbox
