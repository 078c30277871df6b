"""Spreadsheet cells that a spreadsheet program will not run as formulas (CSV injection).

Excel, LibreOffice and Google Sheets read a CSV cell that begins with ``=``, ``+``, ``-`` or
``@`` — or with a tab or carriage return, which they skip before looking — as a formula. A
visitor who types ``=HYPERLINK("http://evil.example/…")`` as the organisation of an Invest-in
inquiry would otherwise plant a link in a business developer's export. Following OWASP, such a
text cell gets a leading apostrophe, which makes it text. A number from a numeric field (an
``int``, ``float`` or ``Decimal``, e.g. a negative longitude) is left alone: the spreadsheet
reads ``-2.5`` as the number it is, and no formula can hide in it.

:class:`FormulaSafeExportMixin` applies this to every CSV export of a view built on Wagtail's
``SpreadsheetExportMixin``; every CRM, pages and report listing uses it (a test walks the admin
URLs to keep it so). XLSX exports need nothing: Wagtail writes a value that openpyxl would take
for a formula as a text cell, which Excel never runs.

The import undoes exactly this: :func:`unquote_formula` drops one apostrophe before those
characters, so an exported register imports back unchanged and an exported ``'=…`` does not
grow an apostrophe every round trip. (A value that truly begins with ``'=`` cannot be told
apart from an exported ``=``, and imports as ``=…``.)
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def neutralise_formula(value):
    """``value``, with an apostrophe before it when it is text a spreadsheet would run.

    Anything but text — numbers, dates, booleans, None — is returned as it is.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return TEXT_MARK + value
    return value


def unquote_formula(text):
    """Undo :func:`neutralise_formula` on a cell read back from a file."""
    if text.startswith(TEXT_MARK) and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


class FormulaSafeExportMixin:
    """For views with Wagtail's ``SpreadsheetExportMixin``: no CSV cell runs as a formula."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value
