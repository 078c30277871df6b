"""Public URLs of seutu_crm (none yet: the CRM lives in the Wagtail admin)."""

urlpatterns = []
