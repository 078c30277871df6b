from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeutuPagesConfig(AppConfig):
    name = "seutu_pages"
    label = "seutu_pages"
    verbose_name = _("Seutu pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from . import erasure  # noqa: F401 - scrubs inquiries when the CRM erases a person
