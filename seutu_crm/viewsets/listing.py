"""The snippet listing of the CRM's shared registers: Wagtail's, with formula-safe CSV."""

from wagtail.snippets.views.snippets import IndexView

from ..spreadsheets import FormulaSafeExportMixin


class FormulaSafeIndexView(FormulaSafeExportMixin, IndexView):
    """A listing whose CSV export runs no formula (see :mod:`seutu_crm.spreadsheets`)."""
