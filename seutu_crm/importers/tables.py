"""Reading a spreadsheet — CSV or XLSX — into a header and numbered rows of text.

Row numbers are the ones a person sees in Excel: the header is row 1, the first data row 2.
Excel's habits are undone here, once, for every importer: a UTF-8 byte-order mark, semicolons
as separators (Finnish Excel), cells that turned into numbers (``91.0`` for ``091``).
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
DELIMITERS = (";", ",", "\t")


class UnreadableFile(Exception):
    """The file is not a CSV or XLSX we can read; the message says why, for the user."""


@dataclass
class Table:
    header: list
    rows: list  # (row number, [cell text, ...])
    warnings: list = field(default_factory=list)


def read_table(data, filename=""):
    """Read ``data`` (bytes) as XLSX when it is one, otherwise as CSV."""
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data):
    warnings = []
    try:
        text = data.decode("utf-8-sig")  # with or without a byte-order mark
    except UnicodeDecodeError:
        # Older Excel saves "CSV" in Windows-1252; every byte decodes, so read it and say so.
        text = data.decode("cp1252", errors="replace")
        warnings.append(
            _("The file is not UTF-8; it was read as Windows-1252. Save it as CSV UTF-8 to be sure.")
        )
    if "\x00" in text:
        raise UnreadableFile(_("The file is not a CSV or XLSX file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file cannot be read: %(error)s") % {"error": error})
    return _table(records, warnings)


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(
            _("The XLSX file cannot be read: %(error)s") % {"error": error}
        ) from error
    try:
        sheet = workbook.worksheets[0]
        records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(records, [])


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value).strip()


def _table(records, warnings):
    records = iter(enumerate(records, start=1))
    for _number, header in records:
        if any(cell.strip() for cell in header):
            break
    else:
        raise UnreadableFile(_("The file is empty."))
    rows = [
        (number, [cell.strip() for cell in cells])
        for number, cells in records
        if any(cell.strip() for cell in cells)
    ]
    return Table(header=[cell.strip().lstrip("\ufeff") for cell in header], rows=rows,
                 warnings=warnings)
